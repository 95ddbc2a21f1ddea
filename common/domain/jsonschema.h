/* jsonschema.h - a JSON Schema draft-07 validator for the message contracts in
 * schemas/ and the program definitions.
 *
 * Supported: boolean schemas; $schema (draft-07 only); $id (an annotation and
 * the base of "#..." references; a non-fragment $id in a subschema starts a
 * new resource for its "#" references); $ref within the same document ("#",
 * "#/json/pointer" with ~0 ~1 and %-decoding, "#name" plain-name fragments,
 * or "<the resource's own $id>#..."); definitions; type; properties;
 * patternProperties; additionalProperties; required; propertyNames;
 * minProperties; maxProperties; dependencies; enum; const; pattern; minLength;
 * maxLength; minimum; maximum; exclusiveMinimum; exclusiveMaximum; multipleOf;
 * items; additionalItems; minItems; maxItems; uniqueItems; contains; allOf;
 * anyOf; oneOf; not; if/then/else; format "date", "date-time" and "email".
 *
 * Annotations accepted and ignored: title, description, $comment, examples,
 * default, readOnly, writeOnly, and any keyword starting with "x-" (e.g.
 * "x-schema-version"). Every other keyword, and every other format name, makes
 * jsonschema_load fail: nothing is silently ignored. A $ref to another
 * document is refused at load.
 *
 * Semantics worth knowing: integer means a number with zero fraction (1.0 is
 * an integer); enum, const and uniqueItems compare numbers by value (1 == 1.0);
 * minLength/maxLength count Unicode code points; pattern is an unanchored
 * search with ICU regular expressions, with these ECMA-262 adjustments: "$"
 * matches only at the very end, \d and \w (outside character classes) are
 * ASCII-only. As in draft-07, keywords beside "$ref" are ignored when
 * validating. Reference chains that loop without consuming the instance are
 * refused at load; evaluation deeper than JSONSCHEMA_MAX_DEPTH fails.
 *
 * Thread safety: a compiled schema is immutable; jsonschema_validate may be
 * called on it from several threads at once. */
#ifndef SUBSIDY_JSONSCHEMA_H
#define SUBSIDY_JSONSCHEMA_H

#include <jansson.h>
#include <stddef.h>

/* Deepest nesting of subschema evaluation (through $ref, allOf, properties...)
 * before validation gives up with an error. */
#define JSONSCHEMA_MAX_DEPTH 512

typedef struct jsonschema jsonschema;

/* Compiles a schema. The json_t is borrowed: the compiled schema keeps its own
 * reference, so the caller may decref its copy at once. Returns a schema the
 * caller frees with jsonschema_free, or NULL with err set when the schema is
 * malformed or uses a keyword or format this validator does not support; the
 * message names the keyword and its JSON pointer within the schema, e.g.
 * "/properties/x/contentMediaType: unsupported keyword \"contentMediaType\"". */
jsonschema *jsonschema_load(json_t *schema, char *err, size_t errlen);

/* Reads a JSON file (duplicate keys refused) and compiles it as
 * jsonschema_load does. Returns a schema the caller frees, or NULL with err
 * naming the file and the problem. */
jsonschema *jsonschema_load_file(const char *path, char *err, size_t errlen);

/* Frees a compiled schema and drops its reference to the schema JSON. NULL is
 * a no-op. */
void jsonschema_free(jsonschema *s);

/* Validates instance (borrowed, not modified) against s. Returns 1 when valid;
 * 0 when invalid, with err = "<JSON pointer of the failing value>: <keyword>:
 * <what was expected>" for the first error, or the first few joined by "; "
 * (the document root is written "(root)"); -1 on an internal error (out of
 * memory) with err saying so. Safe to call from several threads at once on
 * the same s. */
int jsonschema_validate(const jsonschema *s, const json_t *instance, char *err, size_t errlen);

#endif
