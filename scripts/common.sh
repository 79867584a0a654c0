#!/usr/bin/env bash
# Shared helpers for `make run` and `make test`. Odoo 18 is an installed
# dependency: these scripts never download or build it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/.build"
PYTHON="${PYTHON:-python3}"
DON_ADDONS="don_core,don_signalen,don_bewustwording,don_rapportage,don_bestuur"
mkdir -p "$BUILD"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

require_odoo() {
    local series
    series=$("$PYTHON" -c 'import odoo.release as r; print(r.series)' 2>/dev/null || true)
    if [ "$series" != "18.0" ]; then
        cat >&2 <<MSG
ERROR: '$PYTHON' cannot import Odoo 18.0 (found: '${series:-nothing}').

DON for Odoo is a set of addons for Odoo 18.0 Community. Install Odoo 18 from
one of Odoo's official channels first, then run this command again:
  - the Docker image 'odoo:18.0' (see docker/ and the README, section Docker), or
  - Odoo's 18.0 source or nightly packages (https://www.odoo.com/documentation/18.0/
    administration/on_premise.html): install its requirements.txt and then the
    source itself into this python3 (e.g. 'pip install -e <odoo-18-source>').
Set PYTHON=/path/to/python if Odoo lives in another interpreter.
MSG
        exit 3
    fi
}

ensure_python_deps() {
    # Runtime dependencies of the addons (requirements.txt) and, when asked,
    # the test/lint tooling (requirements-dev.txt). Installed only when missing.
    local req
    for req in "$@"; do
        if ! "$PYTHON" "$ROOT/scripts/check_requirements.py" "$ROOT/$req"; then
            say "Installing Python packages from $req"
            "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$ROOT/$req"
        fi
    done
}

ensure_postgres() {
    if pg_isready -q 2>/dev/null; then
        return 0
    fi
    say "PostgreSQL does not answer: starting it"
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        local ver
        for ver in $(ls /etc/postgresql 2>/dev/null); do
            pg_ctlcluster "$ver" main start 2>/dev/null || true
        done
    fi
    pg_isready -q 2>/dev/null || service postgresql start 2>/dev/null || true
    local i
    for i in $(seq 1 30); do
        pg_isready -q 2>/dev/null && return 0
        sleep 1
    done
    echo "ERROR: PostgreSQL could not be started; start it and run again." >&2
    exit 4
}

odoo_addons_path() {
    # Odoo's own addons folders (as the installed Odoo reports them) plus ours.
    "$PYTHON" - "$ROOT" <<'PY'
import os, sys
import odoo
from odoo.tools import config
config.parse_config([])
root = sys.argv[1]
paths = [os.path.join(root, "addons"), os.path.join(root, "tests")]
for p in config["addons_path"].split(","):
    p = p.strip()
    if p and os.path.isdir(p) and p not in paths:
        paths.append(p)
print(",".join(paths))
PY
}

write_config() {
    # $1: config file, $2: database name, $3: http port
    local conf="$1" db="$2" port="$3"
    cat > "$conf" <<CONF
[options]
addons_path = $(odoo_addons_path)
db_name = $db
dbfilter = ^$db\$
http_port = $port
http_interface = 127.0.0.1
data_dir = $BUILD/data
list_db = False
without_demo = False
CONF
}

free_port() {
    # A free TCP port on 127.0.0.1, so that a test run never depends on what
    # else listens (e.g. `make run` serving the demo on 8069).
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

odoo_bin() {
    "$PYTHON" -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' "$@"
}
