#include "kafka/kafkaclient.h"

#include "kafka/internal/adminrequest.h"
#include "kafka/metadata.h"

#include <QCoreApplication>

#include <array>

namespace edis::kafka {

namespace {

using std::chrono::milliseconds;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::KafkaClient", text);
}

using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, decltype(&rd_kafka_NewTopic_destroy)>;
using DeleteTopicPtr = std::unique_ptr<rd_kafka_DeleteTopic_t, decltype(&rd_kafka_DeleteTopic_destroy)>;

} // namespace

KafkaClient::KafkaClient(ConnectionSettings settings)
    : settings_(std::move(settings))
    , errors_(std::make_unique<ErrorCollector>())
{
}

KafkaClient::~KafkaClient() = default;

std::unique_ptr<KafkaClient> KafkaClient::create(const ConnectionSettings &settings, KafkaError *error)
{
    HandleOptions handle;
    // Metadata of a named topic must not create it (librdkafka's producer default allows that).
    handle.properties = {{"allow.auto.create.topics", "false"}};
    return create(settings, std::move(handle), error);
}

std::unique_ptr<KafkaClient> KafkaClient::create(
    const ConnectionSettings &settings, HandleOptions handle, KafkaError *error)
{
    std::unique_ptr<KafkaClient> client(new KafkaClient(settings));
    handle.errors = client->errors_.get();
    client->rk_ = createHandle(settings, handle, error);
    return client->rk_ ? std::move(client) : nullptr;
}

Result<ClusterMetadata> KafkaClient::fetchMetadata(milliseconds timeout)
{
    Deadline deadline(timeout);
    return fetchMetadata(deadline);
}

Result<ClusterMetadata> KafkaClient::fetchMetadata(Deadline &deadline)
{
    auto result = kafka::fetchMetadata(rk_.get(), *errors_, deadline);
    if (!result.ok() && !deadline.stopped() && deadline.expired()) {
        result.error.message = tr("No answer from %1 within %2 s. %3")
                                   .arg(settings_.bootstrapServers)
                                   .arg(static_cast<double>(deadline.timeout().count()) / 1000.0, 0, 'g', 3)
                                   .arg(result.error.message);
    }
    return result;
}

Result<QList<PartitionOffset>> KafkaClient::offsetsForTimes(const QList<TopicPartitionRef> &partitions,
    int64_t timestampMs, Deadline &deadline, LeaderWait leaderWait)
{
    errors_->clear();
    return kafka::offsetsForTimes(rk_.get(), partitions, timestampMs, deadline, {leaderWait, errors_.get()});
}

Result<QList<PartitionWatermarks>> KafkaClient::watermarks(
    const QList<TopicPartitionRef> &partitions, Deadline &deadline, WatermarkQuery how)
{
    errors_->clear();
    const OffsetQueryOptions options {LeaderWait::ReportAtOnce, errors_.get()};
    return how == WatermarkQuery::Batched ? queryWatermarks(rk_.get(), partitions, deadline, options)
                                          : queryWatermarksOneByOne(rk_.get(), partitions, deadline, options);
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

KafkaError KafkaClient::createTopic(const NewTopic &topic, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(*this, tr("Creating a topic"))) {
        return err;
    }
    std::array<char, 512> errstr {};
    const QByteArray name = topic.name.toUtf8();
    NewTopicPtr nt(rd_kafka_NewTopic_new(name.constData(), topic.partitions, topic.replicationFactor,
                       errstr.data(), errstr.size()),
        &rd_kafka_NewTopic_destroy);
    if (!nt) {
        return KafkaError::make(KafkaError::Kind::InvalidRequest, QString::fromUtf8(errstr.data()));
    }
    for (const auto &[key, value] : topic.configs) {
        if (const auto err = rd_kafka_NewTopic_set_config(nt.get(), key.c_str(), value.c_str())) {
            return KafkaError::fromCode(err);
        }
    }
    AdminOptionsHandle options = makeAdminOptions(rk_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout);
    QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_NewTopic_t *raw = nt.get();
    rd_kafka_CreateTopics(rk_.get(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (KafkaError err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_CREATETOPICS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_topic_result_t **results
        = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
    return firstTopicError(results, count);
}

KafkaError KafkaClient::deleteTopic(const QString &name, milliseconds timeout)
{
    if (auto err = refuseOnSandbox(*this, tr("Deleting a topic"))) {
        return err;
    }
    const QByteArray utf8 = name.toUtf8();
    DeleteTopicPtr dt(rd_kafka_DeleteTopic_new(utf8.constData()), &rd_kafka_DeleteTopic_destroy);
    AdminOptionsHandle options = makeAdminOptions(rk_.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout);
    QueueHandle queue(rd_kafka_queue_new(rk_.get()));
    rd_kafka_DeleteTopic_t *raw = dt.get();
    rd_kafka_DeleteTopics(rk_.get(), &raw, 1, options.get(), queue.get());
    EventHandle event;
    if (KafkaError err
        = waitForAdminResult(queue.get(), RD_KAFKA_EVENT_DELETETOPICS_RESULT, timeout, &event)) {
        return err;
    }
    size_t count = 0;
    const rd_kafka_topic_result_t **results
        = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.get()), &count);
    return firstTopicError(results, count);
}

} // namespace edis::kafka
