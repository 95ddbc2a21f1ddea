#!/usr/bin/env bash
# SIGKILL daemons while 1,000 applications are in flight, restart them, and
# reach the same end state as an undisturbed run: every application at its
# expected outcome, one payment per approved office, one notice per step.
source "$(dirname "$0")/lib.sh"
it_init crash "$1"

it_generate 1000 7

"$IT_REPO/ops/daemons.sh" start >/dev/null
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null &
publisher=$!
kills=0
for victim in intake validation payment notification validation payment intake notification; do
    sleep 1.5
    "$IT_REPO/ops/daemons.sh" kill "$victim" >/dev/null
    kills=$((kills + 1))
    in_flight=$(sql "SELECT coalesce(string_agg(state || ' ' || n, ', ' ORDER BY state), 'none')
                     FROM (SELECT state, count(*) n FROM application
                           WHERE state IN ('received','approved','payment_instructed')
                           GROUP BY state) s")
    it_log "SIGKILL $victim; in flight: $in_flight"
    "$IT_REPO/ops/daemons.sh" start "$victim" >/dev/null
done
wait "$publisher"
admin wait 1000 300 >/dev/null || it_fail "pipeline did not come to rest after $kills kills"
it_check_expected "$GEN"
payments=$(sql "SELECT count(*) FROM payment")
paid=$(sql "SELECT count(*) FROM application WHERE state = 'paid'")
dupes=$(sql "SELECT count(*) FROM (SELECT receipt_no FROM notice GROUP BY receipt_no, kind HAVING count(*) > 1 AND kind NOT IN ('received')) s")
[[ $paid == "$payments" ]] || it_fail "$paid paid applications but $payments payments"
notices=$(sql "SELECT count(*) FROM notice")
due=$(sql "SELECT count(*) FROM application_event WHERE to_state <> 'payment_instructed'")
[[ $notices == "$due" ]] || it_fail "$notices notices for $due notice-worthy steps"
[[ $dupes == 0 ]] || it_fail "$dupes applications got a notice of one kind twice"
it_log "after $kills kills: 1000 at their expected outcome, $payments payments, $notices notices"
