# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0 -> 18.0.1.5.0: fresh statistics for the planner after the
copies were filled again (see pre-migrate.py)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("ANALYZE %s", SQL.identifier("don_access_entry")))
