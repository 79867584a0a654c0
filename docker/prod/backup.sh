#!/bin/bash
# Backup of one DON database: the database as a pg_dump archive (custom
# format, consistent snapshot) and then its filestore (the attachments:
# signed minutes, subject-request exports, signal attachments) as a tar
# archive, with SHA-256 sums. Both are needed to restore; the filestore is
# taken after the dump, so that every file the dump refers to is in it.
#
# In the production compose: service "backup" (profile backup):
#   docker compose -f docker/docker-compose.prod.yml run --rm backup
# Anywhere else (tests/test_repository.py runs it on this machine):
#   DON_DB=don DON_FILESTORE=/var/lib/odoo/filestore DON_BACKUP_DIR=/backups \
#     PGHOST=... PGUSER=... bash docker/prod/backup.sh
# The files contain data about minors: store them encrypted and off this
# machine, and keep them no longer than the retention policy allows.
set -euo pipefail

DB="${DON_DB:-don}"
FILESTORE="${DON_FILESTORE:-/var/lib/odoo/filestore}"
OUT="${DON_BACKUP_DIR:-/backups}"
if [ -z "${PGPASSWORD:-}" ] && [ -r /run/secrets/db_password ]; then
    PGPASSWORD="$(head -n 1 /run/secrets/db_password | tr -d '\r\n')"
    export PGPASSWORD
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$OUT/$DB-$stamp"
umask 077
mkdir -p "$OUT"
pg_dump --format=custom --no-owner --no-privileges --file="$base.dump.part" "$DB"
mv "$base.dump.part" "$base.dump"
if [ -d "$FILESTORE/$DB" ]; then
    tar -C "$FILESTORE" -czf "$base.filestore.tar.gz" "$DB"
else
    tar -czf "$base.filestore.tar.gz" --files-from /dev/null
fi
(cd "$OUT" && sha256sum "$(basename "$base").dump" "$(basename "$base").filestore.tar.gz" \
    > "$(basename "$base").sha256")
echo "$base"
