#!/usr/bin/env bash
# 1,000 applications end to end on a real broker and database: every one
# reaches exactly the outcome its data calls for, approved ones are paid once
# (one payment per office), one notice per step. Then the same 1,000 messages
# are published again and every consumer group is rewound to the beginning:
# nothing in the store changes.
source "$(dirname "$0")/lib.sh"
it_init pipeline "$1"

it_generate 1000 42

"$IT_REPO/ops/daemons.sh" start >/dev/null
start=$SECONDS
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
admin wait 1000 300 >/dev/null || it_fail "pipeline did not come to rest"
it_log "1000 applications at rest in $((SECONDS - start)) s"

it_check_expected "$GEN"
counts=$(sql "SELECT string_agg(state || '=' || n, ' ' ORDER BY state) FROM
              (SELECT state, count(*) n FROM application GROUP BY state) s")
it_log "outcomes: $counts"
paid=$(sql "SELECT count(*) FROM application WHERE state = 'paid'")
payments=$(sql "SELECT count(*) FROM payment")
per_office=$(sql "SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM payment GROUP BY program_id, office_number) s")
[[ $paid == "$payments" ]] || it_fail "$paid paid applications but $payments payments"
[[ $per_office == 1 ]] || it_fail "an office has $per_office payments"
notices=$(sql "SELECT count(*) FROM notice")
due=$(sql "SELECT count(*) FROM application_event WHERE to_state <> 'payment_instructed'")
[[ $notices == "$due" ]] || it_fail "$notices notices for $due notice-worthy steps"
it_log "payments $payments (one per office), notices $notices"

before=$(it_snapshot)
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
"$IT_REPO/ops/daemons.sh" stop intake validation payment notification >/dev/null
admin reset-offsets subsidy-intake subsidy.application.submitted >/dev/null
admin reset-offsets subsidy-validation subsidy.application.received >/dev/null
admin reset-offsets subsidy-payment subsidy.application.decided subsidy.payment.settled >/dev/null
admin reset-offsets subsidy-notification subsidy.application.received \
    subsidy.application.decided subsidy.payment.outcome >/dev/null
"$IT_REPO/ops/daemons.sh" start >/dev/null
it_wait_lag_zero 300
admin wait 1000 60 >/dev/null
after=$(it_snapshot)
[[ $before == "$after" ]] || it_fail "replay changed the store: before [$before] after [$after]"
it_log "replay of 1000 messages plus rewound groups changed nothing: $after"
