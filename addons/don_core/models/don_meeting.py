# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from .don_agenda_item import CYCLE_PHASES, INFORMATION_MODELS, ITEM_STATES, PHASE_ORDER

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
    approved_date = fields.Datetime(string="Minutes approved on", readonly=True, copy=False)
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
    # The covenant per meeting: from the Kernteam, adaptable per meeting.
    purpose = fields.Text(compute="_compute_covenant", store=True, readonly=False)
    legal_basis_id = fields.Many2one(
        "don.legal.basis",
        string="Covenant",
        compute="_compute_covenant",
        store=True,
        readonly=False,
        ondelete="restrict",
    )
    shared_data = fields.Text(
        string="Data that may be shared", compute="_compute_covenant", store=True, readonly=False
    )
    item_guest_ids = fields.One2many(
        "don.agenda.item.guest", "meeting_id", string="Guests per item"
    )
    minutes = fields.Html(string="General minutes", sanitize_style=True)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    previous_meeting_id = fields.Many2one("don.meeting", compute="_compute_previous_meeting")
    undecided_item_count = fields.Integer(compute="_compute_undecided_item_count")
    # Meeting mode: the item being discussed, shown on the meeting itself so
    # that the project leader steps through the agenda on one screen.
    mode_item_id = fields.Many2one(
        "don.agenda.item",
        string="Item under discussion",
        copy=False,
        domain="[('meeting_id', '=', id)]",
    )
    mode_position = fields.Char(compute="_compute_mode", string="Item")
    mode_name = fields.Char(compute="_compute_mode", string="Topic")
    mode_subject = fields.Char(compute="_compute_mode", string="About")
    mode_reason = fields.Char(compute="_compute_mode", string="Proposed because")
    mode_phase = fields.Selection(CYCLE_PHASES, compute="_compute_mode", string="Cycle phase")
    mode_discussion = fields.Text(
        compute="_compute_mode", inverse="_inverse_mode_discussion", string="Discussed"
    )
    mode_decision = fields.Text(
        compute="_compute_mode", inverse="_inverse_mode_decision", string="Decision"
    )
    mode_state = fields.Selection(ITEM_STATES, compute="_compute_mode", string="Outcome")
    mode_action_ids = fields.Many2many(
        "project.task", compute="_compute_mode", string="Actions of this item"
    )

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
            # The date as the municipality writes it (1-12-2026 in Dutch),
            # not ISO: the name is stored, so in the municipality's language.
            lang = meeting.kernteam_id.company_id.partner_id.lang or self.env.lang
            day = format_date(self.env, local.date(), lang_code=lang) if local else ""
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

    @api.depends("kernteam_id")
    def _compute_covenant(self):
        for meeting in self:
            team = meeting.kernteam_id
            meeting.purpose = meeting.purpose or team.purpose
            meeting.legal_basis_id = meeting.legal_basis_id or team.legal_basis_id
            meeting.shared_data = meeting.shared_data or team.shared_data

    @api.depends("agenda_item_ids.state")
    def _compute_undecided_item_count(self):
        for meeting in self:
            meeting.undecided_item_count = len(
                meeting.agenda_item_ids.filtered(lambda i: i.state == "open")
            )

    # ------------------------------------------------------------------
    # Meeting mode
    # ------------------------------------------------------------------
    def _mode_items(self):
        """The agenda items the current user may see, in agenda order."""
        self.ensure_one()
        return self.env["don.agenda.item"].search([("meeting_id", "=", self.id)])

    @api.depends_context("uid")
    @api.depends(
        "mode_item_id.name",
        "mode_item_id.discussion",
        "mode_item_id.decision",
        "mode_item_id.state",
        "mode_item_id.action_ids",
    )
    def _compute_mode(self):
        for meeting in self:
            # Read as the user: an item they may not see stays empty.
            item = meeting.mode_item_id._filtered_access("read")
            items = meeting._mode_items() if item else item
            meeting.mode_position = (
                _("%(index)s of %(count)s", index=items.ids.index(item.id) + 1, count=len(items))
                if item in items and item
                else False
            )
            meeting.mode_name = item.name
            meeting.mode_subject = item.subject
            meeting.mode_reason = item.reason
            meeting.mode_phase = item.phase
            meeting.mode_discussion = item.discussion
            meeting.mode_decision = item.decision
            meeting.mode_state = item.state
            meeting.mode_action_ids = item.action_ids

    def _inverse_mode_discussion(self):
        for meeting in self.filtered("mode_item_id"):
            # Written as the user: the ORM checks their rights on the item.
            meeting.mode_item_id.discussion = meeting.mode_discussion

    def _inverse_mode_decision(self):
        for meeting in self.filtered("mode_item_id"):
            meeting.mode_item_id.decision = meeting.mode_decision

    def action_meeting_mode(self):
        """Step through the agenda on one screen, item by item."""
        self.ensure_one()
        items = self._mode_items()
        if not items:
            raise UserError(_("The agenda is empty: prepare or add items first."))
        if self.mode_item_id not in items:
            self.mode_item_id = items[0]
        return {
            "type": "ir.actions.act_window",
            "name": _("Meeting mode"),
            "res_model": "don.meeting",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("don_core.don_meeting_view_form_mode").id, "form")],
            "target": "current",
        }

    def _mode_step(self, step):
        self.ensure_one()
        items = self._mode_items()
        if not items:
            return True
        index = items.ids.index(self.mode_item_id.id) if self.mode_item_id in items else -step
        self.mode_item_id = items[max(0, min(len(items) - 1, index + step))]
        return True

    def action_mode_next(self):
        return self._mode_step(1)

    def action_mode_previous(self):
        return self._mode_step(-1)

    def _mode_outcome(self, state):
        self.ensure_one()
        if not self.mode_item_id:
            raise UserError(_("Choose the item under discussion first."))
        self.mode_item_id.state = state
        return self._mode_step(1)

    def action_mode_decide(self):
        return self._mode_outcome("decided")

    def action_mode_hold(self):
        return self._mode_outcome("on_hold")

    def action_mode_postpone(self):
        return self._mode_outcome("postponed")

    def action_mode_add_action(self):
        self.ensure_one()
        if not self.mode_item_id:
            raise UserError(_("Choose the item under discussion first."))
        return self.mode_item_id.action_add_action()

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
    def _don_print_consulted(self):
        """The cases whose information a printed agenda or minutes of these
        meetings shows the reader (read through their access)."""
        return self.env["don.case"].search([("agenda_item_ids.meeting_id", "in", self.ids)])

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
        """Propose agenda items from open work (see _don_agenda_proposals):
        one item per thing to discuss, the reasons of duplicates merged."""
        Item = self.env["don.agenda.item"]
        for meeting in self:
            if meeting.state not in ("planned", "agenda_sent"):
                raise UserError(_("The agenda of a meeting that was held cannot be prepared."))
            existing = {item._subject_key(): item for item in meeting.agenda_item_ids}
            merged = {}
            for vals in meeting._don_agenda_proposals():
                key = Item._proposal_key(vals)
                source = vals.get("source", "manual")
                if key in existing:
                    item = existing[key]
                    keys = (item.reason_keys or "").split(",")
                    if item.state == "open" and source not in keys:
                        item.reason_keys = ",".join(k for k in [*keys, source] if k)
                    continue
                if key in merged:
                    first = merged[key]
                    if source not in first["reason_keys"].split(","):
                        first["reason_keys"] += "," + source
                    if PHASE_ORDER[vals.get("phase", "signalering")] < PHASE_ORDER[first["phase"]]:
                        first["phase"] = vals["phase"]
                    for field in ("action_task_id", "origin_item_id"):
                        if vals.get(field) and not first.get(field):
                            first[field] = vals[field]
                    continue
                merged[key] = dict(
                    vals,
                    meeting_id=meeting.id,
                    source=source,
                    reason_keys=source,
                    phase=vals.get("phase", "signalering"),
                    proposed_since=meeting._proposal_since(),
                )
            new_vals = sorted(
                merged.values(),
                key=lambda v: (PHASE_ORDER[v["phase"]], v.get("sort_key", ""), v["name"]),
            )
            for index, vals in enumerate(new_vals):
                vals.pop("sort_key", None)
                vals["sequence"] = 100 + index
            Item.create(new_vals)
        return True

    def _proposal_since(self):
        """Information recorded after this moment is new for this meeting:
        the previous meeting that was held, or two weeks before."""
        self.ensure_one()
        return self.previous_meeting_id.date or (self.date - timedelta(days=14))

    def _next_open_meeting(self):
        """The next planned meeting of the same Kernteam."""
        self.ensure_one()
        return self.search(
            [
                ("kernteam_id", "=", self.kernteam_id.id),
                ("date", ">", self.date),
                ("state", "in", ("planned", "agenda_sent")),
            ],
            order="date",
            limit=1,
        )

    def _don_changed_case_ids(self, since):
        """Ids of the cases of this meeting's municipality with information
        recorded since ``since`` and dated since that day (over every
        domain: only the fact is proposed, never the content). A write that
        only touches a record (sharing, followers, an import) does not count."""
        self.ensure_one()
        self.env.flush_all()
        queries = []
        for model_name, date_field in INFORMATION_MODELS:
            table = self.env[model_name]._table
            queries.append(
                SQL(
                    "SELECT case_id FROM %s WHERE case_id IS NOT NULL"
                    " AND create_date > %s AND %s >= %s",
                    SQL.identifier(table),
                    since,
                    SQL.identifier(date_field),
                    since.date(),
                )
            )
        self.env.cr.execute(SQL(" UNION ").join(queries))
        return [row[0] for row in self.env.cr.fetchall()]

    def _don_agenda_proposals(self):
        """Agenda proposals as lists of don.agenda.item values. Extend with
        super() to add sources (don_signalen adds new signals). Proposals
        about the same thing (the same case, group, action) are merged into
        one item by action_prepare_agenda."""
        self.ensure_one()
        since = self._proposal_since()
        proposals = []
        Case = self.env["don.case"]
        open_case = [("company_id", "=", self.company_id.id), ("stage", "!=", "afgesloten")]
        changed = Case.search(
            [("id", "in", self._don_changed_case_ids(since)), *open_case], order="reference"
        )
        for case in changed:
            proposals.append(
                {
                    "kind": "case",
                    "case_id": case.id,
                    "phase": "analyse",
                    "source": "new_information",
                    "name": _("New information on %(case)s", case=case.reference),
                    "sort_key": case.reference,
                }
            )
        # Undecided items of earlier meetings that were not carried over yet.
        Item = self.env["don.agenda.item"]
        open_items = Item.search(
            [
                ("meeting_id.kernteam_id", "=", self.kernteam_id.id),
                ("meeting_id.date", "<", self.date),
                ("state", "in", ("open", "on_hold", "postponed")),
                ("meeting_id.state", "in", ("held", "approved")),
            ],
            order="meeting_id, phase_sequence, sequence",
        )
        carried = set(Item.search([("origin_item_id", "in", open_items.ids)]).origin_item_id.ids)
        for item in open_items:
            if item.id in carried:
                continue
            proposals.append(
                dict(
                    item._carry_over_values(self),
                    phase="besluitvorming",
                    sort_key=item.subject or item.name,
                )
            )
        # Actions past their deadline.
        if self.kernteam_id.project_id:
            overdue = self.env["project.task"].search(
                [
                    ("project_id", "=", self.kernteam_id.project_id.id),
                    ("don_agenda_item_id", "!=", False),
                    ("is_closed", "=", False),
                    ("date_deadline", "<", self.date),
                ],
                order="date_deadline, id",
            )
            for task in overdue:
                kind = "case" if task.don_case_id else "group" if task.don_group_id else "general"
                reference = task.don_case_id.reference
                name = (
                    _("Overdue action on %(case)s", case=reference)
                    if reference
                    else _("Overdue action: %(action)s", action=task.name)
                )
                proposals.append(
                    {
                        "kind": kind,
                        "case_id": task.don_case_id.id,
                        "group_id": task.don_group_id.id,
                        "phase": "actie",
                        "source": "overdue_action",
                        "action_task_id": task.id,
                        "name": name,
                        "sort_key": reference or task.name,
                    }
                )
        # Cases due for evaluation.
        due = Case.search(
            [
                *open_case,
                ("evaluation_date", "!=", False),
                ("evaluation_date", "<=", self.date.date()),
            ],
            order="reference",
        )
        for case in due:
            proposals.append(
                {
                    "kind": "case",
                    "case_id": case.id,
                    "phase": "evaluatie",
                    "source": "evaluation_due",
                    "name": _("Evaluation of %(case)s", case=case.reference),
                    "sort_key": case.reference,
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

    def action_open_approve_wizard(self):
        """Ask for confirmation, listing the items that were not decided."""
        self.ensure_one()
        if self.state != "held":
            raise UserError(_("Only the minutes of a meeting that was held can be approved."))
        wizard = self.env["don.meeting.approve.wizard"].create({"meeting_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Approve minutes"),
            "res_model": "don.meeting.approve.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_approve_minutes(self):
        for meeting in self:
            if meeting.state != "held":
                raise UserError(_("Only the minutes of a meeting that was held can be approved."))
            if not self.env.user.has_group("don_core.group_don_projectleider"):
                raise UserError(_("The project leader approves the minutes."))
        # Postponed items move to the next meeting before the minutes close.
        self.agenda_item_ids._carry_over()
        self.write({"state": "approved", "approved_date": fields.Datetime.now()})
        self._post_decisions_on_cases()
        return True

    def _post_decisions_on_cases(self):
        """A decision on a case lands on that case (its chatter, readable by
        who may read the case), once the minutes are approved."""
        for item in self.agenda_item_ids.filtered(
            lambda i: i.case_id and i.state == "decided" and i.decision
        ):
            item.case_id.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "Kernteam decision (%(meeting)s, %(topic)s):",
                        meeting=item.meeting_id.name,
                        topic=item.name,
                    ),
                    item.decision,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Extracts of the minutes for the guests of the flexible shell
    # ------------------------------------------------------------------
    def _render_extract(self, partner):
        """The extract for one guest: only the items they attended and
        confirmed the confidentiality statement for, rendered as the guest
        when they have a login (their rights decide what is in it), else as
        the sending project leader."""
        self.ensure_one()
        guests = self.item_guest_ids.filtered(
            lambda g: g.partner_id == partner and g.confirmed_date
        )
        reader = guests.user_id[:1] or self.env.user
        report = self.env["ir.actions.report"].with_user(reader)
        pdf, _fmt = report._render_qweb_pdf(
            "don_core.action_report_don_meeting_extract", guests.ids
        )
        return pdf

    def action_send_extracts(self):
        """Send each confirmed guest the extract of the items they attended."""
        self.ensure_one()
        if self.state != "approved":
            raise UserError(_("Extracts are sent once the minutes are approved."))
        if not self.env.user.has_group("don_core.group_don_projectleider"):
            raise UserError(_("The project leader sends the extracts."))
        self.check_access("write")
        guests = self.item_guest_ids.filtered("confirmed_date")
        if not guests:
            raise UserError(_("No guest confirmed the confidentiality statement."))
        for partner in guests.partner_id:
            if not partner.email:
                raise UserError(_("%(guest)s has no e-mail address.", guest=partner.name))
            pdf = self._render_extract(partner)
            name = _("Extract %(meeting)s.pdf", meeting=self.name)
            attachment = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
            # A direct e-mail to the guest (no message in the meeting's chatter).
            # sudo: mail.mail has no access rights for DON users; the content is
            # the extract rendered above as its reader.
            self.env["mail.mail"].sudo().create(
                {
                    "subject": _("Extract of the minutes: %(meeting)s", meeting=self.name),
                    "body_html": Markup("<p>%s</p>")
                    % _(
                        "Attached is the extract of the minutes of the Kernteam meeting, "
                        "with the items you attended. Confidential: do not forward."
                    ),
                    "email_to": partner.email,
                    "recipient_ids": [fields.Command.set(partner.ids)],
                    "attachment_ids": [fields.Command.set(attachment.ids)],
                    "auto_delete": True,
                }
            )
            guests.filtered(lambda g, p=partner: g.partner_id == p).write(
                {"extract_sent_date": fields.Datetime.now()}
            )
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        # sudo: the write above proved the right to change these meetings;
        # their calendar events (no case information) go with them.
        self.calendar_event_id.sudo().unlink()
        return True
