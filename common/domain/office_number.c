/* office_number.c - 介護保険事業所番号 format and check digit; see office_number.h. */
#include "office_number.h"

#include <stdio.h>
#include <string.h>

#define OFFICE_NUMBER_LEN 10
#define OFFICE_CLASS_POS 2 /* 0-based position of the office-class character */

static const char office_letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ"; /* A=10 ... Z=32 */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Returns 10-32 for an office-class letter, -1 for any other character. */
static int office_letter_value(char c)
{
    for (int i = 0; office_letters[i]; i++)
        if (office_letters[i] == c)
            return 10 + i;
    return -1;
}

/* Returns the value of character c at 0-based position pos of an office
 * number, or -1 when c is not allowed there. */
static int office_char_value(char c, size_t pos)
{
    if (is_digit(c))
        return c - '0';
    return pos == OFFICE_CLASS_POS ? office_letter_value(c) : -1;
}

static int digit_sum(int n)
{
    int s = 0;
    for (; n > 0; n /= 10)
        s += n % 10;
    return s;
}

int office_number_check_digit(const char *first9)
{
    if (!first9 || strlen(first9) != 9)
        return -1;
    int sum = 0, weight = 2;
    for (size_t i = 9; i-- > 0; weight = 3 - weight) {
        int v = office_char_value(first9[i], i);
        if (v < 0)
            return -1;
        sum += digit_sum(v * weight);
    }
    return (10 - sum % 10) % 10;
}

static bool office_fail(char *why, size_t whylen, const char *msg)
{
    if (why && whylen)
        snprintf(why, whylen, "%s", msg);
    return false;
}

/* Checks length and the allowed character at every position. */
static bool office_chars_ok(const char *s, char *why, size_t whylen)
{
    if (strlen(s) != OFFICE_NUMBER_LEN)
        return office_fail(why, whylen, "must be exactly 10 characters");
    if (office_char_value(s[OFFICE_CLASS_POS], OFFICE_CLASS_POS) < 0)
        return office_fail(why, whylen,
                           "character 3 (office class) must be a digit or a letter A-Z "
                           "other than I, O and Q");
    for (size_t i = 0; i < OFFICE_NUMBER_LEN; i++)
        if (i != OFFICE_CLASS_POS && !is_digit(s[i]))
            return office_fail(why, whylen, "characters 1-2 and 4-10 must be digits");
    return true;
}

bool office_number_valid(const char *s, char *why, size_t whylen)
{
    if (!s)
        return office_fail(why, whylen, "missing");
    if (!office_chars_ok(s, why, whylen))
        return false;
    int pref = (s[0] - '0') * 10 + (s[1] - '0');
    if (pref < 1 || pref > 47)
        return office_fail(why, whylen, "characters 1-2 must be a prefecture code 01-47");
    char first9[10];
    memcpy(first9, s, 9);
    first9[9] = '\0';
    int check = office_number_check_digit(first9);
    if (check != s[9] - '0') {
        if (why && whylen)
            snprintf(why, whylen, "check digit is %c, expected %d", s[9], check);
        return false;
    }
    return true;
}
