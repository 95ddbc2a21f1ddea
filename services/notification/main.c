/* main.c - the notification daemon: wires configuration, the notification
 * handler and the shared consumer loop. */
#include "kafka.h"
#include "log.h"
#include "notification.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    int rc = config_load(&cfg, "notification", argc, argv, NULL, NULL, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "subsidy-notification: %s\n", err);
        return rc < 0 ? 2 : 0;
    }
    log_init("notification", log_level_parse(cfg.log_level));
    notification_state *st = notification_state_new();
    if (!st)
        return 1;
    static const char *const topics[] = {TOPIC_RECEIVED, TOPIC_DECIDED, TOPIC_PAYMENT_OUTCOME};
    loop_handler h = {
        .service = "notification", .topics = topics, .n_topics = 3, .handle = notification_handle};
    rc = loop_run(&cfg, &h, st);
    notification_state_free(st);
    return rc;
}
