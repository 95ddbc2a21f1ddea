/* fuzz_intake_decode.c - libFuzzer target for what the intake does to a raw
 * Kafka message value before any database work: json_guard_decode with the
 * default limits (1 MiB, depth 64), then normalize_application on "data" when
 * it is an object, the canonical digest, and attachments_check on the
 * normalised attachments (no store), and the JSON Schema validator over the
 * normalised envelope with schemas/application_submitted.schema.json, as
 * intake does. Everything made is freed, so leaks show. */
#include "domain/attachments.h"
#include "domain/digest.h"
#include "domain/json_guard.h"
#include "domain/jsonschema.h"
#include "domain/normalize.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jsonschema *submitted; /* loaded once; validation never changes it */

static void fuzz_application(const json_t *env, const json_t *app)
{
    json_t *changes = NULL;
    json_t *norm = normalize_application(app, &changes);
    char sha[65];
    digest_json_hex(app, sha);
    if (norm) {
        digest_json_hex(norm, sha);
        json_decref(attachments_check(json_object_get(norm, "attachments"), NULL));
        json_t *norm_env = json_copy((json_t *)env);
        if (norm_env && submitted) {
            char err[768];
            json_object_set(norm_env, "data", norm);
            if (jsonschema_validate(submitted, norm_env, err, sizeof err) == 0 && !err[0])
                abort(); /* a refusal must say why */
        }
        json_decref(norm_env);
    }
    json_decref(norm);
    json_decref(changes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!submitted) {
        char err[256];
        submitted = jsonschema_load_file(SOURCE_DIR "/schemas/application_submitted.schema.json",
                                         err, sizeof err);
        if (!submitted)
            abort(); /* the schema itself must load */
    }
    const json_guard_limits lim = {1048576, 64};
    const char *code = NULL;
    char reason[512];
    json_t *env = json_guard_decode((const char *)data, size, &lim, &code, reason, sizeof reason);
    if (!env) {
        if (!code || !reason[0])
            abort(); /* every refusal must carry a code and a reason */
        return 0;
    }
    json_t *app = json_object_get(env, "data");
    if (json_is_object(app))
        fuzz_application(env, app);
    char sha[65];
    digest_sha256_hex(data, size, sha);
    char *b64 = digest_base64_new(data, size);
    free(b64);
    json_decref(env);
    return 0;
}
