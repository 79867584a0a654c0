# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class DonAgendaItemGuest(models.Model):
    """A guest of the flexible shell for one agenda item (not the whole
    meeting): invited in the calendar for that part, and, once the
    confidentiality statement is confirmed, given the item (a guest who is a
    DON user sees it) and an extract of the minutes with only the items they
    attended."""

    _name = "don.agenda.item.guest"
    _description = "Guest for an agenda item"
    _order = "item_id, id"

    item_id = fields.Many2one("don.agenda.item", required=True, index=True, ondelete="cascade")
    meeting_id = fields.Many2one(related="item_id.meeting_id", store=True, index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Guest",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('id', 'in', shell_partner_ids)]",
    )
    shell_partner_ids = fields.Many2many(related="meeting_id.kernteam_id.shell_partner_ids")
    user_id = fields.Many2one(
        "res.users",
        string="DON user",
        compute="_compute_user_id",
        store=True,
        index="btree_not_null",
        help="The guest's own login, when they have one: the extract is rendered as them.",
    )
    confirmed_date = fields.Datetime(
        string="Confidentiality confirmed on", readonly=True, copy=False
    )
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmation recorded by", readonly=True, copy=False
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    extract_sent_date = fields.Datetime(string="Extract sent on", readonly=True, copy=False)

    _sql_constraints = [
        ("item_partner_uniq", "unique(item_id, partner_id)", "This guest is already invited."),
    ]

    @api.depends("partner_id.user_ids.share", "partner_id.user_ids.active")
    def _compute_user_id(self):
        for guest in self:
            users = guest.partner_id.with_context(active_test=True).user_ids
            guest.user_id = users.filtered(lambda u: not u.share)[:1]

    @api.constrains("partner_id", "item_id")
    def _check_shell(self):
        for guest in self:
            if guest.partner_id not in guest.meeting_id.kernteam_id.shell_partner_ids:
                raise ValidationError(
                    _("Guests come from the flexible shell of the Kernteam: add them there first.")
                )

    # ------------------------------------------------------------------
    # Calendar: the guest is invited for the part of their item.
    # ------------------------------------------------------------------
    def _slot(self):
        """Start and stop of the item within the meeting: the meeting's
        duration shared over its agenda items, in agenda order."""
        self.ensure_one()
        meeting = self.meeting_id
        items = meeting.agenda_item_ids
        count = max(len(items), 1)
        index = items.ids.index(self.item_id.id) if self.item_id in items else 0
        length = timedelta(hours=(meeting.duration or 1) / count)
        start = meeting.date + length * index
        return start, start + length

    def _calendar_values(self):
        self.ensure_one()
        start, stop = self._slot()
        meeting = self.meeting_id
        return {
            "name": _("Kernteam meeting %(team)s (one agenda item)", team=meeting.kernteam_id.name),
            "start": start,
            "stop": stop,
            "location": meeting.location or meeting.kernteam_id.location,
            "partner_ids": [fields.Command.set(self.partner_id.ids)],
            "privacy": "private",
            "user_id": self.env.user.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        items = self.env["don.agenda.item"].browse({v["item_id"] for v in vals_list})
        # Inviting a guest changes the meeting: the user must be allowed to.
        items.meeting_id.check_access("write")
        items._check_meeting_editable(items.meeting_id)
        guests = super().create(vals_list)
        for guest in guests:
            # sudo: the event carries no case information (team, time, place,
            # the guest) and must reach the guest's calendar; the rights on
            # the meeting were checked above.
            guest.calendar_event_id = (
                self.env["calendar.event"]
                .sudo()
                .with_context(no_mail_to_attendees=True)
                .create(guest._calendar_values())
            )
        self.env["don.access"]._recompute("don.agenda.item", items.ids)
        return guests

    def unlink(self):
        self.meeting_id.check_access("write")
        items = self.item_id
        # sudo: as in create, the events hold no case information.
        self.calendar_event_id.sudo().unlink()
        result = super().unlink()
        self.env["don.access"]._recompute("don.agenda.item", items.ids)
        return result

    # ------------------------------------------------------------------
    # Confidentiality statement
    # ------------------------------------------------------------------
    def action_confirm_confidentiality(self):
        """The guest confirms the confidentiality statement (themselves, or
        the project leader records their signed statement). Only then is the
        item opened to them."""
        for guest in self:
            own = guest.user_id == self.env.user
            if not own:
                if not self.env.user.has_group("don_core.group_don_projectleider"):
                    raise UserError(
                        _("Only the guest or the project leader records the confirmation.")
                    )
                guest.meeting_id.check_access("write")
            if guest.confirmed_date:
                continue
            # sudo: the confirmation fields are written by the system only
            # (see write), after the check above that this is the guest
            # themselves or the project leader of this meeting.
            guest.sudo().write(
                {"confirmed_date": fields.Datetime.now(), "confirmed_by_id": self.env.uid}
            )
        self.env["don.access"]._recompute("don.agenda.item", self.item_id.ids)
        return True

    def write(self, vals):
        if not self.env.su and {"confirmed_date", "confirmed_by_id", "item_id"} & set(vals):
            message = _(
                "The confirmation is recorded with the button, and a guest stays with their item."
            )
            raise UserError(message)
        if "partner_id" in vals:
            self.meeting_id.check_access("write")
        result = super().write(vals)
        if "partner_id" in vals:
            # Another person: the confirmation does not carry over.
            self.sudo().write({"confirmed_date": False, "confirmed_by_id": False})
            self.env["don.access"]._recompute("don.agenda.item", self.item_id.ids)
        return result
