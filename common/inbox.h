/* inbox.h - the consumer side of exactly-once processing: a message id is
 * recorded per consumer in the same transaction as the state change it caused,
 * so a redelivered message is recognised and skipped. */
#ifndef SUBSIDY_INBOX_H
#define SUBSIDY_INBOX_H

#include "db.h"

/* Records (consumer, message_id). *fresh = 1 when it was new, 0 when the
 * message was already processed. Returns the statement's status. */
db_status inbox_claim(PGconn *c, const char *consumer, const char *message_id, int *fresh,
                      char *err, size_t errlen);

#endif
