/* test_bankkana.c - UTF-8 names to bank kana, row by row: voiced and
 * semi-voiced marks, small kana, long vowels, ヰヱヲ, widths and case, spaces
 * and 「・」, every legal-form abbreviation at the start, middle and end in
 * kanji and kana, pass-through of already abbreviated and half-width input,
 * refusals naming the character, the configurable symbols, truncation that
 * never splits ﾞ/ﾟ from its kana, and the round trip back to UTF-8.
 * Expected bytes are JIS X 0201 written out as \xNN: ｱ B1 ... ｶ B6 ... ﾝ DD,
 * ﾞ DE, ﾟ DF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/bankkana.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SYM_NONE, SYM_COMMA, SYM_SLASH, SYM_BOTH, SYM_SETS };

typedef struct {
    const char *input;
    int symbols;
    const char *want; /* expected bytes; NULL when the row must be refused */
    size_t want_len;
    const char *err_has[3]; /* substrings the refusal must contain */
} row;

#define OK(in, sym, out)                                                                           \
    {                                                                                              \
        in, sym, out, sizeof(out) - 1,                                                             \
        {                                                                                          \
            NULL, NULL, NULL                                                                       \
        }                                                                                          \
    }
#define NO(in, sym, e1, e2, e3)                                                                    \
    {                                                                                              \
        in, sym, NULL, 0,                                                                          \
        {                                                                                          \
            e1, e2, e3                                                                             \
        }                                                                                          \
    }

/* ﾏﾂﾄﾞ and ｹｱ recur below. */
#define MATSUDO "\xCF\xC2\xC4\xDE"
#define KEA "\xB9\xB1"
#define KANJI "kanji"

static const row ROWS[] = {
    /* voiced and semi-voiced marks take two bytes */
    OK("がぎぐげご", SYM_NONE, "\xB6\xDE\xB7\xDE\xB8\xDE\xB9\xDE\xBA\xDE"),
    OK("ぱぴぷぺぽ", SYM_NONE, "\xCA\xDF\xCB\xDF\xCC\xDF\xCD\xDF\xCE\xDF"),
    OK("ガ", SYM_NONE, "\xB6\xDE"),
    OK("パ", SYM_NONE, "\xCA\xDF"),
    OK("ヴ", SYM_NONE, "\xB3\xDE"),
    OK("ゔ", SYM_NONE, "\xB3\xDE"),
    OK("ｶﾞ", SYM_NONE, "\xB6\xDE"),
    OK("か\xE3\x82\x99", SYM_NONE, "\xB6\xDE"), /* か + combining U+3099 */
    OK("か゛", SYM_NONE, "\xB6\xDE"),           /* spacing ゛ */
    OK("は゜", SYM_NONE, "\xCA\xDF"),
    OK("ヷ", SYM_NONE, "\xDC\xDE"),
    OK("マツド", SYM_NONE, MATSUDO),
    /* small kana become full size */
    OK("ャュョ", SYM_NONE, "\xD4\xD5\xD6"),
    OK("ッ", SYM_NONE, "\xC2"),
    OK("ァィゥェォ", SYM_NONE, "\xB1\xB2\xB3\xB4\xB5"),
    OK("ゃゅょっ", SYM_NONE, "\xD4\xD5\xD6\xC2"),
    OK("ｬｭｮｯｧｨｩｪｫ", SYM_NONE, "\xD4\xD5\xD6\xC2\xB1\xB2\xB3\xB4\xB5"),
    OK("ヵヶヮ", SYM_NONE, "\xB6\xB9\xDC"),
    OK("きゃっと", SYM_NONE, "\xB7\xD4\xC2\xC4"),
    OK("ヴァイオリン", SYM_NONE, "\xB3\xDE\xB1\xB2\xB5\xD8\xDD"),
    /* long vowel */
    OK("コーヒー", SYM_NONE, "\xBA-\xCB-"),
    OK("ｹｱｰ", SYM_NONE, KEA "-"),
    OK("けあー", SYM_NONE, KEA "-"),
    /* ヰ ヱ ヲ */
    OK("ヰヱ", SYM_NONE, "\xB2\xB4"),
    OK("ゐゑ", SYM_NONE, "\xB2\xB4"),
    OK("ヲ", SYM_NONE, "\xB5"),
    OK("を", SYM_NONE, "\xB5"),
    OK("ｦ", SYM_NONE, "\xB5"),
    OK("わをん", SYM_NONE, "\xDC\xB5\xDD"),
    /* letters, digits, spaces, 「・」, full-width symbols */
    OK("ＡＢＣ", SYM_NONE, "ABC"),
    OK("ａｂｃ", SYM_NONE, "ABC"),
    OK("abc xyz", SYM_NONE, "ABC XYZ"),
    OK("０１２３４５６７８９", SYM_NONE, "0123456789"),
    OK("ｹｱ１２３", SYM_NONE, KEA "123"),
    OK("マツド　ケア", SYM_NONE, MATSUDO " " KEA),
    OK("マツド・ケア", SYM_NONE, MATSUDO " " KEA),
    OK("ﾏﾂﾄﾞ･ｹｱ", SYM_NONE, MATSUDO " " KEA),
    OK("（）－．", SYM_NONE, "()-."),
    OK("  ｱｲ  ", SYM_NONE, "\xB1\xB2"),
    OK("", SYM_NONE, ""),
    /* configurable "," and "/" */
    NO("a,b", SYM_NONE, "U+002C", "\",\"", "position 2"),
    NO("a/b", SYM_NONE, "U+002F", "\"/\"", "position 2"),
    NO("ａ，ｂ", SYM_SLASH, "U+FF0C", "，", "position 2"),
    NO("ａ／ｂ", SYM_COMMA, "U+FF0F", "／", "position 2"),
    OK("a,b", SYM_COMMA, "A,B"),
    OK("ａ，ｂ", SYM_COMMA, "A,B"),
    OK("a/b", SYM_SLASH, "A/B"),
    OK("ａ／ｂ", SYM_BOTH, "A/B"),
    OK("a,b/c", SYM_BOTH, "A,B/C"),
    /* legal forms: 株式会社 ｶ */
    OK("株式会社マツド", SYM_NONE, "\xB6)" MATSUDO),
    OK("マツド株式会社", SYM_NONE, MATSUDO "(\xB6"),
    OK("マツド株式会社チバ", SYM_NONE, MATSUDO "(\xB6)\xC1\xCA\xDE"),
    OK("カブシキガイシャマツド", SYM_NONE, "\xB6)" MATSUDO),
    OK("かぶしきがいしゃまつど", SYM_NONE, "\xB6)" MATSUDO),
    OK("ｶﾌﾞｼｷｶﾞｲｼｬﾏﾂﾄﾞ", SYM_NONE, "\xB6)" MATSUDO),
    OK("マツドカブシキガイシャ", SYM_NONE, MATSUDO "(\xB6"),
    OK("株式会社　マツド", SYM_NONE, "\xB6)" MATSUDO),
    OK("マツド 株式会社", SYM_NONE, MATSUDO "(\xB6"),
    OK("マツド 株式会社 ケア", SYM_NONE, MATSUDO "(\xB6)" KEA),
    /* 有限会社 ﾕ */
    OK("有限会社ケア", SYM_NONE, "\xD5)" KEA),
    OK("ケアユウゲンガイシャ", SYM_NONE, KEA "(\xD5"),
    OK("マツド有限会社ケア", SYM_NONE, MATSUDO "(\xD5)" KEA),
    /* 合同会社 ﾄﾞ */
    OK("ゴウドウガイシャケア", SYM_NONE, "\xC4\xDE)" KEA),
    OK("マツド合同会社ケア", SYM_NONE, MATSUDO "(\xC4\xDE)" KEA),
    OK("ケア合同会社", SYM_NONE, KEA "(\xC4\xDE"),
    /* 医療法人 ｲ */
    OK("医療法人ケア", SYM_NONE, "\xB2)" KEA),
    OK("ケアイリョウホウジン", SYM_NONE, KEA "(\xB2"),
    OK("マツドいりょうほうじんケア", SYM_NONE, MATSUDO "(\xB2)" KEA),
    /* 社会福祉法人 ﾌｸ */
    OK("社会福祉法人マツド", SYM_NONE, "\xCC\xB8)" MATSUDO),
    OK("マツドシャカイフクシホウジンケア", SYM_NONE, MATSUDO "(\xCC\xB8)" KEA),
    OK("マツド社会福祉法人", SYM_NONE, MATSUDO "(\xCC\xB8"),
    /* 特定非営利活動法人 ﾄｸﾋ */
    OK("マツド特定非営利活動法人", SYM_NONE, MATSUDO "(\xC4\xB8\xCB"),
    OK("トクテイヒエイリカツドウホウジンマツド", SYM_NONE, "\xC4\xB8\xCB)" MATSUDO),
    OK("ケア特定非営利活動法人マツド", SYM_NONE, KEA "(\xC4\xB8\xCB)" MATSUDO),
    /* 一般社団法人 ｼﾔ */
    OK("マツド一般社団法人ケア", SYM_NONE, MATSUDO "(\xBC\xD4)" KEA),
    OK("マツドイッパンシャダンホウジン", SYM_NONE, MATSUDO "(\xBC\xD4"),
    OK("一般社団法人マツド", SYM_NONE, "\xBC\xD4)" MATSUDO),
    OK("株式会社", SYM_NONE, "\xB6)"), /* the word alone takes the start form */
    /* two legal forms in one name */
    OK("社会福祉法人マツド株式会社", SYM_NONE, "\xCC\xB8)" MATSUDO "(\xB6"),
    /* already abbreviated input passes through */
    OK("カ）マツドカイゴ", SYM_NONE, "\xB6)" MATSUDO "\xB6\xB2\xBA\xDE"),
    OK("ｶ)ﾏﾂﾄﾞ", SYM_NONE, "\xB6)" MATSUDO),
    OK("ﾏﾂﾄﾞ(ｶ)ﾁﾊﾞ", SYM_NONE, MATSUDO "(\xB6)\xC1\xCA\xDE"),
    OK("ABCｶﾞ123", SYM_NONE,
       "ABC\xB6\xDE"
       "123"),
    /* refusals name the character, its code point and its position */
    NO("松戸ケア", SYM_NONE, "U+677E", "\"松\"", "position 1"),
    NO("マツド介護", SYM_NONE, "U+4ECB", "\"介\"", "position 4"),
    NO("株式会社松戸", SYM_NONE, "U+677E", KANJI, "position 5"),
    NO("医療法人社団ケア", SYM_NONE, "U+793E", "\"社\"", "position 5"),
    NO("「マツド」", SYM_NONE, "U+300C", "\"「\"", "position 1"),
    NO("ケア。", SYM_NONE, "U+3002", "\"。\"", "position 3"),
    NO("①", SYM_NONE, "U+2460", "\"①\"", "position 1"),
    NO("㈱マツド", SYM_NONE, "U+3231", "\"㈱\"", "position 1"),
    NO("ß", SYM_NONE, "U+00DF", "\"ß\"", "position 1"),
    NO("ア\tイ", SYM_NONE, "U+0009", "refused", "position 2"),
    NO("ア😀", SYM_NONE, "U+1F600", "\"😀\"", "position 2"),
    NO("ケア&", SYM_NONE, "U+0026", "\"&\"", "position 3"),
    NO("ｹｱ\xFF", SYM_NONE, "not valid UTF-8", NULL, NULL),
};

#define ROW_COUNT (sizeof ROWS / sizeof ROWS[0])

static bankkana_converter *converters[SYM_SETS];

static int make_converters(void **state)
{
    static const char *const sets[SYM_SETS] = {NULL, ",", "/", ",/"};
    char err[256];
    (void)state;
    for (int i = 0; i < SYM_SETS; i++)
        if (!(converters[i] = bankkana_converter_new(sets[i], err, sizeof err)))
            return -1;
    return 0;
}

static int free_converters(void **state)
{
    (void)state;
    for (int i = 0; i < SYM_SETS; i++)
        bankkana_converter_free(converters[i]);
    return 0;
}

static void check_row(void **state)
{
    const row *r = *state;
    char out[256], err[512] = "";
    memset(out, 0x7F, sizeof out);
    int n = bankkana_convert(converters[r->symbols], r->input, out, sizeof out, err, sizeof err);
    if (r->want) {
        if (n < 0)
            fail_msg("%s refused: %s", r->input, err);
        assert_int_equal(n, r->want_len);
        assert_memory_equal(out, r->want, r->want_len);
        assert_int_equal(out[n], '\0');
        assert_true(bankkana_check(converters[r->symbols], r->input, err, sizeof err));
        return;
    }
    assert_int_equal(n, -1);
    for (int i = 0; i < 3 && r->err_has[i]; i++)
        if (!strstr(err, r->err_has[i]))
            fail_msg("error \"%s\" lacks \"%s\"", err, r->err_has[i]);
    assert_false(bankkana_check(converters[r->symbols], r->input, err, sizeof err));
}

static void test_new_refuses_other_symbols(void **state)
{
    char err[256] = "";
    (void)state;
    assert_null(bankkana_converter_new(",&", err, sizeof err));
    assert_non_null(strstr(err, "'&'"));
    assert_null(bankkana_converter_new("-", err, sizeof err));
    assert_non_null(strstr(err, "'-'"));
    bankkana_converter *c = bankkana_converter_new("", err, sizeof err);
    assert_non_null(c);
    bankkana_converter_free(c);
    bankkana_converter_free(NULL);
}

static void test_output_too_small(void **state)
{
    char out[8], err[256] = "";
    (void)state;
    memset(out, 'X', sizeof out);
    assert_int_equal(bankkana_convert(converters[SYM_NONE], "マツド", out, 3, err, sizeof err), -1);
    assert_non_null(strstr(err, "4 bytes"));
    /* exactly the room needed: the bytes, no NUL */
    assert_int_equal(bankkana_convert(converters[SYM_NONE], "マツド", out, 4, err, sizeof err), 4);
    assert_memory_equal(out, MATSUDO "X", 5);
}

/* 29 single bytes then ｶﾞ: cutting at 30 would leave ｶ without ﾞ. */
static void test_truncate_drops_kana_with_its_mark(void **state)
{
    char out[64], err[256];
    (void)state;
    int n = bankkana_convert(converters[SYM_NONE],
                             "アイウエオアイウエオアイウエオアイウエオアイウエオアイウエガ", out,
                             sizeof out, err, sizeof err);
    assert_int_equal(n, 31);
    assert_int_equal(bankkana_truncate(out, (size_t)n, 30), 29);
    assert_int_equal(bankkana_truncate(out, (size_t)n, 31), 31);
}

/* 28 single bytes then ｶﾞ: both fit in 30. */
static void test_truncate_keeps_kana_and_mark(void **state)
{
    char out[64], err[256];
    (void)state;
    int n = bankkana_convert(converters[SYM_NONE],
                             "アイウエオアイウエオアイウエオアイウエオアイウエオアイウパピ", out,
                             sizeof out, err, sizeof err);
    assert_int_equal(n, 32);
    assert_int_equal(bankkana_truncate(out, (size_t)n, 30), 30);
    assert_memory_equal(out + 28, "\xCA\xDF", 2);
    assert_int_equal(bankkana_truncate(out, (size_t)n, 31), 30); /* would split ﾋﾟ */
}

static void test_truncate_plain_cases(void **state)
{
    (void)state;
    assert_int_equal(bankkana_truncate("ABCDEF", 6, 4), 4);
    assert_int_equal(bankkana_truncate("ABC", 3, 30), 3);
    assert_int_equal(bankkana_truncate("\xB6\xDE", 2, 1), 0);
    assert_int_equal(bankkana_truncate("\xB6\xDE", 2, 0), 0);
    assert_int_equal(bankkana_truncate("\xB6\xDF\xB1", 3, 2), 2);
}

static void test_to_utf8_round_trip(void **state)
{
    char bytes[64], back[64], utf8[256], err[256];
    (void)state;
    int n = bankkana_convert(converters[SYM_NONE], "株式会社マツド・ケアーサービス", bytes,
                             sizeof bytes, err, sizeof err);
    assert_true(n > 0);
    int u = bankkana_to_utf8(bytes, (size_t)n, utf8, sizeof utf8);
    assert_int_equal(u, (int)strlen("ｶ)ﾏﾂﾄﾞ ｹｱ-ｻ-ﾋﾞｽ"));
    assert_string_equal(utf8, "ｶ)ﾏﾂﾄﾞ ｹｱ-ｻ-ﾋﾞｽ");
    int m = bankkana_convert(converters[SYM_NONE], utf8, back, sizeof back, err, sizeof err);
    assert_int_equal(m, n);
    assert_memory_equal(back, bytes, (size_t)n);
}

static void test_to_utf8_refusals(void **state)
{
    char out[16];
    (void)state;
    assert_int_equal(bankkana_to_utf8("\x80", 1, out, sizeof out), -1);
    assert_int_equal(bankkana_to_utf8("\xE0", 1, out, sizeof out), -1);
    assert_int_equal(bankkana_to_utf8("A\n", 2, out, sizeof out), -1);
    assert_int_equal(bankkana_to_utf8("\xB1", 1, out, 3), -1); /* 3 bytes + NUL */
    assert_int_equal(bankkana_to_utf8("\xB1", 1, out, 4), 3);
    assert_string_equal(out, "ｱ");
    assert_int_equal(bankkana_to_utf8("\xA1\xDF", 2, out, sizeof out), 6);
    assert_string_equal(out, "｡ﾟ");
}

static void *convert_many(void *arg)
{
    const bankkana_converter *c = arg;
    char out[64], err[256];
    for (int i = 0; i < 200; i++) {
        int n = bankkana_convert(c, "マツド株式会社チバ", out, sizeof out, err, sizeof err);
        if (n != 10 || memcmp(out, MATSUDO "(\xB6)\xC1\xCA\xDE", 10) != 0)
            return (void *)1;
    }
    return NULL;
}

static void test_one_converter_many_threads(void **state)
{
    pthread_t th[4];
    (void)state;
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, convert_many, converters[SYM_NONE]), 0);
    for (int i = 0; i < 4; i++) {
        void *res = (void *)1;
        pthread_join(th[i], &res);
        assert_null(res);
    }
}

static const struct CMUnitTest FIXED[] = {
    cmocka_unit_test(test_new_refuses_other_symbols),
    cmocka_unit_test(test_output_too_small),
    cmocka_unit_test(test_truncate_drops_kana_with_its_mark),
    cmocka_unit_test(test_truncate_keeps_kana_and_mark),
    cmocka_unit_test(test_truncate_plain_cases),
    cmocka_unit_test(test_to_utf8_round_trip),
    cmocka_unit_test(test_to_utf8_refusals),
    cmocka_unit_test(test_one_converter_many_threads),
};

#define FIXED_COUNT (sizeof FIXED / sizeof FIXED[0])

int main(void)
{
    static struct CMUnitTest tests[ROW_COUNT + FIXED_COUNT];
    for (size_t i = 0; i < ROW_COUNT; i++) {
        tests[i] = (struct CMUnitTest){
            .name = ROWS[i].input, .test_func = check_row, .initial_state = (void *)&ROWS[i]};
    }
    for (size_t i = 0; i < FIXED_COUNT; i++)
        tests[ROW_COUNT + i] = FIXED[i];
    return _cmocka_run_group_tests("bankkana", tests, ROW_COUNT + FIXED_COUNT, make_converters,
                                   free_converters);
}
