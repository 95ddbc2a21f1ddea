#!/usr/bin/env bash
# ops/pg/start.sh - starts this run's throwaway PostgreSQL cluster in $PG_DIR
# with Debian's server binaries (newest /usr/lib/postgresql/<version>/bin):
# creates it on first use (initdb: trust authentication, superuser $PG_USER,
# UTF8, no locale), listens on 127.0.0.1:$PG_PORT only (unix socket in
# $PG_DIR), creates database $PG_DB owned by $PG_USER and returns once
# pg_isready answers. Says so and does nothing if the cluster already runs.
#
# Run as root, the cluster belongs to and runs as the `postgres` user: $PG_DIR
# is chowned to it, and every folder above $PG_DIR must be enterable by it
# (a mktemp -d work folder is 700: chmod 755 it, as the integration tests do).
# Durability stays on (fsync, synchronous_commit, full_page_writes: defaults).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../env.sh
source "$HERE/../env.sh"
# shellcheck source=SCRIPTDIR/common.sh
source "$HERE/common.sh"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Creates $PG_DIR owned by the cluster's owner and checks the owner can reach it.
prepare_dir() {
    mkdir -p "$PG_DIR"
    ((EUID == 0)) || return 0
    chown postgres:postgres "$PG_DIR"
    if ! runuser -u postgres -- test -x "$PG_DIR"; then
        echo "pg: the postgres user cannot enter $PG_DIR: make every folder above it" \
            "enterable (chmod 755 \"$SUBSIDY_WORK\")" >&2
        exit 1
    fi
}

init_once() {
    [[ -f $PGDATA/PG_VERSION ]] && return
    echo "creating PostgreSQL $(basename "$(dirname "$PG_BIN")") cluster in $PGDATA"
    pg_as_owner initdb -D "$PGDATA" --auth=trust -U "$PG_USER" -E UTF8 --no-locale \
        >"$PG_DIR/initdb.log" 2>&1 ||
        { cat "$PG_DIR/initdb.log" >&2; echo "pg: initdb failed" >&2; exit 1; }
    echo "include_if_exists = 'subsidy.conf'" >>"$PGDATA/postgresql.conf"
}

# The run's settings, rewritten on every start (the ports may change).
write_config() {
    cat >"$PGDATA/subsidy.conf" <<CONF
# Written by ops/pg/start.sh on every start; edits here are lost.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 200
CONF
    ((EUID != 0)) || chown postgres:postgres "$PGDATA/subsidy.conf"
}

wait_ready() {
    local deadline=$((SECONDS + 60))
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres -U "$PG_USER"; do
        if ((SECONDS >= deadline)); then
            tail -n 30 "$PG_DIR/server.log" >&2
            echo "pg: not ready on 127.0.0.1:$PG_PORT after 60 s" >&2
            exit 1
        fi
        sleep 0.1
    done
}

create_db_once() {
    local exists
    exists=$(psql -qAtX -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
        -v ON_ERROR_STOP=1 -v db="$PG_DB" <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")
    [[ $exists == 1 ]] && return
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -O "$PG_USER" "$PG_DB"
    echo "created database $PG_DB owned by $PG_USER"
}

prepare_dir
if pg_running; then
    echo "postgres already running on 127.0.0.1:$PG_PORT ($PGDATA)"
    exit 0
fi
port_taken "$PG_PORT" && { echo "pg: port $PG_PORT is already in use by another process" >&2; exit 1; }
start=$SECONDS
init_once
write_config
if ! pg_as_owner pg_ctl start -D "$PGDATA" -l "$PG_DIR/server.log" -w -t 60 >/dev/null; then
    tail -n 30 "$PG_DIR/server.log" >&2
    echo "pg: pg_ctl start failed" >&2
    exit 1
fi
wait_ready
create_db_once
echo "postgres started on 127.0.0.1:$PG_PORT (database $PG_DB, in $((SECONDS - start)) s, dir $PG_DIR)"
