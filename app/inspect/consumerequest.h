#pragma once

// What to read: plain values handed from the GUI (or the CLI) to a consumer.

#include "kafka/connectionsettings.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace edis::inspect {

class FilterExpression;
class PayloadJson;

struct StartPosition {
    enum class Kind {
        Beginning, ///< the oldest offset still held
        End, ///< only new records (live tail)
        Offset, ///< this offset in every partition (clamped to what the partition holds)
        Timestamp, ///< the first record at or after this time (epoch ms)
        LastN, ///< the newest N records of each partition
    };
    Kind kind = Kind::Beginning;
    int64_t value = 0;

    static StartPosition beginning() { return {Kind::Beginning, 0}; }
    static StartPosition end() { return {Kind::End, 0}; }
    static StartPosition offset(int64_t o) { return {Kind::Offset, o}; }
    static StartPosition timestamp(int64_t ms) { return {Kind::Timestamp, ms}; }
    static StartPosition lastN(int64_t n) { return {Kind::LastN, n}; }
};

struct TopicSelection {
    QString topic;
    StartPosition start;
    std::vector<int32_t> partitions; ///< empty: every partition
};

struct ConsumeRequest {
    kafka::ConnectionSettings connection;
    std::vector<TopicSelection> topics;
    /// Stop after this many delivered (matching) records; 0: no limit.
    uint64_t maxMessages = 0;
    /// Stop when every partition reached the end offset it had when consumption started.
    bool stopAtEnd = false;
    /// Stop a partition at its first record with a timestamp after this (epoch ms).
    std::optional<int64_t> stopAtTimestampMs;
    /// Only matching records are delivered (a topic scan); null: all.
    std::shared_ptr<const FilterExpression> filter;
    /// How the filter reads framed (Schema Registry) keys and values; null: as raw bytes.
    std::shared_ptr<const PayloadJson> payloads;
    /// Seconds to wait for metadata and offsets before giving up.
    int timeoutMs = 15000;
};

/// Where one partition stands.
struct PartitionProgress {
    QString topic;
    int32_t partition = -1;
    int64_t startOffset = -1; ///< resolved start (the high watermark when tailing)
    int64_t lowWatermark = -1; ///< at start
    int64_t highWatermark = -1; ///< at start: the end for stopAtEnd and the ETA
    int64_t nextOffset = -1; ///< offset after the last record seen
    int32_t leader = -1; ///< broker leading the partition at start
    bool done = false; ///< a stop condition was met for this partition
};

/// Counters of a running consumption, for a status line or a progress bar.
struct ConsumerProgress {
    uint64_t scanned = 0; ///< records read from the broker
    uint64_t delivered = 0; ///< records handed over (matches when filtering)
    uint64_t bytes = 0; ///< key+value bytes read
    double recordsPerSecond = 0; ///< recent read rate
    double bytesPerSecond = 0; ///< recent read rate of key+value bytes
    /// Records left up to the end offsets captured at start (-1 when unknown, e.g. tailing).
    int64_t remaining = -1;
    double etaSeconds = -1; ///< remaining / rate, -1 when unknown
    bool paused = false;
    /// The source's passing problem (a lost connection being re-established); empty: none.
    QString notice;
};

/// Why a consumption ended.
enum class FinishReason {
    Completed, ///< a stop condition was met (max records, end offsets, stop time)
    Stopped, ///< the user stopped it
    Failed, ///< an error ended it
};

} // namespace edis::inspect

Q_DECLARE_METATYPE(edis::inspect::ConsumerProgress)
Q_DECLARE_METATYPE(edis::inspect::FinishReason)
