/* test_office_number.c - 介護保険事業所番号: the DOMAIN.md example, check-digit
 * computation with and without a letter, and every kind of mutation refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/office_number.h"

#include <stdio.h>
#include <string.h>

static void test_domain_example_passes(void **state)
{
    (void)state;
    char why[128] = "";
    assert_true(office_number_valid("0110113719", why, sizeof why));
    assert_int_equal(office_number_check_digit("011011371"), 9);
}

static void test_check_digit_values(void **state)
{
    (void)state;
    /* 127123456 from the right: 6*2=12->1+2, 5, 4*2=8, 3, 2*2=4, 1, 7*2=14->1+4, 2,
     * 1*2=2: sum 33 -> (10 - 3) % 10 = 7 */
    assert_int_equal(office_number_check_digit("127123456"), 7);
    /* place 3 has weight 2: Z=32 -> 64 -> 6+4=10; 2*1=2; 1*2=2: sum 14 -> 6 */
    assert_int_equal(office_number_check_digit("12Z000000"), 6);
    /* A=10 -> 20 -> 2; 2; 2: sum 6 -> 4 */
    assert_int_equal(office_number_check_digit("12A000000"), 4);
    /* H=17 (I skipped after it), J=18 -> 36 -> 9; 2; 2: sum 13 -> 7 */
    assert_int_equal(office_number_check_digit("12J000000"), 7);
    assert_int_equal(office_number_check_digit("000000019"), 0); /* 9*2=18->9, 1: 10 */
}

static void test_letter_office_valid(void **state)
{
    (void)state;
    char num[11], why[128];
    static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
    for (size_t i = 0; i < strlen(letters); i++) {
        char first9[10];
        snprintf(first9, sizeof first9, "12%c021001", letters[i]);
        int c = office_number_check_digit(first9);
        assert_in_range(c, 0, 9);
        snprintf(num, sizeof num, "%s%d", first9, c);
        assert_true(office_number_valid(num, why, sizeof why));
    }
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *s, *why_part;
    } rows[] = {
        {"0110113718", "check digit"},    /* last digit changed */
        {"0110113729", "check digit"},    /* one digit changed */
        {"1010113719", "check digit"},    /* two digits swapped */
        {"011011371", "10 characters"},   /* too short */
        {"01101137190", "10 characters"}, /* too long */
        {"", "10 characters"},
        {"12I0210010", "character 3"}, /* I is never used */
        {"12O0210010", "character 3"},
        {"12Q0210010", "character 3"},
        {"12a0210010", "character 3"}, /* lower case */
        {"1A10113719", "digits"},      /* letter outside place 3 */
        {"011011371A", "digits"},      /* letter as check digit */
        {"0110-13719", "digits"},
        {"4810113719", "prefecture"},
        {"0010113719", "prefecture"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char why[128] = "";
        assert_false(office_number_valid(rows[i].s, why, sizeof why));
        assert_non_null(strstr(why, rows[i].why_part));
    }
    char why[32];
    assert_false(office_number_valid(NULL, why, sizeof why));
    assert_false(office_number_valid("0110113718", NULL, 0));
}

static void test_check_digit_refuses(void **state)
{
    (void)state;
    assert_int_equal(office_number_check_digit(NULL), -1);
    assert_int_equal(office_number_check_digit("01101137"), -1);
    assert_int_equal(office_number_check_digit("0110113719"), -1);
    assert_int_equal(office_number_check_digit("12I021001"), -1);
    assert_int_equal(office_number_check_digit("A12021001"), -1);
    assert_int_equal(office_number_check_digit("12302100x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_example_passes), cmocka_unit_test(test_check_digit_values),
        cmocka_unit_test(test_letter_office_valid),   cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_check_digit_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
