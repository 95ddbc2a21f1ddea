/* rules_internal.h - what the rule files (rules_office.c, rules_claim.c)
 * share with rules.c; not part of the module's interface. */
#ifndef SUBSIDY_RULES_INTERNAL_H
#define SUBSIDY_RULES_INTERNAL_H

#include "domain/jdate.h"
#include "domain/rules.h"

#include <stdint.h>

/* Everything a rule looks at, prepared once per decision. */
typedef struct {
    const program *p;
    const json_t *app;
    const rules_facts *f;
    jdate app_date;      /* JST date of the first arrival (decided_on when unreadable) */
    bool received_known; /* the first arrival parsed */
    int64_t received_at; /* its epoch seconds when received_known */
    bool latest_known;   /* the application's own received_at parsed (a resubmission's) */
    int64_t latest_at;   /* its epoch seconds when latest_known */
    jdate decided_on;    /* business date (the arrival deadline when unreadable) */
} rules_ctx;

typedef void (*rules_fn)(const rules_ctx *c, rules_decision *d);

typedef struct {
    const char *name;
    rules_fn fn;
} rules_entry;

/* Appends a copy of *r to d's reasons (dropped when the list is full). */
void rules_add(rules_decision *d, const rules_reason *r);

/* Returns the member at a dotted path ("office.service_type_code") or NULL. */
const json_t *rules_get(const json_t *app, const char *path);

/* Returns the string at path, or NULL when absent or not a string. */
const char *rules_str(const json_t *app, const char *path);

/* Returns true and sets *out when the string at path is a real date. */
bool rules_date(const json_t *app, const char *path, jdate *out);

/* Returns true and sets *out when a facts date string is a real date. */
bool rules_fact_date(const char *s, jdate *out);

/* The rule tables of each file, ending with a {NULL, NULL} entry. */
extern const rules_entry rules_office_table[];
extern const rules_entry rules_claim_table[];

#endif
