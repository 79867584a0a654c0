# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonIntervention(models.Model):
    _inherit = "don.intervention"

    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        # An intervention of another domain for the same young person is a
        # match between domains (see don.match).
        self.env["don.match"]._don_detect(interventions)
        return interventions
