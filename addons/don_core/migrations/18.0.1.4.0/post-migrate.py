# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0 -> 18.0.1.4.0: the relation of the access log's young people
was copied into youth_ids_array (pre-migrate); the field is computed from
that column now, so the relation and its reflection go, once the copy is
checked complete."""

from odoo.tools import sql


def migrate(cr, version):
    if not version:
        return
    if sql.table_exists(cr, "don_access_log_youth_rel"):
        cr.execute(
            """SELECT count(*) FROM don_access_log_youth_rel r
                WHERE NOT EXISTS (SELECT 1 FROM don_access_log l
                                   WHERE l.id = r.log_id AND r.youth_id = ANY(l.youth_ids_array))"""
        )
        missing = cr.fetchone()[0]
        if missing:
            raise RuntimeError(f"access log: {missing} links to young people not copied")
        cr.execute("DROP TABLE don_access_log_youth_rel")
    cr.execute("DELETE FROM ir_model_relation WHERE name = 'don_access_log_youth_rel'")
    cr.execute("ANALYZE don_access_log")
