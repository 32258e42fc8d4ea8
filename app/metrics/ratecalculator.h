#pragma once

#include "metrics/ratesample.h"

#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace edis::metrics {

/// The log-end offsets of one topic as read in one round. An offset below zero means it could
/// not be read this round (the previous reading is kept and the next interval spans both).
struct TopicOffsets {
    QString topic;
    std::vector<std::pair<int32_t, int64_t>> endOffsets; ///< (partition, log-end offset)
};

/// Turns successive log-end offsets into msg/s. Pure: no I/O, no clock of its own, so every
/// odd case can be tested with made-up numbers.
///
/// - A partition seen for the first time has no rate yet (its baseline is taken).
/// - An offset that moved backwards (topic deleted and recreated, truncation) is a reset: that
///   interval is skipped and the new offset becomes the baseline. Rates are never negative.
/// - A topic or partition missing from a round is forgotten, so when it comes back it starts
///   from a fresh baseline instead of producing a spike against stale numbers.
/// - A topic's rate is the sum of its partitions only when all of them are known; otherwise the
///   topic has no rate this round (a gap in the plot is honest, a dip would not be).
class RateCalculator {
public:
    /// Feeds one round observed at `steadyNs` (a monotonic clock). Returns one TopicRate per
    /// input topic, in input order, with partitions sorted by id.
    std::vector<TopicRate> update(const std::vector<TopicOffsets> &round, int64_t steadyNs);

    void reset() { state_.clear(); }
    /// Number of partitions that currently have a baseline.
    int trackedPartitions() const;

private:
    struct PartitionState {
        int64_t offset = 0;
        int64_t steadyNs = 0;
    };
    std::map<QString, std::map<int32_t, PartitionState>> state_;
};

} // namespace edis::metrics
