/* program.c - parsing and semantic checks of a program definition, and the
 * program's derived values (amount for a fee, correction deadline); see
 * program.h. Every refusal names the JSON field it concerns. */
#include "program.h"

#include "domain/corporate_number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM_MAX_SERVICE_TYPES 128
#define PROGRAM_MAX_LICENCE_DAYS 731 /* a licence period longer than two years is a typo */
#define PROGRAM_MAX_FEE_YEN 1000000000000LL

typedef enum { AMOUNT_FIXED, AMOUNT_SHARE } amount_mode;
typedef enum { ROUND_FLOOR, ROUND_HALF_UP, ROUND_CEIL } rounding_mode;

/* Attachment kinds known to the application schema, as bits. */
static const char *const attachment_kinds[] = {"license_invoice", "improvement_plan",
                                               "power_of_attorney", "other"};
#define N_ATTACHMENT_KINDS (sizeof attachment_kinds / sizeof attachment_kinds[0])

struct program {
    char *id, *name;
    int version, fiscal_year;
    char *muni_name, *muni_code, *muni_corporate;
    char *dept, *postal, *address, *phone, *fax;
    amount_mode mode;
    long long fixed_yen, cap_yen;
    int share_percent;
    rounding_mode rounding;
    jdate licence_from, licence_to, signup_deadline, arrival_deadline, deemed_since;
    char (*service_types)[3];
    size_t n_service_types;
    bool deemed_eligible, poa_required, poa_originals, one_per_office, one_claim_across_years;
    unsigned attachments_online, attachments_post; /* bit i = attachment_kinds[i] */
    long long budget_yen;
    int grace_days;
};

/* ---- field readers: each returns false with err naming the field ---- */

static bool fail(char *err, size_t errlen, const char *field, const char *what)
{
    snprintf(err, errlen, "%s: %s", field, what);
    return false;
}

static const json_t *member(const json_t *obj, const char *key)
{
    return json_is_object(obj) ? json_object_get(obj, key) : NULL;
}

/* Reads a non-empty string (or, with allow_empty, possibly empty) into a new
 * heap copy the program owns. */
static bool read_string(const json_t *obj, const char *key, const char *field, bool allow_empty,
                        char **out, char *err, size_t errlen)
{
    const json_t *v = member(obj, key);
    if (!json_is_string(v))
        return fail(err, errlen, field, "must be a string");
    if (!allow_empty && json_string_length(v) == 0)
        return fail(err, errlen, field, "must not be empty");
    *out = strdup(json_string_value(v));
    return *out ? true : fail(err, errlen, field, "out of memory");
}

static bool read_integer(const json_t *obj, const char *key, const char *field, long long min,
                         long long max, long long *out, char *err, size_t errlen)
{
    const json_t *v = member(obj, key);
    if (!json_is_integer(v))
        return fail(err, errlen, field, "must be an integer");
    long long x = json_integer_value(v);
    if (x < min || x > max) {
        snprintf(err, errlen, "%s: %lld is outside %lld..%lld", field, x, min, max);
        return false;
    }
    *out = x;
    return true;
}

static bool read_int(const json_t *obj, const char *key, const char *field, int min, int max,
                     int *out, char *err, size_t errlen)
{
    long long x;
    if (!read_integer(obj, key, field, min, max, &x, err, errlen))
        return false;
    *out = (int)x;
    return true;
}

static bool read_bool(const json_t *obj, const char *key, const char *field, bool *out, char *err,
                      size_t errlen)
{
    const json_t *v = member(obj, key);
    if (!json_is_boolean(v))
        return fail(err, errlen, field, "must be true or false");
    *out = json_is_true(v);
    return true;
}

static bool read_date(const json_t *obj, const char *key, const char *field, jdate *out, char *err,
                      size_t errlen)
{
    const json_t *v = member(obj, key);
    if (!json_is_string(v) || !jdate_parse(json_string_value(v), out))
        return fail(err, errlen, field, "must be a real calendar date YYYY-MM-DD");
    return true;
}

static bool read_object(const json_t *obj, const char *key, const char *field, const json_t **out,
                        char *err, size_t errlen)
{
    *out = member(obj, key);
    return json_is_object(*out) ? true : fail(err, errlen, field, "must be an object");
}

static bool all_digits(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* ---- sections of the definition ---- */

static bool parse_identity(program *p, const json_t *def, char *err, size_t errlen)
{
    long long v;
    return read_string(def, "program_id", "program_id", false, &p->id, err, errlen) &&
           read_integer(def, "version", "version", 1, 1000000, &v, err, errlen) &&
           (p->version = (int)v, true) &&
           read_string(def, "name", "name", false, &p->name, err, errlen) &&
           read_int(def, "fiscal_year", "fiscal_year", 2019, 2100, &p->fiscal_year, err, errlen);
}

static bool parse_municipality(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *m;
    char why[128];
    if (!read_object(def, "municipality", "municipality", &m, err, errlen) ||
        !read_string(m, "name", "municipality.name", false, &p->muni_name, err, errlen) ||
        !read_string(m, "code", "municipality.code", false, &p->muni_code, err, errlen) ||
        !read_string(m, "corporate_number", "municipality.corporate_number", false,
                     &p->muni_corporate, err, errlen))
        return false;
    if (!all_digits(p->muni_code, 6))
        return fail(err, errlen, "municipality.code", "must be six digits");
    if (!corporate_number_valid(p->muni_corporate, why, sizeof why))
        return fail(err, errlen, "municipality.corporate_number", why);
    return true;
}

static bool parse_contact(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *c;
    return read_object(def, "contact", "contact", &c, err, errlen) &&
           read_string(c, "department", "contact.department", false, &p->dept, err, errlen) &&
           read_string(c, "postal_code", "contact.postal_code", false, &p->postal, err, errlen) &&
           read_string(c, "address", "contact.address", false, &p->address, err, errlen) &&
           read_string(c, "phone", "contact.phone", false, &p->phone, err, errlen) &&
           read_string(c, "fax", "contact.fax", true, &p->fax, err, errlen);
}

static bool parse_rounding(program *p, const json_t *a, char *err, size_t errlen)
{
    const char *r = json_string_value(json_object_get(a, "rounding"));
    static const char *const names[] = {"floor", "round", "ceil"};
    for (int i = 0; r && i < 3; i++) {
        if (strcmp(r, names[i]) == 0) {
            p->rounding = (rounding_mode)i;
            return true;
        }
    }
    return fail(err, errlen, "amount.rounding", "must be floor, round or ceil");
}

static bool parse_amount(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *a;
    if (!read_object(def, "amount", "amount", &a, err, errlen))
        return false;
    const char *mode = json_string_value(json_object_get(a, "mode"));
    if (mode && strcmp(mode, "fixed") == 0) {
        p->mode = AMOUNT_FIXED;
        if (json_object_get(a, "share_percent") || json_object_get(a, "cap_yen"))
            return fail(err, errlen, "amount", "a fixed amount takes no share_percent or cap_yen");
        return read_integer(a, "fixed_yen", "amount.fixed_yen", 1, PROGRAM_MAX_FEE_YEN,
                            &p->fixed_yen, err, errlen);
    }
    if (mode && strcmp(mode, "share_of_fee") == 0) {
        p->mode = AMOUNT_SHARE;
        if (json_object_get(a, "fixed_yen"))
            return fail(err, errlen, "amount", "a share of the fee takes no fixed_yen");
        return read_int(a, "share_percent", "amount.share_percent", 1, 100, &p->share_percent, err,
                        errlen) &&
               read_integer(a, "cap_yen", "amount.cap_yen", 0, PROGRAM_MAX_FEE_YEN, &p->cap_yen,
                            err, errlen) &&
               parse_rounding(p, a, err, errlen);
    }
    return fail(err, errlen, "amount.mode", "must be fixed or share_of_fee");
}

/* The licence period must be ordered, at most two years long and overlap the
 * program's fiscal year; deadlines must be ordered and near the year. */
static bool check_dates(const program *p, char *err, size_t errlen)
{
    jdate fy_start = {p->fiscal_year, 4, 1}, fy_end = {p->fiscal_year + 1, 3, 31};
    if (jdate_compare(p->licence_from, p->licence_to) > 0)
        return fail(err, errlen, "licence_period", "from is after to");
    if (jdate_days_since_epoch(p->licence_to) - jdate_days_since_epoch(p->licence_from) >
        PROGRAM_MAX_LICENCE_DAYS)
        return fail(err, errlen, "licence_period", "is longer than two years");
    if (jdate_compare(p->licence_to, fy_start) < 0 || jdate_compare(p->licence_from, fy_end) > 0)
        return fail(err, errlen, "licence_period", "does not overlap the fiscal year");
    if (jdate_compare(p->signup_deadline, p->arrival_deadline) > 0)
        return fail(err, errlen, "signup_deadline", "is after arrival_deadline");
    if (jdate_compare(p->arrival_deadline, p->licence_from) < 0)
        return fail(err, errlen, "arrival_deadline", "is before the licence period starts");
    int ay = jdate_fiscal_year(p->arrival_deadline);
    if (ay < p->fiscal_year || ay > p->fiscal_year + 1)
        return fail(err, errlen, "arrival_deadline", "is not in or just after the fiscal year");
    return true;
}

static bool parse_dates(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *lp;
    return read_object(def, "licence_period", "licence_period", &lp, err, errlen) &&
           read_date(lp, "from", "licence_period.from", &p->licence_from, err, errlen) &&
           read_date(lp, "to", "licence_period.to", &p->licence_to, err, errlen) &&
           read_date(def, "signup_deadline", "signup_deadline", &p->signup_deadline, err, errlen) &&
           read_date(def, "arrival_deadline", "arrival_deadline", &p->arrival_deadline, err,
                     errlen) &&
           check_dates(p, err, errlen);
}

static bool service_code_ok(const char *s)
{
    return strlen(s) == 2 && strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2;
}

static bool parse_service_types(program *p, const json_t *def, char *err, size_t errlen)
{
    const char *field = "eligible_service_types";
    const json_t *a = json_object_get(def, field);
    size_t n = json_array_size(a);
    if (!json_is_array(a) || n == 0 || n > PROGRAM_MAX_SERVICE_TYPES)
        return fail(err, errlen, field, "must be a list of 1 to 128 codes");
    if (!(p->service_types = calloc(n, sizeof *p->service_types)))
        return fail(err, errlen, field, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(a, i));
        if (!s || !service_code_ok(s)) {
            snprintf(err, errlen, "%s[%zu]: must be a two-character code like 43 or A1", field, i);
            return false;
        }
        if (program_service_type_eligible(p, s)) {
            snprintf(err, errlen, "%s[%zu]: code %s is listed twice", field, i, s);
            return false;
        }
        memcpy(p->service_types[p->n_service_types++], s, 3);
    }
    return true;
}

static bool parse_deemed(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *d;
    return read_object(def, "deemed_designation", "deemed_designation", &d, err, errlen) &&
           read_bool(d, "eligible", "deemed_designation.eligible", &p->deemed_eligible, err,
                     errlen) &&
           read_date(d, "care_service_since", "deemed_designation.care_service_since",
                     &p->deemed_since, err, errlen);
}

static int attachment_kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < N_ATTACHMENT_KINDS; i++)
        if (strcmp(kind, attachment_kinds[i]) == 0)
            return (int)i;
    return -1;
}

static bool parse_kind_list(const json_t *ra, const char *key, const char *field, unsigned *bits,
                            char *err, size_t errlen)
{
    const json_t *a = json_object_get(ra, key);
    if (!json_is_array(a))
        return fail(err, errlen, field, "must be a list of attachment kinds");
    *bits = 0;
    for (size_t i = 0; i < json_array_size(a); i++) {
        int k = attachment_kind_index(json_string_value(json_array_get(a, i)));
        if (k < 0 || (*bits & (1u << k))) {
            snprintf(err, errlen, "%s[%zu]: %s", field, i,
                     k < 0 ? "unknown attachment kind" : "kind listed twice");
            return false;
        }
        *bits |= 1u << k;
    }
    return true;
}

static bool parse_documents(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *ra, *poa;
    if (!read_object(def, "required_attachments", "required_attachments", &ra, err, errlen) ||
        !parse_kind_list(ra, "online", "required_attachments.online", &p->attachments_online, err,
                         errlen) ||
        !parse_kind_list(ra, "post", "required_attachments.post", &p->attachments_post, err,
                         errlen) ||
        !read_object(def, "power_of_attorney", "power_of_attorney", &poa, err, errlen) ||
        !read_bool(poa, "required_when_holder_is_not_applicant",
                   "power_of_attorney.required_when_holder_is_not_applicant", &p->poa_required, err,
                   errlen) ||
        !read_bool(poa, "originals_by_post", "power_of_attorney.originals_by_post",
                   &p->poa_originals, err, errlen))
        return false;
    if (p->poa_originals && !p->poa_required)
        return fail(err, errlen, "power_of_attorney.originals_by_post",
                    "originals by post need required_when_holder_is_not_applicant");
    return true;
}

/* The largest single payment the program can make, or 0 when unbounded. */
static long long program_max_payment(const program *p)
{
    return p->mode == AMOUNT_FIXED ? p->fixed_yen : p->cap_yen;
}

static bool parse_limits(program *p, const json_t *def, char *err, size_t errlen)
{
    const json_t *c;
    if (!read_integer(def, "budget_yen", "budget_yen", 0, PROGRAM_MAX_FEE_YEN * 1000,
                      &p->budget_yen, err, errlen) ||
        !read_bool(def, "one_per_office", "one_per_office", &p->one_per_office, err, errlen) ||
        !read_bool(def, "one_claim_across_years", "one_claim_across_years",
                   &p->one_claim_across_years, err, errlen) ||
        !read_object(def, "correction", "correction", &c, err, errlen) ||
        !read_int(c, "grace_days", "correction.grace_days", 0, 90, &p->grace_days, err, errlen))
        return false;
    long long most = program_max_payment(p);
    if (p->budget_yen > 0 && most > 0 && p->budget_yen < most)
        return fail(err, errlen, "budget_yen", "is smaller than a single payment");
    return true;
}

program *program_from_json(const json_t *def, char *err, size_t errlen)
{
    if (!json_is_object(def)) {
        fail(err, errlen, "(definition)", "must be a JSON object");
        return NULL;
    }
    program *p = calloc(1, sizeof *p);
    if (!p) {
        fail(err, errlen, "(definition)", "out of memory");
        return NULL;
    }
    if (parse_identity(p, def, err, errlen) && parse_municipality(p, def, err, errlen) &&
        parse_contact(p, def, err, errlen) && parse_amount(p, def, err, errlen) &&
        parse_dates(p, def, err, errlen) && parse_service_types(p, def, err, errlen) &&
        parse_deemed(p, def, err, errlen) && parse_documents(p, def, err, errlen) &&
        parse_limits(p, def, err, errlen))
        return p;
    program_free(p);
    return NULL;
}

void program_free(program *p)
{
    if (!p)
        return;
    char *strings[] = {p->id,   p->name,   p->muni_name, p->muni_code, p->muni_corporate,
                       p->dept, p->postal, p->address,   p->phone,     p->fax};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    free(p->service_types);
    free(p);
}

/* ---- accessors ---- */

const char *program_id(const program *p)
{
    return p->id;
}

int program_version(const program *p)
{
    return p->version;
}

const char *program_name(const program *p)
{
    return p->name;
}

int program_fiscal_year(const program *p)
{
    return p->fiscal_year;
}

const char *program_municipality_name(const program *p)
{
    return p->muni_name;
}

const char *program_municipality_code(const program *p)
{
    return p->muni_code;
}

const char *program_municipality_corporate_number(const program *p)
{
    return p->muni_corporate;
}

const char *program_contact_department(const program *p)
{
    return p->dept;
}

const char *program_contact_postal_code(const program *p)
{
    return p->postal;
}

const char *program_contact_address(const program *p)
{
    return p->address;
}

const char *program_contact_phone(const program *p)
{
    return p->phone;
}

const char *program_contact_fax(const program *p)
{
    return p->fax;
}

jdate program_correction_deadline(const program *p, jdate decided_on)
{
    jdate grace_end = jdate_add_days(decided_on, p->grace_days);
    return jdate_compare(grace_end, p->arrival_deadline) > 0 ? grace_end : p->arrival_deadline;
}

static long long share_of(long long fee, int percent, rounding_mode r)
{
    long long n = fee * percent;
    switch (r) {
    case ROUND_CEIL:
        return (n + 99) / 100;
    case ROUND_HALF_UP:
        return (n + 50) / 100;
    case ROUND_FLOOR:
    default:
        return n / 100;
    }
}

long long program_amount_for_fee(const program *p, long long fee_yen)
{
    if (fee_yen <= 0)
        return 0;
    if (fee_yen > PROGRAM_MAX_FEE_YEN)
        fee_yen = PROGRAM_MAX_FEE_YEN;
    long long amount =
        p->mode == AMOUNT_FIXED ? p->fixed_yen : share_of(fee_yen, p->share_percent, p->rounding);
    if (p->mode == AMOUNT_SHARE && p->cap_yen > 0 && amount > p->cap_yen)
        amount = p->cap_yen;
    return amount < fee_yen ? amount : fee_yen;
}

long long program_budget_yen(const program *p)
{
    return p->budget_yen;
}

jdate program_licence_from(const program *p)
{
    return p->licence_from;
}

jdate program_licence_to(const program *p)
{
    return p->licence_to;
}

jdate program_signup_deadline(const program *p)
{
    return p->signup_deadline;
}

jdate program_arrival_deadline(const program *p)
{
    return p->arrival_deadline;
}

bool program_service_type_eligible(const program *p, const char *code)
{
    for (size_t i = 0; code && i < p->n_service_types; i++)
        if (strcmp(p->service_types[i], code) == 0)
            return true;
    return false;
}

bool program_deemed_eligible(const program *p)
{
    return p->deemed_eligible;
}

jdate program_deemed_care_service_since(const program *p)
{
    return p->deemed_since;
}

bool program_attachment_required(const program *p, const char *channel, const char *kind)
{
    int k = attachment_kind_index(kind);
    if (k < 0)
        return false;
    unsigned bits = p->attachments_online | p->attachments_post;
    if (channel && strcmp(channel, "online") == 0)
        bits = p->attachments_online;
    else if (channel && strcmp(channel, "post") == 0)
        bits = p->attachments_post;
    return (bits & (1u << k)) != 0;
}

bool program_poa_required(const program *p)
{
    return p->poa_required;
}

bool program_poa_originals_by_post(const program *p)
{
    return p->poa_originals;
}

bool program_one_per_office(const program *p)
{
    return p->one_per_office;
}

bool program_one_claim_across_years(const program *p)
{
    return p->one_claim_across_years;
}

int program_grace_days(const program *p)
{
    return p->grace_days;
}
