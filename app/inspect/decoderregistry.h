#pragma once

// The decoders known to the inspector, auto-detection, and per-topic choice.

#include "decoder.h"

#include <QString>

#include <memory>
#include <vector>

namespace edis::inspect {

class DecoderRegistry {
public:
    /// An empty registry; see withBuiltIns().
    DecoderRegistry() = default;
    DecoderRegistry(const DecoderRegistry &) = delete;
    DecoderRegistry &operator=(const DecoderRegistry &) = delete;

    /// Null/tombstone, Schema Registry framing, CloudEvents, Debezium, JSON, text, hex.
    static std::unique_ptr<DecoderRegistry> withBuiltIns();
    /// A shared registry with the built-ins only (decoders are const, so sharing is safe).
    static std::shared_ptr<const DecoderRegistry> shared();

    /// Adds a decoder (e.g. an Avro decoder backed by a Schema Registry). Not thread-safe: set
    /// a registry up before handing it to consumers. A decoder with an id already present
    /// replaces the old one.
    void add(std::unique_ptr<Decoder> decoder);

    int count() const { return int(decoders_.size()); }
    const Decoder *at(int index) const { return decoders_[std::size_t(index)].get(); }
    const Decoder *byId(const QString &id) const;
    int indexOf(const QString &id) const;

    /// The most confident decoder for the record, as stored in MessageMeta::decoder
    /// (index + 1; 0 when the registry is empty).
    uint8_t detect(const MessageView &record) const;
    /// The decoder for a record: `overrideId` when set and known, else the stored detection,
    /// else detection now.
    const Decoder *decoderFor(const MessageView &record, const QString &overrideId = {}) const;
    DecodedValue decode(const MessageView &record, const QString &overrideId = {}) const;

    /// Sets the detection and the heartbeat flag of a freshly appended record.
    void classify(MessageMeta &meta, const MessageView &record) const;

private:
    std::vector<std::unique_ptr<Decoder>> decoders_;
};

} // namespace edis::inspect
