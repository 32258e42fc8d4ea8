#include "ratewindow.h"

namespace edis::inspect {

RateWindow::RateWindow(int64_t windowMs)
    : windowMs_(windowMs)
{
}

void RateWindow::reset(std::optional<int64_t> atMs)
{
    samples_.clear();
    if (atMs) {
        samples_.push_back({*atMs, 0, 0});
    }
}

void RateWindow::add(int64_t atMs, uint64_t records, uint64_t bytes)
{
    if (!samples_.empty() && atMs < samples_.back().atMs) {
        return; // out of order: ignore rather than compute a negative span
    }
    samples_.push_back({atMs, records, bytes});
    // Keep one sample at or before the window's start, so the rate spans the whole window.
    while (samples_.size() > 2 && samples_[1].atMs <= atMs - windowMs_) {
        samples_.pop_front();
    }
}

std::optional<double> RateWindow::perSecond(uint64_t Sample::*counter) const
{
    if (samples_.size() < 2) {
        return std::nullopt;
    }
    const Sample &first = samples_.front();
    const Sample &last = samples_.back();
    const int64_t span = last.atMs - first.atMs;
    if (span < kMinSpanMs) {
        return std::nullopt;
    }
    const uint64_t from = first.*counter;
    const uint64_t to = last.*counter;
    return to >= from ? double(to - from) * 1000.0 / double(span) : 0.0;
}

std::optional<double> RateWindow::recordsPerSecond() const
{
    return perSecond(&Sample::records);
}

std::optional<double> RateWindow::bytesPerSecond() const
{
    return perSecond(&Sample::bytes);
}

std::optional<double> RateWindow::secondsFor(int64_t remaining) const
{
    const std::optional<double> rate = recordsPerSecond();
    if (remaining < 0 || !rate || *rate <= 0) {
        return std::nullopt;
    }
    return double(remaining) / *rate;
}

} // namespace edis::inspect
