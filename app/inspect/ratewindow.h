#pragma once

// A read rate smoothed over a time window, from cumulative counters (the consumer's progress
// reports, a few a second), never per record. Per-interval rates of a bursty fetch swing between
// 0 and twice the real rate; the difference of the counters over the last few seconds does not.

#include <cstdint>
#include <deque>
#include <optional>

namespace edis::inspect {

class RateWindow {
public:
    static constexpr int64_t kDefaultWindowMs = 5000;
    /// Less history than this gives no rate at all (a rate over a few milliseconds is noise);
    /// the consumer reports every 250 ms, so the first report after a reset(start) has a rate.
    static constexpr int64_t kMinSpanMs = 200;

    explicit RateWindow(int64_t windowMs = kDefaultWindowMs);

    /// Forgets every sample; `atMs` (when given) is a first sample of zero records and bytes,
    /// so that the rate is known from the first report on.
    void reset(std::optional<int64_t> atMs = std::nullopt);
    /// Cumulative totals at time `atMs` (monotonic milliseconds; samples in time order).
    void add(int64_t atMs, uint64_t records, uint64_t bytes);

    /// Records per second over the window; nullopt until kMinSpanMs of history.
    std::optional<double> recordsPerSecond() const;
    std::optional<double> bytesPerSecond() const;
    /// Seconds until `remaining` more records are read at the smoothed rate; nullopt when the
    /// rate is unknown or zero, or nothing remains to be counted.
    std::optional<double> secondsFor(int64_t remaining) const;

    int64_t windowMs() const { return windowMs_; }

private:
    struct Sample {
        int64_t atMs;
        uint64_t records;
        uint64_t bytes;
    };
    std::optional<double> perSecond(uint64_t Sample::*counter) const;

    int64_t windowMs_;
    std::deque<Sample> samples_;
};

} // namespace edis::inspect
