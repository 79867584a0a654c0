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
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DON_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage")

pytestmark = pytest.mark.skipif(
    os.environ.get("DON_SKIP_WHEEL_CHECK") == "1", reason="DON_SKIP_WHEEL_CHECK=1"
)


def _run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def _odoo_own_addons_paths(python):
    """Odoo's own addons folders, as the installed Odoo reports them."""
    out = _run(
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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def wheel_env():
    work = ROOT / ".build" / "wheel-check"
    shutil.rmtree(work, ignore_errors=True)
    dist = work / "dist"
    env = dict(os.environ, DON_WHEEL_DIR=str(dist), PYTHON=sys.executable)
    _run(["bash", str(ROOT / "scripts" / "wheels.sh")], env=env)
    venv = work / "venv"
    # --system-site-packages: Odoo 18 and its requirements come from beside it.
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)])
    python = str(venv / "bin" / "python")
    _run(
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
            # the top addon: pip resolves the three others from its wheel's
            # Requires-Dist, and Odoo (odoo==18.0.*) from the system packages
            "odoo-addon-don_rapportage",
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
    located = _run(
        [
            python,
            "-c",
            "import odoo.addons.don_core, odoo.addons.don_rapportage as m; "
            "print(odoo.addons.don_core.__file__); print(m.__file__)",
        ],
        cwd="/",
    )
    for line in located.split():
        assert Path(line).resolve().is_relative_to(venv.resolve()), line

    work = wheel_env["work"]
    db = os.environ.get("DON_TEST_DB", "don_test") + "_wheels"
    conf = work / "odoo-wheels.conf"
    conf.write_text(
        "[options]\n"
        f"addons_path = {','.join(_odoo_own_addons_paths(python))}\n"
        f"db_name = {db}\n"
        f"dbfilter = ^{db}$\n"
        f"data_dir = {work / 'data'}\n"
        f"http_port = {_free_port()}\n"
        "http_interface = 127.0.0.1\n"
        "list_db = False\n"
        "without_demo = all\n",
        encoding="utf-8",
    )
    assert str(ROOT / "addons") not in conf.read_text(encoding="utf-8")
    log = work / "install.log"
    subprocess.run(["dropdb", "--if-exists", "--force", db], check=True)
    try:
        _run(
            [
                python,
                "-c",
                "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()",
                "-c",
                str(conf),
                "-d",
                db,
                "-i",
                ",".join(DON_ADDONS),
                "--stop-after-init",
                "--log-level=info",
                f"--logfile={log}",
            ],
            cwd="/",
            env={k: v for k, v in os.environ.items() if k != "ODOO_RC"},
        )
        text = log.read_text(encoding="utf-8")
        paths = re.search(r"addons paths: (\[.*\])", text).group(1)
        assert str(venv) in paths, paths
        assert str(ROOT / "addons") not in paths, paths
        problems = [
            line for line in text.splitlines() if re.search(r" (WARNING|ERROR|CRITICAL) ", line)
        ]
        assert not problems, "\n".join(problems[:20])
        states = _run(
            [
                "psql",
                "-d",
                db,
                "-tAc",
                "SELECT name || '=' || state || '=' || latest_version FROM ir_module_module "
                "WHERE name LIKE 'don\\_%' ORDER BY name",
            ]
        ).split()
        assert sorted(s.split("=")[0] for s in states) == sorted(DON_ADDONS)
        assert all(s.split("=")[1] == "installed" for s in states), states
        demo = _run(["psql", "-d", db, "-tAc", "SELECT count(*) FROM ir_module_module WHERE demo"])
        assert demo.strip() == "0", "a production install carries no demo data"
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", db], check=False)
