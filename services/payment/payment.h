/* payment.h - the payment handler. An approved application becomes one
 * payment (the database refuses a second one per program and office) with a
 * transfer attempt in the open batch of its transfer date, and a
 * payment.instructed event for finance whose idempotency key stays the same on
 * every re-send. Finance's payment.settled answers complete the application
 * (paid) or move it to payment_failed; an application approved again after
 * its account was corrected gets a new attempt of the same payment. */
#ifndef SUBSIDY_PAYMENT_H
#define SUBSIDY_PAYMENT_H

#include "loop.h"

handle_status payment_handle(loop_ctx *ctx, const loop_message *m);

#endif
