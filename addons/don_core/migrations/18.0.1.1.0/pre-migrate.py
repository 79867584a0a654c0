# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.0.0 -> 18.0.1.1.0: the access relation becomes partitioned by model.

18.0.1.0.0 kept the relation in one plain table ``don_access_entry
(res_model, res_id, user_id)``. Before don_core's models load, this script
replaces it by the partitioned table of 18.0.1.1.0 (as ``don.access``
creates it on install) and puts the old rows, which are derived data, into
its default partition unchanged. Each secured model's ``init`` then creates
its own partition and takes its rows from the default partition with the
company and active flag of their record (``don.access._ensure_partition``),
don_core's models now and the models of don_signalen and other addons when
those addons load later in the same update. ``post-migrate.py`` refreshes
the planner's statistics.

The SQL is frozen here as of 18.0.1.1.0 on purpose: a migration describes
one step between two schemas and must not change with later code.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

TABLE = "don_access_entry"
OLD = "don_access_entry_unpartitioned"


def _relkind(cr, name):
    cr.execute(
        "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relname = %s AND n.nspname = current_schema()",
        [name],
    )
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    if not version or _relkind(cr, TABLE) != "r":
        return  # a new install, or the relation is partitioned already
    # The old table goes at the end of this script: the names of its primary
    # key, foreign key and index do not collide with the new table's.
    cr.execute(SQL("ALTER TABLE %s RENAME TO %s", SQL.identifier(TABLE), SQL.identifier(OLD)))
    cr.execute(
        SQL(
            """
        CREATE TABLE %(table)s (
            res_model varchar NOT NULL,
            res_id integer NOT NULL,
            user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
            company_id integer,
            active boolean NOT NULL DEFAULT TRUE
        ) PARTITION BY LIST (res_model);
        CREATE TABLE %(default)s PARTITION OF %(table)s DEFAULT;
        CREATE UNIQUE INDEX %(default_key)s ON %(default)s (res_model, res_id, user_id);
        CREATE INDEX %(default_user)s ON %(default)s (user_id, res_model, res_id)
            INCLUDE (company_id, active);
        """,
            table=SQL.identifier(TABLE),
            default=SQL.identifier(f"{TABLE}__default"),
            default_key=SQL.identifier(f"{TABLE}__default_key"),
            default_user=SQL.identifier(f"{TABLE}__default_user_idx"),
        )
    )
    cr.execute(
        SQL(
            "INSERT INTO %s (res_model, res_id, user_id) SELECT res_model, res_id, user_id FROM %s",
            SQL.identifier(TABLE),
            SQL.identifier(OLD),
        )
    )
    moved = cr.rowcount
    cr.execute(SQL("DROP TABLE %s", SQL.identifier(OLD)))
    _logger.info("don_core %s: access relation partitioned by model, %s rows kept", version, moved)
