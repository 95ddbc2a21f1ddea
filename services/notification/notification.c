/* notification.c - rendering, writing and recording notices; see notification.h. */
#include "notification.h"

#include "domain/digest.h"
#include "domain/notice.h"
#include "envelope.h"
#include "fileio.h"
#include "kafka.h"
#include "log.h"
#include "programstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct notification_state {
    programstore *programs;
};

notification_state *notification_state_new(void)
{
    notification_state *s = calloc(1, sizeof *s);
    if (s && !(s->programs = programstore_new())) {
        free(s);
        return NULL;
    }
    return s;
}

void notification_state_free(notification_state *s)
{
    if (!s)
        return;
    programstore_free(s->programs);
    free(s);
}

static const char *jget(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Which notice an event asks for. Returns false for events that need none. */
static bool notification_kind(const char *type, const json_t *d, notice_kind *k)
{
    if (strcmp(type, "application.received") == 0) {
        *k = NOTICE_RECEIVED;
        return true;
    }
    if (strcmp(type, "application.decided") == 0)
        return notice_kind_parse(jget(d, "outcome"), k);
    if (strcmp(type, "payment.outcome") == 0)
        return notice_kind_parse(strcmp(jget(d, "status") ? jget(d, "status") : "", "paid") == 0
                                     ? "paid"
                                     : "payment_failed",
                                 k);
    return false;
}

static int mkdir_p(const char *path)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return (mkdir(tmp, 0750) != 0 && errno != EEXIST) ? -1 : 0;
}

/* Writes body to path (in dir, made when missing) atomically. */
static int write_file(const char *dir, const char *path, const char *body, char *err, size_t errlen)
{
    if (mkdir_p(dir) != 0 || file_write_atomic(path, body, strlen(body)) != 0) {
        snprintf(err, errlen, "cannot write %.600s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The letter's input: application fields, the program's contact block, and
 * the event's own facts. Reasons are copied into *reasons (caller frees). */
static void notice_fill(notice_input *in, notice_kind kind, const json_t *app, const program *p,
                        const json_t *d, const char *issue_date, notice_reason **reasons)
{
    const json_t *applicant = json_object_get(app, "applicant");
    const json_t *office = json_object_get(app, "office");
    memset(in, 0, sizeof *in);
    in->kind = kind;
    in->receipt_no = jget(d, "receipt_no");
    in->issue_date = issue_date;
    in->applicant_name = jget(applicant, "name");
    in->representative_title = jget(applicant, "representative_title");
    in->representative_name = jget(applicant, "representative_name");
    in->office_number = jget(office, "office_number");
    in->office_name = jget(office, "name");
    in->program_name = program_name(p);
    in->fiscal_year = program_fiscal_year(p);
    in->municipality_name = program_municipality_name(p);
    in->contact_department = program_contact_department(p);
    in->contact_address = program_contact_address(p);
    in->contact_phone = program_contact_phone(p);
    in->contact_fax = program_contact_fax(p);
    in->amount_yen = json_integer_value(json_object_get(d, "amount_yen"));
    in->correction_deadline = jget(d, "correction_deadline");
    in->transfer_date = jget(d, "transfer_date");
    in->failure_reason = jget(d, "failure_reason");
    const json_t *rs = json_object_get(d, "reasons");
    size_t n = json_array_size(rs);
    *reasons = n ? calloc(n, sizeof **reasons) : NULL;
    for (size_t i = 0; *reasons && i < n; i++) {
        (*reasons)[i].message_ja = jget(json_array_get(rs, i), "message_ja");
        (*reasons)[i].field = jget(json_array_get(rs, i), "field");
    }
    in->reasons = *reasons;
    in->n_reasons = *reasons ? n : 0;
}

/* Loads the application's data (new reference) and its program. */
static db_status notification_load(loop_ctx *ctx, const char *receipt_no, json_t **app,
                                   const program **p, char *err, size_t errlen)
{
    notification_state *ns = ctx->state;
    PGresult *r = NULL;
    const char *q[] = {receipt_no};
    db_status st = db_exec(ctx->db, &r, err, errlen,
                           "SELECT data, program_id FROM application WHERE receipt_no = $1", 1, q);
    if (st != DB_OK)
        return st;
    if (PQntuples(r) != 1) {
        PQclear(r);
        snprintf(err, errlen, "no application %s", receipt_no);
        return DB_PERMANENT;
    }
    *app = json_loads(PQgetvalue(r, 0, 0), 0, NULL);
    *p = programstore_get(ns->programs, ctx->db, PQgetvalue(r, 0, 1), &st, err, errlen);
    PQclear(r);
    if (!*p || !*app) {
        json_decref(*app);
        *app = NULL;
        return st == DB_OK ? DB_PERMANENT : st;
    }
    return DB_OK;
}

static db_status notification_record(loop_ctx *ctx, const char *event_id, const char *corr,
                                     const notice_input *in, const char *path, const char *body,
                                     char *err, size_t errlen)
{
    char notice_id[37], sha[65];
    if (uuid_generate(notice_id) != 0) {
        snprintf(err, errlen, "no randomness for a notice id");
        return DB_TRANSIENT;
    }
    digest_sha256_hex(body, strlen(body), sha);
    const char *kind = notice_kind_name(in->kind);
    const char *p[] = {notice_id, in->receipt_no, kind, event_id, path, sha, body};
    db_status st = db_exec(ctx->db, NULL, err, errlen,
                           "INSERT INTO notice (notice_id, receipt_no, kind, source_event_id, "
                           "file_path, sha256, body) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           7, p);
    if (st != DB_OK)
        return st;
    json_t *data = json_pack("{s:s,s:s,s:s,s:s,s:s}", "notice_id", notice_id, "receipt_no",
                             in->receipt_no, "kind", kind, "file", path, "sha256", sha);
    return loop_emit(ctx, TOPIC_NOTICE_SENT, in->office_number, "notice.sent", corr, data, err,
                     errlen);
}

handle_status notification_handle(loop_ctx *ctx, const loop_message *m)
{
    const char *type = envelope_type(m->envelope);
    const json_t *d = envelope_data(m->envelope);
    notice_kind kind;
    if (!notification_kind(type, d, &kind))
        return HANDLE_OK;
    const char *receipt_no = jget(d, "receipt_no");
    if (!receipt_no)
        return loop_reject(ctx, "SCHEMA_VIOLATION", "/data/receipt_no: missing");
    char err[768], today[11];
    json_t *app = NULL;
    const program *p = NULL;
    db_status st = notification_load(ctx, receipt_no, &app, &p, err, sizeof err);
    if (st != DB_OK)
        return loop_db_failure(ctx, st, err);
    config_business_date(ctx->cfg, today);
    notice_input in;
    notice_reason *reasons = NULL;
    notice_fill(&in, kind, app, p, d, today, &reasons);
    char *body = notice_render(&in, err, sizeof err);
    handle_status hs = HANDLE_OK;
    if (!body) {
        hs = loop_reject(ctx, "NOTICE_UNRENDERABLE", "%s notice for %s: %s", notice_kind_name(kind),
                         receipt_no, err);
    } else {
        char dir[700], path[1024];
        snprintf(dir, sizeof dir, "%s/%s", ctx->cfg->notice_dir, receipt_no);
        snprintf(path, sizeof path, "%s/%s-%s.txt", dir, notice_kind_name(kind),
                 envelope_event_id(m->envelope));
        if (write_file(dir, path, body, err, sizeof err) != 0) {
            log_error("notice_write_failed", NULL, "%s", err);
            hs = HANDLE_RETRY;
        } else if ((st = notification_record(ctx, envelope_event_id(m->envelope),
                                             envelope_correlation_id(m->envelope), &in, path, body,
                                             err, sizeof err)) != DB_OK) {
            hs = loop_db_failure(ctx, st, err);
        } else {
            log_info(
                "notice_written",
                json_pack("{s:s,s:s}", "receipt_no", receipt_no, "kind", notice_kind_name(kind)),
                "notice written");
        }
    }
    free(body);
    free(reasons);
    json_decref(app);
    return hs;
}
