# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""(End of the upgrade, when every DON addon is loaded, so that each adds its
roles.) Existing DON users get the home action of their role (new users get it
when they are created or given a DON role); a home action an administrator
chose stays."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    category = env.ref("don_core.module_category_don")
    groups = env["res.groups"].search([("category_id", "=", category.id)])
    env["res.users"].search([("groups_id", "in", groups.ids)])._don_apply_home_action()
