/* admin.h - subcommands of subsidy-admin, the operator's command line. Each
 * returns a process exit code (0 success, 1 failure, 2 usage) and prints what
 * it did; argv[0] is the subcommand. */
#ifndef SUBSIDY_ADMIN_H
#define SUBSIDY_ADMIN_H

#include "config.h"
#include "db.h"

int admin_migrate(const config *cfg, PGconn *c, int argc, char **argv);
int admin_create_topics(const config *cfg, PGconn *c, int argc, char **argv);
int admin_lag(const config *cfg, PGconn *c, int argc, char **argv);
int admin_reset_offsets(const config *cfg, PGconn *c, int argc, char **argv);
int admin_load_program(const config *cfg, PGconn *c, int argc, char **argv);
int admin_import(const config *cfg, PGconn *c, int argc, char **argv);
int admin_report(const config *cfg, PGconn *c, int argc, char **argv);
int admin_wait(const config *cfg, PGconn *c, int argc, char **argv);
int admin_export_zengin(const config *cfg, PGconn *c, int argc, char **argv);
int admin_fill_receipts(const config *cfg, PGconn *c, int argc, char **argv);

#endif
