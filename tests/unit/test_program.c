/* test_program.c - program definitions: both shipped files load with the
 * values they state, amounts and correction deadlines derive from them, and
 * definitions the schema would pass but that make no sense are refused with
 * the field named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date_asserts.h"

#include "domain/program.h"

#include <string.h>

static json_t *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/ops/programs/%s", SOURCE_DIR, name);
    json_error_t e;
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
    assert_non_null(j);
    return j;
}

static program *load_program(const char *name)
{
    json_t *j = load(name);
    char err[256] = "";
    program *p = program_from_json(j, err, sizeof err);
    json_decref(j);
    if (!p)
        fail_msg("%s: %s", name, err);
    return p;
}

static void test_matsudo_loads(void **state)
{
    (void)state;
    program *p = load_program("matsudo-2024.json");
    assert_string_equal(program_id(p), "matsudo-careplan-license-2024");
    assert_int_equal(program_version(p), 1);
    assert_string_equal(program_name(p), "松戸市ケアプランデータ連携システムライセンス料補助金");
    assert_int_equal(program_fiscal_year(p), 2024);
    assert_string_equal(program_municipality_name(p), "松戸市");
    assert_string_equal(program_municipality_code(p), "122076");
    assert_string_equal(program_municipality_corporate_number(p), "4000020122076");
    assert_string_equal(program_contact_phone(p), "047-366-7370");
    assert_string_equal(program_contact_fax(p), "047-363-4008");
    assert_string_equal(program_contact_postal_code(p), "271-8588");
    assert_non_null(strstr(program_contact_department(p), "介護保険課"));
    assert_non_null(strstr(program_contact_address(p), "根本387番地の5"));
    assert_int_equal(program_amount_for_fee(p, 21000), 21000);
    assert_int_equal(program_amount_for_fee(p, 30000), 21000);
    assert_int_equal(program_amount_for_fee(p, 10000), 10000); /* never more than the fee */
    assert_int_equal(program_amount_for_fee(p, 0), 0);
    assert_int_equal(program_amount_for_fee(p, -5), 0);
    assert_int_equal(program_budget_yen(p), 21000000);
    assert_date(program_licence_from(p), "2024-04-01");
    assert_date(program_licence_to(p), "2025-03-31");
    assert_date(program_signup_deadline(p), "2025-02-14");
    assert_date(program_arrival_deadline(p), "2025-02-14");
    static const char *eligible[] = {"11", "2A", "41", "43", "46", "78", "A1", "A8"};
    for (size_t i = 0; i < sizeof eligible / sizeof eligible[0]; i++)
        assert_true(program_service_type_eligible(p, eligible[i]));
    static const char *not_eligible[] = {"62", "2B", "34", "74", "A9", "", "4"};
    for (size_t i = 0; i < sizeof not_eligible / sizeof not_eligible[0]; i++)
        assert_false(program_service_type_eligible(p, not_eligible[i]));
    assert_false(program_service_type_eligible(p, NULL));
    assert_true(program_deemed_eligible(p));
    assert_date(program_deemed_care_service_since(p), "2024-04-01");
    assert_true(program_attachment_required(p, "online", "improvement_plan"));
    assert_false(program_attachment_required(p, "post", "improvement_plan"));
    assert_true(program_attachment_required(p, "post", "license_invoice"));
    assert_true(program_attachment_required(p, "fax", "improvement_plan"));
    assert_false(program_attachment_required(p, "online", "no_such_kind"));
    assert_true(program_poa_required(p));
    assert_true(program_poa_originals_by_post(p));
    assert_true(program_one_per_office(p));
    assert_true(program_one_claim_across_years(p));
    assert_int_equal(program_grace_days(p), 3);
    program_free(p);
}

static void test_correction_deadline(void **state)
{
    (void)state;
    program *p = load_program("matsudo-2024.json");
    assert_date(program_correction_deadline(p, D("2025-01-10")), "2025-02-14");
    assert_date(program_correction_deadline(p, D("2025-02-11")), "2025-02-14");
    assert_date(program_correction_deadline(p, D("2025-02-12")), "2025-02-15");
    assert_date(program_correction_deadline(p, D("2025-02-26")), "2025-03-01");
    program_free(p);
}

static void test_sample_town_loads(void **state)
{
    (void)state;
    program *p = load_program("sample-town-2024.json");
    assert_string_equal(program_id(p), "sample-town-careplan-2024");
    assert_string_equal(program_municipality_code(p), "129999");
    assert_string_equal(program_contact_fax(p), "");
    assert_int_equal(program_amount_for_fee(p, 21000), 5000);
    assert_int_equal(program_amount_for_fee(p, 8001), 4000); /* floor of 4000.5 */
    assert_int_equal(program_amount_for_fee(p, 1), 0);
    assert_int_equal(program_budget_yen(p), 15000);
    assert_false(program_deemed_eligible(p));
    assert_false(program_one_claim_across_years(p));
    assert_false(program_poa_originals_by_post(p));
    assert_false(program_attachment_required(p, "online", "improvement_plan"));
    assert_date(program_correction_deadline(p, D("2025-02-25")), "2025-03-04");
    program_free(p);
}

/* Each row changes one member of the Matsudo definition (a JSON object
 * merged over it, with null deleting) and names the field the refusal must
 * mention. */
static const struct {
    const char *change, *field;
} refusals[] = {
    {"{\"licence_period\": {\"from\": \"2024-04-01\", \"to\": \"2024-02-30\"}}",
     "licence_period.to"},
    {"{\"licence_period\": {\"from\": \"2025-04-01\", \"to\": \"2024-04-01\"}}", "licence_period"},
    {"{\"licence_period\": {\"from\": \"2021-04-01\", \"to\": \"2025-03-31\"}}", "licence_period"},
    {"{\"licence_period\": {\"from\": \"2026-04-01\", \"to\": \"2026-05-31\"}}", "licence_period"},
    {"{\"signup_deadline\": \"2025-02-15\"}", "signup_deadline"},
    {"{\"signup_deadline\": \"2025-2-14\"}", "signup_deadline"},
    {"{\"arrival_deadline\": \"2027-02-14\", \"signup_deadline\": \"2025-02-14\"}",
     "arrival_deadline"},
    {"{\"arrival_deadline\": \"2024-03-01\", \"signup_deadline\": \"2024-03-01\"}",
     "arrival_deadline"},
    {"{\"eligible_service_types\": [\"11\", \"43\", \"11\"]}", "eligible_service_types[2]"},
    {"{\"eligible_service_types\": []}", "eligible_service_types"},
    {"{\"eligible_service_types\": [\"4\"]}", "eligible_service_types[0]"},
    {"{\"amount\": {\"mode\": \"fixed\", \"fixed_yen\": 0}}", "amount.fixed_yen"},
    {"{\"amount\": {\"mode\": \"fixed\", \"fixed_yen\": 21000, \"cap_yen\": 5}}", "amount"},
    {"{\"amount\": {\"mode\": \"share_of_fee\", \"share_percent\": 150, \"cap_yen\": 0, "
     "\"rounding\": \"floor\"}}",
     "amount.share_percent"},
    {"{\"amount\": {\"mode\": \"share_of_fee\", \"share_percent\": 50, \"cap_yen\": 0, "
     "\"rounding\": \"banker\"}}",
     "amount.rounding"},
    {"{\"amount\": {\"mode\": \"percent\"}}", "amount.mode"},
    {"{\"budget_yen\": 20000}", "budget_yen"},
    {"{\"budget_yen\": -1}", "budget_yen"},
    {"{\"municipality\": {\"name\": \"松戸市\", \"code\": \"12207\", "
     "\"corporate_number\": \"4000020122076\"}}",
     "municipality.code"},
    {"{\"municipality\": {\"name\": \"松戸市\", \"code\": \"122076\", "
     "\"corporate_number\": \"5000020122076\"}}",
     "municipality.corporate_number"},
    {"{\"required_attachments\": {\"online\": [\"license_invoice\", \"license_invoice\"], "
     "\"post\": []}}",
     "required_attachments.online[1]"},
    {"{\"required_attachments\": {\"online\": [], \"post\": [\"fax_cover\"]}}",
     "required_attachments.post[0]"},
    {"{\"power_of_attorney\": {\"required_when_holder_is_not_applicant\": false, "
     "\"originals_by_post\": true}}",
     "power_of_attorney.originals_by_post"},
    {"{\"correction\": {\"grace_days\": 400}}", "correction.grace_days"},
    {"{\"version\": 0}", "version"},
    {"{\"name\": \"\"}", "name"},
    {"{\"one_per_office\": null}", "one_per_office"},
    {"{\"deemed_designation\": {\"eligible\": true, \"care_service_since\": \"2024-04-31\"}}",
     "deemed_designation.care_service_since"},
    {"{\"fiscal_year\": 2018}", "fiscal_year"},
};

static void test_semantic_refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        json_t *def = load("matsudo-2024.json");
        json_t *change = json_loads(refusals[i].change, 0, NULL);
        assert_non_null(change);
        const char *key;
        json_t *v;
        json_object_foreach(change, key, v)
        {
            if (json_is_null(v))
                json_object_del(def, key);
            else
                json_object_set(def, key, v);
        }
        char err[256] = "";
        program *p = program_from_json(def, err, sizeof err);
        if (p || strncmp(err, refusals[i].field, strlen(refusals[i].field)) != 0)
            fail_msg("row %zu (%s): got %s", i, refusals[i].change, p ? "accepted" : err);
        json_decref(change);
        json_decref(def);
    }
}

static void test_not_an_object(void **state)
{
    (void)state;
    char err[128] = "";
    json_t *a = json_array();
    assert_null(program_from_json(a, err, sizeof err));
    assert_true(err[0] != '\0');
    assert_null(program_from_json(NULL, err, sizeof err));
    json_decref(a);
    program_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matsudo_loads),     cmocka_unit_test(test_correction_deadline),
        cmocka_unit_test(test_sample_town_loads), cmocka_unit_test(test_semantic_refusals),
        cmocka_unit_test(test_not_an_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
