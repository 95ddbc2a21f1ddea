/* test_rules.c - every eligibility rule, row by row. Each row states how it
 * changes a valid base application (a JSON merge patch: objects merge, null
 * deletes) and the base facts ("name=value" pairs), which program decides,
 * and the outcome, reason codes (in rule order), amount and correction
 * deadline it expects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char base_application[] =
    "{\"submission_id\": \"7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11\","
    " \"program_id\": \"matsudo-careplan-license-2024\", \"channel\": \"online\","
    " \"received_at\": \"2025-01-10T10:15:00+09:00\", \"amends_receipt_no\": null,"
    " \"applicant\": {\"corporate_number\": \"4011001098993\", \"name\": \"株式会社まつど介護\","
    "   \"name_kana\": \"カブシキガイシャマツドカイゴ\", \"representative_title\": \"代表取締役\","
    "   \"representative_name\": \"松戸 太郎\", \"postal_code\": \"271-8588\","
    "   \"address\": \"千葉県松戸市根本387番地の5\", \"phone\": \"047-366-7370\","
    "   \"email\": \"office@example.jp\"},"
    " \"office\": {\"office_number\": \"1271234567\", \"name\": \"まつど居宅介護支援センター\","
    "   \"address\": \"千葉県松戸市小根本1-1\", \"service_type_code\": \"43\","
    "   \"deemed_designation\": false, \"care_service_since\": null},"
    " \"license\": {\"signup_completed_on\": \"2024-06-03\", \"license_start_on\": \"2024-06-03\","
    "   \"fee_yen\": 21000},"
    " \"claim_amount_yen\": 21000,"
    " \"attachments\": ["
    "   {\"kind\": \"license_invoice\", \"file_name\": \"invoice.pdf\", \"size_bytes\": 48213},"
    "   {\"kind\": \"improvement_plan\", \"file_name\": \"plan.pdf\", \"size_bytes\": 90112}],"
    " \"bank_account\": {\"bank_code\": \"0001\", \"bank_name_kana\": \"ﾐｽﾞﾎ\","
    "   \"branch_code\": \"001\", \"branch_name_kana\": \"ﾄｳｷﾖｳ\", \"account_type\": \"ordinary\","
    "   \"account_number\": \"1234567\", \"holder_kana\": \"カ）マツドカイゴ\","
    "   \"holder_relation\": \"applicant\"},"
    " \"power_of_attorney\": {\"attached\": false, \"originals_received_by_post\": false},"
    " \"declarations\": {\"has_facility_in_city\": true, \"not_suspended\": true,"
    "   \"no_planned_closure\": true, \"taxes_filed_and_paid\": true,"
    "   \"not_organised_crime\": true, \"consent_to_inquiry\": true}}";

#define POA_ATTACHMENTS                                                                            \
    "\"attachments\": [{\"kind\": \"license_invoice\"}, {\"kind\": \"improvement_plan\"},"         \
    " {\"kind\": \"power_of_attorney\"}]"

enum { MATSUDO, SAMPLE };

typedef struct {
    const char *name;
    int program;
    const char *app_patch;   /* JSON merge patch over base_application, or NULL */
    const char *facts_patch; /* "field=value ..." over the base facts, or NULL */
    rules_outcome outcome;
    const char *codes; /* expected reason codes, space-separated, in rule order */
    long long amount;
    const char *correction_deadline; /* "" unless correction_requested */
} rules_row;

static const rules_row rows[] = {
    /* the base, and each program deciding it without a code change */
    {"base application approved", MATSUDO, NULL, NULL, RULES_APPROVED, "", 21000, ""},
    {"sample town pays half capped at 5,000", SAMPLE, NULL, NULL, RULES_APPROVED, "", 5000, ""},

    /* applicant and office identity */
    {"corporate number check digit wrong", MATSUDO,
     "{\"applicant\": {\"corporate_number\": \"4011001098994\"}}",
     "office_corporate_number=4011001098994", RULES_REJECTED, "CORPORATE_NUMBER_INVALID", 0, ""},
    {"individual without corporate number", MATSUDO,
     "{\"applicant\": {\"corporate_number\": null}}", NULL, RULES_REJECTED,
     "CORPORATE_NUMBER_INVALID OFFICE_CORPORATION_MISMATCH", 0, ""},
    {"office number check digit wrong", MATSUDO,
     "{\"office\": {\"office_number\": \"1271234563\"}}", NULL, RULES_REJECTED,
     "OFFICE_NUMBER_INVALID", 0, ""},
    {"office not in registry", MATSUDO, NULL, "office_found=false", RULES_REJECTED,
     "OFFICE_NOT_IN_MUNICIPALITY", 0, ""},
    {"office in another municipality", MATSUDO, NULL, "office_municipality_code=122033",
     RULES_REJECTED, "OFFICE_NOT_IN_MUNICIPALITY", 0, ""},
    {"office run by another corporation", MATSUDO, NULL, "office_corporate_number=2120901007402",
     RULES_REJECTED, "OFFICE_CORPORATION_MISMATCH", 0, ""},

    /* service types */
    {"preventive service code not eligible", MATSUDO,
     "{\"office\": {\"service_type_code\": \"62\"}}", NULL, RULES_REJECTED,
     "SERVICE_TYPE_NOT_ELIGIBLE", 0, ""},
    {"sogo jigyo A5 eligible", MATSUDO, "{\"office\": {\"service_type_code\": \"A5\"}}", NULL,
     RULES_APPROVED, "", 21000, ""},
    {"service code eligible in Matsudo, not in sample town", SAMPLE,
     "{\"office\": {\"service_type_code\": \"32\"}}", NULL, RULES_REJECTED,
     "SERVICE_TYPE_NOT_ELIGIBLE", 0, ""},

    /* deemed designation */
    {"deemed by application, serving since 2024-05-01", MATSUDO,
     "{\"office\": {\"service_type_code\": \"13\", \"deemed_designation\": true,"
     " \"care_service_since\": \"2024-05-01\"}}",
     NULL, RULES_APPROVED, "", 21000, ""},
    {"deemed by registry, last service 2024-03-31", MATSUDO, NULL,
     "office_deemed_designation=true office_last_care_service_on=2024-03-31", RULES_REJECTED,
     "DEEMED_NOT_ELIGIBLE", 0, ""},
    {"deemed by registry, last service 2024-04-01", MATSUDO, NULL,
     "office_deemed_designation=true office_last_care_service_on=2024-04-01", RULES_APPROVED, "",
     21000, ""},
    {"deemed without any service date", MATSUDO, "{\"office\": {\"deemed_designation\": true}}",
     NULL, RULES_REJECTED, "DEEMED_NOT_ELIGIBLE", 0, ""},
    {"deemed where the program excludes it", SAMPLE, NULL,
     "office_deemed_designation=true office_last_care_service_on=2024-10-01", RULES_REJECTED,
     "DEEMED_NOT_ELIGIBLE", 0, ""},

    /* office state on the application date (2025-01-10) */
    {"abolished since the application date", MATSUDO, NULL,
     "office_state=abolished office_state_since=2025-01-10", RULES_REJECTED, "OFFICE_ABOLISHED", 0,
     ""},
    {"abolished without a date", MATSUDO, NULL, "office_state=abolished", RULES_REJECTED,
     "OFFICE_ABOLISHED", 0, ""},
    {"suspended since the application date", MATSUDO, NULL,
     "office_state=suspended office_state_since=2025-01-10", RULES_REJECTED, "OFFICE_SUSPENDED", 0,
     ""},
    {"suspended from the day after: not suspended, but planned", MATSUDO, NULL,
     "office_state=suspended office_state_since=2025-01-11", RULES_REJECTED, "CLOSURE_PLANNED", 0,
     ""},
    {"suspension from 2025-03-01, after the end of next month", MATSUDO, NULL,
     "office_state=suspended office_state_since=2025-03-01", RULES_APPROVED, "", 21000, ""},
    {"closure planned for the end of next month", MATSUDO, NULL,
     "office_planned_closure_on=2025-02-28", RULES_REJECTED, "CLOSURE_PLANNED", 0, ""},
    {"closure planned the day after the end of next month", MATSUDO, NULL,
     "office_planned_closure_on=2025-03-01", RULES_APPROVED, "", 21000, ""},
    {"closure at the end of next month across the year end", MATSUDO,
     "{\"received_at\": \"2024-12-20T09:00:00+09:00\"}", "office_planned_closure_on=2025-01-31",
     RULES_REJECTED, "CLOSURE_PLANNED", 0, ""},
    {"application date is the JST date: 2025-01-31T15:00Z is 2025-02-01", MATSUDO,
     "{\"received_at\": \"2025-01-31T15:00:00Z\"}", "office_planned_closure_on=2025-03-31",
     RULES_REJECTED, "CLOSURE_PLANNED", 0, ""},

    /* tax and organised crime */
    {"city taxes overdue", MATSUDO, NULL, "tax_overdue=true", RULES_REJECTED,
     "TAX_NOT_IN_GOOD_STANDING", 0, ""},
    {"tax returns not filed", MATSUDO, NULL, "tax_returns_filed=false", RULES_REJECTED,
     "TAX_NOT_IN_GOOD_STANDING", 0, ""},
    {"tax answer missing holds", MATSUDO, NULL, "tax_known=false", RULES_ON_HOLD,
     "TAX_STANDING_PENDING", 0, ""},
    {"organised-crime member", MATSUDO, NULL, "crime_member=true", RULES_REJECTED,
     "ORGANISED_CRIME_MEMBER", 0, ""},
    {"crime answer missing holds", MATSUDO, NULL, "crime_check_known=false", RULES_ON_HOLD,
     "CRIME_CHECK_PENDING", 0, ""},
    {"both answers missing hold, never approve", MATSUDO, NULL,
     "tax_known=false crime_check_known=false", RULES_ON_HOLD,
     "TAX_STANDING_PENDING CRIME_CHECK_PENDING", 0, ""},
    {"pending with a correctable reason asks for the correction, pending not listed", MATSUDO,
     "{\"claim_amount_yen\": 20000}", "tax_known=false", RULES_CORRECTION_REQUESTED,
     "CLAIM_AMOUNT_MISMATCH", 0, "2025-02-14"},
    {"pending with a fatal reason rejects, pending not listed", MATSUDO, NULL,
     "tax_known=false crime_member=true", RULES_REJECTED, "ORGANISED_CRIME_MEMBER", 0, ""},
    {"pending is not turned into a budget hold", MATSUDO, NULL,
     "crime_check_known=false earlier_budget_holds=3", RULES_ON_HOLD, "CRIME_CHECK_PENDING", 0, ""},

    /* licence and deadlines */
    {"licence started 2024-03-31", MATSUDO, "{\"license\": {\"license_start_on\": \"2024-03-31\"}}",
     NULL, RULES_REJECTED, "LICENCE_NOT_IN_PERIOD", 0, ""},
    {"licence started 2024-04-01", MATSUDO, "{\"license\": {\"license_start_on\": \"2024-04-01\"}}",
     NULL, RULES_APPROVED, "", 21000, ""},
    {"licence started 2025-03-31", MATSUDO, "{\"license\": {\"license_start_on\": \"2025-03-31\"}}",
     NULL, RULES_APPROVED, "", 21000, ""},
    {"licence started 2025-04-01", MATSUDO, "{\"license\": {\"license_start_on\": \"2025-04-01\"}}",
     NULL, RULES_REJECTED, "LICENCE_NOT_IN_PERIOD", 0, ""},
    {"licence start missing", MATSUDO, "{\"license\": {\"license_start_on\": null}}", NULL,
     RULES_REJECTED, "LICENCE_NOT_IN_PERIOD", 0, ""},
    {"signed up on the deadline", MATSUDO,
     "{\"license\": {\"signup_completed_on\": \"2025-02-14\"}}", NULL, RULES_APPROVED, "", 21000,
     ""},
    {"signed up the day after the deadline", MATSUDO,
     "{\"license\": {\"signup_completed_on\": \"2025-02-15\"}}", NULL, RULES_REJECTED,
     "SIGNUP_AFTER_DEADLINE", 0, ""},
    {"arrived 2025-02-14T23:59:59+09:00", MATSUDO,
     "{\"received_at\": \"2025-02-14T23:59:59+09:00\"}", NULL, RULES_APPROVED, "", 21000, ""},
    {"arrived 2025-02-15T00:00:00+09:00", MATSUDO,
     "{\"received_at\": \"2025-02-15T00:00:00+09:00\"}", NULL, RULES_REJECTED,
     "ARRIVED_AFTER_DEADLINE", 0, ""},
    {"arrived 2025-02-14T14:59:59Z", MATSUDO, "{\"received_at\": \"2025-02-14T14:59:59Z\"}", NULL,
     RULES_APPROVED, "", 21000, ""},
    {"arrived 2025-02-14T15:00:00Z", MATSUDO, "{\"received_at\": \"2025-02-14T15:00:00Z\"}", NULL,
     RULES_REJECTED, "ARRIVED_AFTER_DEADLINE", 0, ""},
    {"unreadable arrival time", MATSUDO, "{\"received_at\": \"yesterday\"}", NULL, RULES_REJECTED,
     "ARRIVED_AFTER_DEADLINE", 0, ""},
    {"a correction may arrive after the application deadline", MATSUDO,
     "{\"received_at\": \"2025-02-16T10:00:00+09:00\", \"amends_receipt_no\": \"R6-000001\"}", NULL,
     RULES_APPROVED, "", 21000, ""},
    {"a correction by its deadline, first arrival in time", MATSUDO,
     "{\"received_at\": \"2025-02-16T10:00:00+09:00\", \"amends_receipt_no\": \"R6-000001\"}",
     "first_received_at=2025-01-10T10:15:00+09:00 correction_deadline=2025-02-17", RULES_APPROVED,
     "", 21000, ""},
    {"a correction after its deadline", MATSUDO,
     "{\"received_at\": \"2025-02-18T00:00:00+09:00\", \"amends_receipt_no\": \"R6-000001\"}",
     "first_received_at=2025-01-10T10:15:00+09:00 correction_deadline=2025-02-17", RULES_REJECTED,
     "CORRECTION_LATE", 0, ""},
    {"a resubmission is held to its first arrival", MATSUDO,
     "{\"received_at\": \"2025-02-10T10:00:00+09:00\", \"amends_receipt_no\": \"R6-000001\"}",
     "first_received_at=2025-02-15T00:00:00+09:00", RULES_REJECTED, "ARRIVED_AFTER_DEADLINE", 0,
     ""},
    {"attachments intake could not verify", MATSUDO, NULL, "attachments_unverified=true",
     RULES_CORRECTION_REQUESTED, "ATTACHMENT_NOT_VERIFIED", 0, "2025-02-14"},
    {"attachments not verified while an answer is awaited", MATSUDO, NULL,
     "attachments_unverified=true tax_known=false", RULES_CORRECTION_REQUESTED,
     "ATTACHMENT_NOT_VERIFIED", 0, "2025-02-14"},
    {"sample town's own later deadline", SAMPLE, "{\"received_at\": \"2025-02-28T23:00:00+09:00\"}",
     NULL, RULES_APPROVED, "", 5000, ""},
    {"sample town's own earlier signup deadline", SAMPLE,
     "{\"license\": {\"signup_completed_on\": \"2025-02-01\"}}", NULL, RULES_REJECTED,
     "SIGNUP_AFTER_DEADLINE", 0, ""},

    /* one per office, other years */
    {"earlier standing application of the office", MATSUDO, NULL,
     "earlier_applications_same_office=1", RULES_REJECTED, "DUPLICATE_OFFICE", 0, ""},
    {"paid in another fiscal year", MATSUDO, NULL, "claimed_in_other_fiscal_year=true",
     RULES_REJECTED, "CLAIMED_OTHER_YEAR", 0, ""},
    {"sample town allows a claim every year", SAMPLE, NULL, "claimed_in_other_fiscal_year=true",
     RULES_APPROVED, "", 5000, ""},

    /* cost and amount */
    {"no fee paid", MATSUDO, "{\"license\": {\"fee_yen\": 0}}", NULL, RULES_REJECTED,
     "NO_ELIGIBLE_COST", 0, ""},
    {"claim differs from the amount", MATSUDO, "{\"claim_amount_yen\": 20000}", NULL,
     RULES_CORRECTION_REQUESTED, "CLAIM_AMOUNT_MISMATCH", 0, "2025-02-14"},
    {"claim missing", MATSUDO, "{\"claim_amount_yen\": null}", NULL, RULES_CORRECTION_REQUESTED,
     "CLAIM_AMOUNT_MISMATCH", 0, "2025-02-14"},
    {"sample town: claim 21,000 for a 5,000 subsidy", SAMPLE, "{\"claim_amount_yen\": 21000}",
     "decided_on=2025-02-25", RULES_CORRECTION_REQUESTED, "CLAIM_AMOUNT_MISMATCH", 0, "2025-03-04"},
    {"correction deadline is decided_on + 3 when later", MATSUDO, "{\"claim_amount_yen\": 1}",
     "decided_on=2025-02-13", RULES_CORRECTION_REQUESTED, "CLAIM_AMOUNT_MISMATCH", 0, "2025-02-16"},

    /* attachments */
    {"online without improvement plan", MATSUDO,
     "{\"attachments\": [{\"kind\": \"license_invoice\"}]}", NULL, RULES_CORRECTION_REQUESTED,
     "ATTACHMENT_MISSING", 0, "2025-02-14"},
    {"online without any attachment: one reason per kind", MATSUDO, "{\"attachments\": []}", NULL,
     RULES_CORRECTION_REQUESTED, "ATTACHMENT_MISSING ATTACHMENT_MISSING", 0, "2025-02-14"},
    {"post needs only the invoice", MATSUDO,
     "{\"channel\": \"post\", \"attachments\": [{\"kind\": \"license_invoice\"}]}", NULL,
     RULES_APPROVED, "", 21000, ""},
    {"post without the invoice", MATSUDO,
     "{\"channel\": \"post\", \"attachments\": [{\"kind\": \"other\"}]}", NULL,
     RULES_CORRECTION_REQUESTED, "ATTACHMENT_MISSING", 0, "2025-02-14"},

    /* bank account */
    {"account number empty", MATSUDO, "{\"bank_account\": {\"account_number\": \"\"}}", NULL,
     RULES_CORRECTION_REQUESTED, "BANK_ACCOUNT_INCOMPLETE", 0, "2025-02-14"},
    {"bank code missing", MATSUDO, "{\"bank_account\": {\"bank_code\": null}}", NULL,
     RULES_CORRECTION_REQUESTED, "BANK_ACCOUNT_INCOMPLETE", 0, "2025-02-14"},
    {"holder kana does not convert", MATSUDO, NULL, "holder_kana_problem=kanji_not_allowed",
     RULES_CORRECTION_REQUESTED, "BANK_HOLDER_KANA_INVALID", 0, "2025-02-14"},

    /* power of attorney */
    {"other holder without power of attorney", MATSUDO,
     "{\"bank_account\": {\"holder_relation\": \"other\"}}", NULL, RULES_CORRECTION_REQUESTED,
     "POWER_OF_ATTORNEY_MISSING ORIGINALS_NOT_RECEIVED", 0, "2025-02-14"},
    {"power of attorney attached, originals not yet by post", MATSUDO,
     "{\"bank_account\": {\"holder_relation\": \"other\"}, \"power_of_attorney\":"
     " {\"attached\": true}, " POA_ATTACHMENTS "}",
     NULL, RULES_CORRECTION_REQUESTED, "ORIGINALS_NOT_RECEIVED", 0, "2025-02-14"},
    {"power of attorney declared but no such attachment", MATSUDO,
     "{\"bank_account\": {\"holder_relation\": \"other\"}, \"power_of_attorney\":"
     " {\"attached\": true, \"originals_received_by_post\": true}}",
     NULL, RULES_CORRECTION_REQUESTED, "POWER_OF_ATTORNEY_MISSING", 0, "2025-02-14"},
    {"power of attorney and originals received", MATSUDO,
     "{\"bank_account\": {\"holder_relation\": \"other\"}, \"power_of_attorney\":"
     " {\"attached\": true, \"originals_received_by_post\": true}, " POA_ATTACHMENTS "}",
     NULL, RULES_APPROVED, "", 21000, ""},
    {"sample town needs no originals by post", SAMPLE,
     "{\"bank_account\": {\"holder_relation\": \"other\"}, \"power_of_attorney\":"
     " {\"attached\": true}, " POA_ATTACHMENTS "}",
     NULL, RULES_APPROVED, "", 5000, ""},

    /* declarations */
    {"consent to inquiry not given", MATSUDO, "{\"declarations\": {\"consent_to_inquiry\": false}}",
     NULL, RULES_CORRECTION_REQUESTED, "DECLARATION_MISSING", 0, "2025-02-14"},
    {"a declaration absent", MATSUDO, "{\"declarations\": {\"not_organised_crime\": null}}", NULL,
     RULES_CORRECTION_REQUESTED, "DECLARATION_MISSING", 0, "2025-02-14"},

    /* budget */
    {"budget would be exceeded", MATSUDO, NULL, "budget_committed_yen=20980000", RULES_ON_HOLD,
     "BUDGET_EXHAUSTED", 0, ""},
    {"budget filled exactly", MATSUDO, NULL, "budget_committed_yen=20979000", RULES_APPROVED, "",
     21000, ""},
    {"earlier applications wait for budget", MATSUDO, NULL, "earlier_budget_holds=1", RULES_ON_HOLD,
     "BUDGET_EXHAUSTED", 0, ""},
    {"sample town: third approval fills the budget", SAMPLE, NULL, "budget_committed_yen=10000",
     RULES_APPROVED, "", 5000, ""},
    {"sample town: fourth waits", SAMPLE, NULL, "budget_committed_yen=15000", RULES_ON_HOLD,
     "BUDGET_EXHAUSTED", 0, ""},

    /* every reason collected */
    {"many faults, all listed", MATSUDO,
     "{\"office\": {\"service_type_code\": \"62\"}, \"license\": {\"license_start_on\":"
     " \"2024-03-01\", \"signup_completed_on\": \"2025-03-01\"}, \"received_at\":"
     " \"2025-02-15T09:00:00+09:00\", \"claim_amount_yen\": 1, \"attachments\": [],"
     " \"bank_account\": {\"holder_kana\": \"\"}, \"declarations\": {\"not_suspended\": false}}",
     "office_state=suspended tax_overdue=true crime_check_known=false", RULES_REJECTED,
     "SERVICE_TYPE_NOT_ELIGIBLE OFFICE_SUSPENDED TAX_NOT_IN_GOOD_STANDING "
     "LICENCE_NOT_IN_PERIOD SIGNUP_AFTER_DEADLINE ARRIVED_AFTER_DEADLINE CLAIM_AMOUNT_MISMATCH "
     "ATTACHMENT_MISSING ATTACHMENT_MISSING BANK_ACCOUNT_INCOMPLETE DECLARATION_MISSING",
     0, ""},
    {"only correctable faults, all listed", MATSUDO,
     "{\"claim_amount_yen\": 1, \"attachments\": [{\"kind\": \"license_invoice\"}],"
     " \"bank_account\": {\"branch_code\": \"\"}, \"declarations\": {\"consent_to_inquiry\":"
     " false}}",
     "holder_kana_problem=x", RULES_CORRECTION_REQUESTED,
     "CLAIM_AMOUNT_MISMATCH ATTACHMENT_MISSING BANK_ACCOUNT_INCOMPLETE BANK_HOLDER_KANA_INVALID "
     "DECLARATION_MISSING",
     0, "2025-02-14"},
};

/* ---- the runner ---- */

static program *programs[2];

static program *load_program(const char *file)
{
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/ops/programs/%s", SOURCE_DIR, file);
    json_t *def = json_load_file(path, 0, NULL);
    program *p = def ? program_from_json(def, err, sizeof err) : NULL;
    json_decref(def);
    return p;
}

static int setup(void **state)
{
    (void)state;
    programs[MATSUDO] = load_program("matsudo-2024.json");
    programs[SAMPLE] = load_program("sample-town-2024.json");
    return programs[MATSUDO] && programs[SAMPLE] ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    program_free(programs[MATSUDO]);
    program_free(programs[SAMPLE]);
    return 0;
}

/* RFC 7386 merge patch: objects merge member by member, null deletes. */
static void merge_patch(json_t *target, const json_t *patch)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)patch, key, v)
    {
        json_t *t = json_object_get(target, key);
        if (json_is_null(v))
            json_object_del(target, key);
        else if (json_is_object(v) && json_is_object(t))
            merge_patch(t, v);
        else
            json_object_set(target, key, v);
    }
}

static json_t *application_for(const rules_row *r)
{
    json_t *app = json_loads(base_application, 0, NULL);
    assert_non_null(app);
    const char *sample = "{\"program_id\": \"sample-town-careplan-2024\", "
                         "\"claim_amount_yen\": 5000}";
    const char *patches[] = {r->program == SAMPLE ? sample : NULL, r->app_patch};
    for (size_t i = 0; i < 2; i++) {
        if (!patches[i])
            continue;
        json_error_t e;
        json_t *p = json_loads(patches[i], 0, &e);
        if (!p)
            fail_msg("%s: patch does not parse: %s", r->name, e.text);
        merge_patch(app, p);
        json_decref(p);
    }
    return app;
}

static void base_facts(rules_facts *f, int program_kind)
{
    memset(f, 0, sizeof *f);
    strcpy(f->decided_on, "2025-01-10");
    f->office_found = true;
    strcpy(f->office_municipality_code, program_kind == SAMPLE ? "129999" : "122076");
    strcpy(f->office_corporate_number, "4011001098993");
    strcpy(f->office_state, "active");
    f->tax_known = f->tax_returns_filed = true;
    f->crime_check_known = true;
}

#define FACT_STR(name)                                                                             \
    {                                                                                              \
#name, offsetof(rules_facts, name), sizeof((rules_facts *)0)->name, 's'                    \
    }
#define FACT_BOOL(name)                                                                            \
    {                                                                                              \
#name, offsetof(rules_facts, name), 0, 'b'                                                 \
    }
#define FACT_INT(name)                                                                             \
    {                                                                                              \
#name, offsetof(rules_facts, name), 0, 'i'                                                 \
    }
#define FACT_LL(name)                                                                              \
    {                                                                                              \
#name, offsetof(rules_facts, name), 0, 'l'                                                 \
    }

static const struct {
    const char *name;
    size_t offset, size;
    char type;
} fact_fields[] = {
    FACT_STR(decided_on),
    FACT_BOOL(office_found),
    FACT_STR(office_municipality_code),
    FACT_STR(office_corporate_number),
    FACT_STR(office_state),
    FACT_STR(office_state_since),
    FACT_STR(office_planned_closure_on),
    FACT_BOOL(office_deemed_designation),
    FACT_STR(office_last_care_service_on),
    FACT_BOOL(tax_known),
    FACT_BOOL(tax_returns_filed),
    FACT_BOOL(tax_overdue),
    FACT_BOOL(crime_check_known),
    FACT_BOOL(crime_member),
    FACT_INT(earlier_applications_same_office),
    FACT_BOOL(claimed_in_other_fiscal_year),
    FACT_LL(budget_committed_yen),
    FACT_INT(earlier_budget_holds),
    FACT_STR(holder_kana_problem),
    FACT_STR(first_received_at),
    FACT_STR(correction_deadline),
    FACT_BOOL(attachments_unverified),
};

static void set_fact(rules_facts *f, const char *name, const char *value, const char *row)
{
    for (size_t i = 0; i < sizeof fact_fields / sizeof fact_fields[0]; i++) {
        if (strcmp(fact_fields[i].name, name) != 0)
            continue;
        char *at = (char *)f + fact_fields[i].offset;
        switch (fact_fields[i].type) {
        case 's':
            snprintf(at, fact_fields[i].size, "%s", value);
            break;
        case 'b':
            *(bool *)at = strcmp(value, "true") == 0;
            break;
        case 'i':
            *(int *)at = atoi(value);
            break;
        default:
            *(long long *)at = atoll(value);
        }
        return;
    }
    fail_msg("%s: unknown fact %s", row, name);
}

static void facts_for(const rules_row *r, rules_facts *f)
{
    base_facts(f, r->program);
    if (!r->facts_patch)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", r->facts_patch);
    char *save = NULL;
    for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            fail_msg("%s: fact without '=': %s", r->name, tok);
        *eq = '\0';
        set_fact(f, tok, eq + 1, r->name);
    }
}

static void codes_of(const rules_decision *d, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < d->n_reasons && o < outlen; i++)
        o += (size_t)snprintf(out + o, outlen - o, "%s%s", i ? " " : "", d->reasons[i].code);
}

/* Every reason carries a code, both messages and a field (possibly ""). */
static void check_reason_texts(const rules_decision *d, const char *row)
{
    for (size_t i = 0; i < d->n_reasons; i++) {
        const rules_reason *r = &d->reasons[i];
        if (!r->code || !r->message_ja || !*r->message_ja || !r->message_en || !*r->message_en ||
            !r->field)
            fail_msg("%s: reason %zu lacks a text", row, i);
    }
}

static void run_row(const rules_row *r)
{
    json_t *app = application_for(r);
    rules_facts f;
    facts_for(r, &f);
    rules_decision d;
    rules_decide(programs[r->program], app, &f, &d);
    char codes[1024];
    codes_of(&d, codes, sizeof codes);
    if (d.outcome != r->outcome || strcmp(codes, r->codes) != 0 || d.amount_yen != r->amount ||
        strcmp(d.correction_deadline, r->correction_deadline) != 0)
        fail_msg("%s: got %s [%s] %lld '%s'; want %s [%s] %lld '%s'", r->name,
                 rules_outcome_name(d.outcome), codes, d.amount_yen, d.correction_deadline,
                 rules_outcome_name(r->outcome), r->codes, r->amount, r->correction_deadline);
    check_reason_texts(&d, r->name);
    json_decref(app);
}

static void test_rule_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        run_row(&rows[i]);
}

static void test_enough_rows(void **state)
{
    (void)state;
    assert_true(sizeof rows / sizeof rows[0] >= 45);
}

static void test_outcome_names(void **state)
{
    (void)state;
    assert_string_equal(rules_outcome_name(RULES_APPROVED), "approved");
    assert_string_equal(rules_outcome_name(RULES_REJECTED), "rejected");
    assert_string_equal(rules_outcome_name(RULES_CORRECTION_REQUESTED), "correction_requested");
    assert_string_equal(rules_outcome_name(RULES_ON_HOLD), "on_hold");
    assert_string_equal(rules_outcome_name((rules_outcome)99), "unknown");
}

/* Reason flags: the pending ones are exactly the answers awaited and the
 * budget; correctable ones are the applicant's to fix. */
static void test_reason_flags(void **state)
{
    (void)state;
    json_t *app = application_for(&rows[0]);
    rules_facts f;
    base_facts(&f, MATSUDO);
    f.tax_known = false;
    rules_decision d;
    rules_decide(programs[MATSUDO], app, &f, &d);
    assert_int_equal(d.outcome, RULES_ON_HOLD);
    assert_int_equal(d.n_reasons, 1);
    assert_true(d.reasons[0].pending);
    assert_false(d.reasons[0].correctable);
    assert_string_equal(d.reasons[0].field, "applicant.corporate_number");
    base_facts(&f, MATSUDO);
    strcpy(f.holder_kana_problem, "x");
    rules_decide(programs[MATSUDO], app, &f, &d);
    assert_int_equal(d.n_reasons, 1);
    assert_true(d.reasons[0].correctable);
    assert_false(d.reasons[0].pending);
    assert_string_equal(d.reasons[0].field, "bank_account.holder_kana");
    json_decref(app);
}

/* A pure function: deciding twice gives the same decision. */
static void test_deterministic(void **state)
{
    (void)state;
    json_t *app = application_for(&rows[0]);
    rules_facts f;
    base_facts(&f, MATSUDO);
    rules_decision a, b;
    rules_decide(programs[MATSUDO], app, &f, &a);
    rules_decide(programs[MATSUDO], app, &f, &b);
    assert_int_equal(a.outcome, b.outcome);
    assert_int_equal(a.amount_yen, b.amount_yen);
    json_decref(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enough_rows),   cmocka_unit_test(test_rule_rows),
        cmocka_unit_test(test_outcome_names), cmocka_unit_test(test_reason_flags),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
