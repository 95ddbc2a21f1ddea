/* test_attachments.c - the attachment check: each problem code from the
 * declarations alone, then against a temporary content-addressed store of
 * real files (missing, size and hash mismatches). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/attachments.h"
#include "domain/digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

typedef struct {
    const char *name;
    const char *json;   /* the attachments value */
    const char *expect; /* problem codes in order, space-separated; "" = none */
} att_case;

static const att_case cases[] = {
    {"all well",
     "[{\"kind\":\"license_invoice\",\"file_name\":\"invoice.pdf\",\"size_bytes\":1,"
     "\"sha256\":\"" SHA_A "\"},{\"kind\":\"improvement_plan\",\"file_name\":"
     "\"業務改善計画書.pdf\",\"size_bytes\":0,\"sha256\":\"" SHA_B "\"}]",
     ""},
    {"empty list", "[]", ""},
    {"upper-case hex accepted",
     "[{\"file_name\":\"a.pdf\",\"size_bytes\":1,\"sha256\":\"ABCDEF0123456789ABCDEF0123456789"
     "ABCDEF0123456789ABCDEF0123456789\"}]",
     ""},
    {"sha256 65 digits", "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":\"a" SHA_A "\"}]",
     "SHA256_MALFORMED"},
    {"sha256 63 digits",
     "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":\""
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
     "SHA256_MALFORMED"},
    {"sha256 short", "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":\"abc\"}]",
     "SHA256_MALFORMED"},
    {"sha256 non-hex",
     "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":"
     "\"gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg\"}]",
     "SHA256_MALFORMED"},
    {"sha256 missing", "[{\"file_name\":\"a\",\"size_bytes\":1}]", "SHA256_MALFORMED"},
    {"sha256 number", "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":12}]", "SHA256_MALFORMED"},
    {"file name empty", "[{\"file_name\":\"\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name slash", "[{\"file_name\":\"a/b.pdf\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name backslash",
     "[{\"file_name\":\"a\\\\b.pdf\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name dot-dot", "[{\"file_name\":\"..\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name traversal",
     "[{\"file_name\":\"../../etc/passwd\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name newline",
     "[{\"file_name\":\"a\\nb.pdf\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name DEL", "[{\"file_name\":\"a\\u007f\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name C1", "[{\"file_name\":\"a\\u0085\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "FILE_NAME_UNSAFE"},
    {"file name missing", "[{\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]", "FILE_NAME_UNSAFE"},
    {"file name single dot ok",
     "[{\"file_name\":\"a.b.pdf\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]", ""},
    {"size negative", "[{\"file_name\":\"a\",\"size_bytes\":-1,\"sha256\":\"" SHA_A "\"}]",
     "SIZE_INVALID"},
    {"size real", "[{\"file_name\":\"a\",\"size_bytes\":1.5,\"sha256\":\"" SHA_A "\"}]",
     "SIZE_INVALID"},
    {"size string", "[{\"file_name\":\"a\",\"size_bytes\":\"1\",\"sha256\":\"" SHA_A "\"}]",
     "SIZE_INVALID"},
    {"size missing", "[{\"file_name\":\"a\",\"sha256\":\"" SHA_A "\"}]", "SIZE_INVALID"},
    {"size zero ok", "[{\"file_name\":\"a\",\"size_bytes\":0,\"sha256\":\"" SHA_A "\"}]", ""},
    {"duplicate sha256",
     "[{\"file_name\":\"a\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"},"
     "{\"file_name\":\"b\",\"size_bytes\":1,\"sha256\":\"" SHA_B "\"},"
     "{\"file_name\":\"c\",\"size_bytes\":1,\"sha256\":\"" SHA_A "\"}]",
     "DUPLICATE"},
    {"entry not an object", "[1]", "NOT_AN_OBJECT"},
    {"everything wrong", "[{\"file_name\":\"/\",\"size_bytes\":-5,\"sha256\":\"x\"}]",
     "SHA256_MALFORMED FILE_NAME_UNSAFE SIZE_INVALID"},
    {"not an array", "{\"file_name\":\"a\"}", "NOT_AN_ARRAY"},
    {"null", "null", "NOT_AN_ARRAY"},
};

/* The problem codes of list, space-separated, into buf. */
static void codes_of(const json_t *list, char *buf, size_t len)
{
    buf[0] = '\0';
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p)
    {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? " " : "",
                 json_string_value(json_object_get(p, "problem")));
    }
}

static void test_table(void **state)
{
    (void)state;
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++) {
        json_t *in = json_loads(cases[i].json, JSON_DECODE_ANY, NULL);
        if (!in)
            fail_msg("case '%s' is not JSON", cases[i].name);
        json_t *out = attachments_check(in, NULL);
        assert_non_null(out);
        char got[256];
        codes_of(out, got, sizeof got);
        if (strcmp(got, cases[i].expect) != 0)
            fail_msg("case '%s': expected '%s', got '%s'", cases[i].name, cases[i].expect, got);
        json_decref(in);
        json_decref(out);
    }
    print_message("attachments: %zu table cases\n", n);
}

static void test_problem_shape(void **state)
{
    (void)state;
    json_t *in = json_pack("[{s:s,s:s,s:i,s:s},{s:s,s:i,s:s,s:s}]", "kind", "license_invoice",
                           "file_name", "a.pdf", "size_bytes", 1, "sha256", SHA_A, "kind", "other",
                           "size_bytes", 2, "file_name", "b.pdf", "sha256", SHA_A);
    json_t *out = attachments_check(in, NULL);
    assert_int_equal(json_array_size(out), 1);
    json_t *p = json_array_get(out, 0);
    assert_int_equal(json_integer_value(json_object_get(p, "index")), 1);
    assert_string_equal(json_string_value(json_object_get(p, "kind")), "other");
    assert_string_equal(json_string_value(json_object_get(p, "file_name")), "b.pdf");
    assert_string_equal(json_string_value(json_object_get(p, "problem")), "DUPLICATE");
    assert_non_null(strstr(json_string_value(json_object_get(p, "detail")), "attachment 0"));
    json_decref(in);
    json_decref(out);

    out = attachments_check(NULL, NULL);
    p = json_array_get(out, 0);
    assert_int_equal(json_integer_value(json_object_get(p, "index")), -1);
    assert_true(json_is_null(json_object_get(p, "kind")));
    assert_true(json_is_null(json_object_get(p, "file_name")));
    json_decref(out);
}

static void test_long_file_name(void **state)
{
    (void)state;
    char name[300];
    memset(name, 'x', sizeof name);
    for (size_t len = 254; len <= 256; len++) {
        json_t *in =
            json_pack("[{s:s%,s:i,s:s}]", "file_name", name, len, "size_bytes", 1, "sha256", SHA_A);
        json_t *out = attachments_check(in, NULL);
        assert_int_equal(json_array_size(out), len > 255 ? 1 : 0);
        json_decref(in);
        json_decref(out);
    }
}

/* A temporary store holding two files under their own hashes, one under a
 * wrong name, and a directory where a file should be. */
typedef struct {
    char dir[64];
    char sha_invoice[65], sha_plan[65], sha_liar[65];
} store;

static void store_put(const char *dir, const char *name, const char *content)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(content, 1, strlen(content), f);
    fclose(f);
}

static int store_setup(void **state)
{
    store *s = calloc(1, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/test_attachments.XXXXXX");
    if (!mkdtemp(s->dir))
        return -1;
    digest_sha256_hex("%PDF-1.4 invoice", 16, s->sha_invoice);
    digest_sha256_hex("%PDF-1.4 plan", 13, s->sha_plan);
    digest_sha256_hex("what it should be", 17, s->sha_liar);
    store_put(s->dir, s->sha_invoice, "%PDF-1.4 invoice");
    store_put(s->dir, s->sha_plan, "%PDF-1.4 plan");
    store_put(s->dir, s->sha_liar, "something else entirely");
    *state = s;
    return 0;
}

static int store_teardown(void **state)
{
    store *s = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
    int rc = system(cmd);
    free(s);
    return rc == 0 ? 0 : -1;
}

static json_t *one(const char *sha, json_int_t size)
{
    return json_pack("{s:s,s:s,s:I,s:s}", "kind", "license_invoice", "file_name", "x.pdf",
                     "size_bytes", size, "sha256", sha);
}

static void test_store(void **state)
{
    store *s = *state;
    char missing[65], upper[65], subdir[256];
    digest_sha256_hex("not stored", 10, missing);
    for (int i = 0; i < 65; i++)
        upper[i] = (s->sha_plan[i] >= 'a' && s->sha_plan[i] <= 'f')
                       ? (char)(s->sha_plan[i] - 'a' + 'A')
                       : s->sha_plan[i];
    char dirsha[65];
    digest_sha256_hex("a directory", 11, dirsha);
    snprintf(subdir, sizeof subdir, "%s/%s", s->dir, dirsha);
    assert_int_equal(mkdir(subdir, 0700), 0);
    const struct {
        json_t *entry;
        const char *expect;
    } rows[] = {
        {one(s->sha_invoice, 16), ""},
        {one(s->sha_plan, 13), ""},
        {one(upper, 13), ""},
        {one(s->sha_invoice, 17), "SIZE_MISMATCH"},
        {one(missing, 10), "FILE_MISSING"},
        {one(dirsha, 10), "FILE_MISSING"},
        {one(s->sha_liar, 23), "SHA256_MISMATCH"},
        {one("zz", 1), "SHA256_MALFORMED"},
    };
    size_t n = sizeof rows / sizeof rows[0];
    for (size_t i = 0; i < n; i++) {
        json_t *list = json_pack("[o]", rows[i].entry);
        json_t *out = attachments_check(list, s->dir);
        char got[256];
        codes_of(out, got, sizeof got);
        if (strcmp(got, rows[i].expect) != 0)
            fail_msg("store row %zu: expected '%s', got '%s'", i, rows[i].expect, got);
        json_decref(list);
        json_decref(out);
    }
    /* Without a store the same entries only get the metadata checks. */
    json_t *list = json_pack("[o,o]", one(missing, 10), one(s->sha_liar, 1));
    json_t *out = attachments_check(list, NULL);
    assert_int_equal(json_array_size(out), 0);
    json_decref(out);
    out = attachments_check(list, "/nonexistent/store");
    char got[256];
    codes_of(out, got, sizeof got);
    assert_string_equal(got, "FILE_MISSING FILE_MISSING");
    json_decref(out);
    json_decref(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_problem_shape),
        cmocka_unit_test(test_long_file_name),
        cmocka_unit_test_setup_teardown(test_store, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
