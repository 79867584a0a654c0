# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

ACCESS_USER_FIELDS = ("groups_id", "company_ids", "active", "share")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self.env["don.access"]._recompute(user_ids=users.ids)
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(
            fname in ACCESS_USER_FIELDS or fname.startswith(("in_group_", "sel_groups_"))
            for fname in vals
        ):
            self.env["don.access"]._recompute(user_ids=self.ids)
        return result
