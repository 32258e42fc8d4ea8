#include "rabbitoutput.h"

#include "clicommon.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QVariant>

#include <algorithm>
#include <utility>
#include <vector>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis rabbit", text);
}

using NamedValue = std::pair<const char *, QVariant>;

/// The properties the message has, under their AMQP names.
std::vector<NamedValue> setProperties(const amqp::Properties &p)
{
    std::vector<NamedValue> out;
    const auto text = [&out](const char *name, const std::optional<QString> &value) {
        if (value) {
            out.emplace_back(name, *value);
        }
    };
    text("content_type", p.contentType);
    text("content_encoding", p.contentEncoding);
    text("correlation_id", p.correlationId);
    text("message_id", p.messageId);
    if (p.timestamp) {
        out.emplace_back("timestamp", QVariant::fromValue(static_cast<qulonglong>(*p.timestamp)));
    }
    if (p.deliveryMode) {
        out.emplace_back("delivery_mode", QVariant::fromValue(static_cast<int>(*p.deliveryMode)));
    }
    text("expiration", p.expiration);
    if (p.priority) {
        out.emplace_back("priority", QVariant::fromValue(static_cast<int>(*p.priority)));
    }
    text("type", p.type);
    text("app_id", p.appId);
    text("user_id", p.userId);
    text("reply_to", p.replyTo);
    text("cluster_id", p.clusterId);
    return out;
}

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

QString withDetail(const QString &message, const QString &detail)
{
    if (detail.isEmpty() || message.contains(detail)) {
        return message;
    }
    return QStringLiteral("%1 (%2)").arg(message, detail);
}

} // namespace

int exitCodeFor(const rabbit::ManagementError &error)
{
    using Kind = rabbit::ManagementError::Kind;
    switch (error.kind) {
    case Kind::None:
        return ExitOk;
    case Kind::InvalidSettings:
        return ExitUsage;
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::Timeout:
    case Kind::Tls:
    case Kind::Network:
    case Kind::BadCredentials:
    case Kind::NotManagementUser:
    case Kind::VhostNotPermitted:
    case Kind::NotManagementApi:
        return ExitConnection;
    case Kind::VhostNotFound:
    case Kind::NotFound:
        return ExitNotFound;
    default:
        return ExitFailure;
    }
}

int exitCodeFor(const amqp::Error &error)
{
    using Kind = amqp::Error::Kind;
    switch (error.kind) {
    case Kind::None:
        return ExitOk;
    case Kind::InvalidSettings:
        return ExitUsage;
    case Kind::HostNotFound:
    case Kind::Refused:
    case Kind::Network:
    case Kind::Tls:
    case Kind::Timeout:
    case Kind::BadCredentials:
        return ExitConnection;
    case Kind::VhostNotAllowed:
        // One reply code for both: RabbitMQ's text ("vhost x not found") tells them apart.
        return error.detail.contains(QLatin1String("not found")) ? ExitNotFound : ExitConnection;
    case Kind::NotFound:
        return ExitNotFound;
    default:
        return ExitFailure;
    }
}

QString errorText(const amqp::Error &error)
{
    return withDetail(error.message, error.detail);
}

QString errorText(const rabbit::ManagementError &error)
{
    return withDetail(error.message, error.detail);
}

QString alignedColumns(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i == widths.size()) {
                widths << 0;
            }
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    QStringList lines;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString messageText(const amqp::Message &message, std::size_t number)
{
    QStringList lines;
    QString head = tr("#%1  exchange: '%2'  routing key: '%3'")
                       .arg(QString::number(number), message.exchange, message.routingKey);
    if (message.streamOffset >= 0) {
        head += tr("  offset: %1").arg(message.streamOffset);
    }
    if (message.redelivered) {
        head += tr("  redelivered");
    }
    lines << head;
    for (const auto &[name, value] : setProperties(message.properties)) {
        lines << QStringLiteral("  %1: %2").arg(QLatin1String(name), value.toString());
    }
    for (const amqp::Field &header : message.headers) {
        lines << tr("  header %1: %2").arg(header.name, header.value.text());
    }
    lines << tr("  body: %1").arg(QString::fromUtf8(message.body));
    return lines.join(QLatin1Char('\n'));
}

QString messageJson(const amqp::Message &message)
{
    nlohmann::ordered_json out {{"exchange", message.exchange.toStdString()},
        {"routing_key", message.routingKey.toStdString()}, {"redelivered", message.redelivered}};
    if (message.streamOffset >= 0) {
        out["offset"] = message.streamOffset;
    }
    nlohmann::ordered_json properties = nlohmann::ordered_json::object();
    for (const auto &[name, value] : setProperties(message.properties)) {
        properties[name] = value.typeId() == QMetaType::QString
            ? nlohmann::ordered_json(value.toString().toStdString())
            : nlohmann::ordered_json(value.toLongLong());
    }
    out["properties"] = std::move(properties);
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    for (const amqp::Field &header : message.headers) {
        auto value = nlohmann::ordered_json::parse(header.value.json().toStdString(), nullptr, false);
        headers[header.name.toStdString()]
            = value.is_discarded() ? nlohmann::ordered_json(header.value.text().toStdString()) : value;
    }
    out["headers"] = std::move(headers);
    if (isUtf8(message.body)) {
        out["body"] = message.body.toStdString();
    } else {
        out["body_base64"] = message.body.toBase64().toStdString();
    }
    return QString::fromStdString(out.dump());
}

} // namespace edis::cli
