#include "connectdeployment.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>

namespace edis::exporting {

ConnectDeployment::ConnectDeployment(
    ConnectClient *client, const QList<ConnectorConfig> &connectors, QObject *parent)
    : QObject(parent)
    , client_(client)
    , connectors_(connectors)
{
    qRegisterMetaType<QList<ExportProblem>>();
    qRegisterMetaType<QList<ConnectorStatus>>();
    connect(client_, &ConnectClient::validated, this, [this](const ValidationResult &result) {
        // The client may serve others too (a status poller, a second deployment): only the
        // answer to this deployment's own request moves it on.
        if (phase_ != Phase::Validate || done_ || index_ >= connectors_.size()
            || result.connector != connectors_.at(index_).name) {
            return;
        }
        rejected_ << validationProblems(result);
        if (result.errorCount > 0 && result.errors.isEmpty()) {
            rejected_ << ExportProblem {ExportProblem::Severity::Error, QStringLiteral("connect-validation"),
                tr("Kafka Connect reports %1 error(s) for connector %2.")
                    .arg(result.errorCount)
                    .arg(result.connector),
                connectors_.at(index_).nodes.value(0), {}};
        }
        Q_EMIT progress(tr("validated %1: %2 error(s)").arg(result.connector).arg(result.errorCount));
        ++index_;
        validateNext();
    });
    connect(client_, &ConnectClient::configPut, this, [this](const QString &name, bool created) {
        if (phase_ != Phase::Put || done_ || index_ >= connectors_.size()
            || name != connectors_.at(index_).name) {
            return;
        }
        Q_EMIT progress(created ? tr("created %1").arg(name) : tr("updated %1").arg(name));
        ++index_;
        putNext();
    });
    connect(client_, &ConnectClient::statusReceived, this, [this](const ConnectorStatus &status) {
        const bool ours = std::any_of(connectors_.cbegin(), connectors_.cend(),
            [&](const ConnectorConfig &c) { return c.name == status.name; });
        if (phase_ != Phase::Status || done_ || !ours) {
            return;
        }
        statuses_.insert(status.name, status);
    });
    connect(client_, &ConnectClient::failed, this,
        [this](const QString &connector, const QString &action, const QString &message) {
            if (done_) {
                return;
            }
            // A status 404 right after creation only means "not there yet"; and status requests
            // of others sharing the client are not this deployment's business.
            if (action == QLatin1String("status")) {
                return;
            }
            const bool ours = std::any_of(connectors_.cbegin(), connectors_.cend(),
                [&](const ConnectorConfig &c) { return c.name == connector; });
            if (!ours) {
                return;
            }
            fail(tr("%1 of %2 failed: %3").arg(action, connector, message));
        });
}

void ConnectDeployment::start()
{
    index_ = 0;
    phase_ = Phase::Validate;
    validateNext();
}

void ConnectDeployment::fail(const QString &error)
{
    done_ = true;
    Q_EMIT finished(false, statuses_.values(), error);
}

void ConnectDeployment::validateNext()
{
    if (index_ < connectors_.size()) {
        client_->validate(connectors_.at(index_));
        return;
    }
    if (!rejected_.isEmpty()) {
        done_ = true;
        Q_EMIT validationFailed(rejected_);
        Q_EMIT finished(false, {},
            tr("Kafka Connect rejected %1 setting(s); nothing was deployed.").arg(rejected_.size()));
        return;
    }
    if (validateOnly_) {
        done_ = true;
        Q_EMIT finished(true, {}, {});
        return;
    }
    phase_ = Phase::Put;
    index_ = 0;
    putNext();
}

void ConnectDeployment::putNext()
{
    if (index_ < connectors_.size()) {
        client_->putConfig(connectors_.at(index_));
        return;
    }
    phase_ = Phase::Status;
    clock_.start();
    pollStatuses();
}

void ConnectDeployment::pollStatuses()
{
    if (done_) {
        return;
    }
    bool allRunning = true;
    for (const ConnectorConfig &c : connectors_) {
        const ConnectorStatus s = statuses_.value(c.name);
        if (s.state == QLatin1String("FAILED")
            || std::any_of(s.tasks.cbegin(), s.tasks.cend(),
                [](const TaskStatus &t) { return t.state == QLatin1String("FAILED"); })) {
            QString trace = s.trace;
            for (const TaskStatus &t : s.tasks) {
                if (trace.isEmpty() && !t.trace.isEmpty()) {
                    trace = t.trace;
                }
            }
            fail(tr("connector %1 failed: %2").arg(c.name, trace.section(QLatin1Char('\n'), 0, 2)));
            return;
        }
        allRunning = allRunning && s.isRunning();
    }
    if (allRunning) {
        done_ = true;
        Q_EMIT finished(true, statuses_.values(), {});
        return;
    }
    if (clock_.elapsed() > runningTimeoutMs_) {
        fail(tr("not all connectors RUNNING after %1 s").arg(runningTimeoutMs_ / 1000));
        return;
    }
    for (const ConnectorConfig &c : connectors_) {
        client_->fetchStatus(c.name);
    }
    QTimer::singleShot(pollMs_, this, &ConnectDeployment::pollStatuses);
}

} // namespace edis::exporting
