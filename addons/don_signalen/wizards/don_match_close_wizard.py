# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DonMatchCloseWizard(models.TransientModel):
    _name = "don.match.close.wizard"
    _description = "Close match"

    match_id = fields.Many2one("don.match", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.match_id._don_close(self.reason)
        return {"type": "ir.actions.act_window_close"}
