#include "cluster/clustersession.h"

#include "util/backgroundworker.h"

#include <QCoreApplication>

namespace edis::cluster {

using std::chrono::milliseconds;

namespace {
void registerTypes()
{
    static const bool once = [] {
        qRegisterMetaType<kafka::ClusterMetadata>();
        qRegisterMetaType<kafka::KafkaError>();
        qRegisterMetaType<kafka::NewTopic>();
        return true;
    }();
    Q_UNUSED(once);
}
} // namespace

ClusterSession::ClusterSession(kafka::ConnectionSettings settings, QObject *parent)
    : QObject(parent)
    , settings_(std::move(settings))
{
    registerTypes();
    refreshTimer_.setInterval(5000);
    connect(&refreshTimer_, &QTimer::timeout, this, &ClusterSession::refresh);
}

ClusterSession::~ClusterSession()
{
    close();
}

void ClusterSession::setRefreshInterval(milliseconds interval)
{
    refreshTimer_.setInterval(static_cast<int>(interval.count()));
}

void ClusterSession::open()
{
    if (worker_) {
        return;
    }
    worker_ = std::make_shared<ClusterWorker>(settings_);
    thread_ = std::make_unique<util::BackgroundWorker>(this);
    setState(State::Connecting, tr("Connecting to %1…").arg(settings_.bootstrapServers));
    refresh();
    refreshTimer_.start();
}

void ClusterSession::close()
{
    refreshTimer_.stop();
    if (worker_) {
        // The client must go on the worker's thread (destroying a librdkafka handle can block):
        // this last job holds it, and is dropped (destroyed) there, after a request that still
        // runs. Nothing here waits for that request.
        thread_->post([last = std::move(worker_)](const util::BackgroundWorker::Context &) {});
        thread_.reset();
        metadataInFlight_ = false;
    }
    if (state_ != State::Disconnected) {
        setState(State::Disconnected, tr("Disconnected"));
    }
}

void ClusterSession::refresh()
{
    if (!worker_ || metadataInFlight_) {
        return;
    }
    metadataInFlight_ = true;
    thread_->post(
        [this, w = worker_, timeout = requestTimeout_](const util::BackgroundWorker::Context &context) {
            const util::StopFlag stopped(context.stopToken());
            kafka::Deadline deadline(timeout, stopped.get());
            const auto md = w->fetchMetadata(deadline);
            context.deliver([this, md] { onMetadata(md.value, md.error); });
        });
}

quint64 ClusterSession::createTopic(const kafka::NewTopic &topic)
{
    return submit(
        [topic](kafka::KafkaClient &client, std::chrono::milliseconds timeout, kafka::KafkaError *error) {
            *error = client.createTopic(topic, timeout);
            return QVariant();
        },
        Access::Change);
}

quint64 ClusterSession::deleteTopic(const QString &name)
{
    return submit(
        [name](kafka::KafkaClient &client, std::chrono::milliseconds timeout, kafka::KafkaError *error) {
            *error = client.deleteTopic(name, timeout);
            return QVariant();
        },
        Access::Change);
}

quint64 ClusterSession::submit(Request request, Access access)
{
    const quint64 id = nextRequestId_++;
    const auto refuse = [this, id](const QString &why) {
        QMetaObject::invokeMethod(
            this,
            [this, id, why] {
                Q_EMIT requestFinished(id, {}, kafka::KafkaError::make(kafka::KafkaError::Kind::Other, why));
            },
            Qt::QueuedConnection);
        return id;
    };
    if (!worker_) {
        return refuse(tr("Not connected."));
    }
    if (access == Access::Change && settings_.readOnly) {
        return refuse(
            tr("This connection is read-only: changes to the cluster are turned off in its profile."));
    }
    thread_->post([this, w = worker_, id, request = std::move(request), timeout = requestTimeout_](
                      const util::BackgroundWorker::Context &context) {
        kafka::KafkaError error;
        const QVariant result = w->run(request, timeout, &error);
        context.deliver([this, id, result, error] { onRequestFinished(id, result, error); });
    });
    return id;
}

void ClusterSession::onRequestFinished(
    quint64 requestId, const QVariant &result, const kafka::KafkaError &error)
{
    // Event Hubs refuses parts of the protocol with generic codes: say so where the user looks.
    Q_EMIT requestFinished(requestId, result, kafka::explainForEventHubs(error, settings_.bootstrapServers));
    if (!error) {
        refresh();
    }
}

void ClusterSession::setState(State state, const QString &message)
{
    if (state == state_ && message == stateMessage_) {
        return;
    }
    state_ = state;
    stateMessage_ = message;
    Q_EMIT stateChanged(state, message);
}

void ClusterSession::onMetadata(const kafka::ClusterMetadata &metadata, const kafka::KafkaError &error)
{
    metadataInFlight_ = false;
    if (!worker_) {
        return; // closed while the request ran
    }
    if (error) {
        setState(State::Failed, error.message);
        return;
    }
    setState(State::Connected,
        tr("Connected to %1 — %n broker(s)", nullptr, static_cast<int>(metadata.brokers.size()))
            .arg(settings_.displayName.isEmpty() ? settings_.bootstrapServers : settings_.displayName));
    if (!(metadata == metadata_)) {
        metadata_ = metadata;
        Q_EMIT metadataChanged(metadata_);
    }
}

ClusterWorker::ClusterWorker(kafka::ConnectionSettings settings)
    : settings_(std::move(settings))
{
}

ClusterWorker::~ClusterWorker() = default;

kafka::KafkaClient *ClusterWorker::client(kafka::KafkaError *error)
{
    if (!client_) {
        client_ = kafka::KafkaClient::create(settings_, error);
    }
    return client_.get();
}

kafka::Result<kafka::ClusterMetadata> ClusterWorker::fetchMetadata(kafka::Deadline &deadline)
{
    kafka::KafkaError error;
    kafka::KafkaClient *c = client(&error);
    if (!c) {
        return {{}, error};
    }
    return c->fetchMetadata(deadline);
}

QVariant ClusterWorker::run(
    const ClusterSession::Request &request, milliseconds timeout, kafka::KafkaError *error)
{
    if (kafka::KafkaClient *c = client(error)) {
        return request(*c, timeout, error);
    }
    return {};
}

} // namespace edis::cluster
