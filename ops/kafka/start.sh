#!/usr/bin/env bash
# ops/kafka/start.sh - starts a single-node KRaft Kafka broker (broker and
# controller in one JVM) for this run: configuration, data and logs in
# $KAFKA_DIR, clients on 127.0.0.1:$KAFKA_PORT, the controller on
# 127.0.0.1:$KAFKA_CONTROLLER_PORT. Formats the storage once (random cluster
# id), starts the broker in the background (pid in $KAFKA_DIR/kafka.pid) and
# returns when it answers clients (ops/kafka/ready.sh), within 60 s or fails
# with the end of its logs. Does nothing if this run's broker already runs.
# Fetches the jars first if they are missing (ops/kafka/fetch.sh).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../env.sh
source "$HERE/../env.sh"

PIDFILE=$KAFKA_DIR/kafka.pid
CONFIG=$KAFKA_DIR/server.properties
TIMEOUT=${KAFKA_START_TIMEOUT:-60}

# 0 when the pid file names a live broker JVM (not a recycled pid).
running() {
    local pid
    [[ -f $PIDFILE ]] || return 1
    pid=$(<"$PIDFILE")
    [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() {
    cat >"$CONFIG" <<PROPS
# Written by ops/kafka/start.sh on every start; edits here are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DIR/data
num.partitions=6
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
# One node: every internal topic has one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# After a crash the new broker incarnation waits for the old one's session to
# expire before it is let in: 3 s rather than the default 9 s.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
# Fewer partitions than the default 50 for the internal topics: the first
# consumer group and the first transaction come up in a fraction of the time.
offsets.topic.num.partitions=12
transaction.state.log.num.partitions=12
PROPS
}

# A Kafka cluster id: 16 random bytes in URL-safe base64 without padding,
# not starting with '-' (it would read as an option).
random_cluster_id() {
    local id
    while :; do
        id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
        [[ $id != -* ]] && echo "$id" && return
    done
}

java_opts() {
    printf '%s\n' -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -XX:+ExitOnOutOfMemoryError "-XX:ErrorFile=$KAFKA_DIR/logs/hs_err_pid%p.log" \
        -XX:-UsePerfData -Djava.awt.headless=true \
        "-Dlog4j2.configurationFile=$HERE/log4j2.xml" "-Dkafka.logs.dir=$KAFKA_DIR/logs"
}

format_once() {
    [[ -f $KAFKA_DIR/data/meta.properties ]] && return
    local id
    id=$(random_cluster_id)
    echo "formatting kafka storage in $KAFKA_DIR/data (cluster id $id)"
    mapfile -t opts < <(java_opts)
    java "${opts[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format \
        --cluster-id="$id" --config "$CONFIG" >"$KAFKA_DIR/logs/format.out" 2>&1 ||
        { cat "$KAFKA_DIR/logs/format.out" >&2; echo "kafka storage format failed" >&2; exit 1; }
}

fail_with_logs() {
    echo "kafka on 127.0.0.1:$KAFKA_PORT: $1" >&2
    local f
    for f in "$KAFKA_DIR/logs/kafka.out" "$KAFKA_DIR/logs/server.log"; do
        [[ -s $f ]] && { echo "--- last lines of $f" >&2; tail -n 30 "$f" >&2; }
    done
    exit 1
}

wait_ready() {
    local pid=$1 deadline=$((SECONDS + TIMEOUT))
    while ((SECONDS < deadline)); do
        "$HERE/ready.sh" && return 0
        running || fail_with_logs "the broker exited during start-up"
        sleep 0.2
    done
    fail_with_logs "not ready after $TIMEOUT s (still running as pid $pid; ops/kafka/stop.sh stops it)"
}

if running; then
    echo "kafka already running on 127.0.0.1:$KAFKA_PORT (pid $(<"$PIDFILE"))"
    exit 0
fi
for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_taken "$port" && { echo "kafka: port $port is already in use by another process" >&2; exit 1; }
done
"$HERE/fetch.sh" >/dev/null
mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
write_config
format_once
start=$SECONDS
mapfile -t opts < <(java_opts)
cd "$KAFKA_DIR"  # the JVM writes nothing into the caller's folder
nohup java "${opts[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$CONFIG" \
    >>"$KAFKA_DIR/logs/kafka.out" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PIDFILE"
wait_ready "$pid"
echo "kafka started on 127.0.0.1:$KAFKA_PORT (pid $pid, ready in $((SECONDS - start)) s, dir $KAFKA_DIR)"
