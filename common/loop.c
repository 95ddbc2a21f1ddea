/* loop.c - the shared consumer loop; see loop.h for the contract. */
#include "loop.h"

#include "domain/digest.h"
#include "domain/json_guard.h"
#include "envelope.h"
#include "inbox.h"
#include "kafka.h"
#include "log.h"
#include "outbox.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t loop_stop;

static void loop_on_signal(int sig)
{
    (void)sig;
    loop_stop = 1;
}

static void loop_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = loop_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

handle_status loop_reject(loop_ctx *ctx, const char *code, const char *fmt, ...)
{
    snprintf(ctx->reason_code, sizeof ctx->reason_code, "%s", code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->reason, sizeof ctx->reason, fmt, ap);
    va_end(ap);
    return HANDLE_REJECT;
}

handle_status loop_db_failure(loop_ctx *ctx, db_status st, const char *err)
{
    if (st == DB_TRANSIENT) {
        log_warn("db_transient", NULL, "%s", err);
        return HANDLE_RETRY;
    }
    return loop_reject(ctx, "DB_REJECTED", "the database refused the change: %s", err);
}

json_t *loop_deadletter_data(const char *code, const char *reason, const char *consumer,
                             const char *topic, int32_t partition, int64_t offset,
                             const char *value, size_t len)
{
    char sha[65];
    digest_sha256_hex(value, len, sha);
    /* An oversized value keeps its first 64 KiB here (with the hash and length
     * of the whole); the whole stays in Kafka at source. */
    size_t kept = len > LOOP_DEADLETTER_KEEP ? LOOP_DEADLETTER_KEEP : len;
    char *b64 = digest_base64_new(value, kept);
    json_t *d = json_pack("{s:s,s:s,s:{s:s,s:i,s:I,s:s},s:s,s:s,s:I,s:b}", "reason_code", code,
                          "reason", reason, "source", "topic", topic, "partition", (int)partition,
                          "offset", (json_int_t)offset, "consumer", consumer, "original_base64",
                          b64 ? b64 : "", "original_sha256", sha, "original_length",
                          (json_int_t)len, "original_truncated", kept < len);
    free(b64);
    return d;
}

db_status loop_emit(loop_ctx *ctx, const char *topic, const char *key, const char *type,
                    const char *correlation_id, json_t *data, char *err, size_t errlen)
{
    json_t *env = envelope_new(type, ctx->service, correlation_id, data);
    if (!env) {
        snprintf(err, errlen, "cannot build %s envelope", type);
        return DB_PERMANENT;
    }
    db_status st = outbox_append(ctx->db, ctx->service, topic, key, env, err, errlen);
    json_decref(env);
    return st;
}

/* Writes a dead letter for m into the outbox of the current transaction. */
static db_status loop_deadletter(loop_ctx *ctx, const loop_message *m, const char *code,
                                 const char *reason, char *err, size_t errlen)
{
    const char *corr = m->envelope ? envelope_correlation_id(m->envelope) : NULL;
    json_t *data = loop_deadletter_data(code, reason, ctx->cfg->group_id, m->topic, m->partition,
                                        m->offset, m->value, m->len);
    json_t *env = envelope_new("deadletter", ctx->service, uuid_valid(corr) ? corr : NULL, data);
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(m->key ? m->key_len : 0), m->key ? m->key : "");
    db_status st = outbox_append(ctx->db, ctx->service, TOPIC_DEADLETTER, key[0] ? key : NULL, env,
                                 err, errlen);
    json_decref(env);
    log_warn("dead_letter",
             json_pack("{s:s,s:s,s:i,s:I}", "reason_code", code, "topic", m->topic, "partition",
                       (int)m->partition, "offset", (json_int_t)m->offset),
             "message dead-lettered: %s", reason);
    return st;
}

typedef enum { MSG_DONE, MSG_RETRY } msg_result;

/* Claims the id and dead-letters or hands over one message, inside the batch
 * transaction. */
static msg_result loop_one(loop_ctx *ctx, const loop_handler *h, loop_message *m,
                           const char *decode_code, const char *decode_reason)
{
    char err[768], msg_id[300];
    int fresh = 0;
    if (m->envelope)
        snprintf(msg_id, sizeof msg_id, "event:%s", envelope_event_id(m->envelope));
    else
        snprintf(msg_id, sizeof msg_id, "kafka:%s/%d/%lld", m->topic, (int)m->partition,
                 (long long)m->offset);
    db_status st = db_savepoint(ctx->db, err, sizeof err);
    if (st == DB_OK)
        st = inbox_claim(ctx->db, ctx->cfg->group_id, msg_id, &fresh, err, sizeof err);
    if (st != DB_OK)
        return MSG_RETRY;
    if (!fresh)
        return MSG_DONE;
    if (decode_code)
        return loop_deadletter(ctx, m, decode_code, decode_reason, err, sizeof err) == DB_OK
                   ? MSG_DONE
                   : MSG_RETRY;
    ctx->reason_code[0] = ctx->reason[0] = '\0';
    handle_status hs = h->handle(ctx, m);
    if (hs == HANDLE_OK)
        return MSG_DONE;
    if (hs == HANDLE_RETRY)
        return MSG_RETRY;
    /* Rejected: undo whatever the handler did, keep the claim, dead-letter it. */
    if (db_rollback_to_savepoint(ctx->db, err, sizeof err) != DB_OK ||
        inbox_claim(ctx->db, ctx->cfg->group_id, msg_id, &fresh, err, sizeof err) != DB_OK)
        return MSG_RETRY;
    char code[64], reason[768];
    snprintf(code, sizeof code, "%s", ctx->reason_code[0] ? ctx->reason_code : "REJECTED");
    snprintf(reason, sizeof reason, "%s", ctx->reason);
    return loop_deadletter(ctx, m, code, reason, err, sizeof err) == DB_OK ? MSG_DONE : MSG_RETRY;
}

static void loop_fill_message(loop_message *m, const rd_kafka_message_t *km)
{
    memset(m, 0, sizeof *m);
    m->topic = rd_kafka_topic_name(km->rkt);
    m->partition = km->partition;
    m->offset = km->offset;
    m->key = km->key;
    m->key_len = km->key_len;
    m->value = km->payload ? km->payload : "";
    m->len = km->payload ? km->len : 0;
}

/* Processes the batch in one transaction. Returns 0 when committed. */
static int loop_batch(loop_ctx *ctx, const loop_handler *h, rd_kafka_message_t **msgs, int n)
{
    char err[512];
    if (db_begin(ctx->db, err, sizeof err) != DB_OK)
        return -1;
    json_guard_limits lim = {(size_t)ctx->cfg->max_payload_bytes, ctx->cfg->max_json_depth};
    for (int i = 0; i < n; i++) {
        loop_message m;
        loop_fill_message(&m, msgs[i]);
        const char *code = NULL;
        char reason[512] = "";
        m.envelope = json_guard_decode(m.value, m.len, &lim, &code, reason, sizeof reason);
        if (!m.envelope && code && strcmp(code, "OUT_OF_MEMORY") == 0) {
            /* Our failure, not the message's: try the batch again later. */
            log_warn("decode_out_of_memory", NULL, "%s", reason);
            db_rollback(ctx->db);
            return -1;
        }
        if (m.envelope && !envelope_check(m.envelope, reason, sizeof reason)) {
            json_decref(m.envelope);
            m.envelope = NULL;
            code = "ENVELOPE_INVALID";
        }
        msg_result r = loop_one(ctx, h, &m, m.envelope ? NULL : code, reason);
        json_decref(m.envelope);
        if (r == MSG_RETRY) {
            db_rollback(ctx->db);
            return -1;
        }
    }
    if (db_commit(ctx->db, err, sizeof err) != DB_OK) {
        log_warn("batch_commit_failed", NULL, "%s", err);
        db_rollback(ctx->db);
        return -1;
    }
    return 0;
}

/* Collects up to max messages, waiting at most wait_ms overall. */
static int loop_poll_batch(rd_kafka_t *rk, rd_kafka_message_t **msgs, int max, int wait_ms)
{
    int n = 0;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (n < max && !loop_stop) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= wait_ms)
            break;
        rd_kafka_message_t *km = rd_kafka_consumer_poll(rk, (int)(wait_ms - elapsed));
        if (!km)
            break;
        if (km->err) {
            if (km->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                log_warn("kafka_consume_error", NULL, "%s", rd_kafka_message_errstr(km));
            rd_kafka_message_destroy(km);
            continue;
        }
        msgs[n++] = km;
    }
    return n;
}

static void loop_store_offsets(rd_kafka_t *rk, rd_kafka_message_t **msgs, int n)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(n);
    for (int i = 0; i < n; i++) {
        rd_kafka_topic_partition_t *p = rd_kafka_topic_partition_list_find(
            l, rd_kafka_topic_name(msgs[i]->rkt), msgs[i]->partition);
        if (!p)
            p = rd_kafka_topic_partition_list_add(l, rd_kafka_topic_name(msgs[i]->rkt),
                                                  msgs[i]->partition);
        if (msgs[i]->offset + 1 > p->offset)
            p->offset = msgs[i]->offset + 1;
    }
    rd_kafka_resp_err_t e = rd_kafka_offsets_store(rk, l);
    if (e)
        log_warn("offset_store_failed", NULL,
                 "offsets not stored (partition revoked?); the inbox will skip the repeats: %s",
                 rd_kafka_err2str(e));
    rd_kafka_topic_partition_list_destroy(l);
}

static void loop_backoff(long *ms)
{
    struct timespec ts = {*ms / 1000, (*ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    *ms = *ms * 2 > 5000 ? 5000 : *ms * 2;
}

/* Handles one polled batch until it is committed or the loop is stopped. */
static void loop_handle_batch(loop_ctx *ctx, const loop_handler *h, db *d, rd_kafka_t *rk,
                              rd_kafka_message_t **msgs, int n)
{
    long backoff = 100;
    while (!loop_stop) {
        ctx->db = db_conn(d);
        if (loop_batch(ctx, h, msgs, n) == 0) {
            loop_store_offsets(rk, msgs, n);
            return;
        }
        log_warn("batch_retry", json_pack("{s:i,s:i}", "messages", n, "backoff_ms", (int)backoff),
                 "batch rolled back; retrying the same messages");
        loop_backoff(&backoff);
        if (db_reconnect(d, &loop_stop) != 0)
            return;
    }
}

static void loop_tick(loop_ctx *ctx, const loop_handler *h, db *d)
{
    char err[512];
    ctx->db = db_conn(d);
    if (db_begin(ctx->db, err, sizeof err) != DB_OK) {
        db_reconnect(d, &loop_stop);
        return;
    }
    ctx->reason_code[0] = ctx->reason[0] = '\0';
    handle_status hs = h->tick(ctx);
    if (hs != HANDLE_OK || db_commit(ctx->db, err, sizeof err) != DB_OK) {
        log_warn("tick_failed", NULL, "scheduled work rolled back: %s",
                 ctx->reason[0] ? ctx->reason : "database failure");
        db_rollback(ctx->db);
    }
}

static void loop_relay(outbox_relay *relay, db *d, int max)
{
    int sent;
    do {
        sent = outbox_relay_pump(relay, db_conn(d), max);
        if (sent < 0)
            db_reconnect(d, &loop_stop);
    } while (sent == max && !loop_stop);
}

int loop_run(const config *cfg, const loop_handler *h, void *state)
{
    char err[512];
    loop_install_signals();
    db *d = db_connect(cfg->pg_dsn, &loop_stop);
    if (!d)
        return loop_stop ? 0 : 1;
    rd_kafka_t *rk = kafka_consumer_new(cfg, h->topics, h->n_topics, err, sizeof err);
    outbox_relay *relay = rk ? outbox_relay_new(cfg, h->service, err, sizeof err) : NULL;
    rd_kafka_message_t **msgs = calloc((size_t)cfg->batch_max, sizeof *msgs);
    if (!rk || !relay || !msgs) {
        log_error("loop_start_failed", NULL, "cannot start: %s", err);
        free(msgs);
        outbox_relay_free(relay);
        if (rk)
            rd_kafka_destroy(rk);
        db_free(d);
        return 1;
    }
    log_info("loop_started",
             json_pack("{s:s,s:i}", "group", cfg->group_id, "batch_max", cfg->batch_max),
             "consuming");
    loop_ctx ctx = {.cfg = cfg, .state = state, .service = h->service};
    time_t next_tick = 0;
    while (!loop_stop) {
        int n = loop_poll_batch(rk, msgs, cfg->batch_max, cfg->batch_wait_ms);
        if (n > 0)
            loop_handle_batch(&ctx, h, d, rk, msgs, n);
        for (int i = 0; i < n; i++)
            rd_kafka_message_destroy(msgs[i]);
        if (h->tick && time(NULL) >= next_tick && !loop_stop) {
            loop_tick(&ctx, h, d);
            next_tick = time(NULL) + cfg->tick_seconds;
        }
        loop_relay(relay, d, cfg->relay_batch);
    }
    log_info("loop_stopping", NULL, "signal received: closing consumer, flushing producer");
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    outbox_relay_free(relay);
    db_free(d);
    free(msgs);
    return 0;
}
