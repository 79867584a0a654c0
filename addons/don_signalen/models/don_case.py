# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class DonCase(models.Model):
    _inherit = "don.case"

    don_signal_ids = fields.One2many("don.signal", "case_id", string="Signals")
    don_signal_count = fields.Integer(
        string="Number of signals", compute="_compute_don_signal_count"
    )

    def _compute_don_signal_count(self):
        # Counted through the record rules: only the signals the user sees.
        counts = dict(
            self.env["don.signal"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.don_signal_count = counts.get(case, 0)

    def action_view_don_signals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("don_signalen.don_signal_action")
        action.update(
            name=_("Signals"),
            domain=[("case_id", "=", self.id)],
            context={"default_case_id": self.id},
        )
        return action
