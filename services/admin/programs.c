/* programs.c - loads a program definition: checked against
 * schemas/program.schema.json and by the domain's own semantic checks, then
 * stored as a new immutable version. Loading the same version again with the
 * same content is a no-op; with other content it is refused. */
#include "admin.h"

#include "domain/digest.h"
#include "domain/jsonschema.h"
#include "domain/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int admin_load_program(const config *cfg, PGconn *c, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: load-program FILE\n");
        return 2;
    }
    char err[1024], path[1024];
    json_error_t jerr;
    json_t *def = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &jerr);
    if (!def) {
        fprintf(stderr, "load-program: %s:%d: %s\n", argv[1], jerr.line, jerr.text);
        return 1;
    }
    snprintf(path, sizeof path, "%s/program.schema.json", cfg->schema_dir);
    jsonschema *schema = jsonschema_load_file(path, err, sizeof err);
    int valid = schema ? jsonschema_validate(schema, def, err, sizeof err) : -1;
    jsonschema_free(schema);
    program *p = valid == 1 ? program_from_json(def, err, sizeof err) : NULL;
    if (!p) {
        fprintf(stderr, "load-program: %s: %s\n", argv[1], err);
        json_decref(def);
        return 1;
    }
    char version[16], sha[65];
    snprintf(version, sizeof version, "%d", program_version(p));
    digest_json_hex(def, sha);
    char *text = json_dumps(def, JSON_COMPACT);
    const char *q[] = {program_id(p), version, text, sha};
    PGresult *r = NULL;
    int rc = 0;
    if (db_exec(c, &r, err, sizeof err,
                "INSERT INTO program (program_id, version, definition, sha256) "
                "VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (program_id, version) DO NOTHING "
                "RETURNING 1",
                4, q) != DB_OK) {
        fprintf(stderr, "load-program: %s\n", err);
        rc = 1;
    } else if (PQntuples(r) == 1) {
        printf("program %s version %s loaded (%s)\n", program_id(p), version, program_name(p));
    } else {
        PQclear(r);
        r = NULL;
        const char *k[] = {program_id(p), version, sha};
        if (db_exec(c, &r, err, sizeof err,
                    "SELECT 1 FROM program WHERE program_id = $1 AND version = $2 "
                    "AND sha256 = $3",
                    3, k) == DB_OK &&
            PQntuples(r) == 1) {
            printf("program %s version %s already loaded\n", program_id(p), version);
        } else {
            fprintf(stderr,
                    "load-program: %s version %s is loaded with other content; "
                    "a loaded version is never changed: give the file a new version\n",
                    program_id(p), version);
            rc = 1;
        }
    }
    PQclear(r);
    free(text);
    program_free(p);
    json_decref(def);
    return rc;
}
