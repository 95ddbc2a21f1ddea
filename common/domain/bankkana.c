/* bankkana.c - UTF-8 names to bank kana (JIS X 0201 bytes) for Zengin files.
 *
 * What ICU does: one compiled rule-based transliterator (FOLD_RULES below)
 *   1. Halfwidth-Fullwidth + NFC: half-width katakana become full-width and a
 *      kana followed by a voiced mark is composed (ｶﾞ -> ガ, か + U+3099 -> が);
 *      half-width ASCII becomes full-width for the moment;
 *   2. Hiragana-Katakana: ひらがな -> カタカナ (ゔ -> ヴ);
 *   3. Any-Upper restricted to a-z and ａ-ｚ (so ß and the like are refused,
 *      not respelled);
 *   4. bank rules written here: small kana become full size (ャ -> ヤ, ッ -> ツ,
 *      ァ -> ア, ヵ -> カ, ヮ -> ワ), ヰ -> イ, ヱ -> エ, ヲ -> オ (ｦ is in JIS X 0201
 *      but many banks refuse it, so it is written ｵ), the long-vowel mark and
 *      full-width hyphen-minus -> "-", 「・」 -> space, spacing marks ゛゜ -> ﾞﾟ;
 *   5. Fullwidth-Halfwidth: everything back to half width, a voiced or
 *      semi-voiced kana splitting into two characters (ガ -> ｶﾞ, ヴ -> ｳﾞ), the
 *      full-width space and （）－．，／ becoming ASCII.
 * What this file adds: the legal-form abbreviations (株式会社/カブシキガイシャ -> ｶ,
 * placed as ｶ)X at the start, X(ｶ at the end, X(ｶ)Y in the middle, spaces next
 * to the word removed), the check that every character has a bank-kana byte
 * (reporting the first that does not, by code point, glyph and position,
 * rather than dropping it), the configurable "," and "/", trimming, and the
 * final encoding to single bytes. ICU does the script and width work; no kana
 * table is written by hand here.
 *
 * Invariant: a converter is read-only after bankkana_converter_new; each
 * conversion clones the transliterator, so converters may be shared. */
#include "domain/bankkana.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_MAX 24 /* UTF-16 units of the longest legal-form word, folded */
#define FORM_COUNT 14

static const char FOLD_RULES[] =
    ":: Halfwidth-Fullwidth ;\n"
    ":: NFC ;\n"
    ":: Hiragana-Katakana ;\n"
    ":: [a-zａ-ｚ] Any-Upper ;\n"
    "ァ > ア ; ィ > イ ; ゥ > ウ ; ェ > エ ; ォ > オ ;\n"
    "ッ > ツ ; ャ > ヤ ; ュ > ユ ; ョ > ヨ ; ヮ > ワ ; ヵ > カ ; ヶ > ケ ;\n"
    "ヰ > イ ; ヱ > エ ; ヲ > オ ;\n"
    "ー > '-' ; － > '-' ; ・ > ' ' ;\n"
    "゛ > ﾞ ; ゜ > ﾟ ;\n"
    ":: Fullwidth-Halfwidth ;\n";

/* Legal-form words, kanji and kana spelling, and their abbreviation. The kana
 * spellings are folded through the transliterator when the converter is built,
 * so they match whatever script or width the applicant typed them in. */
static const struct {
    const char *word;
    const char *abbrev;
} LEGAL_FORMS[FORM_COUNT] = {
    {"特定非営利活動法人", "ﾄｸﾋ"},
    {"トクテイヒエイリカツドウホウジン", "ﾄｸﾋ"},
    {"社会福祉法人", "ﾌｸ"},
    {"シャカイフクシホウジン", "ﾌｸ"},
    {"一般社団法人", "ｼﾔ"},
    {"イッパンシャダンホウジン", "ｼﾔ"},
    {"株式会社", "ｶ"},
    {"カブシキガイシャ", "ｶ"},
    {"有限会社", "ﾕ"},
    {"ユウゲンガイシャ", "ﾕ"},
    {"合同会社", "ﾄﾞ"},
    {"ゴウドウガイシャ", "ﾄﾞ"},
    {"医療法人", "ｲ"},
    {"イリョウホウジン", "ｲ"},
};

typedef struct {
    UChar word[FORM_MAX];
    int32_t word_len;
    UChar abbrev[4];
    int32_t abbrev_len;
} legal_form;

struct bankkana_converter {
    UTransliterator *fold; /* template: cloned per conversion, never used directly */
    bool allow_comma, allow_slash;
    legal_form forms[FORM_COUNT];
};

/* A growable UTF-16 buffer owned by one conversion. */
typedef struct {
    UChar *s;
    int32_t len, cap;
} ubuf;

static void set_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", msg);
}

static int parse_extra_symbols(bankkana_converter *c, const char *extra, char *err, size_t errlen)
{
    for (const char *p = extra ? extra : ""; *p; p++) {
        if (*p == ',')
            c->allow_comma = true;
        else if (*p == '/')
            c->allow_slash = true;
        else {
            if (err && errlen)
                snprintf(err, errlen,
                         "extra symbol '%c' (byte 0x%02X) refused: only \",\" and \"/\" may be "
                         "added to the bank-kana set",
                         *p, (unsigned char)*p);
            return -1;
        }
    }
    return 0;
}

static UTransliterator *open_fold(char *err, size_t errlen)
{
    UChar rules[sizeof FOLD_RULES];
    int32_t rules_len = 0;
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    u_strFromUTF8(rules, (int32_t)(sizeof rules / sizeof rules[0]), &rules_len, FOLD_RULES, -1,
                  &st);
    UTransliterator *t = U_SUCCESS(st) ? utrans_openU(u"Subsidy-BankKana", -1, UTRANS_FORWARD,
                                                      rules, rules_len, &pe, &st)
                                       : NULL;
    if (U_FAILURE(st)) {
        if (err && errlen)
            snprintf(err, errlen, "cannot build the bank-kana transliterator: %s (rule line %d)",
                     u_errorName(st), (int)pe.line);
        if (t)
            utrans_close(t);
        return NULL;
    }
    return t;
}

/* Runs t over text[0..*len) in place (cap units); returns 0 or -1. */
static int fold_in_place(UTransliterator *t, UChar *text, int32_t *len, int32_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t limit = *len;
    utrans_transUChars(t, text, len, cap, 0, &limit, &st);
    if (U_FAILURE(st) || limit > cap)
        return -1;
    *len = limit;
    return 0;
}

static int load_form(UTransliterator *t, legal_form *f, const char *word, const char *abbrev)
{
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(f->word, FORM_MAX, &f->word_len, word, -1, &st);
    u_strFromUTF8(f->abbrev, 4, &f->abbrev_len, abbrev, -1, &st);
    if (U_FAILURE(st))
        return -1;
    return fold_in_place(t, f->word, &f->word_len, FORM_MAX);
}

bankkana_converter *bankkana_converter_new(const char *extra_symbols, char *err, size_t errlen)
{
    bankkana_converter *c = calloc(1, sizeof *c);
    if (!c) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    if (parse_extra_symbols(c, extra_symbols, err, errlen) != 0 ||
        !(c->fold = open_fold(err, errlen))) {
        free(c);
        return NULL;
    }
    for (int i = 0; i < FORM_COUNT; i++) {
        if (load_form(c->fold, &c->forms[i], LEGAL_FORMS[i].word, LEGAL_FORMS[i].abbrev) != 0) {
            set_err(err, errlen, "cannot fold the legal-form table");
            bankkana_converter_free(c);
            return NULL;
        }
    }
    return c;
}

void bankkana_converter_free(bankkana_converter *c)
{
    if (!c)
        return;
    if (c->fold)
        utrans_close(c->fold);
    free(c);
}

/* Returns the bank-kana byte for one folded UTF-16 unit, or -1. Half-width
 * katakana are accepted from ｱ (U+FF71, 0xB1) to ﾟ (U+FF9F, 0xDF): the rules
 * never produce ｦ, small kana or ｰ, and ｡｢｣､ are not in the bank set. */
static int encode_unit(const bankkana_converter *c, UChar u)
{
    if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z'))
        return u;
    if (u == ' ' || u == '(' || u == ')' || u == '-' || u == '.')
        return u;
    if ((u == ',' && c->allow_comma) || (u == '/' && c->allow_slash))
        return u;
    if (u >= 0xFF71 && u <= 0xFF9F)
        return u - 0xFF71 + 0xB1;
    return -1;
}

static const char *refusal_reason(const bankkana_converter *c, UChar32 cp)
{
    if (u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC))
        return "kanji cannot be turned into kana reliably; give the name in kana (only "
               "legal-form words such as 株式会社 are abbreviated)";
    if ((cp == ',' || cp == 0xFF0C) && !c->allow_comma)
        return "\",\" is not accepted by this bank (extra symbols)";
    if ((cp == '/' || cp == 0xFF0F) && !c->allow_slash)
        return "\"/\" is not accepted by this bank (extra symbols)";
    return "it has no bank-kana spelling";
}

static void report_refused(const bankkana_converter *c, UChar32 cp, int32_t position, char *err,
                           size_t errlen)
{
    char glyph[8] = "";
    if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
        UChar u[2];
        int32_t n = 0;
        UBool bad = false;
        U16_APPEND(u, n, 2, cp, bad);
        UErrorCode st = U_ZERO_ERROR;
        if (!bad)
            u_strToUTF8(glyph, sizeof glyph, NULL, u, n, &st);
    }
    if (err && errlen)
        snprintf(err, errlen, "character U+%04X \"%s\" at position %d refused: %s", (unsigned)cp,
                 glyph, (int)position, refusal_reason(c, cp));
}

/* Returns the index of the legal-form word that text[at..len) starts with, or -1. */
static int form_at(const bankkana_converter *c, const UChar *text, int32_t len, int32_t at)
{
    for (int i = 0; i < FORM_COUNT; i++) {
        const legal_form *f = &c->forms[i];
        if (len - at >= f->word_len &&
            memcmp(text + at, f->word, (size_t)f->word_len * sizeof(UChar)) == 0)
            return i;
    }
    return -1;
}

/* Folds one code point alone and returns true when every unit it becomes has
 * a bank-kana byte. */
static bool code_point_ok(const bankkana_converter *c, UTransliterator *t, UChar32 cp)
{
    UChar one[16];
    int32_t n = 0;
    UBool bad = false;
    U16_APPEND(one, n, 16, cp, bad);
    if (bad || fold_in_place(t, one, &n, 16) != 0)
        return false;
    for (int32_t i = 0; i < n; i++)
        if (encode_unit(c, one[i]) < 0)
            return false;
    return true;
}

/* Checks the source character by character, in the applicant's own text so
 * the position is theirs; a legal-form word in kanji is skipped whole.
 * Returns 0, or -1 with err naming the first refused character. */
static int check_source(const bankkana_converter *c, UTransliterator *t, const ubuf *src, char *err,
                        size_t errlen)
{
    int32_t i = 0, position = 0;
    while (i < src->len) {
        int f = form_at(c, src->s, src->len, i);
        if (f >= 0) {
            position += u_countChar32(src->s + i, c->forms[f].word_len);
            i += c->forms[f].word_len;
            continue;
        }
        UChar32 cp;
        U16_NEXT(src->s, i, src->len, cp);
        position++;
        if (!code_point_ok(c, t, cp)) {
            report_refused(c, cp, position, err, errlen);
            return -1;
        }
    }
    return 0;
}

/* Replaces text[lo..hi) with rep (rep_len units); returns 0 or -1 when full. */
static int splice(ubuf *b, int32_t lo, int32_t hi, const UChar *rep, int32_t rep_len)
{
    int32_t new_len = b->len - (hi - lo) + rep_len;
    if (new_len > b->cap)
        return -1;
    memmove(b->s + lo + rep_len, b->s + hi, (size_t)(b->len - hi) * sizeof(UChar));
    memcpy(b->s + lo, rep, (size_t)rep_len * sizeof(UChar));
    b->len = new_len;
    return 0;
}

/* Writes the abbreviation of form f as it stands at [lo, hi) of a text of len
 * units: "ｶ)" at the start, "(ｶ" at the end, "(ｶ)" in the middle. */
static int32_t abbreviation(const legal_form *f, int32_t lo, int32_t hi, int32_t len, UChar *rep)
{
    int32_t n = 0;
    bool at_start = lo == 0, at_end = hi == len;
    if (!at_start)
        rep[n++] = '(';
    memcpy(rep + n, f->abbrev, (size_t)f->abbrev_len * sizeof(UChar));
    n += f->abbrev_len;
    if (at_start || !at_end)
        rep[n++] = ')';
    return n;
}

/* Abbreviates every legal-form word in the folded text, left to right,
 * removing the spaces beside it. Returns 0 or -1 when the buffer is full. */
static int abbreviate(const bankkana_converter *c, ubuf *b)
{
    int32_t i = 0;
    while (i < b->len) {
        int f = form_at(c, b->s, b->len, i);
        if (f < 0) {
            i++;
            continue;
        }
        int32_t lo = i, hi = i + c->forms[f].word_len;
        while (lo > 0 && b->s[lo - 1] == ' ')
            lo--;
        while (hi < b->len && b->s[hi] == ' ')
            hi++;
        UChar rep[8];
        int32_t rep_len = abbreviation(&c->forms[f], lo, hi, b->len, rep);
        if (splice(b, lo, hi, rep, rep_len) != 0)
            return -1;
        i = lo + rep_len;
    }
    return 0;
}

static void trim_spaces(ubuf *b)
{
    int32_t lo = 0;
    while (lo < b->len && b->s[lo] == ' ')
        lo++;
    while (b->len > lo && b->s[b->len - 1] == ' ')
        b->len--;
    memmove(b->s, b->s + lo, (size_t)(b->len - lo) * sizeof(UChar));
    b->len -= lo;
}

/* Encodes the folded text into out. Returns the byte count or -1 with err. */
static int encode_all(const bankkana_converter *c, const ubuf *b, char *out, size_t outcap,
                      char *err, size_t errlen)
{
    if ((size_t)b->len > outcap) {
        if (err && errlen)
            snprintf(err, errlen, "bank kana is %d bytes, more than the %zu bytes of room",
                     (int)b->len, outcap);
        return -1;
    }
    for (int32_t i = 0; i < b->len; i++) {
        int byte = encode_unit(c, b->s[i]);
        if (byte < 0) {
            report_refused(c, b->s[i], i + 1, err, errlen);
            return -1;
        }
        out[i] = (char)byte;
    }
    if ((size_t)b->len < outcap)
        out[b->len] = '\0';
    return (int)b->len;
}

/* Decodes strict UTF-8 into a fresh buffer with room for the text to grow
 * (each unit may become two, and abbreviation adds brackets). */
static int decode_utf8(const char *utf8, ubuf *b, char *err, size_t errlen)
{
    size_t n = strlen(utf8);
    if (n > 4096) {
        set_err(err, errlen, "text longer than 4096 bytes");
        return -1;
    }
    b->cap = (int32_t)(n * 3 + 16);
    b->s = malloc((size_t)b->cap * sizeof(UChar));
    if (!b->s) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(b->s, b->cap, &b->len, utf8, (int32_t)n, &st);
    if (U_FAILURE(st)) {
        set_err(err, errlen, "text is not valid UTF-8");
        return -1;
    }
    return 0;
}

int bankkana_convert(const bankkana_converter *c, const char *utf8, char *out, size_t outcap,
                     char *err, size_t errlen)
{
    if (!c || !utf8 || (!out && outcap)) {
        set_err(err, errlen, "bankkana_convert: NULL argument");
        return -1;
    }
    ubuf b = {NULL, 0, 0};
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *t = NULL;
    int rc = decode_utf8(utf8, &b, err, errlen);
    if (rc == 0) {
        t = utrans_clone(c->fold, &st);
        if (U_FAILURE(st)) {
            set_err(err, errlen, "cannot clone the bank-kana transliterator");
            rc = -1;
        }
    }
    if (rc == 0)
        rc = check_source(c, t, &b, err, errlen);
    if (rc == 0 && (fold_in_place(t, b.s, &b.len, b.cap) != 0 || abbreviate(c, &b) != 0)) {
        set_err(err, errlen, "bank kana does not fit the work buffer");
        rc = -1;
    }
    if (rc == 0) {
        trim_spaces(&b);
        rc = encode_all(c, &b, out, outcap, err, errlen);
    }
    if (t)
        utrans_close(t);
    free(b.s);
    return rc;
}

bool bankkana_check(const bankkana_converter *c, const char *utf8, char *err, size_t errlen)
{
    if (!utf8) {
        set_err(err, errlen, "bankkana_check: NULL text");
        return false;
    }
    size_t cap = strlen(utf8) * 3 + 16;
    char *scratch = malloc(cap);
    if (!scratch) {
        set_err(err, errlen, "out of memory");
        return false;
    }
    int n = bankkana_convert(c, utf8, scratch, cap, err, errlen);
    free(scratch);
    return n >= 0;
}

size_t bankkana_truncate(const char *bytes, size_t len, size_t max)
{
    if (len <= max)
        return len;
    unsigned char next = (unsigned char)bytes[max];
    if (max > 0 && (next == 0xDE || next == 0xDF))
        return max - 1;
    return max;
}

int bankkana_to_utf8(const char *bytes, size_t len, char *out, size_t outcap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)bytes[i];
        if (b >= 0x20 && b <= 0x7E) {
            if (o + 1 >= outcap)
                return -1;
            out[o++] = (char)b;
        } else if (b >= 0xA1 && b <= 0xDF) {
            unsigned cp = 0xFF61u + (b - 0xA1u); /* U+FF61..U+FF9F: EF BD A1 .. EF BE 9F */
            if (o + 3 >= outcap)
                return -1;
            out[o++] = (char)0xEF;
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else
            return -1;
    }
    if (o >= outcap)
        return -1;
    out[o] = '\0';
    return (int)o;
}
