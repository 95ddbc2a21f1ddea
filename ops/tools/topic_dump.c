/* topic_dump.c - prints a topic's messages from the beginning as JSON lines
 * ({"partition","offset","key","value"}), stopping when every partition is read
 * to its end or after a timeout. Tests use it to read the dead-letter topic and
 * finance's view of the instructions.
 *
 *   topic-dump [--key=value...] TOPIC [TIMEOUT_SECONDS] */
#include "config.h"
#include "kafka.h"
#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    char **rest = argv; /* config_load compacts the leftovers in place */
    int nrest = 0;
    if (config_load(&cfg, "topic-dump", argc, argv, &nrest, rest, err, sizeof err) != 0 ||
        nrest < 1) {
        fprintf(stderr, "usage: topic-dump TOPIC [TIMEOUT_SECONDS]\n");
        return 2;
    }
    log_init("topic-dump", LOG_ERROR);
    int timeout = nrest > 1 ? atoi(rest[1]) : 10;
    snprintf(cfg.group_id, sizeof cfg.group_id, "topic-dump-%ld-%d", (long)time(NULL), rand());
    rd_kafka_t *rk = kafka_consumer_new(&cfg, NULL, 0, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "topic-dump: %s\n", err);
        return 1;
    }
    const rd_kafka_metadata_t *md = NULL;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, rest[0], NULL);
    if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) || md->topic_cnt != 1 || md->topics[0].err) {
        fprintf(stderr, "topic-dump: no such topic %s\n", rest[0]);
        return 1;
    }
    int parts = md->topics[0].partition_cnt;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(parts);
    for (int p = 0; p < parts; p++)
        rd_kafka_topic_partition_list_add(l, rest[0], md->topics[0].partitions[p].id)->offset =
            RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    time_t end = time(NULL) + timeout;
    /* Read up to each partition's high watermark as it was at the start. */
    long remaining = 0;
    int64_t *high = calloc((size_t)parts, sizeof *high);
    for (int p = 0; p < parts; p++) {
        int64_t lo = 0;
        rd_kafka_query_watermark_offsets(rk, rest[0], p, &lo, &high[p], 5000);
        remaining += (long)(high[p] - lo);
    }
    while (remaining > 0 && time(NULL) < end) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
        if (!m)
            continue;
        if (!m->err) {
            json_t *o =
                json_pack("{s:i,s:I,s:s%,s:s%}", "partition", (int)m->partition, "offset",
                          (json_int_t)m->offset, "key", m->key ? (const char *)m->key : "",
                          m->key ? m->key_len : 0, "value",
                          m->payload ? (const char *)m->payload : "", m->payload ? m->len : 0);
            char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
            if (s)
                puts(s);
            free(s);
            json_decref(o);
            remaining--;
        }
        rd_kafka_message_destroy(m);
    }
    free(high);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return remaining > 0 ? 1 : 0;
}
