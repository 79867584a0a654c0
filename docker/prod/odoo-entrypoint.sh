#!/bin/bash
# Entrypoint of the production image: adds the passwords from the Docker
# secrets (files in /run/secrets, never environment variables or the
# compose file) to a private copy of /etc/odoo/odoo.conf, waits for
# PostgreSQL and starts Odoo with that copy. Unlike the official image's
# /entrypoint.sh, no password is put on a command line (visible in ps).
set -euo pipefail

SECRETS="${DON_SECRETS_DIR:-/run/secrets}"
RUNTIME_DIR="${DON_RUNTIME_DIR:-/run/odoo}"
BASE_CONF="${DON_BASE_CONF:-/etc/odoo/odoo.conf}"
CONF="$RUNTIME_DIR/odoo.conf"

secret() {
    # $1: secret name; prints the first line of the file, fails if missing
    # and required ($2 = required).
    local file="$SECRETS/$1"
    if [ -r "$file" ]; then
        head -n 1 "$file" | tr -d '\r\n'
    elif [ "${2:-}" = "required" ]; then
        echo "don-entrypoint: secret '$1' is missing ($file)" >&2
        exit 2
    fi
    return 0
}

# A missing required secret stops the container here (set -e).
db_password="$(secret db_password required)"
admin_passwd="$(secret admin_passwd required)"
smtp_password="$(secret smtp_password)"

umask 077
mkdir -p "$RUNTIME_DIR"
cp "$BASE_CONF" "$CONF"
{
    echo "db_password = $db_password"
    echo "admin_passwd = $admin_passwd"
    if [ -n "$smtp_password" ]; then
        echo "smtp_password = $smtp_password"
    fi
} >> "$CONF"
unset db_password admin_passwd smtp_password
export ODOO_RC="$CONF"

# Wait (60 s at most) until the primary accepts connections.
python3 - "$CONF" <<'PY'
import configparser, sys, time
import psycopg2
options = configparser.RawConfigParser()
options.read(sys.argv[1])
opts = options["options"]
deadline = time.time() + 60
while True:
    try:
        psycopg2.connect(
            host=opts.get("db_host"), port=opts.get("db_port"), user=opts.get("db_user"),
            password=opts.get("db_password"), dbname="postgres",
        ).close()
        break
    except psycopg2.OperationalError as error:
        if time.time() > deadline:
            sys.exit(f"don-entrypoint: database not reachable: {error}")
        time.sleep(1)
PY

case "${1:-odoo}" in
    odoo) [ "$#" -gt 0 ] && shift; exec odoo -c "$CONF" "$@" ;;
    *) exec "$@" ;;
esac
