/* test_jdate.c - Japanese dates: strict parsing, calendar arithmetic, fiscal
 * years, RFC 3339 instants and the 必着 (arrive-by) boundary in JST. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date_asserts.h"

#include "domain/jdate.h"

#include <string.h>

static void test_parse_accepts_real_dates(void **state)
{
    (void)state;
    static const char *ok[] = {"2024-02-29", "2000-02-29", "2025-12-31",
                               "0001-01-01", "9999-12-31", "2025-02-14"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        jdate d;
        assert_true(jdate_parse(ok[i], &d));
        assert_date(d, ok[i]);
    }
}

static void test_parse_refuses(void **state)
{
    (void)state;
    static const char *bad[] = {"2025-02-29", "1900-02-29",  "2025-13-01",  "2025-00-10",
                                "2025-04-31", "2025-1-01",   "2025-01-1",   "2025/01/01",
                                "20250101",   "2025-01-01 ", " 2025-01-01", "2025-01-01T00",
                                "",           "0000-01-01",  "2025-0a-01",  "+025-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jdate d = {7, 7, 7};
        assert_false(jdate_parse(bad[i], &d));
        assert_int_equal(d.y, 7);
    }
    jdate d;
    assert_false(jdate_parse(NULL, &d));
}

static void test_compare(void **state)
{
    (void)state;
    assert_true(jdate_compare(D("2025-02-14"), D("2025-02-15")) < 0);
    assert_true(jdate_compare(D("2025-02-14"), D("2025-02-14")) == 0);
    assert_true(jdate_compare(D("2025-03-01"), D("2025-02-28")) > 0);
    assert_true(jdate_compare(D("2024-12-31"), D("2025-01-01")) < 0);
}

static void test_add_days(void **state)
{
    (void)state;
    assert_date(jdate_add_days(D("2024-02-28"), 1), "2024-02-29");
    assert_date(jdate_add_days(D("2025-02-28"), 1), "2025-03-01");
    assert_date(jdate_add_days(D("2024-12-31"), 1), "2025-01-01");
    assert_date(jdate_add_days(D("2025-03-01"), -1), "2025-02-28");
    assert_date(jdate_add_days(D("2025-02-14"), 3), "2025-02-17");
    assert_date(jdate_add_days(D("2024-04-01"), 365), "2025-04-01");
    assert_date(jdate_add_days(D("1970-01-01"), -1), "1969-12-31");
    assert_date(jdate_add_days(D("2025-01-10"), 0), "2025-01-10");
}

static void test_end_of_next_month(void **state)
{
    (void)state;
    assert_date(jdate_end_of_next_month(D("2025-01-15")), "2025-02-28");
    assert_date(jdate_end_of_next_month(D("2024-01-31")), "2024-02-29");
    assert_date(jdate_end_of_next_month(D("2024-12-01")), "2025-01-31");
    assert_date(jdate_end_of_next_month(D("2024-11-30")), "2024-12-31");
    assert_date(jdate_end_of_next_month(D("2024-08-31")), "2024-09-30");
}

static void test_fiscal_year(void **state)
{
    (void)state;
    assert_int_equal(jdate_fiscal_year(D("2025-03-31")), 2024);
    assert_int_equal(jdate_fiscal_year(D("2025-04-01")), 2025);
    assert_int_equal(jdate_fiscal_year(D("2024-04-01")), 2024);
    assert_int_equal(jdate_fiscal_year(D("2025-01-01")), 2024);
}

static void test_datetime_parse(void **state)
{
    (void)state;
    int64_t t;
    assert_true(jst_parse_datetime("1970-01-01T00:00:00Z", &t));
    assert_int_equal(t, 0);
    assert_true(jst_parse_datetime("1970-01-01T09:00:00+09:00", &t));
    assert_int_equal(t, 0);
    assert_true(jst_parse_datetime("2025-02-14T14:59:59Z", &t));
    assert_int_equal(t, 1739545199);
    assert_true(jst_parse_datetime("2025-02-14T23:59:59.999+09:00", &t));
    assert_int_equal(t, 1739545199);
    assert_true(jst_parse_datetime("2025-02-14t05:59:59-09:00", &t));
    assert_int_equal(t, 1739545199 + 0);
    assert_true(jst_parse_datetime("2025-02-14T14:59:59z", &t));
}

static void test_datetime_refuses(void **state)
{
    (void)state;
    static const char *bad[] = {"2025-02-14 14:59:59Z",
                                "2025-02-14T14:59:59",
                                "2025-02-14T24:00:00Z",
                                "2025-02-14T14:60:00Z",
                                "2025-02-14T14:59:59+0900",
                                "2025-02-14T14:59:59+09",
                                "2025-02-14T14:59:59.Z",
                                "2025-02-30T00:00:00Z",
                                "2025-02-14T14:59:59Zx",
                                "2025-02-14T14:59:59+24:00",
                                "2025-02-14",
                                ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        assert_false(jst_parse_datetime(bad[i], &t));
        assert_int_equal(t, 42);
    }
    int64_t t;
    assert_false(jst_parse_datetime(NULL, &t));
}

static void test_jst_date_of(void **state)
{
    (void)state;
    int64_t t;
    assert_true(jst_parse_datetime("2025-02-14T14:59:59Z", &t));
    assert_date(jst_date_of(t), "2025-02-14");
    assert_date(jst_date_of(t + 1), "2025-02-15");
    assert_true(jst_parse_datetime("2025-03-31T15:00:00Z", &t));
    assert_date(jst_date_of(t), "2025-04-01");
    assert_date(jst_date_of(-1), "1970-01-01");
    assert_date(jst_date_of(-9 * 3600 - 1), "1969-12-31");
}

static void test_arrived_by(void **state)
{
    (void)state;
    jdate deadline = D("2025-02-14");
    int64_t t;
    assert_true(jst_parse_datetime("2025-02-14T23:59:59+09:00", &t));
    assert_true(jst_arrived_by(t, deadline));
    assert_true(jst_parse_datetime("2025-02-15T00:00:00+09:00", &t));
    assert_false(jst_arrived_by(t, deadline));
    assert_true(jst_parse_datetime("2025-02-14T14:59:59Z", &t));
    assert_true(jst_arrived_by(t, deadline));
    assert_true(jst_parse_datetime("2025-02-14T15:00:00Z", &t));
    assert_false(jst_arrived_by(t, deadline));
    assert_true(jst_parse_datetime("2025-02-14T23:59:59.999+09:00", &t));
    assert_true(jst_arrived_by(t, deadline));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_real_dates),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_end_of_next_month),
        cmocka_unit_test(test_fiscal_year),
        cmocka_unit_test(test_datetime_parse),
        cmocka_unit_test(test_datetime_refuses),
        cmocka_unit_test(test_jst_date_of),
        cmocka_unit_test(test_arrived_by),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
