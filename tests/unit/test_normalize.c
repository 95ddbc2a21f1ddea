/* test_normalize.c - the normaliser: trimming everywhere, full-width codes,
 * hyphens and dash look-alikes, letter case per field, the changes list with
 * the originals, odd types left untouched, and the input never modified. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *pointer; /* where the value sits, e.g. "/office/office_number" */
    const char *in;
    const char *out;
} norm_case;

/* Full-width digits ０-９ are EF BC 90-99, Ａ-Ｚ EF BC A1-BA, ａ-ｚ EF BD 81-9A. */
static const norm_case cases[] = {
    {"/office/office_number", "１２７１２３４５６３", "1271234563"},
    {"/office/office_number", " 1271234563\t", "1271234563"},
    {"/office/office_number",
     "\xE3\x80\x80"
     "1271234563"
     "\xE3\x80\x80",
     "1271234563"},
    {"/office/office_number", "12ａ1234563", "12A1234563"},
    {"/office/office_number", "12a1234563", "12A1234563"},
    {"/office/office_number", "127-123-4563", "127-123-4563"}, /* hyphens kept: schema's job */
    {"/office/service_type_code", "２ａ", "2A"},
    {"/office/service_type_code", "ａ１", "A1"},
    {"/applicant/corporate_number", "４０１１００１０９８９９３", "4011001098993"},
    {"/applicant/postal_code", "271-8588", "2718588"},
    {"/applicant/postal_code", "２７１－８５８８", "2718588"},
    {"/applicant/postal_code", "271ー8588", "2718588"}, /* U+30FC */
    {"/applicant/postal_code", "271ｰ8588", "2718588"},  /* U+FF70 */
    {"/applicant/postal_code",
     "271\xE2\x88\x92"
     "8588",
     "2718588"}, /* U+2212 */
    {"/applicant/postal_code", "271 8588", "2718588"},
    {"/applicant/postal_code",
     "271\xE3\x80\x80"
     "8588",
     "2718588"},
    {"/applicant/phone", "047-366-7370", "0473667370"},
    {"/applicant/phone", "０４７‐３６６‐７３７０", "0473667370"}, /* U+2010 */
    {"/applicant/phone",
     "047\xE2\x80\x91"
     "366\xE2\x80\x92"
     "7370",
     "0473667370"},
    {"/applicant/phone",
     "047\xE2\x80\x93"
     "366\xE2\x80\x94"
     "7370",
     "0473667370"},
    {"/applicant/phone",
     "047\xE2\x80\x95"
     "366 7370",
     "0473667370"},
    {"/applicant/fax", " 047-363-4008 ", "0473634008"},
    {"/bank_account/bank_code", "０００１", "0001"},
    {"/bank_account/branch_code", " ００１", "001"},
    {"/bank_account/account_number", "123-4567", "1234567"},
    {"/bank_account/account_number", "１２３ ４５６７", "1234567"},
    {"/submission_id", "7F1C7A52-4F7E-4A43-9F3E-0A3C2F0B9D11",
     "7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11"},
    {"/submission_id", "７f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11",
     "7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11"},
    {"/program_id", " matsudo-careplan-license-２０２４ ", "matsudo-careplan-license-2024"},
    {"/program_id", "Matsudo", "Matsudo"},
    {"/amends_receipt_no", "ｒ６-000123", "R6-000123"},
    {"/applicant/name", "\xE3\x80\x80株式会社まつど介護 ", "株式会社まつど介護"},
    {"/applicant/name", "株式会社　まつど", "株式会社　まつど"}, /* inner U+3000 kept */
    {"/applicant/name", "ＡＢＣ介護", "ＡＢＣ介護"},             /* names: trim only */
    {"/applicant/name_kana", " カブシキガイシャ ", "カブシキガイシャ"},
    {"/applicant/name_kana", "ロードテスト", "ロードテスト"}, /* ー kept in kana */
    {"/applicant/address", "松戸市根本３８７番地の５", "松戸市根本３８７番地の５"},
    {"/applicant/email", " office@example.jp\n", "office@example.jp"},
    {"/bank_account/holder_kana", "カ）マツド ", "カ）マツド"},
    {"/office/name", "\t\n\r\v\f", ""},
    {"/office/name", "", ""},
    {"/unknown_field", " x ", "x"},
};

/* Builds {"a": {"b": value}} for a two-level pointer, {"a": value} for one. */
static json_t *doc_with(const char *pointer, const char *value)
{
    char a[64], b[64];
    json_t *v = json_string(value);
    assert_non_null(v);
    if (sscanf(pointer, "/%63[^/]/%63s", a, b) == 2)
        return json_pack("{s:{s:o}}", a, b, v);
    return json_pack("{s:o}", pointer + 1, v);
}

static const char *value_at(const json_t *doc, const char *pointer)
{
    char a[64], b[64];
    if (sscanf(pointer, "/%63[^/]/%63s", a, b) == 2)
        return json_string_value(json_object_get(json_object_get(doc, a), b));
    return json_string_value(json_object_get(doc, pointer + 1));
}

static void test_table(void **state)
{
    (void)state;
    size_t n = sizeof cases / sizeof cases[0];
    for (size_t i = 0; i < n; i++) {
        const norm_case *c = &cases[i];
        json_t *in = doc_with(c->pointer, c->in);
        json_t *changes = NULL;
        json_t *out = normalize_application(in, &changes);
        assert_non_null(out);
        assert_non_null(changes);
        const char *got = value_at(out, c->pointer);
        if (!got || strcmp(got, c->out) != 0)
            fail_msg("case %zu %s '%s': expected '%s', got '%s'", i, c->pointer, c->in, c->out,
                     got ? got : "(null)");
        assert_string_equal(value_at(in, c->pointer), c->in); /* input untouched */
        int changed = strcmp(c->in, c->out) != 0;
        assert_int_equal(json_array_size(changes), changed);
        if (changed) {
            json_t *rec = json_array_get(changes, 0);
            assert_string_equal(json_string_value(json_object_get(rec, "pointer")), c->pointer);
            assert_string_equal(json_string_value(json_object_get(rec, "original")), c->in);
            assert_string_equal(json_string_value(json_object_get(rec, "normalized")), c->out);
        }
        json_decref(in);
        json_decref(out);
        json_decref(changes);
    }
    print_message("normalize: %zu table cases\n", n);
}

static json_t *application(void)
{
    json_t *j = json_loads(
        "{\"submission_id\":\"7f1c7a52-4f7e-4a43-9f3e-0a3c2f0b9d11\","
        "\"program_id\":\"matsudo-careplan-license-2024\",\"channel\":\"online\","
        "\"received_at\":\"2025-01-10T10:15:00+09:00\",\"amends_receipt_no\":null,"
        "\"applicant\":{\"corporate_number\":\"４０１１００１０９８９９３\",\"name\":"
        "\"株式会社まつど介護\","
        "\"postal_code\":\"271-8588\",\"phone\":\"0473667370\"},"
        "\"office\":{\"office_number\":\"1271234563\",\"service_type_code\":\"43\","
        "\"deemed_designation\":false,\"care_service_since\":null},"
        "\"license\":{\"fee_yen\":21000},\"claim_amount_yen\":21000,"
        "\"attachments\":[{\"kind\":\"license_invoice\",\"file_name\":\" invoice.pdf \","
        "\"size_bytes\":48213,\"sha256\":\"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF01"
        "23456789\"},{\"kind\":\"improvement_plan\",\"file_name\":\"plan.pdf\",\"size_bytes\":1,"
        "\"sha256\":\"ａｂ\"}],"
        "\"bank_account\":{\"bank_code\":\"0001\",\"account_number\":\"123-4567\"}}",
        0, NULL);
    assert_non_null(j);
    return j;
}

static json_t *change_for(const json_t *changes, const char *pointer)
{
    size_t i;
    json_t *rec;
    json_array_foreach(changes, i, rec)
    {
        if (strcmp(json_string_value(json_object_get(rec, "pointer")), pointer) == 0)
            return rec;
    }
    return NULL;
}

static void test_whole_application_changes_list(void **state)
{
    (void)state;
    json_t *in = application(), *changes = NULL;
    char *before = json_dumps(in, JSON_SORT_KEYS);
    json_t *out = normalize_application(in, &changes);
    assert_non_null(out);
    assert_int_equal(json_array_size(changes), 6);
    json_t *c = change_for(changes, "/applicant/corporate_number");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "original")),
                        "４０１１００１０９８９９３");
    assert_string_equal(json_string_value(json_object_get(c, "normalized")), "4011001098993");
    assert_non_null(change_for(changes, "/applicant/postal_code"));
    assert_non_null(change_for(changes, "/attachments/0/file_name"));
    c = change_for(changes, "/attachments/0/sha256");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "normalized")),
                        "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    c = change_for(changes, "/attachments/1/sha256");
    assert_non_null(c);
    assert_string_equal(json_string_value(json_object_get(c, "normalized")), "ab");
    assert_non_null(change_for(changes, "/bank_account/account_number"));
    /* Untouched values keep their types and values. */
    assert_true(json_is_null(json_object_get(out, "amends_receipt_no")));
    assert_int_equal(json_integer_value(json_object_get(out, "claim_amount_yen")), 21000);
    assert_true(
        json_is_false(json_object_get(json_object_get(out, "office"), "deemed_designation")));
    /* The input is not modified. */
    char *after = json_dumps(in, JSON_SORT_KEYS);
    assert_string_equal(before, after);
    free(before);
    free(after);
    json_decref(in);
    json_decref(out);
    json_decref(changes);
}

static void test_odd_types_untouched(void **state)
{
    (void)state;
    const char *odd[] = {
        "{\"office\":{\"office_number\":1271234563}}",
        "{\"office\":\"１２７\"}",
        "{\"office\":[\" １ \"]}",
        "{\"applicant\":{\"postal_code\":[\"271-8588\"]}}",
        "{\"attachments\":{\"sha256\":\"ABC\"}}",
        "{\"attachments\":[\"ABC\",null,7,{\"sha256\":5}]}",
        "{\"bank_account\":null,\"claim_amount_yen\":1.5,\"x\":true}",
        "{}",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        json_t *in = json_loads(odd[i], 0, NULL), *changes = NULL;
        assert_non_null(in);
        json_t *out = normalize_application(in, &changes);
        assert_non_null(out);
        assert_non_null(changes);
        /* Non-string values are equal; strings in odd places are only trimmed. */
        json_t *expect = json_deep_copy(in);
        if (i == 2)
            json_array_set_new(json_object_get(expect, "office"), 0, json_string("１"));
        if (!json_equal(out, expect)) {
            char *got = json_dumps(out, JSON_SORT_KEYS);
            fail_msg("odd case %zu changed to %s", i, got);
        }
        json_decref(expect);
        json_decref(in);
        json_decref(out);
        json_decref(changes);
    }
}

static void test_array_and_non_object_roots(void **state)
{
    (void)state;
    json_t *changes = NULL;
    json_t *in = json_pack("[s,i]", " a ", 1);
    json_t *out = normalize_application(in, &changes);
    assert_non_null(out);
    assert_string_equal(json_string_value(json_array_get(out, 0)), "a");
    assert_string_equal(json_string_value(json_object_get(json_array_get(changes, 0), "pointer")),
                        "/0");
    json_decref(in);
    json_decref(out);
    json_decref(changes);
    assert_null(normalize_application(NULL, &changes));
    assert_null(changes);
}

static void test_pointer_escapes_keys(void **state)
{
    (void)state;
    json_t *changes = NULL;
    json_t *in = json_pack("{s:{s:s}}", "a/b", "c~d", " x");
    json_t *out = normalize_application(in, &changes);
    assert_string_equal(json_string_value(json_object_get(json_array_get(changes, 0), "pointer")),
                        "/a~1b/c~0d");
    json_decref(in);
    json_decref(out);
    json_decref(changes);
}

static void test_changes_may_be_null(void **state)
{
    (void)state;
    json_t *in = json_pack("{s:s}", "submission_id", " X ");
    json_t *out = normalize_application(in, NULL);
    assert_string_equal(json_string_value(json_object_get(out, "submission_id")), "x");
    json_decref(in);
    json_decref(out);
}

static void test_idempotent(void **state)
{
    (void)state;
    json_t *in = application(), *c1 = NULL, *c2 = NULL;
    json_t *once = normalize_application(in, &c1);
    json_t *twice = normalize_application(once, &c2);
    assert_true(json_equal(once, twice));
    assert_int_equal(json_array_size(c2), 0);
    json_decref(in);
    json_decref(once);
    json_decref(twice);
    json_decref(c1);
    json_decref(c2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_whole_application_changes_list),
        cmocka_unit_test(test_odd_types_untouched),
        cmocka_unit_test(test_array_and_non_object_roots),
        cmocka_unit_test(test_pointer_escapes_keys),
        cmocka_unit_test(test_changes_may_be_null),
        cmocka_unit_test(test_idempotent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
