/* jsonschema_load.c - compiling a draft-07 schema into js_node trees (see
 * jsonschema_internal.h): every keyword is checked for shape and support,
 * regular expressions are compiled, and $ref is resolved to the node it names
 * within the same document. A node is compiled once per schema JSON value, so
 * recursive references become cycles in the node graph. */
#include "jsonschema_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_MAX_SCHEMA_DEPTH 256

typedef int (*js_keyword_fn)(js_compiler *c, js_node *n, const json_t *v, js_scope scope);

/* Sets err to "<pointer of the keyword being compiled>: <message>"; returns -1. */
int js_fail(js_compiler *c, const char *fmt, ...)
{
    int n = snprintf(c->err, c->errlen, "%s: ", js_path_str(&c->path));
    if (n < 0 || (size_t)n >= c->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int js_oom(js_compiler *c)
{
    snprintf(c->err, c->errlen, "out of memory compiling the schema");
    return -1;
}

/* ---- node registry ---- */

static js_node *js_registry_find(const jsonschema *s, const json_t *json)
{
    for (size_t i = 0; i < s->n_nodes; i++)
        if (s->nodes[i]->json == json)
            return s->nodes[i];
    return NULL;
}

static js_node *js_registry_add(jsonschema *s, const json_t *json)
{
    if (s->n_nodes == s->cap_nodes) {
        size_t cap = s->cap_nodes ? s->cap_nodes * 2 : 32;
        js_node **v = realloc(s->nodes, cap * sizeof *v);
        if (!v)
            return NULL;
        s->nodes = v;
        s->cap_nodes = cap;
    }
    js_node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->json = json;
    n->boolean = -1;
    n->min_props = n->max_props = n->min_length = n->max_length = -1;
    n->min_items = n->max_items = -1;
    s->nodes[s->n_nodes++] = n;
    return n;
}

/* ---- value shapes ---- */

/* Reads a non-negative integer (1.0 counts as 1). */
static int js_get_count(js_compiler *c, const json_t *v, long long *out)
{
    double d = json_number_value(v);
    if (!json_is_number(v) || d < 0 || d != floor(d) || d > 9e15)
        return js_fail(c, "expected a non-negative integer");
    *out = json_is_integer(v) ? (long long)json_integer_value(v) : (long long)d;
    return 0;
}

static int js_get_bound(js_compiler *c, const json_t *v, js_bound *out)
{
    if (!json_is_number(v))
        return js_fail(c, "expected a number");
    out->set = true;
    out->value = json_number_value(v);
    return 0;
}

/* Compiles v as a subschema at the current path plus key. */
static js_node *js_compile_at(js_compiler *c, const char *key, const json_t *v, js_scope scope)
{
    size_t mark = js_path_push(&c->path, key);
    js_node *n = js_compile(c, v, scope);
    js_path_pop(&c->path, mark);
    return n;
}

static int js_compile_list(js_compiler *c, const json_t *v, js_scope scope, js_list *out,
                           bool allow_empty)
{
    if (!json_is_array(v) || (!allow_empty && json_array_size(v) == 0))
        return js_fail(c, "expected a%s array of schemas", allow_empty ? "n" : " non-empty");
    out->n = json_array_size(v);
    out->v = calloc(out->n ? out->n : 1, sizeof *out->v);
    if (!out->v)
        return js_oom(c);
    for (size_t i = 0; i < out->n; i++) {
        size_t mark = js_path_push_index(&c->path, i);
        out->v[i] = js_compile(c, json_array_get(v, i), scope);
        js_path_pop(&c->path, mark);
        if (!out->v[i])
            return -1;
    }
    return 0;
}

static int js_check_string_array(js_compiler *c, const json_t *v)
{
    if (!json_is_array(v))
        return js_fail(c, "expected an array of strings");
    for (size_t i = 0; i < json_array_size(v); i++) {
        if (!json_is_string(json_array_get(v, i)))
            return js_fail(c, "expected an array of strings (item %zu is not)", i);
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(v, i), json_array_get(v, j)))
                return js_fail(c, "item %zu repeats item %zu", i, j);
    }
    return 0;
}

/* ---- keywords ---- */

static unsigned js_type_bit(const char *name)
{
    static const struct {
        const char *name;
        unsigned bit;
    } types[] = {{"null", JS_T_NULL},      {"boolean", JS_T_BOOLEAN}, {"object", JS_T_OBJECT},
                 {"array", JS_T_ARRAY},    {"number", JS_T_NUMBER},   {"string", JS_T_STRING},
                 {"integer", JS_T_INTEGER}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (name && strcmp(types[i].name, name) == 0)
            return types[i].bit;
    return 0;
}

static int kw_type(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    if (json_is_string(v)) {
        n->types = js_type_bit(json_string_value(v));
        return n->types ? 0 : js_fail(c, "unknown type \"%s\"", json_string_value(v));
    }
    if (!json_is_array(v) || json_array_size(v) == 0)
        return js_fail(c, "expected a type name or a non-empty array of them");
    for (size_t i = 0; i < json_array_size(v); i++) {
        unsigned bit = js_type_bit(json_string_value(json_array_get(v, i)));
        if (!bit || (n->types & bit))
            return js_fail(c, "item %zu is not a type name or repeats one", i);
        n->types |= bit;
    }
    return 0;
}

static int kw_properties(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    if (!json_is_object(v))
        return js_fail(c, "expected an object of schemas");
    n->props = calloc(json_object_size(v) + 1, sizeof *n->props);
    if (!n->props)
        return js_oom(c);
    const char *key;
    json_t *sub;
    json_object_foreach((json_t *)v, key, sub)
    {
        js_keyed *k = &n->props[n->n_props++];
        k->key = key;
        if (!(k->node = js_compile_at(c, key, sub, scope)))
            return -1;
    }
    return 0;
}

static int kw_pattern_properties(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    if (!json_is_object(v))
        return js_fail(c, "expected an object of schemas");
    n->pattern_props = calloc(json_object_size(v) + 1, sizeof *n->pattern_props);
    if (!n->pattern_props)
        return js_oom(c);
    const char *key;
    json_t *sub;
    json_object_foreach((json_t *)v, key, sub)
    {
        js_patterned *p = &n->pattern_props[n->n_pattern_props];
        char why[256];
        if (!(p->re = js_regex_new(key, why, sizeof why)))
            return js_fail(c, "%s", why);
        n->n_pattern_props++;
        if (!(p->node = js_compile_at(c, key, sub, scope)))
            return -1;
    }
    return 0;
}

static int kw_definitions(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)n;
    if (!json_is_object(v))
        return js_fail(c, "expected an object of schemas");
    const char *key;
    json_t *sub;
    json_object_foreach((json_t *)v, key, sub)
    {
        if (!js_compile_at(c, key, sub, scope))
            return -1;
    }
    return 0;
}

static int kw_dependencies(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    if (!json_is_object(v))
        return js_fail(c, "expected an object");
    n->deps = calloc(json_object_size(v) + 1, sizeof *n->deps);
    if (!n->deps)
        return js_oom(c);
    const char *key;
    json_t *sub;
    json_object_foreach((json_t *)v, key, sub)
    {
        js_dependency *d = &n->deps[n->n_deps++];
        d->key = key;
        if (json_is_array(sub)) {
            size_t mark = js_path_push(&c->path, key);
            int rc = js_check_string_array(c, sub);
            js_path_pop(&c->path, mark);
            if (rc != 0)
                return -1;
            d->needed = sub;
        } else if (!(d->node = js_compile_at(c, key, sub, scope))) {
            return -1;
        }
    }
    return 0;
}

static int kw_additional_properties(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)c;
    return (n->additional_props = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_property_names(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->property_names = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_required(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    n->required = v;
    return js_check_string_array(c, v);
}

static int kw_min_properties(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->min_props);
}

static int kw_max_properties(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->max_props);
}

static int kw_enum(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    if (!json_is_array(v))
        return js_fail(c, "expected an array");
    n->enum_values = v;
    return 0;
}

static int kw_const(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)c;
    (void)scope;
    n->const_value = v;
    n->has_const = true;
    return 0;
}

static int kw_pattern(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    char why[256];
    if (!json_is_string(v))
        return js_fail(c, "expected a string");
    if (!(n->pattern = js_regex_new(json_string_value(v), why, sizeof why)))
        return js_fail(c, "%s", why);
    return 0;
}

static int kw_min_length(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->min_length);
}

static int kw_max_length(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->max_length);
}

static int kw_minimum(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_bound(c, v, &n->minimum);
}

static int kw_maximum(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_bound(c, v, &n->maximum);
}

static int kw_exclusive_minimum(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_bound(c, v, &n->exclusive_minimum);
}

static int kw_exclusive_maximum(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_bound(c, v, &n->exclusive_maximum);
}

static int kw_multiple_of(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    if (!json_is_number(v) || json_number_value(v) <= 0)
        return js_fail(c, "expected a number greater than 0");
    n->multiple_of = json_number_value(v);
    return 0;
}

static int kw_items(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    if (json_is_array(v)) {
        n->items_is_list = true;
        return js_compile_list(c, v, scope, &n->items_list, true);
    }
    return (n->items = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_additional_items(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->additional_items = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_min_items(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->min_items);
}

static int kw_max_items(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    return js_get_count(c, v, &n->max_items);
}

static int kw_unique_items(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    if (!json_is_boolean(v))
        return js_fail(c, "expected true or false");
    n->unique_items = json_is_true(v);
    return 0;
}

static int kw_contains(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->contains = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_all_of(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return js_compile_list(c, v, scope, &n->all_of, false);
}

static int kw_any_of(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return js_compile_list(c, v, scope, &n->any_of, false);
}

static int kw_one_of(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return js_compile_list(c, v, scope, &n->one_of, false);
}

static int kw_not(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->not_node = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_if(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->if_node = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_then(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->then_node = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_else(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    return (n->else_node = js_compile(c, v, scope)) ? 0 : -1;
}

static int kw_format(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)scope;
    if (!json_is_string(v))
        return js_fail(c, "expected a format name");
    n->format = js_format_lookup(json_string_value(v));
    if (n->format == JS_FMT_NONE)
        return js_fail(c, "unsupported format \"%s\" (supported: date, date-time, email)",
                       json_string_value(v));
    return 0;
}

static int kw_schema(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)n;
    (void)scope;
    const char *uri = json_string_value(v);
    if (!uri)
        return js_fail(c, "expected a URI");
    if (strcmp(uri, "http://json-schema.org/draft-07/schema#") != 0 &&
        strcmp(uri, "http://json-schema.org/draft-07/schema") != 0)
        return js_fail(c, "unsupported $schema \"%s\" (only draft-07)", uri);
    return 0;
}

static int kw_id(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)n;
    (void)scope;
    return json_is_string(v) ? 0 : js_fail(c, "expected a URI reference");
}

static int kw_annotation(js_compiler *c, js_node *n, const json_t *v, js_scope scope)
{
    (void)c;
    (void)n;
    (void)v;
    (void)scope;
    return 0;
}

/* ---- the keyword table ---- */

static const struct {
    const char *name;
    js_keyword_fn fn;
} js_keywords[] = {
    {"$schema", kw_schema},
    {"$id", kw_id},
    {"$ref", js_keyword_ref},
    {"definitions", kw_definitions},
    {"type", kw_type},
    {"properties", kw_properties},
    {"patternProperties", kw_pattern_properties},
    {"additionalProperties", kw_additional_properties},
    {"required", kw_required},
    {"propertyNames", kw_property_names},
    {"minProperties", kw_min_properties},
    {"maxProperties", kw_max_properties},
    {"dependencies", kw_dependencies},
    {"enum", kw_enum},
    {"const", kw_const},
    {"pattern", kw_pattern},
    {"minLength", kw_min_length},
    {"maxLength", kw_max_length},
    {"minimum", kw_minimum},
    {"maximum", kw_maximum},
    {"exclusiveMinimum", kw_exclusive_minimum},
    {"exclusiveMaximum", kw_exclusive_maximum},
    {"multipleOf", kw_multiple_of},
    {"items", kw_items},
    {"additionalItems", kw_additional_items},
    {"minItems", kw_min_items},
    {"maxItems", kw_max_items},
    {"uniqueItems", kw_unique_items},
    {"contains", kw_contains},
    {"allOf", kw_all_of},
    {"anyOf", kw_any_of},
    {"oneOf", kw_one_of},
    {"not", kw_not},
    {"if", kw_if},
    {"then", kw_then},
    {"else", kw_else},
    {"format", kw_format},
    {"title", kw_annotation},
    {"description", kw_annotation},
    {"$comment", kw_annotation},
    {"examples", kw_annotation},
    {"default", kw_annotation},
    {"readOnly", kw_annotation},
    {"writeOnly", kw_annotation},
};

static js_keyword_fn js_keyword_lookup(const char *name)
{
    if (strncmp(name, "x-", 2) == 0)
        return kw_annotation;
    for (size_t i = 0; i < sizeof js_keywords / sizeof js_keywords[0]; i++)
        if (strcmp(js_keywords[i].name, name) == 0)
            return js_keywords[i].fn;
    return NULL;
}

static int js_compile_keywords(js_compiler *c, js_node *n, const json_t *json, js_scope scope)
{
    if (js_starts_resource(json))
        scope = (js_scope){json, json_string_value(json_object_get(json, "$id"))};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)json, key, v)
    {
        size_t mark = js_path_push(&c->path, key);
        js_keyword_fn fn = js_keyword_lookup(key);
        int rc = fn ? fn(c, n, v, scope) : js_fail(c, "unsupported keyword \"%s\"", key);
        js_path_pop(&c->path, mark);
        if (rc != 0)
            return -1;
    }
    return 0;
}

js_node *js_compile(js_compiler *c, const json_t *json, js_scope scope)
{
    js_node *n = js_registry_find(c->s, json);
    if (n)
        return n;
    if (!json_is_object(json) && !json_is_boolean(json)) {
        js_fail(c, "a schema must be an object or a boolean");
        return NULL;
    }
    if (c->depth >= JS_MAX_SCHEMA_DEPTH) {
        js_fail(c, "schema nested deeper than %d levels", JS_MAX_SCHEMA_DEPTH);
        return NULL;
    }
    if (!(n = js_registry_add(c->s, json))) {
        js_oom(c);
        return NULL;
    }
    if (json_is_boolean(json)) {
        n->boolean = json_is_true(json);
        return n;
    }
    c->depth++;
    int rc = js_compile_keywords(c, n, json, scope);
    c->depth--;
    return rc == 0 ? n : NULL;
}

/* Refuses $ref chains that come back to themselves without ever looking at
 * the instance (they would never end). */
static int js_check_ref_cycles(jsonschema *s, char *err, size_t errlen)
{
    for (size_t i = 0; i < s->n_nodes; i++) {
        js_node *n = s->nodes[i];
        size_t steps = 0;
        while (n && n->ref && steps <= s->n_nodes) {
            n = n->ref;
            steps++;
        }
        if (steps > s->n_nodes) {
            snprintf(err, errlen, "$ref: reference cycle through a schema that is only a $ref");
            return -1;
        }
    }
    return 0;
}

jsonschema *jsonschema_load(json_t *schema, char *err, size_t errlen)
{
    jsonschema *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->root = json_incref(schema);
    js_compiler c = {.s = s, .err = err, .errlen = errlen};
    s->top = js_compile(&c, schema, (js_scope){schema, NULL});
    bool oom = c.path.b.oom;
    js_path_free(&c.path);
    if (!s->top || oom || js_check_ref_cycles(s, err, errlen) != 0) {
        if (oom && s->top)
            snprintf(err, errlen, "out of memory compiling the schema");
        jsonschema_free(s);
        return NULL;
    }
    return s;
}

jsonschema *jsonschema_load_file(const char *path, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *schema = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!schema) {
        snprintf(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
        return NULL;
    }
    char why[512];
    jsonschema *s = jsonschema_load(schema, why, sizeof why);
    json_decref(schema);
    if (!s)
        snprintf(err, errlen, "%s: %s", path, why);
    return s;
}

void jsonschema_free(jsonschema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_nodes; i++)
        js_node_free(s->nodes[i]);
    free(s->nodes);
    json_decref(s->root);
    free(s);
}
