# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        if not {"users", "implied_ids"} & set(vals):
            return super().write(vals)
        # Only DON roles and domains decide access: compare their members
        # before and after, and recompute for the users whose DON groups
        # really changed (module updates rewrite many groups without any
        # change of membership).
        category = self.env.ref("don_core.module_category_don", raise_if_not_found=False)
        don_groups = (
            self.env["res.groups"]
            .with_context(active_test=False)
            .search([("category_id", "=", category.id)])
            if category
            else self.env["res.groups"]
        )
        before = {group.id: set(group.users.ids) for group in don_groups}
        result = super().write(vals)
        don_groups.invalidate_recordset(["users"])
        changed = set()
        for group in don_groups:
            changed |= set(group.users.ids) ^ before[group.id]
        if changed:
            self.env["don.access"]._recompute(user_ids=list(changed))
            # The strong-login gate is cached per user (res.users._don_2fa_missing).
            self.env.registry.clear_cache()
        return result
