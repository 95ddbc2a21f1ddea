/* main.c - the intake daemon: wires configuration, the intake handler and the
 * shared consumer loop. */
#include "intake.h"
#include "kafka.h"
#include "log.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    int rc = config_load(&cfg, "intake", argc, argv, NULL, NULL, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "subsidy-intake: %s\n", err);
        return rc < 0 ? 2 : 0;
    }
    log_init("intake", log_level_parse(cfg.log_level));
    intake_state *st = intake_state_new(&cfg, err, sizeof err);
    if (!st) {
        log_error("start_failed", NULL, "%s", err);
        return 1;
    }
    static const char *const topics[] = {TOPIC_SUBMITTED};
    loop_handler h = {
        .service = "intake", .topics = topics, .n_topics = 1, .handle = intake_handle};
    rc = loop_run(&cfg, &h, st);
    intake_state_free(st);
    return rc;
}
