/* json_guard.c - the guarded decoder (json_guard.h). The pre-checks are
 * linear, non-recursive scans; only input that passes them reaches jansson.
 * No state outside the call: safe from any number of threads. */
#include "domain/json_guard.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static json_t *guard_fail(const char **code, const char *c, char *reason, size_t reasonlen,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sets *code and the reason message; always returns NULL. */
static json_t *guard_fail(const char **code, const char *c, char *reason, size_t reasonlen,
                          const char *fmt, ...)
{
    if (code)
        *code = c;
    if (reason && reasonlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, reasonlen, fmt, ap);
        va_end(ap);
    }
    return NULL;
}

/* Length of the sequence a lead byte announces (0 when it cannot lead), and
 * the range its second byte must fall in (RFC 3629 section 4), which rules
 * out overlongs, surrogates and code points above U+10FFFF. */
static int utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi, const char **why)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c < 0xC2) {
        *why = c < 0xC0 ? "continuation byte without a lead byte" : "overlong encoding";
        return 0;
    }
    if (c < 0xE0)
        return 2;
    if (c < 0xF0) {
        if (c == 0xE0)
            *lo = 0xA0; /* E0 80..9F would be overlong */
        if (c == 0xED)
            *hi = 0x9F; /* ED A0..BF would be a UTF-16 surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (c == 0xF0)
            *lo = 0x90; /* F0 80..8F would be overlong */
        if (c == 0xF4)
            *hi = 0x8F; /* F4 90.. would be above U+10FFFF */
        return 4;
    }
    *why = "byte that never occurs in UTF-8 (above U+10FFFF)";
    return 0;
}

/* Static description of a bad second byte after lead byte c. */
static const char *utf8_second_fault(unsigned char c, unsigned char b)
{
    if (b < 0x80 || b > 0xBF)
        return "truncated sequence (missing continuation byte)";
    if (c == 0xE0 || c == 0xF0)
        return "overlong encoding";
    if (c == 0xED)
        return "UTF-16 surrogate encoded in UTF-8";
    return "code point above U+10FFFF";
}

size_t json_guard_utf8_invalid_at(const unsigned char *s, size_t len, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    size_t i = 0;
    while (i < len) {
        unsigned char lo, hi;
        int n = utf8_lead(s[i], &lo, &hi, why);
        if (n == 0)
            return i;
        if (n == 1) {
            i++;
            continue;
        }
        if (len - i < (size_t)n) {
            *why = "truncated sequence at the end of the input";
            return i;
        }
        if (s[i + 1] < lo || s[i + 1] > hi) {
            *why = utf8_second_fault(s[i], s[i + 1]);
            return i;
        }
        for (int k = 2; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                *why = "truncated sequence (missing continuation byte)";
                return i;
            }
        }
        i += (size_t)n;
    }
    return len;
}

/* Returns the offset at which nesting of [ and { outside strings first goes
 * deeper than max_depth, or len when it never does. One pass, no recursion. */
static size_t guard_depth_exceeded_at(const char *s, size_t len, int max_depth)
{
    long depth = 0;
    int in_string = 0, escaped = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (escaped)
                escaped = 0;
            else if (c == '\\')
                escaped = 1;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return len;
}

/* Maps a jansson failure to a reason code. */
static const char *guard_jansson_code(const json_error_t *e)
{
    switch (json_error_code(e)) {
    case json_error_duplicate_key:
        return JSON_GUARD_DUPLICATE_KEY;
    case json_error_numeric_overflow:
        return JSON_GUARD_NUMBER_OVERFLOW;
    case json_error_out_of_memory:
        return JSON_GUARD_OUT_OF_MEMORY;
    case json_error_stack_overflow:
        return JSON_GUARD_TOO_DEEP;
    case json_error_invalid_utf8:
        return JSON_GUARD_INVALID_UTF8;
    default:
        return JSON_GUARD_NOT_JSON;
    }
}

static const char *guard_type_name(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    default:
        return "an object";
    }
}

/* The checks that run before jansson. Returns 0 when the bytes may be parsed. */
static int guard_prescan(const char *bytes, size_t len, const json_guard_limits *lim,
                         const char **code, char *reason, size_t reasonlen)
{
    if (len > lim->max_bytes) {
        guard_fail(code, JSON_GUARD_PAYLOAD_TOO_LARGE, reason, reasonlen,
                   "payload is %zu bytes; at most %zu are accepted", len, lim->max_bytes);
        return -1;
    }
    const char *why = NULL;
    size_t at = json_guard_utf8_invalid_at((const unsigned char *)bytes, len, &why);
    if (at < len) {
        guard_fail(code, JSON_GUARD_INVALID_UTF8, reason, reasonlen,
                   "byte %zu (0x%02X): invalid UTF-8: %s", at, (unsigned char)bytes[at], why);
        return -1;
    }
    const char *nul = len ? memchr(bytes, '\0', len) : NULL;
    if (nul) {
        guard_fail(code, JSON_GUARD_NUL_BYTE, reason, reasonlen,
                   "byte %zu: raw NUL (0x00) byte in the payload", (size_t)(nul - bytes));
        return -1;
    }
    at = guard_depth_exceeded_at(bytes, len, lim->max_depth);
    if (at < len) {
        guard_fail(code, JSON_GUARD_TOO_DEEP, reason, reasonlen,
                   "byte %zu: '%c' nests deeper than %d levels", at, bytes[at], lim->max_depth);
        return -1;
    }
    return 0;
}

json_t *json_guard_decode(const char *bytes, size_t len, const json_guard_limits *lim,
                          const char **code, char *reason, size_t reasonlen)
{
    if (code)
        *code = NULL;
    if (reason && reasonlen > 0)
        reason[0] = '\0';
    if (!bytes)
        len = 0;
    if (!lim)
        return guard_fail(code, JSON_GUARD_NOT_JSON, reason, reasonlen, "no limits given");
    if (guard_prescan(bytes ? bytes : "", len, lim, code, reason, reasonlen) != 0)
        return NULL;
    if (len == 0)
        return guard_fail(code, JSON_GUARD_NOT_JSON, reason, reasonlen, "empty payload");
    json_error_t e;
    json_t *j = json_loadb(bytes, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
    if (!j)
        return guard_fail(code, guard_jansson_code(&e), reason, reasonlen, "byte %d: %s",
                          e.position, e.text);
    if (!json_is_object(j)) {
        const char *what = guard_type_name(j);
        json_decref(j);
        return guard_fail(code, JSON_GUARD_NOT_OBJECT, reason, reasonlen,
                          "the payload is %s, not a JSON object", what);
    }
    return j;
}
