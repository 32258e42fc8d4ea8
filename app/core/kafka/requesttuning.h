#pragma once

// Tuning of the blocking requests in app/core/kafka (metadata, watermarks, offsets for times,
// admin results), named in one place. librdkafka 2.0.2 offers these requests only as blocking
// calls that cannot be woken, so every wait is cut into slices and the stop flag is looked at
// between slices (kafka/deadline.h).

#include <chrono>

namespace edis::kafka::tuning {

using namespace std::chrono_literals;

/// First slice of a blocking call, and the slice while the cluster is unreachable: how soon a
/// stop is seen. A cluster on a LAN answers metadata and ListOffsets in a few ms (bench_metrics:
/// 1,000 partitions per ListOffsets in well under this), so a healthy call never needs a second.
inline constexpr std::chrono::milliseconds kStopCheckInterval = 100ms;

/// Longest slice. A slice that ends without an answer (and without any connection error) may
/// just be too short for a slow link or a big request, so the next one is twice as long, up
/// to this; a stop is then seen within this bound even when a broker accepts connections but
/// never answers. An answer that takes longer than this never arrives: the metadata loop has
/// always cut at 500 ms, and a ListOffsets of kOffsetsChunk partitions takes a fraction of it.
inline constexpr std::chrono::milliseconds kMaxCallSlice = 500ms;

/// Pause before asking again after an answer that was an error but not a connection failure
/// (a broker that is still starting, a leader that is moving).
inline constexpr std::chrono::milliseconds kRetryPause = 50ms;

/// Pause between the attempts to read a partition whose leader is moving or not elected yet.
inline constexpr std::chrono::milliseconds kLeaderRetryPause = 100ms;

/// How long a topic created a moment ago may answer "no leader" / "unknown" before that is the
/// answer: brokers learn of a new topic one after the other.
inline constexpr std::chrono::milliseconds kTopicSettleGrace = 3000ms;

/// Partitions per ListOffsets call. librdkafka matches each answer to its request by a linear
/// search (quadratic in the list size): 10,000 partitions in one call take seconds, in chunks
/// of 1,000 a fraction of that (bench_admin).
inline constexpr int kOffsetsChunk = 1000;

/// Margin on top of an admin request's own timeout for its result event to arrive.
inline constexpr std::chrono::milliseconds kAdminResultMargin = 2000ms;

/// reconnect.backoff.max.ms of EDIS's clients (librdkafka's default is 10 s): a cluster that
/// comes back is seen within about this.
inline constexpr const char *kReconnectBackoffMaxMs = "2000";

/// Bounds of the timeout handed to librdkafka, which takes an int of milliseconds.
inline constexpr std::chrono::milliseconds kMinCallTimeout = 1ms;
inline constexpr std::chrono::milliseconds kMaxCallTimeout = 3600s;

} // namespace edis::kafka::tuning
