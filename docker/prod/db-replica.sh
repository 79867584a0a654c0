#!/bin/bash
# Entrypoint of the streaming read replica (service db-replica). On first
# start (empty volume) it copies the primary with pg_basebackup, with a
# replication slot so that the primary keeps the WAL the replica still
# needs, and -R (standby.signal + primary_conninfo); then it runs PostgreSQL
# as a hot standby. Odoo sends read-only requests here (db_replica_host).
set -euo pipefail

PGDATA="${PGDATA:-/var/lib/postgresql/data}"
PRIMARY_HOST="${PRIMARY_HOST:-db}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
SLOT="${REPLICATION_SLOT:-don_replica}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    PGPASSWORD="$(head -n 1 /run/secrets/replication_password | tr -d '\r\n')"
    export PGPASSWORD
    until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT"; do sleep 1; done
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    # A slot left by an earlier replica whose volume was removed.
    psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U replicator -d postgres -tAc \
        "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots
          WHERE slot_name = '$SLOT' AND NOT active" >/dev/null
    gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U replicator \
        -D "$PGDATA" -X stream -R -C -S "$SLOT" --checkpoint=fast --progress
    unset PGPASSWORD
fi

exec gosu postgres postgres -c hot_standby=on -c hot_standby_feedback=on \
    -c max_standby_streaming_delay=30s -c max_connections=200
