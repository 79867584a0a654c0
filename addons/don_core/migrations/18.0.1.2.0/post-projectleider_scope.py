# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Projectleider no longer implies Odoo's Project manager group. Odoo put
the implied groups on every Projectleider as groups of their own: they are
taken away here (a DON role gives rights inside DON only). The users are
logged, so that an administrator can give Project rights back on purpose."""

import logging

from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    leaders = env.ref("don_core.group_don_projectleider").users
    project_groups = env.ref("project.group_project_manager") | env.ref(
        "project.group_project_user"
    )
    affected = leaders.filtered(lambda user: user.groups_id & project_groups)
    if affected:
        affected.write({"groups_id": [Command.unlink(group.id) for group in project_groups]})
        _logger.warning(
            "DON: Project rights taken from Projectleiders (no longer implied): %s",
            ", ".join(affected.mapped("login")),
        )
