/* json_guard.h - the intake's guarded JSON decoder. Every Kafka message value
 * passes through here before anything else reads it: the bytes are checked for
 * size, strict UTF-8, raw NUL bytes and nesting depth BEFORE jansson sees them,
 * so hostile input can neither make jansson recurse deeply nor slip malformed
 * text past it. Failures come back as a stable reason code (the strings below,
 * matched by tests and dead letters) and a human message naming the byte
 * offset and what was found there. */
#ifndef SUBSIDY_JSON_GUARD_H
#define SUBSIDY_JSON_GUARD_H

#include <jansson.h>
#include <stddef.h>

/* Reason codes, in the order the checks run. Each is a static string. */
#define JSON_GUARD_PAYLOAD_TOO_LARGE "PAYLOAD_TOO_LARGE"
#define JSON_GUARD_INVALID_UTF8 "INVALID_UTF8"
#define JSON_GUARD_NUL_BYTE "NUL_BYTE"
#define JSON_GUARD_TOO_DEEP "TOO_DEEP"
#define JSON_GUARD_DUPLICATE_KEY "DUPLICATE_KEY"
#define JSON_GUARD_NUMBER_OVERFLOW "NUMBER_OVERFLOW"
#define JSON_GUARD_NOT_JSON "NOT_JSON"
#define JSON_GUARD_NOT_OBJECT "NOT_OBJECT"
#define JSON_GUARD_OUT_OF_MEMORY "OUT_OF_MEMORY"

typedef struct {
    size_t max_bytes; /* longest accepted payload in bytes */
    int max_depth;    /* deepest accepted nesting of [ and {; the top-level object is depth 1 */
} json_guard_limits;

/* Decodes len bytes (not NUL-terminated; may contain NULs) into a new JSON
 * object, which the caller owns (json_decref). On failure returns NULL, sets
 * *code to one of the static JSON_GUARD_* strings above and writes a message
 * into reason (reasonlen bytes, always NUL-terminated when reasonlen > 0).
 * Checks in this order: PAYLOAD_TOO_LARGE (len > max_bytes), INVALID_UTF8
 * (strict: overlongs, surrogates, > U+10FFFF, stray or truncated sequences),
 * NUL_BYTE (a raw 0x00), TOO_DEEP (linear pre-scan of [ and { outside
 * strings), then jansson with JSON_REJECT_DUPLICATES: DUPLICATE_KEY,
 * NUMBER_OVERFLOW, NOT_JSON (anything else, including truncated JSON and
 * "\u0000" escapes), NOT_OBJECT (valid JSON, not an object), OUT_OF_MEMORY.
 * bytes may be NULL only when len is 0. */
json_t *json_guard_decode(const char *bytes, size_t len, const json_guard_limits *lim,
                          const char **code, char *reason, size_t reasonlen);

/* Returns the byte offset of the first byte that is not strict UTF-8 in the
 * len bytes at s, or len when all of them are; *why (may be NULL) gets a
 * static description of the fault. */
size_t json_guard_utf8_invalid_at(const unsigned char *s, size_t len, const char **why);

#endif
