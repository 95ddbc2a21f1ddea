/* topics.c - creates the system's topics and rewinds consumer groups, with
 * librdkafka's admin API (no Kafka command-line tools needed). */
#include "admin.h"

#include "kafka.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    for (size_t i = 0; i < n; i++)
        topics[i] = rd_kafka_NewTopic_new(kafka_topics_all[i], partitions, 1, err, sizeof err);
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

/* Commits offset 0 of every partition of the topics for the group. The group
 * must have no running members (stop its daemons first). */
int admin_reset_offsets(const config *cfg, PGconn *c, int argc, char **argv)
{
    (void)c;
    if (argc < 3) {
        fprintf(stderr, "usage: reset-offsets GROUP TOPIC...\n");
        return 2;
    }
    config gc = *cfg;
    snprintf(gc.group_id, sizeof gc.group_id, "%s", argv[1]);
    char err[512];
    rd_kafka_t *rk = kafka_consumer_new(&gc, (const char *const *)&argv[2], 0, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "reset-offsets: %s\n", err);
        return 1;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
    int rc = 0;
    for (int t = 2; t < argc && rc == 0; t++) {
        const rd_kafka_metadata_t *md = NULL;
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, argv[t], NULL);
        if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR ||
            md->topic_cnt != 1 || md->topics[0].err) {
            fprintf(stderr, "reset-offsets: no metadata for %s\n", argv[t]);
            rc = 1;
        } else {
            for (int p = 0; p < md->topics[0].partition_cnt; p++)
                rd_kafka_topic_partition_list_add(l, argv[t], md->topics[0].partitions[p].id)
                    ->offset = 0;
        }
        if (md)
            rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(rkt);
    }
    if (rc == 0) {
        rd_kafka_resp_err_t e = rd_kafka_commit(rk, l, 0);
        if (e) {
            fprintf(stderr, "reset-offsets: commit: %s\n", rd_kafka_err2str(e));
            rc = 1;
        } else {
            printf("group %s rewound to the beginning of %d partitions\n", argv[1], l->cnt);
        }
    }
    rd_kafka_topic_partition_list_destroy(l);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return rc;
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
