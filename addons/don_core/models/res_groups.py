# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        before = self.users if {"users", "implied_ids"} & set(vals) else self.env["res.users"]
        result = super().write(vals)
        if {"users", "implied_ids"} & set(vals):
            # Users gained or lost a role or domain: their access rows follow,
            # including users reached through implied groups.
            affected = (
                before | self.users | self.with_context(active_test=False).trans_implied_ids.users
            )
            self.env["don.access"]._recompute(user_ids=affected.ids)
        return result
