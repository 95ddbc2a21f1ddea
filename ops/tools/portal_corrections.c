/* portal_corrections.c - plays the applicants who answer a failed payment:
 * for every application in payment_failed it writes the resubmission the
 * portal would publish (JSON Lines on stdout): the same application data
 * with a corrected account number, amends_receipt_no set to its receipt
 * number, a new submission id and the application's correlation id.
 *
 *   portal-corrections [--key=value...] RECEIVED_AT   (database: pg-dsn) */
#include "config.h"
#include "db.h"
#include "envelope.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A different, valid account number derived from the old one. */
static void corrected_account(const char *old, char out[8])
{
    long n = strtol(old ? old : "0", NULL, 10) % 10000000;
    if (n < 0)
        n = -n;
    int v = (int)((n + 1234567) % 9000000 + 1000000); /* 7 digits */
    for (int i = 6; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
    out[7] = '\0';
}

static int write_resubmission(const char *receipt_no, const char *data_text,
                              const char *correlation_id, const char *received_at)
{
    char sub_id[37];
    json_t *data = json_loads(data_text, 0, NULL);
    if (!data || uuid_generate(sub_id) != 0) {
        json_decref(data);
        return -1;
    }
    json_t *bank = json_object_get(data, "bank_account");
    char account[8];
    corrected_account(json_string_value(json_object_get(bank, "account_number")), account);
    json_object_set_new(bank, "account_number", json_string(account));
    json_object_set_new(data, "submission_id", json_string(sub_id));
    json_object_set_new(data, "amends_receipt_no", json_string(receipt_no));
    json_object_set_new(data, "received_at", json_string(received_at));
    json_t *env = envelope_new("application.submitted", "portal", correlation_id, data);
    char *line = env ? json_dumps(env, JSON_COMPACT) : NULL;
    int rc = line && printf("%s\n", line) > 0 ? 0 : -1;
    free(line);
    json_decref(env);
    return rc;
}

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    char **rest = argv; /* config_load compacts the leftovers in place */
    int nrest = 0;
    if (config_load(&cfg, "portal-corrections", argc, argv, &nrest, rest, err, sizeof err) != 0 ||
        nrest != 1) {
        fprintf(stderr, "usage: portal-corrections [--key=value...] RECEIVED_AT\n");
        return 2;
    }
    PGconn *c = PQconnectdb(cfg.pg_dsn);
    PGresult *r = NULL;
    int rc = PQstatus(c) == CONNECTION_OK &&
                     db_exec(c, &r, err, sizeof err,
                             "SELECT receipt_no, data, correlation_id FROM application "
                             "WHERE state = 'payment_failed' ORDER BY receipt_no",
                             0, NULL) == DB_OK
                 ? 0
                 : 1;
    if (rc)
        fprintf(stderr, "portal-corrections: %s\n",
                PQstatus(c) == CONNECTION_OK ? err : PQerrorMessage(c));
    for (int i = 0; rc == 0 && i < PQntuples(r); i++)
        rc = write_resubmission(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                                rest[0]) == 0
                 ? 0
                 : 1;
    PQclear(r);
    PQfinish(c);
    return rc;
}
