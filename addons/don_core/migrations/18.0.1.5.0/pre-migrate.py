# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.4.0 -> 18.0.1.5.0: the access relation also copies a many2one
(``rec_ref``: a contribution's domain, a case's lead domain), so that counts
per domain are counted in the relation. The filter indexes are dropped here;
the models' ``init`` then adds the column, fills every copy of the existing
rows again and builds the indexes with the new column included
(don.access._ensure_partition)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        r"""SELECT indexname FROM pg_indexes
             WHERE schemaname = current_schema()
               AND indexname LIKE 'don\_access\_entry\_\_%\_filter\_idx'"""
    )
    for (name,) in cr.fetchall():
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
