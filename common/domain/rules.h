/* rules.h - the eligibility rules of a subsidy program as pure functions.
 *
 * rules_decide judges one normalised application (the data object described
 * in schemas/README.md) against a program definition and the reference facts
 * the caller gathered (office registry, tax and organised-crime answers, the
 * office's other applications, the budget already committed). It does no I/O
 * and keeps no state, so it may run on any thread. Each condition is one
 * named rule with a stable reason code, a Japanese message fit for the notice
 * and an English one for logs. */
#ifndef SUBSIDY_RULES_H
#define SUBSIDY_RULES_H

#include "domain/program.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    RULES_APPROVED,
    RULES_REJECTED,
    RULES_CORRECTION_REQUESTED,
    RULES_ON_HOLD
} rules_outcome;

#define RULES_MAX_REASONS 32

/* One reason of a decision. Every string is static (never freed). field is
 * the JSON path in the application ("office.service_type_code") or "".
 * correctable: the applicant can fix it by a correction; pending: an answer
 * from another system (or budget) is awaited. */
typedef struct {
    const char *code, *message_ja, *message_en, *field;
    bool correctable;
    bool pending;
} rules_reason;

typedef struct {
    rules_outcome outcome;
    rules_reason reasons[RULES_MAX_REASONS];
    size_t n_reasons;
    long long amount_yen;         /* 0 unless approved */
    char correction_deadline[11]; /* YYYY-MM-DD when correction_requested, else "" */
} rules_decision;

/* What the city's other records say, gathered by the caller. Dates are
 * YYYY-MM-DD or "" when none. */
typedef struct {
    char decided_on[11]; /* business date of the decision */
    bool office_found;
    char office_municipality_code[8];
    char office_corporate_number[14];
    char office_state[16]; /* active | suspended | abolished */
    char office_state_since[11];
    char office_planned_closure_on[11];
    bool office_deemed_designation;
    char office_last_care_service_on[11];
    bool tax_known, tax_returns_filed, tax_overdue;
    bool crime_check_known, crime_member;
    int earlier_applications_same_office; /* earlier standing applications of this office */
    bool claimed_in_other_fiscal_year;
    long long budget_committed_yen; /* already approved in this program, excluding this one */
    int earlier_budget_holds;       /* applications that arrived earlier and wait for budget */
    char holder_kana_problem[200];  /* "" when the holder name converts to bank kana */
    char first_received_at[64];   /* RFC 3339 first arrival ("" = the application's received_at) */
    char correction_deadline[11]; /* of the correction request a resubmission answers, or "" */
    bool attachments_unverified;  /* intake could not verify a declared attachment */
} rules_facts;

/* Decides application against program p and facts f into *out (caller's;
 * overwritten). All arguments are borrowed. Every rule that applies adds its
 * reason (it never stops at the first). Outcome: a reason neither correctable
 * nor pending rejects (all reasons still listed); else a correctable one asks
 * for a correction by program_correction_deadline(decided_on); else a pending
 * one holds; else, when the program has a budget and earlier applications
 * wait for it or this amount would exceed it, the application is held with
 * BUDGET_EXHAUSTED; else it is approved with amount_yen = the program's
 * amount for the fee. The application date is the JST date of received_at. */
void rules_decide(const program *p, const json_t *application, const rules_facts *f,
                  rules_decision *out);

/* Returns "approved", "rejected", "correction_requested" or "on_hold"
 * (static; "unknown" for a value outside the enum). */
const char *rules_outcome_name(rules_outcome o);

#endif
