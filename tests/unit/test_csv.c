/* test_csv.c - the CSV reader: plain, quoted, embedded commas, quotes and line
 * breaks, CRLF, BOM, blank lines, and its refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/csv.h"

#include <string.h>

static int read_all(const char *text, char out[][8][64], int *counts, int max_records)
{
    csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    char buf[512], err[128];
    char *f[8];
    int n, rec = 0;
    while ((n = csv_next(&r, f, 8, buf, sizeof buf, err, sizeof err)) > 0 && rec < max_records) {
        counts[rec] = n;
        for (int i = 0; i < n; i++)
            strcpy(out[rec][i], f[i]);
        rec++;
    }
    return n < 0 ? -1 : rec;
}

static void test_plain_and_crlf(void **state)
{
    (void)state;
    char out[4][8][64];
    int counts[4];
    assert_int_equal(read_all("a,b,c\r\n1,,3\r\n", out, counts, 4), 2);
    assert_int_equal(counts[0], 3);
    assert_string_equal(out[1][0], "1");
    assert_string_equal(out[1][1], "");
    assert_string_equal(out[1][2], "3");
}

static void test_quoted_fields(void **state)
{
    (void)state;
    char out[4][8][64];
    int counts[4];
    assert_int_equal(read_all("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n", out, counts, 4), 1);
    assert_string_equal(out[0][0], "x, y");
    assert_string_equal(out[0][1], "say \"hi\"");
    assert_string_equal(out[0][2], "two\nlines");
}

static void test_bom_and_blank_lines(void **state)
{
    (void)state;
    char out[4][8][64];
    int counts[4];
    assert_int_equal(read_all("\xEF\xBB\xBFk,v\n\n\nz,w\n", out, counts, 4), 2);
    assert_string_equal(out[0][0], "k");
    assert_string_equal(out[1][1], "w");
}

static void test_refusals(void **state)
{
    (void)state;
    char out[4][8][64];
    int counts[4];
    assert_int_equal(read_all("\"open,field\n", out, counts, 4), -1);
    assert_int_equal(read_all("1,2,3,4,5,6,7,8,9\n", out, counts, 4), -1);
}

static void test_line_numbers(void **state)
{
    (void)state;
    csv_reader r;
    const char *t = "a\n\"b\nc\"\nd\n";
    csv_reader_init(&r, t, strlen(t));
    char buf[64], err[64], *f[4];
    assert_int_equal(csv_next(&r, f, 4, buf, sizeof buf, err, sizeof err), 1);
    assert_int_equal(csv_next(&r, f, 4, buf, sizeof buf, err, sizeof err), 1);
    int before = r.line;
    assert_int_equal(csv_next(&r, f, 4, buf, sizeof buf, err, sizeof err), 1);
    assert_string_equal(f[0], "d");
    assert_int_equal(before, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_crlf),      cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_bom_and_blank_lines), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_line_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
