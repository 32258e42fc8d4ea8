#include "connectstatuspoller.h"

#include <QTimer>

namespace edis::exporting {

ConnectStatusPoller::ConnectStatusPoller(
    ConnectClient *client, const QStringList &connectors, QObject *parent)
    : QObject(parent)
    , client_(client)
    , connectors_(connectors)
    , timer_(new QTimer(this))
{
    qRegisterMetaType<QList<ConnectorStatus>>();
    timer_->setSingleShot(true);
    timer_->setInterval(2000);
    connect(timer_, &QTimer::timeout, this, &ConnectStatusPoller::poll);
    connect(client_, &ConnectClient::statusReceived, this, &ConnectStatusPoller::answered);
    connect(client_, &ConnectClient::failed, this,
        [this](const QString &connector, const QString &action, const QString &message) {
            if (action != QLatin1String("status") || !pending_.contains(connector)) {
                return;
            }
            ConnectorStatus missing;
            missing.name = connector;
            missing.trace = message;
            answered(missing);
        });
}

void ConnectStatusPoller::setInterval(int milliseconds)
{
    timer_->setInterval(milliseconds);
}

int ConnectStatusPoller::interval() const
{
    return timer_->interval();
}

void ConnectStatusPoller::start()
{
    active_ = true;
    if (pending_.isEmpty()) {
        poll();
    }
}

void ConnectStatusPoller::stop()
{
    active_ = false;
    timer_->stop();
}

QList<ConnectorStatus> ConnectStatusPoller::latest() const
{
    QList<ConnectorStatus> out;
    for (const QString &name : connectors_) {
        ConnectorStatus s = latest_.value(name);
        s.name = name;
        out << s;
    }
    return out;
}

void ConnectStatusPoller::poll()
{
    if (!active_ || connectors_.isEmpty()) {
        return;
    }
    // A round at a time: a slow worker gets fewer requests, never a pile of them.
    pending_ = QSet<QString>(connectors_.cbegin(), connectors_.cend());
    for (const QString &name : connectors_) {
        client_->fetchStatus(name);
    }
}

void ConnectStatusPoller::answered(const ConnectorStatus &status)
{
    if (!pending_.remove(status.name)) {
        return;
    }
    latest_.insert(status.name, status);
    if (!pending_.isEmpty()) {
        return;
    }
    Q_EMIT updated(latest());
    if (active_) {
        timer_->start();
    }
}

} // namespace edis::exporting
