/* jsonschema_internal.h - private to the jsonschema_*.c files: the compiled
 * form of a schema, and the helpers the loader and the validator share. Not
 * part of the interface; callers include jsonschema.h only. */
#ifndef SUBSIDY_JSONSCHEMA_INTERNAL_H
#define SUBSIDY_JSONSCHEMA_INTERNAL_H

#include "domain/strbuf.h"
#include "jsonschema.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    JS_T_NULL = 1 << 0,
    JS_T_BOOLEAN = 1 << 1,
    JS_T_OBJECT = 1 << 2,
    JS_T_ARRAY = 1 << 3,
    JS_T_NUMBER = 1 << 4,
    JS_T_STRING = 1 << 5,
    JS_T_INTEGER = 1 << 6,
};

typedef enum { JS_FMT_NONE, JS_FMT_DATE, JS_FMT_DATE_TIME, JS_FMT_EMAIL } js_format;

typedef struct js_regex js_regex; /* jsonschema_regex.c */
typedef struct js_node js_node;

typedef struct {
    const char *key;
    js_node *node;
} js_keyed;

typedef struct {
    js_regex *re;
    js_node *node;
} js_patterned;

typedef struct {
    const char *key;
    js_node *node;        /* schema dependency, or NULL */
    const json_t *needed; /* array of property names, or NULL */
} js_dependency;

typedef struct {
    js_node **v;
    size_t n;
} js_list;

typedef struct {
    bool set;
    double value;
} js_bound;

/* One compiled (sub)schema. Strings point into the schema JSON the jsonschema
 * holds a reference to. */
struct js_node {
    const json_t *json; /* the schema object or boolean */
    int boolean;        /* -1 for an object schema, else 0 (false) or 1 (true) */
    js_node *ref;       /* $ref target: when set, the only thing evaluated */
    unsigned types;     /* JS_T_* mask; 0 = any */
    js_keyed *props;
    size_t n_props;
    js_patterned *pattern_props;
    size_t n_pattern_props;
    js_node *additional_props;
    const json_t *required; /* array of strings, or NULL */
    js_node *property_names;
    long long min_props, max_props; /* -1 = unset */
    js_dependency *deps;
    size_t n_deps;
    const json_t *enum_values; /* array, or NULL */
    const json_t *const_value; /* borrowed; has_const says whether set */
    bool has_const;
    js_regex *pattern;
    long long min_length, max_length; /* -1 = unset */
    js_bound minimum, maximum, exclusive_minimum, exclusive_maximum;
    double multiple_of; /* 0 = unset */
    js_node *items;     /* single schema for every item */
    js_list items_list; /* tuple form */
    bool items_is_list;
    js_node *additional_items;
    long long min_items, max_items; /* -1 = unset */
    bool unique_items;
    js_node *contains;
    js_list all_of, any_of, one_of;
    js_node *not_node;
    js_node *if_node, *then_node, *else_node;
    js_format format;
};

struct jsonschema {
    json_t *root;    /* our reference */
    js_node **nodes; /* every compiled node, for lookup by json and freeing */
    size_t n_nodes, cap_nodes;
    js_node *top;
};

/* Deep equality as JSON Schema wants it: numbers by value (1 == 1.0). */
bool js_json_equal(const json_t *a, const json_t *b);

/* Compiles an ECMA-262-like pattern. Returns NULL with err set on a bad
 * pattern or out of memory; the caller frees with js_regex_free. */
js_regex *js_regex_new(const char *pattern, char *err, size_t errlen);
void js_regex_free(js_regex *re);

/* Unanchored search of UTF-8 text (len bytes). Returns 1 on a match, 0 on
 * none, -1 on an internal error. Safe to call concurrently on one js_regex. */
int js_regex_search(const js_regex *re, const char *text, size_t len);

/* Looks up a format name: JS_FMT_NONE for one not supported. */
js_format js_format_lookup(const char *name);

/* True when s (len bytes) is valid for the format. */
bool js_format_check(js_format f, const char *s, size_t len);

/* Name of a format, for messages. */
const char *js_format_name(js_format f);

/* Frees one compiled node (not the nodes it points to). */
void js_node_free(js_node *n);

/* A JSON pointer being built while walking a document (b.oom is set once an
 * append failed; the text is then truncated). */
typedef struct {
    strbuf b;
} js_path;

/* Appends "/" and key with ~ and / escaped. Returns the previous length, for
 * js_path_pop. */
size_t js_path_push(js_path *p, const char *key);
size_t js_path_push_index(js_path *p, size_t index);
void js_path_pop(js_path *p, size_t previous_length);

/* The pointer so far, "" at the root (never NULL). */
const char *js_path_str(const js_path *p);
void js_path_free(js_path *p);

/* ---- loading (jsonschema_load.c, jsonschema_ref.c) ---- */

/* The resource "#" references resolve against: the document, or the nearest
 * enclosing subschema with a non-fragment $id. */
typedef struct {
    const json_t *root;
    const char *id; /* its $id, or NULL */
} js_scope;

typedef struct {
    jsonschema *s;
    js_path path; /* pointer of the schema value being compiled */
    char *err;
    size_t errlen;
    int depth;
} js_compiler;

/* Compiles json as a schema at c->path, or returns the node already compiled
 * for it. NULL with c->err set when it is malformed or unsupported. The node
 * belongs to c->s. */
js_node *js_compile(js_compiler *c, const json_t *json, js_scope scope);

/* Sets c->err to "<c->path>: <message>"; returns -1. */
int js_fail(js_compiler *c, const char *fmt, ...);

/* True when schema has a $id that is not a bare fragment: a new resource. */
bool js_starts_resource(const json_t *schema);

/* The "$ref" keyword: resolves v within the document and sets n->ref.
 * Returns 0, or -1 with c->err set. */
int js_keyword_ref(js_compiler *c, js_node *n, const json_t *v, js_scope scope);

#endif
