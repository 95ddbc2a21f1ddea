/* corporate_number.c - 法人番号 format and check digit; see corporate_number.h. */
#include "corporate_number.h"

#include <stdio.h>
#include <string.h>

static bool all_digits(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789") == n;
}

int corporate_number_check_digit(const char *last12)
{
    if (!last12 || !all_digits(last12, 12))
        return -1;
    int sum = 0;
    for (int n = 1; n <= 12; n++)
        sum += (last12[12 - n] - '0') * (n % 2 ? 1 : 2);
    return 9 - sum % 9;
}

static bool corporate_fail(char *why, size_t whylen, const char *msg)
{
    if (why && whylen)
        snprintf(why, whylen, "%s", msg);
    return false;
}

bool corporate_number_valid(const char *s, char *why, size_t whylen)
{
    if (!s)
        return corporate_fail(why, whylen, "missing");
    if (!all_digits(s, 13))
        return corporate_fail(why, whylen, "must be exactly 13 digits");
    int check = corporate_number_check_digit(s + 1);
    if (check != s[0] - '0') {
        if (why && whylen)
            snprintf(why, whylen, "check digit (first digit) is %c, expected %d", s[0], check);
        return false;
    }
    return true;
}
