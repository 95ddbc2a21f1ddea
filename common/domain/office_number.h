/* office_number.h - 介護保険事業所番号 (care insurance office numbers).
 *
 * Ten characters: 1-2 prefecture code (01-47, Chiba = 12); 3 office class, a
 * digit or, for 総合事業 offices, a letter A-Z other than I, O and Q; 4-9
 * digits (area and serial); 10 a check digit. The check digit maps a letter
 * to A=10 ... Z=32 (skipping I, O, Q), weights the first nine characters
 * 2,1,2,1... from the right, adds the decimal digits of each product and
 * takes (10 - sum mod 10) mod 10. The number does not say which service the
 * office provides. */
#ifndef SUBSIDY_OFFICE_NUMBER_H
#define SUBSIDY_OFFICE_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when s is a well-formed office number with the right check
 * digit. Otherwise returns false and writes what is wrong into why (whylen
 * bytes, caller's; may be NULL with whylen 0). s may be NULL. */
bool office_number_valid(const char *s, char *why, size_t whylen);

/* Returns the check digit (0-9) for the first nine characters first9 (which
 * must be exactly nine characters: digits, with a letter allowed only in the
 * third place), or -1 when first9 is not that. */
int office_number_check_digit(const char *first9);

#endif
