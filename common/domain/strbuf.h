/* strbuf.h - a growing, NUL-terminated text buffer for building strings
 * (notices, translated patterns). Zero-initialise one (strbuf b = {0}); after
 * a failed allocation every append is a no-op and strbuf_take returns NULL, so
 * callers check once at the end. */
#ifndef SUBSIDY_STRBUF_H
#define SUBSIDY_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *p;    /* the text so far (NULL until the first append) */
    size_t len; /* its length in bytes */
    size_t cap; /* bytes allocated */
    bool oom;   /* an allocation failed */
} strbuf;

/* Appends n bytes of s. */
void strbuf_putn(strbuf *b, const char *s, size_t n);

/* Appends the NUL-terminated s. */
void strbuf_put(strbuf *b, const char *s);

/* Appends printf-formatted text. */
__attribute__((format(printf, 2, 3))) void strbuf_printf(strbuf *b, const char *fmt, ...);

/* Hands the text to the caller (who frees it; "" when nothing was appended),
 * or frees it and returns NULL after an allocation failure. The buffer is
 * empty afterwards. */
char *strbuf_take(strbuf *b);

/* Frees the text; the buffer is empty afterwards. */
void strbuf_free(strbuf *b);

#endif
