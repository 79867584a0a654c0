# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .wizard_input import clean_wizard_vals


class DonKernteamReplanWizard(models.TransientModel):
    """After a change of cadence, weekday or time: cancel the planned
    meetings that no longer fit and plan new ones on the new rhythm."""

    _name = "don.kernteam.replan.wizard"
    _description = "Replan Kernteam meetings"

    kernteam_id = fields.Many2one("don.kernteam", required=True, ondelete="cascade")
    meeting_ids = fields.Many2many(
        "don.meeting",
        compute="_compute_meeting_ids",
        store=True,
        readonly=False,
        string="Meetings to cancel",
    )
    plan_new = fields.Boolean(
        string="Plan new meetings",
        default=True,
        help="Plan the next meetings on the new cadence after cancelling.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([clean_wizard_vals(self, vals, create=True) for vals in vals_list])

    def write(self, vals):
        return super().write(clean_wizard_vals(self, vals))

    @api.depends("kernteam_id")
    def _compute_meeting_ids(self):
        for wizard in self:
            wizard.meeting_ids = wizard.kernteam_id.misfit_meeting_ids

    def action_confirm(self):
        self.ensure_one()
        team = self.kernteam_id
        # Only planned meetings of this team, whatever the client sent.
        self.meeting_ids.filtered(
            lambda m: m.kernteam_id == team and m.state == "planned"
        ).action_cancel()
        if self.plan_new:
            team._plan_meetings_from_now()
        return {"type": "ir.actions.act_window_close"}
