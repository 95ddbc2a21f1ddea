/* notice.h - the Japanese notices (通知書) the notification daemon writes to
 * applicants: one plain-text UTF-8 letter per step of an application
 * (received, decided, paid, payment failed), laid out like a municipal
 * notice. Pure: no I/O, no global state, safe from any thread.
 *
 * Choices made here:
 * - The approved notice is titled 交付決定及び額の確定通知書, not
 *   交付決定通知書: the application form is also the completion report and the
 *   invoice (交付申請書・完了実績報告書兼請求書), so the decision fixes the amount too.
 * - The letter says only what notice_input gives; nothing is invented. A
 *   reason's field (a machine path) is not printed, only its message_ja.
 * - The bank account number is never an input; in failure_reason, which comes
 *   from the bank, any run of 7 or more digits (ASCII or full-width) is masked
 *   with * so an account number quoted by the bank cannot reach the letter. */
#ifndef SUBSIDY_NOTICE_H
#define SUBSIDY_NOTICE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NOTICE_RECEIVED,
    NOTICE_APPROVED,
    NOTICE_REJECTED,
    NOTICE_CORRECTION_REQUESTED,
    NOTICE_ON_HOLD,
    NOTICE_PAID,
    NOTICE_PAYMENT_FAILED
} notice_kind;

/* The kind's stable name: "received" "approved" "rejected"
 * "correction_requested" "on_hold" "paid" "payment_failed"; a static string,
 * never freed. NULL for a value outside the enum. */
const char *notice_kind_name(notice_kind k);

/* Sets *out to the kind named s (exact, case-sensitive match of a
 * notice_kind_name). Returns false, leaving *out alone, for NULL or unknown. */
bool notice_kind_parse(const char *s, notice_kind *out);

/* One reason of a decision. Strings are borrowed from the caller. */
typedef struct {
    const char *message_ja; /* printed in the letter; needed */
    const char *field;      /* which application field; not printed */
} notice_reason;

/* Everything a letter may say. All strings are borrowed (the caller keeps
 * them alive during the call) and UTF-8; any may be NULL where the kind does
 * not need it. Needed by every kind: receipt_no, issue_date, applicant_name,
 * office_number, program_name, fiscal_year (1989 or later),
 * municipality_name, contact_department. Printed when given:
 * representative_title/name, office_name, contact_address/phone/fax. */
typedef struct {
    notice_kind kind;
    const char *receipt_no; /* e.g. "R6-000001" */
    const char *issue_date; /* YYYY-MM-DD */
    const char *applicant_name, *representative_title, *representative_name;
    const char *office_number, *office_name;
    const char *program_name;
    int fiscal_year; /* 2024 for 令和6年度 */
    const char *municipality_name;
    const char *contact_department, *contact_address, *contact_phone, *contact_fax;
    long long amount_yen;            /* approved, paid: needed, > 0 */
    const char *correction_deadline; /* correction_requested: needed, YYYY-MM-DD */
    const char *transfer_date;       /* paid: needed, YYYY-MM-DD */
    const char *failure_reason;      /* payment_failed: needed */
    const notice_reason *reasons;    /* rejected, correction_requested, on_hold: */
    size_t n_reasons;                /* at least one, each with message_ja */
} notice_input;

/* Renders the whole letter as UTF-8 text, every line ending in "\n".
 * Returns a new string the caller frees with free(). Returns NULL, with err
 * (errlen bytes) naming the field, when a field the kind needs is NULL or
 * empty (e.g. amount_yen for approved, correction_deadline for
 * correction_requested, reasons for rejected), a date does not parse, the
 * kind is unknown, or memory runs out. in is not modified or kept. */
char *notice_render(const notice_input *in, char *err, size_t errlen);

/* The subject line alone: program_name, a space and the letter's title, e.g.
 * "松戸市ケアプランデータ連携システムライセンス料補助金 交付決定及び額の確定通知書".
 * Needs only kind and program_name. Returns a new string the caller frees;
 * NULL with err set if program_name is missing, the kind unknown or memory
 * runs out. */
char *notice_render_subject(const notice_input *in, char *err, size_t errlen);

#endif
