#include "recordproducer.h"

#include "kafka/clienttraffic.h"

#include <QCoreApplication>

#include <array>

namespace edis::inspect {

using kafka::KafkaError;

KafkaError RecordProducer::open(
    const kafka::ConnectionSettings &settings, const std::map<std::string, std::string> &extra)
{
    QString message;
    kafka::ConfHandle conf = kafka::buildConf(settings, &message);
    if (!conf) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
    }
    for (const auto &[key, value] : extra) {
        if (!kafka::setConfProperty(conf.get(), key, value, &message)) {
            return KafkaError::make(KafkaError::Kind::InvalidSettings, message);
        }
    }
    // Own opaque (not ErrorCollector::install's) so the delivery callback finds this object.
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_error_cb(conf.get(), [](rd_kafka_t *, int err, const char *reason, void *opaque) {
        static_cast<RecordProducer *>(opaque)->errors_.add(static_cast<rd_kafka_resp_err_t>(err), reason);
    });
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &RecordProducer::onDelivery);
    kafka::ClientTraffic::enableStatistics(conf.get()); // bytes/s on the throughput page
    std::array<char, 512> errstr {};
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size());
    if (!rk) {
        return KafkaError::make(KafkaError::Kind::InvalidSettings, QString::fromUtf8(errstr.data()));
    }
    conf.release();
    producer_.reset(rk);
    kafka::ClientTraffic::instance().track(rk, kafka::trafficKey(settings));
    return {};
}

void RecordProducer::onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *self = static_cast<RecordProducer *>(opaque);
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

KafkaError RecordProducer::produce(const kafka::OutgoingMessage &message)
{
    for (;;) {
        KafkaError error = kafka::produceMessage(producer_.get(), message);
        if (error.code != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(producer_.get(), 0);
            return error;
        }
        rd_kafka_poll(producer_.get(), 100); // make room: serve delivery reports
    }
}

KafkaError RecordProducer::flush(std::chrono::milliseconds timeout)
{
    const rd_kafka_resp_err_t err = rd_kafka_flush(producer_.get(), int(timeout.count()));
    rd_kafka_poll(producer_.get(), 0);
    if (firstFailure_.isError()) {
        return firstFailure_;
    }
    if (err) {
        const KafkaError cause = errors_.mostTelling();
        if (cause.isError()) {
            return cause;
        }
        return KafkaError::make(KafkaError::Kind::Timeout,
            QCoreApplication::translate("edis::inspect", "%1 records were still not delivered after %2 ms.")
                .arg(rd_kafka_outq_len(producer_.get()))
                .arg(timeout.count()),
            err);
    }
    return {};
}

int RecordProducer::partitionCount(const std::string &topic, std::chrono::milliseconds timeout)
{
    std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(
        rd_kafka_topic_new(producer_.get(), topic.c_str(), nullptr), &rd_kafka_topic_destroy);
    const rd_kafka_metadata_t *raw = nullptr;
    if (rd_kafka_metadata(producer_.get(), 0, rkt.get(), &raw, int(timeout.count())) || !raw) {
        return -1;
    }
    kafka::MetadataHandle md(raw);
    return md->topic_cnt == 1 && !md->topics[0].err ? md->topics[0].partition_cnt : -1;
}

} // namespace edis::inspect
