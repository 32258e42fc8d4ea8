#pragma once

// JSON Schema payloads: the payload is JSON; the schema (draft-07, with the 2019-09 `$defs`
// spelling) validates it. The subset that registered schemas use is checked:
//   type (a name or a list), enum, const; minimum, maximum, exclusiveMinimum, exclusiveMaximum
//   (numbers, or draft-04's booleans), multipleOf; minLength, maxLength (in characters), pattern;
//   items (a schema or a tuple), additionalItems, minItems, maxItems, uniqueItems, contains;
//   properties, patternProperties, additionalProperties, required, minProperties,
//   maxProperties, propertyNames, dependencies; allOf, anyOf, oneOf, not, if/then/else;
//   $ref to a JSON pointer in the same document ("#", "#/definitions/x", "#/$defs/x",
//   "#/properties/a/items") or into a reference by its name ("address.json",
//   "address.json#/definitions/street").
// Not checked (accepted as annotations): format, content*, $id-based resolution, and the
// keywords of drafts after 2019-09 (unevaluated*, dependentSchemas, $dynamicRef).
// Patterns are ECMA-262 in the specification and run as PCRE (QRegularExpression), which agrees
// on the syntax registered schemas use (classes, anchors, quantifiers, groups).
//
// Threads: a compiled JsonSchemaCodec is immutable; validate from any number of threads.

#include "schema/result.h"
#include "schema/schematypes.h"

#include <nlohmann/json_fwd.hpp>

#include <QStringList>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edis::schema {

struct Violation {
    std::string pointer; ///< JSON pointer of the value, "" for the whole payload
    QString message; ///< "-5 is less than the minimum 0"
    /// "/amount: -5 is less than the minimum 0" ("/" for the whole payload).
    QString text() const;
};

class JsonSchemaCodec {
public:
    /// At most this many violations are listed for one value (the last says more were found).
    static constexpr std::size_t kMaxViolations = 50;

    /// Compiles the schema: an error when it is not JSON, a keyword has the wrong form, a
    /// pattern does not compile or a $ref points nowhere.
    static Result<std::shared_ptr<const JsonSchemaCodec>> compile(
        const QString &schema, const SchemaReferences &references = {});

    ~JsonSchemaCodec();
    JsonSchemaCodec(const JsonSchemaCodec &) = delete;
    JsonSchemaCodec &operator=(const JsonSchemaCodec &) = delete;

    /// Where `value` breaks the schema; empty when it conforms.
    std::vector<Violation> validate(const nlohmann::ordered_json &value) const;

    /// The payload (JSON text) as JSON: as it is when compact, re-indented when pretty. An error
    /// only when it is not JSON; violations of the schema go to `violations` (when
    /// options.validate), so the value is still shown.
    Result<std::string> decodeToJson(std::string_view payload, const DecodeOptions &options = {},
        std::vector<Violation> *violations = nullptr) const;

    /// Validates the value and returns it as compact JSON text (the payload), or the violations.
    Result<std::string> encodeFromJson(std::string_view json) const;

    struct State; ///< opaque: the documents, resolved $refs and compiled patterns

private:
    JsonSchemaCodec();
    std::unique_ptr<State> d_;
};

/// "/a: …; /b: …", at most `max` of them.
QString violationsText(const std::vector<Violation> &violations, int max = 5);

} // namespace edis::schema
