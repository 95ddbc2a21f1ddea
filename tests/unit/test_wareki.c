/* test_wareki.c - Japanese era dates (era boundaries, 元年, leap days and
 * refusals), fiscal years and yen amounts, one table per function. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/wareki.h"

#include <limits.h>
#include <string.h>

typedef struct {
    const char *in;
    const char *want; /* NULL: refused */
} date_row;

static const date_row DATE_ROWS[] = {
    {"2025-02-14", "令和7年2月14日"},
    {"2019-05-01", "令和元年5月1日"},
    {"2019-04-30", "平成31年4月30日"},
    {"2019-12-31", "令和元年12月31日"},
    {"2020-01-01", "令和2年1月1日"},
    {"1989-01-08", "平成元年1月8日"},
    {"1989-12-31", "平成元年12月31日"},
    {"1990-01-01", "平成2年1月1日"},
    {"2024-02-29", "令和6年2月29日"},
    {"2000-02-29", "平成12年2月29日"},
    {"2024-04-01", "令和6年4月1日"},
    {"2025-03-31", "令和7年3月31日"},
    {"9999-12-31", "令和7981年12月31日"},
    {"1989-01-07", NULL}, /* 昭和64年: before the eras this module knows */
    {"1900-01-01", NULL},
    {"2023-02-29", NULL}, /* not a leap year */
    {"2100-02-29", NULL}, /* century, not a leap year */
    {"2025-02-30", NULL},
    {"2025-04-31", NULL},
    {"2025-13-01", NULL},
    {"2025-00-10", NULL},
    {"2025-01-00", NULL},
    {"2025-1-14", NULL},
    {"2025/02/14", NULL},
    {"2025-02-14T00:00:00", NULL},
    {"2025-02-1x", NULL},
    {" 2025-02-14", NULL},
    {"", NULL},
    {NULL, NULL},
};

static void test_date_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof DATE_ROWS / sizeof DATE_ROWS[0]; i++) {
        const date_row *r = &DATE_ROWS[i];
        char out[64] = "junk";
        bool ok = wareki_format_date(r->in, out, sizeof out);
        print_message("date %s\n", r->in ? r->in : "(null)");
        assert_int_equal(ok, r->want != NULL);
        assert_string_equal(out, r->want ? r->want : "");
    }
}

static void test_date_refuses_small_buffer(void **state)
{
    (void)state;
    const char *want = "令和7年2月14日";
    size_t need = strlen(want) + 1;
    char out[64];
    assert_true(wareki_format_date("2025-02-14", out, need));
    assert_string_equal(out, want);
    memset(out, 'x', sizeof out);
    assert_false(wareki_format_date("2025-02-14", out, need - 1));
    assert_string_equal(out, "");
    assert_false(wareki_format_date("2025-02-14", out, 0));
    assert_int_equal(out[0], '\0');
    assert_false(wareki_format_date("2025-02-14", NULL, 10));
}

typedef struct {
    int fy;
    const char *want; /* NULL: refused */
} fy_row;

static const fy_row FY_ROWS[] = {
    {2024, "令和6年度"}, {2025, "令和7年度"},  {2019, "令和元年度"},
    {2020, "令和2年度"}, {2018, "平成30年度"}, {1989, "平成元年度"},
    {1990, "平成2年度"}, {1988, NULL},         {0, NULL},
    {-2024, NULL},       {10000, NULL},
};

static void test_fiscal_year_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof FY_ROWS / sizeof FY_ROWS[0]; i++) {
        const fy_row *r = &FY_ROWS[i];
        char out[64] = "junk";
        bool ok = wareki_format_fiscal_year(r->fy, out, sizeof out);
        print_message("fiscal year %d\n", r->fy);
        assert_int_equal(ok, r->want != NULL);
        assert_string_equal(out, r->want ? r->want : "");
    }
}

static void test_fiscal_year_refuses_small_buffer(void **state)
{
    (void)state;
    char out[32];
    size_t need = strlen("令和6年度") + 1;
    assert_true(wareki_format_fiscal_year(2024, out, need));
    assert_false(wareki_format_fiscal_year(2024, out, need - 1));
    assert_string_equal(out, "");
}

typedef struct {
    long long yen;
    const char *want;
} yen_row;

static const yen_row YEN_ROWS[] = {
    {21000, "21,000円"},
    {0, "0円"},
    {999, "999円"},
    {1000, "1,000円"},
    {1000000, "1,000,000円"},
    {999999, "999,999円"},
    {5, "5円"},
    {-1, "-1円"},
    {-1500, "-1,500円"},
    {-100000, "-100,000円"},
    {LLONG_MAX, "9,223,372,036,854,775,807円"},
    {LLONG_MIN, "-9,223,372,036,854,775,808円"},
};

static void test_yen_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof YEN_ROWS / sizeof YEN_ROWS[0]; i++) {
        char out[64] = "junk";
        yen_format(YEN_ROWS[i].yen, out, sizeof out);
        assert_string_equal(out, YEN_ROWS[i].want);
    }
}

static void test_yen_small_buffer_gets_nothing(void **state)
{
    (void)state;
    char out[16];
    size_t need = strlen("21,000円") + 1;
    yen_format(21000, out, need);
    assert_string_equal(out, "21,000円");
    memset(out, 'x', sizeof out);
    yen_format(21000, out, need - 1);
    assert_string_equal(out, "");
    yen_format(21000, NULL, 0); /* must not crash */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_table),
        cmocka_unit_test(test_date_refuses_small_buffer),
        cmocka_unit_test(test_fiscal_year_table),
        cmocka_unit_test(test_fiscal_year_refuses_small_buffer),
        cmocka_unit_test(test_yen_table),
        cmocka_unit_test(test_yen_small_buffer_gets_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
