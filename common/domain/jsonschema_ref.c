/* jsonschema_ref.c - the "$ref" keyword at load time: a reference is
 * resolved within the document only ("#", "#/json/pointer" with ~0 ~1 and
 * %-decoding, "#name" plain-name fragments, or "<the resource's own $id>#...");
 * anything naming another document is refused. The target is compiled (once;
 * see js_compile) and linked from the referring node. */
#include "jsonschema_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Value of one hex digit, or -1. */
static int js_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* %-decodes src into a new string; NULL on a bad escape or out of memory. */
static char *js_percent_decode(const char *src)
{
    size_t len = strlen(src);
    char *out = malloc(len + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = src; *p; p++) {
        int hi, lo;
        if (*p == '%') {
            if ((hi = js_hex(p[1])) < 0 || (lo = js_hex(p[2])) < 0) {
                free(out);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Unescapes one pointer token (~1 -> /, ~0 -> ~) in place. */
static void js_unescape_token(char *t)
{
    char *o = t;
    for (char *p = t; *p; p++) {
        if (p[0] == '~' && (p[1] == '0' || p[1] == '1'))
            *o++ = *++p == '0' ? '~' : '/';
        else
            *o++ = *p;
    }
    *o = '\0';
}

static const json_t *js_pointer_step(const json_t *at, const char *token)
{
    if (json_is_object(at))
        return json_object_get(at, token);
    if (!json_is_array(at) || !*token || (token[0] == '0' && token[1]))
        return NULL;
    char *end;
    unsigned long i = strtoul(token, &end, 10);
    return *end || token[0] == '-' ? NULL : json_array_get(at, i);
}

bool js_starts_resource(const json_t *schema)
{
    const char *id = json_string_value(json_object_get(schema, "$id"));
    return id && id[0] != '#';
}

/* Walks pointer (already %-decoded, starting "/") from scope->root; moves
 * *scope to the innermost resource passed through on the way. */
static const json_t *js_pointer_resolve(char *pointer, js_scope *scope)
{
    const json_t *at = scope->root;
    char *save = NULL;
    for (char *t = strtok_r(pointer + 1, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (at != scope->root && js_starts_resource(at))
            *scope = (js_scope){at, json_string_value(json_object_get(at, "$id"))};
        js_unescape_token(t);
        if (!(at = js_pointer_step(at, t)))
            return NULL;
    }
    return at;
}

/* Finds the subschema whose $id is the plain-name fragment "#" + name. */
static const json_t *js_find_anchor(const json_t *at, const char *name)
{
    if (json_is_object(at)) {
        const char *id = json_string_value(json_object_get(at, "$id"));
        if (id && id[0] == '#' && strcmp(id + 1, name) == 0)
            return at;
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)at, key, v)
        {
            if (strcmp(key, "enum") == 0 || strcmp(key, "const") == 0)
                continue;
            const json_t *hit = js_find_anchor(v, name);
            if (hit)
                return hit;
        }
    } else if (json_is_array(at)) {
        for (size_t i = 0; i < json_array_size(at); i++) {
            const json_t *hit = js_find_anchor(json_array_get(at, i), name);
            if (hit)
                return hit;
        }
    }
    return NULL;
}

/* True when uri (before "#") names the current resource itself. */
static bool js_same_document(const char *uri, size_t len, js_scope scope)
{
    if (len == 0)
        return true;
    if (!scope.id)
        return false;
    size_t idlen = strcspn(scope.id, "#");
    return idlen == len && strncmp(scope.id, uri, len) == 0;
}

/* Compiles the target of a "#..." fragment; NULL with err set. While it
 * compiles, messages name the target's own pointer. */
static js_node *js_ref_target(js_compiler *c, const char *fragment, js_scope scope)
{
    char *decoded = js_percent_decode(fragment);
    char *where = decoded ? strdup(decoded) : NULL;
    if (!decoded || !where) {
        free(decoded);
        free(where);
        js_fail(c, "bad %%-escape in \"#%s\" (or out of memory)", fragment);
        return NULL;
    }
    const json_t *target = NULL;
    if (decoded[0] == '\0')
        target = scope.root;
    else if (decoded[0] == '/')
        target = js_pointer_resolve(decoded, &scope);
    else
        target = js_find_anchor(scope.root, decoded);
    js_node *n = NULL;
    if (target) {
        js_path saved = c->path;
        c->path = (js_path){{.p = where, .len = strlen(where), .cap = strlen(where) + 1}};
        n = js_compile(c, target, scope);
        where = c->path.b.p;
        c->path = saved;
    } else {
        js_fail(c, "reference \"#%s\" does not resolve within the document", fragment);
    }
    free(where);
    free(decoded);
    return n;
}

int js_keyword_ref(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    const char *ref = json_string_value(v);
    if (!ref)
        return js_fail(c, "expected a URI reference");
    const char *hash = strchr(ref, '#');
    size_t urilen = hash ? (size_t)(hash - ref) : strlen(ref);
    if (!js_same_document(ref, urilen, scope))
        return js_fail(c, "reference to another document \"%s\" is not supported", ref);
    n->ref = js_ref_target(c, hash ? hash + 1 : "", scope);
    return n->ref ? 0 : -1;
}
