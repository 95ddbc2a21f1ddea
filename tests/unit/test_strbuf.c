/* test_strbuf.c - the growing text buffer: appends, formatting past the
 * stack buffer, growth across many appends, take and free. */
#include "domain/strbuf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void test_put_and_take(void **state)
{
    (void)state;
    strbuf b = {0};
    strbuf_put(&b, "令和");
    strbuf_putn(&b, "7年2月14日xyz", strlen("7年2月14日"));
    strbuf_printf(&b, " %s%d", "R6-", 42);
    assert_int_equal(b.len, strlen("令和7年2月14日 R6-42"));
    char *text = strbuf_take(&b);
    assert_string_equal(text, "令和7年2月14日 R6-42");
    assert_null(b.p);
    assert_int_equal(b.len, 0);
    free(text);
}

static void test_take_empty_is_empty_string(void **state)
{
    (void)state;
    strbuf b = {0};
    char *text = strbuf_take(&b);
    assert_non_null(text);
    assert_string_equal(text, "");
    free(text);
}

static void test_printf_longer_than_stack_buffer(void **state)
{
    (void)state;
    char long_text[2001];
    memset(long_text, 'a', 2000);
    long_text[2000] = '\0';
    strbuf b = {0};
    strbuf_printf(&b, "<%s>", long_text);
    assert_int_equal(b.len, 2002);
    assert_int_equal(b.p[0], '<');
    assert_int_equal(b.p[2001], '>');
    assert_int_equal(b.p[2002], '\0');
    strbuf_free(&b);
    assert_null(b.p);
}

static void test_many_appends_grow(void **state)
{
    (void)state;
    strbuf b = {0};
    for (int i = 0; i < 100000; i++)
        strbuf_putn(&b, "0123456789", (size_t)(i % 10) + 1);
    size_t want = 0;
    for (int i = 0; i < 100000; i++)
        want += (size_t)(i % 10) + 1;
    assert_false(b.oom);
    assert_int_equal(b.len, want);
    assert_int_equal(strlen(b.p), want);
    assert_true(b.cap > b.len);
    strbuf_free(&b);
}

static void test_oom_take_returns_null(void **state)
{
    (void)state;
    strbuf b = {0};
    strbuf_put(&b, "x");
    b.oom = true; /* as after a failed allocation */
    strbuf_put(&b, "ignored");
    assert_int_equal(b.len, 1);
    assert_null(strbuf_take(&b));
    assert_null(b.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_and_take),
        cmocka_unit_test(test_take_empty_is_empty_string),
        cmocka_unit_test(test_printf_longer_than_stack_buffer),
        cmocka_unit_test(test_many_appends_grow),
        cmocka_unit_test(test_oom_take_returns_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
