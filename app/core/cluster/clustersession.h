#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/deadline.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"

#include <QObject>
#include <QTimer>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>

namespace edis::util {
class BackgroundWorker;
}

namespace edis::cluster {

class ClusterWorker;

/// One open connection to a cluster, for the GUI thread. All Kafka I/O runs on the session's
/// own worker thread (util::BackgroundWorker); results come back as signals carrying plain
/// values. Closing never waits for that thread: a request still running (a metadata request to
/// a frozen broker waits up to the request timeout) ends on its own and its result is dropped.
class ClusterSession : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    explicit ClusterSession(kafka::ConnectionSettings settings, QObject *parent = nullptr);
    ~ClusterSession() override;

    const kafka::ConnectionSettings &settings() const { return settings_; }
    State state() const { return state_; }
    QString stateMessage() const { return stateMessage_; }
    const kafka::ClusterMetadata &metadata() const { return metadata_; }

    /// How long one metadata request may take before the session reports a failure.
    void setRequestTimeout(std::chrono::milliseconds timeout) { requestTimeout_ = timeout; }
    std::chrono::milliseconds requestTimeout() const { return requestTimeout_; }
    /// How often metadata is refreshed while open (and how often a failed session retries).
    void setRefreshInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds refreshInterval() const
    {
        return std::chrono::milliseconds(refreshTimer_.interval());
    }

    /// Starts connecting; returns at once. Watch stateChanged().
    void open();
    void close();
    /// Asks for fresh metadata now (ignored while a request is in flight).
    void refresh();

    /// Work for the session's thread. It gets the session's client and the request timeout and
    /// returns a plain value (wrapped in a QVariant) or sets the error. It must not touch GUI
    /// objects. Ends in requestFinished(id, result, error); a metadata refresh follows a success,
    /// since admin work usually changes what the tree shows.
    using Request = std::function<QVariant(
        kafka::KafkaClient &client, std::chrono::milliseconds timeout, kafka::KafkaError *error)>;
    /// Whether a request changes the cluster; changes are refused on a read-only connection.
    enum class Access { Read, Change };
    quint64 submit(Request request, Access access = Access::Read);
    bool isReadOnly() const { return settings_.readOnly; }

    quint64 createTopic(const kafka::NewTopic &topic);
    quint64 deleteTopic(const QString &name);

Q_SIGNALS:
    void stateChanged(edis::cluster::ClusterSession::State state, const QString &message);
    void metadataChanged(const edis::kafka::ClusterMetadata &metadata);
    void requestFinished(quint64 requestId, const QVariant &result, const edis::kafka::KafkaError &error);

private:
    void onRequestFinished(quint64 requestId, const QVariant &result, const edis::kafka::KafkaError &error);
    void setState(State state, const QString &message);
    void onMetadata(const edis::kafka::ClusterMetadata &metadata, const edis::kafka::KafkaError &error);

    kafka::ConnectionSettings settings_;
    State state_ = State::Disconnected;
    QString stateMessage_;
    kafka::ClusterMetadata metadata_;
    std::chrono::milliseconds requestTimeout_ {10'000};
    std::unique_ptr<util::BackgroundWorker> thread_;
    /// Used on thread_ only; its last reference goes there too (see close()).
    std::shared_ptr<ClusterWorker> worker_;
    QTimer refreshTimer_;
    bool metadataInFlight_ = false;
    quint64 nextRequestId_ = 1;
};

/// Owns the session's KafkaClient, on the session's thread. Internal to ClusterSession.
class ClusterWorker {
public:
    explicit ClusterWorker(kafka::ConnectionSettings settings);
    ~ClusterWorker();

    kafka::Result<kafka::ClusterMetadata> fetchMetadata(kafka::Deadline &deadline);
    QVariant run(
        const ClusterSession::Request &request, std::chrono::milliseconds timeout, kafka::KafkaError *error);

private:
    kafka::KafkaClient *client(kafka::KafkaError *error);

    kafka::ConnectionSettings settings_;
    std::unique_ptr<kafka::KafkaClient> client_;
};

} // namespace edis::cluster

Q_DECLARE_METATYPE(edis::kafka::ClusterMetadata)
Q_DECLARE_METATYPE(edis::kafka::NewTopic)
