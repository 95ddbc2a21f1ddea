#!/usr/bin/env bash
# ops/demo.sh - the main job on a fresh machine, in one command:
# installs what is missing, builds, starts a fresh Kafka broker and PostgreSQL
# cluster (in .work/demo), applies the migrations, loads Matsudo's FY2024
# program and the sample reference data, starts the four daemons and the
# finance simulator, publishes the sample applications, lets the applicants
# answer their correction requests, moves the city's clock past the correction
# deadline, and prints the outcome of every application and one notice.
#
# Environment: SUBSIDY_WORK (default $REPO/.work/demo), DEMO_KEEP_RUNNING=1
# leaves Kafka, PostgreSQL and the daemons running afterwards.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export SUBSIDY_WORK=${SUBSIDY_WORK:-$REPO/.work/demo}
export BUILD_DIR=${BUILD_DIR:-$REPO/build}

step() { printf '\n== %s\n' "$*"; }

step "Installing what is missing (Debian packages, Kafka jars)"
"$REPO/ops/install.sh"

step "Building"
cmake -S "$REPO" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" >/dev/null
echo "built $(find "$BUILD_DIR" -maxdepth 1 -name "subsidy-*" -type f | wc -l) programs in $BUILD_DIR"

step "Starting a fresh Kafka broker and PostgreSQL cluster in $SUBSIDY_WORK"
source "$REPO/ops/env.sh"
"$REPO/ops/daemons.sh" stop >/dev/null 2>&1 || true
"$REPO/ops/services.sh" stop >/dev/null 2>&1 || true
rm -rf "$SUBSIDY_WORK"
mkdir -p "$SUBSIDY_WORK"
"$REPO/ops/services.sh" start
export SUBSIDY_KAFKA_BROKERS=$KAFKA_BROKERS SUBSIDY_PG_DSN=$PG_DSN
export SUBSIDY_SCHEMA_DIR=$REPO/schemas SUBSIDY_TICK_SECONDS=1
# The samples are from fiscal year 2024: the city works on 2025-02-10.
export SUBSIDY_BUSINESS_DATE=2025-02-10
# The admin command logs errors only here: the demo prints its own steps.
admin() { "$BUILD_DIR/subsidy-admin" --log-level=error "$@"; }
# shellcheck source=wait.sh
source "$REPO/ops/wait.sh"

step "Database, topics, program and reference data"
admin migrate "$REPO/schemas/sql"
admin create-topics 6
admin load-program "$REPO/ops/programs/matsudo-2024.json"
admin import offices "$REPO/ops/samples/offices.csv"
admin import tax "$REPO/ops/samples/tax.csv"
admin import crime "$REPO/ops/samples/crime.csv"

step "Starting the four daemons and the finance simulator"
"$REPO/ops/daemons.sh" start

total=$(grep -c . "$REPO/ops/samples/applications.jsonl")
step "Publishing $total sample applications as the portal would"
"$BUILD_DIR/publish" subsidy.application.submitted "$REPO/ops/samples/applications.jsonl"
wait_settled "$total" 120

step "Applicants answer their correction requests (resubmissions amend the same receipt number)"
admin fill-receipts "$REPO/ops/samples/resubmissions.jsonl" "$SUBSIDY_WORK/resubmissions.jsonl"
"$BUILD_DIR/publish" subsidy.application.submitted "$SUBSIDY_WORK/resubmissions.jsonl"
wait_settled "$total" 120

step "The police answer for the application on hold arrives"
admin import crime "$REPO/ops/samples/crime-late.csv"
wait_sql "NOT EXISTS (SELECT 1 FROM application WHERE state = 'on_hold')" 120
admin wait "$total" 120

step "The city's clock passes the correction deadline: unanswered requests are rejected"
"$REPO/ops/daemons.sh" stop validation >/dev/null
SUBSIDY_BUSINESS_DATE=2025-02-17 "$REPO/ops/daemons.sh" start validation >/dev/null
wait_sql "NOT EXISTS (SELECT 1 FROM application WHERE state = 'correction_requested')" 120
admin wait "$total" 120

step "Outcome"
admin report
notices=$(find "$SUBSIDY_WORK/notices" -name '*.txt' | wc -l)
echo "$notices notices written under $SUBSIDY_WORK/notices"
example=$(find "$SUBSIDY_WORK/notices" -name 'approved-*.txt' | sort | head -n 1)
if [[ -n $example ]]; then
    step "One of them: $(basename "$(dirname "$example")")/$(basename "$example")"
    cat "$example"
fi

step "The 全銀 transfer file for finance (one batch per transfer date, locked once exported)"
for date in $("$REPO/ops/pg/psql.sh" -qAtX -c \
    "SELECT transfer_date FROM transfer_batch WHERE state = 'open' ORDER BY 1"); do
    out=$SUBSIDY_WORK/zengin-$date.txt
    admin export-zengin "$date" "$out"
    echo "its 120-byte records (Shift_JIS, shown in UTF-8):"
    iconv -f SHIFT_JIS -t UTF-8 "$out" | tr -d '\r' | sed 's/^/  |/; s/$/|/'
done

if [[ -z ${DEMO_KEEP_RUNNING:-} ]]; then
    step "Stopping"
    "$REPO/ops/daemons.sh" stop >/dev/null
    "$REPO/ops/services.sh" stop >/dev/null
    echo "stopped; the database and logs stay in $SUBSIDY_WORK"
fi
