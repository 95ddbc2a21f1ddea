/* main.c - the payment daemon: wires configuration, the payment handler and
 * the shared consumer loop. */
#include "kafka.h"
#include "log.h"
#include "payment.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    int rc = config_load(&cfg, "payment", argc, argv, NULL, NULL, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "subsidy-payment: %s\n", err);
        return rc < 0 ? 2 : 0;
    }
    log_init("payment", log_level_parse(cfg.log_level));
    static const char *const topics[] = {TOPIC_DECIDED, TOPIC_PAYMENT_SETTLED};
    loop_handler h = {
        .service = "payment", .topics = topics, .n_topics = 2, .handle = payment_handle};
    return loop_run(&cfg, &h, NULL);
}
