#pragma once

// Where the inspector's records come from. A ConsumerWorker runs one source on its thread: open
// it at the request's position, poll batches until it is finished, pause and resume it, read its
// progress, close it by destroying it. The store, the model, the filters, the search and the
// export above it do not know which source fed them. MessageConsumer (a Kafka topic) is the first
// source, FileRecordSource (a file of records the inspector exported) the second and
// StreamRecordSource (a RabbitMQ stream) the third.

#include "consumerequest.h"
#include "kafka/kafkaerror.h"
#include "messagebatch.h"

#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <vector>

namespace edis::inspect {

class RecordSource {
public:
    virtual ~RecordSource() = default;

    /// Gets ready to read what `request` asks for (start positions, partitions, stop
    /// conditions, filter). Returns Kind::Cancelled soon after `stop` is set; poll() heeds
    /// `stop` too.
    virtual kafka::KafkaError open(const ConsumeRequest &request, std::stop_token stop) = 0;
    /// Appends up to `maxRecords` records that pass the request's filter and stop conditions to
    /// `batch`, waiting at most `maxWait` for them; returns how many it appended. A failure
    /// finishes the source (see error()).
    virtual std::size_t poll(MessageBatch &batch, std::chrono::milliseconds maxWait, std::size_t maxRecords)
        = 0;
    /// A stop condition was met, the records ran out (a bounded source), or it failed.
    virtual bool finished() const = 0;
    virtual const kafka::KafkaError &error() const = 0;
    /// A paused source appends nothing and reads nothing more until it is resumed.
    virtual void setPaused(bool paused) = 0;
    virtual bool isPaused() const = 0;
    /// A passing problem the source is recovering from by itself (a lost connection it is
    /// re-establishing), worded for the status line; empty when there is none.
    virtual QString notice() const { return {}; }

    virtual const std::vector<PartitionProgress> &partitions() const = 0;
    virtual uint64_t scanned() const = 0; ///< records read
    virtual uint64_t delivered() const = 0; ///< records appended (matches when filtering)
    virtual uint64_t bytesRead() const = 0; ///< key and value bytes read
    /// Records left to the end the source had at open(); -1 when it is not known.
    virtual int64_t remaining() const = 0;
};

/// Makes the source a consumption reads from, on the worker's thread.
using RecordSourceFactory = std::function<std::unique_ptr<RecordSource>()>;

} // namespace edis::inspect
