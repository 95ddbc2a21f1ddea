/* jsonschema_regex.c - the "pattern" and "patternProperties" keywords: ICU
 * regular expressions on UTF-8, adjusted towards ECMA-262. Outside character
 * classes "$" becomes \z (ICU's "$" would also match before a final line
 * break), \d becomes [0-9] and \w [A-Za-z0-9_] (ICU's are Unicode-wide);
 * inside classes \d and \w become 0-9 and A-Za-z0-9_. The compiled pattern
 * is never matched directly: each search works on a clone, so one js_regex
 * may be used by several threads at once. */
#include "domain/strbuf.h"
#include "jsonschema_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

struct js_regex {
    URegularExpression *re;
    char *source; /* the ICU pattern text; the compiled pattern may refer to it */
};

/* Replacement for the escape \c (c one of d, w), in or out of a class, or
 * NULL to keep it as it is. */
static const char *js_regex_escape_swap(char c, bool in_class)
{
    if (c == 'd')
        return in_class ? "0-9" : "[0-9]";
    if (c == 'w')
        return in_class ? "A-Za-z0-9_" : "[A-Za-z0-9_]";
    if (c == 'D' && !in_class)
        return "[^0-9]";
    if (c == 'W' && !in_class)
        return "[^A-Za-z0-9_]";
    return NULL;
}

/* Rewrites an ECMA-262 pattern into ICU syntax; caller frees. NULL on OOM. */
static char *js_regex_translate(const char *src)
{
    strbuf b = {0};
    bool in_class = false;
    for (const char *p = src; *p; p++) {
        if (*p == '\\' && p[1]) {
            const char *swap = js_regex_escape_swap(p[1], in_class);
            if (swap)
                strbuf_putn(&b, swap, strlen(swap));
            else
                strbuf_putn(&b, p, 2);
            p++;
            continue;
        }
        if (*p == '[' && !in_class)
            in_class = true;
        else if (*p == ']' && in_class)
            in_class = false;
        if (*p == '$' && !in_class)
            strbuf_putn(&b, "\\z", 2);
        else
            strbuf_putn(&b, p, 1);
    }
    return strbuf_take(&b);
}

js_regex *js_regex_new(const char *pattern, char *err, size_t errlen)
{
    js_regex *r = calloc(1, sizeof *r);
    char *icu = js_regex_translate(pattern);
    if (!r || !icu) {
        free(r);
        free(icu);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, icu, -1, &st);
    r->re = U_SUCCESS(st) ? uregex_openUText(&ut, 0, &pe, &st) : NULL;
    utext_close(&ut);
    r->source = icu;
    if (U_FAILURE(st)) {
        snprintf(err, errlen, "invalid regular expression \"%s\" (%s at offset %d)", pattern,
                 u_errorName(st), (int)pe.offset);
        if (r->re)
            uregex_close(r->re);
        free(r->source);
        free(r);
        return NULL;
    }
    return r;
}

void js_regex_free(js_regex *re)
{
    if (!re)
        return;
    uregex_close(re->re);
    free(re->source);
    free(re);
}

int js_regex_search(const js_regex *re, const char *text, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)len, &st);
    URegularExpression *c = U_SUCCESS(st) ? uregex_clone(re->re, &st) : NULL;
    int found = 0;
    if (c) {
        uregex_setUText(c, &ut, &st);
        found = U_SUCCESS(st) ? uregex_findNext(c, &st) : 0;
        uregex_close(c);
    }
    utext_close(&ut);
    return U_FAILURE(st) ? -1 : found != 0;
}
