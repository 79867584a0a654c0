# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.0.0 -> 18.0.1.1.0, after don_core's models have created their
partitions of the access relation (see pre-migrate.py): fresh planner
statistics per partition, which is what the partitions are for."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("ANALYZE %s", SQL.identifier("don_access_entry")))
