/* digest.c - see digest.h. One-shot EVP calls: no state kept between calls,
 * safe from any number of threads. */
#include "domain/digest.h"

#include <openssl/evp.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void digest_hex(const unsigned char *md, unsigned int n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < n; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 0xF];
    }
    out[2 * n] = '\0';
}

void digest_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    out[0] = '\0';
    if (!data)
        data = "";
    if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) == 1 && n == 32)
        digest_hex(md, n, out);
}

int digest_json_hex(const json_t *j, char out[65])
{
    out[0] = '\0';
    if (!j)
        return -1;
    char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!text)
        return -1;
    digest_sha256_hex(text, strlen(text), out);
    free(text);
    return out[0] ? 0 : -1;
}

char *digest_base64_new(const void *data, size_t len)
{
    /* EVP_EncodeBlock takes an int length: encode in chunks of whole 3-byte
     * groups, each of which yields exactly 4/3 as many characters. */
    enum { CHUNK = 3 * (1 << 20) };
    if (len / 3 >= (SIZE_MAX - 5) / 4)
        return NULL;
    size_t outlen = 4 * ((len + 2) / 3) + 1;
    char *out = malloc(outlen);
    if (!out)
        return NULL;
    const unsigned char *p = data;
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len; i += CHUNK) {
        size_t n = len - i < CHUNK ? len - i : CHUNK;
        o += (size_t)EVP_EncodeBlock((unsigned char *)out + o, p + i, (int)n);
    }
    out[o] = '\0';
    return out;
}
