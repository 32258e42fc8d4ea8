#pragma once

// EDIS's Avro binary reader (binary → JSON text) and writer (JSON → binary) over the node graph.

#include "schema/avronode.h"
#include "schema/schematypes.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace edis::schema::avro {

/// Nesting deeper than this (a recursive type) is refused rather than risking the stack.
inline constexpr int kMaxValueDepth = 200;
/// Items of a type that takes zero bytes (null, an empty record) one payload may claim in all.
inline constexpr std::size_t kMaxEmptyItems = std::size_t(1) << 20;

/// Appends the JSON of the value that fills `payload` exactly; false, with `*error` naming the
/// field and what is wrong, when the bytes do not match (`*out` is then unspecified).
bool readJson(const Graph &graph, std::string_view payload, const DecodeOptions &options, std::string *out,
    QString *error);

/// "home.city", "tags[3]": a path collected innermost first, as errors unwind.
QString pathText(const std::vector<std::string> &reversed);

/// Appends the binary encoding of `value`; false, with `*error`, when it does not fit the schema.
bool writeBinary(const Graph &graph, const nlohmann::ordered_json &value, std::string *out, QString *error);

} // namespace edis::schema::avro
