/* date_asserts.h - cmocka helpers for tests that handle jdate values;
 * include after <cmocka.h>. */
#ifndef SUBSIDY_TEST_DATE_ASSERTS_H
#define SUBSIDY_TEST_DATE_ASSERTS_H

#include "domain/jdate.h"

/* The date s, which must parse. */
static inline jdate D(const char *s)
{
    jdate d = {0, 0, 0};
    assert_true(jdate_parse(s, &d));
    return d;
}

/* Asserts d is written as want (YYYY-MM-DD). */
static inline void assert_date(jdate d, const char *want)
{
    char buf[11];
    jdate_format(d, buf);
    assert_string_equal(buf, want);
}

#endif
