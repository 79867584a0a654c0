# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DonCaseNote(models.Model):
    _inherit = "don.case.note"

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        # A contribution of another domain about the same young person is a
        # match between domains (see don.match).
        self.env["don.match"]._don_detect(notes)
        return notes
