/* csv.c - RFC 4180 record reader; see csv.h. */
#include "csv.h"

#include <stdio.h>
#include <string.h>

void csv_reader_init(csv_reader *r, const char *text, size_t len)
{
    r->p = text;
    r->end = text + len;
    r->line = 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->p += 3;
}

static void csv_skip_blank_lines(csv_reader *r)
{
    while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
        if (*r->p == '\n')
            r->line++;
        r->p++;
    }
}

int csv_next(csv_reader *r, char **fields, int max_fields, char *buf, size_t buflen, char *err,
             size_t errlen)
{
    csv_skip_blank_lines(r);
    if (r->p >= r->end)
        return 0;
    int start_line = r->line, n = 0;
    size_t o = 0;
    for (;;) {
        if (n == max_fields) {
            snprintf(err, errlen, "line %d: more than %d fields", start_line, max_fields);
            return -1;
        }
        fields[n++] = buf + o;
        int quoted = r->p < r->end && *r->p == '"';
        if (quoted)
            r->p++;
        for (;;) {
            if (r->p >= r->end) {
                if (quoted) {
                    snprintf(err, errlen, "line %d: unterminated quoted field", start_line);
                    return -1;
                }
                break;
            }
            char ch = *r->p;
            if (quoted && ch == '"') {
                if (r->p + 1 < r->end && r->p[1] == '"') {
                    r->p++;
                } else {
                    r->p++;
                    quoted = 0;
                    continue;
                }
            } else if (!quoted && (ch == ',' || ch == '\n' || ch == '\r')) {
                break;
            }
            if (ch == '\n')
                r->line++;
            if (o + 1 >= buflen) {
                snprintf(err, errlen, "line %d: record too long", start_line);
                return -1;
            }
            buf[o++] = ch;
            r->p++;
        }
        buf[o++] = '\0';
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        break;
    }
    if (r->p < r->end && *r->p == '\r')
        r->p++;
    if (r->p < r->end && *r->p == '\n') {
        r->p++;
        r->line++;
    }
    r->line = r->line > start_line ? r->line : start_line + 1;
    return n;
}
