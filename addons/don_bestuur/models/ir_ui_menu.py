# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """The mayor's role implies Professional (for the access relation),
        not a professional's work: a mayor who holds no other DON role is
        offered the Bestuur menu only, not the empty pages of the flexible
        shell (signals, information, actions, awareness). Menus only: what
        the mayor may read is decided by the record rules."""
        res = super()._load_menus_blacklist()
        user = self.env.user
        if not user.has_group("don_bestuur.group_don_burgemeester") or any(
            user.has_group(group)
            for group in (
                "don_core.group_don_kernteam",
                "don_core.group_don_manager",
                "don_core.group_don_privacy",
                "don_core.group_don_reporting",
            )
        ):
            return res
        root = self.env.ref("don_core.menu_don_root")
        keep = self.env.ref("don_bestuur.menu_don_bestuur")
        tops = self.search([("parent_id", "=", root.id), ("id", "!=", keep.id)])
        return [*res, *self.search([("id", "child_of", tops.ids)]).ids]
