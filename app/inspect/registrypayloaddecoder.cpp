#include "registrypayloaddecoder.h"

#include "builtindecoders.h"
#include "registry/schemacache.h"
#include "schema/avrocodec.h"
#include "schema/jsonschema.h"
#include "schema/protobufcodec.h"
#include "schema/wireformat.h"
#include "schemasightings.h"
#include "stopscope.h"
#include "textformat.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <vector>

namespace edis::inspect {

namespace {

constexpr std::size_t kMaxDumpBytes = std::size_t {1024} * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::RegistryPayloadDecoder", text);
}

schema::SchemaReferences referencesOf(const registry::ResolvedSchema &resolved)
{
    schema::SchemaReferences references;
    references.reserve(resolved.references.size());
    for (const registry::ResolvedReference &reference : resolved.references) {
        references.append({reference.name, reference.schema.text});
    }
    return references;
}

/// Decoders that give a decoded JSON value its richer view (a Debezium change, a CloudEvent).
const std::vector<std::unique_ptr<Decoder>> &envelopeDecoders()
{
    static const auto *decoders = [] {
        auto *list = new std::vector<std::unique_ptr<Decoder>>;
        list->push_back(makeDebeziumDecoder());
        list->push_back(makeCloudEventsDecoder());
        return list;
    }();
    return *decoders;
}

} // namespace

/// One schema id compiled into the codec of its type (exactly one of the three is set).
struct RegistryPayloadDecoder::Compiled {
    registry::SchemaType type = registry::SchemaType::Avro;
    std::shared_ptr<const schema::AvroCodec> avro;
    std::shared_ptr<const schema::ProtobufCodec> protobuf;
    std::shared_ptr<const schema::JsonSchemaCodec> json;
    QString error; ///< the schema did not compile: every record of it says so
};

RegistryPayloadDecoder::RegistryPayloadDecoder(registry::SchemaCache *cache, OwnThread ownThread)
    : cache_(cache)
    , ownThread_(ownThread)
    , sightings_(std::make_shared<SchemaSightings>())
{
}

RegistryPayloadDecoder::~RegistryPayloadDecoder() = default;

std::shared_ptr<const RegistryPayloadDecoder::Compiled> RegistryPayloadDecoder::compiled(
    int schemaId, QString *error, bool *pending) const
{
    {
        std::lock_guard lock(mutex_);
        if (const auto it = codecs_.find(schemaId); it != codecs_.end()) {
            return it->second;
        }
    }
    registry::SchemaPtr schema = cache_->lookup(schemaId);
    if (!schema) {
        if (QThread::currentThread() != cache_->thread()) {
            const auto fetched = cache_->fetchBlocking(schemaId, StopScope::current(), kFetchTimeout);
            if (!fetched.ok()) {
                *error = fetched.error().message;
                return nullptr;
            }
            schema = fetched.value();
        } else if (ownThread_ == OwnThread::RunEventLoop && !cache_->failure(schemaId)) {
            QEventLoop loop;
            const auto quitFor = [&loop, schemaId](int id) {
                if (id == schemaId) {
                    loop.quit();
                }
            };
            const QMetaObject::Connection arrived
                = QObject::connect(cache_, &registry::SchemaCache::schemaArrived, &loop, quitFor);
            const QMetaObject::Connection failed
                = QObject::connect(cache_, &registry::SchemaCache::schemaFailed, &loop,
                    [&quitFor](int id, const registry::RegistryError &) { quitFor(id); });
            QTimer::singleShot(kFetchTimeout, &loop, &QEventLoop::quit);
            schema = cache_->lookup(schemaId); // the fetch started by the first lookup may be done
            if (!schema && !cache_->failure(schemaId)) {
                loop.exec();
                schema = cache_->lookup(schemaId);
            }
            QObject::disconnect(arrived);
            QObject::disconnect(failed);
        }
        if (!schema) {
            if (const auto failure = cache_->failure(schemaId)) {
                *error = failure->message;
            } else if (ownThread_ == OwnThread::Never) {
                *pending = true;
            } else {
                *error = tr("The Schema Registry did not answer for schema %1 in time.").arg(schemaId);
            }
            return nullptr;
        }
    }

    auto result = std::make_shared<Compiled>();
    result->type = schema->schema.type;
    const schema::SchemaReferences references = referencesOf(*schema);
    const QString &text = schema->schema.text;
    switch (schema->schema.type) {
    case registry::SchemaType::Avro:
        if (auto codec = schema::AvroCodec::compile(text, references)) {
            result->avro = codec.value();
        } else {
            result->error = codec.error();
        }
        break;
    case registry::SchemaType::Protobuf:
        if (auto codec = schema::ProtobufCodec::compile(text, references)) {
            result->protobuf = codec.value();
        } else {
            result->error = codec.error();
        }
        break;
    case registry::SchemaType::Json:
        if (auto codec = schema::JsonSchemaCodec::compile(text, references)) {
            result->json = codec.value();
        } else {
            result->error = codec.error();
        }
        break;
    }
    if (!result->error.isEmpty()) {
        result->error = tr("Schema %1 does not parse: %2").arg(schemaId).arg(result->error);
    }
    std::lock_guard lock(mutex_);
    if (codecs_.size() >= kMaxCodecs) {
        // Rarely reached (a topic uses a handful of ids): forget half, not one at a time.
        for (auto it = codecs_.begin(); it != codecs_.end() && codecs_.size() > kMaxCodecs / 2;) {
            it = codecs_.erase(it);
        }
    }
    codecs_.emplace(schemaId, result);
    return result;
}

RegistryPayloadDecoder::Decoded RegistryPayloadDecoder::decodeFramed(
    std::string_view framed, bool pretty) const
{
    Decoded out;
    const auto frame = schema::wire::parseFrame(framed);
    if (!frame) {
        out.error = frame.error();
        return out;
    }
    out.schemaId = frame->schemaId;
    const auto codec = compiled(frame->schemaId, &out.error, &out.pending);
    if (!codec) {
        return out;
    }
    out.schemaType = registry::toString(codec->type);
    if (!codec->error.isEmpty()) {
        out.error = codec->error;
        return out;
    }
    schema::DecodeOptions options;
    options.pretty = pretty;
    const auto fail = [&](const QString &why) {
        out.error = tr("Schema %1 (%2): %3").arg(out.schemaId).arg(out.schemaType, why);
    };
    if (codec->avro) {
        auto json = codec->avro->decodeToJson(frame->payload, options);
        json ? void(out.json = std::move(json).value()) : fail(json.error());
    } else if (codec->protobuf) {
        const auto indexes = schema::wire::parseMessageIndexes(frame->payload);
        if (!indexes) {
            fail(indexes.error());
            return out;
        }
        QStringList problems;
        auto json = codec->protobuf->decodeToJson(indexes->payload, indexes->indexes, options, &problems);
        json ? void(out.json = std::move(json).value()) : fail(json.error());
        out.note = problems.join(QStringLiteral("; "));
        if (const auto name = codec->protobuf->messageName(indexes->indexes); name && out.json) {
            out.messageType = name.value();
        }
    } else if (codec->json) {
        std::vector<schema::Violation> violations;
        auto json = codec->json->decodeToJson(frame->payload, options, &violations);
        json ? void(out.json = std::move(json).value()) : fail(json.error());
        if (!violations.empty()) {
            out.note = tr("Does not conform to schema %1: %2")
                           .arg(out.schemaId)
                           .arg(schema::violationsText(violations));
        }
    }
    return out;
}

bool RegistryPayloadDecoder::recognises(std::string_view bytes) const
{
    return bytes.size() >= schema::wire::kHeaderBytes && bytes[0] == schema::wire::kMagicByte;
}

std::optional<std::string> RegistryPayloadDecoder::toJson(std::string_view bytes, bool /*isKey*/) const
{
    return decodeFramed(bytes, false).json;
}

std::optional<DecodedValue> RegistryPayloadDecoder::decode(
    int schemaId, std::string_view payload, const MessageView &record) const
{
    sightings_->note(schemaId, record.topic()); // the record is shown: its topic uses the schema
    const Decoded decoded = decodeFramed(record.value(), true);
    DecodedValue d;
    d.decoderId = decoderid::kSchemaRegistry;
    d.schemaId = schemaId;
    if (decoded.pending) {
        d.kind = DecodedValue::Kind::Framed;
        d.summary = tr("Schema Registry framed, schema id %1: fetching the schema…").arg(schemaId);
        d.text = hexDump(payload, kMaxDumpBytes, &d.truncated);
        return d;
    }
    if (!decoded.json) {
        d.kind = DecodedValue::Kind::Error;
        d.error = decoded.error;
        d.summary = decoded.error;
        d.text = hexDump(payload, kMaxDumpBytes, &d.truncated);
        return d;
    }
    d.fields.append({tr("Schema"), tr("id %1 (%2)").arg(schemaId).arg(decoded.schemaType)});
    if (!decoded.note.isEmpty()) {
        d.error = decoded.note;
    }
    // A Debezium change or a CloudEvent carried in Avro gets the view a JSON one gets: the
    // decoders of those envelopes read the decoded JSON in place of the bytes.
    MessageBatch reading;
    const std::vector<HeaderRef> headers = record.headers();
    RecordRef ref;
    ref.topic = record.topic();
    ref.partition = record.partition();
    ref.offset = record.offset();
    ref.timestamp = record.timestamp();
    if (record.hasKey()) {
        ref.key = record.key();
    }
    ref.value = std::string_view(*decoded.json);
    ref.headers = headers.data();
    ref.headerCount = headers.size();
    reading.append(ref);
    const MessageView view = reading.at(0);
    const Decoder *best = nullptr;
    int bestConfidence = 0;
    for (const auto &envelope : envelopeDecoders()) {
        if (const int c = envelope->detect(view); c > bestConfidence) {
            best = envelope.get();
            bestConfidence = c;
        }
    }
    DecodedValue rich;
    if (best) {
        rich = best->decode(view);
    }
    if (best && rich.kind != DecodedValue::Kind::Error && rich.kind != DecodedValue::Kind::Json) {
        rich.decoderId = d.decoderId;
        rich.schemaId = schemaId;
        rich.fields = d.fields + rich.fields;
        if (rich.error.isEmpty()) {
            rich.error = d.error;
        }
        return rich;
    }
    d.kind = DecodedValue::Kind::Json;
    d.text = QString::fromUtf8(decoded.json->data(), qsizetype(decoded.json->size()));
    // The table's one line from the compact form (the codec is compiled: this is the decode alone).
    const Decoded compact = decodeFramed(record.value(), false);
    d.summary = compact.json ? oneLine(std::string_view(*compact.json), 240) : oneLine(d.text, 240);
    return d;
}

} // namespace edis::inspect
