#!/usr/bin/env bash
# tests/integration/lib.sh - the harness every integration test sources.
#
# it_init NAME starts a private Kafka broker and PostgreSQL cluster (their own
# work folder and free ports, so runs never collide with the demo or each
# other), applies the migrations, creates the topics and loads the programs;
# an EXIT trap stops everything and removes the folder (KEEP=1 keeps it).
# The test script's first argument is the CMake build folder.
set -euo pipefail

IT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

it_free_port() {
    local p
    for p in $(seq "$1" "$(($1 + 400))"); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    return 1
}

it_log() { printf '[%s] %s\n' "$IT_NAME" "$*"; }

it_fail() {
    printf '[%s] FAIL: %s\n' "$IT_NAME" "$*" >&2
    IT_FAILED=1
    exit 1
}

it_cleanup() {
    local rc=$?
    set +e
    "$IT_REPO/ops/daemons.sh" stop >/dev/null 2>&1
    if [[ $rc -ne 0 || -n ${IT_FAILED:-} ]]; then
        for f in "$SUBSIDY_WORK"/logs/*.log; do
            [[ -f $f ]] || continue
            echo "--- last lines of $(basename "$f")"
            tail -n 15 "$f"
        done
    fi
    "$IT_REPO/ops/services.sh" stop >/dev/null 2>&1
    [[ -n ${KEEP:-} ]] || rm -rf "$SUBSIDY_WORK"
    exit "$rc"
}

it_init() {
    IT_NAME=$1
    BUILD_DIR=$(cd "${2:?build folder}" && pwd)
    export BUILD_DIR
    SUBSIDY_WORK=$(mktemp -d "/tmp/subsidy-it-$IT_NAME.XXXXXX")
    chmod 755 "$SUBSIDY_WORK"
    export SUBSIDY_WORK
    KAFKA_PORT=$(it_free_port $((30000 + RANDOM % 20000)))
    KAFKA_CONTROLLER_PORT=$(it_free_port $((KAFKA_PORT + 1)))
    PG_PORT=$(it_free_port $((KAFKA_CONTROLLER_PORT + 1)))
    export KAFKA_PORT KAFKA_CONTROLLER_PORT PG_PORT
    # shellcheck source=../../ops/env.sh
    source "$IT_REPO/ops/env.sh"
    export SUBSIDY_KAFKA_BROKERS=$KAFKA_BROKERS SUBSIDY_PG_DSN=$PG_DSN
    export SUBSIDY_SCHEMA_DIR=$IT_REPO/schemas SUBSIDY_TICK_SECONDS=1
    export SUBSIDY_BUSINESS_DATE=${SUBSIDY_BUSINESS_DATE:-2025-02-10}
    trap it_cleanup EXIT
    it_log "work folder $SUBSIDY_WORK, kafka $KAFKA_PORT, postgres $PG_PORT"
    "$IT_REPO/ops/services.sh" start >/dev/null
    admin migrate "$IT_REPO/schemas/sql" >/dev/null
    admin create-topics 6 >/dev/null
    admin load-program "$IT_REPO/ops/programs/matsudo-2024.json" >/dev/null
    admin load-program "$IT_REPO/ops/programs/sample-town-2024.json" >/dev/null
}

admin() { "$BUILD_DIR/subsidy-admin" "$@"; }

sql() { "$IT_REPO/ops/pg/psql.sh" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

publish() { "$BUILD_DIR/publish" "$@"; }

# it_generate COUNT SEED: generated applications and their reference data in
# $GEN (applications.jsonl, expected.csv), the reference data imported.
it_generate() {
    GEN=$SUBSIDY_WORK/gen
    mkdir -p "$GEN"
    "$BUILD_DIR/loadgen" "$1" "$2" "$GEN" >/dev/null
    local kind
    for kind in offices tax crime; do
        admin import "$kind" "$GEN/$kind.csv" >/dev/null
    done
}

# shellcheck source=../../ops/wait.sh
source "$IT_REPO/ops/wait.sh"
# it_settle COUNT: everything published consumed and COUNT applications at
# rest; it_wait_for CONDITION: until SELECT CONDITION is true (180 s each).
it_settle() {
    wait_settled "$1" 180 >/dev/null || it_fail "not at rest: $(admin wait "$1" 1 2>&1)"
}
it_wait_for() {
    wait_sql "$1" 180 || it_fail "timed out waiting for: $1"
}

# Waits until every group has consumed every message of its topics.
it_wait_lag_zero() {
    local deadline=$((SECONDS + ${1:-120})) total
    while ((SECONDS < deadline)); do
        total=0
        total=$((total + $(admin lag subsidy-intake subsidy.application.submitted)))
        total=$((total + $(admin lag subsidy-validation subsidy.application.received)))
        total=$((total + $(admin lag subsidy-payment subsidy.application.decided subsidy.payment.settled)))
        total=$((total + $(admin lag subsidy-notification subsidy.application.received subsidy.application.decided subsidy.payment.outcome)))
        ((total == 0)) && return 0
        sleep 1
    done
    it_fail "consumer groups still lag by $total messages"
}

# One line that changes if anything in the store changes.
it_snapshot() {
    sql "SELECT (SELECT count(*) FROM application) || ' apps ' ||
                (SELECT count(*) FROM submission) || ' submissions ' ||
                (SELECT count(*) FROM application_event) || ' events ' ||
                (SELECT count(*) FROM decision) || ' decisions ' ||
                (SELECT count(*) FROM payment) || ' payments ' ||
                (SELECT count(*) FROM payment_attempt) || ' attempts ' ||
                (SELECT count(*) FROM notice) || ' notices ' ||
                (SELECT count(*) FROM outbox) || ' outbox ' ||
                (SELECT md5(string_agg(receipt_no || state, ',' ORDER BY receipt_no)) FROM application)"
}

# Compares every application's resting state with loadgen's expected.csv
# (approved applications must end paid). Prints counts; fails on a mismatch.
it_check_expected() {
    local gen=$1
    local mismatches
    mismatches=$("$IT_REPO/ops/pg/psql.sh" -qAtX -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE expected (submission_id uuid, outcome text);
\copy expected FROM '$gen/expected.csv' WITH (FORMAT csv, HEADER true)
SELECT count(*) FROM expected e
  LEFT JOIN submission s USING (submission_id)
  LEFT JOIN application a USING (receipt_no)
 WHERE a.state IS DISTINCT FROM CASE e.outcome WHEN 'approved' THEN 'paid' ELSE e.outcome END;
SQL
)
    [[ $mismatches == 0 ]] || it_fail "$mismatches applications did not reach their expected outcome"
}
