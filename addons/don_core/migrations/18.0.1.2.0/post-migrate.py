# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the access conditions changed (need to know for the OM agenda
member, group membership through the implied-group closure): the access
relation is derived data, rebuilt once from the new conditions."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["don.access"]._recompute()
