/* envelope.h - the JSON envelope every topic's message travels in
 * (schemas/README.md): event_id, type, schema_version, occurred_at,
 * correlation_id, producer, data. */
#ifndef SUBSIDY_ENVELOPE_H
#define SUBSIDY_ENVELOPE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define ENVELOPE_SCHEMA_VERSION 1

/* Writes a random (version 4) UUID in canonical lower-case form. Returns 0, or
 * -1 if the system's random source failed. */
int uuid_generate(char out[37]);
bool uuid_valid(const char *s);

/* Writes the current time as RFC 3339 in JST, e.g. 2025-02-14T23:59:59.123+09:00. */
void envelope_now_jst(char out[40]);

/* Builds a new envelope (caller decrefs) around data, which it takes
 * ownership of. correlation_id NULL = a new one. Returns NULL on failure. */
json_t *envelope_new(const char *type, const char *producer, const char *correlation_id,
                     json_t *data);

/* Checks the envelope's own fields (not the payload). Returns true when
 * event_id is a UUID, type a non-empty string, data an object; else false with
 * err naming the field. */
bool envelope_check(const json_t *env, char *err, size_t errlen);

/* Borrowed accessors: NULL when absent. */
const char *envelope_event_id(const json_t *env);
const char *envelope_type(const json_t *env);
const char *envelope_correlation_id(const json_t *env);
json_t *envelope_data(const json_t *env);

#endif
