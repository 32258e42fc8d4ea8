#include "kafka/clienthandle.h"

#include "kafka/clienttraffic.h"
#include "kafka/internal/rdkafkahandles.h"
#include "kafka/requesttuning.h"

#include <array>

namespace edis::kafka {

namespace {

KafkaHandle refuse(KafkaError *error, const QString &message)
{
    if (error) {
        *error = KafkaError::make(KafkaError::Kind::InvalidSettings, message);
    }
    return {};
}

} // namespace

KafkaHandle createHandle(const ConnectionSettings &settings, const HandleOptions &options, KafkaError *error)
{
    QString message;
    ConfHandle conf = buildConf(settings, &message);
    if (!conf) {
        return refuse(error, message);
    }
    if (!settings.properties.contains("reconnect.backoff.max.ms")
        && !setConfProperty(
            conf.get(), "reconnect.backoff.max.ms", tuning::kReconnectBackoffMaxMs, &message)) {
        return refuse(error, message);
    }
    for (const auto &[key, value] : options.properties) {
        if (!setConfProperty(conf.get(), key, value, &message)) {
            return refuse(error, message);
        }
    }
    if (options.errors) {
        options.errors->install(conf.get());
    }
    if (options.countTraffic) {
        ClientTraffic::enableStatistics(conf.get());
    }
    if (options.configure) {
        options.configure(conf.get());
    }
    std::array<char, 512> errstr {};
    const rd_kafka_type_t type = options.role == HandleRole::Consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER;
    KafkaHandle rk(rd_kafka_new(type, conf.get(), errstr.data(), errstr.size()));
    if (!rk) {
        return refuse(error, QString::fromUtf8(errstr.data()));
    }
    static_cast<void>(conf.release()); // owned by rk now
    if (options.countTraffic) {
        ClientTraffic::instance().track(rk.get(), trafficKey(settings));
    }
    return rk;
}

} // namespace edis::kafka
