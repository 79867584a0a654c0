# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0:
- agenda items proposed before keep their one reason;
- the access conditions changed (need to know for the OM agenda member, group
  membership through the implied-group closure, guests per agenda item): the
  access relation is derived data, rebuilt once from the new conditions."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE don_agenda_item SET reason_keys = source"
        " WHERE reason_keys IS NULL AND source != 'manual'"
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["don.access"]._recompute()
