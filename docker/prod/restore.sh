#!/bin/bash
# Restore a backup made by backup.sh into database $2 (default: the name it
# was taken from): checks the SHA-256 sums, creates the database (it must not
# exist: drop the old one yourself, with Odoo stopped), restores the dump and
# puts the filestore under the target database's name.
#
#   docker compose -f docker/docker-compose.prod.yml stop odoo
#   docker compose -f docker/docker-compose.prod.yml run --rm backup \
#       restore.sh /backups/don-20270101T020000Z don
#   docker compose -f docker/docker-compose.prod.yml start odoo
set -euo pipefail

base="${1:?usage: restore.sh /backups/<db>-<stamp> [target-db]}"
base="${base%.dump}"
source_db="$(basename "$base" | sed -E 's/-[0-9]{8}T[0-9]{6}Z$//')"
DB="${2:-$source_db}"
FILESTORE="${DON_FILESTORE:-/var/lib/odoo/filestore}"
if [ -z "${PGPASSWORD:-}" ] && [ -r /run/secrets/db_password ]; then
    PGPASSWORD="$(head -n 1 /run/secrets/db_password | tr -d '\r\n')"
    export PGPASSWORD
fi

(cd "$(dirname "$base")" && sha256sum --quiet -c "$(basename "$base").sha256")
if [ -e "$FILESTORE/$DB" ]; then
    echo "restore: $FILESTORE/$DB exists; move it away first" >&2
    exit 3
fi
createdb "$DB"
pg_restore --no-owner --no-privileges --exit-on-error --jobs=2 --dbname="$DB" "$base.dump"
work="$(mktemp -d "$FILESTORE/.restore-XXXXXX" 2>/dev/null || mktemp -d)"
tar -C "$work" -xzf "$base.filestore.tar.gz"
if [ -d "$work/$source_db" ]; then
    mkdir -p "$FILESTORE"
    mv "$work/$source_db" "$FILESTORE/$DB"
fi
rm -rf "$work"
echo "restored $base into database $DB"
