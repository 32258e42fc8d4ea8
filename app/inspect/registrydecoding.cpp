#include "registrydecoding.h"

#include "decoderregistry.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "registrypayloaddecoder.h"
#include "schemaregistrydecoder.h"

#include <QThread>

namespace edis::inspect {

std::shared_ptr<RegistryDecoding> RegistryDecoding::create(const registry::RegistrySettings &settings)
{
    // A QObject goes on its own thread: a search's consumer thread may hold the last reference.
    return {new RegistryDecoding(settings), [](RegistryDecoding *decoding) {
                if (QThread::currentThread() == decoding->thread()) {
                    delete decoding;
                } else {
                    decoding->deleteLater();
                }
            }};
}

RegistryDecoding::RegistryDecoding(const registry::RegistrySettings &settings)
    : client_(std::make_unique<registry::RegistryClient>(settings))
    , cache_(std::make_unique<registry::SchemaCache>(client_.get()))
    , decoder_(
          std::make_shared<RegistryPayloadDecoder>(cache_.get(), RegistryPayloadDecoder::OwnThread::Never))
    , decoders_(DecoderRegistry::withBuiltIns())
{
    decoders_->add(std::make_unique<SchemaRegistryDecoder>(decoder_));
    connect(cache_.get(), &registry::SchemaCache::schemaArrived, this, &RegistryDecoding::queueChanged);
    connect(cache_.get(), &registry::SchemaCache::schemaFailed, this, &RegistryDecoding::queueChanged);
}

RegistryDecoding::~RegistryDecoding() = default;

const registry::RegistrySettings &RegistryDecoding::settings() const
{
    return client_->settings();
}

std::shared_ptr<const DecoderRegistry> RegistryDecoding::decoders()
{
    return {shared_from_this(), decoders_.get()};
}

std::shared_ptr<const PayloadJson> RegistryDecoding::payloads()
{
    return {shared_from_this(), decoder_.get()};
}

void RegistryDecoding::queueChanged()
{
    // A page of records with a dozen schema ids: one refresh of the views, not a dozen.
    if (changeQueued_) {
        return;
    }
    changeQueued_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            changeQueued_ = false;
            Q_EMIT schemasChanged();
        },
        Qt::QueuedConnection);
}

std::shared_ptr<const SchemaSightings> RegistryDecoding::sightings() const
{
    return decoder_->sightings();
}

} // namespace edis::inspect
