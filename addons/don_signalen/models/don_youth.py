# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class DonYouth(models.Model):
    _inherit = "don.youth"

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
        return scope
