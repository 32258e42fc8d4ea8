#pragma once

// Independent librdkafka clients for the admin tests: a producer that writes known records
// and a group consumer that commits known offsets, so the code under test is checked against
// what real clients did on the broker.

#include <librdkafka/rdkafka.h>

#include <QString>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>

namespace edis::test {

/// Writes `perPartition[p]` records to partition p of `topic`; record i of a partition carries
/// the timestamp firstTimestampMs + i * stepMs. Returns an empty string or the error.
QString produceRecords(const QString &bootstrap, const QString &topic,
    const std::map<int32_t, int> &perPartition, int64_t firstTimestampMs = 0, int64_t stepMs = 1000);

/// A consumer in a group, subscribed to one topic. Closing it (or destroying it) leaves the group.
class GroupConsumer {
public:
    GroupConsumer(const QString &bootstrap, const QString &group, const QString &topic);
    ~GroupConsumer();
    GroupConsumer(const GroupConsumer &) = delete;
    GroupConsumer &operator=(const GroupConsumer &) = delete;

    QString error() const { return error_; }
    /// Polls until the group gave this member `partitions` partitions.
    bool waitForAssignment(int partitions, std::chrono::milliseconds timeout);
    /// Reads until it has seen at least `count` records of each assigned partition, then commits
    /// offset `count` for each (synchronously). Returns false on timeout.
    bool consumeAndCommit(int count, std::chrono::milliseconds timeout);
    void close();

private:
    QString error_;
    rd_kafka_t *rk_ = nullptr;
    std::map<int32_t, int64_t> seen_; ///< partition → records read
};

} // namespace edis::test
