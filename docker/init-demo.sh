#!/bin/bash
# One-shot step of docker/docker-compose.yml (service init-demo): create the
# demo database with the four DON addons, their demo data and Dutch, unless
# the addons are installed in it already. Runs in the official odoo:18.0
# image, which ships psql (postgresql-client), with docker/odoo.conf as
# /etc/odoo/odoo.conf. Set DON_UPGRADE=1 to upgrade the addons of an existing
# database instead (after pulling new code):
#   docker compose -f docker/docker-compose.yml stop odoo
#   docker compose -f docker/docker-compose.yml run --rm -e DON_UPGRADE=1 init-demo
set -euo pipefail

DB="${DON_DEMO_DB:-don_demo}"
ADDONS="don_core,don_signalen,don_bewustwording,don_rapportage,don_bestuur"
CONF="${ODOO_RC:-/etc/odoo/odoo.conf}"

# The connection settings of odoo.conf, for psql.
conf_value() {
    sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$CONF" | tail -n 1 | tr -d '\r'
}
PGHOST="$(conf_value db_host)"
PGPORT="$(conf_value db_port)"
PGUSER="$(conf_value db_user)"
PGPASSWORD="$(conf_value db_password)"
export PGHOST="${PGHOST:-db}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-odoo}"
export PGPASSWORD="${PGPASSWORD:-odoo}"

for _ in $(seq 1 60); do
    psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1 && break
    sleep 1
done
psql -d postgres -tAc "SELECT 1" >/dev/null

# Installed = all five DON addons installed. A database that does not exist
# counts as 0, and so does one left behind by an interrupted first run.
installed=$(psql -d "$DB" -tAc \
    "SELECT count(*) FROM ir_module_module
      WHERE name IN ('don_core', 'don_signalen', 'don_bewustwording', 'don_rapportage', 'don_bestuur')
        AND state = 'installed'" 2>/dev/null || echo 0)

if [ "$installed" = "5" ] && [ "${DON_UPGRADE:-0}" != "1" ]; then
    echo "init-demo: database '$DB' has the DON addons; nothing to do."
    exit 0
fi

if [ "$installed" = "5" ]; then
    echo "init-demo: upgrading the DON addons in '$DB'"
    exec odoo -c "$CONF" -d "$DB" -u "$ADDONS" --stop-after-init
fi

# Odoo creates the database when it does not exist. On a database left
# behind by an interrupted run, -i installs what is missing: modules that
# are installed already are skipped, so this is safe to repeat.
echo "init-demo: installing the DON addons with demo data into '$DB' (a few minutes)"
exec odoo -c "$CONF" -d "$DB" -i "$ADDONS" --load-language=nl_NL --stop-after-init
