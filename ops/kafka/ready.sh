#!/usr/bin/env bash
# ops/kafka/ready.sh - exits 0 when the broker on $KAFKA_PORT is ready for
# clients: it answers a Kafka Metadata request (v4) listing at least one
# broker (a broker still starting up or fenced answers nothing or lists none).
# Speaks the protocol with bash's /dev/tcp, so it costs no JVM start.
# Prints nothing; -v prints what it saw.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

say() { [[ ${1:-} == -v ]] && shift && echo "$*" >&2; return 0; }
verbose=${1:-}

# Metadata v4 request: size 17; api key 3, version 4, correlation id 7,
# client id "ok"; topics null (-1: all), allow_auto_topic_creation false.
REQUEST='\x00\x00\x00\x11\x00\x03\x00\x04\x00\x00\x00\x07\x00\x02ok\xff\xff\xff\xff\x00'

if ! { exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT"; } 2>/dev/null; then
    say "$verbose" "nothing listens on 127.0.0.1:$KAFKA_PORT"
    exit 1
fi
# shellcheck disable=SC2059 # the request is a printf format of \x escapes
printf "$REQUEST" >&3
# Response: size, correlation id, throttle time, broker count (int32 each).
read -r -a bytes <<<"$(timeout 3 od -An -tu1 -N16 <&3 || true)"
exec 3<&-
if ((${#bytes[@]} < 16)); then
    say "$verbose" "no metadata answer from 127.0.0.1:$KAFKA_PORT"
    exit 1
fi
correlation=$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))
brokers=$(((bytes[12] << 24) | (bytes[13] << 16) | (bytes[14] << 8) | bytes[15]))
if ((correlation != 7 || brokers < 1)); then
    say "$verbose" "broker on 127.0.0.1:$KAFKA_PORT lists $brokers brokers"
    exit 1
fi
say "$verbose" "broker on 127.0.0.1:$KAFKA_PORT ready ($brokers broker(s) in metadata)"
