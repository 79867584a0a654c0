# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Projectleider is no longer an Events officer: the implied Events
groups Odoo put on every Projectleider are taken away (a DON role gives
rights inside DON only); the users are logged."""

import logging

from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    leaders = env.ref("don_core.group_don_projectleider").users
    event_groups = env.ref("event.group_event_user") | env.ref(
        "event.group_event_registration_desk"
    )
    affected = leaders.filtered(lambda user: user.groups_id & event_groups)
    if affected:
        affected.write({"groups_id": [Command.unlink(group.id) for group in event_groups]})
        _logger.warning(
            "DON: Events rights taken from Projectleiders (no longer implied): %s",
            ", ".join(affected.mapped("login")),
        )
