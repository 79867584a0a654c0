#!/usr/bin/env bash
# `make run`: create or upgrade the demo database and start Odoo on port 8069.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB="${DON_DEMO_DB:-don_demo}"
PORT="${DON_HTTP_PORT:-8069}"
CONF="$BUILD/odoo-demo.conf"

require_odoo
ensure_python_deps requirements.txt
ensure_postgres
write_config "$CONF" "$DB" "$PORT"

installed=$(psql -d "$DB" -tAc \
    "SELECT count(*) FROM ir_module_module WHERE name = 'don_rapportage' AND state = 'installed'" \
    2>/dev/null || echo 0)
if [ "$installed" = "1" ]; then
    say "Database '$DB' exists: upgrading the DON addons"
    odoo_bin -c "$CONF" -d "$DB" -u "$DON_ADDONS" --stop-after-init --log-level=warn
else
    say "Creating database '$DB' with the DON addons and their demo data (a few minutes)"
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    odoo_bin -c "$CONF" -d "$DB" -i "$DON_ADDONS" --load-language=nl_NL \
        --stop-after-init --log-level=warn
fi

cat <<INFO

DON for Odoo runs on http://localhost:$PORT  (database '$DB', stop with Ctrl+C)

Demo users (language Nederlands, password: don-demo):
  projectleider      Projectleider (Kernteam), domein Veiligheid
  kt.veiligheid      Kernteamlid, domein Veiligheid (gemeente OOV)
  kt.sociaal         Kernteamlid, domein Sociaal domein
  kt.politie         Kernteamlid, domein Politie
  om.agendalid       Kernteamlid, domein OM (agendalid)
  jeugdconsulent     Professional (flexibele schil), domein Sociaal domein
  boa                Professional (flexibele schil), domein Veiligheid
  beheerder          DON-beheerder (configuratie, geen dossiertoegang)
  privacy            Privacyfunctionaris (toegangslog)
  rapportage         Rapportage (alleen geanonimiseerde cijfers)
  admin / admin      Odoo-beheerder (geen DON-rol)
INFO

exec "$PYTHON" -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' \
    -c "$CONF" -d "$DB" --log-level=info
