/* config.c - the configuration table and its loader; see config.h. */
#include "config.h"

#include "domain/jdate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef enum { CFG_STR, CFG_INT, CFG_LONG } cfg_type;

typedef struct {
    const char *key;
    cfg_type type;
    size_t offset;
    size_t size;
    const char *def;
    const char *meaning;
} cfg_key;

#define STR(field) CFG_STR, offsetof(config, field), sizeof(((config *)0)->field)
#define INT(field) CFG_INT, offsetof(config, field), sizeof(int)
#define LONG(field) CFG_LONG, offsetof(config, field), sizeof(long)

static const cfg_key cfg_keys[] = {
    {"kafka-brokers", STR(kafka_brokers), "127.0.0.1:19092", "Kafka bootstrap servers"},
    {"pg-dsn", STR(pg_dsn), "host=127.0.0.1 port=55432 dbname=subsidy user=subsidy",
     "libpq connection string of the shared database"},
    {"group-id", STR(group_id), "", "Kafka consumer group (empty: subsidy-<service>)"},
    {"batch-max", INT(batch_max), "200", "most messages handled in one database transaction"},
    {"batch-wait-ms", INT(batch_wait_ms), "100", "longest wait to fill a batch, milliseconds"},
    {"relay-batch", INT(relay_batch), "500", "most outbox rows published per relay round"},
    {"max-payload-bytes", LONG(max_payload_bytes), "1048576",
     "larger message values are dead-lettered (PAYLOAD_TOO_LARGE)"},
    {"max-json-depth", INT(max_json_depth), "64", "deeper JSON nesting is dead-lettered"},
    {"tick-seconds", INT(tick_seconds), "5",
     "period of scheduled work (correction sweep, on-hold re-decisions)"},
    {"business-date", STR(business_date), "",
     "date the city works on, YYYY-MM-DD (empty: today in Asia/Tokyo); demos replay a past year"},
    {"notice-dir", STR(notice_dir), ".work/notices", "folder notices are written into"},
    {"attachment-dir", STR(attachment_dir), "",
     "portal's attachment store, files named by SHA-256 (empty: check metadata only)"},
    {"schema-dir", STR(schema_dir), "schemas", "folder of the JSON Schemas"},
    {"transfer-lead-days", INT(transfer_lead_days), "7",
     "days from approval to the scheduled bank transfer date"},
    {"log-level", STR(log_level), "info", "debug, info, warn or error"},
    {"zengin-consignor-code", STR(zengin_consignor_code), "1220760001",
     "全銀 header: the city's consignor code (委託者コード, 10 digits)"},
    {"zengin-consignor-name", STR(zengin_consignor_name), "ﾏﾂﾄﾞｼ",
     "全銀 header: consignor name in bank kana"},
    {"zengin-bank-code", STR(zengin_bank_code), "0134", "全銀 header: paying bank (仕向銀行番号)"},
    {"zengin-bank-name", STR(zengin_bank_name), "ﾁﾊﾞｷﾞﾝｺｳ", "全銀 header: paying bank name"},
    {"zengin-branch-code", STR(zengin_branch_code), "101", "全銀 header: paying branch"},
    {"zengin-branch-name", STR(zengin_branch_name), "ﾏﾂﾄﾞ", "全銀 header: paying branch name"},
    {"zengin-account-type", INT(zengin_account_type), "1", "全銀 header: 1 普通, 2 当座"},
    {"zengin-account-number", STR(zengin_account_number), "1234567",
     "全銀 header: the city's account number (7 digits)"},
    {"zengin-record-separator", STR(zengin_record_separator), "crlf",
     "全銀 file: crlf, lf or none between 120-byte records"},
    {"zengin-eof-byte", INT(zengin_eof_byte), "0", "全銀 file: 1 appends the EOF byte 0x1A"},
    {"zengin-extra-symbols", STR(zengin_extra_symbols), "",
     "bank-kana symbols the paying bank accepts beyond space ( ) - . (e.g. \",/\")"},
};

#define N_KEYS (sizeof cfg_keys / sizeof cfg_keys[0])

static void cfg_env_name(const char *key, char *out, size_t outlen)
{
    size_t n = (size_t)snprintf(out, outlen, "SUBSIDY_");
    for (const char *p = key; *p && n + 1 < outlen; p++)
        out[n++] = (*p == '-') ? '_' : (char)toupper((unsigned char)*p);
    out[n] = '\0';
}

static int cfg_set(config *c, const cfg_key *k, const char *value, char *err, size_t errlen)
{
    char *dst = (char *)c + k->offset;
    if (k->type == CFG_STR) {
        if (strlen(value) >= k->size) {
            snprintf(err, errlen, "%s: value longer than %zu bytes", k->key, k->size - 1);
            return -1;
        }
        memcpy(dst, value, strlen(value) + 1);
        return 0;
    }
    char *end = NULL;
    long v = strtol(value, &end, 10);
    if (!*value || *end || v < 0 || (k->type == CFG_INT && v > 1000000000L)) {
        snprintf(err, errlen, "%s: '%s' is not a non-negative whole number", k->key, value);
        return -1;
    }
    if (k->type == CFG_INT)
        *(int *)(void *)dst = (int)v;
    else
        *(long *)(void *)dst = v;
    return 0;
}

static const cfg_key *cfg_find(const char *arg, size_t len)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strlen(cfg_keys[i].key) == len && strncmp(cfg_keys[i].key, arg, len) == 0)
            return &cfg_keys[i];
    return NULL;
}

int config_load(config *c, const char *service, int argc, char **argv, int *rest_argc,
                char **rest_argv, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    snprintf(c->service, sizeof c->service, "%s", service);
    char env[64];
    for (size_t i = 0; i < N_KEYS; i++) {
        cfg_env_name(cfg_keys[i].key, env, sizeof env);
        const char *v = getenv(env);
        if (cfg_set(c, &cfg_keys[i], v ? v : cfg_keys[i].def, err, errlen) != 0)
            return -1;
    }
    int rest = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            config_print_help(stdout);
            return 1;
        }
        const char *eq = strchr(a, '=');
        const cfg_key *k =
            (strncmp(a, "--", 2) == 0 && eq) ? cfg_find(a + 2, (size_t)(eq - a - 2)) : NULL;
        if (k) {
            if (cfg_set(c, k, eq + 1, err, errlen) != 0)
                return -1;
        } else if (rest_argv) {
            rest_argv[rest++] = argv[i];
        }
    }
    if (rest_argc)
        *rest_argc = rest;
    if (c->group_id[0] == '\0')
        snprintf(c->group_id, sizeof c->group_id, "subsidy-%s", service);
    if (c->batch_max < 1)
        c->batch_max = 1;
    return 0;
}

void config_print_help(FILE *out)
{
    char env[64];
    fprintf(out, "Configuration (--key=value, or the environment variable):\n\n");
    for (size_t i = 0; i < N_KEYS; i++) {
        cfg_env_name(cfg_keys[i].key, env, sizeof env);
        fprintf(out, "  --%-20s %-28s default \"%s\"\n      %s\n", cfg_keys[i].key, env,
                cfg_keys[i].def, cfg_keys[i].meaning);
    }
}

void config_business_date(const config *c, char out[11])
{
    if (c->business_date[0]) {
        snprintf(out, 11, "%.10s", c->business_date);
        return;
    }
    jdate_format(jst_date_of((int64_t)time(NULL)), out);
}
