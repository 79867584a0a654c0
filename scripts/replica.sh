#!/usr/bin/env bash
# A primary and a streaming read replica of our own on this machine, for the
# scale-out measurement (bench/bench_replica.py, bench/README.md): two
# PostgreSQL clusters under .build/pg, loopback only, the shared cluster on
# 5432 untouched.
#   primary  127.0.0.1:5434  (writes; the DON database is copied into it)
#   replica  127.0.0.1:5433  (pg_basebackup -R, hot standby, slot don_replica)
#
#   scripts/replica.sh start [SOURCE_DB [DB]]  # create/start; copy SOURCE_DB as DB
#   scripts/replica.sh stop                    # stop both (data kept)
#   scripts/replica.sh destroy                 # stop and remove .build/pg
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PGBIN="${PGBIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}"
BASE="$BUILD/pg"
PRIMARY_PORT="${DON_PRIMARY_PORT:-5434}"
REPLICA_PORT="${DON_REPLICA_PORT:-5433}"

as_pg() {
    # initdb and postgres refuse to run as root.
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_cluster() {
    # $1: data dir, $2: port
    if ! as_pg "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; then
        as_pg "$PGBIN/pg_ctl" -D "$1" -w -t 120 -l "$1.log" start >/dev/null
    fi
    pg_isready -q -h 127.0.0.1 -p "$2"
}

case "${1:-start}" in
start)
    mkdir -p "$BASE/run"
    chown postgres "$BASE" "$BASE/run" 2>/dev/null || true
    if [ ! -s "$BASE/primary/PG_VERSION" ]; then
        say "Primary cluster on 127.0.0.1:$PRIMARY_PORT"
        as_pg "$PGBIN/initdb" -D "$BASE/primary" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$BASE/initdb.log"
        cat >>"$BASE/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$BASE/run'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
max_connections = 200
CONF
        cat >"$BASE/primary/pg_hba.conf" <<HBA
local all all trust
host all all 127.0.0.1/32 trust
local replication all trust
host replication all 127.0.0.1/32 trust
HBA
    fi
    start_cluster "$BASE/primary" "$PRIMARY_PORT"
    psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -qtAc \
        "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$(id -un)')
         THEN CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN; END IF; END \$\$"
    if [ ! -s "$BASE/replica/PG_VERSION" ]; then
        say "Streaming replica on 127.0.0.1:$REPLICA_PORT (pg_basebackup)"
        psql -h 127.0.0.1 -p "$PRIMARY_PORT" -d postgres -qtAc \
            "SELECT pg_drop_replication_slot('don_replica') FROM pg_replication_slots
              WHERE slot_name = 'don_replica'" >/dev/null
        as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
            -D "$BASE/replica" -X stream -R -C -S don_replica --checkpoint=fast
        cat >>"$BASE/replica/postgresql.conf" <<CONF
port = $REPLICA_PORT
hot_standby_feedback = on
CONF
    fi
    start_cluster "$BASE/replica" "$REPLICA_PORT"
    if [ -n "${2:-}" ]; then
        DB="${3:-$2}"
        say "Copying database '$2' (port 5432) into the primary as '$DB'"
        dropdb -h 127.0.0.1 -p "$PRIMARY_PORT" --if-exists --force "$DB"
        createdb -h 127.0.0.1 -p "$PRIMARY_PORT" "$DB"
        pg_dump -Fc "$2" | pg_restore -h 127.0.0.1 -p "$PRIMARY_PORT" --no-owner -d "$DB"
        if [ -d "$BUILD/data/filestore/$2" ] && [ "$2" != "$DB" ]; then
            rm -rf "$BUILD/data/filestore/$DB"
            cp -a "$BUILD/data/filestore/$2" "$BUILD/data/filestore/$DB"
        fi
    fi
    psql -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres -tAc "SELECT pg_is_in_recovery()" \
        | grep -qx t
    echo "primary 127.0.0.1:$PRIMARY_PORT, replica 127.0.0.1:$REPLICA_PORT (in recovery)"
    ;;
stop)
    for name in replica primary; do
        [ -d "$BASE/$name" ] && as_pg "$PGBIN/pg_ctl" -D "$BASE/$name" -m fast stop || true
    done
    ;;
destroy)
    "$0" stop
    rm -rf "$BASE"
    ;;
*)
    echo "usage: $0 start [SOURCE_DB [DB]] | stop | destroy" >&2
    exit 2
    ;;
esac
