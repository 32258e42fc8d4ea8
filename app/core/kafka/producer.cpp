#include "kafka/producer.h"

#include "kafka/clienttraffic.h"
#include "kafka/internal/rdkafkahandles.h"
#include "kafka/metadata.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace edis::kafka {

using std::chrono::milliseconds;

namespace {

// Waits are cut into slices of this length, so a stop flag is seen within one slice. librdkafka
// has no way to wake a blocked rd_kafka_flush(); 100 ms keeps the wake-ups rare and a closing
// window's wait short.
constexpr milliseconds kStopCheckSlice {100};

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::Producer", text);
}

bool stopped(const std::atomic<bool> *stop)
{
    return stop && stop->load();
}

} // namespace

KafkaError Producer::open(const ConnectionSettings &settings, const std::map<std::string, std::string> &extra)
{
    QString message;
    ConfHandle conf = buildConf(settings, &message);
    if (!conf) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
    }
    for (const auto &[key, value] : extra) {
        if (!setConfProperty(conf.get(), key, value, &message)) {
            return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
        }
    }
    // install() for its log callback (librdkafka's lines go to the edis.rdkafka category, not
    // straight to stderr); then an own opaque and error_cb, so the delivery callback finds this.
    errors_.install(conf.get());
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_error_cb(conf.get(), [](rd_kafka_t *, int err, const char *reason, void *opaque) {
        static_cast<Producer *>(opaque)->errors_.add(static_cast<rd_kafka_resp_err_t>(err), reason);
    });
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::onDelivery);
    ClientTraffic::enableStatistics(conf.get()); // bytes/s on the throughput page
    std::array<char, 512> errstr {};
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, QString::fromUtf8(errstr.data()));
    }
    static_cast<void>(conf.release()); // rd_kafka_new() owns it now
    producer_.reset(rk);
    ClientTraffic::instance().track(rk, trafficKey(settings));
    return {};
}

Producer::~Producer()
{
    if (producer_ && inFlight() > 0) {
        purge();
    }
}

void Producer::onDelivery(rd_kafka_t * /*rk*/, const rd_kafka_message_t *message, void *opaque)
{
    auto *self = static_cast<Producer *>(opaque);
    if (message->err) {
        ++self->failed_;
        if (!self->firstFailure_.isError()) {
            self->firstFailure_
                = KafkaError::fromCode(message->err, QString::fromUtf8(rd_kafka_err2str(message->err)));
        }
    } else {
        ++self->delivered_;
    }
}

KafkaError Producer::produce(const OutgoingMessage &message, const std::atomic<bool> *stop)
{
    for (;;) {
        KafkaError error = produceMessage(producer_.get(), message);
        if (error.code != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            if (!error) {
                ++queued_;
            }
            rd_kafka_poll(producer_.get(), 0);
            return error;
        }
        if (stopped(stop)) {
            return KafkaError::make(
                KafkaError::Kind::Cancelled, tr("Stopped while the send queue was full."));
        }
        rd_kafka_poll(producer_.get(), int(kStopCheckSlice.count())); // make room: serve delivery reports
    }
}

void Producer::poll(milliseconds wait)
{
    rd_kafka_poll(producer_.get(), int(wait.count()));
}

KafkaError Producer::flush(milliseconds timeout, const std::atomic<bool> *stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left
            = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
        // Serves the delivery reports (our counters) while it waits.
        rd_kafka_flush(producer_.get(), int(std::clamp(left, milliseconds(0), kStopCheckSlice).count()));
        if (inFlight() == 0 || left <= milliseconds(0) || stopped(stop)) {
            break;
        }
    }
    rd_kafka_poll(producer_.get(), 0);
    if (firstFailure_.isError()) {
        return firstFailure_;
    }
    if (inFlight() == 0) {
        return {};
    }
    if (stopped(stop)) {
        return KafkaError::make(KafkaError::Kind::Cancelled,
            tr("Stopped with %1 records not yet delivered.").arg(inFlight()), RD_KAFKA_RESP_ERR__TIMED_OUT);
    }
    KafkaError cause = errors_.mostTelling();
    if (cause.isError()) {
        return cause;
    }
    return KafkaError::make(KafkaError::Kind::Timeout,
        tr("%1 records were still not delivered after %2 ms.").arg(inFlight()).arg(timeout.count()),
        RD_KAFKA_RESP_ERR__TIMED_OUT);
}

void Producer::purge()
{
    rd_kafka_purge(producer_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(producer_.get(), 0); // the purged records' reports: they count as failed
}

int Producer::partitionCount(const std::string &topic, milliseconds timeout)
{
    std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
        rd_kafka_topic_new(producer_.get(), topic.c_str(), nullptr), &rd_kafka_topic_destroy);
    const rd_kafka_metadata_t *raw = nullptr;
    if (rd_kafka_metadata(producer_.get(), 0, rkt.get(), &raw, int(timeout.count())) || !raw) {
        return -1;
    }
    MetadataHandle md(raw);
    return md->topic_cnt == 1 && !md->topics[0].err ? md->topics[0].partition_cnt : -1;
}

Result<TopicInfo> Producer::topicMetadata(const QString &topic, Deadline &deadline)
{
    return fetchTopicMetadata(producer_.get(), errors_, topic, deadline);
}

} // namespace edis::kafka
