/* inbox.c - recording processed message ids; see inbox.h. */
#include "inbox.h"

#include <stdlib.h>

db_status inbox_claim(PGconn *c, const char *consumer, const char *message_id, int *fresh,
                      char *err, size_t errlen)
{
    const char *p[] = {consumer, message_id};
    PGresult *r = NULL;
    db_status st = db_exec(c, &r, err, errlen,
                           "INSERT INTO inbox (consumer, message_id) VALUES ($1, $2) "
                           "ON CONFLICT DO NOTHING",
                           2, p);
    if (st == DB_OK) {
        *fresh = atoi(PQcmdTuples(r)) == 1;
        PQclear(r);
    }
    return st;
}
