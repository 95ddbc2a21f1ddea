/* rules_claim.c - rules about what is claimed and how: the licence dates,
 * the arrival deadline, the cost and the claimed amount, the attachments,
 * the bank account, the power of attorney and the declarations. Most of
 * these are correctable: the applicant is told what to send. */
#include "rules_internal.h"

#include <string.h>

#define REASON(code, ja, en, field)                                                                \
    {                                                                                              \
        code, ja, en, field, false, false                                                          \
    }
#define CORRECTABLE(code, ja, en, field)                                                           \
    {                                                                                              \
        code, ja, en, field, true, false                                                           \
    }

static const rules_reason r_licence_period =
    REASON("LICENCE_NOT_IN_PERIOD",
           "ライセンスの開始日（更新日）が補助対象期間外のため、対象となりません。",
           "license.license_start_on is missing or outside the program's licence period",
           "license.license_start_on");
static const rules_reason r_signup_late = REASON(
    "SIGNUP_AFTER_DEADLINE",
    "ケアプランデータ連携システムの利用申請が期限までに完了していないため、対象となりません。",
    "license.signup_completed_on is missing or after the program's signup deadline",
    "license.signup_completed_on");
static const rules_reason r_arrived_late = REASON(
    "ARRIVED_AFTER_DEADLINE", "申請書が提出期限までに到達しなかったため、受け付けられません。",
    "received_at is after 23:59:59 JST of the arrival deadline (or unreadable)", "received_at");
static const rules_reason r_no_cost = REASON(
    "NO_ELIGIBLE_COST", "補助対象となるライセンス料の支出が確認できないため、対象となりません。",
    "license.fee_yen is missing or gives no subsidy", "license.fee_yen");
static const rules_reason r_claim_mismatch = CORRECTABLE(
    "CLAIM_AMOUNT_MISMATCH",
    "請求額が補助額と一致しません。正しい補助額を記載した申請書兼請求書を提出してください。",
    "claim_amount_yen differs from the program's amount for the fee", "claim_amount_yen");
static const rules_reason r_bank_incomplete =
    CORRECTABLE("BANK_ACCOUNT_INCOMPLETE",
                "振込先口座の情報（金融機関コード、支店コード、預金種目、口座番号、口座名義カナ）"
                "に不足があります。すべて記入して提出してください。",
                "bank_account lacks bank_code, branch_code, account_type, account_number or "
                "holder_kana",
                "bank_account");
static const rules_reason r_attachment_unverified =
    CORRECTABLE("ATTACHMENT_NOT_VERIFIED",
                "申告された添付書類が確認できないか、内容が申告と一致しません。添付書類を改めて提出"
                "してください。",
                "a declared attachment is missing or does not match its checksum", "attachments");
static const rules_reason r_correction_late =
    REASON("CORRECTION_LATE", "補正の期限までに補正書類が到達しませんでした。",
           "the correction arrived after its deadline", "received_at");
static const rules_reason r_holder_kana = CORRECTABLE(
    "BANK_HOLDER_KANA_INVALID",
    "口座名義（カナ）を振込用の文字に変換できません。通帳に記載のとおりカタカナで記入してください"
    "。",
    "bank_account.holder_kana does not convert to bank kana", "bank_account.holder_kana");
static const rules_reason r_poa_missing =
    CORRECTABLE("POWER_OF_ATTORNEY_MISSING",
                "口座名義が申請者と異なるため委任状が必要です。委任状を添付して提出してください。",
                "account holder is not the applicant and no power of attorney is attached",
                "power_of_attorney.attached");
static const rules_reason r_originals =
    CORRECTABLE("ORIGINALS_NOT_RECEIVED",
                "委任状をご提出の場合は、押印した申請書及び委任状の原本を郵送してください。",
                "the sealed originals of the form and power of attorney have not arrived by post",
                "power_of_attorney.originals_received_by_post");
static const rules_reason r_declaration = CORRECTABLE(
    "DECLARATION_MISSING",
    "申請書の誓約・同意事項に確認のないものがあります。すべての項目を確認のうえ提出してください。",
    "a declaration is false or absent", "declarations");

/* One reason per attachment kind a program may require. */
static const struct {
    const char *kind;
    rules_reason reason;
} r_attachments[] = {
    {"license_invoice",
     CORRECTABLE("ATTACHMENT_MISSING",
                 "ライセンス料の申込み又は支払を証する書類（介護電子請求受付システムの請求書等）"
                 "が添付されていません。添付して提出してください。",
                 "required attachment license_invoice is missing", "attachments")},
    {"improvement_plan",
     CORRECTABLE("ATTACHMENT_MISSING",
                 "業務改善計画書が添付されていません。添付して提出してください。",
                 "required attachment improvement_plan is missing", "attachments")},
    {"power_of_attorney",
     CORRECTABLE("ATTACHMENT_MISSING", "委任状が添付されていません。添付して提出してください。",
                 "required attachment power_of_attorney is missing", "attachments")},
    {"other", CORRECTABLE("ATTACHMENT_MISSING",
                          "必要な添付書類が添付されていません。添付して提出してください。",
                          "required attachment other is missing", "attachments")},
};

/* The declarations every application must make. */
static const char *const required_declarations[] = {"has_facility_in_city", "not_suspended",
                                                    "no_planned_closure",   "taxes_filed_and_paid",
                                                    "not_organised_crime",  "consent_to_inquiry"};

static void rule_licence_period(const rules_ctx *c, rules_decision *d)
{
    jdate start;
    if (!rules_date(c->app, "license.license_start_on", &start) ||
        jdate_compare(start, program_licence_from(c->p)) < 0 ||
        jdate_compare(start, program_licence_to(c->p)) > 0)
        rules_add(d, &r_licence_period);
}

static void rule_signup(const rules_ctx *c, rules_decision *d)
{
    jdate done;
    if (!rules_date(c->app, "license.signup_completed_on", &done) ||
        jdate_compare(done, program_signup_deadline(c->p)) > 0)
        rules_add(d, &r_signup_late);
}

/* The application is held to the arrival deadline by its first arrival. A
 * correction (amends_receipt_no set) whose first arrival the caller does not
 * give is judged by its correction deadline only (rule_correction_late). */
static void rule_arrival(const rules_ctx *c, rules_decision *d)
{
    const char *amends = rules_str(c->app, "amends_receipt_no");
    if (!c->f->first_received_at[0] && amends && *amends)
        return;
    if (!c->received_known || !jst_arrived_by(c->received_at, program_arrival_deadline(c->p)))
        rules_add(d, &r_arrived_late);
}

static long long fee_yen(const rules_ctx *c)
{
    const json_t *v = rules_get(c->app, "license.fee_yen");
    return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

static void rule_cost(const rules_ctx *c, rules_decision *d)
{
    if (program_amount_for_fee(c->p, fee_yen(c)) <= 0)
        rules_add(d, &r_no_cost);
}

static void rule_claim_amount(const rules_ctx *c, rules_decision *d)
{
    long long amount = program_amount_for_fee(c->p, fee_yen(c));
    const json_t *claim = rules_get(c->app, "claim_amount_yen");
    if (amount > 0 && (!json_is_integer(claim) || json_integer_value(claim) != amount))
        rules_add(d, &r_claim_mismatch);
}

static bool has_attachment(const json_t *app, const char *kind)
{
    const json_t *a = rules_get(app, "attachments"), *item;
    size_t i;
    json_array_foreach(a, i, item)
    {
        const char *k = json_string_value(json_object_get(item, "kind"));
        if (k && strcmp(k, kind) == 0)
            return true;
    }
    return false;
}

static void rule_attachments(const rules_ctx *c, rules_decision *d)
{
    const char *channel = rules_str(c->app, "channel");
    for (size_t i = 0; i < sizeof r_attachments / sizeof r_attachments[0]; i++)
        if (program_attachment_required(c->p, channel, r_attachments[i].kind) &&
            !has_attachment(c->app, r_attachments[i].kind))
            rules_add(d, &r_attachments[i].reason);
}

static bool filled(const json_t *app, const char *path)
{
    const char *s = rules_str(app, path);
    return s && *s;
}

static void rule_bank_complete(const rules_ctx *c, rules_decision *d)
{
    static const char *const fields[] = {"bank_account.bank_code", "bank_account.branch_code",
                                         "bank_account.account_type", "bank_account.account_number",
                                         "bank_account.holder_kana"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!filled(c->app, fields[i])) {
            rules_add(d, &r_bank_incomplete);
            return;
        }
    }
}

static void rule_holder_kana(const rules_ctx *c, rules_decision *d)
{
    if (c->f->holder_kana_problem[0])
        rules_add(d, &r_holder_kana);
}

/* True when the account holder is someone other than the applicant and the
 * program then asks for a power of attorney. */
static bool poa_case(const rules_ctx *c)
{
    const char *rel = rules_str(c->app, "bank_account.holder_relation");
    return rel && strcmp(rel, "other") == 0 && program_poa_required(c->p);
}

static void rule_power_of_attorney(const rules_ctx *c, rules_decision *d)
{
    if (poa_case(c) && (!json_is_true(rules_get(c->app, "power_of_attorney.attached")) ||
                        !has_attachment(c->app, "power_of_attorney")))
        rules_add(d, &r_poa_missing);
}

static void rule_originals(const rules_ctx *c, rules_decision *d)
{
    if (poa_case(c) && program_poa_originals_by_post(c->p) &&
        !json_is_true(rules_get(c->app, "power_of_attorney.originals_received_by_post")))
        rules_add(d, &r_originals);
}

/* Every declaration required above must be true, and so must any other
 * declaration the form carries. */
static void rule_declarations(const rules_ctx *c, rules_decision *d)
{
    const json_t *decl = rules_get(c->app, "declarations"), *v;
    bool ok = json_is_object(decl);
    for (size_t i = 0; ok && i < sizeof required_declarations / sizeof required_declarations[0];
         i++)
        ok = json_is_true(json_object_get(decl, required_declarations[i]));
    const char *key;
    json_object_foreach((json_t *)decl, key, v) ok = ok && json_is_true(v);
    if (!ok)
        rules_add(d, &r_declaration);
}

/* Intake's check of the declared files against the portal's store. */
static void rule_attachments_verified(const rules_ctx *c, rules_decision *d)
{
    if (c->f->attachments_unverified)
        rules_add(d, &r_attachment_unverified);
}

/* A resubmission answering a correction request must arrive by its deadline. */
static void rule_correction_late(const rules_ctx *c, rules_decision *d)
{
    jdate deadline;
    if (rules_fact_date(c->f->correction_deadline, &deadline) && c->latest_known &&
        jdate_compare(jst_date_of(c->latest_at), deadline) > 0)
        rules_add(d, &r_correction_late);
}

const rules_entry rules_claim_table[] = {
    {"licence_period", rule_licence_period},
    {"signup_deadline", rule_signup},
    {"arrival_deadline", rule_arrival},
    {"eligible_cost", rule_cost},
    {"claim_amount", rule_claim_amount},
    {"attachments", rule_attachments},
    {"bank_account_complete", rule_bank_complete},
    {"bank_holder_kana", rule_holder_kana},
    {"power_of_attorney", rule_power_of_attorney},
    {"originals_by_post", rule_originals},
    {"declarations", rule_declarations},
    {"attachments_verified", rule_attachments_verified},
    {"correction_deadline", rule_correction_late},
    {NULL, NULL},
};
