/* jdate.c - Japanese calendar dates and JST instants; see jdate.h.
 * days_from_civil / civil_from_days follow Howard Hinnant's algorithms for
 * the proleptic Gregorian calendar. */
#include "jdate.h"

#include <stdio.h>
#include <string.h>

#define JST_OFFSET_SECONDS (9 * 3600)
#define SECONDS_PER_DAY 86400

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t jdate_days_since_epoch(jdate d)
{
    int64_t y = d.m <= 2 ? d.y - 1 : d.y;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t mp = (d.m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static jdate civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    return (jdate){y, m, d};
}

/* Reads n decimal digits at s into *v; false if any is not a digit. */
static bool read_digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

static bool jdate_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Parses the ten characters "YYYY-MM-DD" at s (no terminator required). */
static bool parse_date_prefix(const char *s, jdate *out)
{
    int y, m, d;
    if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-' || !read_digits(s, 4, &y) ||
        !read_digits(s + 5, 2, &m) || !read_digits(s + 8, 2, &d) || !jdate_valid(y, m, d))
        return false;
    *out = (jdate){y, m, d};
    return true;
}

bool jdate_parse(const char *s, jdate *out)
{
    jdate d;
    if (!s || strlen(s) != 10 || !parse_date_prefix(s, &d))
        return false;
    *out = d;
    return true;
}

void jdate_format(jdate d, char out[11])
{
    snprintf(out, 11, "%04d-%02d-%02d", (int)((unsigned)d.y % 10000u), (int)((unsigned)d.m % 100u),
             (int)((unsigned)d.d % 100u));
}

int jdate_compare(jdate a, jdate b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

jdate jdate_add_days(jdate d, int days)
{
    return civil_from_days(jdate_days_since_epoch(d) + days);
}

jdate jdate_end_of_next_month(jdate d)
{
    int y = d.m == 12 ? d.y + 1 : d.y;
    int m = d.m == 12 ? 1 : d.m + 1;
    return (jdate){y, m, days_in_month(y, m)};
}

int jdate_fiscal_year(jdate d)
{
    return d.m >= 4 ? d.y : d.y - 1;
}

/* Parses "hh:mm:ss" at s into seconds of the day. */
static bool parse_time_of_day(const char *s, int64_t *secs)
{
    int h, mi, se;
    if (strnlen(s, 8) < 8 || s[2] != ':' || s[5] != ':' || !read_digits(s, 2, &h) ||
        !read_digits(s + 3, 2, &mi) || !read_digits(s + 6, 2, &se) || h > 23 || mi > 59 || se > 59)
        return false;
    *secs = h * 3600 + mi * 60 + se;
    return true;
}

/* Parses the zone designator that must end the string: "Z" or "+hh:mm" /
 * "-hh:mm"; *offset is the seconds east of UTC. */
static bool parse_zone(const char *s, int64_t *offset)
{
    if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
        *offset = 0;
        return true;
    }
    int h, m;
    if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':' ||
        !read_digits(s + 1, 2, &h) || !read_digits(s + 4, 2, &m) || h > 23 || m > 59)
        return false;
    *offset = (s[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
    return true;
}

bool jst_parse_datetime(const char *s, int64_t *epoch_utc)
{
    jdate d;
    int64_t secs, offset;
    if (!s || !parse_date_prefix(s, &d) || (s[10] != 'T' && s[10] != 't') ||
        !parse_time_of_day(s + 11, &secs))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (n == 0)
            return false;
        p += 1 + n;
    }
    if (!parse_zone(p, &offset))
        return false;
    *epoch_utc = jdate_days_since_epoch(d) * SECONDS_PER_DAY + secs - offset;
    return true;
}

jdate jst_date_of(int64_t epoch_utc)
{
    return civil_from_days(floor_div(epoch_utc + JST_OFFSET_SECONDS, SECONDS_PER_DAY));
}

bool jst_arrived_by(int64_t epoch_utc, jdate deadline)
{
    int64_t next_midnight_jst =
        (jdate_days_since_epoch(deadline) + 1) * SECONDS_PER_DAY - JST_OFFSET_SECONDS;
    return epoch_utc < next_midnight_jst;
}
