/* intake.c - the intake handler; see intake.h. */
#include "intake.h"

#include "appstore.h"
#include "domain/attachments.h"
#include "domain/digest.h"
#include "domain/jdate.h"
#include "domain/jsonschema.h"
#include "domain/normalize.h"
#include "envelope.h"
#include "kafka.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

struct intake_state {
    jsonschema *submitted;
    const config *cfg;
};

intake_state *intake_state_new(const config *cfg, char *err, size_t errlen)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/application_submitted.schema.json", cfg->schema_dir);
    intake_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = cfg;
    s->submitted = jsonschema_load_file(path, err, errlen);
    if (!s->submitted) {
        free(s);
        return NULL;
    }
    return s;
}

void intake_state_free(intake_state *s)
{
    if (!s)
        return;
    jsonschema_free(s->submitted);
    free(s);
}

static const char *jstr(const json_t *o, const char *path1, const char *path2)
{
    const json_t *v = json_object_get(o, path1);
    if (path2)
        v = json_object_get(v, path2);
    return json_string_value(v);
}

/* One submission as it is being recorded. */
typedef struct {
    const json_t *original; /* data as submitted (borrowed) */
    json_t *data;           /* normalised (owned) */
    json_t *changes;        /* pointer -> original value (owned) */
    json_t *problems;       /* attachment problems (owned) */
    char sha256[65];
    char correlation_buf[37];
    const char *submission_id, *office, *received_at, *correlation_id;
} submission;

static void submission_clear(submission *s)
{
    json_decref(s->data);
    json_decref(s->changes);
    json_decref(s->problems);
}

/* Receipt numbers read R<reiwa year of the fiscal year>-<serial>, e.g. R6-000123. */
static int intake_receipt_no(loop_ctx *ctx, const char *received_at, char *out, size_t outlen,
                             char *err, size_t errlen)
{
    int64_t epoch;
    if (!jst_parse_datetime(received_at, &epoch)) {
        snprintf(err, errlen, "received_at is not an RFC 3339 time");
        return -1;
    }
    int fy = jdate_fiscal_year(jst_date_of(epoch));
    PGresult *r = NULL;
    if (db_exec(ctx->db, &r, err, errlen, "SELECT nextval('receipt_seq')", 0, NULL) != DB_OK)
        return -2;
    snprintf(out, outlen, "R%d-%06ld", fy - 2018, atol(PQgetvalue(r, 0, 0)));
    PQclear(r);
    return 0;
}

static db_status intake_store_submission(loop_ctx *ctx, const submission *s, const char *receipt_no,
                                         char *err, size_t errlen)
{
    char *orig = json_dumps(s->original, JSON_COMPACT);
    char *changes = json_dumps(s->changes, JSON_COMPACT);
    const char *p[] = {s->submission_id, receipt_no, s->sha256, orig, changes, s->received_at};
    db_status st = db_exec(ctx->db, NULL, err, errlen,
                           "INSERT INTO submission (submission_id, receipt_no, content_sha256, "
                           "as_submitted, normalised_changes, received_at) "
                           "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::timestamptz)",
                           6, p);
    free(orig);
    free(changes);
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(s->data, "attachments"), i, a)
    {
        if (st != DB_OK)
            break;
        char seq[24], size[32];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        snprintf(size, sizeof size, "%lld",
                 (long long)json_integer_value(json_object_get(a, "size_bytes")));
        const char *q[] = {s->submission_id,           seq,  jstr(a, "kind", NULL),
                           jstr(a, "file_name", NULL), size, jstr(a, "sha256", NULL)};
        st = db_exec(ctx->db, NULL, err, errlen,
                     "INSERT INTO attachment (submission_id, seq, kind, file_name, size_bytes, "
                     "sha256) VALUES ($1, $2, $3, $4, $5, $6)",
                     6, q);
    }
    return st;
}

static db_status intake_emit_received(loop_ctx *ctx, const submission *s, const char *receipt_no,
                                      bool resubmission, char *err, size_t errlen)
{
    json_t *data =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:O}", "receipt_no", receipt_no, "submission_id",
                  s->submission_id, "program_id", jstr(s->data, "program_id", NULL),
                  "office_number", s->office, "corporate_number",
                  jstr(s->data, "applicant", "corporate_number"), "received_at", s->received_at,
                  "resubmission", resubmission, "attachment_problems", s->problems);
    return loop_emit(ctx, TOPIC_RECEIVED, s->office, "application.received", s->correlation_id,
                     data, err, errlen);
}

static handle_status intake_new_application(loop_ctx *ctx, const submission *s)
{
    char err[768], receipt_no[32];
    const char *program = jstr(s->data, "program_id", NULL);
    PGresult *r = NULL;
    const char *pp[] = {program};
    db_status st = db_exec(ctx->db, &r, err, sizeof err,
                           "SELECT 1 FROM program WHERE program_id = $1 LIMIT 1", 1, pp);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    int known = PQntuples(r);
    PQclear(r);
    if (!known)
        return loop_reject(ctx, "UNKNOWN_PROGRAM", "/data/program_id: no program '%s' is loaded",
                           program);
    int rc = intake_receipt_no(ctx, s->received_at, receipt_no, sizeof receipt_no, err, sizeof err);
    if (rc == -1)
        return loop_reject(ctx, "SCHEMA_VIOLATION", "/data/received_at: %s", err);
    if (rc == -2)
        return loop_db_failure(ctx, DB_TRANSIENT, err);
    char *data = json_dumps(s->data, JSON_COMPACT);
    char *problems = json_dumps(s->problems, JSON_COMPACT);
    const char *p[] = {receipt_no,
                       program,
                       s->office,
                       jstr(s->data, "applicant", "corporate_number"),
                       jstr(s->data, "channel", NULL),
                       s->received_at,
                       data,
                       problems,
                       s->correlation_id};
    st = db_exec(ctx->db, NULL, err, sizeof err,
                 "INSERT INTO application (receipt_no, program_id, office_number, "
                 "corporate_number, channel, received_at, first_received_at, state, data, "
                 "attachment_problems, correlation_id) VALUES ($1, $2, $3, $4, $5, "
                 "$6::timestamptz, $6::timestamptz, 'received', $7::jsonb, $8::jsonb, $9::uuid)",
                 9, p);
    free(data);
    free(problems);
    json_t *why = json_pack("{s:s}", "submission_id", s->submission_id);
    if (st == DB_OK)
        st = intake_store_submission(ctx, s, receipt_no, err, sizeof err);
    if (st == DB_OK)
        st = appstore_event(ctx->db, receipt_no, "intake", NULL, "received", why, err, sizeof err);
    if (st == DB_OK)
        st = intake_emit_received(ctx, s, receipt_no, false, err, sizeof err);
    json_decref(why);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    log_info("application_received",
             json_pack("{s:s,s:s,s:i}", "receipt_no", receipt_no, "office_number", s->office,
                       "attachment_problems", (int)json_array_size(s->problems)),
             "application recorded");
    return HANDLE_OK;
}

/* A resubmission amends the application it names: only one that waits for a
 * correction or a corrected bank account can be amended. */
static handle_status intake_amend(loop_ctx *ctx, const submission *s, const char *receipt_no)
{
    char err[768], state[32];
    PGresult *r = NULL;
    const char *p[] = {receipt_no};
    db_status st = db_exec(ctx->db, &r, err, sizeof err,
                           "SELECT state, office_number FROM application WHERE receipt_no = $1 "
                           "FOR UPDATE",
                           1, p);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    if (PQntuples(r) == 0) {
        PQclear(r);
        return loop_reject(ctx, "UNKNOWN_RECEIPT_NO", "/data/amends_receipt_no: no application %s",
                           receipt_no);
    }
    snprintf(state, sizeof state, "%s", PQgetvalue(r, 0, 0));
    bool same_office = strcmp(PQgetvalue(r, 0, 1), s->office) == 0;
    PQclear(r);
    if (!same_office)
        return loop_reject(ctx, "RESUBMISSION_OFFICE_MISMATCH",
                           "/data/office/office_number: %s belongs to another office", receipt_no);
    if (strcmp(state, "correction_requested") != 0 && strcmp(state, "payment_failed") != 0)
        return loop_reject(ctx, "RESUBMISSION_NOT_EXPECTED",
                           "application %s is %s; only a correction request or a failed payment "
                           "can be answered",
                           receipt_no, state);
    char *data = json_dumps(s->data, JSON_COMPACT);
    char *problems = json_dumps(s->problems, JSON_COMPACT);
    const char *q[] = {receipt_no, data, problems, s->received_at, jstr(s->data, "channel", NULL)};
    st = db_exec(ctx->db, NULL, err, sizeof err,
                 "UPDATE application SET data = $2::jsonb, attachment_problems = $3::jsonb, "
                 "received_at = $4::timestamptz, channel = $5 WHERE receipt_no = $1",
                 5, q);
    free(data);
    free(problems);
    json_t *why = json_pack("{s:s,s:b}", "submission_id", s->submission_id, "resubmission", 1);
    if (st == DB_OK)
        st = intake_store_submission(ctx, s, receipt_no, err, sizeof err);
    if (st == DB_OK)
        st = appstore_transition(ctx->db, receipt_no, "intake", state, "received", why, err,
                                 sizeof err);
    if (st == DB_OK)
        st = intake_emit_received(ctx, s, receipt_no, true, err, sizeof err);
    json_decref(why);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    log_info("application_amended", json_pack("{s:s,s:s}", "receipt_no", receipt_no, "from", state),
             "resubmission recorded");
    return HANDLE_OK;
}

/* Same id seen before: a no-op when the content matches, a conflict if not.
 * Returns 1 when it decided (into *out), 0 when the id is new. */
static int intake_seen_before(loop_ctx *ctx, const submission *s, handle_status *out)
{
    char err[768];
    PGresult *r = NULL;
    const char *p[] = {s->submission_id};
    db_status st = db_exec(ctx->db, &r, err, sizeof err,
                           "SELECT content_sha256, receipt_no FROM submission "
                           "WHERE submission_id = $1",
                           1, p);
    if (st != DB_OK) {
        *out = loop_db_failure(ctx, st, err);
        return 1;
    }
    if (PQntuples(r) == 0) {
        PQclear(r);
        return 0;
    }
    if (strcmp(PQgetvalue(r, 0, 0), s->sha256) == 0) {
        log_info("submission_repeat", json_pack("{s:s}", "receipt_no", PQgetvalue(r, 0, 1)),
                 "same submission id and content: nothing to do");
        *out = HANDLE_OK;
    } else {
        *out = loop_reject(ctx, "SUBMISSION_CONFLICT",
                           "submission %s was recorded as %s with content sha256 %s; this "
                           "message has sha256 %s and is not applied",
                           s->submission_id, PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 0), s->sha256);
    }
    PQclear(r);
    return 1;
}

handle_status intake_handle(loop_ctx *ctx, const loop_message *m)
{
    intake_state *is = ctx->state;
    const char *type = envelope_type(m->envelope);
    if (strcmp(type, "application.submitted") != 0)
        return loop_reject(ctx, "WRONG_TYPE", "/type: expected application.submitted, got %s",
                           type);
    submission s = {.original = envelope_data(m->envelope)};
    s.data = normalize_application(s.original, &s.changes);
    json_t *norm_env = json_copy(m->envelope);
    if (!s.data || !norm_env) {
        json_decref(norm_env);
        submission_clear(&s);
        return HANDLE_RETRY;
    }
    json_object_set(norm_env, "data", s.data);
    char err[768];
    int valid = jsonschema_validate(is->submitted, norm_env, err, sizeof err);
    json_decref(norm_env);
    if (valid != 1) {
        submission_clear(&s);
        return loop_reject(ctx, "SCHEMA_VIOLATION", "%s", err);
    }
    digest_json_hex(s.original, s.sha256);
    s.submission_id = jstr(s.data, "submission_id", NULL);
    s.office = jstr(s.data, "office", "office_number");
    s.received_at = jstr(s.data, "received_at", NULL);
    s.correlation_id = envelope_correlation_id(m->envelope);
    if (!uuid_valid(s.correlation_id)) {
        if (uuid_generate(s.correlation_buf) != 0) {
            submission_clear(&s);
            return HANDLE_RETRY;
        }
        s.correlation_id = s.correlation_buf;
    }
    handle_status hs;
    if (intake_seen_before(ctx, &s, &hs)) {
        submission_clear(&s);
        return hs;
    }
    s.problems = attachments_check(json_object_get(s.data, "attachments"),
                                   is->cfg->attachment_dir[0] ? is->cfg->attachment_dir : NULL);
    if (!s.problems)
        s.problems = json_array();
    const char *amends = jstr(s.data, "amends_receipt_no", NULL);
    hs = amends ? intake_amend(ctx, &s, amends) : intake_new_application(ctx, &s);
    submission_clear(&s);
    return hs;
}
