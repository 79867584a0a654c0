# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DonProjectPlanRole(models.Model):
    """A role in the Kernteam as the project plan sets it: who fills it
    (a person or an organisation) and the mandate that comes with it.
    Read-only once its plan version is adopted."""

    _name = "don.project.plan.role"
    _description = "Role and mandate in the DON project plan"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        "don.project.plan", string="Project plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Role", required=True)
    holder = fields.Char(
        string="Who", help="The person or function that fills the role, e.g. 'teamleider OOV'."
    )
    organisation = fields.Char(help="E.g. 'Gemeente', 'Politie', 'Jeugdzorg', 'OM'.")
    mandate = fields.Text(
        help="What the role may decide or commit to without asking back, e.g. deploying "
        "youth work hours or proposing a measure to the mayor."
    )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["don.project.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        self._check_plan_draft(plans)
        return super().create(vals_list)

    def write(self, vals):
        plans = self.plan_id
        if vals.get("plan_id"):
            plans |= self.env["don.project.plan"].browse(vals["plan_id"])
        self._check_plan_draft(plans)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_concepts(self):
        self._check_plan_draft(self.plan_id)

    @api.model
    def _check_plan_draft(self, plans):
        if plans.filtered(lambda plan: plan.state != "draft"):
            raise UserError(
                _(
                    "The roles of an adopted project plan can no longer be changed: make a new "
                    "version and adopt that one."
                )
            )

    @api.constrains("name", "holder", "organisation", "mandate")
    def _check_no_personal_data(self):
        self.plan_id._check_no_personal_data()
