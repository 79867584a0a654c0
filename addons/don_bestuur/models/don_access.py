# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonAccess(models.AbstractModel):
    _inherit = "don.access"

    @api.model
    def _secured_models(self):
        # The mayor's measures follow their case (their access is derived
        # from the case's rows, which must be computed first).
        names = super()._secured_models()
        names.insert(names.index("don.case") + 1, "don.gezag.measure")
        return names
