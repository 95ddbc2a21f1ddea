/* envelope.c - building and checking message envelopes; see envelope.h. */
#include "envelope.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>

int uuid_generate(char out[37])
{
    unsigned char b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return 0;
}

bool uuid_valid(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

void envelope_now_jst(char out[40])
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    time_t jst = tv.tv_sec + 9 * 3600;
    gmtime_r(&jst, &tm);
    size_t n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 40 - n, ".%03ld+09:00", (long)(tv.tv_usec / 1000));
}

json_t *envelope_new(const char *type, const char *producer, const char *correlation_id,
                     json_t *data)
{
    char id[37], corr[37], now[40];
    if (uuid_generate(id) != 0 || (!correlation_id && uuid_generate(corr) != 0)) {
        json_decref(data);
        return NULL;
    }
    envelope_now_jst(now);
    return json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:o}", "event_id", id, "type", type,
                     "schema_version", ENVELOPE_SCHEMA_VERSION, "occurred_at", now,
                     "correlation_id", correlation_id ? correlation_id : corr, "producer", producer,
                     "data", data);
}

static const char *env_str(const json_t *env, const char *key)
{
    return json_string_value(json_object_get(env, key));
}

const char *envelope_event_id(const json_t *env)
{
    return env_str(env, "event_id");
}

const char *envelope_type(const json_t *env)
{
    return env_str(env, "type");
}

const char *envelope_correlation_id(const json_t *env)
{
    return env_str(env, "correlation_id");
}

json_t *envelope_data(const json_t *env)
{
    json_t *d = json_object_get(env, "data");
    return json_is_object(d) ? d : NULL;
}

bool envelope_check(const json_t *env, char *err, size_t errlen)
{
    if (!json_is_object(env)) {
        snprintf(err, errlen, "envelope is not an object");
        return false;
    }
    if (!uuid_valid(envelope_event_id(env))) {
        snprintf(err, errlen, "/event_id: missing or not a UUID");
        return false;
    }
    const char *type = envelope_type(env);
    if (!type || !*type) {
        snprintf(err, errlen, "/type: missing");
        return false;
    }
    if (!envelope_data(env)) {
        snprintf(err, errlen, "/data: missing or not an object");
        return false;
    }
    return true;
}
