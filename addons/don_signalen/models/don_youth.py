# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class DonYouth(models.Model):
    _inherit = "don.youth"

    don_signal_count = fields.Integer(
        string="Number of signals", compute="_compute_don_signal_count"
    )

    def _compute_don_signal_count(self):
        # Counted through the record rules: only the signals the user sees.
        counts = dict(
            self.env["don.signal"]._read_group(
                [("youth_ids", "in", self.ids)], ["youth_ids"], ["__count"]
            )
        )
        for youth in self:
            youth.don_signal_count = counts.get(youth, 0)

    def action_view_don_signals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("don_signalen.don_signal_action")
        action.update(
            name=_("Signals"),
            domain=[("youth_ids", "in", self.ids)],
            context={"default_youth_ids": self.ids},
        )
        return action
