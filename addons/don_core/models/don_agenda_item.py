# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date

CYCLE_PHASES = [
    ("signalering", "Signalling"),
    ("analyse", "Analysis"),
    ("besluitvorming", "Decision making"),
    ("actie", "Action"),
    ("evaluatie", "Evaluation"),
]
PHASE_ORDER = {key: index for index, (key, _label) in enumerate(CYCLE_PHASES)}
ITEM_KINDS = [
    ("case", "Case"),
    ("group", "Group"),
    ("neighbourhood", "Neighbourhood"),
    ("general", "General topic"),
]
ITEM_STATES = [
    ("open", "Open"),
    ("decided", "Decided"),
    ("on_hold", "Held over"),
    ("postponed", "Moved to the next meeting"),
]
# Contributions that count as new information on a case: (model, date field).
INFORMATION_MODELS = [
    ("don.case.note", "date"),
    ("don.case.factor", "date"),
    ("don.intervention", "date_start"),
]
ITEM_SOURCES = [
    ("manual", "Added by hand"),
    ("new_information", "New or changed information"),
    ("open_decision", "Open decision"),
    ("overdue_action", "Overdue action"),
    ("evaluation_due", "Evaluation due"),
]


class DonAgendaItem(models.Model):
    """An item on a Kernteam agenda: a case, a group or neighbourhood topic,
    or a general topic, with its phase in the cycle, what was discussed, the
    decision and the resulting actions.

    Visible to who may see the meeting and, for a case item, the case."""

    _name = "don.agenda.item"
    _inherit = ["don.secured.mixin"]
    _description = "Agenda item"
    _order = "meeting_id, phase_sequence, sequence, id"

    _don_access_fields = ("meeting_id", "case_id", "company_id")
    _don_access_follows = (("don.meeting", "meeting_id"), ("don.case", "case_id"))
    # A confirmed guest of the item (from the flexible shell) sees it: the
    # guests are an input, recomputed by don.agenda.item.guest itself.
    _don_access_inputs = {"don.agenda.item.guest": ("item_id", "user_id", "confirmed_date")}

    meeting_id = fields.Many2one("don.meeting", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting state")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(ITEM_KINDS, required=True, default="case")
    case_id = fields.Many2one("don.case", index=True, ondelete="restrict")
    group_id = fields.Many2one("don.group", index="btree_not_null", ondelete="restrict")
    neighbourhood_id = fields.Many2one(
        "don.neighbourhood", index="btree_not_null", ondelete="restrict"
    )
    name = fields.Char(string="Topic", required=True)
    subject = fields.Char(
        compute="_compute_subject",
        help="The case, group, neighbourhood or signal this item is about, by its reference.",
    )
    phase = fields.Selection(
        CYCLE_PHASES, string="Cycle phase", required=True, default="signalering"
    )
    phase_sequence = fields.Integer(compute="_compute_phase_sequence", store=True)
    source = fields.Selection(ITEM_SOURCES, required=True, default="manual", readonly=True)
    reason_keys = fields.Char(
        readonly=True,
        help="Technical: every reason this item was proposed for (sources, comma separated).",
    )
    proposed_since = fields.Datetime(
        readonly=True, help="Information recorded after this moment counted as new."
    )
    reason = fields.Char(
        compute="_compute_reason",
        help="Why this item was proposed: kinds and numbers of what you may see, no content.",
    )
    origin_item_id = fields.Many2one(
        "don.agenda.item", string="Carried over from", readonly=True, index="btree_not_null"
    )
    discussion = fields.Text(string="Discussed")
    decision = fields.Text()
    state = fields.Selection(ITEM_STATES, string="Outcome", required=True, default="open")
    action_ids = fields.One2many("project.task", "don_agenda_item_id", string="Actions")
    guest_ids = fields.One2many(
        "don.agenda.item.guest", "item_id", string="Guests from the flexible shell"
    )
    plan_goal_ids = fields.One2many(
        "don.case.goal", "agreed_item_id", string="Goals of the plan agreed here"
    )
    action_task_id = fields.Many2one(
        "project.task", string="Overdue action", readonly=True, ondelete="set null"
    )

    @api.depends("phase")
    def _compute_phase_sequence(self):
        for item in self:
            item.phase_sequence = PHASE_ORDER.get(item.phase, 0)

    @api.depends("kind", "case_id", "group_id", "neighbourhood_id")
    def _compute_subject(self):
        for item in self:
            item.subject = item._subject_record().display_name or ""

    def _subject_record(self):
        """The record this item is about (a case, group, neighbourhood)."""
        self.ensure_one()
        return self.case_id or self.group_id or self.neighbourhood_id

    def _subject_key(self):
        """Items with the same key are about the same thing: one per meeting."""
        self.ensure_one()
        return self._proposal_key(
            {
                "case_id": self.case_id.id,
                "group_id": self.group_id.id,
                "neighbourhood_id": self.neighbourhood_id.id,
                "action_task_id": self.action_task_id.id,
                "origin_item_id": self.origin_item_id.id,
                "name": self.name,
                "source": self.source,
            }
        )

    @api.model
    def _proposal_key(self, vals):
        for field in ("case_id", "group_id", "neighbourhood_id", "action_task_id"):
            if vals.get(field):
                return (field, vals[field])
        if vals.get("origin_item_id"):
            origin = self.browse(vals["origin_item_id"])
            # A carried item is the same topic as the one it came from.
            while origin.origin_item_id:
                origin = origin.origin_item_id
            return ("origin_item_id", origin.id)
        return ("name", vals.get("source"), vals.get("name"))

    # ------------------------------------------------------------------
    # Reason: computed as the reader, from what they may see.
    # ------------------------------------------------------------------
    @api.depends_context("uid", "lang")
    @api.depends("reason_keys", "proposed_since", "case_id", "action_task_id", "origin_item_id")
    def _compute_reason(self):
        counts = self._reason_information_counts()
        for item in self:
            parts = []
            for key in (item.reason_keys or "").split(","):
                text = item._reason_text(key, counts)
                if text:
                    parts.append(text)
            item.reason = "; ".join(parts)

    def _reason_information_counts(self):
        """{(item id): [(label, count)]}: the new contributions on each
        item's case that the current user may see (read through the rules,
        one grouped query per kind of contribution and moment)."""
        result = {}
        todo = self.filtered(
            lambda i: i.case_id and i.proposed_since and "new_information" in (i.reason_keys or "")
        )
        by_since = {}
        for item in todo:
            by_since.setdefault(item.proposed_since, []).append(item.id)
        for since, item_ids in by_since.items():
            items = self.browse(item_ids)
            for model_name, date_field in INFORMATION_MODELS:
                Model = self.env[model_name]
                if not Model.has_access("read"):
                    continue
                groups = Model._read_group(
                    [
                        ("case_id", "in", items.case_id.ids),
                        ("create_date", ">", since),
                        (date_field, ">=", since.date()),
                    ],
                    ["case_id"],
                    ["__count"],
                )
                per_case = {case.id: count for case, count in groups}
                for item in items:
                    if per_case.get(item.case_id.id):
                        result.setdefault(item.id, []).append(
                            (Model._description, per_case[item.case_id.id])
                        )
        return result

    def _reason_text(self, key, counts):
        """The reason for one source, in terms the reader may see."""
        self.ensure_one()
        if key == "new_information":
            since = self.proposed_since
            day = format_date(self.env, since.date()) if since else ""
            seen = counts.get(self.id)
            if not seen:
                return _("New information since %(date)s, not visible to you", date=day)
            return _(
                "New information since %(date)s: %(kinds)s",
                date=day,
                kinds=", ".join(f"{count} x {label}" for label, count in seen),
            )
        origin = self.origin_item_id._filtered_access("read")
        if key == "open_decision" and origin:
            return _(
                "%(outcome)s at the meeting of %(date)s",
                outcome=dict(origin._fields["state"]._description_selection(self.env)).get(
                    origin.state
                ),
                date=format_date(self.env, origin.meeting_id.date.date()),
            )
        task = self.action_task_id._filtered_access("read")
        if key == "overdue_action" and task:
            deadline = task.date_deadline
            return _(
                "Action overdue since %(date)s",
                date=format_date(self.env, deadline.date()) if deadline else "",
            )
        if key == "evaluation_due" and self.case_id.evaluation_date:
            open_goals = self.case_id.goal_ids.filtered(lambda goal: not goal.outcome)
            if open_goals:
                # The review of the plan: its goals still without an outcome.
                return _(
                    "Review of the plan due on %(date)s (goals without an outcome: %(count)s)",
                    date=fields.Date.to_string(self.case_id.evaluation_date),
                    count=len(open_goals),
                )
            return _(
                "Evaluation due on %(date)s",
                date=format_date(self.env, self.case_id.evaluation_date),
            )
        labels = dict(self._fields["source"]._description_selection(self.env))
        return labels.get(key) if key and key != "manual" else ""

    @api.constrains("kind", "case_id", "group_id", "neighbourhood_id")
    def _check_case(self):
        for item in self:
            if item.kind == "case" and not item.case_id:
                raise ValidationError(_("A case item needs its case."))
            if item.case_id and item.case_id.company_id != item.company_id:
                raise ValidationError(_("The case belongs to another municipality."))
            if item.group_id and item.group_id.company_id != item.company_id:
                raise ValidationError(_("The group belongs to another municipality."))

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["don.meeting"].browse({v["meeting_id"] for v in vals_list})
        meetings.check_access("write")
        self._check_meeting_editable(meetings)
        cases = self.env["don.case"].browse({v["case_id"] for v in vals_list if v.get("case_id")})
        # A case goes on the agenda only by someone who may see it.
        cases.check_access("read")
        return super().create(vals_list)

    def write(self, vals):
        self._check_meeting_editable(self.meeting_id)
        return super().write(vals)

    @api.model
    def _check_meeting_editable(self, meetings):
        if meetings.filtered(lambda m: m.state == "approved"):
            raise UserError(_("The minutes of this meeting are approved: they cannot change."))

    # ------------------------------------------------------------------
    # Access relation
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        # Who sees the meeting, or a guest of this item who confirmed the
        # confidentiality statement; for a case item only if they also see
        # the case.
        return SQL(
            """(%s OR EXISTS (SELECT 1 FROM don_agenda_item_guest g
                               WHERE g.item_id = rec.id AND g.user_id = u.id
                                 AND g.confirmed_date IS NOT NULL))
               AND (rec.case_id IS NULL OR %s)""",
            self._don_sql_sees("don.meeting", SQL("rec.meeting_id")),
            self._don_sql_sees("don.case", SQL("rec.case_id")),
        )

    def _don_input_scope(self, model_name):
        # The cases on these items (the agenda member's need to know).
        return self.case_id.ids

    def _don_input_users(self, model_name):
        # An item decides about a case only for the agenda members invited
        # to its meeting (see don.case._don_access_condition: the need to
        # know of the agenda member): only their access to the cases, and
        # to what follows the cases, is recomputed. Every other user sees
        # a case whether it is on an agenda or not. One query for all items.
        if model_name != "don.case":
            return super()._don_input_users(model_name)
        if not self:
            return []
        self.env["don.meeting"].flush_model(["attendee_ids", "kernteam_id"])
        self.env["don.kernteam.member"].flush_model(
            ["kernteam_id", "user_id", "active", "is_agenda_member"]
        )
        self.flush_recordset(["meeting_id"])
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ma.user_id
                     FROM don_agenda_item ai
                     JOIN don_meeting m ON m.id = ai.meeting_id
                     JOIN don_meeting_attendee_rel ma ON ma.meeting_id = m.id
                     JOIN don_kernteam_member km ON km.kernteam_id = m.kernteam_id
                          AND km.user_id = ma.user_id AND km.active AND km.is_agenda_member
                    WHERE ai.id IN %s""",
                tuple(self.ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _don_label(self):
        return self.name

    def action_decide(self):
        self.write({"state": "decided"})
        return True

    def action_hold(self):
        self.write({"state": "on_hold"})
        return True

    def action_postpone(self):
        self.write({"state": "postponed"})
        return True

    def action_agree_plan(self):
        """Record that the Kernteam agreed the plan of this item's case: its
        goals not agreed before get this item and the meeting's date."""
        self._check_meeting_editable(self.meeting_id)
        for item in self:
            if not item.case_id:
                raise UserError(_("Only the plan of a case can be agreed on its agenda item."))
            goals = item.case_id.goal_ids.filtered(lambda goal: not goal.agreed_item_id)
            if not goals:
                raise UserError(
                    _("Case %(ref)s has no goals to agree on.", ref=item.case_id.reference)
                )
            goals.write(
                {
                    "agreed_item_id": item.id,
                    "agreed_date": fields.Date.context_today(item, item.meeting_id.date),
                }
            )
            item.case_id.message_post(
                body=_(
                    "Plan agreed in the Kernteam meeting %(meeting)s: %(goals)s",
                    meeting=item.meeting_id.name,
                    goals=", ".join(goals.mapped("name")),
                )
            )
        return True

    def _action_defaults(self):
        """Default values of a new action decided on this item."""
        self.ensure_one()
        return {
            "default_project_id": self.meeting_id.kernteam_id.project_id.id,
            "default_don_agenda_item_id": self.id,
            "default_don_case_id": self.case_id.id,
            "default_don_group_id": self.group_id.id,
        }

    def action_add_action(self):
        self.ensure_one()
        if not self.meeting_id.kernteam_id.project_id:
            raise UserError(_("Link the Kernteam to its DON project first."))
        return {
            "type": "ir.actions.act_window",
            "name": _("New action"),
            "res_model": "project.task",
            "view_mode": "form",
            "views": [(self.env.ref("don_core.don_action_view_form").id, "form")],
            "target": "new",
            "context": self._action_defaults(),
        }

    def _carry_over(self):
        """Put the postponed items on the next planned meeting of their
        Kernteam, once (the copy remembers where it came from)."""
        todo = self.filtered(lambda i: i.state == "postponed")
        if not todo:
            return self.browse()
        carried = set(self.search([("origin_item_id", "in", todo.ids)]).origin_item_id.ids)
        vals_list = []
        for item in todo:
            if item.id in carried:
                continue
            following = item.meeting_id._next_open_meeting()
            if not following:
                continue
            vals_list.append(item._carry_over_values(following))
        return self.create(vals_list)

    def _carry_over_values(self, meeting):
        self.ensure_one()
        return {
            "meeting_id": meeting.id,
            "kind": self.kind,
            "case_id": self.case_id.id,
            "group_id": self.group_id.id,
            "neighbourhood_id": self.neighbourhood_id.id,
            "name": self.name,
            "phase": self.phase,
            "sequence": self.sequence,
            "source": "open_decision",
            "reason_keys": "open_decision",
            "origin_item_id": self.id,
        }

    # ------------------------------------------------------------------
    # Privacy lifecycle (see don.privacy): the meeting keeps that a case was
    # discussed, not what was said about the young person.
    # ------------------------------------------------------------------
    def _don_anonymise(self):
        if not self:
            return
        self.env.flush_all()
        # SQL: approved minutes refuse every write through the ORM, and the
        # retention job must still remove the young person's information.
        self.env.cr.execute(
            SQL(
                "UPDATE don_agenda_item SET name = %s, discussion = NULL, decision = NULL"
                " WHERE id IN %s",
                _("Case (anonymised)"),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["name", "discussion", "decision"])
