#pragma once

// Keys and values encoded with a Schema Registry schema, for producing: the JSON a user writes
// becomes a record in the Confluent wire format (magic byte, schema id, for Protobuf the message
// index list, the payload) that any Confluent-compatible consumer decodes. `edis produce` and
// the produce dialog prepare one encoder per key or value on the registry's thread
// (asynchronously: the schema and its references are fetched first), then encode on any thread.

#include "recordsender.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "schema/codec.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace edis::inspect {

/// Which schema to encode with: a version of a subject, or a schema by its global id.
struct SchemaChoice {
    QString subject; ///< with `version`; ignored when `schemaId` is set
    int version = registry::kLatestVersion;
    int schemaId = 0; ///< > 0: this schema, whichever subjects hold it
    /// Protobuf: the message to encode, by full name ("shop.Order"); empty: the file's first.
    QString messageType;

    bool isSet() const { return schemaId > 0 || !subject.isEmpty(); }
};

/// A schema resolved (its references included) and compiled. Immutable: share it between threads.
class SchemaEncoder {
public:
    SchemaEncoder(registry::Schema schema, std::shared_ptr<const schema::Codec> codec,
        std::vector<int> indexes, QString typeName);

    /// `json` as a whole framed record; an error sentence when it does not fit the schema
    /// ("field amount: expected double, got string").
    schema::Result<QByteArray> encode(std::string_view json) const;

    const registry::Schema &schema() const { return schema_; }
    /// What it encodes with, for the user: "orders-value v3 (id 42, AVRO edis.Order)".
    QString describe() const;

private:
    registry::Schema schema_;
    std::shared_ptr<const schema::Codec> codec_;
    std::vector<int> indexes_;
    QString typeName_;
};

using SchemaEncoderPtr = std::shared_ptr<const SchemaEncoder>;

/// The schemas a send encodes its keys and values with; a null one sends the field as it is.
struct RecordEncoders {
    SchemaEncoderPtr key;
    SchemaEncoderPtr value;
    bool any() const { return key || value; }
};

/// Why encodedRecords() ended the records: the sentence, and which record (1-based) it was.
struct EncodeFailure {
    QString reason;
    quint64 record = 0;
};

/// `records` with each non-null key and value encoded as `encoders` say (a null stays null: a
/// tombstone). The first key or value that does not fit its schema ends the records and fills
/// `*failure`, which the caller reads after the send (on the thread that ran it).
OutgoingRecords encodedRecords(
    OutgoingRecords records, RecordEncoders encoders, std::shared_ptr<EncodeFailure> failure);

/// Resolves `choice` through `client` and `cache` (both living on the calling thread) and
/// compiles it. `done` is called once, on that thread, never from inside this call: the encoder,
/// or why there is none (no such subject, version or id; the registry unreachable; a schema that
/// does not compile; no such Protobuf message — RegistryError::Kind::InvalidSchema for the last two).
void prepareSchemaEncoder(registry::RegistryClient &client, registry::SchemaCache &cache,
    const SchemaChoice &choice, std::function<void(const registry::Result<SchemaEncoderPtr> &)> done);

/// The key's and the value's encoders of a send, or why not: the first error, and which field
/// ("key", "value") it was for.
struct PreparedEncoders {
    RecordEncoders encoders;
    registry::RegistryError error; ///< ok() when both that were asked for are ready
    QString field;
};

/// prepareSchemaEncoder() for the key's and the value's choice that are set, one after the
/// other; `done` once, on this thread, never from inside this call.
void prepareRecordEncoders(registry::RegistryClient &client, registry::SchemaCache &cache,
    const SchemaChoice &key, const SchemaChoice &value, std::function<void(const PreparedEncoders &)> done);

} // namespace edis::inspect
