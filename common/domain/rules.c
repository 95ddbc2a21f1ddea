/* rules.c - runs every rule of the tables in rules_office.c and
 * rules_claim.c over one application, then derives the outcome, the
 * correction deadline, the budget hold and the amount; see rules.h. */
#include "rules.h"

#include "rules_internal.h"

#include <string.h>

static const rules_reason reason_budget_exhausted = {
    "BUDGET_EXHAUSTED",
    "本補助金の予算の上限に達しているため、審査を保留しています。予算に余裕が生じた場合は、受付順に"
    "改めて審査します。",
    "the program's budget is used up or earlier applications wait for it; held in arrival order",
    "",
    false,
    true};

void rules_add(rules_decision *d, const rules_reason *r)
{
    if (d->n_reasons < RULES_MAX_REASONS)
        d->reasons[d->n_reasons++] = *r;
}

const json_t *rules_get(const json_t *app, const char *path)
{
    const json_t *v = app;
    char key[64];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key || !json_is_object(v))
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        v = json_object_get(v, key);
        path += n + (path[n] == '.');
    }
    return v;
}

const char *rules_str(const json_t *app, const char *path)
{
    return json_string_value(rules_get(app, path));
}

bool rules_date(const json_t *app, const char *path, jdate *out)
{
    return jdate_parse(rules_str(app, path), out);
}

bool rules_fact_date(const char *s, jdate *out)
{
    return s && *s && jdate_parse(s, out);
}

static void rules_ctx_init(rules_ctx *c, const program *p, const json_t *app, const rules_facts *f)
{
    memset(c, 0, sizeof *c);
    c->p = p;
    c->app = app;
    c->f = f;
    if (!jdate_parse(f->decided_on, &c->decided_on))
        c->decided_on = program_arrival_deadline(p);
    c->latest_known = jst_parse_datetime(rules_str(app, "received_at"), &c->latest_at);
    c->received_known = f->first_received_at[0]
                            ? jst_parse_datetime(f->first_received_at, &c->received_at)
                            : c->latest_known && (c->received_at = c->latest_at, true);
    c->app_date = c->received_known ? jst_date_of(c->received_at) : c->decided_on;
}

static void rules_run_table(const rules_entry *t, const rules_ctx *c, rules_decision *d)
{
    for (; t->fn; t++)
        t->fn(c, d);
}

/* Budget: held when earlier applications wait for it or this one would
 * exceed it. Only for programs with a budget. */
static bool rules_budget_exhausted(const program *p, const rules_facts *f, long long amount)
{
    long long budget = program_budget_yen(p);
    return budget > 0 && (f->earlier_budget_holds > 0 || f->budget_committed_yen + amount > budget);
}

/* Drops the reasons that only wait for an answer: once the application is
 * rejected or must be corrected anyway, "the police have not answered yet"
 * is not a reason the applicant can act on. */
static void rules_drop_pending(rules_decision *d)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->n_reasons; i++)
        if (!d->reasons[i].pending)
            d->reasons[kept++] = d->reasons[i];
    d->n_reasons = kept;
}

static void rules_settle(const rules_ctx *c, rules_decision *d)
{
    bool fatal = false, correctable = false, pending = false;
    for (size_t i = 0; i < d->n_reasons; i++) {
        const rules_reason *r = &d->reasons[i];
        fatal |= !r->correctable && !r->pending;
        correctable |= r->correctable;
        pending |= r->pending;
    }
    if (fatal || correctable)
        rules_drop_pending(d);
    if (fatal) {
        d->outcome = RULES_REJECTED;
    } else if (correctable) {
        d->outcome = RULES_CORRECTION_REQUESTED;
        jdate_format(program_correction_deadline(c->p, c->decided_on), d->correction_deadline);
    } else if (pending) {
        d->outcome = RULES_ON_HOLD;
    } else {
        json_int_t fee = json_integer_value(rules_get(c->app, "license.fee_yen"));
        long long amount = program_amount_for_fee(c->p, fee);
        if (rules_budget_exhausted(c->p, c->f, amount)) {
            rules_add(d, &reason_budget_exhausted);
            d->outcome = RULES_ON_HOLD;
        } else {
            d->outcome = RULES_APPROVED;
            d->amount_yen = amount;
        }
    }
}

void rules_decide(const program *p, const json_t *application, const rules_facts *f,
                  rules_decision *out)
{
    memset(out, 0, sizeof *out);
    rules_ctx c;
    rules_ctx_init(&c, p, application, f);
    rules_run_table(rules_office_table, &c, out);
    rules_run_table(rules_claim_table, &c, out);
    rules_settle(&c, out);
}

const char *rules_outcome_name(rules_outcome o)
{
    switch (o) {
    case RULES_APPROVED:
        return "approved";
    case RULES_REJECTED:
        return "rejected";
    case RULES_CORRECTION_REQUESTED:
        return "correction_requested";
    case RULES_ON_HOLD:
        return "on_hold";
    }
    return "unknown";
}
