/* report.c - the operator's view: a table of applications with outcome,
 * reasons, payment state and notices written, a summary, and `wait`, which
 * blocks until the pipeline has come to rest (used by the demo and tests). */
#include "admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *report_sql =
    "SELECT a.receipt_no, a.office_number, a.state, "
    " coalesce((SELECT string_agg(r->>'code', ' ' ORDER BY o) FROM decision d, "
    "   jsonb_array_elements(d.reasons) WITH ORDINALITY AS x(r, o) "
    "   WHERE d.id = (SELECT max(id) FROM decision WHERE receipt_no = a.receipt_no)), ''), "
    " coalesce(p.state, '-'), "
    " coalesce((SELECT sum(amount_yen) FROM payment q WHERE q.receipt_no = a.receipt_no "
    "   AND q.state = 'paid'), 0), "
    " (SELECT count(*) FROM notice n WHERE n.receipt_no = a.receipt_no), "
    " coalesce((SELECT string_agg(kind, ',' ORDER BY created_at) FROM notice n "
    "   WHERE n.receipt_no = a.receipt_no), '') "
    "FROM application a LEFT JOIN payment p USING (receipt_no) "
    "WHERE $1 = '' OR a.program_id = $1 ORDER BY a.first_received_at, a.receipt_no";

int admin_report(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)cfg;
    const char *p[] = {argc > 1 ? argv[1] : ""};
    PGresult *r = NULL;
    char err[512];
    if (db_exec(c, &r, err, sizeof err, report_sql, 1, p) != DB_OK) {
        fprintf(stderr, "report: %s\n", err);
        return 1;
    }
    printf("%-10s %-10s %-20s %-10s %7s %7s  %s\n", "receipt", "office", "outcome", "payment",
           "paid", "notices", "reasons");
    int n = PQntuples(r);
    long long paid_total = 0;
    for (int i = 0; i < n; i++) {
        paid_total += atoll(PQgetvalue(r, i, 5));
        printf("%-10s %-10s %-20s %-10s %7s %7s  %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
               PQgetvalue(r, i, 2), PQgetvalue(r, i, 4), PQgetvalue(r, i, 5), PQgetvalue(r, i, 6),
               PQgetvalue(r, i, 3));
    }
    PQclear(r);
    if (db_exec(c, &r, err, sizeof err,
                "SELECT state, count(*) FROM application WHERE $1 = '' OR program_id = $1 "
                "GROUP BY state ORDER BY state",
                1, p) != DB_OK) {
        fprintf(stderr, "report: %s\n", err);
        return 1;
    }
    printf("\n%d applications:", n);
    for (int i = 0; i < PQntuples(r); i++)
        printf(" %s %s%s", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
               i + 1 < PQntuples(r) ? "," : "");
    printf("; paid in total %lld yen\n", paid_total);
    PQclear(r);
    if (db_exec(c, &r, err, sizeof err,
                "SELECT n.kind, count(*) FROM notice n JOIN application a USING (receipt_no) "
                "WHERE $1 = '' OR a.program_id = $1 GROUP BY n.kind ORDER BY min(n.created_at)",
                1, p) != DB_OK) {
        fprintf(stderr, "report: %s\n", err);
        return 1;
    }
    printf("notices written:");
    for (int i = 0; i < PQntuples(r); i++)
        printf(" %s %s%s", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
               i + 1 < PQntuples(r) ? "," : "");
    printf("\n");
    PQclear(r);
    return 0;
}

typedef struct {
    long total, busy, unsent, notices, notices_due;
} pipeline_status;

static int pipeline_read(PGconn *c, pipeline_status *s, char *err, size_t errlen)
{
    PGresult *r = NULL;
    if (db_exec(c, &r, err, errlen,
                "SELECT (SELECT count(*) FROM application), "
                " (SELECT count(*) FROM application WHERE state IN ('received', 'approved', "
                "   'payment_instructed')), "
                " (SELECT count(*) FROM outbox WHERE sent_at IS NULL), "
                " (SELECT count(*) FROM notice), "
                " (SELECT count(*) FROM application_event WHERE to_state <> "
                "   'payment_instructed')",
                0, NULL) != DB_OK)
        return -1;
    s->total = atol(PQgetvalue(r, 0, 0));
    s->busy = atol(PQgetvalue(r, 0, 1));
    s->unsent = atol(PQgetvalue(r, 0, 2));
    s->notices = atol(PQgetvalue(r, 0, 3));
    s->notices_due = atol(PQgetvalue(r, 0, 4));
    PQclear(r);
    return 0;
}

/* At rest: COUNT applications recorded, none waiting for a daemon (received,
 * approved, payment_instructed), the outbox relayed, and one notice written
 * for every notice-worthy state change. */
int admin_wait(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)cfg;
    if (argc < 2) {
        fprintf(stderr, "usage: wait COUNT [SECONDS]\n");
        return 2;
    }
    long want = atol(argv[1]);
    int seconds = argc > 2 ? atoi(argv[2]) : 120;
    char err[512];
    pipeline_status s = {0};
    time_t start = time(NULL);
    while (time(NULL) - start <= seconds) {
        if (pipeline_read(c, &s, err, sizeof err) != 0) {
            fprintf(stderr, "wait: %s\n", err);
            return 1;
        }
        if (s.total >= want && s.busy == 0 && s.unsent == 0 && s.notices >= s.notices_due) {
            printf("at rest after %ld s: %ld applications, %ld notices\n",
                   (long)(time(NULL) - start), s.total, s.notices);
            return 0;
        }
        struct timespec ts = {0, 250000000L};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr,
            "wait: not at rest after %d s: %ld of %ld applications, %ld in flight, %ld unsent "
            "outbox rows, %ld of %ld notices\n",
            seconds, s.total, want, s.busy, s.unsent, s.notices, s.notices_due);
    return 1;
}
