/* kafka.h - creating the librdkafka clients every daemon uses, configured the
 * same way: consumers that store offsets only after the database commit, and
 * idempotent producers (acks=all) for the outbox relay. */
#ifndef SUBSIDY_KAFKA_H
#define SUBSIDY_KAFKA_H

#include "config.h"

#include <librdkafka/rdkafka.h>

/* Consumer in cfg->group_id subscribed to topics (none when n_topics is 0), with
 * enable.auto.offset.store=false and auto.offset.reset=earliest. Caller
 * closes with rd_kafka_consumer_close() then rd_kafka_destroy(). NULL + err. */
rd_kafka_t *kafka_consumer_new(const config *cfg, const char *const *topics, int n_topics,
                               char *err, size_t errlen);

/* Idempotent producer. dr_cb may be NULL; opaque is passed to it. */
rd_kafka_t *kafka_producer_new(const config *cfg,
                               void (*dr_cb)(rd_kafka_t *, const rd_kafka_message_t *, void *),
                               void *opaque, char *err, size_t errlen);

/* Every topic of the system (schemas/README.md), NULL-terminated. */
extern const char *const kafka_topics_all[];

/* Largest message value the portal topic and our producers take (16 MiB):
 * above intake's own limit, so oversized input is answered, not refused. */
#define KAFKA_MAX_MESSAGE_BYTES "16777216"

#define TOPIC_SUBMITTED "subsidy.application.submitted"
#define TOPIC_RECEIVED "subsidy.application.received"
#define TOPIC_DECIDED "subsidy.application.decided"
#define TOPIC_PAYMENT_INSTRUCTED "subsidy.payment.instructed"
#define TOPIC_PAYMENT_SETTLED "subsidy.payment.settled"
#define TOPIC_PAYMENT_OUTCOME "subsidy.payment.outcome"
#define TOPIC_NOTICE_SENT "subsidy.notice.sent"
#define TOPIC_DEADLETTER "subsidy.deadletter"

#endif
