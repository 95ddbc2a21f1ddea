/* test_digest.c - SHA-256 against the FIPS 180-2 / NIST vectors, base64
 * against RFC 4648 section 10, and the canonical JSON digest's independence
 * from key order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/digest.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *in;
    const char *hex;
} sha_vectors[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"The quick brown fox jumps over the lazy dog",
     "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"},
};

static void test_sha256_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sha_vectors / sizeof sha_vectors[0]; i++) {
        char out[65];
        digest_sha256_hex(sha_vectors[i].in, strlen(sha_vectors[i].in), out);
        assert_string_equal(out, sha_vectors[i].hex);
    }
    char out[65];
    digest_sha256_hex(NULL, 0, out);
    assert_string_equal(out, sha_vectors[0].hex);
}

static void test_sha256_million_a(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    char out[65];
    digest_sha256_hex(a, n, out);
    assert_string_equal(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

static void test_sha256_binary_with_nul(void **state)
{
    (void)state;
    char out[65];
    digest_sha256_hex("\0", 1, out);
    assert_string_equal(out, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

static const struct {
    const char *in;
    const char *b64;
} b64_vectors[] = {
    /* RFC 4648 section 10 */
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
    /* the "+" and "/" alphabet */
    {"\xfb\xff", "+/8="},
    {"\xff\xff\xff", "////"},
};

static void test_base64_rfc4648(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof b64_vectors / sizeof b64_vectors[0]; i++) {
        char *s = digest_base64_new(b64_vectors[i].in, strlen(b64_vectors[i].in));
        assert_non_null(s);
        assert_string_equal(s, b64_vectors[i].b64);
        free(s);
    }
    char *s = digest_base64_new("\0\0", 2);
    assert_string_equal(s, "AAA=");
    free(s);
}

static void test_base64_long_has_no_line_breaks(void **state)
{
    (void)state;
    size_t n = 7 * 1024 * 1024; /* crosses the internal 3 MiB chunks; n % 3 == 1 */
    unsigned char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)(i * 7);
    char *s = digest_base64_new(buf, n);
    assert_non_null(s);
    assert_int_equal(strlen(s), 4 * ((n + 2) / 3));
    assert_null(strchr(s, '\n'));
    assert_string_equal(s + strlen(s) - 2, "==");
    /* Every full chunk boundary encodes as if unchunked: compare a slice. */
    char *head = digest_base64_new(buf + 3 * (1 << 20), 3);
    assert_memory_equal(s + 4 * (1 << 20), head, 4);
    free(head);
    free(s);
    free(buf);
}

static void test_json_digest_ignores_key_order(void **state)
{
    (void)state;
    json_t *a = json_loads("{\"b\":1,\"a\":{\"y\":[1,2],\"x\":\"松戸\"}}", 0, NULL);
    json_t *b = json_loads("{ \"a\" : { \"x\" : \"松戸\", \"y\" : [1, 2] }, \"b\" : 1 }", 0, NULL);
    char ha[65], hb[65], hc[65];
    assert_int_equal(digest_json_hex(a, ha), 0);
    assert_int_equal(digest_json_hex(b, hb), 0);
    assert_string_equal(ha, hb);
    /* It is the digest of the documented canonical text. */
    const char *canon = "{\"a\":{\"x\":\"松戸\",\"y\":[1,2]},\"b\":1}";
    digest_sha256_hex(canon, strlen(canon), hc);
    assert_string_equal(ha, hc);
    /* Array order matters. */
    json_t *c = json_loads("{\"b\":1,\"a\":{\"y\":[2,1],\"x\":\"松戸\"}}", 0, NULL);
    assert_int_equal(digest_json_hex(c, hc), 0);
    assert_string_not_equal(ha, hc);
    json_decref(a);
    json_decref(b);
    json_decref(c);
}

static void test_json_digest_scalars_and_null(void **state)
{
    (void)state;
    char out[65], expect[65];
    json_t *s = json_string("x");
    assert_int_equal(digest_json_hex(s, out), 0);
    digest_sha256_hex("\"x\"", 3, expect);
    assert_string_equal(out, expect);
    json_decref(s);
    assert_int_equal(digest_json_hex(NULL, out), -1);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_sha256_million_a),
        cmocka_unit_test(test_sha256_binary_with_nul),
        cmocka_unit_test(test_base64_rfc4648),
        cmocka_unit_test(test_base64_long_has_no_line_breaks),
        cmocka_unit_test(test_json_digest_ignores_key_order),
        cmocka_unit_test(test_json_digest_scalars_and_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
