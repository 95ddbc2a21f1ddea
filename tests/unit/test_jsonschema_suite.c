/* test_jsonschema_suite.c - runs the official JSON-Schema-Test-Suite (Debian
 * package json-schema-test-suite, draft7 folder) against the validator: every
 * file of a supported keyword plus optional/format date, date-time and email.
 * Files that need what this validator deliberately lacks are listed as
 * skipped with the reason; a group whose schema the loader refuses (e.g. a
 * remote $ref) is skipped with the loader's message. Fails if any run case
 * fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/jsonschema.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *suite_dirs[] = {
    "/usr/share/json-schema-test-suite/tests/draft7",
    "/usr/share/json-schema-test-suite/draft7",
    "/usr/share/json-schema-test-suite/tests/draft-07",
};

/* Files not run, relative to the draft7 folder, and why. */
static const struct {
    const char *file;
    const char *reason;
} skipped_files[] = {
    {"refRemote.json", "remote $ref (other documents) is refused by design"},
    {"optional/bignum.json", "optional: numbers beyond double precision"},
    {"optional/content.json", "contentMediaType/contentEncoding not supported"},
    {"optional/ecmascript-regex.json", "optional: full ECMA-262 regex (ICU used)"},
    {"optional/zeroTerminatedFloats.json", "optional"},
    {"optional/float-overflow.json", "optional: numbers beyond double precision"},
    {"optional/non-bmp-regex.json", "optional: full ECMA-262 regex (ICU used)"},
    {"optional/cross-draft.json", "optional: other drafts"},
};

/* optional/format files that are run; every other format is refused. */
static const char *run_formats[] = {"date.json", "date-time.json", "email.json"};

typedef struct {
    int files, run, passed, failed, skipped, files_skipped;
    char skipped_list[2048];
} suite_counts;

static const char *skip_reason(const char *rel)
{
    for (size_t i = 0; i < sizeof skipped_files / sizeof skipped_files[0]; i++)
        if (strcmp(skipped_files[i].file, rel) == 0)
            return skipped_files[i].reason;
    if (strncmp(rel, "optional/format/", 16) == 0) {
        for (size_t i = 0; i < sizeof run_formats / sizeof run_formats[0]; i++)
            if (strcmp(rel + 16, run_formats[i]) == 0)
                return NULL;
        return "format not supported (load refuses it)";
    }
    return NULL;
}

static void note_skipped_file(suite_counts *c, const char *rel, const char *reason)
{
    size_t used = strlen(c->skipped_list);
    snprintf(c->skipped_list + used, sizeof c->skipped_list - used, "%s%s", used ? ", " : "", rel);
    c->files_skipped++;
    printf("skip file %s: %s\n", rel, reason);
}

/* Runs one group: its schema and tests. */
static void run_group(suite_counts *c, const char *rel, const json_t *group)
{
    const char *desc = json_string_value(json_object_get(group, "description"));
    json_t *tests = json_object_get(group, "tests");
    char err[1024];
    jsonschema *s = jsonschema_load(json_object_get(group, "schema"), err, sizeof err);
    if (!s) {
        c->skipped += (int)json_array_size(tests);
        printf("skip group %s \"%s\": %s\n", rel, desc, err);
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(tests, i, t)
    {
        int want = json_is_true(json_object_get(t, "valid"));
        int got = jsonschema_validate(s, json_object_get(t, "data"), err, sizeof err);
        c->run++;
        if (got == want) {
            c->passed++;
        } else {
            c->failed++;
            printf("FAIL %s \"%s\" / \"%s\": expected %s, got %d (%s)\n", rel, desc,
                   json_string_value(json_object_get(t, "description")), want ? "valid" : "invalid",
                   got, got == 1 ? "" : err);
        }
    }
    jsonschema_free(s);
}

static void run_file(suite_counts *c, const char *dir, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    c->files++;
    const char *reason = skip_reason(rel);
    if (reason) {
        note_skipped_file(c, rel, reason);
        return;
    }
    json_error_t jerr;
    json_t *groups = json_load_file(path, 0, &jerr);
    if (!json_is_array(groups)) {
        printf("FAIL %s: cannot read: %s\n", rel, jerr.text);
        c->failed++;
        json_decref(groups);
        return;
    }
    size_t i;
    json_t *g;
    json_array_foreach(groups, i, g) run_group(c, rel, g);
    json_decref(groups);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every *.json file of dir/sub (sub "" for the top), in name order. */
static void run_folder(suite_counts *c, const char *dir, const char *sub)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s%s", dir, *sub ? "/" : "", sub);
    DIR *d = opendir(path);
    if (!d)
        return;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], compare_names);
    for (size_t i = 0; i < n; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "%s%s%s", sub, *sub ? "/" : "", names[i]);
        run_file(c, dir, rel);
        free(names[i]);
    }
}

static const char *find_suite(void)
{
    struct stat st;
    for (size_t i = 0; i < sizeof suite_dirs / sizeof suite_dirs[0]; i++)
        if (stat(suite_dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
            return suite_dirs[i];
    return NULL;
}

static void test_official_suite(void **state)
{
    (void)state;
    const char *dir = find_suite();
    if (!dir) {
        printf("JSON-Schema-Test-Suite draft7 not found (install the Debian package "
               "json-schema-test-suite): skipped\n");
        skip();
    }
    suite_counts c = {0};
    run_folder(&c, dir, "");
    run_folder(&c, dir, "optional");
    run_folder(&c, dir, "optional/format");
    printf("JSON-Schema-Test-Suite draft7: %d files, %d cases run, %d passed, %d failed, %d "
           "skipped (%d files skipped: %s; cases of groups the loader refuses are counted as "
           "skipped)\n",
           c.files, c.run, c.passed, c.failed, c.skipped, c.files_skipped, c.skipped_list);
    assert_true(c.run > 0);
    assert_int_equal(c.failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_official_suite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
