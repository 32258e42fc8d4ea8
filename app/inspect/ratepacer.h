#pragma once

// When the records of a paced send are due: the first at once, then one every 1/rate seconds,
// counted from the start so that rounding never drifts. Pure arithmetic on a clock the caller
// reads, so the schedule can be tested without waiting.

#include <QtGlobal>

namespace edis::inspect {

class RatePacer {
public:
    /// `perSecond` > 0.
    RatePacer(double perSecond, qint64 startMs);

    /// How many records are due at `nowMs` and not yet taken; marks them taken. After a stall
    /// (a full queue, a slow broker) at most one second's worth (at least one record) is due at
    /// once: the rest of the backlog is forgotten instead of sent in a burst.
    quint64 take(qint64 nowMs);
    /// Milliseconds from `nowMs` until the next record is due; 0 when one is due now.
    qint64 msUntilNext(qint64 nowMs) const;

    double perSecond() const { return perSecond_; }
    double maxBurst() const { return maxBurst_; }

private:
    double owedAt(qint64 nowMs) const;

    double perSecond_;
    double maxBurst_;
    double originMs_; ///< moves forward when a backlog is forgotten
    quint64 taken_ = 0;
};

} // namespace edis::inspect
