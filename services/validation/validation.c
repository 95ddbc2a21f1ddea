/* validation.c - deciding applications and the scheduled sweep; see validation.h. */
#include "validation.h"

#include "appstore.h"
#include "domain/bankkana.h"
#include "domain/rules.h"
#include "envelope.h"
#include "facts.h"
#include "kafka.h"
#include "log.h"
#include "programstore.h"

#include <stdlib.h>
#include <string.h>

struct validation_state {
    programstore *programs;
    bankkana_converter *kana; /* checks account-holder names as the bank file will */
};

validation_state *validation_state_new(const config *cfg)
{
    char err[256];
    validation_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->programs = programstore_new();
    s->kana = bankkana_converter_new(cfg->zengin_extra_symbols, err, sizeof err);
    if (!s->programs || !s->kana) {
        if (!s->kana)
            log_error("bankkana_init_failed", NULL, "%s", err);
        validation_state_free(s);
        return NULL;
    }
    return s;
}

void validation_state_free(validation_state *s)
{
    if (!s)
        return;
    programstore_free(s->programs);
    bankkana_converter_free(s->kana);
    free(s);
}

/* The reason of the scheduled sweep, which decides without the rules. */
static const rules_reason reason_correction_expired = {"CORRECTION_NOT_RECEIVED",
                                                       "補正の期限までに補正が行われませんでした。",
                                                       "no correction was received by the deadline",
                                                       "",
                                                       false,
                                                       false};

static json_t *decision_reasons_json(const rules_decision *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->n_reasons; i++) {
        const rules_reason *r = &d->reasons[i];
        json_array_append_new(a,
                              json_pack("{s:s,s:s,s:s,s:s,s:b}", "code", r->code, "message_ja",
                                        r->message_ja, "message_en", r->message_en, "field",
                                        r->field ? r->field : "", "correctable", r->correctable));
    }
    return a;
}

typedef struct {
    char receipt_no[32], state[32], program_id[128], office[16], corporate[16];
    char first_received_at[64], correlation_id[40], correction_deadline[11];
    json_t *data, *attachment_problems;
} app_row;

static void app_row_clear(app_row *a)
{
    json_decref(a->data);
    json_decref(a->attachment_problems);
}

/* Locks and loads one application. Returns DB_OK with *found. */
static db_status app_load(PGconn *c, const char *receipt_no, app_row *a, int *found, char *err,
                          size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {receipt_no};
    db_status st = db_exec(c, &r, err, errlen,
                           "SELECT state, program_id, office_number, corporate_number, "
                           "to_char(first_received_at AT TIME ZONE 'Asia/Tokyo', "
                           "'YYYY-MM-DD\"T\"HH24:MI:SS\"+09:00\"'), "
                           "correlation_id, data, attachment_problems, "
                           "coalesce(correction_deadline::text, '') "
                           "FROM application WHERE receipt_no = $1 FOR UPDATE",
                           1, p);
    if (st != DB_OK)
        return st;
    *found = PQntuples(r) == 1;
    if (*found) {
        snprintf(a->receipt_no, sizeof a->receipt_no, "%s", receipt_no);
        snprintf(a->state, sizeof a->state, "%s", PQgetvalue(r, 0, 0));
        snprintf(a->program_id, sizeof a->program_id, "%s", PQgetvalue(r, 0, 1));
        snprintf(a->office, sizeof a->office, "%s", PQgetvalue(r, 0, 2));
        snprintf(a->corporate, sizeof a->corporate, "%s", PQgetvalue(r, 0, 3));
        snprintf(a->first_received_at, sizeof a->first_received_at, "%s", PQgetvalue(r, 0, 4));
        snprintf(a->correlation_id, sizeof a->correlation_id, "%s", PQgetvalue(r, 0, 5));
        a->data = json_loads(PQgetvalue(r, 0, 6), 0, NULL);
        a->attachment_problems = json_loads(PQgetvalue(r, 0, 7), 0, NULL);
        snprintf(a->correction_deadline, sizeof a->correction_deadline, "%s", PQgetvalue(r, 0, 8));
    }
    PQclear(r);
    return DB_OK;
}

/* Records the decision, moves the state and emits application.decided. */
static db_status decision_record(loop_ctx *ctx, const app_row *a, const program *p,
                                 const rules_decision *d, const char *decided_on, char *err,
                                 size_t errlen)
{
    const char *outcome = rules_outcome_name(d->outcome);
    json_t *reasons = decision_reasons_json(d);
    char *reasons_text = json_dumps(reasons, JSON_COMPACT);
    char version[16], amount[32];
    snprintf(version, sizeof version, "%d", program_version(p));
    snprintf(amount, sizeof amount, "%lld", (long long)d->amount_yen);
    const char *q[] = {a->receipt_no, a->program_id, version,
                       outcome,       reasons_text,  d->outcome == RULES_APPROVED ? amount : NULL,
                       decided_on};
    db_status st = db_exec(ctx->db, NULL, err, errlen,
                           "INSERT INTO decision (receipt_no, program_id, program_version, "
                           "outcome, reasons, amount_yen, decided_on) "
                           "VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::date)",
                           7, q);
    free(reasons_text);
    const char *deadline = d->outcome == RULES_CORRECTION_REQUESTED ? d->correction_deadline : NULL;
    if (st == DB_OK) {
        const char *u[] = {a->receipt_no, deadline};
        st = db_exec(ctx->db, NULL, err, errlen,
                     "UPDATE application SET correction_deadline = $2::date WHERE receipt_no = $1",
                     2, u);
    }
    json_t *why = json_pack("{s:s,s:O}", "outcome", outcome, "reasons", reasons);
    if (st == DB_OK)
        st = appstore_transition(ctx->db, a->receipt_no, "validation", a->state, outcome, why, err,
                                 errlen);
    json_decref(why);
    json_t *data = json_pack("{s:s,s:s,s:s,s:s,s:o,s:s}", "receipt_no", a->receipt_no, "program_id",
                             a->program_id, "office_number", a->office, "outcome", outcome,
                             "reasons", reasons, "decided_at", decided_on);
    if (d->outcome == RULES_APPROVED)
        json_object_set_new(data, "amount_yen", json_integer(d->amount_yen));
    if (deadline)
        json_object_set_new(data, "correction_deadline", json_string(deadline));
    if (st == DB_OK)
        st = loop_emit(ctx, TOPIC_DECIDED, a->office, "application.decided", a->correlation_id,
                       data, err, errlen);
    else
        json_decref(data);
    if (st == DB_OK)
        log_info("application_decided",
                 json_pack("{s:s,s:s,s:i}", "receipt_no", a->receipt_no, "outcome", outcome,
                           "reasons", (int)d->n_reasons),
                 "decision recorded");
    return st;
}

/* Decides the application against its program; nothing is recorded when an
 * application on hold would stay on hold. */
static db_status decide_one(loop_ctx *ctx, app_row *a, bool *budget_held, char *err, size_t errlen)
{
    validation_state *vs = ctx->state;
    char today_s[11];
    config_business_date(ctx->cfg, today_s);
    db_status st;
    const program *p = programstore_get(vs->programs, ctx->db, a->program_id, &st, err, errlen);
    if (!p)
        return st == DB_OK ? DB_PERMANENT : st;
    const char *lp[] = {a->program_id};
    st = db_exec(ctx->db, NULL, err, errlen, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, lp);
    if (st != DB_OK)
        return st;
    facts_query q = {a->receipt_no, a->program_id,        a->office,
                     a->corporate,  a->first_received_at, today_s};
    rules_facts f;
    st = facts_gather(ctx->db, &q, &f, err, errlen);
    if (st != DB_OK)
        return st;
    const char *holder =
        json_string_value(json_object_get(json_object_get(a->data, "bank_account"), "holder_kana"));
    if (holder && *holder &&
        bankkana_check(vs->kana, holder, f.holder_kana_problem, sizeof f.holder_kana_problem))
        f.holder_kana_problem[0] = '\0';
    /* The application date is the first arrival: a resubmission amends the
     * application, it does not move its date; its own lateness is judged
     * against the correction deadline it answers. */
    snprintf(f.first_received_at, sizeof f.first_received_at, "%s", a->first_received_at);
    snprintf(f.correction_deadline, sizeof f.correction_deadline, "%s", a->correction_deadline);
    f.attachments_unverified = json_array_size(a->attachment_problems) > 0;
    rules_decision d;
    rules_decide(p, a->data, &f, &d);
    if (d.outcome == RULES_ON_HOLD && strcmp(a->state, "on_hold") == 0) {
        for (size_t i = 0; budget_held && i < d.n_reasons; i++)
            *budget_held |= strcmp(d.reasons[i].code, "BUDGET_EXHAUSTED") == 0;
        return DB_OK;
    }
    return decision_record(ctx, a, p, &d, today_s, err, errlen);
}

handle_status validation_handle(loop_ctx *ctx, const loop_message *m)
{
    if (strcmp(envelope_type(m->envelope), "application.received") != 0)
        return loop_reject(ctx, "WRONG_TYPE", "/type: expected application.received");
    const char *receipt_no =
        json_string_value(json_object_get(envelope_data(m->envelope), "receipt_no"));
    if (!receipt_no)
        return loop_reject(ctx, "SCHEMA_VIOLATION", "/data/receipt_no: missing");
    char err[768];
    app_row a = {0};
    int found = 0;
    db_status st = app_load(ctx->db, receipt_no, &a, &found, err, sizeof err);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    if (!found)
        return loop_reject(ctx, "UNKNOWN_RECEIPT_NO", "no application %s", receipt_no);
    handle_status hs = HANDLE_OK;
    if (strcmp(a.state, "received") == 0 || strcmp(a.state, "on_hold") == 0) {
        if (!a.data || !a.attachment_problems)
            hs = loop_reject(ctx, "DB_REJECTED", "application %s has unreadable data", receipt_no);
        else if ((st = decide_one(ctx, &a, NULL, err, sizeof err)) != DB_OK)
            hs = loop_db_failure(ctx, st, err);
    } else {
        log_info("decision_skipped",
                 json_pack("{s:s,s:s}", "receipt_no", receipt_no, "state", a.state),
                 "already decided");
    }
    app_row_clear(&a);
    return hs;
}

/* Rejects open correction requests whose deadline has passed. */
static db_status sweep_corrections(loop_ctx *ctx, const char *today_s, char *err, size_t errlen)
{
    validation_state *vs = ctx->state;
    PGresult *r = NULL;
    const char *p[] = {today_s};
    db_status st = db_exec(ctx->db, &r, err, errlen,
                           "SELECT receipt_no FROM application WHERE state = "
                           "'correction_requested' AND correction_deadline < $1::date "
                           "ORDER BY first_received_at FOR UPDATE SKIP LOCKED LIMIT 500",
                           1, p);
    for (int i = 0; st == DB_OK && r && i < PQntuples(r); i++) {
        app_row a = {0};
        int found = 0;
        st = app_load(ctx->db, PQgetvalue(r, i, 0), &a, &found, err, errlen);
        const program *prog =
            st == DB_OK && found
                ? programstore_get(vs->programs, ctx->db, a.program_id, &st, err, errlen)
                : NULL;
        if (prog) {
            rules_decision d = {.outcome = RULES_REJECTED};
            d.reasons[d.n_reasons++] = reason_correction_expired;
            st = decision_record(ctx, &a, prog, &d, today_s, err, errlen);
        }
        app_row_clear(&a);
    }
    PQclear(r);
    return st;
}

/* Decides applications on hold again, oldest first. */
static db_status redecide_on_hold(loop_ctx *ctx, char *err, size_t errlen)
{
    /* Per program in arrival order. Once one stays held for budget, every
     * later one held only for budget would too (approvals keep arrival
     * order), so those are skipped until the next tick; the others (awaiting
     * an answer) are still decided again. */
    PGresult *r = NULL;
    db_status st = db_exec(
        ctx->db, &r, err, errlen,
        "SELECT a.receipt_no, a.program_id, coalesce((SELECT bool_and(x->>'code' = "
        "'BUDGET_EXHAUSTED') FROM decision d, jsonb_array_elements(d.reasons) x "
        "WHERE d.id = (SELECT max(id) FROM decision WHERE receipt_no = a.receipt_no)), false) "
        "FROM application a WHERE a.state = 'on_hold' "
        "ORDER BY a.program_id, a.first_received_at, a.receipt_no LIMIT 2000",
        0, NULL);
    char blocked_program[128] = "";
    for (int i = 0; st == DB_OK && r && i < PQntuples(r); i++) {
        const char *prog_id = PQgetvalue(r, i, 1);
        bool budget_only = PQgetvalue(r, i, 2)[0] == 't';
        if (budget_only && strcmp(blocked_program, prog_id) == 0)
            continue;
        app_row a = {0};
        int found = 0;
        bool held = false;
        st = app_load(ctx->db, PQgetvalue(r, i, 0), &a, &found, err, errlen);
        if (st == DB_OK && found && strcmp(a.state, "on_hold") == 0 && a.data)
            st = decide_one(ctx, &a, &held, err, errlen);
        if (held)
            snprintf(blocked_program, sizeof blocked_program, "%s", prog_id);
        app_row_clear(&a);
    }
    PQclear(r);
    return st;
}

handle_status validation_tick(loop_ctx *ctx)
{
    char err[768], today_s[11];
    config_business_date(ctx->cfg, today_s);
    db_status st = sweep_corrections(ctx, today_s, err, sizeof err);
    if (st == DB_OK)
        st = redecide_on_hold(ctx, err, sizeof err);
    if (st != DB_OK) {
        snprintf(ctx->reason, sizeof ctx->reason, "%s", err);
        return HANDLE_RETRY;
    }
    return HANDLE_OK;
}
