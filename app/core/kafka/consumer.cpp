#include "kafka/consumer.h"

#include "kafka/clienthandle.h"
#include "kafka/internal/rdkafkahandles.h"
#include "kafka/metadata.h"
#include "util/backgroundworker.h"

#include <QCoreApplication>
#include <QUuid>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>

namespace edis::kafka {

using std::chrono::milliseconds;

/// The handle and what its callbacks reach, shared with the helper threads of requests: the
/// last one to let go closes and destroys the consumer, on its own thread.
struct Consumer::Handle {
    ErrorCollector errors; ///< reached by error_cb: goes after the handle
    KafkaHandle rk;
    QueueHandle queue;

    ~Handle()
    {
        queue.reset(); // must go before the consumer is closed
        if (rk) {
            rd_kafka_consumer_close(rk.get());
        }
        rk.reset();
    }
};

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::Consumer", text);
}

bool setsProperty(const ConnectionSettings &settings, const std::string &key)
{
    return settings.properties.find(key) != settings.properties.end();
}

/// The options as createHandle() properties: fixed ones always, defaults where the connection
/// has none, a throwaway group id unless it has one.
std::map<std::string, std::string> propertiesFor(
    const ConnectionSettings &settings, const Consumer::Options &options)
{
    std::map<std::string, std::string> properties;
    if (!setsProperty(settings, "group.id")) {
        properties["group.id"]
            = (options.groupIdPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces)).toStdString();
    }
    for (const auto &[key, value] : options.defaults) {
        if (!setsProperty(settings, key)) {
            properties[key] = value;
        }
    }
    for (const auto &[key, value] : options.fixed) {
        properties[key] = value;
    }
    return properties;
}

PartitionListHandle toList(const std::vector<Consumer::PartitionAt> &partitions)
{
    PartitionListHandle list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const Consumer::PartitionAt &p : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), p.topic.constData(), p.partition)->offset = p.offset;
    }
    return list;
}

int toMs(milliseconds d)
{
    return toCallTimeoutMs(d);
}

} // namespace

Consumer::Consumer(std::shared_ptr<Handle> handle)
    : handle_(std::move(handle))
{
}

Consumer::~Consumer() = default;

std::unique_ptr<Consumer> Consumer::create(
    const ConnectionSettings &settings, const Options &options, KafkaError *error)
{
    auto handle = std::make_shared<Handle>();
    std::vector<std::string> skipped;
    HandleOptions handleOptions;
    handleOptions.role = HandleRole::Consumer;
    handleOptions.properties = propertiesFor(settings, options);
    handleOptions.errors = &handle->errors;
    handleOptions.countTraffic = options.trackTraffic; // bytes/s on the throughput page
    handleOptions.configure = [&](rd_kafka_conf_t *conf) {
        for (const auto &[key, value] : options.optional) {
            if (!setsProperty(settings, key) && !setConfProperty(conf, key, value, nullptr)) {
                skipped.push_back(key);
            }
        }
    };
    handle->rk = createHandle(settings, handleOptions, error);
    if (!handle->rk) {
        return {};
    }
    std::unique_ptr<Consumer> consumer(new Consumer(std::move(handle)));
    consumer->skipped_ = std::move(skipped);
    return consumer;
}

template <typename Value>
Result<Value> Consumer::interruptibly(
    const Call<Value> &call, milliseconds timeout, const std::stop_token &stop)
{
    if (!stop.stop_possible()) { // nobody can stop it (the CLI): no helper thread needed
        Deadline deadline(timeout);
        return call(handle_->rk.get(), handle_->errors, deadline);
    }
    struct Outcome {
        std::mutex mutex;
        std::condition_variable_any answered;
        std::optional<Result<Value>> result;
        std::atomic<bool> stop {false}; ///< ends the helper's call at its next slice
    };
    auto outcome = std::make_shared<Outcome>();
    util::BackgroundWorker helper;
    helper.post([handle = handle_, outcome, call, timeout](const util::BackgroundWorker::Context &) {
        Deadline deadline(timeout, &outcome->stop);
        Result<Value> result = call(handle->rk.get(), handle->errors, deadline);
        {
            std::lock_guard lock(outcome->mutex);
            outcome->result = std::move(result);
        }
        outcome->answered.notify_all();
    });
    std::unique_lock lock(outcome->mutex);
    if (outcome->answered.wait(lock, stop, [&] { return outcome->result.has_value(); })) {
        return std::move(*outcome->result);
    }
    outcome->stop = true;
    return {{}, KafkaError::make(KafkaError::Kind::Cancelled, tr("Stopped before the cluster answered."))};
}

Result<TopicInfo> Consumer::topicMetadata(
    const QString &topic, milliseconds timeout, const std::stop_token &stop)
{
    return interruptibly<TopicInfo>(
        [topic](rd_kafka_t *rk, ErrorCollector &errors, Deadline &deadline) {
            return fetchTopicMetadata(rk, errors, topic, deadline);
        },
        timeout, stop);
}

Result<QList<PartitionWatermarks>> Consumer::watermarks(
    const QList<TopicPartitionRef> &partitions, milliseconds timeout, const std::stop_token &stop)
{
    return interruptibly<QList<PartitionWatermarks>>(
        [partitions](rd_kafka_t *rk, ErrorCollector &errors, Deadline &deadline) {
            return queryWatermarks(rk, partitions, deadline, {LeaderWait::UntilDeadline, &errors});
        },
        timeout, stop);
}

Result<QList<PartitionOffset>> Consumer::offsetsForTimes(const QList<TopicPartitionRef> &partitions,
    int64_t timestampMs, milliseconds timeout, const std::stop_token &stop)
{
    return interruptibly<QList<PartitionOffset>>(
        [partitions, timestampMs](rd_kafka_t *rk, ErrorCollector &errors, Deadline &deadline) {
            return kafka::offsetsForTimes(
                rk, partitions, timestampMs, deadline, {LeaderWait::UntilDeadline, &errors});
        },
        timeout, stop);
}

bool Consumer::cachedWatermarks(const QByteArray &topic, int32_t partition, int64_t *low, int64_t *high) const
{
    return rd_kafka_get_watermark_offsets(handle_->rk.get(), topic.constData(), partition, low, high)
        == RD_KAFKA_RESP_ERR_NO_ERROR;
}

void Consumer::poke(const QByteArray &topic, int32_t partition)
{
    int64_t low = -1;
    int64_t high = -1;
    rd_kafka_query_watermark_offsets(
        handle_->rk.get(), topic.constData(), partition, &low, &high, toMs(kPokeWait));
}

KafkaError Consumer::assign(const std::vector<PartitionAt> &partitions)
{
    const PartitionListHandle list = toList(partitions);
    if (const rd_kafka_resp_err_t err = rd_kafka_assign(handle_->rk.get(), list.get())) {
        return KafkaError::fromCode(err);
    }
    if (!handle_->queue) {
        handle_->queue.reset(rd_kafka_queue_get_consumer(handle_->rk.get()));
    }
    if (!handle_->queue) {
        return KafkaError::make(KafkaError::Kind::Other, tr("The consumer has no queue."));
    }
    return {};
}

void Consumer::pause(const std::vector<PartitionAt> &partitions)
{
    rd_kafka_pause_partitions(handle_->rk.get(), toList(partitions).get());
}

void Consumer::resume(const std::vector<PartitionAt> &partitions)
{
    rd_kafka_resume_partitions(handle_->rk.get(), toList(partitions).get());
}

std::size_t Consumer::queued() const
{
    return handle_->queue ? rd_kafka_queue_length(handle_->queue.get()) : 0;
}

ssize_t Consumer::consumeBatch(milliseconds wait, rd_kafka_message_t **out, std::size_t max)
{
    if (!handle_->queue) {
        return 0;
    }
    return rd_kafka_consume_batch_queue(
        handle_->queue.get(), int(std::max<int64_t>(0, wait.count())), out, max);
}

void Consumer::serveCallbacks()
{
    rd_kafka_poll(handle_->rk.get(), 0);
}

const ErrorCollector &Consumer::errors() const
{
    return handle_->errors;
}

ConsumedMessage Consumer::fieldsOf(const rd_kafka_message_t *message)
{
    ConsumedMessage m;
    m.error = message->err;
    m.topic = message->rkt;
    m.partition = message->partition;
    m.offset = message->offset;
    m.key = static_cast<const char *>(message->key);
    m.keyLength = message->key_len;
    m.value = static_cast<const char *>(message->payload);
    m.valueLength = message->len;
    return m;
}

int64_t Consumer::timestampOf(const rd_kafka_message_t *message, TimestampKind *kind)
{
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const int64_t ts = rd_kafka_message_timestamp(message, &type);
    *kind = type == RD_KAFKA_TIMESTAMP_CREATE_TIME   ? TimestampKind::CreateTime
        : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? TimestampKind::LogAppendTime
                                                     : TimestampKind::NotAvailable;
    return ts;
}

const char *Consumer::topicOf(const rd_kafka_message_t *message)
{
    return message->rkt ? rd_kafka_topic_name(message->rkt) : "";
}

int32_t Consumer::brokerOf(const rd_kafka_message_t *message)
{
    return rd_kafka_message_broker_id(message);
}

QString Consumer::errorOf(const rd_kafka_message_t *message)
{
    return QString::fromUtf8(rd_kafka_message_errstr(message));
}

bool Consumer::endsReading(int error)
{
    switch (error) {
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
        return true;
    default:
        return false;
    }
}

void Consumer::forEachHeaderOf(const rd_kafka_message_t *message, HeaderVisitor visit, void *context)
{
    rd_kafka_headers_t *headers = nullptr;
    // The message is const to its readers; librdkafka caches the parsed headers in it.
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR || !headers) {
        return;
    }
    const char *name = nullptr;
    const void *value = nullptr;
    std::size_t size = 0;
    for (std::size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
        visit(context, name, value, size);
    }
}

} // namespace edis::kafka
