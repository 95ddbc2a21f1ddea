/* test_loop_pieces.c - the pieces of the shared consumer loop that need no
 * broker or database: configuration precedence, envelopes and UUIDs, the
 * dead-letter record (reason, original bytes, where it came from), log masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config.h"
#include "envelope.h"
#include "log.h"
#include "loop.h"

#include <stdlib.h>
#include <string.h>

static void test_config_defaults_env_and_args(void **state)
{
    (void)state;
    config c;
    char err[256];
    char *argv[] = {"x", "--batch-max=7", "positional", "--group-id=g1"};
    char *rest[4];
    int nrest = 0;
    setenv("SUBSIDY_BATCH_MAX", "50", 1);
    setenv("SUBSIDY_LOG_LEVEL", "debug", 1);
    assert_int_equal(config_load(&c, "intake", 4, argv, &nrest, rest, err, sizeof err), 0);
    assert_int_equal(c.batch_max, 7);               /* argument beats environment */
    assert_string_equal(c.log_level, "debug");      /* environment beats default */
    assert_int_equal(c.max_payload_bytes, 1048576); /* default */
    assert_string_equal(c.group_id, "g1");
    assert_int_equal(nrest, 1);
    assert_string_equal(rest[0], "positional");
    unsetenv("SUBSIDY_BATCH_MAX");
    unsetenv("SUBSIDY_LOG_LEVEL");
    assert_int_equal(config_load(&c, "payment", 1, argv, NULL, NULL, err, sizeof err), 0);
    assert_string_equal(c.group_id, "subsidy-payment");
}

static void test_config_refuses_bad_numbers(void **state)
{
    (void)state;
    config c;
    char err[256];
    char *argv[] = {"x", "--batch-max=ten"};
    assert_int_equal(config_load(&c, "intake", 2, argv, NULL, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "batch-max"));
}

static void test_business_date_override(void **state)
{
    (void)state;
    config c;
    char err[256], d[11];
    char *argv[] = {"x", "--business-date=2025-02-14"};
    assert_int_equal(config_load(&c, "v", 2, argv, NULL, NULL, err, sizeof err), 0);
    config_business_date(&c, d);
    assert_string_equal(d, "2025-02-14");
}

static void test_uuid(void **state)
{
    (void)state;
    char a[37], b[37];
    assert_int_equal(uuid_generate(a), 0);
    assert_int_equal(uuid_generate(b), 0);
    assert_true(uuid_valid(a));
    assert_string_not_equal(a, b);
    assert_int_equal(a[14], '4'); /* version 4 */
    assert_false(uuid_valid("not-a-uuid"));
    assert_false(uuid_valid("7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d1"));  /* 35 chars */
    assert_false(uuid_valid("7f1c7a52x4f7e-4a43-9f3e-0a3c2f0b9d11")); /* no dash */
}

static void test_envelope_new_and_check(void **state)
{
    (void)state;
    char err[128];
    json_t *env =
        envelope_new("application.received", "intake", "7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11",
                     json_pack("{s:s}", "a", "b"));
    assert_non_null(env);
    assert_true(envelope_check(env, err, sizeof err));
    assert_string_equal(envelope_type(env), "application.received");
    assert_string_equal(envelope_correlation_id(env), "7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11");
    assert_non_null(strstr(json_string_value(json_object_get(env, "occurred_at")), "+09:00"));
    json_object_del(env, "data");
    assert_false(envelope_check(env, err, sizeof err));
    assert_non_null(strstr(err, "/data"));
    json_object_set_new(env, "event_id", json_string("x"));
    assert_false(envelope_check(env, err, sizeof err));
    assert_non_null(strstr(err, "/event_id"));
    json_decref(env);
}

static void test_deadletter_keeps_original_bytes_and_source(void **state)
{
    (void)state;
    const char raw[] = "not json\x01\xff";
    json_t *d = loop_deadletter_data("NOT_JSON", "expected a JSON object", "subsidy-intake",
                                     "subsidy.application.submitted", 3, 41, raw, sizeof raw - 1);
    assert_non_null(d);
    assert_string_equal(json_string_value(json_object_get(d, "reason_code")), "NOT_JSON");
    json_t *src = json_object_get(d, "source");
    assert_int_equal(json_integer_value(json_object_get(src, "partition")), 3);
    assert_int_equal(json_integer_value(json_object_get(src, "offset")), 41);
    assert_string_equal(json_string_value(json_object_get(src, "consumer")), "subsidy-intake");
    /* base64 of the 11 original bytes */
    assert_string_equal(json_string_value(json_object_get(d, "original_base64")),
                        "bm90IGpzb24B/w==");
    assert_int_equal(strlen(json_string_value(json_object_get(d, "original_sha256"))), 64);
    json_decref(d);
}

static void test_log_mask(void **state)
{
    (void)state;
    char out[32];
    assert_string_equal(log_mask("1234567", 2, out, sizeof out), "*****67");
    assert_string_equal(log_mask("12", 4, out, sizeof out), "12");
    assert_string_equal(log_mask(NULL, 2, out, sizeof out), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_defaults_env_and_args),
        cmocka_unit_test(test_config_refuses_bad_numbers),
        cmocka_unit_test(test_business_date_override),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_envelope_new_and_check),
        cmocka_unit_test(test_deadletter_keeps_original_bytes_and_source),
        cmocka_unit_test(test_log_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
