/* notification.h - the notification handler: for every step an applicant must
 * hear about (received, decided, paid, payment failed) it renders the Japanese
 * notice (domain/notice.h), writes it as a UTF-8 text file under
 * cfg->notice_dir/<receipt_no>/, records it in the notice table (one per
 * source event, so a replay writes nothing twice) and emits notice.sent. */
#ifndef SUBSIDY_NOTIFICATION_H
#define SUBSIDY_NOTIFICATION_H

#include "loop.h"

typedef struct notification_state notification_state;

notification_state *notification_state_new(void);
void notification_state_free(notification_state *s);

handle_status notification_handle(loop_ctx *ctx, const loop_message *m);

#endif
