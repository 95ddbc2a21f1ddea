/* fileio.h - reading and writing whole files, for the daemons, the
 * operator's commands and tools. */
#ifndef SUBSIDY_FILEIO_H
#define SUBSIDY_FILEIO_H

#include <stddef.h>

/* Reads the whole file at path. Returns a new buffer (caller frees) holding
 * *len bytes and a terminating NUL beyond them, or NULL when the file cannot
 * be opened or read or memory runs out (errno says which). */
char *file_read_all(const char *path, size_t *len);

/* Writes len bytes to path atomically: a temporary file beside it, then a
 * rename, so a reader sees the old file or the whole new one. Returns 0, or
 * -1 with errno set (the temporary file is removed). */
int file_write_atomic(const char *path, const void *data, size_t len);

#endif
