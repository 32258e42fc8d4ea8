#pragma once

// Schema Registry framed records (the Confluent wire format: magic byte 0, a 4-byte schema id,
// the Avro, Protobuf or JSON Schema payload) decoded with the schemas of a registry, for the
// inspector's views (SchemaPayloadDecoder) and for its filters and topic search (PayloadJson).
//
// Schemas come from a registry::SchemaCache, compiled once per id into a codec of edis_schema.
// Where the caller runs decides how a schema not cached yet is waited for:
//  - on another thread than the cache's (the consumer thread of a search): a blocking fetch,
//    bounded by the cache's timeout and ended within milliseconds by the thread's StopScope;
//  - on the cache's thread with OwnThread::Never (the GUI): not at all. The record shows
//    "fetching schema N…" and the cache's schemaArrived(N) tells the view to refresh;
//  - on the cache's thread with OwnThread::RunEventLoop (the CLI's main thread): a local event
//    loop runs until the schema arrives or fails.
// A record whose schema cannot be had or whose bytes do not match it decodes to an Error value
// that says why, with the raw bytes still shown; nothing here throws.

#include "payloadjson.h"
#include "schemaregistrydecoder.h"

#include <QString>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace edis::registry {
class SchemaCache;
}

namespace edis::inspect {

class SchemaSightings;

class RegistryPayloadDecoder final
    : public SchemaPayloadDecoder
    , public PayloadJson {
public:
    enum class OwnThread { Never, RunEventLoop };
    /// How long a blocking fetch waits at most.
    static constexpr std::chrono::milliseconds kFetchTimeout {15000};
    /// Compiled schemas held at most (each a few KiB); the oldest half goes when full.
    static constexpr std::size_t kMaxCodecs = 512;

    /// `cache` must outlive the decoder and everything that holds it.
    RegistryPayloadDecoder(registry::SchemaCache *cache, OwnThread ownThread);
    ~RegistryPayloadDecoder() override;
    RegistryPayloadDecoder(const RegistryPayloadDecoder &) = delete;
    RegistryPayloadDecoder &operator=(const RegistryPayloadDecoder &) = delete;

    /// The topics decode() has seen with each schema id (for the registry page's "used by").
    const std::shared_ptr<SchemaSightings> &sightings() const { return sightings_; }

    /// The decoded record: Json with the pretty JSON text, or a change event / CloudEvent card
    /// when the decoded value is one; Error (schema unknown, registry unreachable, bytes that do
    /// not match) with the hex of the payload; Framed while the schema is still being fetched.
    std::optional<DecodedValue> decode(
        int schemaId, std::string_view payload, const MessageView &record) const override;

    bool recognises(std::string_view bytes) const override;
    std::optional<std::string> toJson(std::string_view bytes, bool isKey) const override;

    /// A framed key or value (header included) as JSON, or what a user should read instead.
    struct Decoded {
        std::optional<std::string> json; ///< compact or pretty JSON text
        int schemaId = -1; ///< -1 when not framed
        QString schemaType; ///< "AVRO", "PROTOBUF", "JSON"
        /// Protobuf: the full name of the message its index list names ("shop.Order.Line"), what
        /// the produce dialog encodes a held record with again; empty for the other types.
        QString messageType;
        QString error; ///< why there is no JSON (empty when there is)
        QString note; ///< something to know about a value that decoded (fields not in the schema)
        bool pending = false; ///< the schema is being fetched (OwnThread::Never only)
    };
    Decoded decodeFramed(std::string_view framed, bool pretty) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> compiled(int schemaId, QString *error, bool *pending) const;

    registry::SchemaCache *cache_;
    OwnThread ownThread_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<int, std::shared_ptr<const Compiled>> codecs_;
    std::shared_ptr<SchemaSightings> sightings_;
};

} // namespace edis::inspect
