/* intake.h - the intake handler: takes application.submitted messages from the
 * portal, normalises what people typed, validates the result against its
 * schema, records the application (or the amendment of one) with its
 * attachments, and emits application.received. Idempotent on submission_id:
 * the same id with the same content is a no-op, with other content a conflict
 * that is dead-lettered with both hashes, never an overwrite. */
#ifndef SUBSIDY_INTAKE_H
#define SUBSIDY_INTAKE_H

#include "loop.h"

typedef struct intake_state intake_state;

/* Loads the submitted-application schema from cfg->schema_dir. NULL + err. */
intake_state *intake_state_new(const config *cfg, char *err, size_t errlen);
void intake_state_free(intake_state *s);

/* The loop_handler.handle of intake; ctx->state is an intake_state. */
handle_status intake_handle(loop_ctx *ctx, const loop_message *m);

#endif
