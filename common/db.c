/* db.c - libpq connection with reconnect and error classification; see db.h. */
#include "db.h"

#include "log.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct db {
    PGconn *conn;
    char *dsn;
};

static void db_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static PGconn *db_try_connect(const char *dsn, const volatile sig_atomic_t *stop)
{
    long backoff = 100;
    for (int attempt = 1; !(stop && *stop); attempt++) {
        PGconn *c = PQconnectdb(dsn);
        if (PQstatus(c) == CONNECTION_OK) {
            PQsetClientEncoding(c, "UTF8");
            return c;
        }
        log_warn("db_connect_failed",
                 json_pack("{s:i,s:i}", "attempt", attempt, "backoff_ms", (int)backoff),
                 "database not reachable: %s", PQerrorMessage(c));
        PQfinish(c);
        db_sleep_ms(backoff);
        backoff = backoff * 2 > 5000 ? 5000 : backoff * 2;
    }
    return NULL;
}

db *db_connect(const char *dsn, const volatile sig_atomic_t *stop)
{
    PGconn *c = db_try_connect(dsn, stop);
    if (!c)
        return NULL;
    db *d = calloc(1, sizeof *d);
    if (!d || !(d->dsn = strdup(dsn))) {
        free(d);
        PQfinish(c);
        return NULL;
    }
    d->conn = c;
    return d;
}

void db_free(db *d)
{
    if (!d)
        return;
    PQfinish(d->conn);
    free(d->dsn);
    free(d);
}

PGconn *db_conn(db *d)
{
    return d->conn;
}

int db_reconnect(db *d, const volatile sig_atomic_t *stop)
{
    if (PQstatus(d->conn) == CONNECTION_OK && PQtransactionStatus(d->conn) != PQTRANS_UNKNOWN)
        return 0;
    PQfinish(d->conn);
    d->conn = db_try_connect(d->dsn, stop);
    if (d->conn)
        log_info("db_reconnected", NULL, "database connection re-established");
    return d->conn ? 0 : -1;
}

db_status db_classify_sqlstate(const char *s)
{
    if (!s || !*s)
        return DB_TRANSIENT;
    if (strncmp(s, "08", 2) == 0 || strncmp(s, "40", 2) == 0 || strncmp(s, "53", 2) == 0 ||
        strncmp(s, "57", 2) == 0 || strncmp(s, "55P03", 5) == 0)
        return DB_TRANSIENT;
    return DB_PERMANENT;
}

db_status db_exec(PGconn *c, PGresult **res, char *err, size_t errlen, const char *sql, int n,
                  const char *const *params)
{
    if (res)
        *res = NULL;
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (res)
            *res = r;
        else
            PQclear(r);
        return DB_OK;
    }
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
    snprintf(err, errlen, "%s: %s", state ? state : "-----", msg && *msg ? msg : "no answer");
    size_t len = strlen(err);
    while (len > 0 && (err[len - 1] == '\n' || err[len - 1] == ' '))
        err[--len] = '\0';
    db_status out = (PQstatus(c) != CONNECTION_OK) ? DB_TRANSIENT : db_classify_sqlstate(state);
    PQclear(r);
    return out;
}

static db_status db_simple(PGconn *c, const char *sql, char *err, size_t errlen)
{
    return db_exec(c, NULL, err, errlen, sql, 0, NULL);
}

db_status db_begin(PGconn *c, char *err, size_t errlen)
{
    return db_simple(c, "BEGIN", err, errlen);
}

db_status db_commit(PGconn *c, char *err, size_t errlen)
{
    return db_simple(c, "COMMIT", err, errlen);
}

void db_rollback(PGconn *c)
{
    char err[256];
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE)
        db_simple(c, "ROLLBACK", err, sizeof err);
}

db_status db_savepoint(PGconn *c, char *err, size_t errlen)
{
    return db_simple(c, "SAVEPOINT msg", err, errlen);
}

db_status db_rollback_to_savepoint(PGconn *c, char *err, size_t errlen)
{
    return db_simple(c, "ROLLBACK TO SAVEPOINT msg", err, errlen);
}

bool db_err_is_unique_violation(const char *err)
{
    return err && strncmp(err, "23505", 5) == 0;
}
