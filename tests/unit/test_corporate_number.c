/* test_corporate_number.c - 法人番号: the DOMAIN.md examples pass, every
 * single-digit mutation of them fails, and malformed input is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/corporate_number.h"

#include <string.h>

static const char *examples[] = {"7000012050002", "4000020122076", "4011001098993",
                                 "2120901007402"};

static void test_examples_pass(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        char why[128] = "";
        assert_true(corporate_number_valid(examples[i], why, sizeof why));
        assert_int_equal(corporate_number_check_digit(examples[i] + 1), examples[i][0] - '0');
    }
}

/* Changing any one digit to any other value breaks the check except where the
 * weighted change is a multiple of 9 (a 0<->9 swap at odd weight). */
static void test_single_digit_mutations_fail(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        for (int pos = 0; pos < 13; pos++) {
            for (char c = '0'; c <= '9'; c++) {
                char s[14];
                strcpy(s, examples[i]);
                if (s[pos] == c)
                    continue;
                int delta = c - s[pos];
                int weight = pos == 0 ? 1 : ((13 - pos) % 2 ? 1 : 2);
                s[pos] = c;
                char why[128] = "";
                bool undetectable = pos > 0 && (delta * weight) % 9 == 0;
                assert_int_equal(corporate_number_valid(s, why, sizeof why), undetectable);
                if (!undetectable)
                    assert_non_null(strstr(why, "check digit"));
            }
        }
    }
}

static void test_malformed_refused(void **state)
{
    (void)state;
    static const char *bad[] = {"400002012207",  "40000201220760", "",
                                "4000-20122076", "400002012207a",  " 4000020122076",
                                "0000020122076"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char why[128] = "";
        assert_false(corporate_number_valid(bad[i], why, sizeof why));
        assert_true(why[0] != '\0');
    }
    assert_false(corporate_number_valid(NULL, NULL, 0));
}

static void test_check_digit_range(void **state)
{
    (void)state;
    assert_int_equal(corporate_number_check_digit("000000000000"), 9);
    assert_int_equal(corporate_number_check_digit("000000000009"), 9); /* 9 mod 9 = 0 */
    assert_int_equal(corporate_number_check_digit("000000000008"), 1);
    assert_int_equal(corporate_number_check_digit(NULL), -1);
    assert_int_equal(corporate_number_check_digit("00000000000"), -1);
    assert_int_equal(corporate_number_check_digit("0000000000000"), -1);
    assert_int_equal(corporate_number_check_digit("00000000000x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_pass),
        cmocka_unit_test(test_single_digit_mutations_fail),
        cmocka_unit_test(test_malformed_refused),
        cmocka_unit_test(test_check_digit_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
