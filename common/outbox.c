/* outbox.c - appending to the outbox and relaying it to Kafka; see outbox.h. */
#include "outbox.h"

#include "kafka.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

db_status outbox_append(PGconn *c, const char *producer, const char *topic, const char *key,
                        const json_t *envelope, char *err, size_t errlen)
{
    char *payload = json_dumps(envelope, JSON_COMPACT);
    if (!payload) {
        snprintf(err, errlen, "outbox: cannot serialise envelope");
        return DB_PERMANENT;
    }
    const char *p[] = {producer, topic, key, payload};
    db_status st = db_exec(c, NULL, err, errlen,
                           "INSERT INTO outbox (producer, topic, msg_key, payload) "
                           "VALUES ($1, $2, $3, $4)",
                           4, p);
    free(payload);
    return st;
}

struct outbox_relay {
    rd_kafka_t *rk;
    char producer[32];
};

/* Delivery report: the message's opaque points at its row's status slot. */
static void relay_dr(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    (void)opaque;
    int *slot = m->_private;
    if (slot)
        *slot = m->err ? -1 : 1;
    if (m->err)
        log_warn("outbox_delivery_failed", json_pack("{s:s}", "topic", rd_kafka_topic_name(m->rkt)),
                 "delivery failed: %s", rd_kafka_err2str(m->err));
}

outbox_relay *outbox_relay_new(const config *cfg, const char *producer, char *err, size_t errlen)
{
    outbox_relay *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(r->producer, sizeof r->producer, "%s", producer);
    r->rk = kafka_producer_new(cfg, relay_dr, r, err, errlen);
    if (!r->rk) {
        free(r);
        return NULL;
    }
    return r;
}

void outbox_relay_free(outbox_relay *r)
{
    if (!r)
        return;
    rd_kafka_flush(r->rk, 10000);
    rd_kafka_destroy(r->rk);
    free(r);
}

/* Produces every selected row; returns how many were handed to librdkafka. */
static int relay_produce(outbox_relay *r, PGresult *rows, int *status)
{
    int n = PQntuples(rows), queued = 0;
    for (int i = 0; i < n; i++) {
        const char *topic = PQgetvalue(rows, i, 1);
        const char *key = PQgetisnull(rows, i, 2) ? NULL : PQgetvalue(rows, i, 2);
        const char *payload = PQgetvalue(rows, i, 3);
        status[i] = 0;
        rd_kafka_resp_err_t e = rd_kafka_producev(
            r->rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, key ? strlen(key) : 0),
            RD_KAFKA_V_VALUE((void *)payload, strlen(payload)),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(&status[i]),
            RD_KAFKA_V_END);
        if (e) {
            status[i] = -1;
            log_warn("outbox_produce_failed", json_pack("{s:s}", "topic", topic), "%s",
                     rd_kafka_err2str(e));
            continue;
        }
        queued++;
    }
    return queued;
}

/* Marks the delivered rows sent; returns how many, or -1. */
static int relay_mark_sent(PGconn *c, PGresult *rows, const int *status)
{
    int n = PQntuples(rows), sent = 0;
    char err[512];
    for (int i = 0; i < n; i++) {
        if (status[i] != 1)
            continue;
        const char *p[] = {PQgetvalue(rows, i, 0)};
        if (db_exec(c, NULL, err, sizeof err, "UPDATE outbox SET sent_at = now() WHERE id = $1", 1,
                    p) != DB_OK) {
            log_error("outbox_mark_failed", NULL, "%s", err);
            return -1;
        }
        sent++;
    }
    return sent;
}

int outbox_relay_pump(outbox_relay *r, PGconn *c, int max)
{
    char err[512], limit[16];
    snprintf(limit, sizeof limit, "%d", max);
    const char *p[] = {r->producer, limit};
    PGresult *rows = NULL;
    rd_kafka_poll(r->rk, 0);
    if (db_begin(c, err, sizeof err) != DB_OK ||
        db_exec(c, &rows, err, sizeof err,
                "SELECT id, topic, msg_key, payload FROM outbox "
                "WHERE producer = $1 AND sent_at IS NULL ORDER BY id LIMIT $2 "
                "FOR UPDATE SKIP LOCKED",
                2, p) != DB_OK) {
        log_warn("outbox_select_failed", NULL, "%s", err);
        db_rollback(c);
        return -1;
    }
    int n = PQntuples(rows);
    if (n == 0) {
        PQclear(rows);
        db_rollback(c);
        return 0;
    }
    int *status = calloc((size_t)n, sizeof *status);
    int sent = -1;
    if (status) {
        relay_produce(r, rows, status);
        /* Wait for every delivery report: message.timeout.ms bounds this, and
         * status[] must outlive all of them. */
        while (rd_kafka_outq_len(r->rk) > 0)
            rd_kafka_flush(r->rk, 1000);
        sent = relay_mark_sent(c, rows, status);
    }
    if (sent >= 0 && db_commit(c, err, sizeof err) != DB_OK) {
        log_warn("outbox_commit_failed", NULL, "%s", err);
        sent = -1;
    }
    if (sent < 0)
        db_rollback(c);
    if (sent >= 0 && sent < n)
        log_warn("outbox_partial", json_pack("{s:i,s:i}", "selected", n, "sent", sent),
                 "some outbox rows were not delivered; they stay unsent and are retried");
    free(status);
    PQclear(rows);
    return sent;
}
