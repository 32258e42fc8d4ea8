#pragma once

// Where a blocking request ends: at its deadline, or soon after a stop flag is set from another
// thread. The calls in kafka/metadata.h and kafka/offsets.h cut their librdkafka calls into
// slices (kafka/requesttuning.h) and look at the flag between slices.

#include "kafka/kafkaerror.h"

#include <atomic>
#include <chrono>

namespace edis::kafka {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    /// Ends `timeout` from now, or when `*stop` becomes true (the flag must outlive the call).
    explicit Deadline(std::chrono::milliseconds timeout, const std::atomic<bool> *stop = nullptr);

    bool stopped() const { return stop_ && stop_->load(std::memory_order_relaxed); }
    bool expired() const { return Clock::now() >= at_; }
    /// Stopped or expired: give up and return overError().
    bool over() const { return stopped() || expired(); }
    std::chrono::milliseconds remaining() const;
    /// The timeout as given, for messages.
    std::chrono::milliseconds timeout() const { return timeout_; }
    const std::atomic<bool> *stopFlag() const { return stop_; }

    /// The timeout for the next blocking librdkafka call: the current slice, within what is left.
    std::chrono::milliseconds nextSlice() const;
    int nextSliceMs() const;
    /// The last slice ended without an answer. When the cluster was seen to be unreachable, no
    /// answer can be early and only the stop must be seen soon: the slice stays short. Otherwise
    /// the answer may just be slow: the next slice is twice as long, up to kMaxCallSlice.
    void sliceEnded(bool clusterUnreachable);

    /// Sleeps `pause`, or less when the deadline or a stop comes first (a stop within
    /// kStopCheckInterval).
    void pause(std::chrono::milliseconds pause) const;

    /// What to return once over(): Kind::Cancelled when stopped, Kind::Timeout otherwise.
    KafkaError overError() const;

private:
    Clock::time_point at_;
    std::chrono::milliseconds timeout_;
    std::chrono::milliseconds slice_;
    const std::atomic<bool> *stop_;
};

/// A duration as librdkafka's int milliseconds, clamped to [kMinCallTimeout, kMaxCallTimeout].
int toCallTimeoutMs(std::chrono::milliseconds timeout);

} // namespace edis::kafka
