/* program.h - one version of a subsidy program, parsed from its JSON
 * definition (schemas/program.schema.json; the files in ops/programs).
 *
 * Everything that changes between fiscal years or municipalities lives in the
 * definition: amount, deadlines, eligible service types, attachments, budget,
 * municipality and contact. The caller validates the JSON against the schema
 * first; program_from_json then makes the checks a schema cannot express
 * (dates real and ordered, licence period within sensible bounds, amount
 * settings coherent, codes unique) and refuses the definition otherwise.
 *
 * A program is immutable once made, so one may be shared by threads. Strings
 * returned by accessors belong to the program and live until program_free. */
#ifndef SUBSIDY_PROGRAM_H
#define SUBSIDY_PROGRAM_H

#include "domain/jdate.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct program program;

/* Parses and checks a definition. Returns a new program the caller frees
 * with program_free, or NULL with err (errlen bytes, caller's) naming the
 * field and what is wrong. def is borrowed and may be freed afterwards. */
program *program_from_json(const json_t *def, char *err, size_t errlen);

/* Frees p and everything it owns; NULL is allowed. */
void program_free(program *p);

/* Identity: program_id (same for every version), version (1, 2, ...), the
 * official name printed on notices. */
const char *program_id(const program *p);
int program_version(const program *p);
const char *program_name(const program *p);

/* Returns the fiscal year by its starting calendar year: 2024 for 令和6年度. */
int program_fiscal_year(const program *p);

/* The municipality running the program: name, six-digit 全国地方公共団体コード,
 * its own 13-digit 法人番号. */
const char *program_municipality_name(const program *p);
const char *program_municipality_code(const program *p);
const char *program_municipality_corporate_number(const program *p);

/* The contact printed on notices; fax is "" when there is none. */
const char *program_contact_department(const program *p);
const char *program_contact_postal_code(const program *p);
const char *program_contact_address(const program *p);
const char *program_contact_phone(const program *p);
const char *program_contact_fax(const program *p);

/* Returns the correction deadline for a correction requested on decided_on:
 * the later of the arrival deadline and decided_on + grace_days. */
jdate program_correction_deadline(const program *p, jdate decided_on);

/* Returns the subsidy in yen for a licence fee of fee_yen: the fixed sum or
 * the rounded share (then the cap), never more than the fee; 0 when
 * fee_yen <= 0. */
long long program_amount_for_fee(const program *p, long long fee_yen);

/* Returns the program's budget in yen; 0 means no limit. */
long long program_budget_yen(const program *p);

/* The first and last eligible licence start (or renewal) dates, inclusive. */
jdate program_licence_from(const program *p);
jdate program_licence_to(const program *p);

/* Sign-up with the linkage system must be completed on or before this date. */
jdate program_signup_deadline(const program *p);

/* Applications must arrive by 23:59:59 JST of this date (必着). */
jdate program_arrival_deadline(const program *p);

/* Returns true when service type code (e.g. "43", "A1") is eligible; code
 * may be NULL (false). */
bool program_service_type_eligible(const program *p, const char *code);

/* Returns true when deemed-designated medical institutions may apply. */
bool program_deemed_eligible(const program *p);

/* A deemed-designated institution must have provided care services on or
 * after this date. */
jdate program_deemed_care_service_since(const program *p);

/* Returns true when an application through channel ("online" or "post")
 * must carry an attachment of kind ("license_invoice", "improvement_plan",
 * "power_of_attorney", "other"). For any other channel a kind required by
 * either channel is required. */
bool program_attachment_required(const program *p, const char *channel, const char *kind);

/* Returns true when a power of attorney is required where the bank account
 * holder is not the applicant. */
bool program_poa_required(const program *p);

/* Returns true when, in that case, the sealed originals must arrive by post. */
bool program_poa_originals_by_post(const program *p);

/* Returns true when only one standing application per office number is
 * allowed in this program. */
bool program_one_per_office(const program *p);

/* Returns true when an office paid under another fiscal year's program may
 * not claim in this one. */
bool program_one_claim_across_years(const program *p);

/* Returns the correction grace period in days. */
int program_grace_days(const program *p);

#endif
