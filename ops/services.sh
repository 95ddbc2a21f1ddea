#!/usr/bin/env bash
# ops/services.sh - this run's infrastructure, Kafka and PostgreSQL together.
#
#   ops/services.sh start    starts both (each does nothing if already running)
#   ops/services.sh stop     stops both (not an error if they are not running)
#   ops/services.sh status   one line for each; exits 1 unless both are up
#
# Which run: SUBSIDY_WORK and the ports (see ops/env.sh).
set -euo pipefail
OPS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/env.sh
source "$OPS/env.sh"

start() {
    mkdir -p "$SUBSIDY_WORK"
    "$OPS/kafka/start.sh"
    "$OPS/pg/start.sh"
}

# Stops both even when the first fails; fails if either did.
stop() {
    local rc=0
    "$OPS/pg/stop.sh" || rc=1
    "$OPS/kafka/stop.sh" || rc=1
    return "$rc"
}

status() {
    local rc=0
    if "$OPS/kafka/ready.sh"; then
        echo "kafka running on $KAFKA_BROKERS (pid $(cat "$KAFKA_DIR/kafka.pid" 2>/dev/null || echo '?'), dir $KAFKA_DIR)"
    else
        echo "kafka not answering on $KAFKA_BROKERS (dir $KAFKA_DIR)"
        rc=1
    fi
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -d "$PG_DB" -U "$PG_USER"; then
        echo "postgres running on 127.0.0.1:$PG_PORT (database $PG_DB, dir $PG_DIR)"
    else
        echo "postgres not answering on 127.0.0.1:$PG_PORT (dir $PG_DIR)"
        rc=1
    fi
    return "$rc"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: ops/services.sh start|stop|status" >&2; exit 2 ;;
esac
