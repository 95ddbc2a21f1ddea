# shellcheck shell=bash
# envelope_lib.sh - sourced by make_hostile.sh and make_big.sh: a valid
# application.submitted envelope as the portal (and ops/tools/loadgen.c) sends
# it, compact JSON on one line, for the generators to break one thing in.
#
# corpus_ids N      sets EV, SUB, CORR: UUIDs unique to case N, so that every
#                   message has its own event_id (the inbox would skip a
#                   repeat) and its own submission_id (a repeat with other
#                   content is a SUBMISSION_CONFLICT).
# corpus_app        prints the application (the envelope's data) for $SUB.
# corpus_envelope D prints the envelope around data text D.

CORPUS_SHA_INVOICE=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
CORPUS_SHA_PLAN=60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752

corpus_ids() {
    printf -v EV '5e1f0000-0000-4000-8000-%012d' "$1"
    printf -v SUB '5e1f0000-0000-4000-9000-%012d' "$1"
    printf -v CORR '5e1f0000-0000-4000-a000-%012d' "$1"
}

corpus_app() {
    printf '%s' '{"submission_id":"'"$SUB"'","program_id":"matsudo-careplan-license-2024",'\
'"channel":"online","received_at":"2025-01-10T10:15:00+09:00","amends_receipt_no":null,'\
'"applicant":{"corporate_number":"4011001098993","name":"株式会社まつど介護",'\
'"name_kana":"カブシキガイシャマツドカイゴ","representative_title":"代表取締役",'\
'"representative_name":"松戸 太郎","postal_code":"2718588",'\
'"address":"千葉県松戸市根本387番地の5","phone":"0473667370","email":"office@example.jp"},'\
'"office":{"office_number":"1270000019","name":"まつど居宅介護支援センター",'\
'"address":"千葉県松戸市小根本1-1","service_type_code":"43","deemed_designation":false,'\
'"care_service_since":null},'\
'"license":{"signup_completed_on":"2024-06-03","license_start_on":"2024-06-03","fee_yen":21000},'\
'"claim_amount_yen":21000,'\
'"attachments":[{"kind":"license_invoice","file_name":"invoice.pdf","size_bytes":48213,'\
'"sha256":"'"$CORPUS_SHA_INVOICE"'"},{"kind":"improvement_plan","file_name":"plan.pdf",'\
'"size_bytes":90112,"sha256":"'"$CORPUS_SHA_PLAN"'"}],'\
'"bank_account":{"bank_code":"0001","bank_name_kana":"ﾐｽﾞﾎ","branch_code":"001",'\
'"branch_name_kana":"ﾄｳｷﾖｳ","account_type":"ordinary","account_number":"1234567",'\
'"holder_kana":"カ）マツドカイゴ"},'\
'"power_of_attorney":{"attached":false,"originals_received_by_post":false},'\
'"declarations":{"has_facility_in_city":true,"not_suspended":true,"no_planned_closure":true,'\
'"taxes_filed_and_paid":true,"not_organised_crime":true,"consent_to_inquiry":true}}'
}

corpus_envelope() {
    printf '%s' '{"event_id":"'"$EV"'","type":"application.submitted","schema_version":1,'\
'"occurred_at":"2025-01-06T09:00:00+09:00","correlation_id":"'"$CORR"'","producer":"portal",'\
'"data":'"$1"'}'
}
