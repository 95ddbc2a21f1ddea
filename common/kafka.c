/* kafka.c - librdkafka client construction; see kafka.h. */
#include "kafka.h"

#include "log.h"

#include <stdio.h>

const char *const kafka_topics_all[] = {
    TOPIC_SUBMITTED,          TOPIC_RECEIVED,        TOPIC_DECIDED,
    TOPIC_PAYMENT_INSTRUCTED, TOPIC_PAYMENT_SETTLED, TOPIC_PAYMENT_OUTCOME,
    TOPIC_NOTICE_SENT,        TOPIC_DEADLETTER,      NULL,
};

static int kafka_set(rd_kafka_conf_t *conf, const char *k, const char *v, char *err, size_t errlen)
{
    if (rd_kafka_conf_set(conf, k, v, err, errlen) != RD_KAFKA_CONF_OK)
        return -1;
    return 0;
}

static void kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    (void)rk;
    log_event(level <= 3   ? LOG_ERROR
              : level <= 5 ? LOG_WARN
                           : LOG_DEBUG,
              "kafka", json_pack("{s:s}", "facility", fac), "%s", buf);
}

static rd_kafka_conf_t *kafka_conf_base(const config *cfg, char *err, size_t errlen)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char client_id[64];
    snprintf(client_id, sizeof client_id, "subsidy-%s", cfg->service);
    if (kafka_set(conf, "bootstrap.servers", cfg->kafka_brokers, err, errlen) ||
        kafka_set(conf, "client.id", client_id, err, errlen) ||
        kafka_set(conf, "reconnect.backoff.max.ms", "5000", err, errlen)) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_conf_set_log_cb(conf, kafka_log_cb);
    return conf;
}

rd_kafka_t *kafka_consumer_new(const config *cfg, const char *const *topics, int n_topics,
                               char *err, size_t errlen)
{
    rd_kafka_conf_t *conf = kafka_conf_base(cfg, err, errlen);
    if (!conf)
        return NULL;
    if (kafka_set(conf, "group.id", cfg->group_id, err, errlen) ||
        kafka_set(conf, "enable.auto.offset.store", "false", err, errlen) ||
        kafka_set(conf, "enable.auto.commit", "true", err, errlen) ||
        kafka_set(conf, "auto.commit.interval.ms", "1000", err, errlen) ||
        kafka_set(conf, "auto.offset.reset", "earliest", err, errlen) ||
        kafka_set(conf, "partition.assignment.strategy", "cooperative-sticky", err, errlen) ||
        kafka_set(conf, "session.timeout.ms", "10000", err, errlen) ||
        kafka_set(conf, "heartbeat.interval.ms", "1000", err, errlen)) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, errlen);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    conf = NULL; /* rd_kafka_new took ownership */
    rd_kafka_poll_set_consumer(rk);
    if (n_topics == 0)
        return rk; /* the caller assigns or commits explicitly */
    rd_kafka_topic_partition_list_t *subs = rd_kafka_topic_partition_list_new(n_topics);
    for (int i = 0; i < n_topics; i++)
        rd_kafka_topic_partition_list_add(subs, topics[i], RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(rk, subs);
    rd_kafka_topic_partition_list_destroy(subs);
    if (e) {
        snprintf(err, errlen, "subscribe: %s", rd_kafka_err2str(e));
        rd_kafka_destroy(rk);
        return NULL;
    }
    return rk;
}

rd_kafka_t *kafka_producer_new(const config *cfg,
                               void (*dr_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *),
                               void *opaque, char *err, size_t errlen)
{
    rd_kafka_conf_t *conf = kafka_conf_base(cfg, err, errlen);
    if (!conf)
        return NULL;
    if (kafka_set(conf, "enable.idempotence", "true", err, errlen) ||
        kafka_set(conf, "acks", "all", err, errlen) ||
        kafka_set(conf, "linger.ms", "5", err, errlen) ||
        kafka_set(conf, "message.timeout.ms", "30000", err, errlen) ||
        kafka_set(conf, "compression.type", "lz4", err, errlen) ||
        kafka_set(conf, "message.max.bytes", KAFKA_MAX_MESSAGE_BYTES, err, errlen)) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    if (dr_cb)
        rd_kafka_conf_set_dr_msg_cb(conf, dr_cb);
    rd_kafka_conf_set_opaque(conf, opaque);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, errlen);
    if (!rk)
        rd_kafka_conf_destroy(conf);
    return rk;
}
