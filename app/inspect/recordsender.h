#pragma once

// The send loop the produce dialog and `edis produce` share: records from a source, queued on a
// kafka::Producer in order, paced at a rate or as fast as the producer takes them, and stopped
// within a few milliseconds when asked.

#include "kafka/outgoingmessage.h"

#include <QtGlobal>

#include <atomic>
#include <functional>

namespace edis::kafka {
class Producer;
}

namespace edis::inspect {

/// Fills `*record` with the record for `sequence` (0, 1, …) and returns true, or returns false
/// when there are no more. A source that fails keeps its own reason.
using OutgoingRecords = std::function<bool(quint64 sequence, kafka::OutgoingMessage *record)>;

/// `count` records from a template (recordtemplate.h); `count` 0: without end.
OutgoingRecords templatedRecords(kafka::OutgoingMessage templ, quint64 count);

struct SendOptions {
    /// Records per second; 0: as fast as the producer takes them.
    double perSecond = 0;
    /// Called after each queued record with the number queued so far (on the sending thread).
    std::function<void(quint64 queued)> onQueued;
};

struct SendOutcome {
    quint64 queued = 0;
    bool stopped = false; ///< the stop flag ended the send (not an error)
    kafka::KafkaError error; ///< why a record could not be queued
};

/// Queues the records of `source` until it ends, `stop` is set or one cannot be queued. Between
/// paced records it serves delivery reports, waking at least every kStopCheckMs to look at
/// `stop`. It does not flush: what was queued is the caller's to wait for.
SendOutcome sendRecords(kafka::Producer &producer, const OutgoingRecords &source, const SendOptions &options,
    const std::atomic<bool> &stop);

/// How long a paced send sleeps at most before it looks at its stop flag again.
inline constexpr qint64 kStopCheckMs = 10;

} // namespace edis::inspect
