/* main.c - subsidy-admin: dispatches the operator's subcommands. */
#include "admin.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(const config *, PGconn *, int, char **);
    int needs_db;
    const char *usage;
} admin_command;

static const admin_command commands[] = {
    {"migrate", admin_migrate, 1, "migrate [SQL_DIR]      apply schemas/sql/*.sql not yet applied"},
    {"create-topics", admin_create_topics, 0,
     "create-topics [PARTITIONS]  create every topic (default 6 partitions)"},
    {"reset-offsets", admin_reset_offsets, 0,
     "reset-offsets GROUP TOPIC...  rewind a stopped consumer group to the beginning"},
    {"lag", admin_lag, 0, "lag GROUP TOPIC...     messages the group has not committed yet"},
    {"load-program", admin_load_program, 1, "load-program FILE      validate and load a program"},
    {"import", admin_import, 1, "import offices|tax|crime FILE.csv  import reference data"},
    {"report", admin_report, 1, "report [PROGRAM_ID]    table of applications and outcomes"},
    {"wait", admin_wait, 1,
     "wait COUNT [SECONDS]   wait until COUNT applications rest in a final or waiting state"},
    {"export-zengin", admin_export_zengin, 1,
     "export-zengin DATE OUT_FILE  export the open batch of a transfer date as a 全銀 file"},
    {"fill-receipts", admin_fill_receipts, 1,
     "fill-receipts IN OUT   resolve @receipt-of:SUBMISSION_ID in resubmissions"},
};

static void usage(void)
{
    fprintf(stderr, "usage: subsidy-admin [--key=value...] COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(stderr, "  %s\n", commands[i].usage);
    fprintf(stderr, "\n");
    config_print_help(stderr);
}

/* Runs the command named by rest[0]; returns its exit code. */
static int dispatch(const config *cfg, int nrest, char **rest)
{
    char err[512];
    if (nrest < 1) {
        usage();
        return 2;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(rest[0], commands[i].name) != 0)
            continue;
        PGconn *c = NULL;
        if (commands[i].needs_db) {
            c = PQconnectdb(cfg->pg_dsn);
            if (PQstatus(c) != CONNECTION_OK) {
                fprintf(stderr, "subsidy-admin: database: %s", PQerrorMessage(c));
                PQfinish(c);
                return 1;
            }
            PQsetClientEncoding(c, "UTF8");
            db_exec(c, NULL, err, sizeof err, "SET client_min_messages = warning", 0, NULL);
        }
        int rc = commands[i].run(cfg, c, nrest, rest);
        PQfinish(c);
        return rc;
    }
    fprintf(stderr, "subsidy-admin: unknown command '%s'\n", rest[0]);
    usage();
    return 2;
}

int main(int argc, char **argv)
{
    config cfg;
    char err[512];
    char **rest = calloc((size_t)(argc > 0 ? argc : 1), sizeof *rest);
    int nrest = 0;
    if (!rest)
        return 1;
    int rc = config_load(&cfg, "admin", argc, argv, &nrest, rest, err, sizeof err);
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "subsidy-admin: %s\n", err);
        free(rest);
        return rc < 0 ? 2 : 0;
    }
    log_init("admin", log_level_parse(cfg.log_level));
    rc = dispatch(&cfg, nrest, rest);
    free(rest);
    return rc;
}
