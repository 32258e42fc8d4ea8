#pragma once

#include "connectclient.h"

#include <QElapsedTimer>
#include <QObject>

namespace edis::exporting {

/// Deploys exported connectors: validates every config first (nothing is created when one is
/// rejected; the rejections arrive mapped to nodes), then creates or updates each, then polls
/// their status until connector and tasks are RUNNING, one FAILED, or the timeout passes.
class ConnectDeployment : public QObject {
    Q_OBJECT
public:
    ConnectDeployment(
        ConnectClient *client, const QList<ConnectorConfig> &connectors, QObject *parent = nullptr);

    void setRunningTimeout(int milliseconds) { runningTimeoutMs_ = milliseconds; }
    void setPollInterval(int milliseconds) { pollMs_ = milliseconds; }
    /// Only validate (no changes on the cluster).
    void setValidateOnly(bool only) { validateOnly_ = only; }
    void start();

Q_SIGNALS:
    void progress(const QString &message);
    /// Connect rejected settings; nothing was created.
    void validationFailed(const QList<edis::exporting::ExportProblem> &problems);
    void finished(bool ok, const QList<edis::exporting::ConnectorStatus> &statuses, const QString &error);

private:
    void validateNext();
    void putNext();
    void pollStatuses();
    void fail(const QString &error);

    ConnectClient *client_;
    QList<ConnectorConfig> connectors_;
    qsizetype index_ = 0;
    QList<ExportProblem> rejected_;
    QHash<QString, ConnectorStatus> statuses_;
    QElapsedTimer clock_;
    int runningTimeoutMs_ = 60000;
    int pollMs_ = 500;
    bool validateOnly_ = false;
    bool done_ = false;
    enum class Phase { Validate, Put, Status } phase_ = Phase::Validate;
};

} // namespace edis::exporting

Q_DECLARE_METATYPE(QList<edis::exporting::ExportProblem>)
Q_DECLARE_METATYPE(QList<edis::exporting::ConnectorStatus>)
