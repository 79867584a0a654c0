# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers for the repository tests that run Odoo in a process of its own
(tests/test_wheels.py, tests/test_upgrade.py): a configuration with an
addons path of the test's choosing, a free port and a database of its own."""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The addons of the previous release (what an upgrade starts from) and all
# the addons this repository ships now.
RELEASED_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage")
DON_ADDONS = (*RELEASED_ADDONS, "don_bestuur")
ODOO_MAIN = "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()"


def run(args, **kwargs):
    """Run a command; its output on failure."""
    result = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_own_addons_paths(python=sys.executable):
    """Odoo's own addons folders, as the installed Odoo reports them."""
    out = run(
        [
            python,
            "-c",
            "import os, odoo; from odoo.tools import config; config.parse_config([]); "
            "print(','.join(p for p in config['addons_path'].split(',') if os.path.isdir(p)))",
        ],
        cwd="/",
    )
    paths = [path for path in out.strip().split(",") if path]
    return [path for path in paths if not Path(path).resolve().is_relative_to(ROOT)]


def database(suffix):
    """A database name of this test run's own (DON_TEST_DB, as make test sets it)."""
    return os.environ.get("DON_TEST_DB", "don_test") + "_" + suffix


def write_config(path, db, addons_paths, data_dir, demo):
    path.write_text(
        "[options]\n"
        f"addons_path = {','.join(map(str, addons_paths))}\n"
        f"db_name = {db}\n"
        f"dbfilter = ^{db}$\n"
        f"data_dir = {data_dir}\n"
        f"http_port = {free_port()}\n"
        "http_interface = 127.0.0.1\n"
        "list_db = False\n"
        f"without_demo = {'False' if demo else 'all'}\n",
        encoding="utf-8",
    )
    return path


def odoo(conf, *args, python=sys.executable, log=None):
    """Odoo with ``conf`` (never the ODOO_RC of the calling test run)."""
    command = [python, "-c", ODOO_MAIN, "-c", str(conf), *args]
    if log:
        command += ["--log-level=info", f"--logfile={log}"]
    env = {key: value for key, value in os.environ.items() if key != "ODOO_RC"}
    return run(command, cwd="/", env=env)


def log_problems(log, levels=("ERROR", "CRITICAL")):
    pattern = re.compile(r" (%s) " % "|".join(levels))
    return [
        line for line in Path(log).read_text(encoding="utf-8").splitlines() if pattern.search(line)
    ]


def dropdb(db):
    subprocess.run(["dropdb", "--if-exists", "--force", db], check=False, capture_output=True)


def psql(db, query):
    return run(["psql", "-X", "-d", db, "-tAc", query]).strip()
