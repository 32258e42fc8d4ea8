#include "schemaregistrydecoder.h"

#include "builtindecoders.h"
#include "textformat.h"

#include <QCoreApplication>

namespace edis::inspect {

namespace {

constexpr std::size_t kFrameBytes = 5;
constexpr std::size_t kMaxDumpBytes = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

} // namespace

SchemaRegistryDecoder::SchemaRegistryDecoder(std::shared_ptr<const SchemaPayloadDecoder> payloadDecoder)
    : payloadDecoder_(std::move(payloadDecoder))
{
}

QString SchemaRegistryDecoder::id() const
{
    return decoderid::kSchemaRegistry;
}

QString SchemaRegistryDecoder::name() const
{
    return tr("Schema Registry (Avro/Protobuf/JSON Schema)");
}

std::optional<int> SchemaRegistryDecoder::schemaIdOf(std::string_view v)
{
    if (v.size() < kFrameBytes || v[0] != '\0') {
        return std::nullopt;
    }
    const auto b = [&](std::size_t i) { return uint32_t(static_cast<unsigned char>(v[i])); };
    return int(b(1) << 24 | b(2) << 16 | b(3) << 8 | b(4));
}

int SchemaRegistryDecoder::detect(const MessageView &record) const
{
    return record.hasValue() && schemaIdOf(record.value()) ? confidence::kFramed : 0;
}

DecodedValue SchemaRegistryDecoder::decode(const MessageView &record) const
{
    DecodedValue d;
    d.decoderId = id();
    const auto schemaId = record.hasValue() ? schemaIdOf(record.value()) : std::nullopt;
    if (!schemaId) {
        d.kind = DecodedValue::Kind::Error;
        d.error = tr("Not Schema Registry framed (no magic byte 0 and schema id).");
        d.text = hexDump(record.value(), kMaxDumpBytes, &d.truncated);
        d.summary = hexPreview(record.value(), 32);
        return d;
    }
    const auto payload = record.value().substr(kFrameBytes);
    if (payloadDecoder_) {
        if (auto decoded = payloadDecoder_->decode(*schemaId, payload, record)) {
            decoded->schemaId = schemaId;
            return *decoded;
        }
    }
    d.kind = DecodedValue::Kind::Framed;
    d.schemaId = schemaId;
    d.summary = tr("Schema Registry framed, schema id %1 (decoder not available)").arg(*schemaId);
    d.text = hexDump(payload, kMaxDumpBytes, &d.truncated);
    return d;
}

QString SchemaRegistryDecoder::preview(const MessageView &record, int maxChars) const
{
    return oneLine(decode(record).summary, maxChars);
}

} // namespace edis::inspect
