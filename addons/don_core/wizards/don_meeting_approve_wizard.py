# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .wizard_input import clean_wizard_vals


class DonMeetingApproveWizard(models.TransientModel):
    """Confirmation before the minutes are approved, listing the agenda
    items that were not decided (read as the user: only items they see)."""

    _name = "don.meeting.approve.wizard"
    _description = "Approve the minutes of a Kernteam meeting"

    meeting_id = fields.Many2one("don.meeting", required=True, ondelete="cascade")
    undecided_item_ids = fields.Many2many(
        "don.agenda.item", compute="_compute_undecided_item_ids", string="Not decided"
    )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([clean_wizard_vals(self, vals, create=True) for vals in vals_list])

    def write(self, vals):
        return super().write(clean_wizard_vals(self, vals))

    @api.depends("meeting_id")
    def _compute_undecided_item_ids(self):
        for wizard in self:
            wizard.undecided_item_ids = self.env["don.agenda.item"].search(
                [("meeting_id", "=", wizard.meeting_id.id), ("state", "=", "open")]
            )

    def action_confirm(self):
        self.ensure_one()
        self.meeting_id.action_approve_minutes()
        return {"type": "ir.actions.act_window_close"}
