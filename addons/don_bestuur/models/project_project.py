# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class ProjectProject(models.Model):
    """The DON project carries its plan: versions, of which one is in force."""

    _inherit = "project.project"

    don_plan_ids = fields.One2many("don.project.plan", "project_id", string="Project plans")
    don_plan_id = fields.Many2one(
        "don.project.plan",
        string="Project plan in force",
        compute="_compute_don_plan",
        help="The adopted version of the project plan.",
    )
    don_plan_count = fields.Integer(string="Plan versions", compute="_compute_don_plan")

    @api.depends("don_plan_ids.state")
    @api.depends_context("uid")
    def _compute_don_plan(self):
        """Read as the current user: who may not read the plans sees none."""
        Plan = self.env["don.project.plan"]
        if not Plan.has_access("read"):
            self.don_plan_id = False
            self.don_plan_count = 0
            return
        plans = Plan.search([("project_id", "in", self.ids)])
        for project in self:
            own = plans.filtered(lambda plan, project=project: plan.project_id == project)
            project.don_plan_id = own.filtered(lambda plan: plan.state == "adopted")[:1]
            project.don_plan_count = len(own)

    def action_don_plans(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Project plan"),
            "res_model": "don.project.plan",
            "view_mode": "list,form",
            "domain": [("project_id", "=", self.id)],
            "context": {
                "default_project_id": self.id,
                "default_company_id": (self.company_id or self.env.company).id,
            },
        }
