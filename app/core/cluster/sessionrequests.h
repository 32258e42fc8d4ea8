#pragma once

#include "cluster/clustersession.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <type_traits>
#include <utility>

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
    /// The typed form. `work(client, timeout)` runs on the session's worker and returns either a
    /// kafka::Result<T> or, for an action without a value, a kafka::KafkaError; `done` runs on
    /// the GUI thread with `(const T &value, const kafka::KafkaError &error)` or
    /// `(const kafka::KafkaError &error)`. On an error the value is T's default. The QVariant
    /// that carries the value between the threads stays in here.
    template <typename Work, typename OnDone>
    void request(Work work, OnDone done, ClusterSession::Access access = ClusterSession::Access::Read);

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

template <typename Work, typename OnDone>
void SessionRequests::request(Work work, OnDone done, ClusterSession::Access access)
{
    using Returned = std::invoke_result_t<Work &, kafka::KafkaClient &, std::chrono::milliseconds>;
    if constexpr (std::is_same_v<Returned, kafka::KafkaError>) {
        submit(
            [work = std::move(work)](kafka::KafkaClient &client, std::chrono::milliseconds timeout,
                kafka::KafkaError *error) mutable {
                *error = work(client, timeout);
                return QVariant();
            },
            [done = std::move(done)](const QVariant &, const kafka::KafkaError &error) { done(error); },
            access);
    } else {
        using Value = decltype(std::declval<Returned>().value);
        submit(
            [work = std::move(work)](kafka::KafkaClient &client, std::chrono::milliseconds timeout,
                kafka::KafkaError *error) mutable {
                Returned result = work(client, timeout);
                *error = result.error;
                return QVariant::fromValue(std::move(result.value));
            },
            [done = std::move(done)](const QVariant &result, const kafka::KafkaError &error) {
                done(error || !result.canConvert<Value>() ? Value {} : result.value<Value>(), error);
            },
            access);
    }
}

} // namespace edis::cluster
