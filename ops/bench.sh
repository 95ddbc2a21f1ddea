#!/usr/bin/env bash
# ops/bench.sh - throughput and memory of the whole pipeline on this machine,
# printed as figures (not a test: shared machines are noisy).
#
#   ops/bench.sh [COUNT]    (default 5000 applications)
#
# Starts a private Kafka broker and PostgreSQL (as the integration tests do),
# publishes COUNT generated applications in one burst (the last weeks before
# the deadline), and prints: seconds until every application is at rest,
# applications per second end to end, and each daemon's peak resident memory.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COUNT=${1:-5000}
BUILD=${BUILD_DIR:-$REPO/build}
[[ -x $BUILD/subsidy-intake ]] || { echo "build first: cmake -S . -B build && cmake --build build" >&2; exit 2; }
# shellcheck source=../tests/integration/lib.sh
source "$REPO/tests/integration/lib.sh"
it_init bench "$BUILD"

it_generate "$COUNT" 11
"$REPO/ops/daemons.sh" start >/dev/null

start=$(date +%s.%N)
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
published=$(date +%s.%N)
admin wait "$COUNT" 1800 >/dev/null || it_fail "the pipeline did not come to rest"
done_at=$(date +%s.%N)

awk -v n="$COUNT" -v s="$start" -v p="$published" -v d="$done_at" 'BEGIN {
    printf "applications          %d\n", n
    printf "publish               %.2f s\n", p - s
    printf "all at rest after     %.2f s\n", d - s
    printf "end to end            %.0f applications/s\n", n / (d - s)
}'
for pidf in "$SUBSIDY_WORK"/run/*.pid; do
    name=$(basename "$pidf" .pid)
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$(cat "$pidf")/status" 2>/dev/null || echo '?')
    printf 'peak RSS %-12s %s KiB\n' "$name" "$hwm"
done
sql "SELECT 'outcomes              ' || string_agg(state || ' ' || n, ', ' ORDER BY state)
     FROM (SELECT state, count(*) n FROM application GROUP BY state) s"
