#include "kafka/kafkaclient.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <thread>

namespace edis::kafka {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::KafkaClient", text);
}

int toMs(milliseconds d)
{
    return static_cast<int>(std::clamp<milliseconds::rep>(d.count(), 0, 3'600'000));
}

} // namespace

ClusterMetadata toClusterMetadata(const rd_kafka_metadata_t &md)
{
    ClusterMetadata out;
    out.answeringBrokerId = md.orig_broker_id;
    for (int i = 0; i < md.broker_cnt; ++i) {
        const auto &b = md.brokers[i];
        out.brokers.push_back({b.id, QString::fromUtf8(b.host), b.port});
    }
    std::sort(out.brokers.begin(), out.brokers.end(),
        [](const BrokerInfo &a, const BrokerInfo &b) { return a.id < b.id; });
    out.topics.reserve(md.topic_cnt);
    for (int t = 0; t < md.topic_cnt; ++t) {
        const auto &mt = md.topics[t];
        TopicInfo topic;
        topic.name = QString::fromUtf8(mt.topic);
        if (mt.err) {
            topic.error = QString::fromUtf8(rd_kafka_err2str(mt.err));
        }
        topic.partitions.reserve(mt.partition_cnt);
        for (int p = 0; p < mt.partition_cnt; ++p) {
            const auto &mp = mt.partitions[p];
            PartitionInfo part;
            part.id = mp.id;
            part.leader = mp.leader;
            part.replicas = QList<int32_t>(mp.replicas, mp.replicas + mp.replica_cnt);
            part.isr = QList<int32_t>(mp.isrs, mp.isrs + mp.isr_cnt);
            if (mp.err) {
                part.error = QString::fromUtf8(rd_kafka_err2str(mp.err));
            }
            topic.partitions.push_back(std::move(part));
        }
        std::sort(topic.partitions.begin(), topic.partitions.end(),
            [](const PartitionInfo &a, const PartitionInfo &b) { return a.id < b.id; });
        out.topics.push_back(std::move(topic));
    }
    std::sort(out.topics.begin(), out.topics.end(),
        [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

KafkaClient::KafkaClient(ConnectionSettings settings)
    : settings_(std::move(settings))
    , errors_(std::make_unique<ErrorCollector>())
{
}

KafkaClient::~KafkaClient() = default;

std::unique_ptr<KafkaClient> KafkaClient::create(const ConnectionSettings &settings, KafkaError *error)
{
    std::unique_ptr<KafkaClient> client(new KafkaClient(settings));
    QString message;
    ConfHandle conf = buildConf(settings, &message);
    if (!conf) {
        if (error) {
            *error = KafkaError::make(KafkaError::Kind::InvalidSettings, message);
        }
        return {};
    }
    // Reconnect quickly after a failure, so a cluster that comes back is seen soon.
    setConfProperty(conf.get(), "reconnect.backoff.max.ms", "2000", nullptr);
    client->errors_->install(conf.get());
    std::array<char, 512> errstr {};
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        if (error) {
            *error = KafkaError::make(KafkaError::Kind::InvalidSettings, QString::fromUtf8(errstr.data()));
        }
        return {};
    }
    conf.release(); // owned by rk now
    client->rk_.reset(rk);
    return client;
}

Result<ClusterMetadata> KafkaClient::fetchMetadata(milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    errors_->clear();
    while (true) {
        const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        const milliseconds slice = std::clamp(remaining, milliseconds(50), milliseconds(500));
        const rd_kafka_metadata_t *raw = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(rk_.get(), 1, nullptr, &raw, toMs(slice));
        MetadataHandle md(raw);
        rd_kafka_poll(rk_.get(), 0); // serves error_cb into the collector
        if (!err && md) {
            ClusterMetadata result = toClusterMetadata(*md);
            if (char *id = rd_kafka_clusterid(rk_.get(), 0)) {
                result.clusterId = QString::fromUtf8(id);
                rd_kafka_mem_free(rk_.get(), id);
            }
            result.controllerId = rd_kafka_controllerid(rk_.get(), 0);
            return {std::move(result), {}};
        }
        if (errors_->hasFatal()) {
            return {{}, errors_->mostTelling()};
        }
        if (Clock::now() >= deadline) {
            KafkaError cause = errors_->mostTelling();
            if (!cause) {
                cause = KafkaError::fromCode(RD_KAFKA_RESP_ERR__TIMED_OUT);
            }
            cause.message = tr("No answer from %1 within %2 s. %3")
                                .arg(settings_.bootstrapServers)
                                .arg(static_cast<double>(timeout.count()) / 1000.0, 0, 'g', 3)
                                .arg(cause.message);
            return {{}, cause};
        }
        if (err != RD_KAFKA_RESP_ERR__TIMED_OUT && err != RD_KAFKA_RESP_ERR__TRANSPORT) {
            // Not a connectivity problem; give the broker a moment before asking again.
            std::this_thread::sleep_for(milliseconds(50));
        }
    }
}

QString KafkaClient::sandboxLimitation(const QString &what)
{
    return tr("%1 is not available on the sandbox. The sandbox built into EDIS Studio stores and "
              "serves messages, and consumers in a group can commit their offsets, but it cannot "
              "list or describe consumer groups, show or change topic configs, or create, delete or "
              "grow topics. Connect to a Kafka cluster for that.")
        .arg(what);
}

KafkaError KafkaClient::notSupportedBySandbox(const QString &what)
{
    return KafkaError::make(KafkaError::Kind::NotSupported, sandboxLimitation(what));
}

KafkaError KafkaClient::runAdmin(
    rd_kafka_queue_t *queue, rd_kafka_event_type_t expected, milliseconds timeout, EventHandle *result)
{
    // The request itself carries the same timeout, so this wait has a small margin only.
    EventHandle event(rd_kafka_queue_poll(queue, toMs(timeout + milliseconds(2000))));
    if (!event) {
        return KafkaError::fromCode(RD_KAFKA_RESP_ERR__TIMED_OUT);
    }
    if (rd_kafka_event_type(event.get()) != expected) {
        return KafkaError::make(KafkaError::Kind::Other, tr("Unexpected reply from the client."));
    }
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        return KafkaError::fromCode(err, QString::fromUtf8(rd_kafka_event_error_string(event.get())));
    }
    *result = std::move(event);
    return {};
}

KafkaError KafkaClient::createTopic(const NewTopic &topic, milliseconds timeout)
{
    if (settings_.isSandbox) {
        return notSupportedBySandbox(tr("Creating a topic"));
    }
    std::array<char, 512> errstr {};
    const QByteArray name = topic.name.toUtf8();
    rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(
        name.constData(), topic.partitions, topic.replicationFactor, errstr.data(), errstr.size());
    if (!nt) {
        return KafkaError::make(KafkaError::Kind::InvalidRequest, QString::fromUtf8(errstr.data()));
    }
    std::unique_ptr<rd_kafka_NewTopic_t, decltype(&rd_kafka_NewTopic_destroy)> guard(
        nt, &rd_kafka_NewTopic_destroy);
    for (const auto &[key, value] : topic.configs) {
        if (const auto err = rd_kafka_NewTopic_set_config(nt, key.c_str(), value.c_str())) {
            return KafkaError::fromCode(err);
        }
    }
    AdminOptionsHandle options(rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_request_timeout(options.get(), toMs(timeout), errstr.data(), errstr.size());
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), toMs(timeout), errstr.data(), errstr.size());
    QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_CreateTopics(rk_.get(), &nt, 1, options.get(), queue.get());
    EventHandle event;
    if (KafkaError err = runAdmin(queue.get(), RD_KAFKA_EVENT_CREATETOPICS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_topic_result_t **results
        = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const auto err = rd_kafka_topic_result_error(results[i])) {
            return KafkaError::fromCode(
                err, QString::fromUtf8(rd_kafka_topic_result_error_string(results[i])));
        }
    }
    return {};
}

KafkaError KafkaClient::deleteTopic(const QString &name, milliseconds timeout)
{
    if (settings_.isSandbox) {
        return notSupportedBySandbox(tr("Deleting a topic"));
    }
    const QByteArray utf8 = name.toUtf8();
    rd_kafka_DeleteTopic_t *dt = rd_kafka_DeleteTopic_new(utf8.constData());
    std::unique_ptr<rd_kafka_DeleteTopic_t, decltype(&rd_kafka_DeleteTopic_destroy)> guard(
        dt, &rd_kafka_DeleteTopic_destroy);
    std::array<char, 512> errstr {};
    AdminOptionsHandle options(rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS));
    rd_kafka_AdminOptions_set_request_timeout(options.get(), toMs(timeout), errstr.data(), errstr.size());
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), toMs(timeout), errstr.data(), errstr.size());
    QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_DeleteTopics(rk_.get(), &dt, 1, options.get(), queue.get());
    EventHandle event;
    if (KafkaError err = runAdmin(queue.get(), RD_KAFKA_EVENT_DELETETOPICS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_topic_result_t **results
        = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
        if (const auto err = rd_kafka_topic_result_error(results[i])) {
            return KafkaError::fromCode(
                err, QString::fromUtf8(rd_kafka_topic_result_error_string(results[i])));
        }
    }
    return {};
}

} // namespace edis::kafka
