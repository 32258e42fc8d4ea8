#include "connectclient.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace edis::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

QString qs(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

/// The origin of a setting: its own, or for transforms.ALIAS.x / predicates.P.x the origin of the
/// transform's type (every transform setting was written for one node).
ConfigOrigin originOf(const ConnectorConfig &config, const QString &key)
{
    if (config.origins.contains(key)) {
        return config.origins.value(key);
    }
    for (const QString &prefix : {QStringLiteral("transforms."), QStringLiteral("predicates.")}) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const QString alias = key.mid(prefix.size()).section(QLatin1Char('.'), 0, 0);
        for (auto it = config.origins.cbegin(); it != config.origins.cend(); ++it) {
            if (it.key().startsWith(QStringLiteral("transforms.") + alias + QLatin1Char('.'))) {
                return ConfigOrigin {it->node, {}};
            }
        }
    }
    // A connector-level setting nobody claimed: the connector's own node.
    return ConfigOrigin {config.origins.value(QStringLiteral("connector.class")).node, {}};
}

} // namespace

bool ConnectorStatus::isRunning() const
{
    return state == QLatin1String("RUNNING") && !tasks.isEmpty()
        && std::all_of(tasks.cbegin(), tasks.cend(),
            [](const TaskStatus &t) { return t.state == QLatin1String("RUNNING"); });
}

ValidationResult parseValidation(const ConnectorConfig &config, const QByteArray &body)
{
    ValidationResult result;
    result.connector = config.name;
    const auto doc = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return result;
    }
    result.errorCount = doc.value("error_count", 0);
    if (!doc.contains("configs") || !doc["configs"].is_array()) {
        return result;
    }
    for (const auto &entry : doc["configs"]) {
        if (!entry.contains("value") || !entry["value"].is_object()) {
            continue;
        }
        const auto &value = entry["value"];
        if (!value.contains("errors") || !value["errors"].is_array() || value["errors"].empty()) {
            continue;
        }
        FieldError error;
        error.key = qs(value.value("name", nlohmann::json()));
        for (const auto &message : value["errors"]) {
            error.messages << qs(message);
        }
        error.origin = originOf(config, error.key);
        result.errors << error;
    }
    return result;
}

QList<ExportProblem> validationProblems(const ValidationResult &result)
{
    QList<ExportProblem> out;
    for (const FieldError &error : result.errors) {
        out << ExportProblem {ExportProblem::Severity::Error, QStringLiteral("connect-validation"),
            tr("Kafka Connect rejects %1 of connector %2: %3")
                .arg(error.key, result.connector, error.messages.join(QStringLiteral("; "))),
            error.origin.node, error.origin.property};
    }
    return out;
}

ConnectorStatus parseStatus(const QByteArray &body)
{
    ConnectorStatus status;
    const auto doc = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return status;
    }
    status.name = qs(doc.value("name", nlohmann::json()));
    status.type = qs(doc.value("type", nlohmann::json()));
    if (doc.contains("connector") && doc["connector"].is_object()) {
        const auto &c = doc["connector"];
        status.state = qs(c.value("state", nlohmann::json()));
        status.workerId = qs(c.value("worker_id", nlohmann::json()));
        status.trace = qs(c.value("trace", nlohmann::json()));
    }
    if (doc.contains("tasks") && doc["tasks"].is_array()) {
        for (const auto &t : doc["tasks"]) {
            status.tasks << TaskStatus {t.value("id", -1), qs(t.value("state", nlohmann::json())),
                qs(t.value("worker_id", nlohmann::json())), qs(t.value("trace", nlohmann::json()))};
        }
    }
    return status;
}

ConnectClient::ConnectClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , baseUrl_(baseUrl)
    , network_(new QNetworkAccessManager(this))
{
    qRegisterMetaType<ValidationResult>();
    qRegisterMetaType<ConnectorStatus>();
}

void ConnectClient::setBasicAuth(const QString &user, const QString &password)
{
    authorization_
        = user.isEmpty() ? QByteArray() : "Basic " + (user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

QNetworkReply *ConnectClient::send(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    QUrl url = baseUrl_;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + (query < 0 ? path : path.left(query)), QUrl::DecodedMode);
    if (query >= 0) {
        url.setQuery(path.mid(query + 1));
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(timeoutMs_);
    if (!authorization_.isEmpty()) {
        request.setRawHeader("Authorization", authorization_);
    }
    return network_->sendCustomRequest(request, verb, body);
}

void ConnectClient::finish(QNetworkReply *reply, const QString &connector, const QString &action,
    const std::function<void(int, const QByteArray &)> &onSuccess)
{
    connect(reply, &QNetworkReply::finished, this, [this, reply, connector, action, onSuccess]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status >= 200 && status < 300) {
            onSuccess(status, body);
            return;
        }
        QString message;
        const auto doc = nlohmann::json::parse(body.toStdString(), nullptr, false);
        if (!doc.is_discarded() && doc.is_object() && doc.contains("message")) {
            message = qs(doc["message"]);
        }
        if (status == 0) {
            message = tr("%1 (%2)").arg(reply->errorString(), reply->url().toString());
        } else {
            message
                = tr("HTTP %1 from %2 %3: %4")
                      .arg(status)
                      .arg(QString::fromLatin1(reply->operation() == QNetworkAccessManager::CustomOperation
                                   ? reply->request()
                                         .attribute(QNetworkRequest::CustomVerbAttribute)
                                         .toByteArray()
                                   : QByteArray()),
                          reply->url().path(),
                          message.isEmpty() ? QString::fromUtf8(body.left(500)) : message);
        }
        Q_EMIT failed(connector, action, message);
    });
}

void ConnectClient::validate(const ConnectorConfig &config)
{
    nlohmann::json body = nlohmann::json::object();
    for (const auto &entry : config.entries) {
        body[entry.first.toStdString()] = entry.second.toStdString();
    }
    body["name"] = config.name.toStdString();
    // send() sets the path in decoded form, so QUrl encodes what needs encoding ('$' of nested
    // classes may stay as it is in a path).
    QNetworkReply *reply
        = send("PUT", QStringLiteral("/connector-plugins/%1/config/validate").arg(config.connectorClass()),
            QByteArray::fromStdString(body.dump()));
    finish(reply, config.name, QStringLiteral("validate"),
        [this, config](int, const QByteArray &data) { Q_EMIT validated(parseValidation(config, data)); });
}

void ConnectClient::putConfig(const ConnectorConfig &config)
{
    nlohmann::json body = nlohmann::json::object();
    for (const auto &entry : config.entries) {
        body[entry.first.toStdString()] = entry.second.toStdString();
    }
    QNetworkReply *reply = send("PUT", QStringLiteral("/connectors/%1/config").arg(config.name),
        QByteArray::fromStdString(body.dump()));
    const QString name = config.name;
    finish(reply, name, QStringLiteral("put"),
        [this, name](int status, const QByteArray &) { Q_EMIT configPut(name, status == 201); });
}

void ConnectClient::fetchStatus(const QString &connector)
{
    QNetworkReply *reply = send("GET", QStringLiteral("/connectors/%1/status").arg(connector));
    finish(reply, connector, QStringLiteral("status"),
        [this](int, const QByteArray &data) { Q_EMIT statusReceived(parseStatus(data)); });
}

void ConnectClient::pause(const QString &connector)
{
    finish(send("PUT", QStringLiteral("/connectors/%1/pause").arg(connector)), connector,
        QStringLiteral("pause"), [this, connector](int, const QByteArray &) {
            Q_EMIT actionDone(connector, QStringLiteral("pause"));
        });
}

void ConnectClient::resume(const QString &connector)
{
    finish(send("PUT", QStringLiteral("/connectors/%1/resume").arg(connector)), connector,
        QStringLiteral("resume"), [this, connector](int, const QByteArray &) {
            Q_EMIT actionDone(connector, QStringLiteral("resume"));
        });
}

void ConnectClient::restart(const QString &connector, bool onlyFailed)
{
    finish(send("POST",
               QStringLiteral("/connectors/%1/restart?includeTasks=true&onlyFailed=%2")
                   .arg(connector, onlyFailed ? QStringLiteral("true") : QStringLiteral("false"))),
        connector, QStringLiteral("restart"), [this, connector](int, const QByteArray &) {
            Q_EMIT actionDone(connector, QStringLiteral("restart"));
        });
}

void ConnectClient::remove(const QString &connector)
{
    finish(send("DELETE", QStringLiteral("/connectors/%1").arg(connector)), connector,
        QStringLiteral("delete"), [this, connector](int, const QByteArray &) {
            Q_EMIT actionDone(connector, QStringLiteral("delete"));
        });
}

void ConnectClient::listPlugins()
{
    finish(send("GET", QStringLiteral("/connector-plugins")), {}, QStringLiteral("plugins"),
        [this](int, const QByteArray &data) {
            QStringList classes;
            const auto doc = nlohmann::json::parse(data.toStdString(), nullptr, false);
            if (doc.is_array()) {
                for (const auto &p : doc) {
                    classes << qs(p.value("class", nlohmann::json()));
                }
            }
            Q_EMIT pluginsListed(classes);
        });
}

} // namespace edis::exporting
