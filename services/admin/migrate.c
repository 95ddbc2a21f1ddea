/* migrate.c - applies the versioned SQL migrations in order, once each.
 * schema_migrations records each file's name and SHA-256; a file that changed
 * after it was applied is refused rather than applied again. All of it runs
 * under an advisory lock so two migrators never interleave. */
#include "fileio.h"
#include "admin.h"

#include "domain/digest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Applies one file unless recorded. Returns 1 applied, 0 already, -1 error. */
static int migrate_file(PGconn *c, const char *dir, const char *name)
{
    char path[1024], sha[65], err[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    char *sql = file_read_all(path, &len);
    if (!sql) {
        fprintf(stderr, "migrate: cannot read %s\n", path);
        return -1;
    }
    digest_sha256_hex(sql, len, sha);
    PGresult *r = NULL;
    const char *p[] = {name, sha};
    if (db_exec(c, &r, err, sizeof err, "SELECT sha256 FROM schema_migrations WHERE version = $1",
                1, p) != DB_OK) {
        fprintf(stderr, "migrate: %s\n", err);
        free(sql);
        return -1;
    }
    int done = PQntuples(r) == 1, changed = done && strcmp(PQgetvalue(r, 0, 0), sha) != 0;
    PQclear(r);
    if (changed) {
        fprintf(stderr, "migrate: %s changed after it was applied; write a new migration\n", name);
        free(sql);
        return -1;
    }
    int rc = 0;
    if (!done) {
        PGresult *x = PQexec(c, sql); /* the migration file itself, trusted */
        if (PQresultStatus(x) != PGRES_COMMAND_OK && PQresultStatus(x) != PGRES_TUPLES_OK) {
            fprintf(stderr, "migrate: %s: %s", name, PQerrorMessage(c));
            rc = -1;
        }
        PQclear(x);
        if (rc == 0 && db_exec(c, NULL, err, sizeof err,
                               "INSERT INTO schema_migrations (version, sha256) VALUES ($1, $2)", 2,
                               p) != DB_OK) {
            fprintf(stderr, "migrate: %s\n", err);
            rc = -1;
        }
        if (rc == 0) {
            printf("applied %s\n", name);
            rc = 1;
        }
    }
    free(sql);
    return rc;
}

int admin_migrate(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)cfg;
    const char *dir = argc > 1 ? argv[1] : "schemas/sql";
    char err[512];
    if (db_exec(c, NULL, err, sizeof err,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, "
                "sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                0, NULL) != DB_OK ||
        db_exec(c, NULL, err, sizeof err, "SELECT pg_advisory_lock(727176)", 0, NULL) != DB_OK) {
        fprintf(stderr, "migrate: %s\n", err);
        return 1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "migrate: cannot open %s\n", dir);
        return 1;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    int applied = 0, rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0) {
            db_exec(c, NULL, err, sizeof err, "BEGIN", 0, NULL);
            int r = migrate_file(c, dir, names[i]);
            if (r < 0) {
                db_rollback(c);
                rc = 1;
            } else {
                db_exec(c, NULL, err, sizeof err, "COMMIT", 0, NULL);
                applied += r;
            }
        }
        free(names[i]);
    }
    db_exec(c, NULL, err, sizeof err, "SELECT pg_advisory_unlock(727176)", 0, NULL);
    if (rc == 0)
        printf("migrations: %d applied, %d already in place\n", applied, n - applied);
    return rc;
}
