/* jdate.h - calendar dates in Japan and instants read as Japan time.
 *
 * A jdate is a plain proleptic-Gregorian calendar date. Japan keeps no
 * daylight saving, so JST is always UTC+9; every conversion here is done with
 * days-from-civil arithmetic and never consults timegm, localtime or TZ, so
 * the results do not depend on the machine's time zone. Dates are valid for
 * years 1 to 9999. */
#ifndef SUBSIDY_JDATE_H
#define SUBSIDY_JDATE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int y, m, d;
} jdate; /* a calendar date in Japan */

/* Parses strict "YYYY-MM-DD" (exactly ten characters, a real calendar date,
 * leap years honoured). Returns true and fills *out on success; false (and
 * *out untouched) otherwise. s may be NULL (false). */
bool jdate_parse(const char *s, jdate *out);

/* Writes d as "YYYY-MM-DD" with its NUL into out (11 bytes, caller's). */
void jdate_format(jdate d, char out[11]);

/* Returns <0, 0 or >0 as a is before, the same day as, or after b. */
int jdate_compare(jdate a, jdate b);

/* Returns the date days after d (days may be negative). */
jdate jdate_add_days(jdate d, int days);

/* Returns the last day of the month after d's month: 2025-01-15 -> 2025-02-28. */
jdate jdate_end_of_next_month(jdate d);

/* Returns the Japanese fiscal year (April to March) d belongs to:
 * 2025-03-31 -> 2024, 2025-04-01 -> 2025. */
int jdate_fiscal_year(jdate d);

/* Returns the number of days from 1970-01-01 to d (negative before). */
int64_t jdate_days_since_epoch(jdate d);

/* Parses an RFC 3339 date-time with "Z" or a +hh:mm / -hh:mm offset and an
 * optional fraction of a second ("2025-02-14T23:59:59.5+09:00"); the fraction
 * is dropped. Returns true and sets *epoch_utc (seconds since 1970-01-01
 * 00:00:00 UTC) on success; false otherwise. s may be NULL (false). */
bool jst_parse_datetime(const char *s, int64_t *epoch_utc);

/* Returns the calendar date in JST (UTC+9) of the instant epoch_utc. */
jdate jst_date_of(int64_t epoch_utc);

/* Returns true when epoch_utc is at or before 23:59:59 JST of deadline, the
 * meaning of 必着 (must arrive by). */
bool jst_arrived_by(int64_t epoch_utc, jdate deadline);

#endif
