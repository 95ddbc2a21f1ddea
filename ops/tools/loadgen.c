/* loadgen.c - generates a deterministic set of applications for the tests and
 * benchmarks, with the reference data that makes their outcomes known:
 *
 *   loadgen COUNT SEED OUT_DIR [PROGRAM_ID]
 *
 * writes OUT_DIR/applications.jsonl (application.submitted envelopes, one per
 * line, event and submission ids derived from SEED so a second run writes the
 * same bytes), OUT_DIR/offices.csv, tax.csv, crime.csv, and
 * OUT_DIR/expected.csv (submission_id,outcome). The mix, by index i:
 *   i % 10 == 3  service type 99 (not eligible)       -> rejected
 *   i % 10 == 7  arrives 2025-02-15 00:00:00 JST      -> rejected
 *   i % 20 == 5  licence invoice not attached         -> correction_requested
 *   i % 50 == 9  second application of office i-1    -> rejected (duplicate)
 *   otherwise                                         -> approved
 * Offices are numbered 127xxxxxxC (Chiba, designated) with valid check digits,
 * corporations 13 digits with valid check digits; all in Matsudo (122076). */
#include "domain/corporate_number.h"
#include "domain/office_number.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void fake_uuid(char out[37])
{
    uint64_t a = rng_next(), b = rng_next();
    snprintf(out, 37, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(a >> 32),
             (unsigned)(a >> 16) & 0xFFFF, (unsigned)a & 0xFFF, (unsigned)(b >> 48) & 0xFFF,
             (unsigned long long)(b & 0xFFFFFFFFFFFFULL));
}

static void office_number(int i, char out[11])
{
    char first9[10];
    snprintf(first9, sizeof first9, "127%06u", (unsigned)i % 1000000u);
    snprintf(out, 11, "%s%d", first9, office_number_check_digit(first9));
}

static void corporate_number(int i, char out[14])
{
    char err[64];
    for (int d = 1; d <= 9; d++) {
        snprintf(out, 14, "%d%012d", d, 40110010 + i);
        if (corporate_number_valid(out, err, sizeof err))
            return;
    }
}

static const char *outcome_of(int i)
{
    if (i % 50 == 9)
        return "rejected";
    if (i % 10 == 3 || i % 10 == 7)
        return "rejected";
    if (i % 20 == 5)
        return "correction_requested";
    return "approved";
}

static json_t *attachment(const char *kind, const char *name)
{
    char sha[65];
    for (int k = 0; k < 64; k += 16)
        snprintf(sha + k, 17, "%016llx", (unsigned long long)rng_next());
    return json_pack("{s:s,s:s,s:i,s:s}", "kind", kind, "file_name", name, "size_bytes", 48213,
                     "sha256", sha);
}

static json_t *application(int i, int office_i, const char *program, const char *sub_id)
{
    char office[11], corp[14], received[40];
    office_number(office_i, office);
    corporate_number(office_i, corp);
    if (i % 10 == 7)
        snprintf(received, sizeof received, "2025-02-15T00:00:00+09:00");
    else
        snprintf(received, sizeof received, "2025-01-%02dT%02d:%02d:00+09:00", 6 + i % 25,
                 9 + i % 9, i % 60);
    json_t *atts = json_array();
    if (i % 20 != 5)
        json_array_append_new(atts, attachment("license_invoice", "invoice.pdf"));
    json_array_append_new(atts, attachment("improvement_plan", "plan.pdf"));
    return json_pack(
        "{s:s,s:s,s:s,s:s,s:n,"
        "s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s},"
        "s:{s:s,s:s,s:s,s:s,s:b,s:n},"
        "s:{s:s,s:s,s:i},s:i,s:o,"
        "s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s},"
        "s:{s:b,s:b},"
        "s:{s:b,s:b,s:b,s:b,s:b,s:b}}",
        "submission_id", sub_id, "program_id", program, "channel", "online", "received_at",
        received, "amends_receipt_no", "applicant", "corporate_number", corp, "name",
        "株式会社ロードテスト介護", "name_kana", "カブシキガイシャロードテストカイゴ",
        "representative_title", "代表取締役", "representative_name", "試験 太郎", "postal_code",
        "2718588", "address", "千葉県松戸市根本387番地の5", "phone", "0473667370", "office",
        "office_number", office, "name", "ロードテスト居宅介護支援事業所", "address",
        "千葉県松戸市小根本1-1", "service_type_code", i % 10 == 3 ? "99" : "43",
        "deemed_designation", 0, "care_service_since", "license", "signup_completed_on",
        "2024-06-03", "license_start_on", "2024-06-03", "fee_yen", 21000, "claim_amount_yen", 21000,
        "attachments", atts, "bank_account", "bank_code", "0001", "bank_name_kana", "ﾐｽﾞﾎ",
        "branch_code", "001", "branch_name_kana", "ﾄｳｷﾖｳ", "account_type", "ordinary",
        "account_number", "1234567", "holder_kana", "カ）ロードテストカイゴ", "power_of_attorney",
        "attached", 0, "originals_received_by_post", 0, "declarations", "has_facility_in_city", 1,
        "not_suspended", 1, "no_planned_closure", 1, "taxes_filed_and_paid", 1,
        "not_organised_crime", 1, "consent_to_inquiry", 1);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: loadgen COUNT SEED OUT_DIR [PROGRAM_ID]\n");
        return 2;
    }
    int count = atoi(argv[1]);
    rng_state = strtoull(argv[2], NULL, 10) * 2654435761ULL + 88172645463325252ULL;
    const char *program = argc > 4 ? argv[4] : "matsudo-careplan-license-2024";
    char path[1024];
    FILE *out[5];
    const char *names[] = {"applications.jsonl", "offices.csv", "tax.csv", "crime.csv",
                           "expected.csv"};
    for (int k = 0; k < 5; k++) {
        snprintf(path, sizeof path, "%s/%s", argv[3], names[k]);
        if (!(out[k] = fopen(path, "w"))) {
            fprintf(stderr, "loadgen: cannot write %s\n", path);
            return 1;
        }
    }
    fprintf(out[1], "office_number,name,municipality_code,service_types,corporate_number,state,"
                    "state_since,planned_closure_on,deemed_designation,last_care_service_on\n");
    fprintf(out[2], "corporate_number,returns_filed,overdue,as_of\n");
    fprintf(out[3], "corporate_number,member,answered_on\n");
    fprintf(out[4], "submission_id,outcome\n");
    for (int i = 0; i < count; i++) {
        int office_i = (i % 50 == 9 && i > 0) ? i - 1 : i;
        char office[11], corp[14], event_id[37], sub_id[37], corr[37];
        office_number(office_i, office);
        corporate_number(office_i, corp);
        fake_uuid(event_id);
        fake_uuid(sub_id);
        fake_uuid(corr);
        json_t *env = json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:o}", "event_id", event_id, "type",
                                "application.submitted", "schema_version", 1, "occurred_at",
                                "2025-01-06T09:00:00+09:00", "correlation_id", corr, "producer",
                                "portal", "data", application(i, office_i, program, sub_id));
        char *line = json_dumps(env, JSON_COMPACT);
        fprintf(out[0], "%s\n", line);
        free(line);
        json_decref(env);
        if (office_i == i) {
            fprintf(out[1], "%s,ロードテスト事業所%d,122076,43,%s,active,2020-04-01,,false,\n",
                    office, i, corp);
            fprintf(out[2], "%s,true,false,2024-12-01\n", corp);
            fprintf(out[3], "%s,false,2024-12-01\n", corp);
        }
        fprintf(out[4], "%s,%s\n", sub_id, outcome_of(i));
    }
    for (int k = 0; k < 5; k++)
        fclose(out[k]);
    printf("loadgen: %d applications in %s\n", count, argv[3]);
    return 0;
}
