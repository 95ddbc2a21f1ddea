#!/usr/bin/env bash
# The database and the broker go away while 500 applications are in flight and
# come back: no daemon crashes (each retries with backoff), no message is
# skipped, and the end state is what an undisturbed run gives.
source "$(dirname "$0")/lib.sh"
it_init outage "$1"

N=500
it_generate "$N" 5

"$IT_REPO/ops/daemons.sh" start >/dev/null
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
it_wait_for "(SELECT count(*) FROM application) >= 50"
recorded=$(sql "SELECT count(*) FROM application")
"$IT_REPO/ops/pg/stop.sh" >/dev/null
it_log "PostgreSQL stopped with $recorded of $N applications recorded; down for 5 s"
sleep 5
"$IT_REPO/ops/pg/start.sh" >/dev/null
sleep 1
in_flight=$(sql "SELECT count(*) FROM application WHERE state IN ('received','approved','payment_instructed')")
recorded=$(sql "SELECT count(*) FROM application")
"$IT_REPO/ops/kafka/stop.sh" >/dev/null
it_log "Kafka stopped with $recorded recorded, $in_flight in flight; down for 5 s"
sleep 5
"$IT_REPO/ops/kafka/start.sh" >/dev/null
it_log "both back"

admin wait "$N" 300 >/dev/null || it_fail "the pipeline did not come to rest after the outages"
it_wait_lag_zero 180
status=$("$IT_REPO/ops/daemons.sh" status)
stopped=$(grep -c 'stopped' <<<"$status" || true)
[[ $stopped == 0 ]] || it_fail "daemons stopped during the outages: $status"
it_check_expected "$GEN"
payments=$(sql "SELECT count(*) FROM payment")
paid=$(sql "SELECT count(*) FROM application WHERE state = 'paid'")
[[ $paid == "$payments" ]] || it_fail "$paid paid applications but $payments payments"
notices=$(sql "SELECT count(*) FROM notice")
due=$(sql "SELECT count(*) FROM application_event WHERE to_state <> 'payment_instructed'")
[[ $notices == "$due" ]] || it_fail "$notices notices for $due notice-worthy steps"
retries=$(cat "$SUBSIDY_WORK"/logs/*.log | grep -c '"level":"warn"' || true)
it_log "after a database and a broker outage: $N at their expected outcome, $payments payments, $notices notices, every daemon running ($retries warnings logged while waiting)"
