#pragma once

// Payloads that are not JSON on the wire but have a JSON reading: Schema Registry framed Avro,
// Protobuf and JSON Schema values and keys. The filter language reads `value.<path>` and
// `key.<path>` of such records through it, so that `value.amount > 100` works on an Avro topic
// as on a JSON one.

#include <optional>
#include <string>
#include <string_view>

namespace edis::inspect {

class PayloadJson {
public:
    virtual ~PayloadJson() = default;
    /// Whether `bytes` are a payload this reads (cheap: it runs for every record a filter sees).
    virtual bool recognises(std::string_view bytes) const = 0;
    /// The payload as JSON text; nullopt when it cannot be had (a schema not known, or not
    /// known yet; bytes that do not match their schema): the record's fields are then missing.
    /// Must be thread-safe; the consumer thread of a whole-topic search calls it.
    virtual std::optional<std::string> toJson(std::string_view bytes, bool isKey) const = 0;
};

} // namespace edis::inspect
