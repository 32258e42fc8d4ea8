#include "schema/codec.h"

#include "schema/avrocodec.h"
#include "schema/jsonschema.h"
#include "schema/protobufcodec.h"
#include "schema/translate.h"
#include "schema/wireformat.h"

namespace edis::schema {

Codec::Codec(SchemaType type)
    : type_(type)
{
}

Codec::~Codec() = default;

Result<std::shared_ptr<const Codec>> Codec::compile(
    SchemaType type, const QString &schema, const SchemaReferences &references)
{
    using R = Result<std::shared_ptr<const Codec>>;
    std::shared_ptr<Codec> codec(new Codec(type));
    QString error;
    switch (type) {
    case SchemaType::Avro:
        if (auto c = AvroCodec::compile(schema, references)) {
            codec->avro_ = std::move(c).value();
        } else {
            error = c.error();
        }
        break;
    case SchemaType::Protobuf:
        if (auto c = ProtobufCodec::compile(schema, references)) {
            codec->protobuf_ = std::move(c).value();
        } else {
            error = c.error();
        }
        break;
    case SchemaType::Json:
        if (auto c = JsonSchemaCodec::compile(schema, references)) {
            codec->json_ = std::move(c).value();
        } else {
            error = c.error();
        }
        break;
    }
    return error.isEmpty() ? R::success(std::move(codec)) : R::failure(error);
}

Result<Decoded> Codec::decodeToJson(
    std::string_view payload, std::span<const int> indexes, const DecodeOptions &options) const
{
    using R = Result<Decoded>;
    Decoded d;
    if (avro_) {
        auto r = avro_->decodeToJson(payload, options);
        if (!r) {
            return R::failure(r.error());
        }
        d.json = std::move(r).value();
        d.typeName = qs(avro_->typeName());
    } else if (protobuf_) {
        auto r = protobuf_->decodeToJson(payload, indexes, options, &d.problems);
        if (!r) {
            return R::failure(r.error());
        }
        d.json = std::move(r).value();
        d.typeName = protobuf_->messageName(indexes).value();
    } else {
        std::vector<Violation> violations;
        auto r = json_->decodeToJson(payload, options, &violations);
        if (!r) {
            return R::failure(r.error());
        }
        d.json = std::move(r).value();
        for (const auto &v : violations) {
            d.problems << tr("Does not match the schema at %1").arg(v.text());
        }
    }
    return R::success(std::move(d));
}

Result<Decoded> Codec::decodeFramed(std::string_view record, const DecodeOptions &options) const
{
    const auto frame = wire::parseFrame(record);
    if (!frame) {
        return Result<Decoded>::failure(frame.error());
    }
    if (!protobuf_) {
        return decodeToJson(frame->payload, {}, options);
    }
    const auto m = wire::parseMessageIndexes(frame->payload);
    if (!m) {
        return Result<Decoded>::failure(m.error());
    }
    return decodeToJson(m->payload, m->indexes, options);
}

Result<std::string> Codec::encodeFromJson(std::string_view json, std::span<const int> indexes) const
{
    if (avro_) {
        return avro_->encodeFromJson(json);
    }
    if (protobuf_) {
        return protobuf_->encodeFromJson(json, indexes);
    }
    return json_->encodeFromJson(json);
}

Result<std::string> Codec::encodeFramed(
    int32_t schemaId, std::string_view json, std::span<const int> indexes) const
{
    auto payload = encodeFromJson(json, indexes);
    if (!payload) {
        return payload;
    }
    auto out = wire::frameHeader(schemaId);
    if (protobuf_) {
        wire::appendMessageIndexes(out, indexes);
    }
    out += payload.value();
    return Result<std::string>::success(std::move(out));
}

std::vector<Codec::MessageType> Codec::messageTypes() const
{
    std::vector<MessageType> out;
    if (protobuf_) {
        for (auto &m : protobuf_->messageTypes()) {
            out.push_back({std::move(m.indexes), std::move(m.fullName)});
        }
    } else {
        out.push_back({{0}, avro_ ? qs(avro_->typeName()) : QString()});
    }
    return out;
}

Result<std::vector<int>> Codec::indexesOf(const QString &fullName) const
{
    QStringList names;
    for (const auto &m : messageTypes()) {
        if (m.fullName == fullName) {
            return Result<std::vector<int>>::success(m.indexes);
        }
        names << m.fullName;
    }
    return Result<std::vector<int>>::failure(
        tr("The schema has no message %1 (it has %2).").arg(fullName, names.join(QStringLiteral(", "))));
}

} // namespace edis::schema
