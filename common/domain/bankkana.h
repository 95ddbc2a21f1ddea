/* bankkana.h - account-holder names and other Zengin C fields in bank kana:
 * UTF-8 text (hiragana, katakana in full or half width, full-width or ASCII
 * letters and digits, a few symbols, the legal-form words 株式会社 and the like)
 * becomes JIS X 0201 bytes: digits, upper-case A-Z, space ( ) - . (plus "," and
 * "/" where the bank takes them) and half-width katakana 0xB1-0xDF, a voiced or
 * semi-voiced kana taking two bytes (ｶﾞ, ﾊﾟ). Nothing is ever dropped: a
 * character that has no bank-kana spelling (any kanji outside a legal-form word,
 * 「」, ①, ...) is refused and named. */
#ifndef SUBSIDY_BANKKANA_H
#define SUBSIDY_BANKKANA_H

#include <stdbool.h>
#include <stddef.h>

/* Opaque: a compiled ICU transliterator, the legal-form table and the symbol
 * set. Read-only once built, so one converter may be shared by threads. */
typedef struct bankkana_converter bankkana_converter;

/* extra_symbols: characters allowed in addition to digits, A-Z, half-width
 * katakana, space ( ) - . ; only "," and "/" may be given (anything else is
 * refused with err). NULL or "" means none. Returns a converter the caller
 * frees with bankkana_converter_free, or NULL with err on failure. */
bankkana_converter *bankkana_converter_new(const char *extra_symbols, char *err, size_t errlen);

/* Frees c and everything it owns; NULL is a no-op. */
void bankkana_converter_free(bankkana_converter *c);

/* Converts NUL-terminated UTF-8 text to bank-kana bytes in out (outcap bytes;
 * NUL-terminated only when there is room after the bytes). Leading and
 * trailing spaces are trimmed and legal-form words abbreviated (ｶ)ﾏﾂﾄﾞ,
 * ﾏﾂﾄﾞ(ｶ, ﾏﾂﾄﾞ(ｶ)ﾁﾊﾞ). Returns the byte count, or -1 with err naming the first
 * refused character as U+XXXX, the character itself and its 1-based character
 * position (or saying the UTF-8 is invalid or out is too small). Safe to call
 * from several threads on one converter: each call works on its own clone of
 * the transliterator. The caller owns utf8 and out. */
int bankkana_convert(const bankkana_converter *c, const char *utf8, char *out, size_t outcap,
                     char *err, size_t errlen);

/* Returns the largest length <= max (and <= len) that does not split a kana
 * from its following voiced or semi-voiced mark (0xDE, 0xDF): when the byte
 * at max is such a mark, the kana before it goes too. */
size_t bankkana_truncate(const char *bytes, size_t len, size_t max);

/* Returns true when utf8 converts (see bankkana_convert); else false with err. */
bool bankkana_check(const bankkana_converter *c, const char *utf8, char *err, size_t errlen);

/* Converts len bank-kana bytes back to UTF-8 (ASCII stays ASCII, 0xA1-0xDF
 * become half-width katakana U+FF61-U+FF9F) for display and logs, into out
 * (outcap bytes, always NUL-terminated on success). Returns the UTF-8 length
 * without the NUL, or -1 when a byte is not bank kana or out is too small. */
int bankkana_to_utf8(const char *bytes, size_t len, char *out, size_t outcap);

#endif
