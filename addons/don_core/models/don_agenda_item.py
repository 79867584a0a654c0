# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

CYCLE_PHASES = [
    ("signalering", "Signalling"),
    ("analyse", "Analysis"),
    ("besluitvorming", "Decision making"),
    ("actie", "Action"),
    ("evaluatie", "Evaluation"),
]
ITEM_KINDS = [
    ("case", "Case"),
    ("group", "Group or neighbourhood"),
    ("general", "General topic"),
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
    _order = "meeting_id, sequence, id"

    _don_access_fields = ("meeting_id", "case_id", "company_id")
    _don_access_follows = (("don.meeting", "meeting_id"), ("don.case", "case_id"))

    meeting_id = fields.Many2one("don.meeting", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting state")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(ITEM_KINDS, required=True, default="case")
    case_id = fields.Many2one("don.case", index=True, ondelete="restrict")
    name = fields.Char(string="Topic", required=True)
    phase = fields.Selection(
        CYCLE_PHASES, string="Cycle phase", required=True, default="signalering"
    )
    source = fields.Selection(ITEM_SOURCES, required=True, default="manual", readonly=True)
    origin_item_id = fields.Many2one("don.agenda.item", string="Carried over from", readonly=True)
    discussion = fields.Text(string="Discussed")
    decision = fields.Text()
    state = fields.Selection(
        [("open", "Open"), ("decided", "Decided"), ("postponed", "Postponed")],
        required=True,
        default="open",
    )
    action_ids = fields.One2many("project.task", "don_agenda_item_id", string="Actions")
    action_task_id = fields.Many2one(
        "project.task", string="Overdue action", readonly=True, ondelete="set null"
    )

    @api.constrains("kind", "case_id")
    def _check_case(self):
        for item in self:
            if item.kind == "case" and not item.case_id:
                raise ValidationError(_("A case item needs its case."))
            if item.case_id and item.case_id.company_id != item.company_id:
                raise ValidationError(_("The case belongs to another municipality."))

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
        return SQL(
            "%s AND (rec.case_id IS NULL OR %s)",
            self._don_sql_sees("don.meeting", SQL("rec.meeting_id")),
            self._don_sql_sees("don.case", SQL("rec.case_id")),
        )

    def _don_input_scope(self, model_name):
        # The cases on these items (the agenda member's need to know).
        return self.case_id.ids

    def _don_label(self):
        return self.name

    def action_decide(self):
        self.write({"state": "decided"})
        return True

    def action_add_action(self):
        self.ensure_one()
        project = self.meeting_id.kernteam_id.project_id
        if not project:
            raise UserError(_("Link the Kernteam to its DON project first."))
        return {
            "type": "ir.actions.act_window",
            "name": _("New action"),
            "res_model": "project.task",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_project_id": project.id,
                "default_don_agenda_item_id": self.id,
                "default_don_case_id": self.case_id.id,
            },
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
