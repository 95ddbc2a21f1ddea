/* topics.c - creates the system's topics and rewinds consumer groups, with
 * librdkafka's admin API (no Kafka command-line tools needed). */
#include "admin.h"

#include "kafka.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int admin_create_topics(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)c;
    int partitions = argc > 1 ? atoi(argv[1]) : 6;
    char err[512];
    rd_kafka_t *rk = kafka_producer_new(cfg, NULL, NULL, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "create-topics: %s\n", err);
        return 1;
    }
    size_t n = 0;
    while (kafka_topics_all[n])
        n++;
    rd_kafka_NewTopic_t *topics[16];
    for (size_t i = 0; i < n; i++) {
        topics[i] = rd_kafka_NewTopic_new(kafka_topics_all[i], partitions, 1, err, sizeof err);
        /* The portal's topic takes oversized values so that intake, not the
         * broker, answers them (dead letter PAYLOAD_TOO_LARGE). */
        if (topics[i] && strcmp(kafka_topics_all[i], TOPIC_SUBMITTED) == 0)
            rd_kafka_NewTopic_set_config(topics[i], "max.message.bytes", KAFKA_MAX_MESSAGE_BYTES);
    }
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, topics, n, NULL, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 30000);
    int rc = 0;
    const rd_kafka_CreateTopics_result_t *res = ev ? rd_kafka_event_CreateTopics_result(ev) : NULL;
    if (!res) {
        fprintf(stderr, "create-topics: no answer from the broker within 30 s\n");
        rc = 1;
    } else {
        size_t cnt;
        const rd_kafka_topic_result_t **tr = rd_kafka_CreateTopics_result_topics(res, &cnt);
        for (size_t i = 0; i < cnt; i++) {
            rd_kafka_resp_err_t e = rd_kafka_topic_result_error(tr[i]);
            if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
                printf("topic %s exists\n", rd_kafka_topic_result_name(tr[i]));
            else if (e) {
                fprintf(stderr, "create-topics: %s: %s\n", rd_kafka_topic_result_name(tr[i]),
                        rd_kafka_topic_result_error_string(tr[i]));
                rc = 1;
            } else {
                printf("topic %s created (%d partitions)\n", rd_kafka_topic_result_name(tr[i]),
                       partitions);
            }
        }
    }
    if (ev)
        rd_kafka_event_destroy(ev);
    rd_kafka_NewTopic_destroy_array(topics, n);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
    return rc;
}

/* Every partition of the topics, offset 0 (caller destroys); NULL with a
 * message when a topic has no metadata. */
static rd_kafka_topic_partition_list_t *partitions_at_start(rd_kafka_t *rk, int n, char **topics)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
    for (int t = 0; t < n && l; t++) {
        const rd_kafka_metadata_t *md = NULL;
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topics[t], NULL);
        if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR ||
            md->topic_cnt != 1 || md->topics[0].err) {
            fprintf(stderr, "reset-offsets: no metadata for %s\n", topics[t]);
            rd_kafka_topic_partition_list_destroy(l);
            l = NULL;
        } else {
            for (int p = 0; p < md->topics[0].partition_cnt; p++)
                rd_kafka_topic_partition_list_add(l, topics[t], md->topics[0].partitions[p].id)
                    ->offset = 0;
        }
        if (md)
            rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(rkt);
    }
    return l;
}

/* One AlterConsumerGroupOffsets request. 0 done, -1 refused (err set). */
static int alter_offsets(rd_kafka_t *rk, const char *group,
                         const rd_kafka_topic_partition_list_t *l, char *err, size_t errlen)
{
    rd_kafka_AlterConsumerGroupOffsets_t *req = rd_kafka_AlterConsumerGroupOffsets_new(group, l);
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_AlterConsumerGroupOffsets(rk, &req, 1, NULL, q);
    rd_kafka_AlterConsumerGroupOffsets_destroy(req);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 30000);
    int rc = -1;
    snprintf(err, errlen, "no answer from the broker");
    const rd_kafka_AlterConsumerGroupOffsets_result_t *res =
        ev ? rd_kafka_event_AlterConsumerGroupOffsets_result(ev) : NULL;
    if (ev && rd_kafka_event_error(ev)) {
        snprintf(err, errlen, "%s", rd_kafka_event_error_string(ev));
    } else if (res) {
        size_t n = 0;
        const rd_kafka_group_result_t **g =
            rd_kafka_AlterConsumerGroupOffsets_result_groups(res, &n);
        const rd_kafka_error_t *ge = n == 1 ? rd_kafka_group_result_error(g[0]) : NULL;
        const rd_kafka_topic_partition_list_t *parts =
            n == 1 ? rd_kafka_group_result_partitions(g[0]) : NULL;
        rc = n == 1 && !ge ? 0 : -1;
        if (ge)
            snprintf(err, errlen, "%s", rd_kafka_error_string(ge));
        for (int i = 0; rc == 0 && parts && i < parts->cnt; i++)
            if (parts->elems[i].err) {
                snprintf(err, errlen, "%s [%d]: %s", parts->elems[i].topic,
                         (int)parts->elems[i].partition, rd_kafka_err2str(parts->elems[i].err));
                rc = -1;
            }
    }
    if (ev)
        rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(q);
    return rc;
}

/* Rewinds the group to offset 0 of every partition of the topics with the
 * admin API. The group must have no running members (stop its daemons
 * first); while the broker still sees members leaving it retries for 30 s. */
int admin_reset_offsets(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)c;
    if (argc < 3) {
        fprintf(stderr, "usage: reset-offsets GROUP TOPIC...\n");
        return 2;
    }
    char err[512];
    rd_kafka_t *rk = kafka_producer_new(cfg, NULL, NULL, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "reset-offsets: %s\n", err);
        return 1;
    }
    rd_kafka_topic_partition_list_t *l = partitions_at_start(rk, argc - 2, &argv[2]);
    int rc = l ? -1 : 1;
    for (int attempt = 0; l && rc != 0 && attempt < 30; attempt++) {
        if (attempt > 0)
            sleep(1);
        rc = alter_offsets(rk, argv[1], l, err, sizeof err);
    }
    if (l && rc != 0)
        fprintf(stderr, "reset-offsets: %s: %s\n", argv[1], err);
    else if (l)
        printf("group %s rewound to the beginning of %d partitions\n", argv[1], l->cnt);
    if (l)
        rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_destroy(rk);
    return rc == 0 ? 0 : 1;
}

/* Sums, over every partition of the topics, the high watermark minus the
 * group's committed offset (a partition never committed counts whole). */
int admin_lag(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)c;
    if (argc < 3) {
        fprintf(stderr, "usage: lag GROUP TOPIC...\n");
        return 2;
    }
    config gc = *cfg;
    snprintf(gc.group_id, sizeof gc.group_id, "%s", argv[1]);
    char err[512];
    rd_kafka_t *rk = kafka_consumer_new(&gc, NULL, 0, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "lag: %s\n", err);
        return 1;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
    for (int t = 2; t < argc; t++) {
        const rd_kafka_metadata_t *md = NULL;
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, argv[t], NULL);
        if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR &&
            md->topic_cnt == 1 && !md->topics[0].err)
            for (int p = 0; p < md->topics[0].partition_cnt; p++)
                rd_kafka_topic_partition_list_add(l, argv[t], md->topics[0].partitions[p].id);
        if (md)
            rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(rkt);
    }
    long long lag = 0;
    int rc = 0;
    if (rd_kafka_committed(rk, l, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        fprintf(stderr, "lag: cannot read committed offsets\n");
        rc = 1;
    }
    for (int i = 0; rc == 0 && i < l->cnt; i++) {
        int64_t lo = 0, hi = 0;
        rd_kafka_query_watermark_offsets(rk, l->elems[i].topic, l->elems[i].partition, &lo, &hi,
                                         5000);
        int64_t at = l->elems[i].offset >= 0 ? l->elems[i].offset : lo;
        lag += hi - at;
    }
    if (rc == 0)
        printf("%lld\n", lag);
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_destroy(rk);
    return rc;
}
