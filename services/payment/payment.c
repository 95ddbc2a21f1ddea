/* payment.c - payments, transfer attempts and settlements; see payment.h. */
#include "payment.h"

#include "appstore.h"
#include "domain/jdate.h"
#include "envelope.h"
#include "kafka.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

static const char *jget(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

typedef struct {
    char payment_id[37];
    int attempt;
    char transfer_date[11];
    char batch_id[24];
} attempt_plan;

/* Finds the open batch of the transfer date, opening one if needed. */
static db_status batch_open(loop_ctx *ctx, attempt_plan *pl, char *err, size_t errlen)
{
    const char *p[] = {pl->transfer_date};
    db_status st = db_exec(ctx->db, NULL, err, errlen,
                           "INSERT INTO transfer_batch (transfer_date) VALUES ($1::date) "
                           "ON CONFLICT (transfer_date) WHERE state = 'open' DO NOTHING",
                           1, p);
    PGresult *r = NULL;
    if (st == DB_OK)
        st = db_exec(ctx->db, &r, err, errlen,
                     "SELECT batch_id FROM transfer_batch WHERE transfer_date = $1::date "
                     "AND state = 'open' FOR SHARE",
                     1, p);
    if (st != DB_OK)
        return st;
    if (PQntuples(r) != 1) { /* exported between the two statements: try again */
        PQclear(r);
        snprintf(err, errlen, "40001: transfer batch closed concurrently");
        return DB_TRANSIENT;
    }
    snprintf(pl->batch_id, sizeof pl->batch_id, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return DB_OK;
}

/* Decides which payment and attempt an approval needs. Returns DB_OK with
 * pl->attempt = 0 when nothing is to be done (already instructed or paid). */
static db_status payment_plan(loop_ctx *ctx, const char *receipt_no, const char *program_id,
                              const char *office, int64_t amount, attempt_plan *pl, char *err,
                              size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {receipt_no};
    db_status st = db_exec(ctx->db, &r, err, errlen,
                           "SELECT p.payment_id, p.state, (SELECT coalesce(max(a.attempt), 0) "
                           "FROM payment_attempt a WHERE a.payment_id = p.payment_id) "
                           "FROM payment p WHERE p.receipt_no = $1 FOR UPDATE",
                           1, p);
    if (st != DB_OK)
        return st;
    if (PQntuples(r) == 1) {
        snprintf(pl->payment_id, sizeof pl->payment_id, "%s", PQgetvalue(r, 0, 0));
        pl->attempt =
            strcmp(PQgetvalue(r, 0, 1), "failed") == 0 ? atoi(PQgetvalue(r, 0, 2)) + 1 : 0;
        PQclear(r);
        return DB_OK;
    }
    PQclear(r);
    char amount_s[32];
    snprintf(amount_s, sizeof amount_s, "%lld", (long long)amount);
    if (uuid_generate(pl->payment_id) != 0) {
        snprintf(err, errlen, "no randomness for a payment id");
        return DB_TRANSIENT;
    }
    const char *q[] = {pl->payment_id, program_id, office, receipt_no, amount_s};
    st = db_exec(ctx->db, NULL, err, errlen,
                 "INSERT INTO payment (payment_id, program_id, office_number, receipt_no, "
                 "amount_yen, state) VALUES ($1, $2, $3, $4, $5, 'instructed')",
                 5, q);
    pl->attempt = 1;
    return st;
}

static db_status attempt_create(loop_ctx *ctx, const attempt_plan *pl, const json_t *bank,
                                char *err, size_t errlen)
{
    char attempt_s[16], key[64];
    snprintf(attempt_s, sizeof attempt_s, "%d", pl->attempt);
    snprintf(key, sizeof key, "%s:%d", pl->payment_id, pl->attempt);
    char *bank_text = json_dumps(bank, JSON_COMPACT);
    const char *q[] = {pl->payment_id, attempt_s, key, pl->batch_id, bank_text, pl->transfer_date};
    db_status st = db_exec(ctx->db, NULL, err, errlen,
                           "INSERT INTO payment_attempt (payment_id, attempt, idempotency_key, "
                           "batch_id, bank_account, state, transfer_date) "
                           "VALUES ($1, $2, $3, $4, $5::jsonb, 'instructed', $6::date)",
                           6, q);
    free(bank_text);
    const char *u[] = {pl->payment_id};
    if (st == DB_OK)
        st = db_exec(ctx->db, NULL, err, errlen,
                     "UPDATE payment SET state = 'instructed' WHERE payment_id = $1", 1, u);
    return st;
}

static handle_status payment_on_approved(loop_ctx *ctx, const json_t *d)
{
    char err[768];
    const char *receipt_no = jget(d, "receipt_no");
    PGresult *r = NULL;
    const char *p[] = {receipt_no};
    db_status st = db_exec(ctx->db, &r, err, sizeof err,
                           "SELECT state, program_id, office_number, data, correlation_id "
                           "FROM application WHERE receipt_no = $1 FOR UPDATE",
                           1, p);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    if (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), "approved") != 0) {
        PQclear(r);
        return HANDLE_OK; /* not (or no longer) waiting for a payment */
    }
    char program_id[128], office[16], corr[40];
    snprintf(program_id, sizeof program_id, "%s", PQgetvalue(r, 0, 1));
    snprintf(office, sizeof office, "%s", PQgetvalue(r, 0, 2));
    snprintf(corr, sizeof corr, "%s", PQgetvalue(r, 0, 4));
    json_t *app = json_loads(PQgetvalue(r, 0, 3), 0, NULL);
    PQclear(r);
    int64_t amount = json_integer_value(json_object_get(d, "amount_yen"));
    if (!app || amount <= 0) {
        json_decref(app);
        return loop_reject(ctx, "SCHEMA_VIOLATION",
                           "/data/amount_yen: an approval needs an "
                           "amount above zero");
    }
    attempt_plan pl = {0};
    char today_s[11];
    jdate today;
    config_business_date(ctx->cfg, today_s);
    jdate_parse(today_s, &today);
    jdate_format(jdate_add_days(today, ctx->cfg->transfer_lead_days), pl.transfer_date);
    st = payment_plan(ctx, receipt_no, program_id, office, amount, &pl, err, sizeof err);
    if (st == DB_OK && pl.attempt > 0)
        st = batch_open(ctx, &pl, err, sizeof err);
    const json_t *bank = json_object_get(app, "bank_account");
    if (st == DB_OK && pl.attempt > 0)
        st = attempt_create(ctx, &pl, bank, err, sizeof err);
    json_t *why = json_pack("{s:s,s:i}", "payment_id", pl.payment_id, "attempt", pl.attempt);
    if (st == DB_OK && pl.attempt > 0)
        st = appstore_transition(ctx->db, receipt_no, "payment", "approved", "payment_instructed",
                                 why, err, sizeof err);
    json_decref(why);
    if (st == DB_OK && pl.attempt > 0) {
        char key[64];
        snprintf(key, sizeof key, "%s:%d", pl.payment_id, pl.attempt);
        const json_t *applicant = json_object_get(app, "applicant");
        json_t *data = json_pack(
            "{s:s,s:i,s:s,s:s,s:s,s:s,s:{s:s,s:s},s:O,s:I,s:s}", "payment_id", pl.payment_id,
            "attempt", pl.attempt, "idempotency_key", key, "receipt_no", receipt_no, "program_id",
            program_id, "office_number", office, "payee", "corporate_number",
            jget(applicant, "corporate_number"), "name", jget(applicant, "name"), "bank_account",
            bank, "amount_yen", (json_int_t)amount, "transfer_date", pl.transfer_date);
        st = loop_emit(ctx, TOPIC_PAYMENT_INSTRUCTED, office, "payment.instructed", corr, data, err,
                       sizeof err);
    }
    json_decref(app);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    if (pl.attempt > 0)
        log_info("payment_instructed",
                 json_pack("{s:s,s:s,s:i}", "receipt_no", receipt_no, "payment_id", pl.payment_id,
                           "attempt", pl.attempt),
                 "payment instruction written");
    return HANDLE_OK;
}

static handle_status payment_on_settled(loop_ctx *ctx, const json_t *d)
{
    char err[768], attempt_s[24];
    const char *payment_id = jget(d, "payment_id"), *status = jget(d, "status");
    json_int_t attempt = json_integer_value(json_object_get(d, "attempt"));
    if (!payment_id || !uuid_valid(payment_id) || attempt < 1 || !status ||
        (strcmp(status, "paid") != 0 && strcmp(status, "failed") != 0))
        return loop_reject(ctx, "SCHEMA_VIOLATION",
                           "/data: payment_id, attempt and status paid|failed are required");
    snprintf(attempt_s, sizeof attempt_s, "%lld", (long long)attempt);
    PGresult *r = NULL;
    const char *p[] = {payment_id, attempt_s};
    db_status st = db_exec(ctx->db, &r, err, sizeof err,
                           "SELECT a.state, p.receipt_no, p.office_number, p.amount_yen, "
                           "ap.correlation_id, a.transfer_date FROM payment_attempt a "
                           "JOIN payment p USING (payment_id) "
                           "JOIN application ap ON ap.receipt_no = p.receipt_no "
                           "WHERE a.payment_id = $1 AND a.attempt = $2 FOR UPDATE",
                           2, p);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    if (PQntuples(r) != 1) {
        PQclear(r);
        return loop_reject(ctx, "UNKNOWN_PAYMENT", "no attempt %s of payment %s", attempt_s,
                           payment_id);
    }
    if (strcmp(PQgetvalue(r, 0, 0), "instructed") != 0) {
        PQclear(r);
        return HANDLE_OK; /* already settled: a repeat */
    }
    char receipt_no[32], office[16], corr[40], amount[32], planned[11];
    snprintf(receipt_no, sizeof receipt_no, "%s", PQgetvalue(r, 0, 1));
    snprintf(office, sizeof office, "%s", PQgetvalue(r, 0, 2));
    snprintf(amount, sizeof amount, "%s", PQgetvalue(r, 0, 3));
    snprintf(corr, sizeof corr, "%s", PQgetvalue(r, 0, 4));
    snprintf(planned, sizeof planned, "%s", PQgetvalue(r, 0, 5));
    PQclear(r);
    bool paid = strcmp(status, "paid") == 0;
    const char *date = jget(d, "transfer_date") ? jget(d, "transfer_date") : planned;
    const char *code = jget(d, "failure_code"), *reason = jget(d, "failure_reason");
    const char *u[] = {payment_id,         attempt_s, paid ? "paid" : "failed",
                       paid ? date : NULL, code,      reason};
    st = db_exec(ctx->db, NULL, err, sizeof err,
                 "UPDATE payment_attempt SET state = $3, settled_on = $4::date, "
                 "failure_code = $5, failure_reason = $6 WHERE payment_id = $1 AND attempt = $2",
                 6, u);
    const char *v[] = {payment_id, paid ? "paid" : "failed"};
    if (st == DB_OK)
        st = db_exec(ctx->db, NULL, err, sizeof err,
                     "UPDATE payment SET state = $2 WHERE payment_id = $1", 2, v);
    json_t *why = json_pack("{s:s,s:s,s:s*}", "payment_id", payment_id, "status", status,
                            "failure_code", code);
    if (st == DB_OK)
        st = appstore_transition(ctx->db, receipt_no, "payment", "payment_instructed",
                                 paid ? "paid" : "payment_failed", why, err, sizeof err);
    json_decref(why);
    json_t *data = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s}", "receipt_no", receipt_no, "payment_id",
                             payment_id, "office_number", office, "status", status, "amount_yen",
                             (json_int_t)strtoll(amount, NULL, 10), "transfer_date", date);
    if (!paid)
        json_object_set_new(data, "failure_reason",
                            json_string(reason ? reason : (code ? code : "振込不能")));
    if (st == DB_OK)
        st = loop_emit(ctx, TOPIC_PAYMENT_OUTCOME, office, "payment.outcome", corr, data, err,
                       sizeof err);
    else
        json_decref(data);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    log_info("payment_settled", json_pack("{s:s,s:s}", "receipt_no", receipt_no, "status", status),
             "settlement recorded");
    return HANDLE_OK;
}

handle_status payment_handle(loop_ctx *ctx, const loop_message *m)
{
    const char *type = envelope_type(m->envelope);
    const json_t *d = envelope_data(m->envelope);
    if (strcmp(type, "application.decided") == 0) {
        const char *outcome = jget(d, "outcome");
        if (!outcome || !jget(d, "receipt_no"))
            return loop_reject(ctx, "SCHEMA_VIOLATION", "/data: receipt_no and outcome required");
        return strcmp(outcome, "approved") == 0 ? payment_on_approved(ctx, d) : HANDLE_OK;
    }
    if (strcmp(type, "payment.settled") == 0)
        return payment_on_settled(ctx, d);
    return loop_reject(ctx, "WRONG_TYPE", "/type: %s is not handled by payment", type);
}
