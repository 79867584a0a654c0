# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .don_factor import LIFE_AREAS

GOAL_OUTCOMES = [
    ("reached", "Reached"),
    ("partly", "Partly reached"),
    ("not_reached", "Not reached"),
    ("dropped", "No longer relevant"),
]


class DonCaseGoal(models.Model):
    """A goal of the plan of a case (plan van aanpak), per life area, with
    the interventions that serve it, the agenda item of the Kernteam that
    agreed it and its outcome at the review.

    Follows the access of its case: who may see the case sees its plan. The
    interventions of a goal keep their own sharing: each reader sees only the
    interventions they may see."""

    _name = "don.case.goal"
    _inherit = ["don.secured.mixin", "mail.thread"]
    _description = "Goal of the plan of a case"
    _order = "case_id, life_area_sequence, sequence, id"
    _mail_post_access = "read"

    _don_access_fields = ("case_id", "company_id")
    _don_access_follows = (("don.case", "case_id"),)
    _don_privacy_fields = ("name", "outcome_note")

    case_id = fields.Many2one("don.case", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="case_id.company_id", string="Municipality", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    life_area = fields.Selection(
        [item for item in LIFE_AREAS if item[0] != "neighbourhood"],
        required=True,
        default="home",
        tracking=True,
    )
    life_area_sequence = fields.Integer(compute="_compute_life_area_sequence", store=True)
    name = fields.Char(string="Goal", required=True, tracking=True)
    intervention_ids = fields.One2many(
        "don.intervention", "goal_id", string="Interventions serving this goal"
    )
    agreed_item_id = fields.Many2one(
        "don.agenda.item",
        string="Agreed in the Kernteam",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
        tracking=True,
        help="The agenda item of the Kernteam meeting at which this goal was agreed.",
    )
    agreed_date = fields.Date(string="Agreed on", tracking=True)
    outcome = fields.Selection(GOAL_OUTCOMES, string="Outcome at review", tracking=True)
    outcome_note = fields.Text(string="Explanation of the outcome")
    reviewed_date = fields.Date(string="Reviewed on", tracking=True)

    @api.depends("life_area")
    def _compute_life_area_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(LIFE_AREAS)}
        for goal in self:
            goal.life_area_sequence = order.get(goal.life_area, 0)

    @api.constrains("agreed_item_id", "case_id")
    def _check_agreed_item(self):
        for goal in self:
            if goal.agreed_item_id and goal.agreed_item_id.case_id != goal.case_id:
                raise ValidationError(
                    _(
                        "The goal %(goal)s was agreed on an agenda item of another case.",
                        goal=goal.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["don.case"].browse({vals["case_id"] for vals in vals_list})
        # A plan is made by who may change the case (its summary).
        cases.check_access("write")
        cases._check_open_for_contributions()
        return super().create(vals_list)

    def write(self, vals):
        self.case_id.check_access("write")
        if "outcome" in vals and vals["outcome"] and "reviewed_date" not in vals:
            vals["reviewed_date"] = fields.Date.context_today(self)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_with_case_write(self):
        if self.env.context.get("don_privacy_erase") and self.env.su:
            return
        self.case_id.check_access("write")

    @api.model
    def _don_access_condition(self, params):
        # Who may see the case sees its plan.
        return self._don_sql_sees("don.case", SQL("rec.case_id"))

    def _don_label(self):
        return self.name
