# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0 -> 18.0.1.4.0: the young people of an access log entry move
from the relation don_access_log_youth_rel (a row per young person, with two
foreign keys: most of the cost of logging a list page) to the int[] column
youth_ids_array of the entry itself (GIN index, created by the model's
init). Copied here, in one statement, before the model stops using the
relation; post-migrate drops it."""

from odoo.tools import SQL, sql


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE don_access_log ADD COLUMN IF NOT EXISTS youth_ids_array int4[]")
    if sql.table_exists(cr, "don_access_log_youth_rel"):
        cr.execute(
            SQL(
                """UPDATE don_access_log l
                      SET youth_ids_array = r.youth_ids
                     FROM (SELECT log_id, array_agg(youth_id ORDER BY youth_id) AS youth_ids
                             FROM don_access_log_youth_rel GROUP BY log_id) r
                    WHERE r.log_id = l.id"""
            )
        )
