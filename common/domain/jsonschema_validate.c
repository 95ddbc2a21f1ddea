/* jsonschema_validate.c - evaluating an instance against a compiled schema.
 * All state of one evaluation lives in a js_vctx on the caller's stack, so a
 * compiled schema is only read and may be shared between threads. Errors are
 * collected (up to JS_MAX_ERRORS) unless the evaluation is "quiet": inside
 * anyOf, oneOf, not, if, contains and propertyNames only the verdict counts. */
#include "jsonschema_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_MAX_ERRORS 3

typedef struct {
    js_path path; /* pointer of the instance value being checked */
    char *err;
    size_t errlen, used;
    int n_err;
    int quiet;
    int depth;
    bool internal; /* out of memory or an ICU failure */
} js_vctx;

static int js_eval(js_vctx *v, const js_node *n, const json_t *inst);

/* Records "<pointer>: <keyword>: <message>" unless quiet; returns 0. */
static int js_error(js_vctx *v, const char *keyword, const char *fmt, ...)
{
    if (v->quiet || v->n_err >= JS_MAX_ERRORS)
        return 0;
    v->n_err++;
    if (!v->err || v->errlen == 0 || v->used + 1 >= v->errlen)
        return 0;
    const char *where = js_path_str(&v->path);
    int n = snprintf(v->err + v->used, v->errlen - v->used, "%s%s: %s: ", v->n_err > 1 ? "; " : "",
                     *where ? where : "(root)", keyword);
    if (n > 0 && (size_t)n < v->errlen - v->used) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(v->err + v->used + n, v->errlen - v->used - (size_t)n, fmt, ap);
        va_end(ap);
    }
    v->used += strlen(v->err + v->used);
    return 0;
}

/* True once no further checking can change the outcome or the message. */
static bool js_stop(const js_vctx *v)
{
    return v->internal || v->quiet || v->n_err >= JS_MAX_ERRORS;
}

/* True when a check already failed (ok == 0) and nothing more is wanted. */
static bool js_done(const js_vctx *v, int ok)
{
    return ok == 0 && js_stop(v);
}

/* Evaluates n against inst without recording errors; returns 1, 0 or -1. */
static int js_eval_quiet(js_vctx *v, const js_node *n, const json_t *inst)
{
    v->quiet++;
    int rc = js_eval(v, n, inst);
    v->quiet--;
    return rc;
}

static const char *js_type_name(const json_t *inst)
{
    switch (json_typeof(inst)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    default:
        return "null";
    }
}

static bool js_is_integral(const json_t *inst)
{
    if (json_is_integer(inst))
        return true;
    double d = json_real_value(inst);
    return json_is_real(inst) && isfinite(d) && d == floor(d);
}

static unsigned js_type_mask(const json_t *inst)
{
    switch (json_typeof(inst)) {
    case JSON_OBJECT:
        return JS_T_OBJECT;
    case JSON_ARRAY:
        return JS_T_ARRAY;
    case JSON_STRING:
        return JS_T_STRING;
    case JSON_INTEGER:
    case JSON_REAL:
        return JS_T_NUMBER | (js_is_integral(inst) ? JS_T_INTEGER : 0);
    case JSON_TRUE:
    case JSON_FALSE:
        return JS_T_BOOLEAN;
    default:
        return JS_T_NULL;
    }
}

/* Writes the allowed type names of mask, " or "-joined, into buf. */
static void js_types_text(unsigned mask, char *buf, size_t len)
{
    static const char *names[] = {"null",   "boolean", "object", "array",
                                  "number", "string",  "integer"};
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < 7; i++)
        if (mask & (1u << i)) {
            int n = snprintf(buf + used, len - used, "%s%s", used ? " or " : "", names[i]);
            if (n < 0 || (size_t)n >= len - used)
                return;
            used += (size_t)n;
        }
}

static int js_check_type(js_vctx *v, const js_node *n, const json_t *inst)
{
    if (!n->types || (js_type_mask(inst) & n->types))
        return 1;
    char want[96];
    js_types_text(n->types, want, sizeof want);
    return js_error(v, "type", "expected %s, got %s", want, js_type_name(inst));
}

/* Writes a compact, truncated rendering of json into buf, for messages. */
static void js_render(const json_t *json, char *buf, size_t len)
{
    char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
    snprintf(buf, len, "%s", text ? text : "?");
    if (text && strlen(text) >= len && len > 4)
        memcpy(buf + len - 4, "...", 4);
    free(text);
}

static int js_check_enum_const(js_vctx *v, const js_node *n, const json_t *inst)
{
    char shown[160];
    int ok = 1;
    if (n->enum_values) {
        bool found = false;
        for (size_t i = 0; i < json_array_size(n->enum_values) && !found; i++)
            found = js_json_equal(inst, json_array_get(n->enum_values, i));
        if (!found) {
            js_render(n->enum_values, shown, sizeof shown);
            ok = js_error(v, "enum", "expected one of %s", shown);
            if (js_stop(v))
                return ok;
        }
    }
    if (n->has_const && !js_json_equal(inst, n->const_value)) {
        js_render(n->const_value, shown, sizeof shown);
        ok = js_error(v, "const", "expected %s", shown);
    }
    return ok;
}

/* ---- numbers ---- */

static bool js_is_multiple(const json_t *inst, double m)
{
    if (json_is_integer(inst) && m == floor(m) && m < 9e18)
        return json_integer_value(inst) % (json_int_t)m == 0;
    double q = json_number_value(inst) / m;
    if (!isfinite(q))
        return false;
    return fabs(q - nearbyint(q)) <= 1e-9 * fmax(1.0, fabs(q));
}

static int js_check_number(js_vctx *v, const js_node *n, const json_t *inst)
{
    double x = json_number_value(inst);
    int ok = 1;
    if (n->minimum.set && x < n->minimum.value)
        ok = js_error(v, "minimum", "expected at least %.17g, got %.17g", n->minimum.value, x);
    if (!js_done(v, ok) && n->maximum.set && x > n->maximum.value)
        ok = js_error(v, "maximum", "expected at most %.17g, got %.17g", n->maximum.value, x);
    if (!js_done(v, ok) && n->exclusive_minimum.set && x <= n->exclusive_minimum.value)
        ok = js_error(v, "exclusiveMinimum", "expected more than %.17g, got %.17g",
                      n->exclusive_minimum.value, x);
    if (!js_done(v, ok) && n->exclusive_maximum.set && x >= n->exclusive_maximum.value)
        ok = js_error(v, "exclusiveMaximum", "expected less than %.17g, got %.17g",
                      n->exclusive_maximum.value, x);
    if (!js_done(v, ok) && n->multiple_of > 0 && !js_is_multiple(inst, n->multiple_of))
        ok = js_error(v, "multipleOf", "expected a multiple of %.17g", n->multiple_of);
    return ok;
}

/* ---- strings ---- */

static long long js_code_points(const char *s, size_t len)
{
    long long n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int js_check_string(js_vctx *v, const js_node *n, const json_t *inst)
{
    const char *s = json_string_value(inst);
    size_t len = json_string_length(inst);
    int ok = 1;
    if (n->min_length >= 0 || n->max_length >= 0) {
        long long cp = js_code_points(s, len);
        if (n->min_length >= 0 && cp < n->min_length)
            ok = js_error(v, "minLength", "expected at least %lld characters, got %lld",
                          n->min_length, cp);
        if (!js_done(v, ok) && n->max_length >= 0 && cp > n->max_length)
            ok = js_error(v, "maxLength", "expected at most %lld characters, got %lld",
                          n->max_length, cp);
    }
    if (!js_done(v, ok) && n->pattern) {
        int m = js_regex_search(n->pattern, s, len);
        if (m < 0)
            v->internal = true;
        else if (m == 0)
            ok = js_error(v, "pattern", "expected a match for %s",
                          json_string_value(json_object_get(n->json, "pattern")));
    }
    if (!js_done(v, ok) && n->format != JS_FMT_NONE && !js_format_check(n->format, s, len))
        ok = js_error(v, "format", "expected a valid %s", js_format_name(n->format));
    return ok;
}

/* ---- arrays ---- */

static int js_eval_item(js_vctx *v, const js_node *n, const json_t *arr, size_t i)
{
    size_t mark = js_path_push_index(&v->path, i);
    int rc = js_eval(v, n, json_array_get(arr, i));
    js_path_pop(&v->path, mark);
    return rc;
}

static int js_check_items(js_vctx *v, const js_node *n, const json_t *inst)
{
    size_t size = json_array_size(inst);
    int ok = 1;
    for (size_t i = 0; i < size && !js_done(v, ok); i++) {
        const js_node *item = n->items;
        if (n->items_is_list)
            item = i < n->items_list.n ? n->items_list.v[i] : n->additional_items;
        if (!item)
            continue;
        if (item->boolean == 0 && item == n->additional_items) {
            size_t mark = js_path_push_index(&v->path, i);
            ok = js_error(v, "additionalItems", "no item allowed beyond the first %zu",
                          n->items_list.n);
            js_path_pop(&v->path, mark);
        } else if (js_eval_item(v, item, inst, i) != 1) {
            ok = 0;
        }
    }
    return ok;
}

static int js_check_unique(js_vctx *v, const json_t *inst)
{
    size_t size = json_array_size(inst);
    for (size_t i = 0; i < size; i++)
        for (size_t j = i + 1; j < size; j++)
            if (js_json_equal(json_array_get(inst, i), json_array_get(inst, j)))
                return js_error(v, "uniqueItems", "items %zu and %zu are equal", i, j);
    return 1;
}

static int js_check_contains(js_vctx *v, const js_node *n, const json_t *inst)
{
    for (size_t i = 0; i < json_array_size(inst); i++) {
        v->quiet++;
        int rc = js_eval_item(v, n->contains, inst, i);
        v->quiet--;
        if (rc == 1)
            return 1;
    }
    return js_error(v, "contains", "expected at least one item to match");
}

static int js_check_array(js_vctx *v, const js_node *n, const json_t *inst)
{
    size_t size = json_array_size(inst);
    int ok = 1;
    if (n->min_items >= 0 && (long long)size < n->min_items)
        ok = js_error(v, "minItems", "expected at least %lld items, got %zu", n->min_items, size);
    if (!js_done(v, ok) && n->max_items >= 0 && (long long)size > n->max_items)
        ok = js_error(v, "maxItems", "expected at most %lld items, got %zu", n->max_items, size);
    if (!js_done(v, ok) && (n->items || n->items_is_list) && js_check_items(v, n, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->unique_items && js_check_unique(v, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->contains && js_check_contains(v, n, inst) != 1)
        ok = 0;
    return ok;
}

/* ---- objects ---- */

static int js_eval_member(js_vctx *v, const js_node *n, const char *key, const json_t *value)
{
    size_t mark = js_path_push(&v->path, key);
    int rc = js_eval(v, n, value);
    js_path_pop(&v->path, mark);
    return rc;
}

static int js_check_required(js_vctx *v, const js_node *n, const json_t *inst)
{
    int ok = 1;
    for (size_t i = 0; i < json_array_size(n->required) && !js_done(v, ok); i++) {
        const char *key = json_string_value(json_array_get(n->required, i));
        if (!json_object_get(inst, key))
            ok = js_error(v, "required", "missing property \"%s\"", key);
    }
    return ok;
}

static int js_check_dependencies(js_vctx *v, const js_node *n, const json_t *inst)
{
    int ok = 1;
    for (size_t i = 0; i < n->n_deps && !js_done(v, ok); i++) {
        const js_dependency *d = &n->deps[i];
        if (!json_object_get(inst, d->key))
            continue;
        if (d->node && js_eval(v, d->node, inst) != 1)
            ok = 0;
        for (size_t j = 0; d->needed && j < json_array_size(d->needed); j++) {
            const char *need = json_string_value(json_array_get(d->needed, j));
            if (!json_object_get(inst, need))
                ok = js_error(v, "dependencies",
                              "property \"%s\" is required when \"%s\" is present", need, d->key);
        }
    }
    return ok;
}

/* Evaluates one member against properties, patternProperties and
 * additionalProperties. */
static int js_check_member(js_vctx *v, const js_node *n, const char *key, const json_t *value)
{
    bool matched = false;
    int ok = 1;
    for (size_t i = 0; i < n->n_props; i++)
        if (strcmp(n->props[i].key, key) == 0) {
            matched = true;
            if (js_eval_member(v, n->props[i].node, key, value) != 1)
                ok = 0;
        }
    for (size_t i = 0; i < n->n_pattern_props && !js_done(v, ok); i++) {
        int m = js_regex_search(n->pattern_props[i].re, key, strlen(key));
        if (m < 0)
            v->internal = true;
        if (m == 1) {
            matched = true;
            if (js_eval_member(v, n->pattern_props[i].node, key, value) != 1)
                ok = 0;
        }
    }
    if (matched || !n->additional_props || (ok == 0 && js_stop(v)))
        return ok;
    if (n->additional_props->boolean == 0) {
        size_t mark = js_path_push(&v->path, key);
        ok = js_error(v, "additionalProperties", "property \"%s\" is not allowed", key);
        js_path_pop(&v->path, mark);
        return ok;
    }
    return js_eval_member(v, n->additional_props, key, value) == 1 ? ok : 0;
}

static int js_check_property_names(js_vctx *v, const js_node *n, const json_t *inst)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)inst, key, value)
    {
        json_t *name = json_string(key);
        if (!name) {
            v->internal = true;
            return 0;
        }
        int rc = js_eval_quiet(v, n->property_names, name);
        json_decref(name);
        if (rc != 1)
            return js_error(v, "propertyNames", "property name \"%s\" is not allowed", key);
    }
    return 1;
}

static int js_check_object(js_vctx *v, const js_node *n, const json_t *inst)
{
    size_t size = json_object_size(inst);
    int ok = 1;
    if (n->min_props >= 0 && (long long)size < n->min_props)
        ok = js_error(v, "minProperties", "expected at least %lld properties", n->min_props);
    if (!js_done(v, ok) && n->max_props >= 0 && (long long)size > n->max_props)
        ok = js_error(v, "maxProperties", "expected at most %lld properties", n->max_props);
    if (!js_done(v, ok) && n->required && js_check_required(v, n, inst) != 1)
        ok = 0;
    if (n->n_props || n->n_pattern_props || n->additional_props) {
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)inst, key, value)
        {
            if (js_done(v, ok))
                break;
            if (js_check_member(v, n, key, value) != 1)
                ok = 0;
        }
    }
    if (!js_done(v, ok) && n->property_names && js_check_property_names(v, n, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->n_deps && js_check_dependencies(v, n, inst) != 1)
        ok = 0;
    return ok;
}

/* ---- combinators ---- */

static int js_check_all_of(js_vctx *v, const js_list *l, const json_t *inst)
{
    int ok = 1;
    for (size_t i = 0; i < l->n && !js_done(v, ok); i++)
        if (js_eval(v, l->v[i], inst) != 1)
            ok = 0;
    return ok;
}

static int js_check_any_of(js_vctx *v, const js_list *l, const json_t *inst)
{
    for (size_t i = 0; i < l->n; i++)
        if (js_eval_quiet(v, l->v[i], inst) == 1)
            return 1;
    return js_error(v, "anyOf", "expected a match for at least one of %zu subschemas", l->n);
}

static int js_check_one_of(js_vctx *v, const js_list *l, const json_t *inst)
{
    size_t matches = 0;
    for (size_t i = 0; i < l->n && matches < 2; i++)
        if (js_eval_quiet(v, l->v[i], inst) == 1)
            matches++;
    if (matches == 1)
        return 1;
    return js_error(v, "oneOf", "expected a match for exactly one of %zu subschemas, got %s", l->n,
                    matches ? "several" : "none");
}

static int js_check_if(js_vctx *v, const js_node *n, const json_t *inst)
{
    int cond = js_eval_quiet(v, n->if_node, inst);
    const js_node *branch = cond == 1 ? n->then_node : n->else_node;
    return branch ? js_eval(v, branch, inst) : 1;
}

static int js_check_combinators(js_vctx *v, const js_node *n, const json_t *inst)
{
    int ok = 1;
    if (n->all_of.n && js_check_all_of(v, &n->all_of, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->any_of.n && js_check_any_of(v, &n->any_of, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->one_of.n && js_check_one_of(v, &n->one_of, inst) != 1)
        ok = 0;
    if (!js_done(v, ok) && n->not_node && js_eval_quiet(v, n->not_node, inst) == 1)
        ok = js_error(v, "not", "expected no match for the subschema");
    if (!js_done(v, ok) && n->if_node && js_check_if(v, n, inst) != 1)
        ok = 0;
    return ok;
}

/* ---- one node ---- */

static int js_eval_keywords(js_vctx *v, const js_node *n, const json_t *inst)
{
    int ok = js_check_type(v, n, inst);
    if (js_done(v, ok))
        return 0;
    if (js_check_enum_const(v, n, inst) != 1)
        ok = 0;
    if (!js_done(v, ok)) {
        int rc = 1;
        if (json_is_number(inst))
            rc = js_check_number(v, n, inst);
        else if (json_is_string(inst))
            rc = js_check_string(v, n, inst);
        else if (json_is_array(inst))
            rc = js_check_array(v, n, inst);
        else if (json_is_object(inst))
            rc = js_check_object(v, n, inst);
        if (rc != 1)
            ok = 0;
    }
    if (!js_done(v, ok) && js_check_combinators(v, n, inst) != 1)
        ok = 0;
    return ok;
}

static int js_eval(js_vctx *v, const js_node *n, const json_t *inst)
{
    if (v->internal)
        return -1;
    if (n->boolean >= 0)
        return n->boolean ? 1 : js_error(v, "false", "no value is allowed here");
    if (v->depth >= JSONSCHEMA_MAX_DEPTH) {
        js_error(v, "$ref", "evaluation nested deeper than %d levels", JSONSCHEMA_MAX_DEPTH);
        return 0;
    }
    v->depth++;
    int rc = n->ref ? js_eval(v, n->ref, inst) : js_eval_keywords(v, n, inst);
    v->depth--;
    return v->internal ? -1 : rc;
}

int jsonschema_validate(const jsonschema *s, const json_t *instance, char *err, size_t errlen)
{
    js_vctx v = {.err = err, .errlen = errlen};
    if (err && errlen)
        err[0] = '\0';
    int rc = js_eval(&v, s->top, instance);
    if (v.path.b.oom || v.internal) {
        rc = -1;
        if (err && errlen)
            snprintf(err, errlen, "internal error while validating (out of memory)");
    } else if (rc != 1 && v.n_err == 0 && err && errlen) {
        snprintf(err, errlen, "(root): invalid");
    }
    js_path_free(&v.path);
    return rc;
}
