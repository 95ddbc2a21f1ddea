/* facts.h - gathers the reference facts the rules need (office registry, tax
 * standing, organised-crime inquiry, the office's other applications, the
 * budget already committed) from the database into a rules_facts. */
#ifndef SUBSIDY_FACTS_H
#define SUBSIDY_FACTS_H

#include "db.h"
#include "domain/rules.h"

typedef struct {
    const char *receipt_no, *program_id, *office_number, *corporate_number, *first_received_at;
    const char *decided_on; /* business date */
} facts_query;

db_status facts_gather(PGconn *c, const facts_query *q, rules_facts *f, char *err, size_t errlen);

#endif
