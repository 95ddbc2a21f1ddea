/* loop.h - the one consumer loop every daemon runs.
 *
 * Poll a batch; in one PostgreSQL transaction, for each message: decode it
 * strictly (json_guard) and check its envelope, claim its id in the inbox (a
 * repeat is skipped), and hand it to the service's handler, which changes
 * state and appends outgoing events to the outbox through ctx->db. Commit, and
 * only then store the Kafka offsets. Then relay the outbox.
 *
 * A message that cannot be decoded, or that its handler rejects, is rolled
 * back to its own savepoint and dead-lettered (reason, original bytes, where it
 * came from) in the same transaction; the loop goes on. A transient database
 * failure rolls the whole batch back, reconnects with backoff and processes the
 * same messages again; nothing is skipped. SIGTERM and SIGINT end the loop
 * after the batch in hand: the consumer is closed (committing stored offsets)
 * and the producer flushed. */
#ifndef SUBSIDY_LOOP_H
#define SUBSIDY_LOOP_H

#include "config.h"
#include "db.h"

#include <jansson.h>
#include <stdint.h>

typedef enum { HANDLE_OK = 0, HANDLE_REJECT, HANDLE_RETRY } handle_status;

typedef struct {
    const char *topic;
    int32_t partition;
    int64_t offset;
    const char *key; /* may be NULL */
    size_t key_len;
    const char *value;
    size_t len;
    json_t *envelope; /* decoded, envelope_check passed; borrowed */
} loop_message;

typedef struct {
    PGconn *db; /* inside the batch's transaction */
    const config *cfg;
    void *state;         /* the service's own state, as given to loop_run */
    const char *service; /* actor name for events, producer name for the outbox */
    char reason_code[64];
    char reason[768];
} loop_ctx;

typedef struct {
    const char *service;
    const char *const *topics;
    int n_topics;
    /* Handles one message; returns HANDLE_REJECT via loop_reject(). */
    handle_status (*handle)(loop_ctx *ctx, const loop_message *m);
    /* Optional scheduled work every cfg->tick_seconds, in its own transaction. */
    handle_status (*tick)(loop_ctx *ctx);
} loop_handler;

/* Runs until SIGTERM or SIGINT. Returns 0 after a clean stop, 1 when it could
 * not start (reason logged). */
int loop_run(const config *cfg, const loop_handler *h, void *state);

/* Sets the reason for a dead letter and returns HANDLE_REJECT. */
handle_status loop_reject(loop_ctx *ctx, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Maps a failed statement: transient -> HANDLE_RETRY, permanent -> a rejection
 * with code DB_REJECTED and the database's words. */
handle_status loop_db_failure(loop_ctx *ctx, db_status st, const char *err);

/* Wraps data (taken) in an envelope of `type` from this service and appends
 * it to the outbox for topic, keyed by key (office number). */
db_status loop_emit(loop_ctx *ctx, const char *topic, const char *key, const char *type,
                    const char *correlation_id, json_t *data, char *err, size_t errlen);

/* Bytes of an oversized original kept in its dead letter. */
#define LOOP_DEADLETTER_KEEP (64 * 1024)

/* Builds the dead-letter envelope's data for a message (new reference). */
json_t *loop_deadletter_data(const char *code, const char *reason, const char *consumer,
                             const char *topic, int32_t partition, int64_t offset,
                             const char *value, size_t len);

#endif
