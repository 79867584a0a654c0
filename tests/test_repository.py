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
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
DOCKER = ROOT / "docker"
DON_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage", "don_bestuur")


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


# ----------------------------------------------------------------------
# Production compose (docker/docker-compose.prod.yml)
# ----------------------------------------------------------------------
PROD = DOCKER / "prod"


def _prod():
    yaml = pytest.importorskip("yaml")
    with open(DOCKER / "docker-compose.prod.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _prod_conf():
    parser = configparser.RawConfigParser()
    assert parser.read(PROD / "odoo.conf", encoding="utf-8")
    return parser["options"]


def _pinned(image):
    """A tag with at least major.minor (and no floating 'latest'), or a digest."""
    tag = image.rpartition(":")[2]
    return "@sha256:" in image or bool(re.fullmatch(r"\d+\.\d+(\.\d+)?(-[\w.]+)?", tag))


def test_prod_services():
    services = _prod()["services"]
    assert {"db", "db-replica", "odoo", "proxy", "backup"} <= set(services)
    for name in ("db", "db-replica", "odoo", "proxy"):
        service = services[name]
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
        assert service.get("restart") == "unless-stopped", name
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["odoo"]["depends_on"]["db-replica"]["condition"] == "service_healthy"
    assert services["proxy"]["depends_on"]["odoo"]["condition"] == "service_healthy"
    assert services["backup"]["profiles"] == ["backup"]


def test_prod_images_pinned():
    """Every image is pinned; Odoo is built from docker/Dockerfile on a
    dated odoo:18.0 tag and gets the addons from their wheels."""
    services = _prod()["services"]
    for name, service in services.items():
        if "build" in service:
            continue
        assert _pinned(service["image"]), f"{name}: {service['image']} floats"
    assert services["proxy"]["image"].startswith(("nginx:", "caddy:"))
    assert services["db"]["image"].startswith("postgres:")
    assert services["db-replica"]["image"] == services["db"]["image"]
    build = services["odoo"]["build"]
    assert (DOCKER / build["context"]).resolve() == ROOT
    assert build["dockerfile"] == "docker/Dockerfile"
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    base = re.search(r"^ARG ODOO_IMAGE=(\S+)$", dockerfile, re.M).group(1)
    assert re.fullmatch(r"odoo:18\.0-\d{8}|odoo:18\.0@sha256:[0-9a-f]{64}", base), base
    assert re.search(r"^FROM \$\{ODOO_IMAGE\}$", dockerfile, re.M)
    assert "COPY dist/odoo_addon_don_*.whl" in dockerfile
    install = re.search(r"pip3? install ([^\n]*\\\n)*[^\n]*", dockerfile).group(0)
    for flag in ("--no-deps", "--no-index"):
        assert flag in install, f"the image installs the wheels without {flag}"
    assert "/mnt/extra-addons" not in dockerfile
    assert re.search(r"^USER odoo$", dockerfile, re.M), "Odoo must not run as root"


def test_prod_no_plain_secrets():
    """Passwords come from secret files only: none in the compose file, the
    environment of a service or the configuration baked into the image."""
    compose = _prod()
    for name, service in compose["services"].items():
        environment = service.get("environment") or {}
        for key, value in environment.items():
            if re.search(r"PASS|SECRET|TOKEN|KEY", key):
                assert key.endswith("_FILE") and str(value).startswith("/run/secrets/"), (
                    f"{name}: {key} is a secret in plain text"
                )
        for secret in service.get("secrets", []):
            assert secret in compose["secrets"], f"{name} uses undeclared secret {secret}"
    for name, secret in compose["secrets"].items():
        path = (DOCKER / secret["file"]).resolve()
        assert path.parent == (PROD / "secrets").resolve(), name
    ignore = (PROD / "secrets" / ".gitignore").read_text(encoding="utf-8").split()
    assert ignore[0] == "*", "secret files must never be committed"
    tracked = {p.name for p in (PROD / "secrets").iterdir()}
    assert tracked <= {".gitignore", "README.md"} | set(compose["secrets"])
    options = _prod_conf()
    for key in ("db_password", "admin_passwd", "smtp_password"):
        assert key not in options, f"docker/prod/odoo.conf holds {key}"
    readme = (PROD / "secrets" / "README.md").read_text(encoding="utf-8")
    for name in compose["secrets"]:
        assert f"`{name}`" in readme, f"{name} is not documented"


def test_prod_odoo_conf():
    options = _prod_conf()
    services = _prod()["services"]
    assert options.getint("workers") >= 2
    assert options.getint("max_cron_threads") >= 1
    assert options.getboolean("proxy_mode") is True
    assert options.getboolean("list_db") is False
    assert options["without_demo"] == "all"
    assert options["dbfilter"].startswith("^") and options["dbfilter"].endswith("$")
    assert options["db_host"] in services
    assert options["db_replica_host"] == "db-replica"
    assert options["db_replica_port"] == options["db_port"] == "5432"
    assert "/mnt/extra-addons" not in options["addons_path"]
    for key in ("smtp_server", "smtp_port", "smtp_ssl", "email_from"):
        assert key in options, f"mail setting {key} is not documented in odoo.conf"
    for key in ("limit_memory_hard", "limit_time_real", "gevent_port"):
        assert key in options
    # Odoo is reachable through the proxy only.
    assert "ports" not in services["odoo"]
    assert {str(port) for port in services["proxy"]["ports"]} == {"80:80", "443:443"}


def test_prod_reverse_proxy():
    conf = (PROD / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"listen 443 ssl", conf)
    assert "ssl_certificate /etc/nginx/certs/fullchain.pem;" in conf
    assert "return 301 https://$host$request_uri;" in conf
    assert "Strict-Transport-Security" in conf
    assert "server odoo:8069;" in conf and "server odoo:8072;" in conf
    # Odoo's proxy_mode believes these: set by the proxy, never the client's.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header X-Forwarded-Host $host;" in conf
    assert "$proxy_add_x_forwarded_for" not in conf
    assert re.search(r"location /websocket \{[^}]*Upgrade", conf)
    assert "location = /nginx-health" in conf
    health = _prod()["services"]["proxy"]["healthcheck"]["test"]
    assert "http://127.0.0.1/nginx-health" in health


def test_prod_replication():
    services = _prod()["services"]
    command = " ".join(services["db"]["command"])
    assert "wal_level=replica" in command and "max_wal_senders" in command
    init = (PROD / "db-primary-init.sh").read_text(encoding="utf-8")
    assert "WITH REPLICATION LOGIN PASSWORD :'password'" in init
    assert "host replication replicator samenet scram-sha-256" in init
    replica = (PROD / "db-replica.sh").read_text(encoding="utf-8")
    assert re.search(r"pg_basebackup .*-R -C -S", replica.replace("\\\n", " "))
    assert "hot_standby=on" in replica
    assert "pg_is_in_recovery()" in " ".join(services["db-replica"]["healthcheck"]["test"])
    assert services["db"]["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"


def test_prod_mounts():
    compose = _prod()
    named = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = _volume_source(volume)
            if source.startswith((".", "/", "~")):
                host = (DOCKER / source).resolve()
                assert host.exists(), f"{name} mounts {source}, which is not in the repository"
                assert host.is_relative_to(DOCKER), f"{name} mounts {source} outside docker/"
            else:
                assert source in named, f"{name} uses undeclared volume {source}"
    for script in PROD.glob("*.sh"):
        assert os.access(script, os.X_OK), f"{script} must be executable"
        assert script.read_text(encoding="utf-8").startswith("#!/bin/bash\n")
        assert "set -euo pipefail" in script.read_text(encoding="utf-8")
    odoo_mounts = {_volume_source(v) for v in compose["services"]["odoo"]["volumes"]}
    assert odoo_mounts == {"odoo-data"}, "the production Odoo mounts no code"
    backup = {_volume_source(v) for v in compose["services"]["backup"]["volumes"]}
    assert "odoo-data" in backup, "the backup takes the filestore too"


def test_prod_entrypoint_secrets(tmp_path):
    """The entrypoint puts the secret files into a private copy of the
    configuration (mode 600) and refuses to start without them."""
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "db_password").write_text("pw-of-the-db\n", encoding="utf-8")
    (secrets / "admin_passwd").write_text("master-pw\n", encoding="utf-8")
    base = tmp_path / "base.conf"
    # An empty db_host: the local PostgreSQL socket, for the entrypoint's wait.
    base.write_text("[options]\ndb_host =\nlist_db = False\n", encoding="utf-8")
    env = dict(
        os.environ,
        DON_SECRETS_DIR=str(secrets),
        DON_RUNTIME_DIR=str(tmp_path / "run"),
        DON_BASE_CONF=str(base),
    )
    script = str(PROD / "odoo-entrypoint.sh")
    show = 'stat -c %a "$ODOO_RC"; cat "$ODOO_RC"'
    result = subprocess.run(
        ["bash", script, "bash", "-c", show], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    mode, _, conf = result.stdout.partition("\n")
    assert mode == "600"
    assert "db_password = pw-of-the-db\n" in conf and "admin_passwd = master-pw\n" in conf
    assert "smtp_password" not in conf
    assert "list_db = False" in conf
    (secrets / "admin_passwd").unlink()
    result = subprocess.run(
        ["bash", script, "true"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "secret 'admin_passwd' is missing" in result.stderr


def test_prod_build_context():
    """The image's build context (the repository root) lets in the wheels
    and the two files the Dockerfile copies, nothing else."""
    ignore = (DOCKER / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    rules = [line for line in ignore.splitlines() if line and not line.startswith("#")]
    assert rules[0] == "*"
    allowed = {rule[1:] for rule in rules[1:]}
    assert allowed == {
        "dist/odoo_addon_don_*.whl",
        "docker/prod/odoo.conf",
        "docker/prod/odoo-entrypoint.sh",
    }
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    for source in re.findall(r"^COPY (?:--\S+ )*(\S+) ", dockerfile, re.M):
        assert source in allowed, f"the Dockerfile copies {source}, outside the context"


BENCH_SCRIPTS = sorted((ROOT / "bench").glob("bench_*.py"))


@pytest.mark.parametrize("script", BENCH_SCRIPTS, ids=lambda path: path.name)
def test_bench_script_starts(script):
    """Every benchmark in bench/ imports what it uses (a refactoring of the
    shared bench library once broke two of them unnoticed)."""
    result = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout
