/* log.c - one JSON object per line on stderr; see log.h.
 * A line is built fully in memory and written with a single fputs under the
 * stdio lock, so lines from several threads never interleave. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

static char log_service[64] = "subsidy";
static log_level log_min = LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_init(const char *service, log_level min_level)
{
    snprintf(log_service, sizeof log_service, "%s", service ? service : "subsidy");
    log_min = min_level;
}

log_level log_level_parse(const char *name)
{
    for (int i = 0; name && i < 4; i++)
        if (strcasecmp(name, level_names[i]) == 0)
            return (log_level)i;
    return LOG_INFO;
}

static void log_timestamp(char *buf, size_t len)
{
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    size_t n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, len - n, ".%03ldZ", (long)(tv.tv_usec / 1000));
}

void log_event(log_level level, const char *event, json_t *fields, const char *fmt, ...)
{
    if (level < log_min) {
        json_decref(fields);
        return;
    }
    char ts[40], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_timestamp(ts, sizeof ts);

    json_t *line = json_object();
    json_object_set_new(line, "ts", json_string(ts));
    json_object_set_new(line, "level", json_string(level_names[level]));
    json_object_set_new(line, "service", json_string(log_service));
    json_object_set_new(line, "event", json_string(event ? event : "log"));
    json_object_set_new(line, "msg", json_string(msg));
    if (json_is_object(fields))
        json_object_update_missing(line, fields);
    json_decref(fields);

    char *text = json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(line);
    if (text) {
        flockfile(stderr);
        fputs(text, stderr);
        fputc('\n', stderr);
        fflush(stderr);
        funlockfile(stderr);
        free(text);
    }
}

char *log_mask(const char *s, size_t keep, char *out, size_t outlen)
{
    if (!out || outlen == 0)
        return out;
    size_t n = s ? strlen(s) : 0;
    size_t i = 0;
    for (; i < n && i + 1 < outlen; i++)
        out[i] = (i + keep < n) ? '*' : s[i];
    out[i] = '\0';
    return out;
}
