#pragma once

// Compiling an Avro schema text and its references into the node graph (internal).

#include "schema/avronode.h"
#include "schema/result.h"
#include "schema/schematypes.h"

#include <memory>
#include <string>

namespace edis::schema::avro {

/// The main schema with the named types of the references inlined at their first use, every
/// name written in full: one self-contained schema text.
Result<nlohmann::ordered_json> inlineReferences(const QString &schema, const SchemaReferences &references);

struct Compiled {
    std::unique_ptr<Graph> graph;
    std::string schemaJson; ///< the self-contained schema (what avro-c checked)
};

Result<Compiled> compileSchema(const QString &schema, const SchemaReferences &references);

/// Whether avro-c accepts a schema text; its message when it does not. Serialized: schema
/// parsing is rare, and avro-c keeps its last error in shared state.
QString avroCSchemaError(const std::string &schemaJson);

} // namespace edis::schema::avro
