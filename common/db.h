/* db.h - the database layer: one libpq connection, parameterised statements only,
 * errors classified so that callers know whether to retry.
 *
 * Transient failures (connection lost, serialization failure, deadlock, server
 * shutting down, too many connections) are retried by the caller after
 * db_reconnect(); permanent ones (bad data, constraint violations) are answers
 * about the input. SQL text is never built from input: values go as $n params. */
#ifndef SUBSIDY_DB_H
#define SUBSIDY_DB_H

#include <libpq-fe.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { DB_OK = 0, DB_TRANSIENT, DB_PERMANENT } db_status;

typedef struct db db; /* opaque: a connection plus its DSN for reconnecting */

/* Connects, retrying with backoff (100 ms doubling to 5 s) until connected or
 * *stop becomes non-zero (then NULL). Free with db_free. */
db *db_connect(const char *dsn, const volatile sig_atomic_t *stop);
void db_free(db *d);
PGconn *db_conn(db *d);

/* Re-establishes a lost connection with the same backoff. Returns 0 when the
 * connection is usable, -1 if *stop was raised first. */
int db_reconnect(db *d, const volatile sig_atomic_t *stop);

/* Runs sql with n text parameters (NULL entries are SQL NULL). On DB_OK and
 * when res is not NULL, *res is the result (caller PQclear()s); otherwise the
 * result is cleared here. On failure err gets "SQLSTATE: message". */
db_status db_exec(PGconn *c, PGresult **res, char *err, size_t errlen, const char *sql, int n,
                  const char *const *params);

/* Shorthands for transaction control; return the db_exec status. */
db_status db_begin(PGconn *c, char *err, size_t errlen);
db_status db_commit(PGconn *c, char *err, size_t errlen);
void db_rollback(PGconn *c);
db_status db_savepoint(PGconn *c, char *err, size_t errlen);
db_status db_rollback_to_savepoint(PGconn *c, char *err, size_t errlen);

/* Classifies a SQLSTATE (NULL = no server answer: transient). */
db_status db_classify_sqlstate(const char *sqlstate);

/* True when the SQLSTATE of the last failure text starts with 23505 (unique). */
bool db_err_is_unique_violation(const char *err);

#endif
