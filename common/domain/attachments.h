/* attachments.h - checks of the attachments an application declares
 * ([{kind, file_name, size_bytes, sha256}]) and, when the portal's
 * content-addressed attachment store is reachable, of the files themselves.
 * A problem does not reject the application: the list is recorded and the
 * validation service decides (a missing licence invoice means a correction
 * request, not a dead letter). */
#ifndef SUBSIDY_ATTACHMENTS_H
#define SUBSIDY_ATTACHMENTS_H

#include <jansson.h>

/* Problem codes (static strings). */
#define ATTACHMENTS_NOT_AN_ARRAY "NOT_AN_ARRAY"         /* the list itself; index -1 */
#define ATTACHMENTS_NOT_AN_OBJECT "NOT_AN_OBJECT"       /* an entry is not an object */
#define ATTACHMENTS_SHA256_MALFORMED "SHA256_MALFORMED" /* not 64 hex digits */
#define ATTACHMENTS_FILE_NAME_UNSAFE "FILE_NAME_UNSAFE" /* empty, / \ .., control, > 255 bytes */
#define ATTACHMENTS_SIZE_INVALID "SIZE_INVALID"         /* negative or not an integer */
#define ATTACHMENTS_DUPLICATE "DUPLICATE"               /* same sha256 as an earlier entry */
#define ATTACHMENTS_FILE_MISSING "FILE_MISSING"         /* no readable file dir/<sha256> */
#define ATTACHMENTS_SIZE_MISMATCH "SIZE_MISMATCH"       /* the file's size differs */
#define ATTACHMENTS_SHA256_MISMATCH "SHA256_MISMATCH"   /* the file's content hash differs */

#define ATTACHMENTS_MAX_FILE_NAME 255

/* Checks the declared attachments. Returns a new array (caller owns; empty
 * when all is well; NULL only on out of memory) of problems {"index": i,
 * "kind": ..., "file_name": ... (each the entry's string or null), "problem":
 * one of the codes above, "detail": "..."}; one entry may have several. A
 * non-array input (including NULL) gives one NOT_AN_ARRAY problem with index
 * -1. When dir is not NULL, each entry with a well-formed sha256 is looked up
 * as the file dir/<sha256 in lower case>: FILE_MISSING, SIZE_MISMATCH (the
 * declared size_bytes differs from the file's) and SHA256_MISMATCH (the file
 * is hashed) are added. This reads files: it is the domain library's only I/O,
 * kept here because the store is content-addressed and read-only. */
json_t *attachments_check(const json_t *attachments, const char *dir);

#endif
