/* attachments.c - see attachments.h. Each check is one function that appends
 * at most one problem; attachments_check runs them entry by entry. */
#include "domain/attachments.h"

#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int att_problem(json_t *out, json_int_t index, const json_t *entry, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Appends one problem. Returns 0, or -1 on out of memory. */
static int att_problem(json_t *out, json_int_t index, const json_t *entry, const char *code,
                       const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    json_t *kind = json_object_get(entry, "kind");
    json_t *name = json_object_get(entry, "file_name");
    json_t *p = json_pack(
        "{s:I,s:O,s:O,s:s,s:s}", "index", index, "kind", json_is_string(kind) ? kind : json_null(),
        "file_name", json_is_string(name) ? name : json_null(), "problem", code, "detail", detail);
    if (!p)
        return -1;
    return json_array_append_new(out, p);
}

/* Writes the lower-case form of a well-formed sha256 into hex and returns 1;
 * returns 0 when v is not a string of exactly 64 hex digits. */
static int att_sha256_of(const json_t *v, char hex[65])
{
    const char *s = json_string_value(v);
    if (!s || json_string_length(v) != 64)
        return 0;
    for (int i = 0; i < 64; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
        hex[i] = c;
    }
    hex[64] = '\0';
    return 1;
}

/* Returns NULL when the file name is safe, else a static reason. */
static const char *att_file_name_fault(const json_t *v)
{
    const char *s = json_string_value(v);
    if (!s)
        return "file_name is missing or not a string";
    size_t len = json_string_length(v);
    if (len == 0)
        return "file_name is empty";
    if (len > ATTACHMENTS_MAX_FILE_NAME)
        return "file_name is longer than 255 bytes";
    if (memchr(s, '/', len) || memchr(s, '\\', len))
        return "file_name contains a path separator";
    if (strstr(s, ".."))
        return "file_name contains \"..\"";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == 0)
            return "file_name contains a control character";
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9F)
            return "file_name contains a C1 control character";
    }
    return NULL;
}

/* The declared size: 1 with *size set when it is a non-negative integer. */
static int att_size_of(const json_t *v, json_int_t *size)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return 0;
    *size = json_integer_value(v);
    return 1;
}

/* Hashes the open file fd into hex. Returns 0, or -1 on a read error. */
static int att_hash_fd(int fd, char hex[65])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    int rc = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 ? 0 : -1;
    ssize_t got;
    while (rc == 0 && (got = read(fd, buf, sizeof buf)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || EVP_DigestUpdate(ctx, buf, (size_t)got) != 1)
            rc = -1;
    }
    if (rc == 0 && EVP_DigestFinal_ex(ctx, md, &n) != 1)
        rc = -1;
    EVP_MD_CTX_free(ctx);
    if (rc == 0) {
        static const char digits[] = "0123456789abcdef";
        for (unsigned int i = 0; i < n && i < 32; i++) {
            hex[2 * i] = digits[md[i] >> 4];
            hex[2 * i + 1] = digits[md[i] & 0xF];
        }
        hex[64] = '\0';
    }
    return rc;
}

/* Compares the stored file dir/<sha> with the declaration. Returns 0, or -1
 * on out of memory. */
static int att_check_file(json_t *out, json_int_t index, const json_t *entry, const char *dir,
                          const char *sha, int has_size, json_int_t size)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, sha) >= (int)sizeof path)
        return att_problem(out, index, entry, ATTACHMENTS_FILE_MISSING,
                           "attachment directory path is too long");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = fd < 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
        return att_problem(out, index, entry, ATTACHMENTS_FILE_MISSING,
                           "no readable file %s in the attachment store%s%s", sha, e ? ": " : "",
                           e ? strerror(e) : "");
    }
    int rc = 0;
    if (has_size && (json_int_t)st.st_size != size)
        rc = att_problem(out, index, entry, ATTACHMENTS_SIZE_MISMATCH,
                         "declared %lld bytes; the stored file has %lld", (long long)size,
                         (long long)st.st_size);
    char got[65];
    if (rc == 0 && att_hash_fd(fd, got) != 0)
        rc = att_problem(out, index, entry, ATTACHMENTS_FILE_MISSING,
                         "the stored file %s cannot be read", sha);
    else if (rc == 0 && strcmp(got, sha) != 0)
        rc = att_problem(out, index, entry, ATTACHMENTS_SHA256_MISMATCH,
                         "the stored file hashes to %s, not the declared %s", got, sha);
    close(fd);
    return rc;
}

/* Returns the index of an earlier entry with the same sha256 (seen maps each
 * sha256 met so far to its first index), or -1 after remembering this one.
 * Returns -2 on out of memory. */
static long att_earlier_same(json_t *seen, size_t index, const char *sha)
{
    json_t *first = json_object_get(seen, sha);
    if (first)
        return (long)json_integer_value(first);
    return json_object_set_new(seen, sha, json_integer((json_int_t)index)) ? -2 : -1;
}

/* Runs every check on entry i. Returns 0, or -1 on out of memory. */
static int att_check_entry(json_t *out, const json_t *attachments, size_t i, const char *dir,
                           json_t *seen)
{
    const json_t *e = json_array_get(attachments, i);
    json_int_t idx = (json_int_t)i, size = 0;
    if (!json_is_object(e))
        return att_problem(out, idx, NULL, ATTACHMENTS_NOT_AN_OBJECT,
                           "attachment %zu is not an object", i);
    char sha[65];
    int sha_ok = att_sha256_of(json_object_get(e, "sha256"), sha);
    int size_ok = att_size_of(json_object_get(e, "size_bytes"), &size);
    const char *name_fault = att_file_name_fault(json_object_get(e, "file_name"));
    long dup = sha_ok ? att_earlier_same(seen, i, sha) : -1;
    if (dup == -2)
        return -1;
    if (!sha_ok && att_problem(out, idx, e, ATTACHMENTS_SHA256_MALFORMED,
                               "sha256 must be a string of 64 hexadecimal digits"))
        return -1;
    if (name_fault && att_problem(out, idx, e, ATTACHMENTS_FILE_NAME_UNSAFE, "%s", name_fault))
        return -1;
    if (!size_ok && att_problem(out, idx, e, ATTACHMENTS_SIZE_INVALID,
                                "size_bytes must be a non-negative integer"))
        return -1;
    if (dup >= 0 &&
        att_problem(out, idx, e, ATTACHMENTS_DUPLICATE, "same sha256 as attachment %ld", dup))
        return -1;
    if (dir && sha_ok)
        return att_check_file(out, idx, e, dir, sha, size_ok, size);
    return 0;
}

json_t *attachments_check(const json_t *attachments, const char *dir)
{
    json_t *out = json_array();
    if (!out)
        return NULL;
    if (!json_is_array(attachments)) {
        if (att_problem(out, -1, NULL, ATTACHMENTS_NOT_AN_ARRAY, "attachments is not an array")) {
            json_decref(out);
            return NULL;
        }
        return out;
    }
    json_t *seen = json_object();
    int rc = seen ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < json_array_size(attachments); i++)
        rc = att_check_entry(out, attachments, i, dir, seen);
    json_decref(seen);
    if (rc != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
