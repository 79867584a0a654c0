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

    def _don_privacy_related_records(self):
        """Signals about this young person belong to what DON holds about
        them: exported on a data-subject request, erased with them."""
        scope = super()._don_privacy_related_records()
        scope["don.signal"] = (
            self.env["don.signal"]
            .sudo()
            .with_context(active_test=False)
            .search([("youth_ids", "in", self.ids)])
        )
        scope["don.relation.suggestion"] = (
            self.env["don.relation.suggestion"]
            .sudo()
            .search(["|", ("youth_a_id", "in", self.ids), ("youth_b_id", "in", self.ids)])
        )
        scope["don.match"] = self.env["don.match"].sudo().search([("youth_id", "in", self.ids)])
        return scope
