# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addons as an integrator installs them: four wheels (``make wheels``)
installed into a fresh virtual environment beside Odoo 18, then installed
from there (not from this repository's addons path) into a new database.
A plain pytest test without the Odoo registry; it takes one to three minutes
(a database with the four addons, no demo data). On its own:

    python3 -m pytest -p no:cacheprovider -p no:odoo tests/test_wheels.py

DON_SKIP_WHEEL_CHECK=1 skips it (quick local runs; CI never sets it).
"""

import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from odoo_process import (
    DON_ADDONS,
    ROOT,
    database,
    dropdb,
    log_problems,
    odoo,
    odoo_own_addons_paths,
    psql,
    run,
    write_config,
)

pytestmark = pytest.mark.skipif(
    os.environ.get("DON_SKIP_WHEEL_CHECK") == "1", reason="DON_SKIP_WHEEL_CHECK=1"
)


@pytest.fixture(scope="module")
def wheel_env():
    work = ROOT / ".build" / "wheel-check"
    shutil.rmtree(work, ignore_errors=True)
    dist = work / "dist"
    env = dict(os.environ, DON_WHEEL_DIR=str(dist), PYTHON=sys.executable)
    run(["bash", str(ROOT / "scripts" / "wheels.sh")], env=env)
    venv = work / "venv"
    # --system-site-packages: Odoo 18 and its requirements come from beside it.
    run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)])
    python = str(venv / "bin" / "python")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
            str(dist),
            # the top addon: pip resolves the others from its wheel's
            # Requires-Dist, and Odoo (odoo==18.0.*) from the system packages
            "odoo-addon-don_bestuur",
        ]
    )
    yield {"work": work, "dist": dist, "venv": venv, "python": python}
    shutil.rmtree(work, ignore_errors=True)


def test_wheels_built(wheel_env):
    """One wheel per addon, named and versioned from its manifest, with the
    addon's Python code, data, translations, icon and description."""
    wheels = sorted(wheel_env["dist"].glob("odoo_addon_don_*.whl"))
    assert [re.match(r"odoo_addon_(don_\w+?)-18\.0\.", w.name).group(1) for w in wheels] == sorted(
        DON_ADDONS
    )
    for wheel in wheels:
        addon = re.match(r"odoo_addon_(don_\w+?)-", wheel.name).group(1)
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
            metadata = next(
                archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA")
            )
        prefix = f"odoo/addons/{addon}/"
        for member in ("__manifest__.py", "__init__.py", "i18n/nl.po", "README.rst"):
            assert prefix + member in names, f"{wheel.name} lacks {member}"
        assert prefix + "static/description/icon.png" in names
        assert prefix + "static/description/index.html" in names
        assert not any("__pycache__" in n for n in names)
        assert "Requires-Dist: odoo==18.0.*" in metadata
        assert "License: AGPL-3" in metadata
    with zipfile.ZipFile(next(w for w in wheels if "don_rapportage" in w.name)) as archive:
        metadata = next(
            archive.read(n).decode()
            for n in archive.namelist()
            if n.endswith(".dist-info/METADATA")
        )
    for dependency in ("don_core", "don_signalen", "don_bewustwording"):
        assert f"Requires-Dist: odoo-addon-{dependency}==18.0.*" in metadata


def test_addons_install_from_wheels(wheel_env):
    """Odoo, with an addons path without this repository, finds the four
    addons in the virtual environment and installs them into a new database
    without errors or warnings."""
    python = wheel_env["python"]
    venv = wheel_env["venv"]
    located = run(
        [
            python,
            "-c",
            # Located, not imported: an addon's code imports the addons it
            # depends on (mail's controllers), which Odoo's addons path
            # provides only once Odoo runs.
            "import importlib.util as u; "
            "print(u.find_spec('odoo.addons.don_core').origin); "
            "print(u.find_spec('odoo.addons.don_rapportage').origin)",
        ],
        cwd="/",
    )
    for line in located.split():
        assert Path(line).resolve().is_relative_to(venv.resolve()), line

    work = wheel_env["work"]
    db = database("wheels")
    conf = write_config(
        work / "odoo-wheels.conf", db, odoo_own_addons_paths(python), work / "data", demo=False
    )
    assert str(ROOT / "addons") not in conf.read_text(encoding="utf-8")
    log = work / "install.log"
    dropdb(db)
    try:
        odoo(
            conf, "-d", db, "-i", ",".join(DON_ADDONS), "--stop-after-init", python=python, log=log
        )
        text = log.read_text(encoding="utf-8")
        paths = re.search(r"addons paths: (\[.*\])", text).group(1)
        assert str(venv) in paths, paths
        assert str(ROOT / "addons") not in paths, paths
        problems = log_problems(log, ("WARNING", "ERROR", "CRITICAL"))
        assert not problems, "\n".join(problems[:20])
        states = psql(
            db,
            "SELECT name || '=' || state FROM ir_module_module "
            "WHERE name LIKE 'don\\_%' ORDER BY name",
        ).split()
        assert states == [f"{addon}=installed" for addon in sorted(DON_ADDONS)], states
        demo = psql(db, "SELECT count(*) FROM ir_module_module WHERE demo")
        assert demo == "0", "a production install carries no demo data"
    finally:
        dropdb(db)
