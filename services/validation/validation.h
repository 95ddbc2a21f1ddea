/* validation.h - the validation handler: decides each received application
 * against every rule of its program (domain/rules.h) with the reference facts
 * gathered from the database, records the decision with its reasons, moves the
 * application's state and emits application.decided. Scheduled work: open
 * correction requests past their deadline become rejections, and applications
 * on hold (missing reference answers, budget) are decided again in arrival
 * order. The rules are pure; this file only loads, calls and records. */
#ifndef SUBSIDY_VALIDATION_H
#define SUBSIDY_VALIDATION_H

#include "loop.h"

typedef struct validation_state validation_state;

validation_state *validation_state_new(const config *cfg);
void validation_state_free(validation_state *s);

handle_status validation_handle(loop_ctx *ctx, const loop_message *m);
handle_status validation_tick(loop_ctx *ctx);

#endif
