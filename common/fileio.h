/* fileio.h - reading a whole file, for the operator's commands and tools. */
#ifndef SUBSIDY_FILEIO_H
#define SUBSIDY_FILEIO_H

#include <stddef.h>

/* Reads the whole file at path. Returns a new buffer (caller frees) holding
 * *len bytes and a terminating NUL beyond them, or NULL when the file cannot
 * be opened or read or memory runs out (errno says which). */
char *file_read_all(const char *path, size_t *len);

#endif
