/* test_notice.c - the applicant notices: each kind against a hand-written
 * golden letter in tests/unit/notices/<kind>.txt (byte for byte), refusals
 * naming the missing or bad field, optional fields left out, masking of an
 * account number quoted by the bank, kind names and subject lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM "松戸市ケアプランデータ連携システムライセンス料補助金"

static const notice_reason REJECT_REASONS[] = {
    {"申請日時点で市内に介護サービス事業所を有していることが確認できませんでした。",
     "declarations.has_facility_in_city"},
    {"市税の滞納があります。", NULL},
};
static const notice_reason CORRECTION_REASONS[] = {
    {"ライセンス料の請求書の写しが添付されていません。", "attachments"},
    {"業務改善計画書が添付されていません。", "attachments"},
};
static const notice_reason HOLD_REASONS[] = {
    {"市税の納付状況を確認しています。", "declarations.taxes_filed_and_paid"},
};

/* The fixed input of the golden letters: common fields, then the kind's own. */
static notice_input fixture(notice_kind kind)
{
    notice_input in;
    memset(&in, 0, sizeof in);
    in.kind = kind;
    in.receipt_no = "R6-000001";
    in.issue_date = "2025-02-03";
    in.applicant_name = "株式会社まつど介護";
    in.representative_title = "代表取締役";
    in.representative_name = "松戸 太郎";
    in.office_number = "1271234563";
    in.office_name = "まつど居宅介護支援センター";
    in.program_name = PROGRAM;
    in.fiscal_year = 2024;
    in.municipality_name = "松戸市";
    in.contact_department = "松戸市 福祉長寿部 介護保険課 総務企画班";
    in.contact_address = "〒271-8588 松戸市根本387番地の5";
    in.contact_phone = "047-366-7370";
    in.contact_fax = "047-363-4008";
    switch (kind) {
    case NOTICE_APPROVED:
        in.amount_yen = 21000;
        break;
    case NOTICE_REJECTED:
        in.reasons = REJECT_REASONS;
        in.n_reasons = 2;
        break;
    case NOTICE_CORRECTION_REQUESTED:
        in.correction_deadline = "2025-02-14";
        in.reasons = CORRECTION_REASONS;
        in.n_reasons = 2;
        break;
    case NOTICE_ON_HOLD:
        in.reasons = HOLD_REASONS;
        in.n_reasons = 1;
        break;
    case NOTICE_PAID:
        in.amount_yen = 21000;
        in.transfer_date = "2025-03-10";
        break;
    case NOTICE_PAYMENT_FAILED:
        in.failure_reason = "口座番号1234567の口座がありません（コード 0003）";
        break;
    case NOTICE_RECEIVED:
        break;
    }
    return in;
}

/* The whole file as a string; fails the test if it cannot be read. */
static char *read_golden(const char *kind)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/unit/notices/%s.txt", SOURCE_DIR, kind);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = calloc(1, 65536);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 65535, f);
    fclose(f);
    assert_true(n > 0 && n < 65535);
    return buf;
}

static void assert_golden(notice_kind kind)
{
    notice_input in = fixture(kind);
    char err[256] = "";
    char *got = notice_render(&in, err, sizeof err);
    if (!got)
        fail_msg("%s refused: %s", notice_kind_name(kind), err);
    char *want = read_golden(notice_kind_name(kind));
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void test_golden_received(void **state)
{
    (void)state;
    assert_golden(NOTICE_RECEIVED);
}

static void test_golden_approved(void **state)
{
    (void)state;
    assert_golden(NOTICE_APPROVED);
}

static void test_golden_rejected(void **state)
{
    (void)state;
    assert_golden(NOTICE_REJECTED);
}

static void test_golden_correction_requested(void **state)
{
    (void)state;
    assert_golden(NOTICE_CORRECTION_REQUESTED);
}

static void test_golden_on_hold(void **state)
{
    (void)state;
    assert_golden(NOTICE_ON_HOLD);
}

static void test_golden_paid(void **state)
{
    (void)state;
    assert_golden(NOTICE_PAID);
}

static void test_golden_payment_failed(void **state)
{
    (void)state;
    assert_golden(NOTICE_PAYMENT_FAILED);
}

/* ---- refusals: one row per missing or bad field ---- */

static const notice_reason EMPTY_MESSAGE[] = {{"理由", NULL}, {"", "office.name"}};

typedef struct {
    const char *what;
    notice_kind kind;
    void (*spoil)(notice_input *);
    const char *want_in_err;
} refusal_row;

static void no_receipt_no(notice_input *in)
{
    in->receipt_no = NULL;
}
static void no_issue_date(notice_input *in)
{
    in->issue_date = "";
}
static void bad_issue_date(notice_input *in)
{
    in->issue_date = "2025-02-30";
}
static void showa_issue_date(notice_input *in)
{
    in->issue_date = "1989-01-07";
}
static void no_applicant(notice_input *in)
{
    in->applicant_name = "";
}
static void no_office_number(notice_input *in)
{
    in->office_number = NULL;
}
static void no_program(notice_input *in)
{
    in->program_name = NULL;
}
static void no_municipality(notice_input *in)
{
    in->municipality_name = NULL;
}
static void no_contact(notice_input *in)
{
    in->contact_department = NULL;
}
static void no_fiscal_year(notice_input *in)
{
    in->fiscal_year = 0;
}
static void no_amount(notice_input *in)
{
    in->amount_yen = 0;
}
static void negative_amount(notice_input *in)
{
    in->amount_yen = -21000;
}
static void no_deadline(notice_input *in)
{
    in->correction_deadline = NULL;
}
static void bad_deadline(notice_input *in)
{
    in->correction_deadline = "2025/02/14";
}
static void no_transfer_date(notice_input *in)
{
    in->transfer_date = "";
}
static void bad_transfer_date(notice_input *in)
{
    in->transfer_date = "2025-03-32";
}
static void no_reasons(notice_input *in)
{
    in->reasons = NULL;
    in->n_reasons = 0;
}
static void zero_reasons(notice_input *in)
{
    in->n_reasons = 0;
}
static void null_reasons_array(notice_input *in)
{
    in->reasons = NULL;
    in->n_reasons = 2;
}
static void empty_reason_message(notice_input *in)
{
    in->reasons = EMPTY_MESSAGE;
    in->n_reasons = 2;
}
static void no_failure_reason(notice_input *in)
{
    in->failure_reason = NULL;
}
static void unknown_kind(notice_input *in)
{
    in->kind = (notice_kind)99;
}

static const refusal_row REFUSALS[] = {
    {"receipt_no", NOTICE_RECEIVED, no_receipt_no, "receipt_no"},
    {"issue_date empty", NOTICE_APPROVED, no_issue_date, "issue_date"},
    {"issue_date 2/30", NOTICE_PAID, bad_issue_date, "issue_date"},
    {"issue_date in 昭和", NOTICE_RECEIVED, showa_issue_date, "issue_date"},
    {"applicant_name", NOTICE_REJECTED, no_applicant, "applicant_name"},
    {"office_number", NOTICE_ON_HOLD, no_office_number, "office_number"},
    {"program_name", NOTICE_RECEIVED, no_program, "program_name"},
    {"municipality_name", NOTICE_APPROVED, no_municipality, "municipality_name"},
    {"contact_department", NOTICE_PAYMENT_FAILED, no_contact, "contact_department"},
    {"fiscal_year", NOTICE_RECEIVED, no_fiscal_year, "fiscal_year"},
    {"approved amount", NOTICE_APPROVED, no_amount, "amount_yen"},
    {"approved negative", NOTICE_APPROVED, negative_amount, "amount_yen"},
    {"paid amount", NOTICE_PAID, no_amount, "amount_yen"},
    {"paid transfer_date", NOTICE_PAID, no_transfer_date, "transfer_date"},
    {"paid bad transfer_date", NOTICE_PAID, bad_transfer_date, "transfer_date"},
    {"correction deadline", NOTICE_CORRECTION_REQUESTED, no_deadline, "correction_deadline"},
    {"correction bad deadline", NOTICE_CORRECTION_REQUESTED, bad_deadline, "correction_deadline"},
    {"correction reasons", NOTICE_CORRECTION_REQUESTED, no_reasons, "reasons"},
    {"rejected reasons", NOTICE_REJECTED, no_reasons, "reasons"},
    {"rejected zero reasons", NOTICE_REJECTED, zero_reasons, "reasons"},
    {"rejected NULL array", NOTICE_REJECTED, null_reasons_array, "reasons"},
    {"rejected empty message", NOTICE_REJECTED, empty_reason_message, "reasons[1].message_ja"},
    {"on_hold reasons", NOTICE_ON_HOLD, no_reasons, "reasons"},
    {"payment_failed reason", NOTICE_PAYMENT_FAILED, no_failure_reason, "failure_reason"},
    {"unknown kind", NOTICE_RECEIVED, unknown_kind, "unknown notice kind"},
};

static void test_refuses_missing_or_bad_fields(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof REFUSALS / sizeof REFUSALS[0]; i++) {
        const refusal_row *r = &REFUSALS[i];
        notice_input in = fixture(r->kind);
        r->spoil(&in);
        char err[256] = "";
        char *got = notice_render(&in, err, sizeof err);
        if (got || !strstr(err, r->want_in_err)) {
            free(got);
            fail_msg("%s: rendered=%d err=\"%s\", want err naming %s", r->what, got != NULL, err,
                     r->want_in_err);
        }
    }
}

static void test_refuses_null_input(void **state)
{
    (void)state;
    char err[128] = "";
    assert_null(notice_render(NULL, err, sizeof err));
    assert_string_not_equal(err, "");
    err[0] = '\0';
    assert_null(notice_render_subject(NULL, err, sizeof err));
    assert_string_not_equal(err, "");
}

/* A refusal with a tiny err buffer still terminates it and returns NULL. */
static void test_refusal_with_small_err_buffer(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_APPROVED);
    in.amount_yen = 0;
    char err[8];
    memset(err, 'x', sizeof err);
    assert_null(notice_render(&in, err, sizeof err));
    assert_int_equal(strlen(err), sizeof err - 1);
}

/* ---- optional fields, fields not needed, masking ---- */

static char *render_ok(const notice_input *in)
{
    char err[256] = "";
    char *got = notice_render(in, err, sizeof err);
    if (!got)
        fail_msg("refused: %s", err);
    return got;
}

static void test_optional_fields_left_out(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_RECEIVED);
    in.representative_title = "代表取締役";
    in.representative_name = NULL;
    in.office_name = NULL;
    in.contact_address = NULL;
    in.contact_phone = "";
    in.contact_fax = NULL;
    char *got = render_ok(&in);
    assert_non_null(strstr(got, "\n株式会社まつど介護 様\n"));
    assert_null(strstr(got, "代表取締役"));
    assert_null(strstr(got, "事業所名"));
    assert_null(strstr(got, "〒"));
    assert_null(strstr(got, "電話"));
    assert_null(strstr(got, "FAX"));
    assert_non_null(strstr(got, "\n問い合わせ先\n　松戸市 福祉長寿部 介護保険課 総務企画班\n"));
    free(got);
}

static void test_name_without_title(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_RECEIVED);
    in.representative_title = NULL;
    char *got = render_ok(&in);
    assert_non_null(strstr(got, "\n株式会社まつど介護\n松戸 太郎 様\n"));
    free(got);
}

/* Fields of other kinds are ignored, not printed. */
static void test_fields_of_other_kinds_not_printed(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_RECEIVED);
    in.amount_yen = 21000;
    in.reasons = REJECT_REASONS;
    in.n_reasons = 2;
    in.failure_reason = "口座なし";
    in.transfer_date = "2025-03-10";
    char *got = render_ok(&in);
    char *want = read_golden("received");
    assert_string_equal(got, want);
    free(want);
    free(got);
}

static void test_account_number_masked(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_PAYMENT_FAILED);
    in.failure_reason = "口座１２３４５６７なし。支店123456。番号 98765432";
    char *got = render_ok(&in);
    assert_null(strstr(got, "１２３４５６７"));
    assert_null(strstr(got, "98765432"));
    assert_non_null(
        strstr(got, "（金融機関からの連絡）　口座＊＊＊＊＊＊＊なし。支店123456。番号 ********\n"));
    free(got);
}

/* Fields longer than the line and than any internal buffer are printed whole;
 * a line wider than the letter starts at the left margin. */
static void test_long_fields_printed_whole(void **state)
{
    (void)state;
    char name[3 * 300 + 1] = "", reason[3 * 400 + 1] = "";
    for (int i = 0; i < 300; i++)
        strcat(name, "あ");
    for (int i = 0; i < 400; i++)
        strcat(reason, "い");
    const notice_reason reasons[] = {{reason, NULL}};
    notice_input in = fixture(NOTICE_REJECTED);
    in.municipality_name = name;
    in.reasons = reasons;
    in.n_reasons = 1;
    char *got = render_ok(&in);
    char *want_sender = malloc(strlen(name) + 16);
    assert_non_null(want_sender);
    sprintf(want_sender, "\n%s長\n", name);
    assert_non_null(strstr(got, want_sender));
    assert_non_null(strstr(got, reason));
    free(want_sender);
    free(got);
}

static void test_every_line_ends_in_newline(void **state)
{
    (void)state;
    for (int k = NOTICE_RECEIVED; k <= NOTICE_PAYMENT_FAILED; k++) {
        notice_input in = fixture((notice_kind)k);
        char *got = render_ok(&in);
        size_t n = strlen(got);
        assert_true(n > 0);
        assert_int_equal(got[n - 1], '\n');
        assert_null(strchr(got, '\r'));
        assert_null(strstr(got, "1234567"));
        free(got);
    }
}

/* ---- kinds and subjects ---- */

static const char *const KIND_NAMES[] = {
    "received", "approved", "rejected",      "correction_requested",
    "on_hold",  "paid",     "payment_failed"};

static void test_kind_name_parse_round_trip(void **state)
{
    (void)state;
    for (int k = NOTICE_RECEIVED; k <= NOTICE_PAYMENT_FAILED; k++) {
        assert_string_equal(notice_kind_name((notice_kind)k), KIND_NAMES[k]);
        notice_kind back = (notice_kind)-1;
        assert_true(notice_kind_parse(KIND_NAMES[k], &back));
        assert_int_equal(back, k);
    }
    assert_null(notice_kind_name((notice_kind)7));
    assert_null(notice_kind_name((notice_kind)-1));
}

static void test_kind_parse_refuses_unknown(void **state)
{
    (void)state;
    const char *bad[] = {NULL, "", "Approved", "approved ", "decided", "failed", "payment"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        notice_kind k = NOTICE_PAID;
        assert_false(notice_kind_parse(bad[i], &k));
        assert_int_equal(k, NOTICE_PAID);
    }
}

static const char *const SUBJECTS[] = {
    PROGRAM " 受付のお知らせ",         PROGRAM " 交付決定及び額の確定通知書",
    PROGRAM " 不交付決定通知書",       PROGRAM " 補正のお願い",
    PROGRAM " 審査保留のお知らせ",     PROGRAM " 補助金支払完了のお知らせ",
    PROGRAM " 口座振込不能のお知らせ",
};

static void test_subject_lines(void **state)
{
    (void)state;
    for (int k = NOTICE_RECEIVED; k <= NOTICE_PAYMENT_FAILED; k++) {
        notice_input in;
        memset(&in, 0, sizeof in); /* only kind and program_name are needed */
        in.kind = (notice_kind)k;
        in.program_name = PROGRAM;
        char err[128] = "";
        char *got = notice_render_subject(&in, err, sizeof err);
        if (!got)
            fail_msg("%s: %s", KIND_NAMES[k], err);
        assert_string_equal(got, SUBJECTS[k]);
        free(got);
    }
}

static void test_subject_refusals(void **state)
{
    (void)state;
    notice_input in = fixture(NOTICE_APPROVED);
    in.program_name = "";
    char err[128] = "";
    assert_null(notice_render_subject(&in, err, sizeof err));
    assert_non_null(strstr(err, "program_name"));
    in = fixture(NOTICE_APPROVED);
    in.kind = (notice_kind)42;
    assert_null(notice_render_subject(&in, err, sizeof err));
    assert_non_null(strstr(err, "unknown notice kind"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_received),
        cmocka_unit_test(test_golden_approved),
        cmocka_unit_test(test_golden_rejected),
        cmocka_unit_test(test_golden_correction_requested),
        cmocka_unit_test(test_golden_on_hold),
        cmocka_unit_test(test_golden_paid),
        cmocka_unit_test(test_golden_payment_failed),
        cmocka_unit_test(test_refuses_missing_or_bad_fields),
        cmocka_unit_test(test_refuses_null_input),
        cmocka_unit_test(test_refusal_with_small_err_buffer),
        cmocka_unit_test(test_optional_fields_left_out),
        cmocka_unit_test(test_name_without_title),
        cmocka_unit_test(test_fields_of_other_kinds_not_printed),
        cmocka_unit_test(test_account_number_masked),
        cmocka_unit_test(test_long_fields_printed_whole),
        cmocka_unit_test(test_every_line_ends_in_newline),
        cmocka_unit_test(test_kind_name_parse_round_trip),
        cmocka_unit_test(test_kind_parse_refuses_unknown),
        cmocka_unit_test(test_subject_lines),
        cmocka_unit_test(test_subject_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
