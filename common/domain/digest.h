/* digest.h - SHA-256 (OpenSSL libcrypto, EVP) and base64 for the intake: the
 * content hash of a submission, the hash and copy of a dead-lettered message's
 * original bytes. */
#ifndef SUBSIDY_DIGEST_H
#define SUBSIDY_DIGEST_H

#include <jansson.h>
#include <stddef.h>

/* Writes the SHA-256 of len bytes at data (data may be NULL when len is 0) as
 * 64 lower-case hex digits and a NUL into out. Cannot fail on valid input; if
 * libcrypto itself fails, out is the empty string. */
void digest_sha256_hex(const void *data, size_t len, char out[65]);

/* SHA-256 of the canonical text of j: json_dumps(j, JSON_COMPACT |
 * JSON_SORT_KEYS | JSON_ENCODE_ANY), i.e. no whitespace, object keys sorted by
 * their bytes, non-ASCII characters as raw UTF-8, "/" unescaped, reals printed
 * as jansson prints them (%.17g). The text, and so the digest, do not depend
 * on the order keys were inserted or arrived in. Writes 64 lower-case hex
 * digits and a NUL into out. Returns 0, or -1 on out of memory or when j is
 * NULL (out is then the empty string). */
int digest_json_hex(const json_t *j, char out[65]);

/* Returns len bytes at data in standard base64 (RFC 4648 section 4, "+/",
 * "=" padding, no line breaks), NUL-terminated, in a new buffer the caller
 * frees with free(). NULL on out of memory. */
char *digest_base64_new(const void *data, size_t len);

#endif
