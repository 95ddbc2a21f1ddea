#!/usr/bin/env bash
# Bad input is answered, never dropped, and never stops a daemon: a message
# that is not JSON, one with wrong types, one that breaks its schema, and the
# hostile corpus are dead-lettered with a reason code, the original bytes and
# where they came from; a valid application published after them is decided.
source "$(dirname "$0")/lib.sh"
it_init deadletter "$1"
# Intake under AddressSanitizer/UBSan when the sanitizer build is given.
if [[ -n ${ASAN_BUILD_DIR:-} && -x $ASAN_BUILD_DIR/subsidy-intake ]]; then
    export ASAN_DAEMONS="intake validation payment notification"
    export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
    it_log "the four daemons run under AddressSanitizer and UBSan from $ASAN_BUILD_DIR"
fi

BAD=$SUBSIDY_WORK/bad
mkdir -p "$BAD"
it_generate 1 3
good=$(cat "$GEN/applications.jsonl")

printf 'this is not json' >"$BAD/not-json"
# Variants of the good message get event ids of their own (a repeated event id
# is skipped by the inbox, by design).
good_event=$(grep -o '"event_id":"[^"]*"' <<<"$good" | head -n 1)
good_sub=$(grep -o '"submission_id":"[^"]*"' <<<"$good" | head -n 1 | cut -d'"' -f4)
variant() { sed "s/$good_event/\"event_id\":\"$(cat /proc/sys/kernel/random/uuid)\"/" <<<"$1"; }
variant "${good/\"fee_yen\":21000/\"fee_yen\":\"lots\"}" >"$BAD/wrong-type"
variant "${good/\"channel\":\"online\"/\"channel\":\"fax\"}" >"$BAD/bad-enum"
printf '{"event_id":"x"}' >"$BAD/no-envelope"
corpus=("$BAD"/*)
if [[ -d $IT_REPO/tests/corpus/hostile ]]; then
    corpus+=("$IT_REPO"/tests/corpus/hostile/*)
    [[ -x $IT_REPO/tests/corpus/make_big.sh ]] && bash "$IT_REPO/tests/corpus/make_big.sh" "$BAD/big" >/dev/null && corpus+=("$BAD"/big/*)
fi

"$IT_REPO/ops/daemons.sh" start >/dev/null
publish --whole subsidy.application.submitted "${corpus[@]}" >/dev/null
publish subsidy.application.submitted "$GEN/applications.jsonl" >/dev/null
it_wait_lag_zero 120
it_wait_for "EXISTS (SELECT 1 FROM submission s JOIN application a USING (receipt_no)
             WHERE s.submission_id = '$good_sub' AND a.state IN ('paid', 'rejected', 'correction_requested'))"
status=$("$IT_REPO/ops/daemons.sh" status)
grep -q '^intake running' <<<"$status" || it_fail "intake stopped: $status"

"$BUILD_DIR/topic-dump" subsidy.deadletter 20 >"$SUBSIDY_WORK/dl.jsonl" || true
dead=$(wc -l <"$SUBSIDY_WORK/dl.jsonl")
[[ $dead -ge 4 ]] || it_fail "only $dead dead letters for ${#corpus[@]} bad messages"
for code in NOT_JSON SCHEMA_VIOLATION ENVELOPE_INVALID; do
    grep -q "$code" "$SUBSIDY_WORK/dl.jsonl" || it_fail "no dead letter with reason $code"
done
# Each corpus file is named <EXPECTED>.<what>.json: a dead letter with that
# reason code and the file's SHA-256, or (ACCEPTED) recorded without one.
tr -d '\\' <"$SUBSIDY_WORK/dl.jsonl" |
    sed -n 's/.*"reason_code":"\([A-Z_0-9]*\)".*"original_sha256":"\([0-9a-f]*\)".*/\2 \1/p' |
    sort >"$SUBSIDY_WORK/dl-codes"
checked=0 wrong=()
for f in "${corpus[@]}"; do
    name=$(basename "$f")
    expected=${name%%.*}
    [[ $expected =~ ^[A-Z][A-Z0-9_]+$ ]] || continue
    sha=$(sha256sum "$f" | cut -d' ' -f1)
    got=$(awk -v s="$sha" '$1 == s {print $2; exit}' "$SUBSIDY_WORK/dl-codes")
    if [[ $expected == ACCEPTED ]]; then
        [[ -z $got ]] || wrong+=("$name: dead-lettered as $got")
    else
        [[ $got == "$expected" ]] || wrong+=("$name: ${got:-no dead letter}")
    fi
    checked=$((checked + 1))
done
((${#wrong[@]} == 0)) || it_fail "corpus answers differ: ${wrong[*]}"
it_log "$checked corpus files answered exactly as their names say"
answered=$(sql "SELECT count(*) FROM inbox WHERE consumer = 'subsidy-intake'")
[[ $answered -eq $((${#corpus[@]} + 1)) ]] || it_fail "intake answered $answered of $((${#corpus[@]} + 1)) messages"
state=$(sql "SELECT a.state FROM submission s JOIN application a USING (receipt_no)
             WHERE s.submission_id = '$good_sub'")
it_log "${#corpus[@]} bad messages: $dead dead letters, every one answered; valid application $state"

# Idempotency on the portal's submission id: the same submission again (a new
# event, the same content) changes nothing; the same id with other content is
# a conflict, dead-lettered with both hashes, and never overwrites.
apps_before=$(sql "SELECT count(*) || ' ' || md5(string_agg(data::text, '' ORDER BY receipt_no)) FROM application")
variant "$good" >"$BAD/same-again"
variant "${good/ロードテスト居宅介護支援事業所/別の事業所名}" >"$BAD/conflict"
publish --whole subsidy.application.submitted "$BAD/same-again" "$BAD/conflict" >/dev/null
it_wait_lag_zero 120
"$BUILD_DIR/topic-dump" subsidy.deadletter 20 >"$SUBSIDY_WORK/dl2.jsonl" || true
conflicts=$(grep -c 'SUBMISSION_CONFLICT' "$SUBSIDY_WORK/dl2.jsonl" || true)
[[ $conflicts == 1 ]] || it_fail "$conflicts SUBMISSION_CONFLICT dead letters for one conflicting resend"
grep 'SUBMISSION_CONFLICT' "$SUBSIDY_WORK/dl2.jsonl" | grep -q 'sha256 [0-9a-f]\{64\}.*sha256 [0-9a-f]\{64\}' ||
    it_fail "the conflict does not name both versions' hashes"
[[ $(sql "SELECT count(*) || ' ' || md5(string_agg(data::text, '' ORDER BY receipt_no)) FROM application") == "$apps_before" ]] ||
    it_fail "a resent or conflicting submission changed the applications"
[[ $(wc -l <"$SUBSIDY_WORK/dl2.jsonl") == $((dead + 1)) ]] || it_fail "the identical resend was dead-lettered"
it_log "same submission resent: no change; same id with other content: SUBMISSION_CONFLICT with both hashes"

# With the portal's attachment store configured, an application whose
# declared files are not in the store is not silently accepted: it gets a
# correction request naming the attachments.
"$IT_REPO/ops/daemons.sh" stop intake validation payment notification >/dev/null
if [[ -n ${ASAN_DAEMONS:-} ]]; then
    for d in $ASAN_DAEMONS; do
        ! grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\)\|runtime error:' "$SUBSIDY_WORK/logs/$d.log" ||
            it_fail "the sanitizers reported on $d: $(grep -m3 'ERROR\|runtime error' "$SUBSIDY_WORK/logs/$d.log")"
    done
    it_log "$ASAN_DAEMONS under ASan/UBSan with leak detection: no report after the corpus"
fi
mkdir -p "$SUBSIDY_WORK/store"
SUBSIDY_ATTACHMENT_DIR=$SUBSIDY_WORK/store "$IT_REPO/ops/daemons.sh" start intake validation \
    payment notification >/dev/null
mkdir -p "$SUBSIDY_WORK/gen2"
"$BUILD_DIR/loadgen" 2 9 "$SUBSIDY_WORK/gen2" >/dev/null
admin import offices "$SUBSIDY_WORK/gen2/offices.csv" >/dev/null
admin import tax "$SUBSIDY_WORK/gen2/tax.csv" >/dev/null
admin import crime "$SUBSIDY_WORK/gen2/crime.csv" >/dev/null
tail -n 1 "$SUBSIDY_WORK/gen2/applications.jsonl" >"$BAD/unverified"
sub2=$(grep -o '"submission_id":"[^"]*"' "$BAD/unverified" | head -n 1 | cut -d'"' -f4)
publish subsidy.application.submitted "$BAD/unverified" >/dev/null
it_wait_for "EXISTS (SELECT 1 FROM submission s JOIN application a USING (receipt_no)
             WHERE s.submission_id = '$sub2' AND a.state <> 'received')"
verdict=$(sql "SELECT a.state || ' ' || (SELECT string_agg(r->>'code', ' ') FROM decision d,
                jsonb_array_elements(d.reasons) r WHERE d.receipt_no = a.receipt_no)
               FROM submission s JOIN application a USING (receipt_no) WHERE s.submission_id = '$sub2'")
[[ $verdict == "correction_requested ATTACHMENT_NOT_VERIFIED" ]] ||
    it_fail "attachments missing from the store gave: $verdict"
it_log "attachments missing from the portal's store: $verdict"
