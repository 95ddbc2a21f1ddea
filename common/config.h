/* config.h - the one table of configuration keys every daemon and tool reads.
 *
 * A value comes from, in order of precedence: a command-line argument
 * --key=value (key as in the table, e.g. --batch-max=50), the environment
 * variable SUBSIDY_<KEY> (upper case, '-' as '_', e.g. SUBSIDY_BATCH_MAX), or the
 * table's default. config_print_help() prints the table; the README shows it. */
#ifndef SUBSIDY_CONFIG_H
#define SUBSIDY_CONFIG_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    char service[32];         /* set by config_load from its argument */
    char kafka_brokers[256];  /* kafka-brokers */
    char pg_dsn[512];         /* pg-dsn */
    char group_id[128];       /* group-id ("" = subsidy-<service>) */
    int batch_max;            /* batch-max */
    int batch_wait_ms;        /* batch-wait-ms */
    int relay_batch;          /* relay-batch */
    long max_payload_bytes;   /* max-payload-bytes */
    int max_json_depth;       /* max-json-depth */
    int tick_seconds;         /* tick-seconds */
    char business_date[16];   /* business-date ("" = today in JST) */
    char notice_dir[512];     /* notice-dir */
    char attachment_dir[512]; /* attachment-dir ("" = check metadata only) */
    char schema_dir[512];     /* schema-dir */
    int transfer_lead_days;   /* transfer-lead-days */
    char log_level[16];       /* log-level */
    /* The city's side of the 全銀 transfer file (export-zengin). */
    char zengin_consignor_code[16];
    char zengin_consignor_name[64];
    char zengin_bank_code[8];
    char zengin_bank_name[32];
    char zengin_branch_code[8];
    char zengin_branch_name[32];
    int zengin_account_type;
    char zengin_account_number[16];
    char zengin_record_separator[8]; /* crlf, lf or none */
    int zengin_eof_byte;
    char zengin_extra_symbols[16];
} config;

/* Fills c from defaults, environment and argv. Arguments that are not
 * --key=value pairs of the table are left for the caller: *rest_argc and
 * rest_argv (which must have room for argc pointers; argv itself will do, as
 * the arguments are only ever moved forward) receive them in order.
 * Returns 0, 1 when --help was given (help printed), or -1 with err set. */
int config_load(config *c, const char *service, int argc, char **argv, int *rest_argc,
                char **rest_argv, char *err, size_t errlen);

/* Writes the business date (YYYY-MM-DD): cfg->business_date when set, else
 * today's date in Asia/Tokyo. */
void config_business_date(const config *c, char out[11]);

/* Prints the key table: key, environment variable, default, meaning. */
void config_print_help(FILE *out);

#endif
