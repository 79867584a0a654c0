# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonAccessLog(models.Model):
    _inherit = "don.access.log"

    @api.model
    def _purpose(self, records, user, involved, action="open"):
        # The mayor consults a case for the decision on a measure: a purpose
        # of its own, not "own domain" (which the access review reports).
        purpose = super()._purpose(records, user, involved, action=action)
        if purpose == "domain" and user._has_group("don_bestuur.group_don_burgemeester"):
            return "mayor"
        return purpose
