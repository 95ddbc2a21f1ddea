/* rules_office.c - rules about who applies and for which office: the
 * applicant's corporate number, the office number and registry entry, the
 * service type, deemed designation, the office's state on the application
 * date, tax standing, the organised-crime inquiry and earlier claims. */
#include "rules_internal.h"

#include "domain/corporate_number.h"
#include "domain/office_number.h"

#include <string.h>

#define REASON(code, ja, en, field)                                                                \
    {                                                                                              \
        code, ja, en, field, false, false                                                          \
    }
#define PENDING(code, ja, en, field)                                                               \
    {                                                                                              \
        code, ja, en, field, false, true                                                           \
    }

static const rules_reason r_corporate_invalid = REASON(
    "CORPORATE_NUMBER_INVALID",
    "申請者の法人番号が正しくありません。本補助金の対象は法人に限られます。",
    "applicant.corporate_number is not a valid 13-digit corporate number (applicant must be a "
    "corporation)",
    "applicant.corporate_number");
static const rules_reason r_office_invalid =
    REASON("OFFICE_NUMBER_INVALID", "介護保険事業所番号が正しくありません。",
           "office.office_number is malformed or its check digit is wrong", "office.office_number");
static const rules_reason r_not_in_municipality = REASON(
    "OFFICE_NOT_IN_MUNICIPALITY",
    "申請日において、当該事業所が本市内の介護保険事業所として確認できないため、対象となりません。",
    "the office is not in the municipality's registry for this program", "office.office_number");
static const rules_reason r_corporation_mismatch =
    REASON("OFFICE_CORPORATION_MISMATCH",
           "当該事業所を運営する法人と申請者の法人番号が一致しないため、対象となりません。",
           "the registry's corporate number for the office differs from the applicant's",
           "applicant.corporate_number");
static const rules_reason r_service_not_eligible =
    REASON("SERVICE_TYPE_NOT_ELIGIBLE", "当該事業所のサービス種類は本補助金の対象ではありません。",
           "office.service_type_code is not eligible in this program", "office.service_type_code");
static const rules_reason r_deemed_not_eligible = REASON(
    "DEEMED_NOT_ELIGIBLE",
    "みなし指定の医療機関等は、対象期間内に介護保険サービスの提供実績がある場合に限り対象となります"
    "。"
    "当該要件を満たすことが確認できないため、対象となりません。",
    "deemed-designated office not allowed, or no care service on or after the program's date",
    "office.deemed_designation");
static const rules_reason r_abolished =
    REASON("OFFICE_ABOLISHED", "申請日において当該事業所は廃止されているため、対象となりません。",
           "the office was abolished on or before the application date", "office.office_number");
static const rules_reason r_suspended =
    REASON("OFFICE_SUSPENDED", "申請日において当該事業所は休止中のため、対象となりません。",
           "the office is suspended on the application date", "office.office_number");
static const rules_reason r_closure_planned =
    REASON("CLOSURE_PLANNED",
           "申請月の翌月末日までに当該事業所の休止又は廃止が予定されているため、対象となりません。",
           "suspension or abolition planned by the end of the month after the application month",
           "office.office_number");
static const rules_reason r_tax_bad = REASON(
    "TAX_NOT_IN_GOOD_STANDING",
    "市の法人市民税・事業所税の申告又は納付が確認できない（滞納がある）ため、対象となりません。",
    "city tax returns not filed or city taxes overdue", "applicant.corporate_number");
static const rules_reason r_tax_pending =
    PENDING("TAX_STANDING_PENDING", "市税の状況を確認中のため、審査を保留しています。",
            "no answer yet on the applicant's city tax standing", "applicant.corporate_number");
static const rules_reason r_crime_member =
    REASON("ORGANISED_CRIME_MEMBER",
           "暴力団排除に関する条例に基づく確認の結果、本補助金の対象となりません。",
           "the organised-crime inquiry found a member in control of the applicant",
           "applicant.corporate_number");
static const rules_reason r_crime_pending =
    PENDING("CRIME_CHECK_PENDING", "暴力団排除に関する照会の回答待ちのため、審査を保留しています。",
            "no answer yet from the organised-crime inquiry", "applicant.corporate_number");
static const rules_reason r_duplicate =
    REASON("DUPLICATE_OFFICE",
           "当該事業所については既に本補助金の申請がされています。補助は事業所ごとに1回限りです。",
           "the office already has an earlier standing application in this program",
           "office.office_number");
static const rules_reason r_claimed_other_year =
    REASON("CLAIMED_OTHER_YEAR",
           "当該事業所は他の年度に同種の補助金の交付を受けているため、対象となりません。",
           "the office was paid under another fiscal year's program", "office.office_number");

static void rule_corporate_number(const rules_ctx *c, rules_decision *d)
{
    if (!corporate_number_valid(rules_str(c->app, "applicant.corporate_number"), NULL, 0))
        rules_add(d, &r_corporate_invalid);
}

static void rule_office_number(const rules_ctx *c, rules_decision *d)
{
    if (!office_number_valid(rules_str(c->app, "office.office_number"), NULL, 0))
        rules_add(d, &r_office_invalid);
}

static void rule_office_in_municipality(const rules_ctx *c, rules_decision *d)
{
    if (!c->f->office_found ||
        strcmp(c->f->office_municipality_code, program_municipality_code(c->p)) != 0)
        rules_add(d, &r_not_in_municipality);
}

static void rule_office_corporation(const rules_ctx *c, rules_decision *d)
{
    const char *applicant = rules_str(c->app, "applicant.corporate_number");
    if (c->f->office_found && (!applicant || strcmp(c->f->office_corporate_number, applicant) != 0))
        rules_add(d, &r_corporation_mismatch);
}

static void rule_service_type(const rules_ctx *c, rules_decision *d)
{
    if (!program_service_type_eligible(c->p, rules_str(c->app, "office.service_type_code")))
        rules_add(d, &r_service_not_eligible);
}

/* The date a deemed-designated office last provided care services: the
 * registry's, else the application's care_service_since. */
static bool deemed_service_date(const rules_ctx *c, jdate *out)
{
    if (rules_fact_date(c->f->office_last_care_service_on, out))
        return true;
    return rules_date(c->app, "office.care_service_since", out);
}

static void rule_deemed(const rules_ctx *c, rules_decision *d)
{
    bool deemed = c->f->office_deemed_designation ||
                  json_is_true(rules_get(c->app, "office.deemed_designation"));
    if (!deemed)
        return;
    jdate served;
    if (!program_deemed_eligible(c->p) || !deemed_service_date(c, &served) ||
        jdate_compare(served, program_deemed_care_service_since(c->p)) < 0)
        rules_add(d, &r_deemed_not_eligible);
}

/* True when the registry puts the office in state since a date on or before
 * day (or with no date given). */
static bool office_state_by(const rules_facts *f, const char *state, jdate day)
{
    jdate since;
    if (!f->office_found || strcmp(f->office_state, state) != 0)
        return false;
    return !rules_fact_date(f->office_state_since, &since) || jdate_compare(since, day) <= 0;
}

static void rule_abolished(const rules_ctx *c, rules_decision *d)
{
    if (office_state_by(c->f, "abolished", c->app_date))
        rules_add(d, &r_abolished);
}

static void rule_suspended(const rules_ctx *c, rules_decision *d)
{
    if (office_state_by(c->f, "suspended", c->app_date))
        rules_add(d, &r_suspended);
}

/* A planned closure, or a suspension or abolition that takes effect after
 * the application date, on or before the end of the next month. */
static void rule_closure_planned(const rules_ctx *c, rules_decision *d)
{
    jdate limit = jdate_end_of_next_month(c->app_date), when;
    bool planned =
        rules_fact_date(c->f->office_planned_closure_on, &when) && jdate_compare(when, limit) <= 0;
    bool coming = c->f->office_found && strcmp(c->f->office_state, "active") != 0 &&
                  rules_fact_date(c->f->office_state_since, &when) &&
                  jdate_compare(when, c->app_date) > 0 && jdate_compare(when, limit) <= 0;
    if (planned || coming)
        rules_add(d, &r_closure_planned);
}

static void rule_tax(const rules_ctx *c, rules_decision *d)
{
    if (!c->f->tax_known)
        rules_add(d, &r_tax_pending);
    else if (!c->f->tax_returns_filed || c->f->tax_overdue)
        rules_add(d, &r_tax_bad);
}

static void rule_crime(const rules_ctx *c, rules_decision *d)
{
    if (!c->f->crime_check_known)
        rules_add(d, &r_crime_pending);
    else if (c->f->crime_member)
        rules_add(d, &r_crime_member);
}

static void rule_duplicate(const rules_ctx *c, rules_decision *d)
{
    if (program_one_per_office(c->p) && c->f->earlier_applications_same_office > 0)
        rules_add(d, &r_duplicate);
}

static void rule_other_year(const rules_ctx *c, rules_decision *d)
{
    if (program_one_claim_across_years(c->p) && c->f->claimed_in_other_fiscal_year)
        rules_add(d, &r_claimed_other_year);
}

const rules_entry rules_office_table[] = {
    {"corporate_number", rule_corporate_number},
    {"office_number", rule_office_number},
    {"office_in_municipality", rule_office_in_municipality},
    {"office_corporation", rule_office_corporation},
    {"service_type", rule_service_type},
    {"deemed_designation", rule_deemed},
    {"office_abolished", rule_abolished},
    {"office_suspended", rule_suspended},
    {"closure_planned", rule_closure_planned},
    {"tax_standing", rule_tax},
    {"organised_crime", rule_crime},
    {"duplicate_office", rule_duplicate},
    {"claimed_other_year", rule_other_year},
    {NULL, NULL},
};
