#!/usr/bin/env bash
# make_hostile.sh - writes the hostile-input corpus tests/corpus/hostile/:
# Kafka message values as a portal (or an attacker posing as one) might send
# them, most of them a valid application.submitted envelope (envelope_lib.sh)
# with one thing broken. Each file is named <EXPECTED_CODE>.<what>.json:
#
#   json_guard codes (checked by tests/unit/test_hostile_corpus.c):
#     NOT_JSON INVALID_UTF8 NUL_BYTE DUPLICATE_KEY NUMBER_OVERFLOW NOT_OBJECT
#     TOO_DEEP (limits as configured by default: 1 MiB, depth 64)
#   later codes (checked by the integration test against the running intake):
#     ENVELOPE_INVALID  envelope_check() refuses the envelope
#     WRONG_TYPE        a valid envelope of another type
#     SCHEMA_VIOLATION  application_submitted.schema.json refuses it
#     ACCEPTED          valid: must be recorded, strings stored as they came
#
# The SCHEMA_VIOLATION / ACCEPTED split assumes the application schema (not
# written when this corpus was made) has: a type for every field; patterns or
# enums on ids, codes, dates, channel, account_type, kind, the kana fields and
# email; and a maxLength below 10,000 on every string. The free-text fields
# (FREE_TEXT below) take any string up to their maxLength. Change FREE_TEXT
# and re-run if the schema decides otherwise.
#
# Usage: tests/corpus/make_hostile.sh [OUT_DIR]   (default: beside this script)
# Deterministic: a second run writes the same bytes. Bash and printf only.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/hostile}
. "$here/envelope_lib.sh"
mkdir -p "$out"
rm -f "$out"/*.json

n=0
APP='' ENV=''
# Starts case number n with fresh ids and the valid APP and ENV texts.
fresh() {
    n=$((n + 1))
    corpus_ids "$n"
    APP=$(corpus_app)
    ENV=$(corpus_envelope "$APP")
}

MAIN_PID=$$
die() {
    printf 'make_hostile: %s\n' "$*" >&2
    kill -s TERM "$MAIN_PID"
    exit 1
}

# put NAME TEXT: writes TEXT (no NUL bytes) as NAME.json.
put() {
    printf '%s' "$2" >"$out/$1.json"
}

# sub TEXT OLD NEW: prints TEXT with the first OLD replaced by NEW; OLD must
# occur. @SUB@ in OLD stands for the current case's submission id.
sub() {
    local old=${2//@SUB@/$SUB}
    [[ $1 == *"$old"* ]] || die "pattern not found: $old"
    printf '%s' "${1/"$old"/"$3"}"
}

# app_with OLD NEW: prints the envelope whose application has OLD replaced by NEW.
app_with() {
    corpus_envelope "$(sub "$APP" "$1" "$2")"
}

# --- NOT_JSON ---------------------------------------------------------------
fresh; put NOT_JSON.empty ''
fresh; put NOT_JSON.whitespace-only $' \n\t\r\n  '
fresh; put NOT_JSON.truncated-half "${ENV:0:$((${#ENV} / 2))}"
fresh; put NOT_JSON.truncated-last-brace "${ENV%\}}"
fresh; put NOT_JSON.truncated-inside-string "${ENV%%株式会社*}株式"
fresh; put NOT_JSON.escaped-nul-in-name "$(app_with '"name":"株式会社まつど介護"' '"name":"株式会社\u0000まつど"')"
fresh; put NOT_JSON.lone-surrogate-escape "$(app_with '"name":"株式会社まつど介護"' '"name":"\ud800"')"
fresh; put NOT_JSON.single-quotes "$(sub "$ENV" '"producer":"portal"' "'producer':'portal'")"
fresh; put NOT_JSON.trailing-comma "$(sub "$ENV" '"producer":"portal",' '"producer":"portal",,')"
fresh; put NOT_JSON.nan-amount "$(app_with '"claim_amount_yen":21000' '"claim_amount_yen":NaN')"
fresh; put NOT_JSON.infinity-amount "$(app_with '"claim_amount_yen":21000' '"claim_amount_yen":Infinity')"
fresh; put NOT_JSON.hex-amount "$(app_with '"claim_amount_yen":21000' '"claim_amount_yen":0x5208')"
fresh; put NOT_JSON.raw-newline-in-string "$(app_with '"name":"株式会社まつど介護"' $'"name":"株式会社\nまつど"')"
fresh; put NOT_JSON.raw-tab-in-string "$(app_with '"address":"千葉県' $'"address":"\t千葉県')"
fresh; put NOT_JSON.two-envelopes "$ENV$ENV"
fresh; put NOT_JSON.trailing-garbage "$ENV;DROP"
fresh; put NOT_JSON.comment "$(sub "$ENV" '"producer":"portal"' '/* portal */"producer":"portal"')"
fresh; put NOT_JSON.utf8-bom-prefix $'\xEF\xBB\xBF'"$ENV"
fresh; put NOT_JSON.xml '<?xml version="1.0"?><application><name>株式会社まつど介護</name></application>'
fresh; put NOT_JSON.urlencoded 'event_id=1&type=application.submitted&data=%7B%7D'
fresh; put NOT_JSON.unquoted-key "$(sub "$ENV" '"producer":"portal"' 'producer:"portal"')"
fresh; put NOT_JSON.bad-escape "$(app_with '"name":"株式会社まつど介護"' '"name":"\x41"')"

# --- INVALID_UTF8 -----------------------------------------------------------
bad_name() { # bad_name WHAT BYTES: the applicant's name with raw bytes inside
    fresh
    put "INVALID_UTF8.$1" "$(app_with '"name":"株式会社まつど介護"' '"name":"株式会社'"$2"'まつど"')"
}
bad_name latin1-e-acute $'caf\xE9'
bad_name shift-jis-name $'\x8A\x94\x8E\xAE\x89\xEF\x8E\xD0'
bad_name euc-jp-name $'\xB3\xF4\xBC\xB0'
bad_name overlong-slash-c0-af $'\xC0\xAF'
bad_name overlong-nul-c0-80 $'\xC0\x80'
bad_name overlong-3-byte $'\xE0\x80\xAF'
bad_name overlong-4-byte $'\xF0\x80\x80\xAF'
bad_name surrogate-d800 $'\xED\xA0\x80'
bad_name surrogate-pair-cesu8 $'\xED\xA0\xBD\xED\xB8\x80'
bad_name above-10ffff $'\xF4\x90\x80\x80'
bad_name f5-lead-byte $'\xF5\x80\x80\x80'
bad_name ff-byte $'\xFF'
bad_name lone-continuation $'\x80'
bad_name truncated-3-byte $'\xE3\x81'
bad_name truncated-4-byte $'\xF0\x9F\x98'
fresh; put INVALID_UTF8.in-key "$(app_with '"name_kana":' $'"name_\xE9kana":')"
fresh; put INVALID_UTF8.in-office-number "$(app_with '"office_number":"1270000019"' $'"office_number":"127\xC0\xB0000019"')"
fresh; put INVALID_UTF8.truncated-at-end "$ENV"$'\xE3\x81'
fresh; put INVALID_UTF8.utf16le-envelope $'\xFF\xFE{\x00}\x00'

# --- NUL_BYTE (written with printf '\0': bash strings cannot hold NUL) -------
fresh; { printf '%s' "${ENV%%まつど介護*}"; printf '\0'; printf '%s' "まつど介護${ENV#*まつど介護}"; } >"$out/NUL_BYTE.in-name.json"
fresh; { printf '%s' "$ENV"; printf '\0'; } >"$out/NUL_BYTE.c-terminator-after-envelope.json"
fresh; printf '\0' >"$out/NUL_BYTE.single-nul.json"
fresh; { printf '\0'; printf '%s' "$ENV"; } >"$out/NUL_BYTE.before-envelope.json"
fresh; { printf '%s' "${ENV%%\"producer\"*}"; printf '\0\0\0\0'; printf '%s' "\"producer\"${ENV#*\"producer\"}"; } >"$out/NUL_BYTE.between-fields.json"

# --- DUPLICATE_KEY ------------------------------------------------------------
fresh; put DUPLICATE_KEY.top-level-event-id "$(sub "$ENV" '"type":' '"event_id":"'"$EV"'","type":')"
fresh; put DUPLICATE_KEY.top-level-data "${ENV%\}},\"data\":{\"claim_amount_yen\":999999}}"
fresh; put DUPLICATE_KEY.top-level-type "$(sub "$ENV" '"producer":' '"type":"application.decided","producer":')"
fresh; put DUPLICATE_KEY.nested-office-number "$(app_with '"office_number":"1270000019"' '"office_number":"1270000019","office_number":"1279999999"')"
fresh; put DUPLICATE_KEY.nested-claim-amount "$(app_with '"claim_amount_yen":21000' '"claim_amount_yen":21000,"claim_amount_yen":2100000')"
fresh; put DUPLICATE_KEY.in-attachment "$(app_with '"file_name":"invoice.pdf"' '"file_name":"invoice.pdf","file_name":"../x"')"
fresh; put DUPLICATE_KEY.bank-account-number "$(app_with '"account_number":"1234567"' '"account_number":"1234567","account_number":"7654321"')"
fresh; put DUPLICATE_KEY.escaped-same-key "$(app_with '"channel":"online"' '"channel":"online","ch\u0061nnel":"post"')"

# --- NUMBER_OVERFLOW ----------------------------------------------------------
num() { # num WHAT OLD NEW
    fresh
    put "NUMBER_OVERFLOW.$1" "$(app_with "$2" "$3")"
}
num claim-int64-max-plus-1 '"claim_amount_yen":21000' '"claim_amount_yen":9223372036854775808'
num claim-int64-min-minus-1 '"claim_amount_yen":21000' '"claim_amount_yen":-9223372036854775809'
num fee-30-digits '"fee_yen":21000' '"fee_yen":210000000000000000000000000000'
num fee-real-1e400 '"fee_yen":21000' '"fee_yen":1e400'
num size-negative-real-overflow '"size_bytes":48213' '"size_bytes":-1.5e999'
fresh; put NUMBER_OVERFLOW.schema-version "$(sub "$ENV" '"schema_version":1' '"schema_version":18446744073709551616')"

# --- NOT_OBJECT ---------------------------------------------------------------
fresh; put NOT_OBJECT.array-of-envelope "[$ENV]"
fresh; put NOT_OBJECT.string '"application.submitted"'
fresh; put NOT_OBJECT.number '21000'
fresh; put NOT_OBJECT.null 'null'
fresh; put NOT_OBJECT.true 'true'
fresh; put NOT_OBJECT.empty-array '[]'

# --- TOO_DEEP (default limit 64; the envelope itself is level 1) --------------
brackets() { # brackets N OPEN CLOSE: N opens then N closes
    local o c
    printf -v o '%*s' "$1" ''
    printf -v c '%*s' "$1" ''
    printf '%s%s' "${o// /$2}" "${c// /$3}"
}
fresh; put TOO_DEEP.arrays-1000 "$(sub "$ENV" '"producer":' '"x":'"$(brackets 1000 '[' ']')"',"producer":')"
fresh; put TOO_DEEP.objects-1000 "$(sub "$ENV" '"producer":' '"x":'"$(brackets 1000 '{"a":' '}' | sed 's/{"a":}/{}/')"',"producer":')"
fresh; put TOO_DEEP.depth-65 "$(sub "$ENV" '"producer":' '"x":'"$(brackets 64 '[' ']')"',"producer":')"
fresh; put TOO_DEEP.unbalanced-1000 "$(brackets 1000 '[' '')"
fresh; put TOO_DEEP.in-attachments "$(app_with '"attachments":[' '"attachments":['"$(brackets 100 '[' ']')"',')"

# --- ENVELOPE_INVALID -----------------------------------------------------------
fresh; put ENVELOPE_INVALID.bare-application "$APP"
fresh; put ENVELOPE_INVALID.empty-object '{}'
fresh; put ENVELOPE_INVALID.event-id-missing "$(sub "$ENV" '"event_id":"'"$EV"'",' '')"
fresh; put ENVELOPE_INVALID.event-id-number "$(sub "$ENV" '"event_id":"'"$EV"'"' '"event_id":12345')"
fresh; put ENVELOPE_INVALID.event-id-sql "$(sub "$ENV" '"event_id":"'"$EV"'"' '"event_id":"'"'"'; DROP TABLE inbox; --"')"
fresh; put ENVELOPE_INVALID.event-id-not-uuid "$(sub "$ENV" '"event_id":"'"$EV"'"' '"event_id":"5e1f0000-0000-4000-8000-00000000zzzz"')"
fresh; put ENVELOPE_INVALID.type-missing "$(sub "$ENV" '"type":"application.submitted",' '')"
fresh; put ENVELOPE_INVALID.type-number "$(sub "$ENV" '"type":"application.submitted"' '"type":1')"
fresh; put ENVELOPE_INVALID.type-empty "$(sub "$ENV" '"type":"application.submitted"' '"type":""')"
fresh; put ENVELOPE_INVALID.data-missing '{"event_id":"'"$EV"'","type":"application.submitted","schema_version":1,"occurred_at":"2025-01-06T09:00:00+09:00","correlation_id":"'"$CORR"'","producer":"portal"}'
fresh; put ENVELOPE_INVALID.data-array "$(corpus_envelope "[$APP]")"
fresh; put ENVELOPE_INVALID.data-string "$(corpus_envelope "\"'; DROP TABLE application; --\"")"
fresh; put ENVELOPE_INVALID.data-null "$(corpus_envelope null)"
fresh; put ENVELOPE_INVALID.data-json-in-string "$(corpus_envelope '"{\"submission_id\":\"x\"}"')"

# --- WRONG_TYPE -------------------------------------------------------------------
fresh; put WRONG_TYPE.application-decided "$(sub "$ENV" '"type":"application.submitted"' '"type":"application.decided"')"
fresh; put WRONG_TYPE.sql-in-type "$(sub "$ENV" '"type":"application.submitted"' '"type":"'"'"'; DROP TABLE application; --"')"

# --- SCHEMA_VIOLATION: a wrong type in every field ----------------------------------
wrong() { # wrong WHAT OLD NEW
    fresh
    put "SCHEMA_VIOLATION.wrong-type-$1" "$(app_with "$2" "$3")"
}
wrong submission-id '"submission_id":"@SUB@"' '"submission_id":12345'
wrong program-id '"program_id":"matsudo-careplan-license-2024"' '"program_id":2024'
wrong channel '"channel":"online"' '"channel":true'
wrong received-at '"received_at":"2025-01-10T10:15:00+09:00"' '"received_at":1736471700'
wrong amends-receipt-no '"amends_receipt_no":null' '"amends_receipt_no":123'
wrong applicant '"applicant":{' '"applicant":"株式会社まつど介護","x_applicant":{'
wrong corporate-number '"corporate_number":"4011001098993"' '"corporate_number":4011001098993'
wrong applicant-name '"name":"株式会社まつど介護"' '"name":["株式会社まつど介護"]'
wrong name-kana '"name_kana":"カブシキガイシャマツドカイゴ"' '"name_kana":null'
wrong representative-title '"representative_title":"代表取締役"' '"representative_title":{}'
wrong representative-name '"representative_name":"松戸 太郎"' '"representative_name":false'
wrong postal-code '"postal_code":"2718588"' '"postal_code":2718588'
wrong applicant-address '"address":"千葉県松戸市根本387番地の5"' '"address":387'
wrong phone '"phone":"0473667370"' '"phone":473667370'
wrong email '"email":"office@example.jp"' '"email":["office@example.jp"]'
wrong office '"office":{' '"office":["x"],"x_office":{'
wrong office-number '"office_number":"1270000019"' '"office_number":1270000019'
wrong office-name '"name":"まつど居宅介護支援センター"' '"name":0'
wrong office-address '"address":"千葉県松戸市小根本1-1"' '"address":{"city":"松戸"}'
wrong service-type-code '"service_type_code":"43"' '"service_type_code":43'
wrong deemed-designation '"deemed_designation":false' '"deemed_designation":"false"'
wrong care-service-since '"care_service_since":null' '"care_service_since":20240401'
wrong license '"license":{' '"license":true,"x_license":{'
wrong signup-completed-on '"signup_completed_on":"2024-06-03"' '"signup_completed_on":20240603'
wrong license-start-on '"license_start_on":"2024-06-03"' '"license_start_on":null'
wrong fee-yen-string '"fee_yen":21000' '"fee_yen":"21000"'
wrong fee-yen-real '"fee_yen":21000' '"fee_yen":21000.5'
wrong claim-amount-string '"claim_amount_yen":21000' '"claim_amount_yen":"21,000円"'
wrong claim-amount-bool '"claim_amount_yen":21000' '"claim_amount_yen":true'
wrong attachments-object '"attachments":[' '"attachments":{"kind":"license_invoice"},"x_attachments":['
wrong attachment-string '"attachments":[' '"attachments":["invoice.pdf",'
wrong attachment-kind '"kind":"license_invoice"' '"kind":1'
wrong attachment-file-name '"file_name":"invoice.pdf"' '"file_name":["invoice.pdf"]'
wrong attachment-size-string '"size_bytes":48213' '"size_bytes":"48213"'
wrong attachment-size-negative '"size_bytes":48213' '"size_bytes":-1'
wrong attachment-sha256 '"sha256":"'"$CORPUS_SHA_INVOICE"'"' '"sha256":null'
wrong bank-account '"bank_account":{' '"bank_account":"0001-001-1234567","x_bank":{'
wrong bank-code '"bank_code":"0001"' '"bank_code":1'
wrong bank-name-kana '"bank_name_kana":"ﾐｽﾞﾎ"' '"bank_name_kana":[]'
wrong branch-code '"branch_code":"001"' '"branch_code":1'
wrong branch-name-kana '"branch_name_kana":"ﾄｳｷﾖｳ"' '"branch_name_kana":true'
wrong account-type '"account_type":"ordinary"' '"account_type":1'
wrong account-number '"account_number":"1234567"' '"account_number":1234567'
wrong holder-kana '"holder_kana":"カ）マツドカイゴ"' '"holder_kana":null'
wrong power-of-attorney '"power_of_attorney":{' '"power_of_attorney":false,"x_poa":{'
wrong poa-attached '"attached":false' '"attached":"no"'
wrong poa-originals '"originals_received_by_post":false' '"originals_received_by_post":0'
wrong declarations '"declarations":{' '"declarations":[true],"x_decl":{'
wrong has-facility '"has_facility_in_city":true' '"has_facility_in_city":"true"'
wrong not-suspended '"not_suspended":true' '"not_suspended":1'
wrong no-planned-closure '"no_planned_closure":true' '"no_planned_closure":null'
wrong taxes-filed '"taxes_filed_and_paid":true' '"taxes_filed_and_paid":"はい"'
wrong not-organised-crime '"not_organised_crime":true' '"not_organised_crime":[]'
wrong consent-to-inquiry '"consent_to_inquiry":true' '"consent_to_inquiry":{}'
fresh; put SCHEMA_VIOLATION.wrong-type-schema-version "$(sub "$ENV" '"schema_version":1' '"schema_version":"1"')"
fresh; put SCHEMA_VIOLATION.wrong-type-occurred-at "$(sub "$ENV" '"occurred_at":"2025-01-06T09:00:00+09:00"' '"occurred_at":1736121600')"
fresh; put SCHEMA_VIOLATION.wrong-type-correlation-id "$(sub "$ENV" '"correlation_id":"'"$CORR"'"' '"correlation_id":42')"
fresh; put SCHEMA_VIOLATION.wrong-type-producer "$(sub "$ENV" '"producer":"portal"' '"producer":{"name":"portal"}')"
fresh; put SCHEMA_VIOLATION.data-empty-object "$(corpus_envelope '{}')"

# --- injection strings ----------------------------------------------------------------
# Free-text fields take any string: the message is ACCEPTED and must be stored
# as it came (parameters, never concatenation). Everything else has a pattern
# or an enum: SCHEMA_VIOLATION.
FREE_TEXT=('"name":"株式会社まつど介護"' '"representative_title":"代表取締役"'
    '"representative_name":"松戸 太郎"' '"address":"千葉県松戸市根本387番地の5"'
    '"name":"まつど居宅介護支援センター"' '"address":"千葉県松戸市小根本1-1"'
    '"file_name":"invoice.pdf"')
PATTERNED=('"submission_id":"@SUB@"' '"program_id":"matsudo-careplan-license-2024"'
    '"channel":"online"' '"received_at":"2025-01-10T10:15:00+09:00"'
    '"corporate_number":"4011001098993"'
    '"postal_code":"2718588"' '"phone":"0473667370"' '"email":"office@example.jp"'
    '"office_number":"1270000019"' '"service_type_code":"43"'
    '"signup_completed_on":"2024-06-03"' '"license_start_on":"2024-06-03"'
    '"kind":"license_invoice"' '"bank_code":"0001"' '"branch_code":"001"'
    '"account_type":"ordinary"' '"account_number":"1234567"')
# Kana names and attachment hashes take any string up to their maxLength in
# the schema: what is wrong with them is answered later, as a correction
# request (bank kana, attachment check), so injected text there is ACCEPTED.
ANSWERED_LATER=('"name_kana":"カブシキガイシャマツドカイゴ"' '"sha256":"'"$CORPUS_SHA_INVOICE"'"'
    '"bank_name_kana":"ﾐｽﾞﾎ"' '"branch_name_kana":"ﾄｳｷﾖｳ"' '"holder_kana":"カ）マツドカイゴ"')
# Each as JSON string content (already escaped for JSON where needed).
INJ_NAMES=(sql-quote sql-drop-table sql-union script-tag jndi-lookup format-string
    path-traversal template rtl-override backslashes shell-subst crlf-header-escape
    emoji-zwj unicode-nonchar)
INJ_VALUES=("O'Brien \\\"介護\\\" 1=1"
    "'; DROP TABLE application; --"
    "x' UNION SELECT password FROM pg_shadow --"
    "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
    '${jndi:ldap://x/a}'
    '%s%s%s%n%x%p%99999999d'
    '../../etc/passwd'
    '{{7*7}}${7*7}<%= 7*7 %>'
    $'\xE2\x80\xAEfdp.exe\xE2\x80\xAC株式会社'
    '\\\\server\\share\\..\\x'
    '$(rm -rf /)`id`'
    'a\r\nX-Injected: 1'
    $'\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB介護'
    $'\xEF\xBF\xBF\xEF\xB7\x90')

# field_of PAIR: the key part '"k":' of a '"k":"v"' pair.
field_of() {
    printf '%s' "${1%%:*}:"
}

for i in "${!INJ_NAMES[@]}"; do
    fresh
    text=$APP
    for f in "${FREE_TEXT[@]}"; do
        text=$(sub "$text" "$f" "$(field_of "$f")\"${INJ_VALUES[$i]}\"")
    done
    put "ACCEPTED.injection-${INJ_NAMES[$i]}-in-every-free-text-field" "$(corpus_envelope "$text")"
done
for f in "${ANSWERED_LATER[@]}"; do
    key=${f%%\":*}
    key=${key#\"}
    fresh
    put "ACCEPTED.injection-sql-in-${key//_/-}" \
        "$(app_with "$f" "$(field_of "$f")\"1'; DROP TABLE application; --\"")"
done
for f in "${PATTERNED[@]}"; do
    key=${f%%\":*}
    key=${key#\"}
    fresh
    # The escaped quote in the SQL string keeps the JSON valid.
    put "SCHEMA_VIOLATION.injection-sql-in-${key//_/-}" \
        "$(app_with "$f" "$(field_of "$f")\"1'; DROP TABLE application; --\"")"
done

# --- 10,000-character strings: over every field's maxLength ------------------------
printf -v long '%*s' 10000 ''
long=${long// /あ}
for f in "${FREE_TEXT[@]}" "${PATTERNED[@]}" "${ANSWERED_LATER[@]}"; do
    key=${f%%\":*}
    key=${key#\"}
    fresh
    name="SCHEMA_VIOLATION.long-10000-chars-in-${key//_/-}"
    [[ -e $out/$name.json ]] && name="$name-office"
    put "$name" "$(app_with "$f" "$(field_of "$f")\"$long\"")"
done
fresh; put SCHEMA_VIOLATION.long-10000-chars-in-producer "$(sub "$ENV" '"producer":"portal"' '"producer":"'"$long"'"')"

# --- ACCEPTED: valid messages the normaliser has work on ------------------------------
fresh; put ACCEPTED.baseline "$ENV"
fresh; put ACCEPTED.fullwidth-codes-and-hyphens "$(corpus_envelope "$(sub "$(sub "$(sub "$(sub "$APP" \
    '"office_number":"1270000019"' '"office_number":"１２７０００００１９"')" \
    '"postal_code":"2718588"' '"postal_code":"２７１－８５８８"')" \
    '"phone":"0473667370"' '"phone":"047ー366ー7370"')" \
    '"account_number":"1234567"' '"account_number":" 123-4567 "')")"
fresh; put ACCEPTED.ideographic-spaces-around-names "$(app_with '"name":"株式会社まつど介護"' '"name":"　株式会社まつど介護　"')"
fresh; put ACCEPTED.escaped-unicode-name "$(app_with '"name":"株式会社まつど介護"' '"name":"\u682a\u5f0f\u4f1a\u793e\u307e\u3064\u3069"')"
fresh; put ACCEPTED.pretty-printed "$(printf '%s' "$ENV" | sed 's/,"/,\n  "/g')"
fresh; put SCHEMA_VIOLATION.unknown-envelope-field "$(sub "$ENV" '"producer":' '"trace":{"span":"x"},"producer":')"

count=$(find "$out" -name '*.json' | wc -l)
printf 'make_hostile: %d files in %s\n' "$count" "$out"
