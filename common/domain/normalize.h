/* normalize.h - normalisation of an application's data (the "data" of an
 * application.submitted envelope) before the schema check: what people type
 * into a portal (full-width digits, hyphens of every shape, stray spaces) is
 * brought to the one form the rules compare, and every change is recorded
 * beside the original so nothing the applicant wrote is lost.
 *
 * Rules (all on string values only; anything else is left as it is):
 *  - every string anywhere: surrounding ASCII whitespace (space, \t \n \v \f \r)
 *    and U+3000 IDEOGRAPHIC SPACE are trimmed;
 *  - code-like fields: full-width digits and Latin letters (U+FF10-FF19,
 *    U+FF21-FF3A, U+FF41-FF5A) become ASCII by an explicit range mapping (not
 *    ICU NFKC, which would also fold half-width kana, circled digits and more);
 *    then letters are upper-cased in amends_receipt_no, applicant.{corporate_number,
 *    postal_code, phone, fax}, office.{office_number, service_type_code},
 *    bank_account.{bank_code, branch_code, account_number}; lower-cased in
 *    submission_id (a UUID, canonical lower case) and attachments[].sha256;
 *    program_id keeps its case (ids are compared exactly);
 *  - applicant.postal_code, phone, fax and bank_account.account_number: hyphens
 *    and dash look-alikes (-, U+2010-2015, U+2212, U+FF0D, U+30FC, U+FF70) and
 *    spaces (ASCII and U+3000) inside are removed;
 *  - names and kana are trimmed only. */
#ifndef SUBSIDY_NORMALIZE_H
#define SUBSIDY_NORMALIZE_H

#include <jansson.h>

/* Returns a normalised deep copy of data (caller owns, json_decref) and sets
 * *changes to a new array (caller owns) holding, for every string it changed,
 * {"pointer": RFC 6901 pointer such as "/office/office_number", "original":
 * the value as submitted, "normalized": the new value}. Returns NULL (and
 * *changes = NULL) only on out of memory or when data is NULL. Never fails on
 * odd input: values of unexpected types are copied untouched, for the schema
 * check that follows to report. */
json_t *normalize_application(const json_t *data, json_t **changes);

#endif
