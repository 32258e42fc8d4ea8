#include "schema/avrocodec.h"

#include "schema/avrocompiler.h"
#include "schema/avroio.h"
#include "schema/translate.h"

namespace edis::schema {

AvroCodec::~AvroCodec() = default;

Result<std::shared_ptr<const AvroCodec>> AvroCodec::compile(
    const QString &schema, const SchemaReferences &references)
{
    using R = Result<std::shared_ptr<const AvroCodec>>;
    auto compiled = avro::compileSchema(schema, references);
    if (!compiled) {
        return R::failure(compiled.error());
    }
    std::shared_ptr<AvroCodec> codec(new AvroCodec);
    codec->graph_ = std::move(compiled.value().graph);
    codec->schemaJson_ = std::move(compiled.value().schemaJson);
    return R::success(std::move(codec));
}

const std::string &AvroCodec::typeName() const
{
    return graph_->root->branchName;
}

Result<std::string> AvroCodec::decodeToJson(std::string_view payload, const DecodeOptions &options) const
{
    std::string out;
    QString error;
    if (!avro::readJson(*graph_, payload, options, &out, &error)) {
        return Result<std::string>::failure(
            tr("The bytes do not match the Avro schema %1: %2").arg(qs(typeName()), error));
    }
    return Result<std::string>::success(std::move(out));
}

Result<std::string> AvroCodec::encodeFromJson(std::string_view json) const
{
    using R = Result<std::string>;
    const auto value = nlohmann::ordered_json::parse(json, nullptr, false);
    if (value.is_discarded()) {
        try {
            [[maybe_unused]] const auto again = nlohmann::ordered_json::parse(json);
        } catch (const nlohmann::json::parse_error &e) {
            return R::failure(
                tr("The value is not valid JSON (at byte %1): %2").arg(e.byte).arg(qs(e.what())));
        }
        return R::failure(tr("The value is not valid JSON."));
    }
    std::string out;
    QString error;
    if (!avro::writeBinary(*graph_, value, &out, &error)) {
        return R::failure(tr("The value does not fit the Avro schema %1: %2").arg(qs(typeName()), error));
    }
    return R::success(std::move(out));
}

} // namespace edis::schema
