#!/usr/bin/env bash
# The sample set through Kafka, as the demo runs it: every application's final
# state and every expected reason code match ops/samples/expected.csv, after
# the applicants answer their correction requests and a failed payment, the
# late police answer releases the application on hold, and the city's clock
# passes the correction deadline. Then the second program (another city's
# shape) decides its own samples with no code change.
source "$(dirname "$0")/lib.sh"
it_init samples "$1"
S=$IT_REPO/ops/samples

# Migrations run twice change nothing; a loaded program is never edited in
# place: reloading it is a no-op, other content under its version is refused,
# and the database itself refuses an UPDATE.
grep -q '0 applied, 3 already in place' <<<"$(admin migrate "$IT_REPO/schemas/sql")" ||
    it_fail "a second migration run applied something"
grep -q 'already loaded' <<<"$(admin load-program "$IT_REPO/ops/programs/matsudo-2024.json")" ||
    it_fail "reloading the program was not a no-op"
sed 's/"budget_yen": *[0-9]*/"budget_yen": 1/' "$IT_REPO/ops/programs/matsudo-2024.json" >"$SUBSIDY_WORK/edited.json"
admin load-program "$SUBSIDY_WORK/edited.json" >/dev/null 2>&1 && it_fail "an edited program replaced version 1"
sql "UPDATE program SET definition = '{}' WHERE program_id = 'matsudo-careplan-license-2024'" 2>/dev/null &&
    it_fail "the database let a loaded program be edited"
it_log "migrations idempotent; loaded program versions immutable (reload no-op, edit refused twice)"
admin import offices "$S/offices.csv" >/dev/null
admin import tax "$S/tax.csv" >/dev/null
admin import crime "$S/crime.csv" >/dev/null
total=$(grep -c . "$S/applications.jsonl")

# The import validates every row and reports what it rejected, naming why.
{
    head -n 1 "$S/offices.csv"
    echo '1271201005,check digit wrong,122076,43,9011001000500,active,2020-04-01,,false,'
    echo '1271201004,bad date,122076,43,9011001000500,active,2020-13-01,,false,'
    echo '1271201004,bad state,122076,43,9011001000500,closed,2020-04-01,,false,'
    echo '1271201004,too few fields,122076'
} >"$SUBSIDY_WORK/bad-offices.csv"
report=$(admin import offices "$SUBSIDY_WORK/bad-offices.csv" 2>&1)
grep -q '0 rows imported, 4 rejected' <<<"$report" || it_fail "bad rows not all rejected: $report"
[[ $(grep -c '^rejected line' <<<"$report") == 4 ]] || it_fail "rejections not explained: $report"
[[ $(sql "SELECT count(*) FROM office_registry") == $(($(grep -c . "$S/offices.csv") - 1)) ]] ||
    it_fail "a rejected row reached the registry"
it_log "reference import: 4 bad rows rejected with their reasons, none imported"

"$IT_REPO/ops/daemons.sh" start >/dev/null
publish subsidy.application.submitted "$S/applications.jsonl" >/dev/null
it_settle "$total"
on_hold=$(sql "SELECT count(*) FROM application WHERE state = 'on_hold'")
[[ $on_hold -ge 1 ]] || it_fail "no application waits for the police answer"

admin fill-receipts "$S/resubmissions.jsonl" "$SUBSIDY_WORK/resubmissions.jsonl" >/dev/null
publish subsidy.application.submitted "$SUBSIDY_WORK/resubmissions.jsonl" >/dev/null
it_settle "$total"
admin import crime "$S/crime-late.csv" >/dev/null
it_wait_for "NOT EXISTS (SELECT 1 FROM application WHERE state = 'on_hold')"
it_settle "$total"
"$IT_REPO/ops/daemons.sh" stop validation >/dev/null
SUBSIDY_BUSINESS_DATE=2025-02-17 "$IT_REPO/ops/daemons.sh" start validation >/dev/null
it_wait_for "NOT EXISTS (SELECT 1 FROM application WHERE state = 'correction_requested')"
it_settle "$total"
it_wait_lag_zero 120

# Every expected row: final state, each expected reason code in the last
# decision, payment state. Mismatches are printed in full.
check_expected() {
    local file=$1 program=$2
    "$IT_REPO/ops/pg/psql.sh" -qAtX -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE expected (submission_id uuid, sample text, office_number text,
    final_state text, reason_codes text, payment text);
\copy expected FROM '$file' WITH (FORMAT csv, HEADER true)
WITH actual AS (
  SELECT e.sample, e.final_state, e.reason_codes, coalesce(e.payment, '') AS payment,
         a.state, a.receipt_no,
         coalesce((SELECT string_agg(r->>'code', '|' ORDER BY r->>'code') FROM decision d,
                   jsonb_array_elements(d.reasons) r
                   WHERE d.id = (SELECT max(id) FROM decision WHERE receipt_no = a.receipt_no)), '') AS codes,
         coalesce((SELECT state FROM payment p WHERE p.receipt_no = a.receipt_no), '') AS pay
    FROM expected e LEFT JOIN submission s USING (submission_id)
    LEFT JOIN application a ON a.receipt_no = s.receipt_no AND a.program_id = '$program')
SELECT 'MISMATCH ' || sample || ': state ' || coalesce(state, 'missing') || ' (expected ' ||
       final_state || '), reasons ' || codes || ' (expected ' || coalesce(reason_codes, '') ||
       '), payment ' || pay || ' (expected ' || payment || ')'
  FROM actual
 WHERE state IS DISTINCT FROM final_state OR pay <> payment
    OR EXISTS (SELECT 1 FROM unnest(string_to_array(coalesce(reason_codes, ''), '|')) c
               WHERE c <> '' AND NOT c = ANY (string_to_array(codes, '|')))
UNION ALL
SELECT 'CHECKED ' || count(*) FROM actual;
SQL
}
out=$(check_expected "$S/expected.csv" matsudo-careplan-license-2024)
if grep -q '^MISMATCH' <<<"$out"; then
    grep '^MISMATCH' <<<"$out" >&2
    it_fail "sample outcomes differ from ops/samples/expected.csv"
fi
it_log "Matsudo samples: $(grep '^CHECKED' <<<"$out" | cut -d' ' -f2) applications match expected.csv"
it_log "$(admin report matsudo-careplan-license-2024 | tail -n 1)"

if [[ -f $S/sample-town/applications.jsonl ]]; then
    T=$S/sample-town
    admin import offices "$T/offices.csv" >/dev/null
    admin import tax "$T/tax.csv" >/dev/null
    admin import crime "$T/crime.csv" >/dev/null
    n=$(grep -c . "$T/applications.jsonl")
    # The last one arrives after the budget is spent: published on its own so
    # that arrival order is decision order.
    head -n $((n - 1)) "$T/applications.jsonl" >"$SUBSIDY_WORK/town-first.jsonl"
    tail -n 1 "$T/applications.jsonl" >"$SUBSIDY_WORK/town-last.jsonl"
    publish subsidy.application.submitted "$SUBSIDY_WORK/town-first.jsonl" >/dev/null
    it_settle $((total + n - 1))
    publish subsidy.application.submitted "$SUBSIDY_WORK/town-last.jsonl" >/dev/null
    it_settle $((total + n))
    out=$(check_expected "$T/expected.csv" sample-town-careplan-2024)
    if grep -q '^MISMATCH' <<<"$out"; then
        grep '^MISMATCH' <<<"$out" >&2
        it_fail "the second program's outcomes differ from its expected.csv"
    fi
    paid=$(sql "SELECT coalesce(sum(amount_yen), 0) FROM payment WHERE program_id = 'sample-town-careplan-2024'")
    it_log "second program: $(grep '^CHECKED' <<<"$out" | cut -d' ' -f2) applications match, $paid yen committed"
    # The town raises its budget with a new program version: the application
    # held for budget is decided again and paid, with no restart.
    sed -e 's/"version": *1,/"version": 2,/' -e 's/"budget_yen": *15000/"budget_yen": 20000/' \
        "$IT_REPO/ops/programs/sample-town-2024.json" >"$SUBSIDY_WORK/town-v2.json"
    admin load-program "$SUBSIDY_WORK/town-v2.json" >/dev/null || it_fail "version 2 not loaded"
    it_wait_for "NOT EXISTS (SELECT 1 FROM application WHERE state = 'on_hold')"
    it_settle $((total + n))
    [[ $(sql "SELECT count(*) FROM application WHERE program_id = 'sample-town-careplan-2024' AND state = 'paid'") == 4 ]] ||
        it_fail "the raised budget did not release the held application"
    it_log "budget raised by program version 2: the held application was approved and paid"
fi
