# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

MEETING_STATES = [
    ("planned", "Planned"),
    ("agenda_sent", "Agenda sent"),
    ("held", "Held"),
    ("approved", "Minutes approved"),
    ("cancelled", "Cancelled"),
]


class DonMeeting(models.Model):
    """A Kernteam meeting, with its calendar event, agenda and minutes.

    Visible to the members of its Kernteam (the OM agenda member only when
    invited) and to the attendees; its agenda items follow the cases they
    concern on top of that."""

    _name = "don.meeting"
    _inherit = ["don.secured.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Kernteam meeting"
    _order = "date desc, id desc"

    _don_access_fields = ("company_id", "kernteam_id", "attendee_ids")
    # The members of the team (joining or leaving recomputes at once).
    _don_access_inputs = {
        "don.kernteam.member": ("kernteam_id", "user_id", "active", "is_agenda_member"),
    }

    name = fields.Char(compute="_compute_name", store=True)
    kernteam_id = fields.Many2one("don.kernteam", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="kernteam_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, tracking=True, index=True)
    duration = fields.Float(default=lambda self: self._default_duration())
    location = fields.Char()
    state = fields.Selection(MEETING_STATES, required=True, default="planned", tracking=True)
    attendee_ids = fields.Many2many(
        "res.users",
        "don_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Invited",
    )
    absentee_ids = fields.Many2many(
        "res.users",
        "don_meeting_absentee_rel",
        "meeting_id",
        "user_id",
        string="Absent",
        domain="[('id', 'in', attendee_ids)]",
    )
    guest_partner_ids = fields.Many2many(
        "res.partner",
        "don_meeting_guest_partner_rel",
        "meeting_id",
        "partner_id",
        string="Guests from the flexible shell",
    )
    agenda_item_ids = fields.One2many("don.agenda.item", "meeting_id", string="Agenda")
    minutes = fields.Html(string="General minutes", sanitize_style=True)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    previous_meeting_id = fields.Many2one("don.meeting", compute="_compute_previous_meeting")

    @api.model
    def _default_duration(self):
        team = self.env["don.kernteam"].browse(self.env.context.get("default_kernteam_id"))
        return team.duration or 1.5

    @api.depends("kernteam_id.name", "date")
    def _compute_name(self):
        for meeting in self:
            local = (
                fields.Datetime.context_timestamp(meeting, meeting.date) if meeting.date else None
            )
            day = fields.Date.to_string(local.date()) if local else ""
            meeting.name = _("%(team)s %(date)s", team=meeting.kernteam_id.name or "", date=day)

    def _compute_previous_meeting(self):
        for meeting in self:
            meeting.previous_meeting_id = self.search(
                [
                    ("kernteam_id", "=", meeting.kernteam_id.id),
                    ("date", "<", meeting.date),
                    ("state", "in", ("held", "approved")),
                ],
                order="date desc",
                limit=1,
            )

    # ------------------------------------------------------------------
    # Access relation: the team's members (OM agenda member only when
    # invited) and the invited.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        return SQL(
            """EXISTS (SELECT 1 FROM don_meeting_attendee_rel r
                        WHERE r.meeting_id = rec.id AND r.user_id = u.id)
               OR EXISTS (SELECT 1 FROM don_kernteam_member km
                           WHERE km.kernteam_id = rec.kernteam_id AND km.user_id = u.id
                             AND km.active AND NOT km.is_agenda_member)"""
        )

    def _don_input_scope(self, model_name):
        # The cases on the agenda of these meetings (the agenda member's need
        # to know), also items the current user does not see.
        if not self.ids:
            return []
        self.env.cr.execute(
            "SELECT DISTINCT case_id FROM don_agenda_item WHERE meeting_id IN %s"
            " AND case_id IS NOT NULL",
            [tuple(self.ids)],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    # ------------------------------------------------------------------
    # Calendar
    # ------------------------------------------------------------------
    def _calendar_values(self):
        self.ensure_one()
        return {
            "name": _("Kernteam meeting %(team)s", team=self.kernteam_id.name),
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration or 1),
            "location": self.location or self.kernteam_id.location,
            "partner_ids": [fields.Command.set(self.attendee_ids.partner_id.ids)],
            "privacy": "private",
            "user_id": self.env.user.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        for meeting in meetings:
            # sudo: the calendar event carries no case information (title,
            # time, place, invitees) and must reach the invitees' calendars.
            meeting.calendar_event_id = (
                self.env["calendar.event"]
                .sudo()
                .with_context(no_mail_to_attendees=True)
                .create(meeting._calendar_values())
            )
        return meetings

    def write(self, vals):
        result = super().write(vals)
        if {"date", "duration", "attendee_ids", "location"} & set(vals):
            for meeting in self.filtered("calendar_event_id"):
                # sudo: as in create, the event holds no case information.
                meeting.calendar_event_id.sudo().write(meeting._calendar_values())
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_planned(self):
        if self.filtered(lambda m: m.state in ("held", "approved")):
            raise UserError(_("A meeting that was held is part of the record: cancel it instead."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_prepare_agenda(self):
        """Propose agenda items from open work (see _don_agenda_proposals)."""
        for meeting in self:
            if meeting.state not in ("planned", "agenda_sent"):
                raise UserError(_("The agenda of a meeting that was held cannot be prepared."))
            existing = {
                (item.source, item.case_id.id, item.action_task_id.id, item.origin_item_id.id)
                for item in meeting.agenda_item_ids
            }
            new_vals = []
            for vals in meeting._don_agenda_proposals():
                key = (
                    vals.get("source"),
                    vals.get("case_id", False),
                    vals.get("action_task_id", False),
                    vals.get("origin_item_id", False),
                )
                if key not in existing:
                    existing.add(key)
                    new_vals.append(dict(vals, meeting_id=meeting.id))
            self.env["don.agenda.item"].create(new_vals)
        return True

    def _don_agenda_proposals(self):
        """Agenda proposals as lists of don.agenda.item values. Extend with
        super() to add sources (don_signalen adds new signals)."""
        self.ensure_one()
        since = self.previous_meeting_id.date or (self.date - timedelta(days=14))
        proposals = []
        Case = self.env["don.case"]
        # Cases with new or changed information since the previous meeting,
        # counted over every domain: only the fact is proposed, no content.
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT DISTINCT case_id FROM don_case_note
                WHERE write_date > %s AND case_id IS NOT NULL
               UNION SELECT DISTINCT case_id FROM don_intervention
                WHERE write_date > %s AND case_id IS NOT NULL""",
            [since, since],
        )
        changed = Case.search(
            [
                ("id", "in", [row[0] for row in self.env.cr.fetchall()]),
                ("company_id", "=", self.company_id.id),
                ("stage", "!=", "afgesloten"),
            ]
        )
        for case in changed:
            proposals.append(
                {
                    "kind": "case",
                    "case_id": case.id,
                    "phase": "analyse",
                    "source": "new_information",
                    "name": _("New or changed information"),
                }
            )
        # Open decisions: items of earlier meetings that were not decided.
        open_items = self.env["don.agenda.item"].search(
            [
                ("meeting_id.kernteam_id", "=", self.kernteam_id.id),
                ("meeting_id.date", "<", self.date),
                ("state", "=", "open"),
                ("meeting_id.state", "in", ("held", "approved")),
            ]
        )
        for item in open_items:
            proposals.append(
                {
                    "kind": item.kind,
                    "case_id": item.case_id.id,
                    "phase": "besluitvorming",
                    "source": "open_decision",
                    "origin_item_id": item.id,
                    "name": item.name,
                }
            )
        # Actions past their deadline.
        if self.kernteam_id.project_id:
            overdue = self.env["project.task"].search(
                [
                    ("project_id", "=", self.kernteam_id.project_id.id),
                    ("don_agenda_item_id", "!=", False),
                    ("is_closed", "=", False),
                    ("date_deadline", "<", self.date),
                ]
            )
            for task in overdue:
                proposals.append(
                    {
                        "kind": "case" if task.don_case_id else "general",
                        "case_id": task.don_case_id.id,
                        "phase": "actie",
                        "source": "overdue_action",
                        "action_task_id": task.id,
                        "name": _("Overdue action: %(action)s", action=task.name),
                    }
                )
        # Cases due for evaluation.
        due = Case.search(
            [
                ("company_id", "=", self.company_id.id),
                ("stage", "!=", "afgesloten"),
                ("evaluation_date", "!=", False),
                ("evaluation_date", "<=", self.date.date()),
            ]
        )
        for case in due:
            proposals.append(
                {
                    "kind": "case",
                    "case_id": case.id,
                    "phase": "evaluatie",
                    "source": "evaluation_due",
                    "name": _("Evaluation due"),
                }
            )
        return proposals

    def action_send_agenda(self):
        for meeting in self:
            if not meeting.agenda_item_ids:
                raise UserError(_("The agenda is empty: prepare or add items first."))
            meeting.state = "agenda_sent"
            meeting.message_post(
                body=_("The agenda was sent to the invited members."),
                partner_ids=meeting.attendee_ids.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_mark_held(self):
        self.write({"state": "held"})
        return True

    def action_approve_minutes(self):
        for meeting in self:
            if meeting.state != "held":
                raise UserError(_("Only the minutes of a meeting that was held can be approved."))
            if not self.env.user.has_group("don_core.group_don_projectleider"):
                raise UserError(_("The project leader approves the minutes."))
        self.write({"state": "approved"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        # sudo: the write above proved the right to change these meetings;
        # their calendar events (no case information) go with them.
        self.calendar_event_id.sudo().unlink()
        return True
