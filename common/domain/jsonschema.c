/* jsonschema.c - pieces the schema loader (jsonschema_load.c) and the
 * validator (jsonschema_validate.c) share: JSON Schema equality, JSON pointer
 * building, and freeing a compiled node. */
#include "jsonschema_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool js_number_equal(const json_t *a, const json_t *b)
{
    if (json_is_integer(a) && json_is_integer(b))
        return json_integer_value(a) == json_integer_value(b);
    return json_number_value(a) == json_number_value(b);
}

static bool js_object_equal(const json_t *a, const json_t *b)
{
    if (json_object_size(a) != json_object_size(b))
        return false;
    const char *key;
    json_t *va;
    json_object_foreach((json_t *)a, key, va)
    {
        const json_t *vb = json_object_get(b, key);
        if (!vb || !js_json_equal(va, vb))
            return false;
    }
    return true;
}

static bool js_array_equal(const json_t *a, const json_t *b)
{
    size_t n = json_array_size(a);
    if (n != json_array_size(b))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!js_json_equal(json_array_get(a, i), json_array_get(b, i)))
            return false;
    return true;
}

bool js_json_equal(const json_t *a, const json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return js_number_equal(a, b);
    if (json_typeof(a) != json_typeof(b))
        return false;
    switch (json_typeof(a)) {
    case JSON_OBJECT:
        return js_object_equal(a, b);
    case JSON_ARRAY:
        return js_array_equal(a, b);
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0;
    default:
        return true; /* null, true, false */
    }
}

static void js_path_append(js_path *p, const char *s, size_t len)
{
    strbuf_putn(&p->b, s, len);
}

size_t js_path_push(js_path *p, const char *key)
{
    size_t before = p->b.len;
    js_path_append(p, "/", 1);
    for (const char *k = key; *k; k++) {
        if (*k == '~')
            js_path_append(p, "~0", 2);
        else if (*k == '/')
            js_path_append(p, "~1", 2);
        else
            js_path_append(p, k, 1);
    }
    return before;
}

size_t js_path_push_index(js_path *p, size_t index)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "/%zu", index);
    size_t before = p->b.len;
    js_path_append(p, buf, (size_t)n);
    return before;
}

void js_path_pop(js_path *p, size_t previous_length)
{
    if (previous_length <= p->b.len) {
        p->b.len = previous_length;
        if (p->b.p)
            p->b.p[p->b.len] = '\0';
    }
}

const char *js_path_str(const js_path *p)
{
    return p->b.p && p->b.len ? p->b.p : "";
}

void js_path_free(js_path *p)
{
    strbuf_free(&p->b);
}

void js_node_free(js_node *n)
{
    if (!n)
        return;
    free(n->props);
    for (size_t i = 0; i < n->n_pattern_props; i++)
        js_regex_free(n->pattern_props[i].re);
    free(n->pattern_props);
    free(n->deps);
    js_regex_free(n->pattern);
    free(n->items_list.v);
    free(n->all_of.v);
    free(n->any_of.v);
    free(n->one_of.v);
    free(n);
}
