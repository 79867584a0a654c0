#!/bin/bash
# /docker-entrypoint-initdb.d/ script of the primary (service db), run once
# by the postgres image when it creates the cluster: the role the streaming
# replica connects as, with its password from the secret file, and the
# pg_hba line that lets it in (scram-sha-256, from the compose network only).
set -euo pipefail

password="$(head -n 1 /run/secrets/replication_password | tr -d '\r\n')"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v password="$password" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
