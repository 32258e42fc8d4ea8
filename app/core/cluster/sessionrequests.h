#pragma once

#include "cluster/clustersession.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace edis::cluster {

/// The requests one page or dialog has in flight on a ClusterSession. It routes each
/// requestFinished to the callback given at submit time (pages share one session, so ids
/// must be filtered) and says whether anything is still running, for a busy indicator.
class SessionRequests : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QVariant &result, const kafka::KafkaError &error)>;

    explicit SessionRequests(QObject *parent = nullptr);

    /// Switches to another session; answers still due from the old one are dropped.
    void setSession(ClusterSession *session);
    ClusterSession *session() const { return session_; }

    /// Runs `request` on the session's worker; `done` runs on the GUI thread with its answer.
    /// Without a session, `done` gets a "Not connected" error (queued, like a real answer).
    /// Access::Change is refused on a read-only connection.
    void submit(ClusterSession::Request request, Done done,
        ClusterSession::Access access = ClusterSession::Access::Read);
    bool isBusy() const { return !pending_.isEmpty(); }
    /// Forgets every pending answer (e.g. the page switched to another topic).
    void dropPending();

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void onFinished(quint64 id, const QVariant &result, const kafka::KafkaError &error);

    QPointer<ClusterSession> session_;
    QMetaObject::Connection connection_;
    QHash<quint64, Done> pending_;
};

} // namespace edis::cluster
