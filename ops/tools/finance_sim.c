/* finance_sim.c - a stand-in for the city's finance system in the demo and the
 * tests: consumes payment.instructed and answers each with payment.settled,
 * paid on the scheduled transfer date, or failed as a bank would say.
 *
 * Which instructions fail is deterministic, so runs are repeatable:
 *   - an account number of all nines ("9999999") always fails (口座なし);
 *   - otherwise a first attempt fails when the FNV-1a hash of its idempotency
 *     key modulo 100 is below --fail-percent (default 0); later attempts (a
 *     corrected account) are paid.
 * Finance deduplicates by idempotency key, as the real one must: a re-sent
 * instruction gets the same answer again, never a second transfer.
 *
 *   finance-sim [--key=value...] [--fail-percent=N]   runs until SIGTERM */
#include "config.h"
#include "envelope.h"
#include "kafka.h"
#include "log.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t stop;

static void on_signal(int s)
{
    (void)s;
    stop = 1;
}

static unsigned fnv1a(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Builds the settlement for one instruction (new reference) or NULL. */
static json_t *settle(const json_t *env, int fail_percent)
{
    const json_t *d = json_object_get(env, "data");
    const char *key = json_string_value(json_object_get(d, "idempotency_key"));
    const char *pid = json_string_value(json_object_get(d, "payment_id"));
    const char *date = json_string_value(json_object_get(d, "transfer_date"));
    json_int_t attempt = json_integer_value(json_object_get(d, "attempt"));
    const char *acct =
        json_string_value(json_object_get(json_object_get(d, "bank_account"), "account_number"));
    if (!key || !pid || !date || attempt < 1)
        return NULL;
    bool fail = (acct && strcmp(acct, "9999999") == 0) ||
                (attempt == 1 && (int)(fnv1a(key) % 100) < fail_percent);
    json_t *data = json_pack("{s:s,s:I,s:s,s:s}", "payment_id", pid, "attempt", attempt,
                             "idempotency_key", key, "status", fail ? "failed" : "paid");
    if (fail) {
        json_object_set_new(data, "failure_code", json_string("ACCOUNT_NOT_FOUND"));
        json_object_set_new(data, "failure_reason", json_string("該当口座なし"));
    } else {
        json_object_set_new(data, "transfer_date", json_string(date));
    }
    return envelope_new("payment.settled", "finance",
                        json_string_value(json_object_get(env, "correlation_id")), data);
}

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0, fail_percent = 0;
    if (!rest || config_load(&cfg, "finance-sim", argc, argv, &nrest, rest, err, sizeof err) != 0) {
        free(rest);
        return 2;
    }
    for (int i = 0; i < nrest; i++)
        if (strncmp(rest[i], "--fail-percent=", 15) == 0)
            fail_percent = atoi(rest[i] + 15);
    free(rest);
    log_init("finance-sim", log_level_parse(cfg.log_level));
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    static const char *const topics[] = {TOPIC_PAYMENT_INSTRUCTED};
    rd_kafka_t *c = kafka_consumer_new(&cfg, topics, 1, err, sizeof err);
    rd_kafka_t *p = c ? kafka_producer_new(&cfg, NULL, NULL, err, sizeof err) : NULL;
    if (!c || !p) {
        log_error("start_failed", NULL, "%s", err);
        return 1;
    }
    log_info("finance_sim_started", json_pack("{s:i}", "fail_percent", fail_percent), "answering");
    while (!stop) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 200);
        if (!m)
            continue;
        if (!m->err) {
            json_t *env = json_loadb(m->payload, m->len, 0, NULL);
            json_t *out = env ? settle(env, fail_percent) : NULL;
            char *text = out ? json_dumps(out, JSON_COMPACT) : NULL;
            if (text)
                rd_kafka_producev(p, RD_KAFKA_V_TOPIC(TOPIC_PAYMENT_SETTLED),
                                  RD_KAFKA_V_KEY(m->key, m->key_len),
                                  RD_KAFKA_V_VALUE(text, strlen(text)),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            else
                log_warn("instruction_unreadable", NULL, "offset %lld ignored",
                         (long long)m->offset);
            free(text);
            json_decref(out);
            json_decref(env);
            rd_kafka_flush(p, 10000);
            rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
            rd_kafka_topic_partition_list_add(l, rd_kafka_topic_name(m->rkt), m->partition)
                ->offset = m->offset + 1;
            rd_kafka_offsets_store(c, l);
            rd_kafka_topic_partition_list_destroy(l);
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    rd_kafka_flush(p, 10000);
    rd_kafka_destroy(p);
    return 0;
}
