#include "amqprecord.h"

#include "amqp/message.h"

#include <QString>

namespace edis::inspect {

void appendAmqpMessage(const amqp::Message &m, std::string_view topic, int64_t offset, MessageBatch &batch,
    std::vector<std::string> &scratch)
{
    scratch.clear();
    const amqp::Properties &props = m.properties;
    const auto addText = [&scratch](std::string_view name, const QString &value) {
        scratch.emplace_back(name);
        scratch.push_back(value.toStdString());
    };
    const auto addOptional = [&](std::string_view name, const std::optional<QString> &value) {
        if (value) {
            addText(name, *value);
        }
    };
    if (!m.exchange.isEmpty()) {
        addText(amqpheaders::kExchange, m.exchange);
    }
    addOptional(amqpheaders::kContentType, props.contentType);
    addOptional("amqp.content_encoding", props.contentEncoding);
    addOptional("amqp.correlation_id", props.correlationId);
    addOptional("amqp.message_id", props.messageId);
    if (props.timestamp) {
        addText("amqp.timestamp", QString::number(*props.timestamp));
    }
    if (props.deliveryMode) {
        addText("amqp.delivery_mode", QString::number(*props.deliveryMode));
    }
    addOptional("amqp.expiration", props.expiration);
    if (props.priority) {
        addText("amqp.priority", QString::number(*props.priority));
    }
    addOptional("amqp.type", props.type);
    addOptional("amqp.app_id", props.appId);
    addOptional("amqp.user_id", props.userId);
    addOptional("amqp.reply_to", props.replyTo);
    addOptional("amqp.cluster_id", props.clusterId);
    if (m.redelivered) {
        addText(amqpheaders::kRedelivered, QStringLiteral("true"));
    }
    const auto offsetHeader = QStringLiteral("x-stream-offset");
    for (const amqp::Field &f : m.headers) {
        if (f.name == offsetHeader) {
            continue; // it is the record's offset
        }
        scratch.push_back(f.name.toStdString());
        using T = amqp::FieldValue::Type;
        if (f.value.type == T::Table || f.value.type == T::Array) {
            scratch.push_back(f.value.json().toStdString());
        } else {
            const QByteArray bytes = f.value.toBytes();
            scratch.emplace_back(bytes.constData(), std::size_t(bytes.size()));
        }
    }
    std::vector<HeaderRef> headers;
    headers.reserve(scratch.size() / 2);
    for (std::size_t i = 0; i + 1 < scratch.size(); i += 2) {
        headers.push_back({scratch[i], std::string_view(scratch[i + 1])});
    }
    const std::string key = m.routingKey.toStdString();
    RecordRef ref;
    ref.topic = topic;
    ref.partition = 0;
    ref.offset = offset;
    if (props.timestamp) {
        ref.timestamp = int64_t(*props.timestamp) * 1000;
        ref.timestampType = TimestampType::CreateTime;
    }
    if (!key.empty()) {
        ref.key = std::string_view(key);
    }
    ref.value = std::string_view(m.body.constData(), std::size_t(m.body.size()));
    ref.headers = headers.data();
    ref.headerCount = headers.size();
    batch.append(ref);
}

} // namespace edis::inspect
