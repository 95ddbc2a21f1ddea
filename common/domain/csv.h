/* csv.h - a small RFC 4180 reader: comma-separated fields, double-quoted
 * fields with "" for a quote and embedded commas or line breaks, CRLF or LF
 * line ends, an optional UTF-8 byte-order mark at the start. */
#ifndef SUBSIDY_CSV_H
#define SUBSIDY_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS 32

typedef struct {
    const char *p, *end;
    int line; /* line number where the current record started, 1-based */
} csv_reader;

void csv_reader_init(csv_reader *r, const char *text, size_t len);

/* Reads the next record. Field strings are written NUL-terminated into buf
 * (buflen bytes) and pointed at by fields[]. Returns the number of fields,
 * 0 at the end of input, or -1 with err set (unterminated quote, too many
 * fields, record longer than buf). Empty lines are skipped. */
int csv_next(csv_reader *r, char **fields, int max_fields, char *buf, size_t buflen, char *err,
             size_t errlen);

#endif
