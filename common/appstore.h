/* appstore.h - the application's state and its append-only history, written
 * one way by every service: a state change updates application.state only
 * from the expected state and appends the matching application_event row in
 * the same transaction (DESIGN rule 4). */
#ifndef SUBSIDY_APPSTORE_H
#define SUBSIDY_APPSTORE_H

#include "db.h"

#include <jansson.h>

/* Moves receipt_no from `from` to `to` and records who and why (reason may be
 * NULL). Returns DB_PERMANENT with err "STATE_CONFLICT: ..." when the
 * application is not in `from` (someone else moved it). */
db_status appstore_transition(PGconn *c, const char *receipt_no, const char *actor,
                              const char *from, const char *to, const json_t *reason, char *err,
                              size_t errlen);

/* Appends a history row without changing state (from NULL = creation). */
db_status appstore_event(PGconn *c, const char *receipt_no, const char *actor, const char *from,
                         const char *to, const json_t *reason, char *err, size_t errlen);

#endif
