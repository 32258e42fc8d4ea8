#pragma once

// Bytes per second that EDIS's own librdkafka clients move, per cluster and topic, from
// librdkafka's statistics (statistics.interval.ms + stats_cb). A broker does not tell anyone how
// many bytes a topic receives; the clients that write and read it know. This registry collects
// what EDIS's clients (the inspector's consumer, the record producer, the sandbox's traffic)
// report, so the throughput page can show bytes/s beside the msg/s every client sees.

#include "kafka/connectionsettings.h"
#include "kafka/rdkafkafwd.h"

#include <QString>

#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

namespace edis::kafka {

/// A topic's counters in one statistics document: sums over its partitions.
struct TopicCounters {
    int64_t rxBytes = 0; ///< message bytes received (consumer)
    int64_t txBytes = 0; ///< message bytes sent (producer)
    int64_t rxMessages = 0;
    int64_t txMessages = 0;
};

/// The part of one librdkafka statistics document EDIS uses.
struct ClientStatistics {
    QString name; ///< the handle's name ("rdkafka#producer-1")
    QString type; ///< "producer" or "consumer"
    int64_t tsMicros = 0; ///< librdkafka's monotonic clock
    std::map<QString, TopicCounters> topics;
};

/// Parses a statistics document (what stats_cb receives). On malformed input returns nothing
/// and sets `error`.
std::optional<ClientStatistics> parseClientStatistics(std::string_view json, QString *error = nullptr);

/// Rates of one topic, summed over the tracked clients of a cluster. A direction no tracked
/// client covers (no producer of ours wrote the topic, no consumer of ours read it) is NaN.
struct TopicTraffic {
    double writtenBytesPerSecond = std::numeric_limits<double>::quiet_NaN(); ///< by EDIS's producers
    double readBytesPerSecond = std::numeric_limits<double>::quiet_NaN(); ///< by EDIS's consumers
    double writtenMessagesPerSecond = std::numeric_limits<double>::quiet_NaN();
    double readMessagesPerSecond = std::numeric_limits<double>::quiet_NaN();
};

/// Names a cluster for the registry: its bootstrap servers, trimmed, lower-case, sorted.
QString trafficKey(const ConnectionSettings &settings);
QString trafficKey(const QString &bootstrapServers);

/// Process-wide and thread-safe: clients register from their own threads, statistics arrive on
/// the thread that polls each client, readers (the sampler's thread) ask for rates.
class ClientTraffic {
public:
    static ClientTraffic &instance();

    /// Asks librdkafka for statistics every `intervalMs` on `conf`, delivered to this registry.
    /// Call before rd_kafka_new(); the client must then be track()ed. Leaves the conf's opaque alone.
    static void enableStatistics(rd_kafka_conf_s *conf, int intervalMs = 1000);

    /// From now on, statistics of `rk` count for the cluster `clusterKey` (see trafficKey()).
    void track(rd_kafka_s *rk, const QString &clusterKey);
    /// Stops counting `rk` (its handle is about to be destroyed). Called by KafkaHandle's deleter.
    void forget(rd_kafka_s *rk);

    /// Takes one statistics document of `rk`, received at `nowMs` (steady clock). Documents of
    /// clients not tracked, and malformed ones, are ignored. Public for tests.
    void ingest(rd_kafka_s *rk, std::string_view json, qint64 nowMs);

    /// Each topic the cluster's tracked clients wrote or read, with their summed rates. A client
    /// whose last document is older than `maxAgeMs` (stopped polling, gone) is left out.
    std::map<QString, TopicTraffic> topicRates(
        const QString &clusterKey, qint64 nowMs, qint64 maxAgeMs = 3500) const;
    std::map<QString, TopicTraffic> topicRates(const QString &clusterKey) const;

    /// Milliseconds of the steady clock the registry uses.
    static qint64 steadyNowMs();

private:
    struct Client {
        QString clusterKey;
        std::optional<ClientStatistics> previous;
        std::map<QString, TopicTraffic> rates; ///< from the last two documents
        qint64 receivedMs = 0; ///< when rates was computed; 0 before the second document
    };

    mutable std::mutex mutex_;
    std::map<rd_kafka_s *, Client> clients_;
};

} // namespace edis::kafka
