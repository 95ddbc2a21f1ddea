/* publish.c - the portal's side in the demo and tests: publishes messages to a
 * topic with an idempotent producer and waits for every delivery report.
 *
 *   publish [--key=value...] TOPIC FILE.jsonl      one message per line
 *   publish [--key=value...] --whole TOPIC FILE... each file's bytes as one message
 *
 * The key is the office number found in the message (data.office.office_number
 * or data.office_number), so one office's messages share a partition; bytes
 * that are not JSON are published as they are, without a key. */
#include "fileio.h"
#include "config.h"
#include "kafka.h"
#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    (void)opaque;
    if (m->err) {
        failures++;
        fprintf(stderr, "publish: delivery failed: %s\n", rd_kafka_err2str(m->err));
    }
}

static void key_of(const char *buf, size_t len, char *key, size_t keylen)
{
    key[0] = '\0';
    json_t *j = json_loadb(buf, len, 0, NULL);
    json_t *d = json_object_get(j, "data");
    const char *k =
        json_string_value(json_object_get(json_object_get(d, "office"), "office_number"));
    if (!k)
        k = json_string_value(json_object_get(d, "office_number"));
    if (k)
        snprintf(key, keylen, "%s", k);
    json_decref(j);
}

static int produce(rd_kafka_t *rk, const char *topic, const char *buf, size_t len)
{
    char key[64];
    key_of(buf, len, key, sizeof key);
    for (;;) {
        rd_kafka_resp_err_t e =
            rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, strlen(key)),
                              RD_KAFKA_V_VALUE((void *)buf, len),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(rk, 100);
            continue;
        }
        if (e) {
            fprintf(stderr, "publish: %s\n", rd_kafka_err2str(e));
            return -1;
        }
        rd_kafka_poll(rk, 0);
        return 0;
    }
}

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    char **rest = argv; /* config_load compacts the leftovers in place */
    int nrest = 0;
    if (config_load(&cfg, "publish", argc, argv, &nrest, rest, err, sizeof err) != 0)
        return 2;
    log_init("publish", LOG_WARN);
    int whole = nrest > 0 && strcmp(rest[0], "--whole") == 0;
    if (nrest < 2 + whole) {
        fprintf(stderr, "usage: publish TOPIC FILE.jsonl | publish --whole TOPIC FILE...\n");
        return 2;
    }
    const char *topic = rest[whole];
    rd_kafka_t *rk = kafka_producer_new(&cfg, on_delivery, NULL, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "publish: %s\n", err);
        return 1;
    }
    long count = 0;
    int rc = 0;
    for (int i = 1 + whole; i < nrest && rc == 0; i++) {
        if (whole) {
            size_t len = 0;
            char *b = file_read_all(rest[i], &len);
            rc = b ? produce(rk, topic, b, len) : -1;
            free(b);
            count += rc == 0;
            continue;
        }
        FILE *f = fopen(rest[i], "r");
        if (!f) {
            fprintf(stderr, "publish: cannot read %s\n", rest[i]);
            rc = -1;
            break;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, f)) > 0 && rc == 0) {
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                n--;
            if (n == 0)
                continue;
            rc = produce(rk, topic, line, (size_t)n);
            count += rc == 0;
        }
        free(line);
        fclose(f);
    }
    while (rd_kafka_outq_len(rk) > 0)
        rd_kafka_flush(rk, 1000);
    rd_kafka_destroy(rk);
    printf("published %ld messages to %s (%d failed)\n", count, topic, failures);
    return rc == 0 && failures == 0 ? 0 : 1;
}
