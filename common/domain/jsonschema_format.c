/* jsonschema_format.c - the "format" keyword: "date" (RFC 3339 full-date on
 * the real calendar), "date-time" (RFC 3339 date-time with a Z or numeric
 * offset; a leap second :60 only at 23:59 UTC) and "email" (a plain
 * local@domain check). Other format names are refused at load. */
#include "jsonschema_internal.h"

#include <string.h>

static const struct {
    const char *name;
    js_format f;
} js_formats[] = {
    {"date", JS_FMT_DATE},
    {"date-time", JS_FMT_DATE_TIME},
    {"email", JS_FMT_EMAIL},
};

js_format js_format_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof js_formats / sizeof js_formats[0]; i++)
        if (strcmp(js_formats[i].name, name) == 0)
            return js_formats[i].f;
    return JS_FMT_NONE;
}

const char *js_format_name(js_format f)
{
    for (size_t i = 0; i < sizeof js_formats / sizeof js_formats[0]; i++)
        if (js_formats[i].f == f)
            return js_formats[i].name;
    return "?";
}

/* Reads exactly n ASCII digits at s into *out. */
static bool js_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int js_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* full-date = YYYY-MM-DD, exactly 10 bytes at s. */
static bool js_full_date(const char *s)
{
    int y, m, d;
    if (!js_digits(s, 4, &y) || s[4] != '-' || !js_digits(s + 5, 2, &m) || s[7] != '-' ||
        !js_digits(s + 8, 2, &d))
        return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= js_days_in_month(y, m);
}

/* time-offset = Z / (+|-)hh:mm; sets *minutes east of UTC. */
static bool js_offset(const char *s, size_t len, int *minutes)
{
    if (len == 1 && (*s == 'Z' || *s == 'z')) {
        *minutes = 0;
        return true;
    }
    int h, m;
    if (len != 6 || (*s != '+' && *s != '-') || !js_digits(s + 1, 2, &h) || s[3] != ':' ||
        !js_digits(s + 4, 2, &m) || h > 23 || m > 59)
        return false;
    *minutes = (*s == '-' ? -1 : 1) * (h * 60 + m);
    return true;
}

/* hh:mm:ss[.frac]offset at s (len bytes). */
static bool js_full_time(const char *s, size_t len)
{
    int h, m, sec;
    if (len < 9 || !js_digits(s, 2, &h) || s[2] != ':' || !js_digits(s + 3, 2, &m) || s[5] != ':' ||
        !js_digits(s + 6, 2, &sec))
        return false;
    size_t i = 8;
    if (i < len && s[i] == '.') {
        size_t start = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return false;
    }
    int off;
    if (!js_offset(s + i, len - i, &off) || h > 23 || m > 59 || sec > 60)
        return false;
    if (sec == 60) {
        int utc = ((h * 60 + m - off) % 1440 + 1440) % 1440;
        return utc == 23 * 60 + 59;
    }
    return true;
}

static bool js_date_time(const char *s, size_t len)
{
    return len > 11 && js_full_date(s) && (s[10] == 'T' || s[10] == 't') &&
           js_full_time(s + 11, len - 11);
}

static bool js_email_local_ok(const char *s, size_t len)
{
    if (len == 0 || s[0] == '.' || s[len - 1] == '.')
        return false;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return false;
    return true;
}

static bool js_email(const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    if (!at || memchr(at + 1, '@', len - (size_t)(at - s) - 1))
        return false;
    size_t local = (size_t)(at - s), domain = len - local - 1;
    if (!js_email_local_ok(s, local) || domain == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= ' ')
            return false;
    return true;
}

bool js_format_check(js_format f, const char *s, size_t len)
{
    switch (f) {
    case JS_FMT_DATE:
        return len == 10 && js_full_date(s);
    case JS_FMT_DATE_TIME:
        return js_date_time(s, len);
    case JS_FMT_EMAIL:
        return js_email(s, len);
    case JS_FMT_NONE:
        break;
    }
    return true;
}
