/* test_jsonschema.c - the validator's own promises beyond the official suite:
 * error messages name the failing value's pointer and the keyword; unknown
 * keywords, formats, bad regexes, remote and cyclic references are refused at
 * load; lengths count code points; ECMA-like "$" and \d; deep recursion is
 * bounded; one compiled schema serves several threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/jsonschema.h"

#include <pthread.h>
#include <string.h>

static jsonschema *load_text(const char *text, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);
    assert_non_null(j);
    jsonschema *s = jsonschema_load(j, err, errlen);
    json_decref(j);
    return s;
}

/* Validates instance text against schema text; err gets the message. */
static int check(const char *schema, const char *instance, char *err, size_t errlen)
{
    char lerr[512];
    jsonschema *s = load_text(schema, lerr, sizeof lerr);
    if (!s)
        fail_msg("schema refused: %s", lerr);
    json_error_t jerr;
    json_t *i = json_loads(instance, JSON_DECODE_ANY, &jerr);
    assert_non_null(i);
    int rc = jsonschema_validate(s, i, err, errlen);
    json_decref(i);
    jsonschema_free(s);
    return rc;
}

static void assert_refused(const char *schema, const char *needle1, const char *needle2)
{
    char err[512];
    jsonschema *s = load_text(schema, err, sizeof err);
    if (s)
        fail_msg("schema accepted: %s", schema);
    if (!strstr(err, needle1) || (needle2 && !strstr(err, needle2)))
        fail_msg("message \"%s\" lacks \"%s\" / \"%s\"", err, needle1, needle2 ? needle2 : "");
}

static void assert_error_contains(const char *schema, const char *instance, const char *needle)
{
    char err[512];
    assert_int_equal(check(schema, instance, err, sizeof err), 0);
    if (!strstr(err, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err, needle);
}

static void test_message_names_pointer_and_keyword(void **state)
{
    (void)state;
    const char *schema = "{\"properties\":{\"data\":{\"properties\":{\"office\":{\"properties\":"
                         "{\"office_number\":{\"type\":\"string\",\"pattern\":\"^[0-9]{10}$\"}},"
                         "\"required\":[\"name\"]}}}}}";
    assert_error_contains(schema,
                          "{\"data\":{\"office\":{\"office_number\":\"12x\",\"name\":\"a\"}}}",
                          "/data/office/office_number: pattern: ");
    assert_error_contains(schema, "{\"data\":{\"office\":{}}}",
                          "/data/office: required: missing property \"name\"");
    assert_error_contains(schema, "{\"data\":{\"office\":{\"office_number\":5,\"name\":\"a\"}}}",
                          "/data/office/office_number: type: expected string, got integer");
    assert_error_contains("{\"type\":\"object\"}", "[]", "(root): type: ");
    assert_error_contains("{\"properties\":{\"a/b~c\":{\"type\":\"null\"}}}", "{\"a/b~c\":1}",
                          "/a~1b~0c: type");
    assert_error_contains("{\"items\":{\"maximum\":3}}", "[1,2,9]", "/2: maximum: ");
}

static void test_message_additional_and_enum(void **state)
{
    (void)state;
    assert_error_contains("{\"properties\":{\"a\":{}},\"additionalProperties\":false}",
                          "{\"a\":1,\"zz\":2}",
                          "/zz: additionalProperties: property \"zz\" is not allowed");
    assert_error_contains("{\"enum\":[\"ordinary\",\"current\"]}", "\"x\"",
                          "(root): enum: expected one of [\"ordinary\",\"current\"]");
    assert_error_contains("{\"const\":1}", "2", "(root): const: expected 1");
    assert_error_contains("{\"format\":\"date\"}", "\"2023-02-29\"", "(root): format: ");
}

static void test_several_errors_joined(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(check("{\"required\":[\"a\",\"b\"]}", "{}", err, sizeof err), 0);
    assert_string_equal(err, "(root): required: missing property \"a\"; (root): required: "
                             "missing property \"b\"");
    /* inside anyOf only the verdict is reported */
    assert_int_equal(
        check("{\"anyOf\":[{\"type\":\"string\"},{\"minimum\":5}]}", "3", err, sizeof err), 0);
    assert_non_null(strstr(err, "(root): anyOf: "));
    assert_null(strstr(err, "minimum"));
}

static void test_small_err_buffer_is_safe(void **state)
{
    (void)state;
    char err[8];
    assert_int_equal(check("{\"required\":[\"abcdefgh\"]}", "{}", err, sizeof err), 0);
    assert_int_equal(strlen(err), 7);
    assert_int_equal(check("{\"required\":[\"a\"]}", "{}", NULL, 0), 0);
}

static void test_unsupported_keywords_refused(void **state)
{
    (void)state;
    assert_refused("{\"properties\":{\"a\":{\"contentMediaType\":\"text/plain\"}}}",
                   "/properties/a/contentMediaType", "unsupported keyword \"contentMediaType\"");
    assert_refused("{\"$defs\":{}}", "\"$defs\"", NULL);
    assert_refused("{\"items\":[{\"typo\":1}]}", "/items/0/typo", NULL);
    assert_refused("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"}", "$schema",
                   NULL);
}

static void test_annotations_and_x_keys_accepted(void **state)
{
    (void)state;
    char err[256];
    const char *schema = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
                         "\"$id\":\"https://example.jp/a.schema.json\",\"title\":\"申請\","
                         "\"description\":\"d\",\"$comment\":\"c\",\"examples\":[1],"
                         "\"default\":1,\"readOnly\":true,\"writeOnly\":false,"
                         "\"x-schema-version\":1,\"x-anything\":{\"type\":5}}";
    assert_int_equal(check(schema, "1", err, sizeof err), 1);
}

static void test_unsupported_formats_refused(void **state)
{
    (void)state;
    assert_refused("{\"properties\":{\"u\":{\"format\":\"uri\"}}}", "/properties/u/format",
                   "\"uri\"");
    assert_refused("{\"format\":\"time\"}", "\"time\"", NULL);
}

static void test_bad_regex_refused(void **state)
{
    (void)state;
    assert_refused("{\"properties\":{\"p\":{\"pattern\":\"([a-z\"}}}", "/properties/p/pattern",
                   "invalid regular expression");
    assert_refused("{\"patternProperties\":{\"[\":{}}}", "/patternProperties", "[");
}

static void test_length_counts_code_points(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(check("{\"minLength\":3,\"maxLength\":3}", "\"松戸市\"", err, sizeof err), 1);
    assert_int_equal(check("{\"maxLength\":2}", "\"松戸市\"", err, sizeof err), 0);
    assert_non_null(strstr(err, "maxLength: expected at most 2 characters, got 3"));
    assert_int_equal(check("{\"maxLength\":1}", "\"\\ud83d\\ude00\"", err, sizeof err), 1);
}

static void test_pattern_is_ecma_like(void **state)
{
    (void)state;
    char err[256];
    const char *postal = "{\"pattern\":\"^[0-9]{7}$\"}";
    assert_int_equal(check(postal, "\"2718588\"", err, sizeof err), 1);
    assert_int_equal(check(postal, "\"2718588\\n\"", err, sizeof err), 0);
    assert_int_equal(check("{\"pattern\":\"^\\\\d+$\"}", "\"123\"", err, sizeof err), 1);
    assert_int_equal(check("{\"pattern\":\"^\\\\d+$\"}", "\"１２３\"", err, sizeof err), 0);
    assert_int_equal(check("{\"pattern\":\"戸\"}", "\"松戸市\"", err, sizeof err), 1);
    assert_int_equal(check("{\"pattern\":\"[$]\"}", "\"a$\"", err, sizeof err), 1);
}

static void test_refs_within_document(void **state)
{
    (void)state;
    char err[256];
    const char *schema = "{\"definitions\":{\"a/b\":{\"type\":\"integer\"},\"c~d\":{\"type\":"
                         "\"string\"},\"e%f\":{\"type\":\"null\"}},\"properties\":{"
                         "\"x\":{\"$ref\":\"#/definitions/a~1b\"},"
                         "\"y\":{\"$ref\":\"#/definitions/c~0d\"},"
                         "\"z\":{\"$ref\":\"#/definitions/e%25f\"}}}";
    assert_int_equal(check(schema, "{\"x\":1,\"y\":\"s\",\"z\":null}", err, sizeof err), 1);
    assert_int_equal(check(schema, "{\"x\":1.5}", err, sizeof err), 0);
    assert_non_null(strstr(err, "/x: type"));
    const char *with_id = "{\"$id\":\"https://example.jp/s.json\",\"definitions\":{\"n\":"
                          "{\"type\":\"integer\"}},\"items\":{\"$ref\":"
                          "\"https://example.jp/s.json#/definitions/n\"}}";
    assert_int_equal(check(with_id, "[1,2]", err, sizeof err), 1);
    assert_int_equal(check(with_id, "[1,\"2\"]", err, sizeof err), 0);
}

static void test_bad_refs_refused(void **state)
{
    (void)state;
    assert_refused("{\"$ref\":\"http://json-schema.org/draft-07/schema#\"}", "/$ref",
                   "another document");
    assert_refused("{\"properties\":{\"a\":{\"$ref\":\"other.json#/x\"}}}", "/properties/a/$ref",
                   NULL);
    assert_refused("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/missing\"}}}",
                   "/properties/a/$ref", "does not resolve");
    assert_refused("{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"$ref\":"
                   "\"#/definitions/a\"}},\"$ref\":\"#/definitions/a\"}",
                   "cycle", NULL);
}

static void test_deep_recursion_bounded(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(check("{\"allOf\":[{\"$ref\":\"#\"}]}", "1", err, sizeof err), 0);
    assert_non_null(strstr(err, "deeper than"));
    /* a recursive schema over a deep but finite instance is fine */
    char deep[2000] = "";
    for (int i = 0; i < 100; i++)
        strcat(deep, "{\"a\":");
    strcat(deep, "1");
    for (int i = 0; i < 100; i++)
        strcat(deep, "}");
    const char *tree =
        "{\"type\":[\"object\",\"integer\"],\"properties\":{\"a\":{\"$ref\":\"#\"}}}";
    assert_int_equal(check(tree, deep, err, sizeof err), 1);
}

static void test_numbers_by_value(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(check("{\"type\":\"integer\"}", "1.0", err, sizeof err), 1);
    assert_int_equal(check("{\"type\":\"integer\"}", "1.5", err, sizeof err), 0);
    assert_int_equal(check("{\"enum\":[1]}", "1.0", err, sizeof err), 1);
    assert_int_equal(check("{\"const\":{\"a\":[1.0]}}", "{\"a\":[1]}", err, sizeof err), 1);
    assert_int_equal(check("{\"uniqueItems\":true}", "[1,1.0]", err, sizeof err), 0);
    assert_int_equal(check("{\"multipleOf\":0.01}", "19.99", err, sizeof err), 1);
    assert_int_equal(check("{\"minimum\":0,\"maximum\":100000000}", "21000", err, sizeof err), 1);
}

static void test_dates(void **state)
{
    (void)state;
    char err[256];
    const char *date = "{\"format\":\"date\"}", *dt = "{\"format\":\"date-time\"}";
    assert_int_equal(check(date, "\"2024-02-29\"", err, sizeof err), 1);
    assert_int_equal(check(date, "\"2100-02-29\"", err, sizeof err), 0);
    assert_int_equal(check(date, "\"2000-02-29\"", err, sizeof err), 1);
    assert_int_equal(check(date, "\"2025-2-14\"", err, sizeof err), 0);
    assert_int_equal(check(dt, "\"2025-02-14T23:59:59.123+09:00\"", err, sizeof err), 1);
    assert_int_equal(check(dt, "\"2025-02-14T23:59:59\"", err, sizeof err), 0);
    assert_int_equal(check(dt, "\"1998-12-31T23:59:60Z\"", err, sizeof err), 1);
    assert_int_equal(check(dt, "\"1999-01-01T08:59:60+09:00\"", err, sizeof err), 1);
    assert_int_equal(check(dt, "\"1998-12-31T22:59:60Z\"", err, sizeof err), 0);
    assert_int_equal(check(dt, "\"2025-02-14T24:00:00Z\"", err, sizeof err), 0);
    assert_int_equal(check(dt, "\"2025-02-14 10:00:00Z\"", err, sizeof err), 0);
}

static void test_load_file_errors(void **state)
{
    (void)state;
    char err[256];
    assert_null(jsonschema_load_file("/nonexistent/x.schema.json", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/x.schema.json"));
    jsonschema_free(NULL);
}

typedef struct {
    const jsonschema *s;
    json_t *good, *bad;
    int failures;
} thread_job;

static void *validate_many(void *arg)
{
    thread_job *j = arg;
    char err[128];
    for (int i = 0; i < 2000; i++) {
        if (jsonschema_validate(j->s, j->good, err, sizeof err) != 1)
            j->failures++;
        if (jsonschema_validate(j->s, j->bad, err, sizeof err) != 0)
            j->failures++;
    }
    return NULL;
}

static void test_threads_share_a_schema(void **state)
{
    (void)state;
    char err[256];
    jsonschema *s = load_text("{\"patternProperties\":{\"^x\":{\"pattern\":\"^[0-9]{3}$\"}},"
                              "\"properties\":{\"n\":{\"maxLength\":3}}}",
                              err, sizeof err);
    assert_non_null(s);
    json_t *good = json_pack("{s:s,s:s}", "x1", "123", "n", "松戸市");
    json_t *bad = json_pack("{s:s}", "x1", "12a");
    thread_job jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){s, good, bad, 0};
        assert_int_equal(pthread_create(&t[i], NULL, validate_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].failures, 0);
    }
    json_decref(good);
    json_decref(bad);
    jsonschema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_names_pointer_and_keyword),
        cmocka_unit_test(test_message_additional_and_enum),
        cmocka_unit_test(test_several_errors_joined),
        cmocka_unit_test(test_small_err_buffer_is_safe),
        cmocka_unit_test(test_unsupported_keywords_refused),
        cmocka_unit_test(test_annotations_and_x_keys_accepted),
        cmocka_unit_test(test_unsupported_formats_refused),
        cmocka_unit_test(test_bad_regex_refused),
        cmocka_unit_test(test_length_counts_code_points),
        cmocka_unit_test(test_pattern_is_ecma_like),
        cmocka_unit_test(test_refs_within_document),
        cmocka_unit_test(test_bad_refs_refused),
        cmocka_unit_test(test_deep_recursion_bounded),
        cmocka_unit_test(test_numbers_by_value),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_load_file_errors),
        cmocka_unit_test(test_threads_share_a_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
