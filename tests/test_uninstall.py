# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Uninstalling the DON addons leaves nothing of DON readable and logs no
error (issue 15): install into a scratch database, plant marked data (a case,
a contribution, a signal, an action task with messages, an attachment, an
activity, a user in a domain group), uninstall, and search every text column
of the database for the mark (scripts/uninstall_check.py). Takes 2-4 minutes;
it runs under `make test` (pytest-odoo gives the config), and on its own:

    python3 -m pytest -p no:cacheprovider --odoo-config=.build/odoo-test.conf \\
        --odoo-database=don_test tests/test_uninstall.py
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_uninstall_leaves_nothing(request):
    try:
        config = request.config.getoption("--odoo-config")
        database = request.config.getoption("--odoo-database")
    except ValueError:
        config = database = None
    if not config or not database:
        pytest.skip("needs pytest-odoo's --odoo-config and --odoo-database")
    scratch = f"{database}_uninstall"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "uninstall_check.py"), config, scratch],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.stdout.strip().startswith("{"), proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(proc.stdout[proc.stdout.index("{") :])
    assert result["errors"] == [], "the uninstall logged errors"
    assert result["don_tables"] == [], "DON tables left behind"
    assert result["marked_columns"] == [], "DON data still readable after uninstall"
    assert result["modules_left"] == []
    assert result["xmlids_left"] == 0
    assert proc.returncode == 0
