/* fill_receipts.c - `fill-receipts IN OUT`: an applicant answers a correction
 * request or a failed payment quoting the receipt number from the notice. The
 * sample resubmissions cannot know those numbers in advance (they are assigned
 * in arrival order), so they say "@receipt-of:<submission_id>" and this
 * command writes a copy with the receipt numbers the city assigned. */
#include "admin.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECEIPT_OF "@receipt-of:"

/* Replaces data.amends_receipt_no in one envelope. 0 ok, -1 with err. */
static int fill_one(PGconn *c, json_t *env, char *err, size_t errlen)
{
    json_t *data = json_object_get(env, "data");
    const char *ref = json_string_value(json_object_get(data, "amends_receipt_no"));
    if (!ref || strncmp(ref, RECEIPT_OF, strlen(RECEIPT_OF)) != 0)
        return 0;
    const char *p[] = {ref + strlen(RECEIPT_OF)};
    PGresult *r = NULL;
    if (db_exec(c, &r, err, errlen,
                "SELECT receipt_no FROM submission WHERE submission_id::text = $1", 1, p) != DB_OK)
        return -1;
    int rc = -1;
    if (PQntuples(r) == 1) {
        json_object_set_new(data, "amends_receipt_no", json_string(PQgetvalue(r, 0, 0)));
        rc = 0;
    } else {
        snprintf(err, errlen, "no receipt number for submission %s", p[0]);
    }
    PQclear(r);
    return rc;
}

int admin_fill_receipts(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)cfg;
    if (argc != 3) {
        fprintf(stderr, "usage: fill-receipts IN.jsonl OUT.jsonl\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r"), *out = in ? fopen(argv[2], "w") : NULL;
    if (!in || !out) {
        fprintf(stderr, "fill-receipts: cannot open %s or %s\n", argv[1], argv[2]);
        if (in)
            fclose(in);
        return 1;
    }
    char *line = NULL, err[512];
    size_t cap = 0;
    int rc = 0, n = 0;
    while (rc == 0 && getline(&line, &cap, in) > 0) {
        json_error_t jerr;
        json_t *env = json_loads(line, 0, &jerr);
        if (!env) {
            fprintf(stderr, "fill-receipts: line %d: %s\n", n + 1, jerr.text);
            rc = 1;
        } else if (fill_one(c, env, err, sizeof err) != 0) {
            fprintf(stderr, "fill-receipts: line %d: %s\n", n + 1, err);
            rc = 1;
        } else {
            char *text = json_dumps(env, JSON_COMPACT);
            rc = text && fprintf(out, "%s\n", text) > 0 ? 0 : 1;
            free(text);
            n++;
        }
        json_decref(env);
    }
    free(line);
    fclose(in);
    if (fclose(out) != 0)
        rc = 1;
    if (rc == 0)
        printf("%d resubmissions quote their receipt numbers in %s\n", n, argv[2]);
    return rc;
}
