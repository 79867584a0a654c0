# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DonEvaluation(models.Model):
    """The yearly evaluation refers to the project plan version in force:
    what the approach set out to do is what it is evaluated against."""

    _inherit = "don.evaluation"

    plan_id = fields.Many2one(
        "don.project.plan",
        string="Project plan",
        compute="_compute_plan_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain="[('project_id', '=', project_id), ('state', '!=', 'draft')]",
        help="The version of the project plan the evaluation measures against: by default "
        "the version adopted when the yearly evaluation is created.",
    )

    @api.depends("project_id", "kind")
    def _compute_plan_id(self):
        """The adopted version of the project, for a yearly evaluation
        (read as the current user: the project leader reads every version)."""
        Plan = self.env["don.project.plan"]
        for evaluation in self:
            if evaluation.plan_id and evaluation.plan_id.project_id == evaluation.project_id:
                continue
            if evaluation.kind != "yearly" or not evaluation.project_id:
                evaluation.plan_id = False
                continue
            evaluation.plan_id = Plan.search(
                [("project_id", "=", evaluation.project_id.id), ("state", "=", "adopted")],
                limit=1,
            )

    @api.constrains("plan_id", "project_id")
    def _check_plan(self):
        for evaluation in self:
            plan = evaluation.plan_id
            if not plan:
                continue
            if plan.project_id != evaluation.project_id:
                raise ValidationError(_("The project plan of an evaluation is one of its project."))
            if plan.state == "draft":
                raise ValidationError(
                    _("An evaluation refers to an adopted version of the project plan.")
                )
