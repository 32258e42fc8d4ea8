#include "decoderregistry.h"

#include "builtindecoders.h"
#include "schemaregistrydecoder.h"

namespace edis::inspect {

std::unique_ptr<DecoderRegistry> DecoderRegistry::withBuiltIns()
{
    auto registry = std::make_unique<DecoderRegistry>();
    registry->add(makeNullDecoder());
    registry->add(std::make_unique<SchemaRegistryDecoder>());
    registry->add(makeCloudEventsDecoder());
    registry->add(makeDebeziumDecoder());
    registry->add(makeJsonDecoder());
    registry->add(makeTextDecoder());
    registry->add(makeHexDecoder());
    return registry;
}

std::shared_ptr<const DecoderRegistry> DecoderRegistry::shared()
{
    static const std::shared_ptr<const DecoderRegistry> registry = withBuiltIns();
    return registry;
}

void DecoderRegistry::add(std::unique_ptr<Decoder> decoder)
{
    const int existing = indexOf(decoder->id());
    if (existing >= 0) {
        decoders_[std::size_t(existing)] = std::move(decoder);
    } else if (decoders_.size() < 255) { // the index must fit MessageMeta::decoder
        decoders_.push_back(std::move(decoder));
    }
}

const Decoder *DecoderRegistry::byId(const QString &id) const
{
    const int i = indexOf(id);
    return i >= 0 ? decoders_[std::size_t(i)].get() : nullptr;
}

int DecoderRegistry::indexOf(const QString &id) const
{
    for (std::size_t i = 0; i < decoders_.size(); ++i) {
        if (decoders_[i]->id() == id) {
            return int(i);
        }
    }
    return -1;
}

uint8_t DecoderRegistry::detect(const MessageView &record) const
{
    int best = 0;
    std::size_t bestIndex = 0;
    for (std::size_t i = 0; i < decoders_.size(); ++i) {
        const int c = decoders_[i]->detect(record);
        if (c > best) { // ties go to the earlier, more specific decoder
            best = c;
            bestIndex = i + 1;
            if (c >= confidence::kCertain) {
                break;
            }
        }
    }
    return uint8_t(bestIndex);
}

const Decoder *DecoderRegistry::decoderFor(const MessageView &record, const QString &overrideId) const
{
    if (!overrideId.isEmpty()) {
        if (const Decoder *d = byId(overrideId)) {
            return d;
        }
    }
    uint8_t index = record.meta().decoder;
    if (index == 0 || index > decoders_.size()) {
        index = detect(record);
    }
    return index == 0 ? nullptr : decoders_[index - 1u].get();
}

DecodedValue DecoderRegistry::decode(const MessageView &record, const QString &overrideId) const
{
    if (const Decoder *d = decoderFor(record, overrideId)) {
        return d->decode(record);
    }
    return {};
}

void DecoderRegistry::classify(MessageMeta &meta, const MessageView &record) const
{
    meta.decoder = detect(record);
    if (isDebeziumHeartbeat(record)) {
        meta.flags |= Heartbeat;
    } else {
        meta.flags &= uint8_t(~Heartbeat);
    }
}

} // namespace edis::inspect
