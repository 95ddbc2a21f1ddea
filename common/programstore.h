/* programstore.h - the loaded program definitions, read from the program
 * table and kept parsed. A lookup always asks the database for the newest
 * version of the program (one indexed read) and re-parses only when a new
 * version was loaded, so a budget or deadline change takes effect at once. */
#ifndef SUBSIDY_PROGRAMSTORE_H
#define SUBSIDY_PROGRAMSTORE_H

#include "db.h"
#include "domain/program.h"

typedef struct programstore programstore;

programstore *programstore_new(void);
void programstore_free(programstore *ps);

/* Returns the newest version of program_id (borrowed: valid until the store
 * is freed or the next lookup of the same program). NULL with *st = DB_OK and
 * err set when no such program is loaded or it does not parse; NULL with
 * another *st on a database failure. */
const program *programstore_get(programstore *ps, PGconn *c, const char *program_id, db_status *st,
                                char *err, size_t errlen);

#endif
