/* zengin.c - renders the 全銀協 総合振込 file, record by record, from plain
 * structs. Positions in comments are 1-based as in DOMAIN.md. N fields are
 * right-aligned and zero-filled, C fields left-aligned and space-filled.
 * Invariant: a record is either fully valid and 120 bytes long or refused
 * with the field named; a file is either complete with a trailer that agrees
 * with the database or not produced at all. */
#include "domain/zengin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC ZENGIN_RECORD_LEN

static int fail(char *err, size_t errlen, const char *code, const char *field, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s %s", code, field, why);
    return -1;
}

/* Writes s at 1-based position from without its NUL. */
static void put_text(char *rec, int from, const char *s)
{
    memcpy(rec + from - 1, s, strlen(s));
}

/* Writes v right-aligned and zero-filled in width digits (v already checked). */
static void put_number(char *rec, int from, int width, unsigned long long v)
{
    for (int i = width - 1; i >= 0; i--) {
        rec[from - 1 + i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* N field: 1..width digits (0..width when empty_ok), zero-filled. cap is the
 * size of the struct member, so a missing NUL is caught too. */
static int put_n(char *rec, int from, int width, const char *digits, size_t cap, bool empty_ok,
                 const char *field, char *err, size_t errlen)
{
    size_t len = strnlen(digits, cap);
    if (len == cap || len > (size_t)width)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, "is longer than its digits");
    if (len == 0 && !empty_ok)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, "is empty");
    for (size_t i = 0; i < len; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, "has a non-digit");
    memset(rec + from - 1, '0', (size_t)width - len);
    memcpy(rec + from - 1 + width - len, digits, len);
    return 0;
}

/* True for the bytes a Zengin C field may hold. */
static bool kana_byte_ok(unsigned char b)
{
    if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 0xA1 && b <= 0xDF))
        return true;
    return b == ' ' || b == '(' || b == ')' || b == '-' || b == '.' || b == ',' || b == '/';
}

/* C field: bank-kana bytes, at most width, left-aligned and space-filled. */
static int put_c(char *rec, int from, int width, const char *kana, size_t cap, bool required,
                 const char *field, char *err, size_t errlen)
{
    size_t len = strnlen(kana, cap);
    if (len == cap || len > (size_t)width) {
        char why[64];
        snprintf(why, sizeof why, "is longer than %d bytes", width);
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, why);
    }
    if (len == 0 && required)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, "is empty");
    for (size_t i = 0; i < len; i++) {
        if (!kana_byte_ok((unsigned char)kana[i])) {
            char why[80];
            snprintf(why, sizeof why, "has byte 0x%02X at %zu, not bank kana",
                     (unsigned char)kana[i], i + 1);
            return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, why);
        }
    }
    memcpy(rec + from - 1, kana, len);
    return 0;
}

static int check_account_type(int type, const char *field, char *err, size_t errlen)
{
    if (type == 1 || type == 2 || type == 4 || type == 9)
        return 0;
    return fail(err, errlen, "ZENGIN_FIELD_INVALID", field, "is not 1, 2, 4 or 9");
}

static int check_date(int month, int day, char *err, size_t errlen)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", "transfer_month", "is not 1-12");
    if (day < 1 || day > days[month - 1])
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", "transfer_day",
                    "is not a day of that month");
    return 0;
}

int zengin_render_header(const zengin_header *h, char out[120], char *err, size_t errlen)
{
    memset(out, ' ', REC);
    put_text(out, 1, "1");  /* 1 データ区分 */
    put_text(out, 2, "21"); /* 2-3 種別コード 総合振込 */
    put_text(out, 4, "0");  /* 4 コード区分 JIS */
    if (put_n(out, 5, 10, h->consignor_code, sizeof h->consignor_code, false, "consignor_code", err,
              errlen) != 0 ||
        put_c(out, 15, 40, h->consignor_name_kana, sizeof h->consignor_name_kana, true,
              "consignor_name_kana", err, errlen) != 0 ||
        check_date(h->transfer_month, h->transfer_day, err, errlen) != 0)
        return -1;
    put_number(out, 55, 2, (unsigned)h->transfer_month); /* 55-58 振込指定日 MMDD */
    put_number(out, 57, 2, (unsigned)h->transfer_day);
    if (put_n(out, 59, 4, h->bank_code, sizeof h->bank_code, false, "bank_code", err, errlen) !=
            0 ||
        put_c(out, 63, 15, h->bank_name_kana, sizeof h->bank_name_kana, false, "bank_name_kana",
              err, errlen) != 0 ||
        put_n(out, 78, 3, h->branch_code, sizeof h->branch_code, false, "branch_code", err,
              errlen) != 0 ||
        put_c(out, 81, 15, h->branch_name_kana, sizeof h->branch_name_kana, false,
              "branch_name_kana", err, errlen) != 0 ||
        check_account_type(h->account_type, "account_type", err, errlen) != 0)
        return -1;
    put_number(out, 96, 1, (unsigned)h->account_type); /* 96 預金種目 */
    return put_n(out, 97, 7, h->account_number, sizeof h->account_number, false, "account_number",
                 err, errlen); /* 97-103; 104-120 blank */
}

/* 92-111: two N10 customer codes, or with edi one 20-byte C field. */
static int put_customer_codes(char *out, const zengin_transfer *t, char *err, size_t errlen)
{
    if (t->edi)
        return put_c(out, 92, 10, t->customer_code1, sizeof t->customer_code1, false,
                     "customer_code1", err, errlen) != 0 ||
                       put_c(out, 102, 10, t->customer_code2, sizeof t->customer_code2, false,
                             "customer_code2", err, errlen) != 0
                   ? -1
                   : 0;
    return put_n(out, 92, 10, t->customer_code1, sizeof t->customer_code1, true, "customer_code1",
                 err, errlen) != 0 ||
                   put_n(out, 102, 10, t->customer_code2, sizeof t->customer_code2, true,
                         "customer_code2", err, errlen) != 0
               ? -1
               : 0;
}

static int check_transfer_scalars(const zengin_transfer *t, char *err, size_t errlen)
{
    if (check_account_type(t->account_type, "account_type", err, errlen) != 0)
        return -1;
    if (t->amount_yen < 1 || t->amount_yen > ZENGIN_MAX_AMOUNT) {
        char why[96];
        snprintf(why, sizeof why, "%lld is outside 1..9999999999 yen", t->amount_yen);
        return fail(err, errlen, "ZENGIN_AMOUNT_RANGE", "amount_yen", why);
    }
    if (t->new_code < 0 || t->new_code > 2)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", "new_code", "is not 0, 1 or 2");
    if (t->transfer_kind != ' ' && t->transfer_kind != '0' && t->transfer_kind != '7' &&
        t->transfer_kind != '8')
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", "transfer_kind",
                    "is not ' ', '0', '7' or '8'");
    return 0;
}

int zengin_render_data(const zengin_transfer *t, char out[120], char *err, size_t errlen)
{
    memset(out, ' ', REC);
    put_text(out, 1, "2"); /* 1 データ区分 */
    if (check_transfer_scalars(t, err, errlen) != 0 ||
        put_n(out, 2, 4, t->bank_code, sizeof t->bank_code, false, "bank_code", err, errlen) != 0 ||
        put_c(out, 6, 15, t->bank_name_kana, sizeof t->bank_name_kana, false, "bank_name_kana", err,
              errlen) != 0 ||
        put_n(out, 21, 3, t->branch_code, sizeof t->branch_code, false, "branch_code", err,
              errlen) != 0 ||
        put_c(out, 24, 15, t->branch_name_kana, sizeof t->branch_name_kana, false,
              "branch_name_kana", err, errlen) != 0 ||
        put_n(out, 44, 7, t->account_number, sizeof t->account_number, false, "account_number", err,
              errlen) != 0 ||
        put_c(out, 51, 30, t->payee_kana, sizeof t->payee_kana, true, "payee_kana", err, errlen) !=
            0 ||
        put_customer_codes(out, t, err, errlen) != 0)
        return -1;
    put_text(out, 39, "0000");                                  /* 39-42 手形交換所番号 */
    put_number(out, 43, 1, (unsigned)t->account_type);          /* 43 預金種目 */
    put_number(out, 81, 10, (unsigned long long)t->amount_yen); /* 81-90 振込金額 */
    put_number(out, 91, 1, (unsigned)t->new_code);              /* 91 新規コード */
    out[111] = t->transfer_kind;                                /* 112 振込指定区分 */
    out[112] = t->edi ? 'Y' : ' '; /* 113 識別表示; 114-120 blank */
    return 0;
}

int zengin_render_trailer(long count, long long total_yen, char out[120], char *err, size_t errlen)
{
    memset(out, ' ', REC);
    if (count < 0 || count > 999999)
        return fail(err, errlen, "ZENGIN_FIELD_INVALID", "count", "is outside 0..999999");
    if (total_yen < 0 || total_yen > 999999999999LL)
        return fail(err, errlen, "ZENGIN_AMOUNT_RANGE", "total_yen",
                    "is outside 0..999999999999 yen");
    put_text(out, 1, "8");                                 /* 1 データ区分 */
    put_number(out, 2, 6, (unsigned long long)count);      /* 2-7 合計件数 */
    put_number(out, 8, 12, (unsigned long long)total_yen); /* 8-19 合計金額; 20-120 blank */
    return 0;
}

void zengin_render_end(char out[120])
{
    memset(out, ' ', REC);
    out[0] = '9';
}

/* Rewrites "CODE: rest" as "CODE: data record i: rest". */
static void locate_error(size_t i, char *err, size_t errlen)
{
    if (!err || !errlen)
        return;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", err);
    char *rest = strstr(copy, ": ");
    if (!rest)
        return;
    *rest = '\0';
    snprintf(err, errlen, "%s: data record %zu: %s", copy, i + 1, rest + 2);
}

/* Sums the amounts; returns 0, or -1 when one is out of range (so the sum
 * cannot overflow: at most n * 9,999,999,999). */
static int sum_items(const zengin_transfer *items, size_t n, long long *total, char *err,
                     size_t errlen)
{
    *total = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].amount_yen < 1 || items[i].amount_yen > ZENGIN_MAX_AMOUNT) {
            snprintf(err, errlen,
                     "ZENGIN_AMOUNT_RANGE: data record %zu: amount_yen %lld is "
                     "outside 1..9999999999 yen",
                     i + 1, items[i].amount_yen);
            return -1;
        }
        if (*total > 999999999999LL) {
            snprintf(err, errlen, "ZENGIN_AMOUNT_RANGE: the total exceeds 999999999999 yen");
            return -1;
        }
        *total += items[i].amount_yen;
    }
    return 0;
}

static int check_totals(const zengin_transfer *items, size_t n, long expected_count,
                        long long expected_total, char *err, size_t errlen)
{
    long long total;
    if (n == 0) {
        snprintf(err, errlen, "ZENGIN_EMPTY: a transfer file needs at least one transfer");
        return -1;
    }
    if (n > 999999) {
        snprintf(err, errlen, "ZENGIN_FIELD_INVALID: count %zu exceeds 999999 records", n);
        return -1;
    }
    if (sum_items(items, n, &total, err, errlen) != 0)
        return -1;
    if ((long)n != expected_count || total != expected_total) {
        snprintf(err, errlen,
                 "ZENGIN_TOTAL_MISMATCH: the file has %zu transfers totalling %lld yen, the "
                 "database %ld transfers totalling %lld yen",
                 n, total, expected_count, expected_total);
        return -1;
    }
    return 0;
}

static int separator_of(const zengin_options *o, const char **sep, char *err, size_t errlen)
{
    *sep = o && o->record_separator ? o->record_separator : "\r\n";
    if (strcmp(*sep, "\r\n") == 0 || strcmp(*sep, "\n") == 0 || strcmp(*sep, "") == 0)
        return 0;
    snprintf(err, errlen, "ZENGIN_OPTION_INVALID: record_separator must be CRLF, LF or empty");
    return -1;
}

/* Appends one record and the separator at buf + *pos. */
static void append(char *buf, size_t *pos, const char *rec, const char *sep, size_t seplen)
{
    memcpy(buf + *pos, rec, REC);
    memcpy(buf + *pos + REC, sep, seplen);
    *pos += REC + seplen;
}

static int render_records(const zengin_header *h, const zengin_transfer *items, size_t n,
                          const char *sep, char *buf, size_t *pos, char *err, size_t errlen)
{
    char rec[REC];
    size_t seplen = strlen(sep);
    long long total = 0;
    if (zengin_render_header(h, rec, err, errlen) != 0)
        return -1;
    append(buf, pos, rec, sep, seplen);
    for (size_t i = 0; i < n; i++) {
        if (zengin_render_data(&items[i], rec, err, errlen) != 0) {
            locate_error(i, err, errlen);
            return -1;
        }
        append(buf, pos, rec, sep, seplen);
        total += items[i].amount_yen;
    }
    if (zengin_render_trailer((long)n, total, rec, err, errlen) != 0)
        return -1;
    append(buf, pos, rec, sep, seplen);
    zengin_render_end(rec);
    append(buf, pos, rec, sep, seplen);
    return 0;
}

int zengin_render_file(const zengin_header *h, const zengin_transfer *items, size_t n,
                       long expected_count, long long expected_total, const zengin_options *o,
                       char **out, size_t *len, char *err, size_t errlen)
{
    const char *sep;
    *out = NULL;
    *len = 0;
    if (separator_of(o, &sep, err, errlen) != 0 ||
        check_totals(items, n, expected_count, expected_total, err, errlen) != 0)
        return -1;
    bool eof = o && o->eof_byte;
    size_t size = (n + 3) * (REC + strlen(sep)) + (eof ? 1 : 0);
    char *buf = malloc(size);
    size_t pos = 0;
    if (!buf) {
        snprintf(err, errlen, "ZENGIN_NO_MEMORY: cannot allocate %zu bytes", size);
        return -1;
    }
    if (render_records(h, items, n, sep, buf, &pos, err, errlen) != 0) {
        free(buf);
        return -1;
    }
    if (eof)
        buf[pos++] = 0x1A;
    *out = buf;
    *len = pos;
    return 0;
}
