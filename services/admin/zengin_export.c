/* zengin_export.c - exports the open transfer batch of a date as a 全銀協
 * 総合振込 file. In one transaction: lock the batch, read its attempts, convert
 * every holder name to bank kana (a name that cannot be written is refused,
 * naming the receipt and the character, never dropped), check the trailer's
 * count and total against the database, write the file atomically, and mark
 * the batch exported so that no payment is ever in two files. An attempt the
 * bank already refused is left out: the corrected account's new attempt
 * replaces it, so one payment is never asked of the bank twice. */
#include "admin.h"
#include "fileio.h"

#include "domain/bankkana.h"
#include "domain/digest.h"
#include "domain/zengin.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int account_type_code(const char *t)
{
    if (t && strcmp(t, "current") == 0)
        return 2;
    if (t && strcmp(t, "savings") == 0)
        return 4;
    if (t && strcmp(t, "other") == 0)
        return 9;
    return 1;
}

/* Converts a UTF-8 kana string from configuration or the database into bank
 * kana bytes, truncated to max bytes. */
static int to_kana(const bankkana_converter *kc, const char *utf8, char *out, size_t max, char *err,
                   size_t errlen)
{
    char buf[256];
    int n = bankkana_convert(kc, utf8 ? utf8 : "", buf, sizeof buf, err, errlen);
    if (n < 0)
        return -1;
    size_t len = bankkana_truncate(buf, (size_t)n, max);
    memcpy(out, buf, len);
    out[len] = '\0';
    return 0;
}

/* Copies a configured code into its field; a value too long is refused,
 * never cut. */
static int copy_code(char *dst, size_t cap, const char *src, const char *key, char *err,
                     size_t errlen)
{
    size_t n = strlen(src);
    if (n >= cap) {
        snprintf(err, errlen, "%s '%s' is longer than %zu characters", key, src, cap - 1);
        return -1;
    }
    memcpy(dst, src, n + 1);
    return 0;
}

/* The city's own header from configuration; its names are bank kana too. */
static int header_from_config(const bankkana_converter *kc, const config *cfg, const char *date,
                              zengin_header *h, char *err, size_t errlen)
{
    memset(h, 0, sizeof *h);
    h->account_type = cfg->zengin_account_type;
    if (copy_code(h->consignor_code, sizeof h->consignor_code, cfg->zengin_consignor_code,
                  "zengin-consignor-code", err, errlen) != 0 ||
        copy_code(h->bank_code, sizeof h->bank_code, cfg->zengin_bank_code, "zengin-bank-code", err,
                  errlen) != 0 ||
        copy_code(h->branch_code, sizeof h->branch_code, cfg->zengin_branch_code,
                  "zengin-branch-code", err, errlen) != 0 ||
        copy_code(h->account_number, sizeof h->account_number, cfg->zengin_account_number,
                  "zengin-account-number", err, errlen) != 0 ||
        to_kana(kc, cfg->zengin_consignor_name, h->consignor_name_kana, 40, err, errlen) != 0 ||
        to_kana(kc, cfg->zengin_bank_name, h->bank_name_kana, 15, err, errlen) != 0 ||
        to_kana(kc, cfg->zengin_branch_name, h->branch_name_kana, 15, err, errlen) != 0)
        return -1;
    if (sscanf(date, "%*4d-%2d-%2d", &h->transfer_month, &h->transfer_day) != 2) {
        snprintf(err, errlen, "transfer date %s is not YYYY-MM-DD", date);
        return -1;
    }
    return 0;
}

/* Fills one transfer record from an attempt row. */
static int transfer_from_row(const bankkana_converter *kc, PGresult *r, int i, zengin_transfer *t,
                             char *err, size_t errlen)
{
    char why[256];
    memset(t, 0, sizeof *t);
    json_t *bank = json_loads(PQgetvalue(r, i, 2), 0, NULL);
    const char *receipt = PQgetvalue(r, i, 0);
#define BANK(k) json_string_value(json_object_get(bank, k))
    snprintf(t->bank_code, sizeof t->bank_code, "%s", BANK("bank_code") ? BANK("bank_code") : "");
    snprintf(t->branch_code, sizeof t->branch_code, "%s",
             BANK("branch_code") ? BANK("branch_code") : "");
    snprintf(t->account_number, sizeof t->account_number, "%s",
             BANK("account_number") ? BANK("account_number") : "");
    t->account_type = account_type_code(BANK("account_type"));
    int rc = to_kana(kc, BANK("holder_kana"), t->payee_kana, 30, why, sizeof why);
    if (rc == 0)
        rc = to_kana(kc, BANK("bank_name_kana"), t->bank_name_kana, 15, why, sizeof why);
    if (rc == 0)
        rc = to_kana(kc, BANK("branch_name_kana"), t->branch_name_kana, 15, why, sizeof why);
#undef BANK
    json_decref(bank);
    if (rc != 0) {
        snprintf(err, errlen, "%s: %s", receipt, why);
        return -1;
    }
    t->amount_yen = strtoll(PQgetvalue(r, i, 1), NULL, 10);
    t->new_code = 0;
    /* 顧客コード1: the receipt number's digits, so finance can match it back. */
    char digits[11] = "";
    size_t d = 0;
    for (const char *p = receipt; *p && d < 10; p++)
        if (*p >= '0' && *p <= '9')
            digits[d++] = *p;
    digits[d] = '\0';
    snprintf(t->customer_code1, sizeof t->customer_code1, "%s", digits);
    t->transfer_kind = ' ';
    return 0;
}

static int export_batch(const config *cfg, PGconn *c, const char *date, const char *path, char *err,
                        size_t errlen)
{
    PGresult *b = NULL, *rows = NULL, *tot = NULL;
    const char *p[] = {date};
    if (db_exec(c, &b, err, errlen,
                "SELECT batch_id FROM transfer_batch WHERE transfer_date = $1::date "
                "AND state = 'open' FOR UPDATE",
                1, p) != DB_OK)
        return -1;
    if (PQntuples(b) != 1) {
        PQclear(b);
        snprintf(err, errlen, "no open transfer batch for %s", date);
        return -1;
    }
    const char *q[] = {PQgetvalue(b, 0, 0)};
    int rc = -1;
    zengin_transfer *items = NULL;
    bankkana_converter *kc = bankkana_converter_new(cfg->zengin_extra_symbols, err, errlen);
    if (kc &&
        db_exec(c, &rows, err, errlen,
                "SELECT p.receipt_no, p.amount_yen, a.bank_account FROM payment_attempt a "
                "JOIN payment p USING (payment_id) WHERE a.batch_id = $1 AND a.state <> 'failed' "
                "ORDER BY p.receipt_no, a.attempt",
                1, q) == DB_OK &&
        db_exec(c, &tot, err, errlen,
                "SELECT count(*), coalesce(sum(p.amount_yen), 0) FROM payment_attempt a "
                "JOIN payment p USING (payment_id) WHERE a.batch_id = $1 AND a.state <> 'failed'",
                1, q) == DB_OK) {
        int n = PQntuples(rows);
        items = calloc((size_t)(n > 0 ? n : 1), sizeof *items);
        rc = items ? 0 : -1;
        for (int i = 0; rc == 0 && i < n; i++)
            rc = transfer_from_row(kc, rows, i, &items[i], err, errlen);
        zengin_header h;
        if (rc == 0)
            rc = header_from_config(kc, cfg, date, &h, err, errlen);
        const char *sep = strcmp(cfg->zengin_record_separator, "lf") == 0     ? "\n"
                          : strcmp(cfg->zengin_record_separator, "none") == 0 ? ""
                                                                              : "\r\n";
        zengin_options o = {sep, cfg->zengin_eof_byte != 0};
        char *file = NULL, sha[65];
        size_t len = 0;
        long count = atol(PQgetvalue(tot, 0, 0));
        long long total = atoll(PQgetvalue(tot, 0, 1));
        if (rc == 0)
            rc = zengin_render_file(&h, items, (size_t)n, count, total, &o, &file, &len, err,
                                    errlen);
        if (rc == 0 && file_write_atomic(path, file, len) != 0) {
            snprintf(err, errlen, "cannot write %s", path);
            rc = -1;
        }
        if (rc == 0) {
            digest_sha256_hex(file, len, sha);
            char cnt[24], sum[32];
            snprintf(cnt, sizeof cnt, "%ld", count);
            snprintf(sum, sizeof sum, "%lld", total);
            const char *u[] = {q[0], sha, cnt, sum};
            if (db_exec(c, NULL, err, errlen,
                        "UPDATE transfer_batch SET state = 'exported', exported_at = now(), "
                        "file_sha256 = $2, record_count = $3, total_yen = $4 WHERE batch_id = $1",
                        4, u) != DB_OK)
                rc = -1;
            else
                printf("exported batch %s for %s: %ld transfers, %lld yen, %zu bytes, sha256 %s "
                       "-> %s\n",
                       q[0], date, count, total, len, sha, path);
        }
        free(file);
    }
    bankkana_converter_free(kc);
    free(items);
    PQclear(b);
    PQclear(rows);
    PQclear(tot);
    return rc;
}

int admin_export_zengin(const config *cfg, PGconn *c, int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: export-zengin TRANSFER_DATE OUT_FILE\n");
        return 2;
    }
    char err[1024];
    FILE *exists = fopen(argv[2], "rb");
    if (exists) {
        fclose(exists);
        fprintf(stderr, "export-zengin: %s exists; a bank file is never overwritten\n", argv[2]);
        return 1;
    }
    if (db_begin(c, err, sizeof err) != DB_OK) {
        fprintf(stderr, "export-zengin: %s\n", err);
        return 1;
    }
    if (export_batch(cfg, c, argv[1], argv[2], err, sizeof err) != 0 ||
        db_commit(c, err, sizeof err) != DB_OK) {
        db_rollback(c);
        remove(argv[2]);
        fprintf(stderr, "export-zengin: %s; nothing exported\n", err);
        return 1;
    }
    return 0;
}
