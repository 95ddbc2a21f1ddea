# shellcheck shell=bash
# ops/pg/common.sh - what ops/pg/start.sh and ops/pg/stop.sh share: where the
# PostgreSQL binaries are and how to run them as the cluster's owner. Sourced,
# never executed; expects ops/env.sh to be sourced first.
#
#   PG_BIN   the newest /usr/lib/postgresql/<version>/bin unless set
#   PGDATA   $PG_DIR/data (the cluster); the socket and server.log sit in $PG_DIR

PGDATA=$PG_DIR/data
if [[ -z ${PG_BIN:-} ]]; then
    PG_BIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
fi
[[ -x ${PG_BIN:-}/pg_ctl ]] || { echo "PostgreSQL server binaries not found (run ops/install.sh)" >&2; exit 1; }

# Runs a PostgreSQL binary as the cluster's owner: `postgres` when we are root
# (the server refuses to run as root), ourselves otherwise. Runs from $PG_DIR
# so that the owner never stands in a folder it may not enter.
pg_as_owner() {
    local tool=$1
    shift
    if ((EUID == 0)); then
        (cd "$PG_DIR" && runuser -u postgres -- "$PG_BIN/$tool" "$@")
    else
        (cd "$PG_DIR" && "$PG_BIN/$tool" "$@")
    fi
}

# 0 while the cluster in $PGDATA runs.
pg_running() {
    [[ -f $PGDATA/PG_VERSION ]] && pg_as_owner pg_ctl status -D "$PGDATA" >/dev/null 2>&1
}
