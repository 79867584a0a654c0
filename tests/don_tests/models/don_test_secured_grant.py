# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class DonTestSecuredGrant(models.Model):
    """Test-only: an input of the access relation kept in another model (as
    Kernteam membership is for meetings)."""

    _name = "don.test.secured.grant"
    _description = "DON test grant"

    record_id = fields.Many2one("don.test.secured", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade")

    @api.model_create_multi
    def create(self, vals_list):
        grants = super().create(vals_list)
        self.env["don.access"]._recompute_inputs(self._name, user_ids=grants.user_id.ids)
        return grants

    def write(self, vals):
        users = self.user_id
        result = super().write(vals)
        if self.env["don.access"]._declared_inputs(self._name) & set(vals):
            self.env["don.access"]._recompute_inputs(
                self._name, user_ids=(users | self.user_id).ids
            )
        return result

    def unlink(self):
        users = self.user_id
        result = super().unlink()
        self.env["don.access"]._recompute_inputs(self._name, user_ids=users.ids)
        return result
