#!/usr/bin/env bash
# ops/daemons.sh - starts, stops and lists the four daemons and the finance
# simulator, each in the background with its own database role, a pid file in
# $SUBSIDY_WORK/run and a JSON-lines log in $SUBSIDY_WORK/logs.
#
#   ops/daemons.sh start [NAME...]   (default: all five)
#   ops/daemons.sh stop [NAME...]    SIGTERM, wait up to 15 s, then SIGKILL
#   ops/daemons.sh kill NAME...      SIGKILL at once (crash tests)
#   ops/daemons.sh status
#
# Environment (ops/env.sh gives the defaults): BUILD_DIR (default $REPO/build),
# SUBSIDY_WORK, KAFKA_BROKERS, PG_PORT, PG_DB, and any SUBSIDY_* setting the
# daemons read (subsidy-admin --help lists them), e.g. SUBSIDY_BUSINESS_DATE.
# FINANCE_FAIL_PERCENT sets the simulator's failure share (default 0).
# ASAN_BUILD_DIR with ASAN_DAEMONS="intake ..." runs those from a sanitizer build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BUILD_DIR=${BUILD_DIR:-$REPO/build}
ALL=(intake validation payment notification finance-sim)
RUN="$SUBSIDY_WORK/run"
LOGS="$SUBSIDY_WORK/logs"

binary() {
    local dir=$BUILD_DIR
    # ASAN_DAEMONS="intake ..." runs those daemons from the sanitizer build.
    [[ -n ${ASAN_BUILD_DIR:-} && " ${ASAN_DAEMONS:-} " == *" $1 "* ]] && dir=$ASAN_BUILD_DIR
    case "$1" in
        finance-sim) echo "$dir/finance-sim" ;;
        *) echo "$dir/subsidy-$1" ;;
    esac
}

running() {
    local pidf="$RUN/$1.pid"
    [[ -f $pidf ]] && kill -0 "$(cat "$pidf")" 2>/dev/null
}

start_one() {
    local name=$1 user=subsidy_$1 extra=()
    [[ $name == finance-sim ]] && user=$PG_USER && extra=("--fail-percent=${FINANCE_FAIL_PERCENT:-0}")
    if running "$name"; then
        echo "$name already running (pid $(cat "$RUN/$name.pid"))"
        return
    fi
    mkdir -p "$RUN" "$LOGS" "$SUBSIDY_WORK/notices"
    SUBSIDY_KAFKA_BROKERS=$KAFKA_BROKERS \
    SUBSIDY_PG_DSN="host=127.0.0.1 port=$PG_PORT dbname=$PG_DB user=$user" \
    SUBSIDY_SCHEMA_DIR=${SUBSIDY_SCHEMA_DIR:-$REPO/schemas} \
    SUBSIDY_NOTICE_DIR=${SUBSIDY_NOTICE_DIR:-$SUBSIDY_WORK/notices} \
        nohup "$(binary "$name")" "${extra[@]}" >>"$LOGS/$name.log" 2>&1 &
    echo $! >"$RUN/$name.pid"
    echo "$name started (pid $!)"
}

stop_one() {
    local name=$1 signal=${2:-TERM}
    running "$name" || { rm -f "$RUN/$name.pid"; return 0; }
    local pid
    pid=$(cat "$RUN/$name.pid")
    kill -s "$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "$name did not stop within 15 s; killing" >&2
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
    echo "$name stopped ($signal)"
}

cmd=${1:-status}
shift || true
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=("${ALL[@]}")
case "$cmd" in
    start) for n in "${names[@]}"; do start_one "$n"; done ;;
    stop) for n in "${names[@]}"; do stop_one "$n"; done ;;
    kill) for n in "${names[@]}"; do stop_one "$n" KILL; done ;;
    status)
        for n in "${ALL[@]}"; do
            if running "$n"; then echo "$n running (pid $(cat "$RUN/$n.pid"))"; else echo "$n stopped"; fi
        done ;;
    *) echo "usage: ops/daemons.sh start|stop|kill|status [NAME...]" >&2; exit 2 ;;
esac
