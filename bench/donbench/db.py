# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark databases: create, reuse, drop, install, vacuum."""

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg2

import odoo
import odoo.modules.module
import odoo.sql_db
from odoo.tools import config

# The tables a bulk load fills (statistics and visibility map afterwards).
# The tables of the generated records (with an id sequence to set after COPY).
RECORD_TABLES = (
    "don_youth",
    "don_case",
    "don_case_note",
    "don_case_factor",
    "don_case_goal",
    "don_intervention",
    "don_case_relation",
)
DATA_TABLES = (
    *RECORD_TABLES,
    "don_case_involved_user_rel",
    "don_case_note_user_rel",
    "res_users",
    "res_groups_users_rel",
    "res_company_users_rel",
)
# The ir.config_parameter that says which dataset a database holds.
MARKER_KEY = "don_bench.dataset"


def admin_connection():
    _dbname, info = odoo.sql_db.connection_info_for("postgres")
    conn = psycopg2.connect(**info)
    conn.autocommit = True
    return conn


def db_exists(dbname):
    with contextlib.closing(admin_connection()) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        return bool(cr.fetchone())


def read_marker(dbname, key=MARKER_KEY):
    """The dataset marker of an existing database with don_core installed,
    or None."""
    if not db_exists(dbname):
        return None
    _name, info = odoo.sql_db.connection_info_for(dbname)
    with contextlib.closing(psycopg2.connect(**info)) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module'), to_regclass('ir_config_parameter')")
        if None in cr.fetchone():
            return {}
        cr.execute("SELECT state FROM ir_module_module WHERE name = 'don_core'")
        row = cr.fetchone()
        if not row or row[0] != "installed":
            return {}
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [key])
        row = cr.fetchone()
        return json.loads(row[0]) if row else {}


def drop_db(dbname):
    with contextlib.closing(admin_connection()) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [dbname],
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
    filestore = config.filestore(dbname)
    if os.path.isdir(filestore):
        shutil.rmtree(filestore)


def run_odoo(conf, dbname, *options):
    """Odoo's command line in a subprocess (install or update, then stop)."""
    cmd = [
        sys.executable,
        "-c",
        'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()',
        "-c",
        conf,
        "-d",
        dbname,
        *options,
        "--stop-after-init",
        "--log-level=warn",
    ]
    subprocess.run(cmd, check=True)


def code_fingerprint(module="don_core"):
    """Digest of the module's source: data generated with other code is
    updated (module update, access relation recomputed) before reuse."""
    odoo.modules.module.initialize_sys_path()
    root = Path(odoo.modules.module.get_module_path(module))
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".xml", ".csv") and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def analyze(cr, tables=DATA_TABLES):
    """Planner statistics. Right after a bulk load there are none, and the
    recompute's correlated subqueries then get nested-loop plans that run for
    tens of minutes at municipal scale: analyze first, as an import would."""
    for table in tables:
        cr.execute(f"ANALYZE {table}")


def vacuum_analyze(dbname, tables=DATA_TABLES):
    """After a bulk load: statistics and the visibility map (index-only
    scans on the access relation), as autovacuum would do eventually."""
    _name, info = odoo.sql_db.connection_info_for(dbname)
    with contextlib.closing(psycopg2.connect(**info)) as conn:
        conn.autocommit = True
        with conn.cursor() as cr:
            for table in (*tables, "don_access_entry"):
                cr.execute(f"VACUUM ANALYZE {table}")
