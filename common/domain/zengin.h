/* zengin.h - the 全銀協 総合振込 (Zengin bulk transfer) file: 120-byte records of
 * JIS X 0201 bytes, a header (1), one data record (2) per transfer, a trailer
 * (8) with the count and total, and an end record (9). Every field is
 * validated; nothing is silently cut, padded over or dropped. Kana fields hold
 * bank-kana BYTES (see bankkana.h), NUL-terminated.
 *
 * Errors are -1 with err "CODE: message"; the codes are stable strings:
 *   ZENGIN_FIELD_INVALID   a field is empty, too long, or has a byte not
 *                          allowed in it (the message names the field)
 *   ZENGIN_AMOUNT_RANGE    an amount outside 1..9,999,999,999 yen, or a total
 *                          that does not fit the trailer's 12 digits
 *   ZENGIN_TOTAL_MISMATCH  the file's count or total differs from the
 *                          database's figures
 *   ZENGIN_EMPTY           a file with no transfers
 *   ZENGIN_OPTION_INVALID  a record separator other than "\r\n", "\n", ""
 *   ZENGIN_NO_MEMORY       allocation failed */
#ifndef SUBSIDY_ZENGIN_H
#define SUBSIDY_ZENGIN_H

#include <stdbool.h>
#include <stddef.h>

#define ZENGIN_RECORD_LEN 120
#define ZENGIN_MAX_AMOUNT 9999999999LL

/* The consignor (the city) and its paying account. *_kana are bank-kana
 * bytes, NUL-terminated. account_type: 1 普通, 2 当座, 4 貯蓄, 9 その他. */
typedef struct {
    char consignor_code[11];      /* N10, 1-10 digits */
    char consignor_name_kana[41]; /* C40, required */
    int transfer_month, transfer_day;
    char bank_code[5];         /* N4, 1-4 digits */
    char bank_name_kana[16];   /* C15, may be empty */
    char branch_code[4];       /* N3, 1-3 digits */
    char branch_name_kana[16]; /* C15, may be empty */
    int account_type;
    char account_number[8]; /* N7, 1-7 digits */
} zengin_header;

/* One transfer. new_code: 0, 1 (first), 2 (changed). customer_code1/2: N10
 * each, digits (empty means zeros); with edi they are the two halves of the
 * 20-byte EDI field instead, C10 each, bank-kana bytes. transfer_kind: ' ',
 * '0', '7' (電信) or '8' (文書). */
typedef struct {
    char bank_code[5];
    char bank_name_kana[16];
    char branch_code[4];
    char branch_name_kana[16];
    int account_type;
    char account_number[8];
    char payee_kana[31]; /* C30, required */
    long long amount_yen;
    int new_code;
    char customer_code1[11];
    char customer_code2[11];
    char transfer_kind;
    bool edi;
} zengin_transfer;

/* record_separator: "\r\n" (the default, also when o or the field is NULL),
 * "\n" or "" (written after every record, the end record included); eof_byte
 * appends 0x1A after the last separator. */
typedef struct {
    const char *record_separator;
    bool eof_byte;
} zengin_options;

/* Each renderer writes exactly 120 bytes into out (no NUL) and returns 0, or
 * returns -1 with err "CODE: message" and out's contents unspecified. */
int zengin_render_header(const zengin_header *h, char out[120], char *err, size_t errlen);
int zengin_render_data(const zengin_transfer *t, char out[120], char *err, size_t errlen);

/* count 0..999,999; total_yen 0..999,999,999,999. */
int zengin_render_trailer(long count, long long total_yen, char out[120], char *err, size_t errlen);

/* Writes the end record ("9" and 119 spaces); cannot fail. */
void zengin_render_end(char out[120]);

/* Whole file: header, n data records, trailer, end. The trailer's count and
 * total are computed from items and must equal expected_count and
 * expected_total (the database's figures), else ZENGIN_TOTAL_MISMATCH. n must
 * be >= 1 (ZENGIN_EMPTY otherwise). o may be NULL for the defaults. Returns 0
 * with *out malloc'd (the caller frees it) and *len its length in bytes; on
 * failure returns -1 with err, *out NULL and *len 0: nothing is written. */
int zengin_render_file(const zengin_header *h, const zengin_transfer *items, size_t n,
                       long expected_count, long long expected_total, const zengin_options *o,
                       char **out, size_t *len, char *err, size_t errlen);

#endif
