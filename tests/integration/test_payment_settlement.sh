#!/usr/bin/env bash
# Payments end to end: approvals become instructions, the finance simulator
# fails a share of first attempts, the applicants send corrected accounts,
# and every approved application ends paid exactly once, with one payment per
# office and a second attempt (never a second payment) for each failure.
# Repeated approvals of one office, handled by two payment daemons at once,
# add nothing, and the database itself refuses a second payment. The exported
# 全銀 files' trailers equal the database's totals, and an exported batch is
# locked.
source "$(dirname "$0")/lib.sh"
it_init payment "$1"
N=300
it_generate "$N" 7

FINANCE_FAIL_PERCENT=25 "$IT_REPO/ops/daemons.sh" start >/dev/null
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
admin wait "$N" 300 >/dev/null || it_fail "the pipeline did not come to rest"
failed=$(sql "SELECT count(*) FROM application WHERE state = 'payment_failed'")
[[ $failed -gt 0 ]] || it_fail "the simulator failed no payment"
it_log "$failed payments failed at the bank on the first attempt"

"$BUILD_DIR/portal-corrections" 2025-02-12T10:00:00+09:00 >"$GEN/corrections.jsonl"
[[ $(grep -c . "$GEN/corrections.jsonl") == "$failed" ]] || it_fail "corrections not written"
publish subsidy.application.submitted "$GEN/corrections.jsonl" >/dev/null
it_settle "$N"
it_wait_for "NOT EXISTS (SELECT 1 FROM application WHERE state = 'payment_failed')"
it_settle "$N"
it_wait_lag_zero 120
it_check_expected "$GEN"

paid=$(sql "SELECT count(*) FROM application WHERE state = 'paid'")
payments=$(sql "SELECT count(*) FROM payment WHERE state = 'paid'")
all_payments=$(sql "SELECT count(*) FROM payment")
second=$(sql "SELECT count(*) FROM payment_attempt WHERE attempt = 2")
per_office=$(sql "SELECT max(n) FROM (SELECT count(*) n FROM payment GROUP BY program_id, office_number) s")
paid_twice=$(sql "SELECT count(*) FROM (SELECT payment_id FROM payment_attempt WHERE state = 'paid'
                                        GROUP BY payment_id HAVING count(*) > 1) s")
[[ $paid == "$payments" && $payments == "$all_payments" ]] ||
    it_fail "$paid paid applications, $payments paid payments, $all_payments payments"
[[ $second == "$failed" ]] || it_fail "$second second attempts for $failed failures"
[[ $per_office == 1 && $paid_twice == 0 ]] || it_fail "an office was paid twice"
it_log "$paid paid exactly once: $all_payments payments, $second second attempts after corrected accounts"

# Repeated approvals of one office while two payment daemons consume.
receipt=$(sql "SELECT receipt_no FROM application WHERE state = 'paid' ORDER BY receipt_no LIMIT 1")
office=$(sql "SELECT office_number FROM application WHERE receipt_no = '$receipt'")
money() {
    sql "SELECT (SELECT count(*) FROM payment) || ' payments ' ||
                (SELECT count(*) FROM payment_attempt) || ' attempts ' ||
                (SELECT count(*) FROM outbox WHERE topic = 'subsidy.payment.instructed') ||
                ' instructions ' || (SELECT sum(amount_yen) FROM payment) || ' yen'"
}
before=$(money)
"$BUILD_DIR/subsidy-payment" >"$SUBSIDY_WORK/logs/payment-2.log" 2>&1 &
second_pid=$!
for _ in $(seq 1 40); do
    printf '{"event_id":"%s","type":"application.decided","schema_version":1,"occurred_at":"2025-02-10T10:00:00+09:00","correlation_id":"%s","producer":"validation","data":{"receipt_no":"%s","program_id":"matsudo-careplan-license-2024","office_number":"%s","outcome":"approved","reasons":[],"amount_yen":21000,"decided_at":"2025-02-10"}}\n' \
        "$(cat /proc/sys/kernel/random/uuid)" "$(cat /proc/sys/kernel/random/uuid)" "$receipt" "$office"
done >"$GEN/repeated.jsonl"
publish subsidy.application.decided "$GEN/repeated.jsonl" >/dev/null
sleep 3
it_wait_lag_zero 120
kill -TERM "$second_pid" && wait "$second_pid" || true
after=$(money)
[[ $before == "$after" ]] || it_fail "40 repeated approvals changed the money: [$before] -> [$after]"
dup=$(sql "SELECT a.receipt_no FROM application a JOIN payment p USING (program_id, office_number)
           WHERE a.receipt_no <> p.receipt_no LIMIT 1")
[[ -n $dup ]] || it_fail "the load has no second application of a paid office"
refusal=$(sql "INSERT INTO payment (payment_id, program_id, office_number, receipt_no, amount_yen, state)
               SELECT gen_random_uuid(), program_id, office_number, '$dup', amount_yen, 'instructed'
               FROM payment p WHERE p.office_number = (SELECT office_number FROM application
                                                       WHERE receipt_no = '$dup')" 2>&1) &&
    it_fail "the database accepted a second payment for the office of $dup"
grep -q payment_once_per_office <<<"$refusal" || it_fail "unexpected refusal: $refusal"
it_log "40 repeated approvals of office $office under two payment daemons: still one payment; the database refuses a second"

# Export every open batch; the trailers must equal the database.
files=0
for date in $(sql "SELECT transfer_date FROM transfer_batch WHERE state = 'open' ORDER BY 1"); do
    out=$SUBSIDY_WORK/zengin-$date.txt
    admin export-zengin "$date" "$out" >/dev/null || it_fail "export of $date failed"
    read -r db_count db_total < <(sql "SELECT count(*) || ' ' || sum(p.amount_yen) FROM payment_attempt a
        JOIN payment p USING (payment_id) JOIN transfer_batch b USING (batch_id)
        WHERE b.transfer_date = '$date' AND a.state <> 'failed'")
    trailer=$(LC_ALL=C grep -a '^8' "$out")
    [[ $((10#${trailer:1:6})) == "$db_count" && $((10#${trailer:7:12})) == "$db_total" ]] ||
        it_fail "trailer of $date says ${trailer:1:6} / ${trailer:7:12}, database $db_count / $db_total"
    size=$(stat -c %s "$out")
    [[ $size == $(((db_count + 3) * 122)) ]] || it_fail "$out is $size bytes for $db_count records"
    admin export-zengin "$date" "$out.again" >/dev/null 2>&1 && it_fail "batch $date exported twice"
    files=$((files + 1))
done
[[ $files -ge 1 ]] || it_fail "no transfer batch to export"
# A payment is in the files once: its refused attempt is not exported.
exported=$(cat "$SUBSIDY_WORK"/zengin-*.txt | LC_ALL=C grep -ac '^2' || true)
[[ $exported == "$all_payments" ]] || it_fail "$exported data records for $all_payments payments"
in_two=$(sql "SELECT count(*) FROM (SELECT payment_id, attempt FROM payment_attempt GROUP BY 1, 2 HAVING count(DISTINCT batch_id) > 1) s")
[[ $in_two == 0 ]] || it_fail "an attempt is in two batches"
it_log "$files 全銀 file(s) exported; trailers equal the database; exported batches are locked"
