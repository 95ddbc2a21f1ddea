/* test_hostile_corpus.c - every file of tests/corpus/hostile/ and the big ones
 * tests/corpus/make_big.sh writes: a file named <CODE>.<what>.json whose CODE
 * is a json_guard code must get exactly that code from json_guard_decode with
 * the default limits (1 MiB, depth 64); every other file (SCHEMA_VIOLATION,
 * ENVELOPE_INVALID, WRONG_TYPE, ACCEPTED: decided later, by the integration
 * test) must decode to an object. Prints the counts per code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/json_guard.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const json_guard_limits default_limits = {1048576, 64};

static const char *const guard_codes[] = {
    JSON_GUARD_PAYLOAD_TOO_LARGE, JSON_GUARD_INVALID_UTF8,  JSON_GUARD_NUL_BYTE,
    JSON_GUARD_TOO_DEEP,          JSON_GUARD_DUPLICATE_KEY, JSON_GUARD_NUMBER_OVERFLOW,
    JSON_GUARD_NOT_JSON,          JSON_GUARD_NOT_OBJECT,    JSON_GUARD_OUT_OF_MEMORY,
};
#define N_GUARD (sizeof guard_codes / sizeof guard_codes[0])

typedef struct {
    int per_code[N_GUARD];
    int later; /* files json_guard must let through */
    int files;
} corpus_counts;

static int guard_index(const char *code, size_t len)
{
    for (size_t i = 0; i < N_GUARD; i++)
        if (strlen(guard_codes[i]) == len && strncmp(guard_codes[i], code, len) == 0)
            return (int)i;
    return -1;
}

/* Reads a whole file into a new exact-size buffer (caller frees). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return buf;
}

/* Checks one file against the code its name expects. */
static void check_file(const char *dir, const char *name, corpus_counts *c)
{
    const char *dot = strchr(name, '.');
    if (!dot || strcmp(name + strlen(name) - 5, ".json") != 0)
        fail_msg("%s: not named <CODE>.<what>.json", name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    char *bytes = read_file(path, &len);
    if (!bytes)
        fail_msg("%s: cannot read", path);
    const char *code = NULL;
    char reason[512];
    json_t *j = json_guard_decode(bytes, len, &default_limits, &code, reason, sizeof reason);
    free(bytes);
    int want = guard_index(name, (size_t)(dot - name));
    c->files++;
    if (want >= 0) {
        if (j || strcmp(code, guard_codes[want]) != 0)
            fail_msg("%s: expected %s, got %s (%s)", name, guard_codes[want],
                     j ? "an object" : code, j ? "" : reason);
        c->per_code[want]++;
    } else {
        if (!j)
            fail_msg("%s: expected to pass json_guard, got %s: %s", name, code, reason);
        c->later++;
    }
    json_decref(j);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every *.json file in dir, in name order. */
static void check_dir(const char *dir, corpus_counts *c)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < sizeof names / sizeof names[0]) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        check_file(dir, names[i], c);
        free(names[i]);
    }
}

static void print_counts(const char *what, const corpus_counts *c)
{
    print_message("%s: %d files\n", what, c->files);
    for (size_t i = 0; i < N_GUARD; i++)
        if (c->per_code[i])
            print_message("  %-18s %d (json_guard code as expected)\n", guard_codes[i],
                          c->per_code[i]);
    print_message("  %-18s %d (decoded to an object; decided later)\n", "other", c->later);
}

static void test_committed_corpus(void **state)
{
    (void)state;
    corpus_counts c = {0};
    check_dir(SOURCE_DIR "/tests/corpus/hostile", &c);
    print_counts("tests/corpus/hostile", &c);
    assert_true(c.files >= 100);
    for (size_t i = 0; i < N_GUARD; i++) {
        if (strcmp(guard_codes[i], JSON_GUARD_PAYLOAD_TOO_LARGE) == 0 ||
            strcmp(guard_codes[i], JSON_GUARD_OUT_OF_MEMORY) == 0)
            continue; /* the big ones come from make_big.sh; OOM is not a file */
        if (c.per_code[i] == 0)
            fail_msg("no committed file expects %s", guard_codes[i]);
    }
    assert_true(c.later > 0);
}

static void test_big_corpus(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_hostile_big.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bash '%s/tests/corpus/make_big.sh' '%s' >/dev/null", SOURCE_DIR,
             dir);
    assert_int_equal(system(cmd), 0);
    corpus_counts c = {0};
    check_dir(dir, &c);
    print_counts("make_big.sh", &c);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(c.files, 3);
    assert_int_equal(c.per_code[0], 1); /* PAYLOAD_TOO_LARGE */
    assert_int_equal(c.per_code[3], 1); /* TOO_DEEP */
    assert_int_equal(c.per_code[5], 1); /* NUMBER_OVERFLOW */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committed_corpus),
        cmocka_unit_test(test_big_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
