#pragma once

// Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro, Protobuf or
// JSON Schema encoded payload. This decoder recognises the framing; turning the payload into
// fields is the job of a SchemaPayloadDecoder, which the Schema Registry integration provides.

#include "decoder.h"

#include <memory>
#include <optional>

namespace edis::inspect {

/// Decodes the payload after the 5-byte frame, knowing its schema id (fetching and caching the
/// schema is the implementation's business). Must be thread-safe: it runs on the GUI thread and
/// in topic scans.
class SchemaPayloadDecoder {
public:
    virtual ~SchemaPayloadDecoder() = default;
    /// nullopt when the schema cannot be had; the record is then shown as framed bytes.
    virtual std::optional<DecodedValue> decode(
        int schemaId, std::string_view payload, const MessageView &record) const = 0;
};

class SchemaRegistryDecoder : public Decoder {
public:
    explicit SchemaRegistryDecoder(std::shared_ptr<const SchemaPayloadDecoder> payloadDecoder = {});

    QString id() const override;
    QString name() const override;
    int detect(const MessageView &record) const override;
    DecodedValue decode(const MessageView &record) const override;
    QString preview(const MessageView &record, int maxChars) const override;

    /// The schema id of a framed value, or nullopt when the value is not framed.
    static std::optional<int> schemaIdOf(std::string_view value);

private:
    std::shared_ptr<const SchemaPayloadDecoder> payloadDecoder_;
};

} // namespace edis::inspect
