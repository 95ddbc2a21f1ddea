/* test_zengin.c - the 全銀協 総合振込 file byte for byte. Every expected record
 * is written out by hand from the layout in DOMAIN.md, field by field, kana as
 * \xNN (ｱ B1 ... ﾝ DD, ﾞ DE, ﾟ DF); a _Static_assert holds each to 120 bytes.
 * Then every refusal: bad fields, amounts out of range, a total that does not
 * match the database, an empty batch, a bad separator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/bankkana.h"
#include "domain/zengin.h"

#include <stdlib.h>
#include <string.h>

#define SP1 " "
#define SP5 "     "
#define SP10 "          "

/* ---- expected records, by hand ---- */

#define HEADER                                                                                     \
    "1"                                /* 1 データ区分 */                                     \
    "21"                               /* 2-3 種別コード 総合振込 */                      \
    "0"                                /* 4 コード区分 JIS */                                 \
    "1220760001"                       /* 5-14 委託者コード */                               \
    "\xCF\xC2\xC4\xDE\xBC"             /* 15-54 委託者名 ﾏﾂﾄﾞｼ */                    \
        SP10 SP10 SP10 SP5             /*   + 35 spaces */                                         \
    "0305"                             /* 55-58 振込指定日 */                                 \
    "0134"                             /* 59-62 仕向銀行番号 */                              \
    "\xC1\xCA\xDE\xB7\xDE\xDD\xBA\xB3" /* 63-77 ﾁﾊﾞｷﾞﾝｺｳ */                        \
        SP5 SP1 SP1                    /*   + 7 spaces */                                          \
    "101"                              /* 78-80 仕向支店番号 */                              \
    "\xCF\xC2\xC4\xDE"                 /* 81-95 ﾏﾂﾄﾞ */                                    \
        SP10 SP1                       /*   + 11 spaces */                                         \
    "1"                                /* 96 預金種目 普通 */                                \
    "1234567"                          /* 97-103 口座番号 */                                   \
        SP10 SP5 SP1 SP1               /* 104-120 blank (17) */
_Static_assert(sizeof(HEADER) == 121, "header is 120 bytes");

/* ｶ)ﾏﾂﾄﾞｹｱｻ-ﾋﾞｽ: abbreviation at the start, voiced marks, long vowel. */
#define DATA1                                                                                      \
    "2"                                              /* 1 データ区分 */                       \
    "0009"                                           /* 2-5 被仕向銀行番号 */               \
    "\xD0\xC2\xB2\xBD\xD0\xC4\xD3"                   /* 6-20 ﾐﾂｲｽﾐﾄﾓ */              \
        SP5 SP1 SP1 SP1                              /*   + 8 spaces */                            \
    "001"                                            /* 21-23 支店番号 */                      \
    "\xC4\xB3\xB7\xD6\xB3"                           /* 24-38 ﾄｳｷﾖｳ (small ョ) */       \
        SP10                                         /*   + 10 spaces */                           \
    "0000"                                           /* 39-42 手形交換所番号 */             \
    "1"                                              /* 43 預金種目 普通 */                  \
    "0012345"                                        /* 44-50 口座番号 */                      \
    "\xB6)\xCF\xC2\xC4\xDE\xB9\xB1\xBB-\xCB\xDE\xBD" /* 51-80 (13) */                              \
        SP10 SP5 SP1 SP1                             /*   + 17 spaces */                           \
    "0000021000"                                     /* 81-90 振込金額 */                      \
    "0"                                              /* 91 新規コード */                      \
    "2024000123"                                     /* 92-101 顧客コード1 */                 \
    "0000000000"                                     /* 102-111 顧客コード2 (none) */         \
    " "                                              /* 112 振込指定区分 */                  \
    " "                                              /* 113 識別表示 */                        \
        SP5 SP1 SP1                                  /* 114-120 blank (7) */
_Static_assert(sizeof(DATA1) == 121, "data 1 is 120 bytes");

/* ｲ)ｷﾔﾂﾄｸﾘﾆﾂｸ: small kana made full size; 当座, first transfer, 電信. */
#define DATA2                                                                                      \
    "2"                                         /* 1 */                                            \
    "0134"                                      /* 2-5 */                                          \
    "\xC1\xCA\xDE\xB7\xDE\xDD\xBA\xB3"          /* 6-20 ﾁﾊﾞｷﾞﾝｺｳ */                \
        SP5 SP1 SP1                             /*   + 7 */                                        \
    "205"                                       /* 21-23 */                                        \
    "\xB6\xBC\xDC"                              /* 24-38 ｶｼﾜ */                              \
        SP10 SP1 SP1                            /*   + 12 */                                       \
    "0000"                                      /* 39-42 */                                        \
    "2"                                         /* 43 当座 */                                    \
    "7654321"                                   /* 44-50 */                                        \
    "\xB2)\xB7\xD4\xC2\xC4\xB8\xD8\xC6\xC2\xB8" /* 51-80 (11) */                                   \
        SP10 SP5 SP1 SP1 SP1 SP1                /*   + 19 */                                       \
    "0000042000"                                /* 81-90 */                                        \
    "1"                                         /* 91 新規 */                                    \
    "0000000001"                                /* 92-101 */                                       \
    "0000000099"                                /* 102-111 */                                      \
    "7"                                         /* 112 電信 */                                   \
    " "                                         /* 113 */                                          \
        SP5 SP1 SP1                             /* 114-120 */
_Static_assert(sizeof(DATA2) == 121, "data 2 is 120 bytes");

/* ｼﾔ)ﾏﾂﾄﾞｼﾌｸｼｻ-ﾋﾞｽｷﾖｳｶｲ ﾀﾞｲﾆ ｼﾞ: 35 bytes truncated to 29, since byte 30 is
 * ｷ and 31 its ﾞ; maximum amount, 貯蓄, changed, 文書, EDI. */
#define DATA3                                                                                      \
    "2"                /* 1 */                                                                     \
    "0001"             /* 2-5 */                                                                   \
    "\xD0\xBD\xDE\xCE" /* 6-20 ﾐｽﾞﾎ */                                                     \
        SP10 SP1       /*   + 11 */                                                                \
    "123"              /* 21-23 */                                                                 \
    "\xCF\xC2\xC4\xDE" /* 24-38 ﾏﾂﾄﾞ */                                                    \
        SP10 SP1       /*   + 11 */                                                                \
    "0000"             /* 39-42 */                                                                 \
    "4"                /* 43 貯蓄 */                                                             \
    "0000001"          /* 44-50 */                                                                 \
    "\xBC\xD4)\xCF\xC2\xC4\xDE\xBC\xCC\xB8\xBC\xBB-\xCB\xDE\xBD\xB7\xD6"                           \
    "\xB3\xB6\xB2 \xC0\xDE\xB2\xC6 \xBC\xDE" /* 51-80 (29) */                                      \
        SP1                                  /*   + 1 */                                           \
    "9999999999"                             /* 81-90 */                                           \
    "2"                                      /* 91 変更 */                                       \
    "ABC-123" SP1 SP1 SP1                    /* 92-101 EDI, first half */                          \
    "\xB9\xB1" SP5 SP1 SP1 SP1               /* 102-111 EDI, second half ｹｱ */                 \
    "8"                                      /* 112 文書 */                                      \
    "Y"                                      /* 113 識別表示 EDI */                            \
        SP5 SP1 SP1                          /* 114-120 */
_Static_assert(sizeof(DATA3) == 121, "data 3 is 120 bytes");

#define TRAILER                                                                                    \
    "8"                                                       /* 1 データ区分 */              \
    "000002"                                                  /* 2-7 合計件数 */               \
    "000000063000"                                            /* 8-19 合計金額 */              \
        SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP1 /* 20-120 blank (101) */
_Static_assert(sizeof(TRAILER) == 121, "trailer is 120 bytes");

#define END                                                                                        \
    "9" /* 1 データ区分; 2-120 blank (119) */                                                 \
        SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP10 SP5 SP1 SP1 SP1 SP1
_Static_assert(sizeof(END) == 121, "end is 120 bytes");

/* ---- inputs ---- */

static zengin_header header(void)
{
    zengin_header h = {.consignor_code = "1220760001",
                       .consignor_name_kana = "\xCF\xC2\xC4\xDE\xBC",
                       .transfer_month = 3,
                       .transfer_day = 5,
                       .bank_code = "0134",
                       .bank_name_kana = "\xC1\xCA\xDE\xB7\xDE\xDD\xBA\xB3",
                       .branch_code = "101",
                       .branch_name_kana = "\xCF\xC2\xC4\xDE",
                       .account_type = 1,
                       .account_number = "1234567"};
    return h;
}

/* Fills payee_kana through the converter, truncated to 30 bytes. */
static void payee(zengin_transfer *t, const char *utf8)
{
    char buf[128], err[256];
    bankkana_converter *c = bankkana_converter_new(NULL, err, sizeof err);
    assert_non_null(c);
    int n = bankkana_convert(c, utf8, buf, sizeof buf, err, sizeof err);
    bankkana_converter_free(c);
    if (n < 0)
        fail_msg("%s", err);
    size_t len = bankkana_truncate(buf, (size_t)n, 30);
    memcpy(t->payee_kana, buf, len);
    t->payee_kana[len] = '\0';
}

static zengin_transfer transfer1(void)
{
    zengin_transfer t = {.bank_code = "0009",
                         .bank_name_kana = "\xD0\xC2\xB2\xBD\xD0\xC4\xD3",
                         .branch_code = "001",
                         .branch_name_kana = "\xC4\xB3\xB7\xD6\xB3",
                         .account_type = 1,
                         .account_number = "12345",
                         .amount_yen = 21000,
                         .new_code = 0,
                         .customer_code1 = "2024000123",
                         .customer_code2 = "",
                         .transfer_kind = ' '};
    payee(&t, "株式会社マツドケアサービス");
    return t;
}

static zengin_transfer transfer2(void)
{
    zengin_transfer t = {.bank_code = "0134",
                         .bank_name_kana = "\xC1\xCA\xDE\xB7\xDE\xDD\xBA\xB3",
                         .branch_code = "205",
                         .branch_name_kana = "\xB6\xBC\xDC",
                         .account_type = 2,
                         .account_number = "7654321",
                         .amount_yen = 42000,
                         .new_code = 1,
                         .customer_code1 = "1",
                         .customer_code2 = "99",
                         .transfer_kind = '7'};
    payee(&t, "いりょうほうじん　きゃっとクリニック");
    return t;
}

static zengin_transfer transfer3(void)
{
    zengin_transfer t = {.bank_code = "0001",
                         .bank_name_kana = "\xD0\xBD\xDE\xCE",
                         .branch_code = "123",
                         .branch_name_kana = "\xCF\xC2\xC4\xDE",
                         .account_type = 4,
                         .account_number = "1",
                         .amount_yen = 9999999999LL,
                         .new_code = 2,
                         .customer_code1 = "ABC-123",
                         .customer_code2 = "\xB9\xB1",
                         .transfer_kind = '8',
                         .edi = true};
    payee(&t, "イッパンシャダンホウジン マツドシフクシサービスキョウカイ ダイニ ジギョウショ");
    return t;
}

/* ---- records ---- */

static void test_header_record(void **state)
{
    char out[120], err[256];
    zengin_header h = header();
    (void)state;
    assert_int_equal(zengin_render_header(&h, out, err, sizeof err), 0);
    assert_memory_equal(out, HEADER, 120);
}

static void test_data_record_abbreviation_and_voiced(void **state)
{
    char out[120], err[256];
    zengin_transfer t = transfer1();
    (void)state;
    assert_int_equal(zengin_render_data(&t, out, err, sizeof err), 0);
    assert_memory_equal(out, DATA1, 120);
}

static void test_data_record_small_kana_current_account(void **state)
{
    char out[120], err[256];
    zengin_transfer t = transfer2();
    (void)state;
    assert_int_equal(zengin_render_data(&t, out, err, sizeof err), 0);
    assert_memory_equal(out, DATA2, 120);
}

static void test_data_record_truncated_name_edi_max_amount(void **state)
{
    char out[120], err[256];
    zengin_transfer t = transfer3();
    (void)state;
    assert_int_equal(strlen(t.payee_kana), 29);
    assert_int_equal(zengin_render_data(&t, out, err, sizeof err), 0);
    assert_memory_equal(out, DATA3, 120);
}

static void test_trailer_record(void **state)
{
    char out[120], err[256];
    (void)state;
    assert_int_equal(zengin_render_trailer(2, 63000, out, err, sizeof err), 0);
    assert_memory_equal(out, TRAILER, 120);
}

static void test_trailer_limits(void **state)
{
    char out[120], err[256];
    (void)state;
    assert_int_equal(zengin_render_trailer(999999, 999999999999LL, out, err, sizeof err), 0);
    assert_memory_equal(out, "8999999999999999999" SP1, 20);
    assert_int_equal(zengin_render_trailer(1000000, 1, out, err, sizeof err), -1);
    assert_non_null(strstr(err, "ZENGIN_FIELD_INVALID: count"));
    assert_int_equal(zengin_render_trailer(-1, 1, out, err, sizeof err), -1);
    assert_non_null(strstr(err, "ZENGIN_FIELD_INVALID: count"));
    assert_int_equal(zengin_render_trailer(1, 1000000000000LL, out, err, sizeof err), -1);
    assert_non_null(strstr(err, "ZENGIN_AMOUNT_RANGE: total_yen"));
}

static void test_end_record(void **state)
{
    char out[120];
    (void)state;
    memset(out, 'X', sizeof out);
    zengin_render_end(out);
    assert_memory_equal(out, END, 120);
}

/* ---- whole files ---- */

static void render_two(const zengin_options *o, char **file, size_t *len)
{
    char err[256] = "";
    zengin_header h = header();
    zengin_transfer items[2] = {transfer1(), transfer2()};
    if (zengin_render_file(&h, items, 2, 2, 63000, o, file, len, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static void test_file_crlf(void **state)
{
    static const char want[] = "" HEADER "\r\n" DATA1 "\r\n" DATA2 "\r\n" TRAILER "\r\n" END "\r\n";
    zengin_options o = {"\r\n", false};
    char *file;
    size_t len;
    (void)state;
    render_two(&o, &file, &len);
    assert_int_equal(len, 610);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(file, want, len);
    free(file);
}

static void test_file_default_is_crlf(void **state)
{
    char *file, *crlf;
    size_t len, crlf_len;
    zengin_options o = {NULL, false};
    (void)state;
    render_two(NULL, &file, &len);
    render_two(&o, &crlf, &crlf_len);
    assert_int_equal(len, 610);
    assert_int_equal(crlf_len, 610);
    assert_memory_equal(file + 120, "\r\n", 2);
    assert_memory_equal(file, crlf, len);
    free(file);
    free(crlf);
}

static void test_file_lf(void **state)
{
    static const char want[] = "" HEADER "\n" DATA1 "\n" DATA2 "\n" TRAILER "\n" END "\n";
    zengin_options o = {"\n", false};
    char *file;
    size_t len;
    (void)state;
    render_two(&o, &file, &len);
    assert_int_equal(len, 605);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(file, want, len);
    free(file);
}

static void test_file_no_separator_eof_byte(void **state)
{
    static const char want[] = "" HEADER DATA1 DATA2 TRAILER END "\x1A";
    zengin_options o = {"", true};
    char *file;
    size_t len;
    (void)state;
    render_two(&o, &file, &len);
    assert_int_equal(len, 601);
    assert_memory_equal(file, want, len);
    free(file);
}

static void test_file_crlf_eof_byte(void **state)
{
    static const char want[] =
        "" HEADER "\r\n" DATA1 "\r\n" DATA2 "\r\n" TRAILER "\r\n" END "\r\n\x1A";
    zengin_options o = {"\r\n", true};
    char *file;
    size_t len;
    (void)state;
    render_two(&o, &file, &len);
    assert_int_equal(len, 611);
    assert_memory_equal(file, want, len);
    free(file);
}

/* ---- refusals ---- */

/* Renders one file of the given items and expects a refusal naming code. */
static void expect_file_refused(const zengin_header *h, const zengin_transfer *items, size_t n,
                                long count, long long total, const zengin_options *o,
                                const char *code, const char *also)
{
    char *file = (char *)1, err[512] = "";
    size_t len = 99;
    assert_int_equal(zengin_render_file(h, items, n, count, total, o, &file, &len, err, sizeof err),
                     -1);
    assert_null(file);
    assert_int_equal(len, 0);
    if (strncmp(err, code, strlen(code)) != 0)
        fail_msg("error \"%s\" does not start with %s", err, code);
    if (also && !strstr(err, also))
        fail_msg("error \"%s\" lacks \"%s\"", err, also);
}

static void test_total_mismatch_count(void **state)
{
    zengin_header h = header();
    zengin_transfer items[2] = {transfer1(), transfer2()};
    (void)state;
    expect_file_refused(&h, items, 2, 3, 63000, NULL, "ZENGIN_TOTAL_MISMATCH", "database 3");
}

static void test_total_mismatch_amount(void **state)
{
    zengin_header h = header();
    zengin_transfer items[2] = {transfer1(), transfer2()};
    (void)state;
    expect_file_refused(&h, items, 2, 2, 63001, NULL, "ZENGIN_TOTAL_MISMATCH", "63000 yen");
}

static void test_empty_batch(void **state)
{
    zengin_header h = header();
    zengin_transfer items[1] = {transfer1()};
    (void)state;
    expect_file_refused(&h, items, 0, 0, 0, NULL, "ZENGIN_EMPTY", NULL);
}

static void test_file_bad_separator(void **state)
{
    zengin_header h = header();
    zengin_transfer items[1] = {transfer1()};
    zengin_options o = {"\r", false};
    (void)state;
    expect_file_refused(&h, items, 1, 1, 21000, &o, "ZENGIN_OPTION_INVALID", NULL);
}

static void test_file_names_bad_record(void **state)
{
    zengin_header h = header();
    zengin_transfer items[2] = {transfer1(), transfer2()};
    (void)state;
    items[1].payee_kana[0] = 'a';
    expect_file_refused(&h, items, 2, 2, 63000, NULL, "ZENGIN_FIELD_INVALID",
                        "data record 2: payee_kana");
}

static void test_file_bad_header(void **state)
{
    zengin_header h = header();
    zengin_transfer items[1] = {transfer1()};
    (void)state;
    /* UTF-8 half-width katakana is not bank kana: the bytes must be converted. */
    strcpy(h.consignor_name_kana, "ﾏﾂﾄﾞｼ");
    expect_file_refused(&h, items, 1, 1, 21000, NULL, "ZENGIN_FIELD_INVALID",
                        "consignor_name_kana has byte 0xEF at 1");
}

static void test_file_amount_out_of_range(void **state)
{
    zengin_header h = header();
    zengin_transfer items[2] = {transfer1(), transfer2()};
    (void)state;
    items[1].amount_yen = 0;
    expect_file_refused(&h, items, 2, 2, 21000, NULL, "ZENGIN_AMOUNT_RANGE", "data record 2");
}

static void expect_data_refused(const zengin_transfer *t, const char *code, const char *field)
{
    char out[120], err[256] = "";
    assert_int_equal(zengin_render_data(t, out, err, sizeof err), -1);
    if (strncmp(err, code, strlen(code)) != 0 || !strstr(err, field))
        fail_msg("error \"%s\" is not %s naming %s", err, code, field);
}

static void test_amount_range(void **state)
{
    zengin_transfer t = transfer1();
    (void)state;
    t.amount_yen = 0;
    expect_data_refused(&t, "ZENGIN_AMOUNT_RANGE", "amount_yen");
    t.amount_yen = -21000;
    expect_data_refused(&t, "ZENGIN_AMOUNT_RANGE", "amount_yen");
    t.amount_yen = 10000000000LL;
    expect_data_refused(&t, "ZENGIN_AMOUNT_RANGE", "amount_yen");
    t.amount_yen = 1;
    char out[120], err[256];
    assert_int_equal(zengin_render_data(&t, out, err, sizeof err), 0);
    assert_memory_equal(out + 80, "0000000001", 10);
}

static void test_data_numeric_fields(void **state)
{
    zengin_transfer t;
    (void)state;
    t = transfer1();
    strcpy(t.bank_code, "01A4");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "bank_code");
    t = transfer1();
    strcpy(t.bank_code, "");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "bank_code");
    t = transfer1();
    memcpy(t.branch_code, "1234", 4); /* no NUL: four digits in N3 */
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "branch_code");
    t = transfer1();
    memcpy(t.account_number, "12345678", 8); /* eight digits in N7 */
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "account_number");
    t = transfer1();
    strcpy(t.account_number, "12-4");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "account_number");
    t = transfer1();
    strcpy(t.customer_code1, "12A");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "customer_code1");
    t = transfer1();
    strcpy(t.customer_code2, " 1");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "customer_code2");
}

static void test_data_kana_fields(void **state)
{
    zengin_transfer t;
    (void)state;
    t = transfer1();
    t.payee_kana[0] = '\0';
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "payee_kana is empty");
    t = transfer1();
    memset(t.payee_kana, 0xB1, sizeof t.payee_kana); /* 31 bytes, no NUL */
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "payee_kana is longer than 30");
    t = transfer1();
    strcpy(t.payee_kana, "\xB1\xB2x");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "payee_kana has byte 0x78 at 3");
    t = transfer1();
    strcpy(t.payee_kana, "\xB1\xA0");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "payee_kana has byte 0xA0");
    t = transfer1();
    strcpy(t.bank_name_kana, "\xB1&");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "bank_name_kana");
    t = transfer1();
    strcpy(t.branch_name_kana, "\xE3\x82\xA2"); /* ア in UTF-8 */
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "branch_name_kana");
    t = transfer3();
    strcpy(t.customer_code1, "abc");
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "customer_code1");
}

static void test_data_codes(void **state)
{
    zengin_transfer t;
    (void)state;
    t = transfer1();
    t.account_type = 3;
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "account_type");
    t = transfer1();
    t.account_type = 0;
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "account_type");
    t = transfer1();
    t.transfer_kind = 'X';
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "transfer_kind");
    t = transfer1();
    t.transfer_kind = '\0';
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "transfer_kind");
    t = transfer1();
    t.new_code = 3;
    expect_data_refused(&t, "ZENGIN_FIELD_INVALID", "new_code");
}

static void test_data_accepts_every_code(void **state)
{
    static const int types[] = {1, 2, 4, 9};
    static const char kinds[] = {' ', '0', '7', '8'};
    char out[120], err[256];
    (void)state;
    for (int i = 0; i < 4; i++) {
        zengin_transfer t = transfer1();
        t.account_type = types[i];
        t.transfer_kind = kinds[i];
        t.new_code = i % 3;
        assert_int_equal(zengin_render_data(&t, out, err, sizeof err), 0);
        assert_int_equal(out[42], '0' + types[i]);
        assert_int_equal(out[90], '0' + i % 3);
        assert_int_equal(out[111], kinds[i]);
    }
}

static void expect_header_refused(const zengin_header *h, const char *code, const char *field)
{
    char out[120], err[256] = "";
    assert_int_equal(zengin_render_header(h, out, err, sizeof err), -1);
    if (strncmp(err, code, strlen(code)) != 0 || !strstr(err, field))
        fail_msg("error \"%s\" is not %s naming %s", err, code, field);
}

static void test_header_fields(void **state)
{
    zengin_header h;
    (void)state;
    h = header();
    strcpy(h.consignor_code, "12207600A1");
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "consignor_code");
    h = header();
    h.consignor_name_kana[0] = '\0';
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "consignor_name_kana is empty");
    h = header();
    memset(h.consignor_name_kana, 'A', sizeof h.consignor_name_kana); /* 41, no NUL */
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "consignor_name_kana is longer than 40");
    h = header();
    h.transfer_month = 13;
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "transfer_month");
    h = header();
    h.transfer_month = 2;
    h.transfer_day = 30;
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "transfer_day");
    h = header();
    h.transfer_day = 0;
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "transfer_day");
    h = header();
    h.account_type = 5;
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "account_type");
    h = header();
    strcpy(h.account_number, "");
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "account_number");
    h = header();
    strcpy(h.branch_name_kana, "\xB1\xB2\x7F");
    expect_header_refused(&h, "ZENGIN_FIELD_INVALID", "branch_name_kana");
}

static void test_header_zero_fills_short_codes(void **state)
{
    char out[120], err[256];
    zengin_header h = header();
    (void)state;
    strcpy(h.consignor_code, "42");
    strcpy(h.bank_code, "5");
    strcpy(h.branch_code, "7");
    strcpy(h.account_number, "89");
    h.transfer_month = 12;
    h.transfer_day = 31;
    assert_int_equal(zengin_render_header(&h, out, err, sizeof err), 0);
    assert_memory_equal(out + 4, "0000000042", 10);
    assert_memory_equal(out + 54,
                        "1231"
                        "0005",
                        8);
    assert_memory_equal(out + 77, "007", 3);
    assert_memory_equal(out + 96, "0000089", 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_record),
        cmocka_unit_test(test_data_record_abbreviation_and_voiced),
        cmocka_unit_test(test_data_record_small_kana_current_account),
        cmocka_unit_test(test_data_record_truncated_name_edi_max_amount),
        cmocka_unit_test(test_trailer_record),
        cmocka_unit_test(test_trailer_limits),
        cmocka_unit_test(test_end_record),
        cmocka_unit_test(test_file_crlf),
        cmocka_unit_test(test_file_default_is_crlf),
        cmocka_unit_test(test_file_lf),
        cmocka_unit_test(test_file_no_separator_eof_byte),
        cmocka_unit_test(test_file_crlf_eof_byte),
        cmocka_unit_test(test_total_mismatch_count),
        cmocka_unit_test(test_total_mismatch_amount),
        cmocka_unit_test(test_empty_batch),
        cmocka_unit_test(test_file_bad_separator),
        cmocka_unit_test(test_file_names_bad_record),
        cmocka_unit_test(test_file_bad_header),
        cmocka_unit_test(test_file_amount_out_of_range),
        cmocka_unit_test(test_amount_range),
        cmocka_unit_test(test_data_numeric_fields),
        cmocka_unit_test(test_data_kana_fields),
        cmocka_unit_test(test_data_codes),
        cmocka_unit_test(test_data_accepts_every_code),
        cmocka_unit_test(test_header_fields),
        cmocka_unit_test(test_header_zero_fills_short_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
