/* test_schema_examples.c - every schema in schemas/<name>.schema.json loads; its
 * example schemas/examples/<name>.json (when present) validates; every
 * schemas/examples/invalid/<name>.<why>.json fails against the schema it names
 * with a message containing its "expect"; the topic schemas carry $id,
 * x-schema-version and a title and description on every field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/jsonschema.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCHEMA_DIR SOURCE_DIR "/schemas"

static const char *topic_schemas[] = {
    "application_submitted",
    "application_received",
    "application_decided",
    "payment_instructed",
    "payment_settled",
    "payment_outcome",
    "notice",
    "deadletter",
};

/* Names of files in dir ending with suffix (suffix stripped), sorted; returns
 * the count, names in out (caller frees each). */
static int list_files(const char *dir, const char *suffix, char **out, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    size_t sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0)
            out[n++] = strndup(e->d_name, len - sl);
    }
    closedir(d);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
            char *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

static jsonschema *load_schema(const char *name)
{
    char path[1024], err[1024];
    snprintf(path, sizeof path, "%s/%s.schema.json", SCHEMA_DIR, name);
    jsonschema *s = jsonschema_load_file(path, err, sizeof err);
    if (!s)
        fail_msg("schema %s refused: %s", name, err);
    return s;
}

static void test_every_schema_loads_and_its_example_validates(void **state)
{
    (void)state;
    char *names[64];
    int n = list_files(SCHEMA_DIR, ".schema.json", names, 64), examples = 0;
    assert_true(n >= 8);
    for (int i = 0; i < n; i++) {
        jsonschema *s = load_schema(names[i]);
        char path[1024], err[1024];
        snprintf(path, sizeof path, "%s/examples/%s.json", SCHEMA_DIR, names[i]);
        if (access(path, R_OK) == 0) {
            json_error_t jerr;
            json_t *msg = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
            if (!msg)
                fail_msg("%s: %s", path, jerr.text);
            int rc = jsonschema_validate(s, msg, err, sizeof err);
            if (rc != 1)
                fail_msg("example %s does not validate: %s", names[i], err);
            json_decref(msg);
            examples++;
        }
        jsonschema_free(s);
        free(names[i]);
    }
    printf("schemas: %d loaded, %d valid examples validated\n", n, examples);
}

static void check_invalid_example(const char *file)
{
    char path[1024], err[1024];
    snprintf(path, sizeof path, "%s/examples/invalid/%s.json", SCHEMA_DIR, file);
    json_error_t jerr;
    json_t *ex = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!ex)
        fail_msg("%s: %s", path, jerr.text);
    const char *schema = json_string_value(json_object_get(ex, "schema"));
    const char *expect = json_string_value(json_object_get(ex, "expect"));
    json_t *msg = json_object_get(ex, "message");
    if (!schema || !expect || !msg)
        fail_msg("%s: needs \"schema\", \"expect\" and \"message\"", path);
    jsonschema *s = load_schema(schema);
    int rc = jsonschema_validate(s, msg, err, sizeof err);
    if (rc != 0)
        fail_msg("invalid example %s: expected invalid, got %d", file, rc);
    if (!strstr(err, expect))
        fail_msg("invalid example %s: message \"%s\" lacks \"%s\"", file, err, expect);
    jsonschema_free(s);
    json_decref(ex);
}

static void test_every_invalid_example_fails_as_expected(void **state)
{
    (void)state;
    char *names[256];
    int n = list_files(SCHEMA_DIR "/examples/invalid", ".json", names, 256);
    for (int i = 0; i < n; i++) {
        check_invalid_example(names[i]);
        free(names[i]);
    }
    printf("invalid examples: %d failed with the expected message\n", n);
    assert_true(n >= 16);
}

static void test_each_topic_schema_has_two_invalid_examples(void **state)
{
    (void)state;
    char *names[256];
    int n = list_files(SCHEMA_DIR "/examples/invalid", ".json", names, 256);
    for (size_t t = 0; t < sizeof topic_schemas / sizeof topic_schemas[0]; t++) {
        int count = 0;
        size_t len = strlen(topic_schemas[t]);
        for (int i = 0; i < n; i++)
            if (strncmp(names[i], topic_schemas[t], len) == 0 && names[i][len] == '.')
                count++;
        if (count < 2)
            fail_msg("%s has %d invalid examples, want at least 2", topic_schemas[t], count);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
}

/* Fails unless every schema under "properties" (recursively, but not inside
 * the conditions "if" and "not") has a title and a description. Returns the number of fields
 * checked. */
static int check_field_docs(const json_t *schema, const char *where)
{
    int count = 0;
    size_t i;
    json_t *item;
    json_array_foreach(schema, i, item) count += check_field_docs(item, where);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)schema, key, v)
    {
        bool condition = strcmp(key, "if") == 0 || strcmp(key, "not") == 0;
        if ((json_is_object(v) || json_is_array(v)) && !condition)
            count += check_field_docs(v, where);
    }
    json_t *props = json_object_get(schema, "properties");
    json_object_foreach(props, key, v)
    {
        if (!json_is_string(json_object_get(v, "title")) ||
            !json_is_string(json_object_get(v, "description")))
            fail_msg("%s: property \"%s\" lacks a title or description", where, key);
        count++;
    }
    return count;
}

static void test_topic_schemas_are_documented(void **state)
{
    (void)state;
    int fields = 0;
    for (size_t t = 0; t < sizeof topic_schemas / sizeof topic_schemas[0]; t++) {
        char path[1024], want_id[256];
        snprintf(path, sizeof path, "%s/%s.schema.json", SCHEMA_DIR, topic_schemas[t]);
        snprintf(want_id, sizeof want_id,
                 "https://schemas.subsidy.city.matsudo.example/v1/%s.schema.json",
                 topic_schemas[t]);
        json_error_t jerr;
        json_t *s = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
        if (!s)
            fail_msg("%s: %s", path, jerr.text);
        assert_string_equal(json_string_value(json_object_get(s, "$id")), want_id);
        assert_int_equal(json_integer_value(json_object_get(s, "x-schema-version")), 1);
        fields += check_field_docs(s, topic_schemas[t]);
        json_decref(s);
    }
    printf("topic schemas: %d fields documented\n", fields);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_schema_loads_and_its_example_validates),
        cmocka_unit_test(test_every_invalid_example_fails_as_expected),
        cmocka_unit_test(test_each_topic_schema_has_two_invalid_examples),
        cmocka_unit_test(test_topic_schemas_are_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
