#include "registryencoder.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

namespace edis::inspect {

namespace {

using registry::RegistryError;
using Kind = registry::RegistryError::Kind;
using Done = std::function<void(const registry::Result<SchemaEncoderPtr> &)>;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect::SchemaEncoder", text);
}

schema::SchemaType codecType(registry::SchemaType type)
{
    switch (type) {
    case registry::SchemaType::Protobuf:
        return schema::SchemaType::Protobuf;
    case registry::SchemaType::Json:
        return schema::SchemaType::Json;
    case registry::SchemaType::Avro:
        break;
    }
    return schema::SchemaType::Avro;
}

/// Calls `done` from the event loop of `context`'s thread, never from inside the caller.
void deliver(QObject *context, const Done &done, registry::Result<SchemaEncoderPtr> result)
{
    QMetaObject::invokeMethod(
        context, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

/// The encoder for a resolved schema; `named` carries the subject and version the user chose
/// (a schema fetched by id knows neither).
registry::Result<SchemaEncoderPtr> compile(
    const registry::ResolvedSchema &resolved, const registry::Schema &named, const QString &messageType)
{
    schema::SchemaReferences references;
    references.reserve(resolved.references.size());
    for (const registry::ResolvedReference &reference : resolved.references) {
        references.append({reference.name, reference.schema.text});
    }
    const registry::Schema &s = resolved.schema;
    const auto codec = schema::Codec::compile(codecType(s.type), s.text, references);
    if (!codec) {
        return RegistryError::make(
            Kind::InvalidSchema, tr("Schema %1 does not parse: %2").arg(s.id).arg(codec.error()));
    }
    std::vector<int> indexes;
    QString typeName;
    if (!messageType.isEmpty()) {
        if (s.type != registry::SchemaType::Protobuf) {
            return RegistryError::make(Kind::InvalidSettings,
                tr("A message type applies to Protobuf schemas; schema %1 is %2.")
                    .arg(s.id)
                    .arg(registry::toString(s.type)));
        }
        const auto found = codec.value()->indexesOf(messageType);
        if (!found) {
            return RegistryError::make(Kind::InvalidSchema, found.error());
        }
        indexes = found.value();
        typeName = messageType;
    } else {
        const auto types = codec.value()->messageTypes();
        if (types.empty()) {
            return RegistryError::make(
                Kind::InvalidSchema, tr("Schema %1 defines no message to encode.").arg(s.id));
        }
        indexes = types.front().indexes;
        typeName = types.front().fullName;
    }
    registry::Schema described = s;
    described.subject = named.subject;
    described.version = named.version;
    return SchemaEncoderPtr(std::make_shared<const SchemaEncoder>(
        std::move(described), codec.value(), std::move(indexes), std::move(typeName)));
}

/// The cache's schema `id` with its references, then `then` on the cache's thread (once).
void whenResolved(registry::SchemaCache &cache, int id,
    const std::function<void(const registry::Result<registry::SchemaPtr> &)> &then)
{
    struct Wait {
        QMetaObject::Connection arrived;
        QMetaObject::Connection failed;
        bool finished = false;
    };
    auto wait = std::make_shared<Wait>();
    QPointer<registry::SchemaCache> guard(&cache);
    const auto finish = [wait, then](const registry::Result<registry::SchemaPtr> &result) {
        if (wait->finished) {
            return;
        }
        wait->finished = true;
        QObject::disconnect(wait->arrived);
        QObject::disconnect(wait->failed);
        then(result);
    };
    // Connected before the lookup, in case the lookup itself completes the fetch.
    wait->arrived = QObject::connect(
        &cache, &registry::SchemaCache::schemaArrived, &cache, [finish, guard, id](int arrived) {
            if (arrived != id || !guard) {
                return;
            }
            if (registry::SchemaPtr schema = guard->lookup(id)) {
                finish(schema);
            } else {
                finish(
                    RegistryError::make(Kind::Cancelled, tr("Schema %1 left the cache before use.").arg(id)));
            }
        });
    wait->failed = QObject::connect(&cache, &registry::SchemaCache::schemaFailed, &cache,
        [finish, id](int failedId, const RegistryError &error) {
            if (failedId == id) {
                finish(error);
            }
        });
    registry::SchemaPtr cached = cache.lookup(id);
    std::optional<RegistryError> failure = cached ? std::nullopt : cache.failure(id);
    if (cached || failure) {
        // Known already: answered from the event loop like a fetched one.
        QMetaObject::invokeMethod(
            &cache,
            [finish, cached, failure] {
                if (cached) {
                    finish(cached);
                } else {
                    finish(*failure);
                }
            },
            Qt::QueuedConnection);
    }
}

} // namespace

SchemaEncoder::SchemaEncoder(registry::Schema schema, std::shared_ptr<const schema::Codec> codec,
    std::vector<int> indexes, QString typeName)
    : schema_(std::move(schema))
    , codec_(std::move(codec))
    , indexes_(std::move(indexes))
    , typeName_(std::move(typeName))
{
}

schema::Result<QByteArray> SchemaEncoder::encode(std::string_view json) const
{
    auto framed = codec_->encodeFramed(schema_.id, json, indexes_);
    if (!framed) {
        return schema::Result<QByteArray>::failure(framed.error());
    }
    return schema::Result<QByteArray>::success(QByteArray::fromStdString(framed.value()));
}

QString SchemaEncoder::describe() const
{
    const QString what = QStringLiteral("%1 %2").arg(registry::toString(schema_.type), typeName_).trimmed();
    if (schema_.subject.isEmpty()) {
        return tr("schema %1 (%2)").arg(schema_.id).arg(what);
    }
    return tr("%1 v%2 (id %3, %4)").arg(schema_.subject).arg(schema_.version).arg(schema_.id).arg(what);
}

void prepareSchemaEncoder(
    registry::RegistryClient &client, registry::SchemaCache &cache, const SchemaChoice &choice, Done done)
{
    QPointer<registry::SchemaCache> guard(&cache);
    const QString messageType = choice.messageType;
    const auto resolveAndCompile = [guard, messageType, done](const registry::Schema &named) {
        if (!guard) {
            done(RegistryError::make(Kind::Cancelled, tr("The Schema Registry connection was closed.")));
            return;
        }
        whenResolved(
            *guard, named.id, [named, messageType, done](const registry::Result<registry::SchemaPtr> &r) {
                if (!r.ok()) {
                    done(r.error());
                    return;
                }
                done(compile(*r.value(), named, messageType));
            });
    };
    if (choice.schemaId > 0) {
        registry::Schema byId;
        byId.id = choice.schemaId;
        resolveAndCompile(byId);
        return;
    }
    if (choice.subject.isEmpty()) {
        deliver(&cache, done,
            RegistryError::make(
                Kind::InvalidSettings, tr("Choose a subject or a schema id to encode with.")));
        return;
    }
    client.schemaVersion(choice.subject, choice.version,
        [resolveAndCompile, done](const registry::Result<registry::Schema> &found) {
            if (!found.ok()) {
                done(found.error());
                return;
            }
            resolveAndCompile(found.value());
        });
}

OutgoingRecords encodedRecords(
    OutgoingRecords records, RecordEncoders encoders, std::shared_ptr<EncodeFailure> failure)
{
    return [records = std::move(records), encoders = std::move(encoders), failure = std::move(failure)](
               quint64 sequence, kafka::OutgoingMessage *record) {
        if (!records(sequence, record)) {
            return false;
        }
        const auto encodeField = [&](const SchemaEncoder *encoder, std::optional<QByteArray> *field,
                                     const QString &what) {
            if (!encoder || !field->has_value()) {
                return true;
            }
            const auto encoded = encoder->encode(std::string_view((*field)->constData(), (*field)->size()));
            if (!encoded) {
                failure->reason = tr("the %1 cannot be encoded with %2: %3")
                                      .arg(what, encoder->describe(), encoded.error());
                failure->record = sequence + 1;
                return false;
            }
            *field = encoded.value();
            return true;
        };
        return encodeField(encoders.key.get(), &record->key, tr("key"))
            && encodeField(encoders.value.get(), &record->value, tr("value"));
    };
}

void prepareRecordEncoders(registry::RegistryClient &client, registry::SchemaCache &cache,
    const SchemaChoice &key, const SchemaChoice &value, std::function<void(const PreparedEncoders &)> done)
{
    struct State {
        PreparedEncoders prepared;
        std::function<void(const PreparedEncoders &)> done;
    };
    auto state = std::make_shared<State>(State {{}, std::move(done)});
    // Runs inside the key's callback, when the client has just answered (so it is still there).
    auto prepareValue = [&client, &cache, value, state] {
        if (!value.isSet()) {
            QTimer::singleShot(0, [state] { state->done(state->prepared); });
            return;
        }
        prepareSchemaEncoder(client, cache, value, [state](const registry::Result<SchemaEncoderPtr> &result) {
            if (result.ok()) {
                state->prepared.encoders.value = result.value();
            } else {
                state->prepared.error = result.error();
                state->prepared.field = tr("value");
            }
            state->done(state->prepared);
        });
    };
    if (!key.isSet()) {
        prepareValue();
        return;
    }
    prepareSchemaEncoder(
        client, cache, key, [state, prepareValue](const registry::Result<SchemaEncoderPtr> &result) {
            if (!result.ok()) {
                state->prepared.error = result.error();
                state->prepared.field = tr("key");
                state->done(state->prepared);
                return;
            }
            state->prepared.encoders.key = result.value();
            prepareValue();
        });
}

} // namespace edis::inspect
