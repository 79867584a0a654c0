# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonEmergencyAccessWizard(models.TransientModel):
    """The user's path to emergency access: the case number and the reason,
    then the case opens (see don.emergency.access._request)."""

    _name = "don.emergency.access.wizard"
    _description = "DON emergency access request"

    case_reference = fields.Char(string="Case number", required=True)
    reason = fields.Text(required=True)
    hours = fields.Integer(
        string="Hours of access", compute="_compute_hours", help="How long the access lasts."
    )

    def _compute_hours(self):
        for wizard in self:
            wizard.hours = max(self.env.company.don_emergency_hours, 1)

    def action_open_case(self):
        self.ensure_one()
        case = self.env["don.emergency.access"]._request(self.case_reference, self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "don.case",
            "res_id": case.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
