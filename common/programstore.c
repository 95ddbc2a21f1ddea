/* programstore.c - cache of parsed program definitions; see programstore.h. */
#include "programstore.h"

#include <stdlib.h>
#include <string.h>

#define PROGRAMSTORE_MAX 32

typedef struct {
    char id[128];
    int version;
    program *p;
} ps_entry;

struct programstore {
    ps_entry e[PROGRAMSTORE_MAX];
    int n;
};

programstore *programstore_new(void)
{
    return calloc(1, sizeof(programstore));
}

void programstore_free(programstore *ps)
{
    if (!ps)
        return;
    for (int i = 0; i < ps->n; i++)
        program_free(ps->e[i].p);
    free(ps);
}

static ps_entry *ps_slot(programstore *ps, const char *id)
{
    for (int i = 0; i < ps->n; i++)
        if (strcmp(ps->e[i].id, id) == 0)
            return &ps->e[i];
    if (ps->n == PROGRAMSTORE_MAX) { /* evict the oldest; programs are few */
        program_free(ps->e[0].p);
        memmove(&ps->e[0], &ps->e[1], sizeof ps->e[0] * (PROGRAMSTORE_MAX - 1));
        ps->n--;
    }
    ps_entry *e = &ps->e[ps->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->id, sizeof e->id, "%s", id);
    return e;
}

const program *programstore_get(programstore *ps, PGconn *c, const char *program_id, db_status *st,
                                char *err, size_t errlen)
{
    PGresult *r = NULL;
    const char *p[] = {program_id};
    *st = db_exec(c, &r, err, errlen,
                  "SELECT version, definition FROM program WHERE program_id = $1 "
                  "ORDER BY version DESC LIMIT 1",
                  1, p);
    if (*st != DB_OK)
        return NULL;
    if (PQntuples(r) == 0) {
        PQclear(r);
        snprintf(err, errlen, "no program '%s' is loaded", program_id);
        return NULL;
    }
    int version = atoi(PQgetvalue(r, 0, 0));
    ps_entry *e = ps_slot(ps, program_id);
    if (e->p && e->version == version) {
        PQclear(r);
        return e->p;
    }
    json_error_t jerr;
    json_t *def = json_loads(PQgetvalue(r, 0, 1), 0, &jerr);
    PQclear(r);
    program_free(e->p);
    e->p = def ? program_from_json(def, err, errlen) : NULL;
    e->version = version;
    json_decref(def);
    return e->p;
}
