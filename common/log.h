/* log.h - structured logging: one JSON object per line on stderr.
 *
 * Every line carries ts (UTC, ISO 8601 with ms), level, service, event and msg,
 * plus optional fields given as a jansson object. Never pass a bank account
 * number or a person's full name: use log_mask() for identifiers that must
 * appear partially. */
#ifndef SUBSIDY_LOG_H
#define SUBSIDY_LOG_H

#include <jansson.h>
#include <stddef.h>

typedef enum { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

/* Sets the service name written on every line and the lowest level written.
 * Call once from main before any thread starts. */
void log_init(const char *service, log_level min_level);

/* Parses "debug", "info", "warn", "error"; returns LOG_INFO for anything else. */
log_level log_level_parse(const char *name);

/* Writes one line. fields may be NULL; the function takes ownership of fields
 * (it is decref'd), so callers can pass json_pack(...) inline. */
void log_event(log_level level, const char *event, json_t *fields, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Writes a masked copy of s into out: all but the last `keep` characters
 * (bytes) replaced by '*'. Returns out. */
char *log_mask(const char *s, size_t keep, char *out, size_t outlen);

#define log_info(event, fields, ...) log_event(LOG_INFO, event, fields, __VA_ARGS__)
#define log_warn(event, fields, ...) log_event(LOG_WARN, event, fields, __VA_ARGS__)
#define log_error(event, fields, ...) log_event(LOG_ERROR, event, fields, __VA_ARGS__)
#define log_debug(event, fields, ...) log_event(LOG_DEBUG, event, fields, __VA_ARGS__)

#endif
