#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/connectionsettings.h"
#include "kafka/kafkaclient.h"
#include "kafka/kafkaerror.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>

namespace edis::cluster {

class ClusterWorker;

/// One open connection to a cluster, for the GUI thread. All Kafka I/O runs on the session's
/// own worker thread; results come back as signals carrying plain values.
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
    QThread thread_;
    ClusterWorker *worker_ = nullptr; ///< lives on thread_, deleted by it
    QTimer refreshTimer_;
    bool metadataInFlight_ = false;
    quint64 nextRequestId_ = 1;
};

/// Runs on the session's thread and owns the KafkaClient. Internal to ClusterSession.
class ClusterWorker : public QObject {
    Q_OBJECT
public:
    explicit ClusterWorker(kafka::ConnectionSettings settings);
    ~ClusterWorker() override;

public:
    void fetchMetadata(qint64 timeoutMs);
    void run(quint64 requestId, const ClusterSession::Request &request, qint64 timeoutMs);

Q_SIGNALS:
    void metadataFetched(const edis::kafka::ClusterMetadata &metadata, const edis::kafka::KafkaError &error);
    void requestFinished(quint64 requestId, const QVariant &result, const edis::kafka::KafkaError &error);

private:
    kafka::KafkaClient *client(kafka::KafkaError *error);

    kafka::ConnectionSettings settings_;
    std::unique_ptr<kafka::KafkaClient> client_;
};

} // namespace edis::cluster

Q_DECLARE_METATYPE(edis::kafka::ClusterMetadata)
Q_DECLARE_METATYPE(edis::kafka::NewTopic)
