/* wareki.c - Japanese era dates, fiscal years and yen amounts; see wareki.h.
 * Invariant: a function either writes its whole result or leaves out as "". */
#include "domain/wareki.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name; /* "令和" */
    int first_y, first_m, first_d;
} wareki_era;

/* Newest first; dates before the last entry are refused. */
static const wareki_era ERAS[] = {
    {"令和", 2019, 5, 1},
    {"平成", 1989, 1, 8},
};
#define N_ERAS (sizeof ERAS / sizeof ERAS[0])

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

/* Reads n ASCII digits at s into *v; false if any is not a digit. */
static bool read_digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* Parses exactly "YYYY-MM-DD" into a real calendar date. */
static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!read_digits(s, 4, y) || !read_digits(s + 5, 2, m) || !read_digits(s + 8, 2, d))
        return false;
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

static int ymd_compare(int y1, int m1, int d1, int y2, int m2, int d2)
{
    long a = (long)y1 * 10000 + m1 * 100 + d1, b = (long)y2 * 10000 + m2 * 100 + d2;
    return (a > b) - (a < b);
}

/* The era a date falls in, or NULL before the oldest known era. */
static const wareki_era *era_of_date(int y, int m, int d)
{
    for (size_t i = 0; i < N_ERAS; i++)
        if (ymd_compare(y, m, d, ERAS[i].first_y, ERAS[i].first_m, ERAS[i].first_d) >= 0)
            return &ERAS[i];
    return NULL;
}

/* The era a fiscal year (April fy to March fy+1) is named in: by convention
 * the newest era whose first calendar year is not after fy, so the year from
 * April 2019 (still 平成31年 in April) is 令和元年度. */
static const wareki_era *era_of_fiscal_year(int fy)
{
    for (size_t i = 0; i < N_ERAS; i++)
        if (fy >= ERAS[i].first_y)
            return &ERAS[i];
    return NULL;
}

/* Writes "<era><year>" with year 1 as 元 then suffix; false if it does not fit. */
static bool write_era_year(const wareki_era *e, int year_in_era, const char *suffix, char *out,
                           size_t outlen)
{
    char num[16];
    if (year_in_era == 1)
        snprintf(num, sizeof num, "元");
    else
        snprintf(num, sizeof num, "%d", year_in_era);
    int n = snprintf(out, outlen, "%s%s%s", e->name, num, suffix);
    return n >= 0 && (size_t)n < outlen;
}

static bool fail_out(char *out, size_t outlen)
{
    if (out && outlen > 0)
        out[0] = '\0';
    return false;
}

bool wareki_format_date(const char *ymd, char *out, size_t outlen)
{
    int y, m, d;
    if (!out || outlen == 0 || !parse_ymd(ymd, &y, &m, &d))
        return fail_out(out, outlen);
    const wareki_era *e = era_of_date(y, m, d);
    char suffix[32];
    snprintf(suffix, sizeof suffix, "年%d月%d日", m, d);
    if (!e || !write_era_year(e, y - e->first_y + 1, suffix, out, outlen))
        return fail_out(out, outlen);
    return true;
}

bool wareki_format_fiscal_year(int fiscal_year, char *out, size_t outlen)
{
    if (!out || outlen == 0 || fiscal_year > 9999)
        return fail_out(out, outlen);
    const wareki_era *e = era_of_fiscal_year(fiscal_year);
    if (!e || !write_era_year(e, fiscal_year - e->first_y + 1, "年度", out, outlen))
        return fail_out(out, outlen);
    return true;
}

void yen_format(long long yen, char *out, size_t outlen)
{
    if (!out || outlen == 0)
        return;
    /* Magnitude as unsigned so that LLONG_MIN has one too. */
    unsigned long long v = yen < 0 ? 0ULL - (unsigned long long)yen : (unsigned long long)yen;
    char rev[40];
    size_t n = 0;
    do {
        if (n % 4 == 3)
            rev[n++] = ',';
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (yen < 0)
        rev[n++] = '-';
    const char *yen_sign = "円";
    if (n + strlen(yen_sign) + 1 > outlen) {
        out[0] = '\0';
        return;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    strcpy(out + n, yen_sign);
}
