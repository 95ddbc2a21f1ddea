/* notice.c - renders the applicant notices; see notice.h. The letter is
 * built in a growing buffer: a check pass refuses missing or bad fields
 * first, so the render pass only lays text out. Layout: document number and
 * date right-aligned, addressee, sender right-aligned, centred title, body,
 * 記 with numbered items, 以上, then the contact block. */
#include "domain/notice.h"
#include "domain/strbuf.h"

#include "domain/wareki.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTICE_WIDTH 64 /* display columns; a full-width character counts 2 */
#define MASK_MIN_DIGITS 7

typedef struct {
    const char *name;  /* stable name, notice_kind_name */
    const char *title; /* the letter's title */
} notice_kind_info;

static const notice_kind_info KINDS[] = {
    [NOTICE_RECEIVED] = {"received", "受付のお知らせ"},
    [NOTICE_APPROVED] = {"approved", "交付決定及び額の確定通知書"},
    [NOTICE_REJECTED] = {"rejected", "不交付決定通知書"},
    [NOTICE_CORRECTION_REQUESTED] = {"correction_requested", "補正のお願い"},
    [NOTICE_ON_HOLD] = {"on_hold", "審査保留のお知らせ"},
    [NOTICE_PAID] = {"paid", "補助金支払完了のお知らせ"},
    [NOTICE_PAYMENT_FAILED] = {"payment_failed", "口座振込不能のお知らせ"},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

static const notice_kind_info *kind_info(notice_kind k)
{
    return (unsigned)k < N_KINDS ? &KINDS[k] : NULL;
}

const char *notice_kind_name(notice_kind k)
{
    const notice_kind_info *ki = kind_info(k);
    return ki ? ki->name : NULL;
}

bool notice_kind_parse(const char *s, notice_kind *out)
{
    if (!s)
        return false;
    for (size_t i = 0; i < N_KINDS; i++) {
        if (strcmp(s, KINDS[i].name) == 0) {
            *out = (notice_kind)i;
            return true;
        }
    }
    return false;
}

/* Hands the text to the caller, or returns NULL with err after an
 * allocation failure. */
static char *tb_finish(strbuf *b, char *err, size_t errlen)
{
    char *text = strbuf_take(b);
    if (!text)
        snprintf(err, errlen, "out of memory");
    return text;
}

/* ---- layout ---- */

/* Display columns of UTF-8 text: ASCII, Latin and half-width katakana take
 * one column, everything else (kanji, kana, full-width forms) two. */
static size_t display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;
    while (*p) {
        bool narrow =
            *p < 0xE0 || (p[0] == 0xEF && ((p[1] == 0xBD && p[2] >= 0xA1) || p[1] == 0xBE));
        w += narrow ? 1 : 2;
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
    }
    return w;
}

static void tb_spaces(strbuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strbuf_putn(b, " ", 1);
}

typedef enum { ALIGN_RIGHT, ALIGN_CENTER } line_align;

/* One line made of a then c (c may be ""), ending at column NOTICE_WIDTH or
 * centred in it; flush left when wider. Two parts so that no caller needs a
 * fixed buffer to join them. */
static void tb_line(strbuf *b, line_align align, const char *a, const char *c)
{
    size_t w = display_width(a) + display_width(c);
    size_t room = w < NOTICE_WIDTH ? NOTICE_WIDTH - w : 0;
    tb_spaces(b, align == ALIGN_RIGHT ? room : room / 2);
    strbuf_put(b, a);
    strbuf_put(b, c);
    strbuf_put(b, "\n");
}

/* n in full-width digits (１２), as Japanese numbered lists write it. */
static void tb_fw_number(strbuf *b, size_t n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%zu", n);
    for (const char *d = digits; *d; d++) {
        char fw[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + (*d - '0')), '\0'};
        strbuf_put(b, fw);
    }
}

/* Length in bytes of the digit at s (1 ASCII, 3 full-width), 0 if none. */
static size_t digit_len(const unsigned char *s)
{
    if (*s >= '0' && *s <= '9')
        return 1;
    if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
        return 3;
    return 0;
}

/* Copies s, writing each digit of a run of MASK_MIN_DIGITS or more digits as
 * "*" (ASCII) or "＊" (full-width): an account number must not be printed. */
static void tb_put_masked(strbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t run = 0, bytes = 0, n;
        while ((n = digit_len(p + bytes)) > 0) {
            run++;
            bytes += n;
        }
        if (run == 0) {
            strbuf_putn(b, (const char *)p, 1);
            p++;
            continue;
        }
        for (size_t i = 0; i < bytes; i += n) {
            n = digit_len(p + i);
            if (run < MASK_MIN_DIGITS)
                strbuf_putn(b, (const char *)p + i, n);
            else
                strbuf_put(b, n == 1 ? "*" : "＊");
        }
        p += bytes;
    }
}

/* ---- checks ---- */

/* The dates a letter prints, already in 令和. */
typedef struct {
    char issue[32], deadline[32], transfer[32], fiscal_year[32];
} notice_dates;

static bool absent(const char *s)
{
    return !s || !*s;
}

static bool need(const char *v, const char *field, const notice_input *in, char *err, size_t errlen)
{
    if (!absent(v))
        return true;
    snprintf(err, errlen, "%s notice needs %s", notice_kind_name(in->kind), field);
    return false;
}

static bool need_date(const char *v, const char *field, const notice_input *in, char *out,
                      size_t outlen, char *err, size_t errlen)
{
    if (!need(v, field, in, err, errlen))
        return false;
    if (wareki_format_date(v, out, outlen))
        return true;
    snprintf(err, errlen, "%s \"%s\" is not a YYYY-MM-DD date from 1989-01-08 on", field, v);
    return false;
}

static bool need_amount(const notice_input *in, char *err, size_t errlen)
{
    if (in->amount_yen > 0)
        return true;
    snprintf(err, errlen, "%s notice needs amount_yen (got %lld)", notice_kind_name(in->kind),
             in->amount_yen);
    return false;
}

static bool need_reasons(const notice_input *in, char *err, size_t errlen)
{
    if (in->n_reasons == 0 || !in->reasons) {
        snprintf(err, errlen, "%s notice needs reasons", notice_kind_name(in->kind));
        return false;
    }
    for (size_t i = 0; i < in->n_reasons; i++) {
        if (absent(in->reasons[i].message_ja)) {
            snprintf(err, errlen, "%s notice needs reasons[%zu].message_ja",
                     notice_kind_name(in->kind), i);
            return false;
        }
    }
    return true;
}

/* Fields every kind needs. */
static bool check_common(const notice_input *in, notice_dates *d, char *err, size_t errlen)
{
    if (!need(in->receipt_no, "receipt_no", in, err, errlen) ||
        !need_date(in->issue_date, "issue_date", in, d->issue, sizeof d->issue, err, errlen) ||
        !need(in->applicant_name, "applicant_name", in, err, errlen) ||
        !need(in->office_number, "office_number", in, err, errlen) ||
        !need(in->program_name, "program_name", in, err, errlen) ||
        !need(in->municipality_name, "municipality_name", in, err, errlen) ||
        !need(in->contact_department, "contact_department", in, err, errlen))
        return false;
    if (!wareki_format_fiscal_year(in->fiscal_year, d->fiscal_year, sizeof d->fiscal_year)) {
        snprintf(err, errlen, "fiscal_year %d is not a fiscal year from 1989 on", in->fiscal_year);
        return false;
    }
    return true;
}

/* Fields only this kind needs. */
static bool check_kind(const notice_input *in, notice_dates *d, char *err, size_t errlen)
{
    switch (in->kind) {
    case NOTICE_APPROVED:
        return need_amount(in, err, errlen);
    case NOTICE_REJECTED:
    case NOTICE_ON_HOLD:
        return need_reasons(in, err, errlen);
    case NOTICE_CORRECTION_REQUESTED:
        return need_date(in->correction_deadline, "correction_deadline", in, d->deadline,
                         sizeof d->deadline, err, errlen) &&
               need_reasons(in, err, errlen);
    case NOTICE_PAID:
        return need_amount(in, err, errlen) &&
               need_date(in->transfer_date, "transfer_date", in, d->transfer, sizeof d->transfer,
                         err, errlen);
    case NOTICE_PAYMENT_FAILED:
        return need(in->failure_reason, "failure_reason", in, err, errlen);
    case NOTICE_RECEIVED:
        return true;
    }
    return false;
}

/* ---- letter parts ---- */

/* Receipt number and date at the top right, then a blank line. */
static void render_head(strbuf *b, const notice_input *in, const notice_dates *d)
{
    tb_line(b, ALIGN_RIGHT, "受付番号 ", in->receipt_no);
    tb_line(b, ALIGN_RIGHT, d->issue, "");
    strbuf_put(b, "\n");
}

/* The corporation, then "title name 様"; without a representative's name the
 * corporation itself takes 様 (and a lone title is dropped). */
static void render_addressee(strbuf *b, const notice_input *in)
{
    strbuf_put(b, in->applicant_name);
    if (absent(in->representative_name)) {
        strbuf_put(b, " 様\n\n");
        return;
    }
    strbuf_put(b, "\n");
    if (!absent(in->representative_title))
        strbuf_printf(b, "%s ", in->representative_title);
    strbuf_printf(b, "%s 様\n\n", in->representative_name);
}

/* The sender, the head of the municipality: "松戸市長". */
static void render_sender(strbuf *b, const notice_input *in)
{
    tb_line(b, ALIGN_RIGHT, in->municipality_name, "長");
    strbuf_put(b, "\n");
}

/* "令和6年度<program>" and the kind's title, centred. */
static void render_title(strbuf *b, const notice_input *in, const notice_dates *d)
{
    tb_line(b, ALIGN_CENTER, d->fiscal_year, in->program_name);
    tb_line(b, ALIGN_CENTER, kind_info(in->kind)->title, "");
    strbuf_put(b, "\n");
}

/* "３　label　value" as one item of the 記 list; n counts the items. */
static void item(strbuf *b, size_t *n, const char *label, const char *value)
{
    tb_fw_number(b, ++*n);
    strbuf_printf(b, "　%s　%s\n", label, value);
}

static void item_reasons(strbuf *b, size_t *n, const char *label, const notice_input *in)
{
    tb_fw_number(b, ++*n);
    strbuf_printf(b, "　%s\n", label);
    for (size_t i = 0; i < in->n_reasons; i++) {
        strbuf_put(b, "　（");
        tb_fw_number(b, i + 1);
        strbuf_printf(b, "）%s\n", in->reasons[i].message_ja);
    }
}

/* 記, then the office, returning the item count so far. */
static size_t render_items_start(strbuf *b, const notice_input *in)
{
    size_t n = 0;
    strbuf_put(b, "\n");
    tb_line(b, ALIGN_CENTER, "記", "");
    strbuf_put(b, "\n");
    item(b, &n, "事業所番号", in->office_number);
    if (!absent(in->office_name))
        item(b, &n, "事業所名", in->office_name);
    return n;
}

/* One function per kind: the body paragraphs, then its items after 記. */

static void body_received(strbuf *b, const notice_input *in, const notice_dates *d)
{
    strbuf_printf(b, "　%s%sの交付申請を受け付けましたので、お知らせします。\n", d->fiscal_year,
                  in->program_name);
    strbuf_put(b, "　審査の結果は、あらためて通知します。\n");
    render_items_start(b, in);
}

static void body_approved(strbuf *b, const notice_input *in, const notice_dates *d)
{
    char yen[64];
    yen_format(in->amount_yen, yen, sizeof yen);
    strbuf_printf(b,
                  "　%s%sについて、次のとおり交付を決定し、あわせて補助金の額を確定したので"
                  "通知します。\n",
                  d->fiscal_year, in->program_name);
    strbuf_put(b, "　補助金は、申請書に記載された口座へ振り込みます。\n");
    size_t n = render_items_start(b, in);
    item(b, &n, "交付決定額（確定額）", yen);
}

static void body_rejected(strbuf *b, const notice_input *in, const notice_dates *d)
{
    strbuf_printf(b,
                  "　%s%sの交付申請について審査した結果、次の理由により補助金を交付しない"
                  "ことと決定したので通知します。\n",
                  d->fiscal_year, in->program_name);
    size_t n = render_items_start(b, in);
    item_reasons(b, &n, "不交付の理由", in);
}

static void body_correction_requested(strbuf *b, const notice_input *in, const notice_dates *d)
{
    char deadline[64];
    snprintf(deadline, sizeof deadline, "%s（必着）", d->deadline);
    strbuf_printf(b, "　%s%sの交付申請について、次の事項の補正が必要です。\n", d->fiscal_year,
                  in->program_name);
    strbuf_printf(b, "　お手数ですが、補正のうえ、%sまでに提出してください。\n", deadline);
    strbuf_put(b, "　期限までに補正されない場合は、補助金を交付できないことがあります。\n");
    size_t n = render_items_start(b, in);
    item(b, &n, "補正期限", deadline);
    item_reasons(b, &n, "補正を要する事項", in);
}

static void body_on_hold(strbuf *b, const notice_input *in, const notice_dates *d)
{
    strbuf_printf(b,
                  "　%s%sの交付申請について、次の理由により審査を保留していますので、"
                  "お知らせします。\n",
                  d->fiscal_year, in->program_name);
    strbuf_put(b, "　審査の結果は、確認ができ次第、あらためて通知します。\n");
    size_t n = render_items_start(b, in);
    item_reasons(b, &n, "保留の理由", in);
}

static void body_paid(strbuf *b, const notice_input *in, const notice_dates *d)
{
    char yen[64];
    yen_format(in->amount_yen, yen, sizeof yen);
    strbuf_printf(b, "　%s%sについて、次のとおり補助金の振込を完了しましたので、お知らせします。\n",
                  d->fiscal_year, in->program_name);
    size_t n = render_items_start(b, in);
    item(b, &n, "振込金額", yen);
    item(b, &n, "振込日", d->transfer);
}

static void body_payment_failed(strbuf *b, const notice_input *in, const notice_dates *d)
{
    strbuf_printf(b,
                  "　%s%sについて、届け出られた口座へ振込を行いましたが、次の理由により"
                  "振り込むことができませんでした。\n",
                  d->fiscal_year, in->program_name);
    strbuf_put(b, "　お手数ですが、正しい振込先口座を問い合わせ先までお知らせください。\n");
    size_t n = render_items_start(b, in);
    tb_fw_number(b, ++n);
    strbuf_put(b, "　振込不能の理由（金融機関からの連絡）　");
    tb_put_masked(b, in->failure_reason);
    strbuf_put(b, "\n");
}

typedef void (*body_fn)(strbuf *, const notice_input *, const notice_dates *);

static const body_fn BODIES[] = {
    [NOTICE_RECEIVED] = body_received,
    [NOTICE_APPROVED] = body_approved,
    [NOTICE_REJECTED] = body_rejected,
    [NOTICE_CORRECTION_REQUESTED] = body_correction_requested,
    [NOTICE_ON_HOLD] = body_on_hold,
    [NOTICE_PAID] = body_paid,
    [NOTICE_PAYMENT_FAILED] = body_payment_failed,
};

/* The kind's body and items, closed by 以上. The kind is known valid. */
static void render_body(strbuf *b, const notice_input *in, const notice_dates *d)
{
    BODIES[in->kind](b, in, d);
    strbuf_put(b, "\n");
    tb_line(b, ALIGN_RIGHT, "以上", "");
}

static void render_contact(strbuf *b, const notice_input *in)
{
    strbuf_put(b, "\n問い合わせ先\n");
    strbuf_printf(b, "　%s\n", in->contact_department);
    if (!absent(in->contact_address))
        strbuf_printf(b, "　%s\n", in->contact_address);
    if (!absent(in->contact_phone))
        strbuf_printf(b, "　電話 %s\n", in->contact_phone);
    if (!absent(in->contact_fax))
        strbuf_printf(b, "　FAX %s\n", in->contact_fax);
}

/* False, with err set, for no input or a kind outside the enum. */
static bool check_known_kind(const notice_input *in, char *err, size_t errlen)
{
    if (!in) {
        snprintf(err, errlen, "no notice input");
        return false;
    }
    if (!kind_info(in->kind)) {
        snprintf(err, errlen, "unknown notice kind %d", (int)in->kind);
        return false;
    }
    return true;
}

static bool check_input(const notice_input *in, notice_dates *d, char *err, size_t errlen)
{
    return check_known_kind(in, err, errlen) && check_common(in, d, err, errlen) &&
           check_kind(in, d, err, errlen);
}

char *notice_render(const notice_input *in, char *err, size_t errlen)
{
    notice_dates d;
    memset(&d, 0, sizeof d);
    if (!check_input(in, &d, err, errlen))
        return NULL;
    strbuf b = {0};
    render_head(&b, in, &d);
    render_addressee(&b, in);
    render_sender(&b, in);
    render_title(&b, in, &d);
    render_body(&b, in, &d);
    render_contact(&b, in);
    return tb_finish(&b, err, errlen);
}

char *notice_render_subject(const notice_input *in, char *err, size_t errlen)
{
    if (!check_known_kind(in, err, errlen) ||
        !need(in->program_name, "program_name", in, err, errlen))
        return NULL;
    strbuf b = {0};
    strbuf_printf(&b, "%s %s", in->program_name, kind_info(in->kind)->title);
    return tb_finish(&b, err, errlen);
}
