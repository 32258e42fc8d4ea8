#pragma once

// One connection's Schema Registry, as the inspector decodes with it: the RegistryClient and the
// SchemaCache on the GUI thread, a RegistryPayloadDecoder over them (OwnThread::Never: a record
// whose schema is not cached yet shows "fetching schema N…"), the decoders with it, and the
// payload reading that filters and whole-topic searches use. The cache's arrivals and failures
// come out as one schemasChanged() per event-loop turn, however many schemas came in it, so
// that the views refresh once.
//
// Shared: what the decoders and payloads hand out shares ownership of the whole, so a search's
// consumer thread that still reads payloads keeps the cache alive after the connection went.
// Made with create(); the last owner may let go on any thread (the object is then deleted on
// its own thread).

#include "registry/registrysettings.h"

#include <QObject>

#include <memory>

namespace edis::registry {
class RegistryClient;
class SchemaCache;
} // namespace edis::registry

namespace edis::inspect {

class DecoderRegistry;
class PayloadJson;
class RegistryPayloadDecoder;
class SchemaSightings;

class RegistryDecoding
    : public QObject
    , public std::enable_shared_from_this<RegistryDecoding> {
    Q_OBJECT
public:
    /// On the thread the cache is to live on (the GUI thread). Settings that do not validate
    /// give a working object whose every record says why (RegistryClient's InvalidSettings).
    static std::shared_ptr<RegistryDecoding> create(const registry::RegistrySettings &settings);
    ~RegistryDecoding() override;
    RegistryDecoding(const RegistryDecoding &) = delete;
    RegistryDecoding &operator=(const RegistryDecoding &) = delete;

    const registry::RegistrySettings &settings() const;
    registry::RegistryClient *client() const { return client_.get(); }
    registry::SchemaCache *cache() const { return cache_.get(); }
    const RegistryPayloadDecoder *payloadDecoder() const { return decoder_.get(); }
    /// The topics the inspector has seen carrying each schema id.
    std::shared_ptr<const SchemaSightings> sightings() const;
    /// The built-in decoders with Schema Registry framing decoded through this registry.
    std::shared_ptr<const DecoderRegistry> decoders();
    /// For ConsumeRequest::payloads and MessageTableModel::setPayloads.
    std::shared_ptr<const PayloadJson> payloads();

Q_SIGNALS:
    /// Schemas arrived or failed since the last emission: decoded text may have changed.
    void schemasChanged();

private:
    explicit RegistryDecoding(const registry::RegistrySettings &settings);
    void queueChanged();

    // Declared in the order they are made: each is destroyed before what it uses.
    std::unique_ptr<registry::RegistryClient> client_;
    std::unique_ptr<registry::SchemaCache> cache_;
    std::shared_ptr<RegistryPayloadDecoder> decoder_;
    std::unique_ptr<DecoderRegistry> decoders_;
    bool changeQueued_ = false;
};

} // namespace edis::inspect
