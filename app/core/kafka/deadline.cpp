#include "kafka/deadline.h"

#include "kafka/requesttuning.h"

#include <QCoreApplication>

#include <algorithm>
#include <thread>

namespace edis::kafka {

using std::chrono::milliseconds;

Deadline::Deadline(milliseconds timeout, const std::atomic<bool> *stop)
    : at_(Clock::now() + std::max(milliseconds(0), timeout))
    , timeout_(timeout)
    , slice_(tuning::kStopCheckInterval)
    , stop_(stop)
{
}

milliseconds Deadline::remaining() const
{
    return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(at_ - Clock::now()));
}

milliseconds Deadline::nextSlice() const
{
    return std::clamp(remaining(), tuning::kMinCallTimeout, slice_);
}

int Deadline::nextSliceMs() const
{
    return toCallTimeoutMs(nextSlice());
}

void Deadline::sliceEnded(bool clusterUnreachable)
{
    if (!clusterUnreachable) {
        slice_ = std::min(slice_ * 2, tuning::kMaxCallSlice);
    }
}

void Deadline::pause(milliseconds pause) const
{
    const auto until = std::min(Clock::now() + pause, at_);
    while (!stopped() && Clock::now() < until) {
        const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
        std::this_thread::sleep_for(std::clamp(left, milliseconds(1), tuning::kStopCheckInterval));
    }
}

KafkaError Deadline::overError() const
{
    if (stopped()) {
        return KafkaError::make(KafkaError::Kind::Cancelled,
            QCoreApplication::translate("edis::kafka::Deadline", "Stopped before the cluster answered."));
    }
    return KafkaError::fromCode(ErrorCode::kTimedOut);
}

int toCallTimeoutMs(milliseconds timeout)
{
    return static_cast<int>(std::clamp(timeout, tuning::kMinCallTimeout, tuning::kMaxCallTimeout).count());
}

} // namespace edis::kafka
