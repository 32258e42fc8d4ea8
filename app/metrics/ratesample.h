#pragma once

// Plain values that carry one sampling round from the sampler's thread to its users.
// One SampleRound per round crosses the thread boundary, never one value per partition.

#include "kafka/clienttraffic.h"
#include "kafka/kafkaerror.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace edis::metrics {

/// A rate that could not be derived this round (first sight of a partition, offsets that moved
/// backwards, a failed request). Plots draw it as a gap, sums skip it.
inline constexpr double kUnknownRate = std::numeric_limits<double>::quiet_NaN();

inline bool isKnown(double value)
{
    return !std::isnan(value);
}

struct PartitionRate {
    int32_t partition = -1;
    int64_t endOffset = -1; ///< log-end offset (high watermark); -1 when unknown this round
    double messagesPerSecond = kUnknownRate;
};

struct TopicRate {
    QString topic;
    /// Sum of the partitions whose rate is known; unknown when none is.
    double messagesPerSecond = kUnknownRate;
    std::vector<PartitionRate> partitions; ///< sorted by partition id
    int unknownPartitions = 0; ///< partitions left out of the sum this round
    /// Message bytes per second that EDIS's own clients wrote to and read from the topic, from
    /// their librdkafka statistics (kafka/clienttraffic.h); unknown when none of them touched it.
    double writtenBytesPerSecond = kUnknownRate;
    double readBytesPerSecond = kUnknownRate;
};

struct PartitionLag {
    QString topic;
    int32_t partition = -1;
    int64_t committedOffset = -1;
    int64_t endOffset = -1;
    int64_t lag = -1; ///< -1 when the log end is unknown this round
};

struct GroupLag {
    QString group;
    /// Sum over the partitions whose lag is known; -1 when none is.
    int64_t totalLag = -1;
    std::vector<PartitionLag> partitions; ///< sorted by topic, then partition
    QString error; ///< why the group's offsets could not be read
};

/// How the log-end offsets were read this round.
enum class OffsetMethod {
    None,
    /// One batched ListOffsets(timestamp = latest) per leader: kafka::offsetsForTimes.
    OffsetsForTimes,
    /// One watermark query per partition (kafka::queryWatermarksOneByOne): the fallback for
    /// brokers that refuse the above.
    Watermarks,
};

QString methodName(OffsetMethod method);

struct SampleRound;
/// Sets the bytes/s of the round's topics that `traffic` (ClientTraffic::topicRates) knows.
void addClientTraffic(SampleRound &round, const std::map<QString, kafka::TopicTraffic> &traffic);

struct SampleRound {
    quint64 sequence = 0; ///< 1 for the first round of a sampler
    qint64 wallTimeMs = 0; ///< when the offsets were read (middle of the request), ms since epoch
    double intervalSeconds = 0; ///< time since the previous successful round; 0 on the first
    std::vector<TopicRate> topics; ///< sorted by name
    std::vector<GroupLag> groups; ///< sorted by name
    QStringList missingTopics; ///< watched topics that do not exist (any more)
    QString groupListError; ///< why the cluster's groups could not be listed, if asked to
    kafka::KafkaError error; ///< set when the round failed as a whole
    OffsetMethod method = OffsetMethod::None;
    int partitionCount = 0; ///< partitions whose offsets were asked for
    double roundMs = 0; ///< wall time the round took on the sampler thread
    qint64 threadCpuNs = 0; ///< CPU time the sampler thread spent on this round

    const TopicRate *topic(const QString &name) const;
    const GroupLag *group(const QString &name) const;
    /// Sum of all known topic rates.
    double totalMessagesPerSecond() const;
};

} // namespace edis::metrics

Q_DECLARE_METATYPE(edis::metrics::SampleRound)
