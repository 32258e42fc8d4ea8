#include "cluster/sessionrequests.h"

#include <QTimer>

namespace edis::cluster {

SessionRequests::SessionRequests(QObject *parent)
    : QObject(parent)
{
}

void SessionRequests::setSession(ClusterSession *session)
{
    if (session == session_) {
        return;
    }
    disconnect(connection_);
    dropPending();
    session_ = session;
    if (session_) {
        connection_ = connect(session_, &ClusterSession::requestFinished, this, &SessionRequests::onFinished);
    }
}

void SessionRequests::submit(ClusterSession::Request request, Done done, ClusterSession::Access access)
{
    if (!session_) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done({}, kafka::KafkaError::make(kafka::KafkaError::Kind::Other, tr("Not connected.")));
        });
        return;
    }
    const bool wasBusy = isBusy();
    pending_.emplace(session_->submit(std::move(request), access), std::move(done));
    if (!wasBusy) {
        Q_EMIT busyChanged(true);
    }
}

void SessionRequests::dropPending()
{
    if (pending_.isEmpty()) {
        return;
    }
    pending_.clear();
    Q_EMIT busyChanged(false);
}

void SessionRequests::onFinished(quint64 id, const QVariant &result, const kafka::KafkaError &error)
{
    const auto it = pending_.find(id);
    if (it == pending_.end()) {
        return; // another page's request, or one this page no longer waits for
    }
    const Done done = std::move(it.value());
    pending_.erase(it);
    if (pending_.isEmpty()) {
        Q_EMIT busyChanged(false);
    }
    done(result, error);
}

} // namespace edis::cluster
