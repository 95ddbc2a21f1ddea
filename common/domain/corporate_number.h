/* corporate_number.h - 法人番号 (corporate numbers of the National Tax Agency).
 *
 * Thirteen digits; the first is a check digit over the twelve that follow.
 * With P(n) the n-th of those twelve digits counted from the right and
 * Q(n) = 1 for odd n, 2 for even n: check = 9 - (sum of P(n) * Q(n) mod 9).
 * Only corporations (and public bodies) hold one; a sole proprietor does not. */
#ifndef SUBSIDY_CORPORATE_NUMBER_H
#define SUBSIDY_CORPORATE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when s is thirteen digits whose first is the right check
 * digit. Otherwise returns false and writes what is wrong into why (whylen
 * bytes, caller's; may be NULL with whylen 0). s may be NULL. */
bool corporate_number_valid(const char *s, char *why, size_t whylen);

/* Returns the check digit (1-9) for the twelve digits last12, or -1 when
 * last12 is not exactly twelve digits. */
int corporate_number_check_digit(const char *last12);

#endif
