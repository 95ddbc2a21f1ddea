/* import.c - imports the city's reference data from CSV (office registry, tax
 * standing, organised-crime inquiry answers). Every row is checked; rejected
 * rows are listed with their line and reason and are not imported; accepted
 * rows replace earlier answers by key, all in one transaction. Applications on
 * hold for a missing answer are decided again by validation's next sweep.
 *
 * offices: office_number,name,municipality_code,service_types,corporate_number,
 *          state,state_since,planned_closure_on,deemed_designation,last_care_service_on
 *          (service_types separated by spaces or ';'; dates YYYY-MM-DD or empty)
 * tax:     corporate_number,returns_filed,overdue,as_of
 * crime:   corporate_number,member,answered_on */
#include "fileio.h"
#include "admin.h"

#include "domain/corporate_number.h"
#include "domain/csv.h"
#include "domain/jdate.h"
#include "domain/office_number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *kind;
    int n_fields;
    const char *header0;
    const char *sql;
    /* Checks a row and may rewrite fields (e.g. service types into an array
     * literal in scratch). Returns 0 or -1 with err. */
    int (*check)(char **f, char *scratch, size_t scratchlen, char *err, size_t errlen);
} import_kind;

static int check_date(const char *s, bool optional, const char *name, char *err, size_t errlen)
{
    jdate d;
    if ((optional && !*s) || jdate_parse(s, &d))
        return 0;
    snprintf(err, errlen, "%s '%s' is not a date YYYY-MM-DD", name, s);
    return -1;
}

static int check_bool(char **f, const char *name, char *err, size_t errlen)
{
    if (strcmp(*f, "true") == 0 || strcmp(*f, "false") == 0)
        return 0;
    snprintf(err, errlen, "%s '%s' is not true or false", name, *f);
    return -1;
}

static int check_corp(const char *s, char *err, size_t errlen)
{
    char why[256];
    if (corporate_number_valid(s, why, sizeof why))
        return 0;
    snprintf(err, errlen, "corporate_number '%s': %s", s, why);
    return -1;
}

static int check_office_row(char **f, char *scratch, size_t scratchlen, char *err, size_t errlen)
{
    char why[256];
    if (!office_number_valid(f[0], why, sizeof why)) {
        snprintf(err, errlen, "office_number '%s': %s", f[0], why);
        return -1;
    }
    if (!*f[1] || strlen(f[2]) != 6 || strspn(f[2], "0123456789") != 6) {
        snprintf(err, errlen, "name must be present and municipality_code six digits");
        return -1;
    }
    size_t o = 0;
    scratch[o++] = '{';
    for (char *tok = strtok(f[3], " ;"); tok; tok = strtok(NULL, " ;")) {
        if (strlen(tok) != 2 || strspn(tok, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 2 ||
            o + 4 >= scratchlen) {
            snprintf(err, errlen, "service type '%s' is not a two-character code", tok);
            return -1;
        }
        o += (size_t)snprintf(scratch + o, scratchlen - o, "%s%s", o > 1 ? "," : "", tok);
    }
    snprintf(scratch + o, scratchlen - o, "}");
    f[3] = scratch;
    if (check_corp(f[4], err, errlen) != 0)
        return -1;
    if (strcmp(f[5], "active") && strcmp(f[5], "suspended") && strcmp(f[5], "abolished")) {
        snprintf(err, errlen, "state '%s' is not active, suspended or abolished", f[5]);
        return -1;
    }
    return check_date(f[6], true, "state_since", err, errlen) ||
                   check_date(f[7], true, "planned_closure_on", err, errlen) ||
                   check_bool(&f[8], "deemed_designation", err, errlen) ||
                   check_date(f[9], true, "last_care_service_on", err, errlen)
               ? -1
               : 0;
}

static int check_tax_row(char **f, char *scratch, size_t scratchlen, char *err, size_t errlen)
{
    (void)scratch;
    (void)scratchlen;
    return check_corp(f[0], err, errlen) || check_bool(&f[1], "returns_filed", err, errlen) ||
                   check_bool(&f[2], "overdue", err, errlen) ||
                   check_date(f[3], false, "as_of", err, errlen)
               ? -1
               : 0;
}

static int check_crime_row(char **f, char *scratch, size_t scratchlen, char *err, size_t errlen)
{
    (void)scratch;
    (void)scratchlen;
    return check_corp(f[0], err, errlen) || check_bool(&f[1], "member", err, errlen) ||
                   check_date(f[2], false, "answered_on", err, errlen)
               ? -1
               : 0;
}

static const import_kind kinds[] = {
    {"offices", 10, "office_number",
     "INSERT INTO office_registry (office_number, name, municipality_code, service_types, "
     "corporate_number, state, state_since, planned_closure_on, deemed_designation, "
     "last_care_service_on) VALUES ($1, $2, $3, $4::text[], $5, $6, NULLIF($7, '')::date, "
     "NULLIF($8, '')::date, $9::boolean, NULLIF($10, '')::date) "
     "ON CONFLICT (office_number) DO UPDATE SET name = EXCLUDED.name, "
     "municipality_code = EXCLUDED.municipality_code, service_types = EXCLUDED.service_types, "
     "corporate_number = EXCLUDED.corporate_number, state = EXCLUDED.state, "
     "state_since = EXCLUDED.state_since, planned_closure_on = EXCLUDED.planned_closure_on, "
     "deemed_designation = EXCLUDED.deemed_designation, "
     "last_care_service_on = EXCLUDED.last_care_service_on, imported_at = now()",
     check_office_row},
    {"tax", 4, "corporate_number",
     "INSERT INTO tax_standing (corporate_number, returns_filed, overdue, as_of) "
     "VALUES ($1, $2::boolean, $3::boolean, $4::date) ON CONFLICT (corporate_number) DO UPDATE "
     "SET returns_filed = EXCLUDED.returns_filed, overdue = EXCLUDED.overdue, "
     "as_of = EXCLUDED.as_of, imported_at = now()",
     check_tax_row},
    {"crime", 3, "corporate_number",
     "INSERT INTO crime_check (corporate_number, member, answered_on) "
     "VALUES ($1, $2::boolean, $3::date) ON CONFLICT (corporate_number) DO UPDATE "
     "SET member = EXCLUDED.member, answered_on = EXCLUDED.answered_on, imported_at = now()",
     check_crime_row},
};

static int import_rows(PGconn *c, const import_kind *k, const char *text, size_t len, int *accepted,
                       int *rejected)
{
    csv_reader r;
    csv_reader_init(&r, text, len);
    char buf[8192], scratch[512], err[512];
    char *f[CSV_MAX_FIELDS];
    int n;
    while ((n = csv_next(&r, f, CSV_MAX_FIELDS, buf, sizeof buf, err, sizeof err)) != 0) {
        int line = r.line - 1;
        if (n < 0) {
            fprintf(stderr, "rejected: %s\n", err);
            (*rejected)++;
            return 0;
        }
        if (strcmp(f[0], k->header0) == 0)
            continue;
        if (n != k->n_fields) {
            fprintf(stderr, "rejected line %d: %d fields, expected %d\n", line, n, k->n_fields);
            (*rejected)++;
            continue;
        }
        if (k->check(f, scratch, sizeof scratch, err, sizeof err) != 0) {
            fprintf(stderr, "rejected line %d: %s\n", line, err);
            (*rejected)++;
            continue;
        }
        if (db_exec(c, NULL, err, sizeof err, k->sql, n, (const char *const *)f) != DB_OK) {
            fprintf(stderr, "import: line %d: %s\n", line, err);
            return -1;
        }
        (*accepted)++;
    }
    return 0;
}

int admin_import(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)cfg;
    const import_kind *k = NULL;
    for (size_t i = 0; argc == 3 && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[1], kinds[i].kind) == 0)
            k = &kinds[i];
    if (!k) {
        fprintf(stderr, "usage: import offices|tax|crime FILE.csv\n");
        return 2;
    }
    size_t len = 0;
    char *text = file_read_all(argv[2], &len);
    if (!text) {
        fprintf(stderr, "import: cannot read %s\n", argv[2]);
        return 1;
    }
    char err[512];
    int accepted = 0, rejected = 0, rc = 0;
    if (db_begin(c, err, sizeof err) != DB_OK ||
        import_rows(c, k, text, len, &accepted, &rejected) != 0 ||
        db_commit(c, err, sizeof err) != DB_OK) {
        db_rollback(c);
        fprintf(stderr, "import: %s: nothing imported\n", argv[2]);
        rc = 1;
    } else {
        printf("import %s: %d rows imported, %d rejected\n", k->kind, accepted, rejected);
    }
    free(text);
    return rc;
}
