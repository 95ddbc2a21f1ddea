/* main.c - the validation daemon: wires configuration, the validation handler
 * and its scheduled sweep into the shared consumer loop. */
#include "kafka.h"
#include "log.h"
#include "validation.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    int rc = config_load(&cfg, "validation", argc, argv, NULL, NULL, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "subsidy-validation: %s\n", err);
        return rc < 0 ? 2 : 0;
    }
    log_init("validation", log_level_parse(cfg.log_level));
    validation_state *st = validation_state_new(&cfg);
    if (!st)
        return 1;
    static const char *const topics[] = {TOPIC_RECEIVED};
    loop_handler h = {.service = "validation",
                      .topics = topics,
                      .n_topics = 1,
                      .handle = validation_handle,
                      .tick = validation_tick};
    rc = loop_run(&cfg, &h, st);
    validation_state_free(st);
    return rc;
}
