#!/usr/bin/env bash
# ops/kafka/stop.sh - stops this run's broker (the pid in $KAFKA_DIR/kafka.pid):
# SIGTERM, up to 20 s for a clean shutdown, then SIGKILL. Not an error when
# nothing runs. Keeps the data; rm -rf $KAFKA_DIR for a fresh broker.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

PIDFILE=$KAFKA_DIR/kafka.pid

# 0 while the pid names a live broker JVM (not a recycled pid).
is_broker() {
    [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'kafka\.Kafka'
}

if [[ ! -f $PIDFILE ]] || ! is_broker "$(<"$PIDFILE")"; then
    rm -f "$PIDFILE"
    echo "kafka not running ($KAFKA_DIR)"
    exit 0
fi
pid=$(<"$PIDFILE")
start=$SECONDS
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 200); do
    is_broker "$pid" || break
    sleep 0.1
done
if is_broker "$pid"; then
    echo "kafka (pid $pid) did not stop within 20 s; killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while is_broker "$pid"; do sleep 0.1; done
fi
rm -f "$PIDFILE"
echo "kafka stopped (pid $pid, $((SECONDS - start)) s)"
