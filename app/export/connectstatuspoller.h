#pragma once

#include "connectclient.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

class QTimer;

namespace edis::exporting {

/// Keeps the state of deployed connectors fresh for a view (state and tasks on each node):
/// every interval it asks Kafka Connect for the status of each connector and, once every answer
/// of the round is in, emits them all in one signal. Shares the client with other users: it only
/// takes the answers to its own requests. Lives on the client's thread; nothing blocks.
class ConnectStatusPoller : public QObject {
    Q_OBJECT
public:
    ConnectStatusPoller(ConnectClient *client, const QStringList &connectors, QObject *parent = nullptr);

    void setInterval(int milliseconds);
    int interval() const;
    /// Starts polling; the first round goes out at once.
    void start();
    void stop();
    bool isActive() const { return active_; }
    /// The last answer per connector, in the order given; a connector that could not be asked
    /// (unknown, worker unreachable) has an empty state and the reason in `trace`.
    QList<ConnectorStatus> latest() const;

Q_SIGNALS:
    void updated(const QList<edis::exporting::ConnectorStatus> &statuses);

private:
    void poll();
    void answered(const ConnectorStatus &status);

    ConnectClient *client_;
    QStringList connectors_;
    QHash<QString, ConnectorStatus> latest_;
    QSet<QString> pending_;
    QTimer *timer_;
    bool active_ = false;
};

} // namespace edis::exporting
