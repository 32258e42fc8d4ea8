#include "ratepacer.h"

#include <algorithm>
#include <cmath>

namespace edis::inspect {

namespace {

// Absorbs the rounding of rate × elapsed, so a record due at exactly t is due at t, not at t+1 ms.
constexpr double kEpsilon = 1e-9;

} // namespace

RatePacer::RatePacer(double perSecond, qint64 startMs)
    : perSecond_(perSecond)
    , maxBurst_(std::max(1.0, perSecond))
    , originMs_(double(startMs))
{
}

double RatePacer::owedAt(qint64 nowMs) const
{
    // Record n (from 0) is due at origin + n / rate: by `nowMs`, 1 + rate × elapsed are due.
    return 1.0 + perSecond_ * (double(nowMs) - originMs_) / 1000.0 - double(taken_);
}

quint64 RatePacer::take(qint64 nowMs)
{
    double owed = owedAt(nowMs);
    if (owed > maxBurst_) {
        // Forget the older backlog: move the origin so that exactly maxBurst_ are owed now.
        originMs_ = double(nowMs) - (maxBurst_ - 1.0 + double(taken_)) * 1000.0 / perSecond_;
        owed = maxBurst_;
    }
    const double due = std::floor(owed + kEpsilon);
    if (due < 1) {
        return 0;
    }
    taken_ += quint64(due);
    return quint64(due);
}

qint64 RatePacer::msUntilNext(qint64 nowMs) const
{
    if (owedAt(nowMs) + kEpsilon >= 1.0) {
        return 0;
    }
    const double nextDueMs = originMs_ + double(taken_) * 1000.0 / perSecond_;
    return std::max<qint64>(1, qint64(std::ceil(nextDueMs - double(nowMs) - kEpsilon)));
}

} // namespace edis::inspect
