#pragma once

#include "exporttypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace edis::exporting {

/// One setting Kafka Connect rejected, and the designer node/property it came from.
struct FieldError {
    QString key;
    QStringList messages;
    ConfigOrigin origin; ///< InvalidNodeId when the setting was not written for a node
};

struct ValidationResult {
    QString connector;
    int errorCount = 0;
    QList<FieldError> errors;
};

struct TaskStatus {
    int id = -1;
    QString state; ///< RUNNING, FAILED, PAUSED, UNASSIGNED, RESTARTING
    QString workerId;
    QString trace;
};

struct ConnectorStatus {
    QString name;
    QString state;
    QString workerId;
    QString trace;
    QString type; ///< source or sink
    QList<TaskStatus> tasks;

    bool isRunning() const;
};

/// Parses the body of PUT /connector-plugins/{class}/config/validate and maps every rejected
/// setting to the node/property of `config` that produced it (transforms.ALIAS.* settings map to
/// the transform's node).
ValidationResult parseValidation(const ConnectorConfig &config, const QByteArray &body);
ConnectorStatus parseStatus(const QByteArray &body);
/// The rejected settings as export problems on their nodes, for the designer and the CLI.
QList<ExportProblem> validationProblems(const ValidationResult &result);

/// Kafka Connect's REST API, asynchronous (QNetworkAccessManager): every call ends in one of the
/// signals. Lives on the thread that owns it (the GUI thread is fine: nothing blocks).
class ConnectClient : public QObject {
    Q_OBJECT
public:
    explicit ConnectClient(const QUrl &baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return baseUrl_; }
    void setTimeout(int milliseconds) { timeoutMs_ = milliseconds; }
    /// HTTP basic authentication (Connect's BasicAuthSecurityRestExtension, most managed
    /// services); an empty user sends none.
    void setBasicAuth(const QString &user, const QString &password);

    void validate(const ConnectorConfig &config);
    /// Creates or updates (PUT /connectors/NAME/config).
    void putConfig(const ConnectorConfig &config);
    void fetchStatus(const QString &connector);
    void pause(const QString &connector);
    void resume(const QString &connector);
    /// POST /connectors/NAME/restart?includeTasks=true&onlyFailed=…
    void restart(const QString &connector, bool onlyFailed = false);
    void remove(const QString &connector);
    void listPlugins();

Q_SIGNALS:
    void validated(const edis::exporting::ValidationResult &result);
    void configPut(const QString &connector, bool created);
    void statusReceived(const edis::exporting::ConnectorStatus &status);
    /// pause, resume, restart, delete: accepted by the worker.
    void actionDone(const QString &connector, const QString &action);
    void pluginsListed(const QStringList &connectorClasses);
    /// Anything that went wrong, as a sentence: HTTP status, Connect's error message, or the
    /// network error.
    void failed(const QString &connector, const QString &action, const QString &message);

private:
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body = {});
    void finish(QNetworkReply *reply, const QString &connector, const QString &action,
        const std::function<void(int, const QByteArray &)> &onSuccess);

    QUrl baseUrl_;
    QNetworkAccessManager *network_;
    int timeoutMs_ = 30000;
    QByteArray authorization_;
};

} // namespace edis::exporting

Q_DECLARE_METATYPE(edis::exporting::ValidationResult)
Q_DECLARE_METATYPE(edis::exporting::ConnectorStatus)
