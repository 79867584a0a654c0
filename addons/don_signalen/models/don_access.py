# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonAccess(models.AbstractModel):
    _inherit = "don.access"

    @api.model
    def _secured_models(self):
        # Signals may hang on a case: computed after the cases.
        return [*super()._secured_models(), "don.signal"]
