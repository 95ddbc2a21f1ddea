/* appstore.c - state transitions with history; see appstore.h. */
#include "appstore.h"

#include <stdlib.h>
#include <string.h>

db_status appstore_event(PGconn *c, const char *receipt_no, const char *actor, const char *from,
                         const char *to, const json_t *reason, char *err, size_t errlen)
{
    char *why = reason ? json_dumps(reason, JSON_COMPACT) : NULL;
    const char *p[] = {receipt_no, actor, from, to, why ? why : "{}"};
    db_status st = db_exec(c, NULL, err, errlen,
                           "INSERT INTO application_event (receipt_no, actor, from_state, "
                           "to_state, reason) VALUES ($1, $2, $3, $4, $5::jsonb)",
                           5, p);
    free(why);
    return st;
}

db_status appstore_transition(PGconn *c, const char *receipt_no, const char *actor,
                              const char *from, const char *to, const json_t *reason, char *err,
                              size_t errlen)
{
    const char *p[] = {receipt_no, from, to};
    PGresult *r = NULL;
    db_status st = db_exec(c, &r, err, errlen,
                           "UPDATE application SET state = $3, updated_at = now() "
                           "WHERE receipt_no = $1 AND state = $2",
                           3, p);
    if (st != DB_OK)
        return st;
    int changed = atoi(PQcmdTuples(r));
    PQclear(r);
    if (changed != 1) {
        snprintf(err, errlen, "STATE_CONFLICT: application %s is not in state %s", receipt_no,
                 from);
        return DB_PERMANENT;
    }
    return appstore_event(c, receipt_no, actor, from, to, reason, err, errlen);
}
