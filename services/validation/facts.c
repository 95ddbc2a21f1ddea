/* facts.c - reference facts for one application; see facts.h. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

static void copy_col(PGresult *r, int col, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", PQgetisnull(r, 0, col) ? "" : PQgetvalue(r, 0, col));
}

static bool col_true(PGresult *r, int col)
{
    return !PQgetisnull(r, 0, col) && PQgetvalue(r, 0, col)[0] == 't';
}

static db_status facts_office(PGconn *c, const facts_query *q, rules_facts *f, char *err,
                              size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {q->office_number};
    db_status st = db_exec(c, &r, err, errlen,
                           "SELECT municipality_code, corporate_number, state, state_since, "
                           "planned_closure_on, deemed_designation, last_care_service_on "
                           "FROM office_registry WHERE office_number = $1",
                           1, p);
    if (st != DB_OK)
        return st;
    f->office_found = PQntuples(r) == 1;
    if (f->office_found) {
        copy_col(r, 0, f->office_municipality_code, sizeof f->office_municipality_code);
        copy_col(r, 1, f->office_corporate_number, sizeof f->office_corporate_number);
        copy_col(r, 2, f->office_state, sizeof f->office_state);
        copy_col(r, 3, f->office_state_since, sizeof f->office_state_since);
        copy_col(r, 4, f->office_planned_closure_on, sizeof f->office_planned_closure_on);
        f->office_deemed_designation = col_true(r, 5);
        copy_col(r, 6, f->office_last_care_service_on, sizeof f->office_last_care_service_on);
    }
    PQclear(r);
    return DB_OK;
}

static db_status facts_corporation(PGconn *c, const facts_query *q, rules_facts *f, char *err,
                                   size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {q->corporate_number};
    db_status st = db_exec(c, &r, err, errlen,
                           "SELECT returns_filed, overdue FROM tax_standing "
                           "WHERE corporate_number = $1",
                           1, p);
    if (st != DB_OK)
        return st;
    f->tax_known = PQntuples(r) == 1;
    if (f->tax_known) {
        f->tax_returns_filed = col_true(r, 0);
        f->tax_overdue = col_true(r, 1);
    }
    PQclear(r);
    st = db_exec(c, &r, err, errlen, "SELECT member FROM crime_check WHERE corporate_number = $1",
                 1, p);
    if (st != DB_OK)
        return st;
    f->crime_check_known = PQntuples(r) == 1;
    if (f->crime_check_known)
        f->crime_member = col_true(r, 0);
    PQclear(r);
    return DB_OK;
}

/* Other applications of the office in this program that came first and still
 * stand; payments of the office under other programs (other years); the
 * amount already approved in this program; and the applications that came
 * first and wait for budget (approvals keep arrival order). */
static db_status facts_history(PGconn *c, const facts_query *q, rules_facts *f, char *err,
                               size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {q->program_id, q->office_number, q->receipt_no, q->first_received_at};
    db_status st = db_exec(
        c, &r, err, errlen,
        "SELECT "
        " (SELECT count(*) FROM application WHERE program_id = $1 AND office_number = $2 "
        "   AND receipt_no <> $3 AND state <> 'rejected' "
        "   AND (first_received_at, receipt_no) < ($4::timestamptz, $3)), "
        " EXISTS (SELECT 1 FROM payment WHERE office_number = $2 AND program_id <> $1), "
        " (SELECT coalesce(sum(d.amount_yen), 0) FROM application a "
        "   JOIN LATERAL (SELECT amount_yen FROM decision WHERE receipt_no = a.receipt_no "
        "     AND outcome = 'approved' ORDER BY id DESC LIMIT 1) d ON true "
        "   WHERE a.program_id = $1 AND a.receipt_no <> $3 "
        "   AND a.state IN ('approved', 'payment_instructed', 'paid', 'payment_failed')), "
        " (SELECT count(*) FROM application a WHERE a.program_id = $1 AND a.state = 'on_hold' "
        "   AND (a.first_received_at, a.receipt_no) < ($4::timestamptz, $3) "
        "   AND EXISTS (SELECT 1 FROM decision d, jsonb_array_elements(d.reasons) r "
        "     WHERE d.id = (SELECT max(id) FROM decision WHERE receipt_no = a.receipt_no) "
        "     AND r->>'code' = 'BUDGET_EXHAUSTED'))",
        4, p);
    if (st != DB_OK)
        return st;
    f->earlier_applications_same_office = atoi(PQgetvalue(r, 0, 0));
    f->claimed_in_other_fiscal_year = PQgetvalue(r, 0, 1)[0] == 't';
    f->budget_committed_yen = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
    f->earlier_budget_holds = atoi(PQgetvalue(r, 0, 3));
    PQclear(r);
    return DB_OK;
}

db_status facts_gather(PGconn *c, const facts_query *q, rules_facts *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    snprintf(f->decided_on, sizeof f->decided_on, "%s", q->decided_on);
    db_status st = facts_office(c, q, f, err, errlen);
    if (st == DB_OK)
        st = facts_corporation(c, q, f, err, errlen);
    if (st == DB_OK)
        st = facts_history(c, q, f, err, errlen);
    return st;
}
