/* test_json_guard.c - the guarded decoder: each reason code in turn, the order
 * the checks run in, the byte offsets it reports, and input that must pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/json_guard.h"

#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

typedef struct {
    const char *name;
    const char *bytes;
    size_t len;
    const char *code; /* NULL = decodes to an object */
    const char *in_reason;
} guard_case;

static const json_guard_limits lim = {1024, 8};

static const guard_case cases[] = {
    {"plain object", S("{\"a\":1,\"b\":[1,2,{\"c\":null}]}"), NULL, NULL},
    {"empty object", S("{}"), NULL, NULL},
    {"surrounding whitespace", S(" \n\t{}\r\n "), NULL, NULL},
    {"japanese text", S("{\"name\":\"株式会社まつど介護\"}"), NULL, NULL},
    {"4-byte utf-8", S("{\"e\":\"\xF0\x9F\x98\x80\"}"), NULL, NULL},
    {"max code point", S("{\"e\":\"\xF4\x8F\xBF\xBF\"}"), NULL, NULL},
    {"escaped surrogate pair", S("{\"e\":\"\\ud83d\\ude00\"}"), NULL, NULL},
    {"brackets inside strings do not count", S("{\"a\":\"[[[[[[[[[[[[[[[[[[[[\"}"), NULL, NULL},
    {"escaped quote then brackets", S("{\"a\":\"\\\"[[[[[[[[[[[[[\"}"), NULL, NULL},
    {"depth exactly at limit", S("{\"a\":[[[[[[[1]]]]]]]}"), NULL, NULL},
    {"int64 max", S("{\"n\":9223372036854775807}"), NULL, NULL},
    {"int64 min", S("{\"n\":-9223372036854775808}"), NULL, NULL},
    {"big real fits", S("{\"n\":1e308}"), NULL, NULL},

    {"empty payload", S(""), JSON_GUARD_NOT_JSON, "empty"},
    {"whitespace only", S("   \n\t "), JSON_GUARD_NOT_JSON, NULL},
    {"truncated object", S("{\"a\":1"), JSON_GUARD_NOT_JSON, NULL},
    {"truncated string", S("{\"a\":\"abc"), JSON_GUARD_NOT_JSON, NULL},
    {"trailing garbage", S("{} x"), JSON_GUARD_NOT_JSON, NULL},
    {"two objects", S("{}{}"), JSON_GUARD_NOT_JSON, NULL},
    {"single quotes", S("{'a':1}"), JSON_GUARD_NOT_JSON, NULL},
    {"trailing comma", S("{\"a\":1,}"), JSON_GUARD_NOT_JSON, NULL},
    {"comment", S("{/*x*/}"), JSON_GUARD_NOT_JSON, NULL},
    {"NaN", S("{\"a\":NaN}"), JSON_GUARD_NOT_JSON, NULL},
    {"escaped NUL", S("{\"a\":\"x\\u0000y\"}"), JSON_GUARD_NOT_JSON, NULL},
    {"lone escaped surrogate", S("{\"a\":\"\\ud800\"}"), JSON_GUARD_NOT_JSON, NULL},
    {"bad escape", S("{\"a\":\"\\q\"}"), JSON_GUARD_NOT_JSON, NULL},
    {"raw control char in string", S("{\"a\":\"x\ty\"}"), JSON_GUARD_NOT_JSON, NULL},
    {"leading zero", S("{\"a\":012}"), JSON_GUARD_NOT_JSON, NULL},

    {"array", S("[1,2]"), JSON_GUARD_NOT_OBJECT, "array"},
    {"string", S("\"x\""), JSON_GUARD_NOT_OBJECT, "string"},
    {"number", S("42"), JSON_GUARD_NOT_OBJECT, "number"},
    {"null", S("null"), JSON_GUARD_NOT_OBJECT, "null"},
    {"true", S("true"), JSON_GUARD_NOT_OBJECT, "boolean"},

    {"duplicate top-level key", S("{\"a\":1,\"a\":2}"), JSON_GUARD_DUPLICATE_KEY, NULL},
    {"duplicate nested key", S("{\"a\":{\"b\":1,\"b\":1}}"), JSON_GUARD_DUPLICATE_KEY, NULL},
    {"duplicate key in array element", S("{\"a\":[{\"k\":1,\"k\":1}]}"), JSON_GUARD_DUPLICATE_KEY,
     NULL},

    {"int64 max + 1", S("{\"n\":9223372036854775808}"), JSON_GUARD_NUMBER_OVERFLOW, NULL},
    {"int64 min - 1", S("{\"n\":-9223372036854775809}"), JSON_GUARD_NUMBER_OVERFLOW, NULL},
    {"30-digit integer", S("{\"n\":123456789012345678901234567890}"), JSON_GUARD_NUMBER_OVERFLOW,
     NULL},
    {"real overflow", S("{\"n\":1e400}"), JSON_GUARD_NUMBER_OVERFLOW, NULL},
    {"negative real overflow", S("{\"n\":-1.5e999}"), JSON_GUARD_NUMBER_OVERFLOW, NULL},

    {"depth one over", S("{\"a\":[[[[[[[[1]]]]]]]]}"), JSON_GUARD_TOO_DEEP, "byte 12"},
    {"unbalanced opening", S("[[[[[[[[[[[[["), JSON_GUARD_TOO_DEEP, "byte 8"},
    {"deep objects", S("{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}}}}"),
     JSON_GUARD_TOO_DEEP, NULL},

    {"raw NUL in string", S("{\"a\":\"x\0y\"}"), JSON_GUARD_NUL_BYTE, "byte 7"},
    {"raw NUL after object", S("{}\0"), JSON_GUARD_NUL_BYTE, "byte 2"},
    {"NUL wins over depth", S("[[[[[[[[[[[\0"), JSON_GUARD_NUL_BYTE, NULL},

    {"lone continuation", S("{\"a\":\"\x80\"}"), JSON_GUARD_INVALID_UTF8, "byte 6"},
    {"overlong slash C0 AF", S("{\"a\":\"\xC0\xAF\"}"), JSON_GUARD_INVALID_UTF8, "overlong"},
    {"overlong C1", S("{\"a\":\"\xC1\xBF\"}"), JSON_GUARD_INVALID_UTF8, "overlong"},
    {"overlong 3-byte", S("{\"a\":\"\xE0\x80\xAF\"}"), JSON_GUARD_INVALID_UTF8, "overlong"},
    {"overlong 4-byte", S("{\"a\":\"\xF0\x80\x80\xAF\"}"), JSON_GUARD_INVALID_UTF8, "overlong"},
    {"surrogate D800", S("{\"a\":\"\xED\xA0\x80\"}"), JSON_GUARD_INVALID_UTF8, "surrogate"},
    {"surrogate DFFF", S("{\"a\":\"\xED\xBF\xBF\"}"), JSON_GUARD_INVALID_UTF8, "surrogate"},
    {"above U+10FFFF F4 90", S("{\"a\":\"\xF4\x90\x80\x80\"}"), JSON_GUARD_INVALID_UTF8, "10FFFF"},
    {"F5 lead", S("{\"a\":\"\xF5\x80\x80\x80\"}"), JSON_GUARD_INVALID_UTF8, "10FFFF"},
    {"FF byte", S("{\"a\":\"\xFF\"}"), JSON_GUARD_INVALID_UTF8, "byte 6"},
    {"truncated 2-byte mid-string", S("{\"a\":\"\xC3\"}"), JSON_GUARD_INVALID_UTF8, "truncated"},
    {"truncated 3-byte mid-string", S("{\"a\":\"\xE3\x81\"}"), JSON_GUARD_INVALID_UTF8,
     "truncated"},
    {"truncated at end", S("{\"a\":1}\xE3\x81"), JSON_GUARD_INVALID_UTF8, "end of the input"},
    {"latin-1 e-acute", S("{\"a\":\"caf\xE9\"}"), JSON_GUARD_INVALID_UTF8, "byte 9"},
    {"shift_jis bytes", S("{\"a\":\"\x8F\xBC\x8C\xCB\"}"), JSON_GUARD_INVALID_UTF8, "byte 6"},
    {"utf-8 wins over NUL", S("{\"a\":\"\0\xFF\"}"), JSON_GUARD_INVALID_UTF8, "byte 7"},
    {"invalid utf-8 in key", S("{\"\xC0\x80\":1}"), JSON_GUARD_INVALID_UTF8, "byte 2"},
};

static void test_table(void **state)
{
    (void)state;
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++) {
        const guard_case *c = &cases[i];
        const char *code = "unset";
        char reason[256];
        /* Copy into an exact-size heap buffer so ASan sees any over-read. */
        char *buf = malloc(c->len ? c->len : 1);
        assert_non_null(buf);
        memcpy(buf, c->bytes, c->len);
        json_t *j = json_guard_decode(buf, c->len, &lim, &code, reason, sizeof reason);
        free(buf);
        if (!c->code) {
            if (!j)
                fail_msg("case '%s': expected an object, got %s: %s", c->name, code, reason);
            assert_true(json_is_object(j));
            assert_null(code);
            json_decref(j);
            continue;
        }
        if (j || !code || strcmp(code, c->code) != 0)
            fail_msg("case '%s': expected %s, got %s: %s", c->name, c->code, j ? "an object" : code,
                     reason);
        assert_true(reason[0] != '\0');
        if (c->in_reason && !strstr(reason, c->in_reason))
            fail_msg("case '%s': reason '%s' does not mention '%s'", c->name, reason, c->in_reason);
    }
    print_message("json_guard: %zu table cases\n", n);
}

static void test_too_large_checked_first(void **state)
{
    (void)state;
    json_guard_limits small = {4, 8};
    const char *code = NULL;
    char reason[128];
    /* Invalid UTF-8 and a NUL too, but size is checked first. */
    assert_null(json_guard_decode("{\"\xFF\0\"}", 7, &small, &code, reason, sizeof reason));
    assert_string_equal(code, JSON_GUARD_PAYLOAD_TOO_LARGE);
    assert_non_null(strstr(reason, "7 bytes"));
}

static void test_exactly_max_bytes_passes(void **state)
{
    (void)state;
    json_guard_limits four = {4, 8};
    const char *code = NULL;
    char reason[128];
    json_t *j = json_guard_decode("{}  ", 4, &four, &code, reason, sizeof reason);
    assert_non_null(j);
    json_decref(j);
    assert_null(json_guard_decode("{}   ", 5, &four, &code, reason, sizeof reason));
    assert_string_equal(code, JSON_GUARD_PAYLOAD_TOO_LARGE);
}

static void test_hundred_thousand_brackets_do_not_recurse(void **state)
{
    (void)state;
    size_t n = 100000;
    char *buf = malloc(2 * n);
    assert_non_null(buf);
    memset(buf, '[', n);
    memset(buf + n, ']', n);
    json_guard_limits big = {4 * n, 64};
    const char *code = NULL;
    char reason[128];
    assert_null(json_guard_decode(buf, 2 * n, &big, &code, reason, sizeof reason));
    assert_string_equal(code, JSON_GUARD_TOO_DEEP);
    assert_non_null(strstr(reason, "byte 64"));
    free(buf);
}

static void test_reason_buffer_small_or_absent(void **state)
{
    (void)state;
    const char *code = NULL;
    char tiny[4];
    assert_null(json_guard_decode("[", 1, &lim, &code, tiny, sizeof tiny));
    assert_string_equal(code, JSON_GUARD_NOT_JSON);
    assert_int_equal(strlen(tiny), 3);
    assert_null(json_guard_decode("[", 1, &lim, &code, NULL, 0));
    assert_null(json_guard_decode("[", 1, &lim, NULL, NULL, 0));
    assert_null(json_guard_decode(NULL, 0, &lim, &code, tiny, sizeof tiny));
    assert_string_equal(code, JSON_GUARD_NOT_JSON);
}

static void test_keys_and_values_survive(void **state)
{
    (void)state;
    const char *code = NULL;
    char reason[128];
    const char *text = "{\"data\":{\"office\":{\"office_number\":\"1271234563\"}},\"n\":-5}";
    json_t *j = json_guard_decode(text, strlen(text), &lim, &code, reason, sizeof reason);
    assert_non_null(j);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(json_object_get(j, "data"), "office"),
                                          "office_number")),
        "1271234563");
    assert_int_equal(json_integer_value(json_object_get(j, "n")), -5);
    json_decref(j);
}

static void test_utf8_validator_direct(void **state)
{
    (void)state;
    const char *why = NULL;
    const unsigned char ok[] = "a\xC3\xA9\xE3\x81\x82\xF0\x9F\x98\x80";
    assert_int_equal(json_guard_utf8_invalid_at(ok, sizeof ok - 1, &why), sizeof ok - 1);
    assert_null(why);
    const unsigned char bad[] = "ab\xE3\x81x";
    assert_int_equal(json_guard_utf8_invalid_at(bad, sizeof bad - 1, &why), 2);
    assert_non_null(why);
    assert_int_equal(json_guard_utf8_invalid_at(bad, 0, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_too_large_checked_first),
        cmocka_unit_test(test_exactly_max_bytes_passes),
        cmocka_unit_test(test_hundred_thousand_brackets_do_not_recurse),
        cmocka_unit_test(test_reason_buffer_small_or_absent),
        cmocka_unit_test(test_keys_and_values_survive),
        cmocka_unit_test(test_utf8_validator_direct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
