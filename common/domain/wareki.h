/* wareki.h - dates and amounts as Japanese notices write them: Gregorian
 * YYYY-MM-DD dates in the Japanese era (令和, 平成), fiscal years (年度) and
 * yen amounts with thousands separators. Pure and thread-safe: no state, no
 * locale, no allocation; every result goes into a caller-provided buffer. */
#ifndef SUBSIDY_WAREKI_H
#define SUBSIDY_WAREKI_H

#include <stdbool.h>
#include <stddef.h>

/* Writes ymd ("2025-02-14", exactly YYYY-MM-DD, a real Gregorian date) as
 * "令和7年2月14日" into out (outlen bytes, NUL-terminated). 令和 from
 * 2019-05-01 (2019-05-01 -> "令和元年5月1日"), 平成 from 1989-01-08 to
 * 2019-04-30 (year 1 written 元年). Returns true on success; false, with out
 * set to "" when outlen > 0, if ymd is NULL, not a valid date, before
 * 1989-01-08, or out is too small (32 bytes always suffice). */
bool wareki_format_date(const char *ymd, char *out, size_t outlen);

/* Writes the fiscal year that starts in April of fiscal_year as "令和6年度"
 * (2024), "令和元年度" (2019: April 2019 falls in 令和元年度 by convention),
 * "平成30年度" (2018), "平成元年度" (1989). Returns true on success; false,
 * with out set to "" when outlen > 0, for years before 1989 or after 9999 or
 * when out is too small (32 bytes always suffice). */
bool wareki_format_fiscal_year(int fiscal_year, char *out, size_t outlen);

/* Writes yen with a comma every three digits and the suffix 円 into out:
 * 21000 -> "21,000円", 0 -> "0円", -1500 -> "-1,500円". Every long long
 * fits in 32 bytes; a smaller out is set to "" (when outlen > 0) rather than
 * holding a cut-off, wrong amount. */
void yen_format(long long yen, char *out, size_t outlen);

#endif
