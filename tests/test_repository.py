# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks on the repository itself: Docker files, README and the layout of
every addon. Plain pytest functions without Odoo: they run under `make test`,
and on their own with the pytest-odoo plugin switched off (it loads a registry
for every session, options or not):

    python3 -m pytest -p no:cacheprovider -p no:odoo tests/test_repository.py
"""

import ast
import configparser
import importlib.util
import os
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
DOCKER = ROOT / "docker"
DON_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage")


def _addon_dirs():
    return sorted(path for path in ADDONS.iterdir() if path.is_dir() and path.name[0] not in "._")


def _compose():
    yaml = pytest.importorskip("yaml")
    with open(DOCKER / "docker-compose.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _volume_source(volume):
    """Host path (or named volume) of a short or long volume definition."""
    if isinstance(volume, dict):
        return volume.get("source")
    return volume.split(":", 1)[0]


# ----------------------------------------------------------------------
# Docker
# ----------------------------------------------------------------------
def test_compose_services():
    services = _compose()["services"]
    assert {"db", "odoo", "init-demo"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["odoo"]["image"] == "odoo:18.0"
    assert services["init-demo"]["image"] == "odoo:18.0"
    assert "db" in services["odoo"]["depends_on"]
    assert any(str(port).endswith("8069:8069") for port in services["odoo"]["ports"])
    assert services["init-demo"].get("restart") == "no" or services["init-demo"].get("profiles")


def test_compose_mounts():
    compose = _compose()
    named = set(compose.get("volumes") or {})
    targets = {}
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = _volume_source(volume)
            if source.startswith((".", "/", "~")):
                host = (DOCKER / source).resolve()
                assert host.exists(), f"{name} mounts {source}, which is not in the repository"
                assert host.is_relative_to(ROOT), f"{name} mounts {source} outside the repository"
            else:
                assert source in named, f"{name} uses undeclared volume {source}"
            target = volume["target"] if isinstance(volume, dict) else volume.split(":")[1]
            targets.setdefault(name, {})[target] = source
    for name in ("odoo", "init-demo"):
        assert targets[name].get("/mnt/extra-addons") == "../addons"
        assert targets[name].get("/etc/odoo/odoo.conf") == "./odoo.conf"
        assert "/var/lib/odoo" in targets[name]
    assert targets["odoo"]["/var/lib/odoo"] == targets["init-demo"]["/var/lib/odoo"], (
        "init-demo and odoo must share the filestore"
    )


def test_odoo_conf():
    parser = configparser.RawConfigParser()
    assert parser.read(DOCKER / "odoo.conf", encoding="utf-8")
    options = parser["options"]
    paths = [path.strip() for path in options["addons_path"].split(",")]
    assert "/mnt/extra-addons" in paths
    assert options["db_host"] == "db"
    assert options.getboolean("list_db") is False


def test_init_demo_script():
    script = DOCKER / "init-demo.sh"
    assert os.access(script, os.X_OK), "docker/init-demo.sh must be executable"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!")
    for addon in DON_ADDONS:
        assert addon in text
    assert "--stop-after-init" in text


# ----------------------------------------------------------------------
# Documentation
# ----------------------------------------------------------------------
def test_readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in text
    assert "make test" in text
    assert (ROOT / "docs" / "handleiding.md").is_file()
    assert "docs/handleiding.md" in text


# ----------------------------------------------------------------------
# Addons
# ----------------------------------------------------------------------
def test_don_addons_present():
    assert {path.name for path in _addon_dirs()} >= set(DON_ADDONS)


@pytest.mark.parametrize("addon", _addon_dirs(), ids=lambda path: path.name)
def test_addon_manifest(addon):
    manifest_file = addon / "__manifest__.py"
    assert manifest_file.is_file()
    manifest = ast.literal_eval(manifest_file.read_text(encoding="utf-8"))
    assert manifest["version"].startswith("18.0.")
    assert len(manifest["version"].split(".")) == 5
    assert manifest["license"] in ("AGPL-3", "LGPL-3")


def _manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def test_license_file():
    """The root LICENSE is the full AGPL-3.0 that every manifest names."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in text
    assert "13. Remote Network Interaction; Use with the GNU General Public" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert len(text.splitlines()) > 600
    for addon in DON_ADDONS:
        assert _manifest(ADDONS / addon)["license"] == "AGPL-3"


@pytest.mark.parametrize("addon", DON_ADDONS)
def test_addon_metadata(addon):
    """What the Apps list and a packager read: author, website, maintainers,
    maturity; every DON addon is an application with its own icon."""
    manifest = _manifest(ADDONS / addon)
    assert manifest["author"] == "DON for Odoo"
    assert manifest["website"].startswith("https://")
    assert manifest["maintainers"] and all(manifest["maintainers"])
    assert manifest["development_status"] in ("Alpha", "Beta", "Production/Stable", "Mature")
    assert manifest["application"] is True, f"{addon} is hidden by the Apps list's filter"
    assert manifest["summary"].strip() and manifest["category"] == "Services/DON"
    icon = ADDONS / addon / "static" / "description" / "icon.png"
    data = icon.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{icon} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height and width >= 64, f"{icon} is {width}x{height}"
    websites = {_manifest(ADDONS / other)["website"] for other in DON_ADDONS}
    assert len(websites) == 1, "the four addons live in one repository"


def _readme_generator():
    pytest.importorskip("markdown_it")
    spec = importlib.util.spec_from_file_location(
        "gen_addon_readme", ROOT / "scripts" / "gen_addon_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("addon", DON_ADDONS)
def test_generated_readme_current(addon):
    """README.rst and static/description/index.html are what
    scripts/gen_addon_readme.py makes of readme/*.md and the manifest now."""
    generator = _readme_generator()
    for path, expected in generator.generate(ADDONS / addon).items():
        assert path.is_file(), f"{path} is missing: run python3 scripts/gen_addon_readme.py"
        assert path.read_text(encoding="utf-8") == expected, (
            f"{path.relative_to(ROOT)} is stale: run python3 scripts/gen_addon_readme.py"
        )
    html = (ADDONS / addon / "static" / "description" / "index.html").read_text(encoding="utf-8")
    assert not html.startswith("<?xml"), "Odoo 18 warns about XML declarations in index.html"
    assert _manifest(ADDONS / addon)["name"] in html


def test_readme_generator_markdown():
    """The markdown the fragments use comes out as valid RST with the same
    structure (docutils halts on any warning)."""
    generator = _readme_generator()
    rst = generator.md_to_rst(
        "## Part\n\nText with `code`s, **bold**, *em* and a [link](https://example.org).\n\n"
        "- one\n  - nested `x`\n- two_\n\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| `c` | d |\n\n```\nliteral *text*\n```\n",
        1,
    )
    assert "Part\n----" in rst
    assert "``code``\\ s" in rst
    assert "`link <https://example.org>`__" in rst
    assert ".. list-table::" in rst
    assert "    literal *text*" in rst
    html = generator.index_html("=====\nTitle\n=====\n\n" + rst)
    assert "<strong>bold</strong>" in html
    assert '<a class="reference external" href="https://example.org">link</a>' in html
    assert "two_" in html


@pytest.mark.parametrize("addon", _addon_dirs(), ids=lambda path: path.name)
def test_addon_readme(addon):
    description = addon / "readme" / "DESCRIPTION.md"
    assert description.is_file()
    assert description.read_text(encoding="utf-8").strip(), f"{description} is empty"


@pytest.mark.parametrize("addon", _addon_dirs(), ids=lambda path: path.name)
def test_addon_dutch_translation(addon):
    assert (addon / "i18n" / "nl.po").is_file()
