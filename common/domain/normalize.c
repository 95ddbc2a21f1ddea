/* normalize.c - see normalize.h. Works on UTF-8 bytes directly: the only
 * characters it maps or removes are the few listed there, whose encodings are
 * matched exactly; every other byte is copied as it is. */
#include "domain/normalize.h"

#include <stdlib.h>
#include <string.h>

typedef enum {
    CASE_KEEP,
    CASE_UPPER,
    CASE_LOWER,
} norm_case;

/* What to do to one field beyond trimming. */
typedef struct {
    int fold_width;  /* full-width digits and letters to ASCII */
    norm_case cse;   /* letter case after folding */
    int strip_inner; /* remove hyphens, dash look-alikes and spaces */
} norm_rule;

/* Code-like fields, by JSON pointer. attachments[].sha256 is handled apart. */
static const struct {
    const char *pointer;
    norm_rule rule;
} norm_fields[] = {
    {"/submission_id", {1, CASE_LOWER, 0}},
    {"/program_id", {1, CASE_KEEP, 0}},
    {"/amends_receipt_no", {1, CASE_UPPER, 0}},
    {"/applicant/corporate_number", {1, CASE_UPPER, 0}},
    {"/applicant/postal_code", {1, CASE_UPPER, 1}},
    {"/applicant/phone", {1, CASE_UPPER, 1}},
    {"/applicant/fax", {1, CASE_UPPER, 1}},
    {"/office/office_number", {1, CASE_UPPER, 0}},
    {"/office/service_type_code", {1, CASE_UPPER, 0}},
    {"/bank_account/bank_code", {1, CASE_UPPER, 0}},
    {"/bank_account/branch_code", {1, CASE_UPPER, 0}},
    {"/bank_account/account_number", {1, CASE_UPPER, 1}},
};

static const norm_rule norm_sha256 = {1, CASE_LOWER, 0};
static const norm_rule norm_trim_only = {0, CASE_KEEP, 0};

/* Dash look-alikes removed by strip_inner, as UTF-8. */
static const char *const norm_dashes[] = {
    "-",
    "\xE2\x80\x90", /* U+2010 HYPHEN */
    "\xE2\x80\x91", /* U+2011 NON-BREAKING HYPHEN */
    "\xE2\x80\x92", /* U+2012 FIGURE DASH */
    "\xE2\x80\x93", /* U+2013 EN DASH */
    "\xE2\x80\x94", /* U+2014 EM DASH */
    "\xE2\x80\x95", /* U+2015 HORIZONTAL BAR */
    "\xE2\x88\x92", /* U+2212 MINUS SIGN */
    "\xEF\xBC\x8D", /* U+FF0D FULLWIDTH HYPHEN-MINUS */
    "\xE3\x83\xBC", /* U+30FC KATAKANA-HIRAGANA PROLONGED SOUND MARK */
    "\xEF\xBD\xB0", /* U+FF70 HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK */
    " ",
    "\xE3\x80\x80", /* U+3000 IDEOGRAPHIC SPACE */
};

#define NORM_IDEOGRAPHIC_SPACE "\xE3\x80\x80"

static int norm_is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Length of the whitespace (ASCII or U+3000) starting at s[0..len), 0 if none. */
static size_t norm_space_at(const char *s, size_t len)
{
    if (len >= 1 && norm_is_ascii_space((unsigned char)s[0]))
        return 1;
    if (len >= 3 && memcmp(s, NORM_IDEOGRAPHIC_SPACE, 3) == 0)
        return 3;
    return 0;
}

/* Length of the whitespace ending at s[len), 0 if none. */
static size_t norm_space_before(const char *s, size_t len)
{
    if (len >= 1 && norm_is_ascii_space((unsigned char)s[len - 1]))
        return 1;
    if (len >= 3 && memcmp(s + len - 3, NORM_IDEOGRAPHIC_SPACE, 3) == 0)
        return 3;
    return 0;
}

/* Narrows [*start, *end) past surrounding whitespace. */
static void norm_trim(const char *s, size_t *start, size_t *end)
{
    size_t n;
    while (*start < *end && (n = norm_space_at(s + *start, *end - *start)) > 0)
        *start += n;
    while (*end > *start && (n = norm_space_before(s + *start, *end - *start)) > 0)
        *end -= n;
}

/* Length of a dash look-alike or space at s, 0 if none. */
static size_t norm_dash_at(const char *s, size_t len)
{
    for (size_t k = 0; k < sizeof norm_dashes / sizeof norm_dashes[0]; k++) {
        size_t n = strlen(norm_dashes[k]);
        if (len >= n && memcmp(s, norm_dashes[k], n) == 0)
            return n;
    }
    return 0;
}

/* When s starts with a full-width digit or Latin letter, returns its ASCII
 * form and sets *n to 3; else returns 0. U+FF10-19 = EF BC 90-99,
 * U+FF21-3A = EF BC A1-BA, U+FF41-5A = EF BD 81-9A. */
static char norm_fullwidth_at(const char *s, size_t len, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len < 3 || u[0] != 0xEF)
        return 0;
    char c = 0;
    if (u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
        c = (char)('0' + (u[2] - 0x90));
    else if (u[1] == 0xBC && u[2] >= 0xA1 && u[2] <= 0xBA)
        c = (char)('A' + (u[2] - 0xA1));
    else if (u[1] == 0xBD && u[2] >= 0x81 && u[2] <= 0x9A)
        c = (char)('a' + (u[2] - 0x81));
    if (c)
        *n = 3;
    return c;
}

static char norm_case_of(char c, norm_case cse)
{
    if (cse == CASE_UPPER && c >= 'a' && c <= 'z')
        return (char)(c - 'a' + 'A');
    if (cse == CASE_LOWER && c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    return c;
}

/* Writes the normalised form of s[0..len) into out (at least len + 1 bytes;
 * the result is never longer) and returns its length. */
static size_t norm_apply(const char *s, size_t len, const norm_rule *r, char *out)
{
    size_t start = 0, end = len, o = 0;
    norm_trim(s, &start, &end);
    for (size_t i = start; i < end;) {
        size_t n = 0;
        if (r->strip_inner && (n = norm_dash_at(s + i, end - i)) > 0) {
            i += n;
            continue;
        }
        char c = r->fold_width ? norm_fullwidth_at(s + i, end - i, &n) : 0;
        if (!c) {
            c = s[i];
            n = 1;
        }
        out[o++] = (unsigned char)c < 0x80 ? norm_case_of(c, r->cse) : c;
        i += n;
    }
    out[o] = '\0';
    return o;
}

/* Appends a change record. Returns 0, or -1 on out of memory. */
static int norm_record(json_t *changes, const char *pointer, const json_t *original,
                       const char *value, size_t len)
{
    json_t *rec = json_pack("{s:s,s:O,s:s%}", "pointer", pointer, "original", original,
                            "normalized", value, len);
    if (!rec)
        return -1;
    return json_array_append_new(changes, rec);
}

/* Normalises the string str (held by the copy) in place under rule r.
 * Returns 0, or -1 on out of memory. */
static int norm_string(json_t *str, const norm_rule *r, const char *pointer, json_t *changes)
{
    const char *s = json_string_value(str);
    size_t len = json_string_length(str);
    char *buf = malloc(len + 1);
    if (!buf)
        return -1;
    size_t n = norm_apply(s, len, r, buf);
    int rc = 0;
    if (n != len || memcmp(buf, s, len) != 0) {
        json_t *original = json_stringn_nocheck(s, len);
        rc = original ? norm_record(changes, pointer, original, buf, n) : -1;
        if (rc == 0)
            rc = json_string_setn_nocheck(str, buf, n);
        json_decref(original);
    }
    free(buf);
    return rc;
}

/* The rule for the string at pointer. */
static const norm_rule *norm_rule_for(const char *pointer)
{
    for (size_t k = 0; k < sizeof norm_fields / sizeof norm_fields[0]; k++)
        if (strcmp(pointer, norm_fields[k].pointer) == 0)
            return &norm_fields[k].rule;
    const char *att = "/attachments/";
    size_t alen = strlen(att);
    if (strncmp(pointer, att, alen) == 0) {
        const char *p = pointer + alen;
        p += strspn(p, "0123456789");
        if (p > pointer + alen && strcmp(p, "/sha256") == 0)
            return &norm_sha256;
    }
    return &norm_trim_only;
}

/* Appends one reference token to pointer (RFC 6901: ~ as ~0, / as ~1).
 * Returns the new pointer (caller frees) or NULL on out of memory. */
static char *norm_pointer_join(const char *pointer, const char *token)
{
    size_t plen = strlen(pointer), tlen = strlen(token);
    char *p = malloc(plen + 2 * tlen + 2);
    if (!p)
        return NULL;
    memcpy(p, pointer, plen);
    size_t o = plen;
    p[o++] = '/';
    for (size_t i = 0; i < tlen; i++) {
        if (token[i] == '~' || token[i] == '/') {
            p[o++] = '~';
            p[o++] = token[i] == '~' ? '0' : '1';
        } else {
            p[o++] = token[i];
        }
    }
    p[o] = '\0';
    return p;
}

static int norm_walk(json_t *v, const char *pointer, json_t *changes);

/* Walks into the child reached by token. Returns 0, or -1 on out of memory. */
static int norm_child(json_t *child, const char *pointer, const char *token, json_t *changes)
{
    char *p = norm_pointer_join(pointer, token);
    if (!p)
        return -1;
    int rc = norm_walk(child, p, changes);
    free(p);
    return rc;
}

/* Normalises every string under v. The recursion depth is that of the
 * document, which json_guard has bounded before it gets here. */
static int norm_walk(json_t *v, const char *pointer, json_t *changes)
{
    if (json_is_string(v))
        return norm_string(v, norm_rule_for(pointer), pointer, changes);
    if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach(v, key, child)
        {
            if (norm_child(child, pointer, key, changes) != 0)
                return -1;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child)
        {
            char idx[32];
            snprintf(idx, sizeof idx, "%zu", i);
            if (norm_child(child, pointer, idx, changes) != 0)
                return -1;
        }
    }
    return 0;
}

json_t *normalize_application(const json_t *data, json_t **changes)
{
    if (changes)
        *changes = NULL;
    json_t *copy = data ? json_deep_copy(data) : NULL;
    json_t *list = json_array();
    if (!copy || !list || norm_walk(copy, "", list) != 0) {
        json_decref(copy);
        json_decref(list);
        return NULL;
    }
    if (changes)
        *changes = list;
    else
        json_decref(list);
    return copy;
}
