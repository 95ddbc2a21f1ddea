/* outbox.h - the producer side of exactly-once processing.
 *
 * Handlers append outgoing events to the outbox table inside the transaction
 * that changes state (outbox_append); after the commit, a relay publishes the
 * unsent rows with an idempotent producer and marks each row sent when its
 * delivery report arrives (outbox_relay_pump). A crash between publish and
 * mark re-publishes the row; consumers skip the repeat by event id. */
#ifndef SUBSIDY_OUTBOX_H
#define SUBSIDY_OUTBOX_H

#include "config.h"
#include "db.h"

#include <jansson.h>

/* Serialises envelope (borrowed) and appends it for topic with key (may be
 * NULL). producer names the relay that will publish it (the service). */
db_status outbox_append(PGconn *c, const char *producer, const char *topic, const char *key,
                        const json_t *envelope, char *err, size_t errlen);

typedef struct outbox_relay outbox_relay; /* opaque: a producer and its bookkeeping */

/* Creates the relay of producer's rows with its own idempotent Kafka producer.
 * Free with outbox_relay_free (which flushes what is in flight). */
outbox_relay *outbox_relay_new(const config *cfg, const char *producer, char *err, size_t errlen);
void outbox_relay_free(outbox_relay *r);

/* Publishes up to max unsent rows in id order, waits for their delivery
 * reports and marks the delivered ones sent, in one transaction holding the
 * rows (FOR UPDATE SKIP LOCKED, so several instances never publish the same
 * row at once). Returns the number marked sent, or -1 on a database or broker
 * failure (the rows stay unsent and are tried again by the next call). */
int outbox_relay_pump(outbox_relay *r, PGconn *c, int max);

#endif
