#pragma once

// The recent publish / deliver / ack rates and depths of a vhost's queues and exchanges, as the
// management API's listings reported them (one sample per key each time the page's refresh
// brings fresh lists, about every 5 s). Bounded like the Kafka history (metrics/historystore.h):
// a fixed number of points per key in a metrics::RingBuffer, a bound on the number of keys, and
// memoryBytes() to show what it holds. Headless (QtCore only); owned by one thread.
//
// metrics::HistoryStore is not reused as a whole: its keys are Kafka topics, partitions and
// groups, it is fed whole SampleRounds, and it keeps one value per series per round on one shared
// timeline. Here one key carries six values sampled together, keys come and go between
// listings, and the queue and exchange listings arrive on their own clocks; so each key keeps
// its own ring of timed points, and the same RingBuffer and downsampler do the bounding and the
// thinning for the plots.

#include "metrics/historystore.h"
#include "metrics/ringbuffer.h"
#include "rabbit/managementtypes.h"

#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace edis::rabbit {

/// One queue or exchange of one vhost.
struct RateKey {
    enum class Kind : uint8_t { Queue, Exchange };
    Kind kind = Kind::Queue;
    QString vhost;
    QString name;

    static RateKey queue(const QString &vhost, const QString &name) { return {Kind::Queue, vhost, name}; }
    static RateKey exchange(const QString &vhost, const QString &name)
    {
        return {Kind::Exchange, vhost, name};
    }

    /// "queue:edis/orders", "exchange:edis/" (the default exchange): unique, for plots and logs.
    QString id() const;

    bool operator==(const RateKey &) const = default;
    bool operator<(const RateKey &o) const;
};

/// What one sample of a key holds. An exchange has no depth and no ack rate: those are unknown.
enum class RateMetric : uint8_t {
    Publish, ///< msg/s published to the queue; into the exchange (publish_in)
    Deliver, ///< msg/s delivered or got from the queue; routed out of the exchange (publish_out)
    Ack, ///< msg/s acknowledged (queues only)
    Messages, ///< ready + unacknowledged (queues only)
    Ready,
    Unacked,
};

/// One sample read back: the rates in msg/s (an exchange's ack is 0), the depths in messages
/// (-1 for an exchange).
struct RateSample {
    qint64 timeMs = 0;
    MessageRates rates;
    qint64 messages = -1;
    qint64 ready = -1;
    qint64 unacked = -1;
};

struct RateHistoryConfig {
    /// Points per key: 720 is an hour at the page's 5 s refresh.
    int pointsPerKey = 720;
    /// Keys kept at most. At the defaults a full history costs at most about 24 MB
    /// (boundBytes(): 1,000 keys x (720 points x 32 B + names and bookkeeping)).
    int maxKeys = 1000;
    /// A key absent from the listings this long is dropped with its history (deleted queues).
    qint64 forgetAfterMs = qint64 {10} * 60 * 1000;
};

/// Bounded history of the rates and depths of queues and exchanges.
class RateHistory {
public:
    explicit RateHistory(RateHistoryConfig config = {});

    const RateHistoryConfig &config() const { return config_; }

    /// One listing of queues (or exchanges) taken at `nowMs`: a sample for each. A key of the
    /// same kind that the listing lacks gets a gap, and is forgotten once it has been absent for
    /// forgetAfterMs. A new key when maxKeys are held evicts the least recently updated key that
    /// this listing lacks; when every key held is in it, the new one is refused (refusedKeys()).
    void record(qint64 nowMs, const QList<QueueInfo> &queues);
    void record(qint64 nowMs, const QList<ExchangeInfo> &exchanges);
    void clear();

    bool contains(const RateKey &key) const { return series_.contains(key); }
    std::vector<RateKey> keys() const;
    std::size_t keyCount() const { return series_.size(); }
    /// Keys the last listing of `kind` brought that could not be kept for want of room (0 when
    /// all were): the UI says so instead of showing their rates as unknown without a reason.
    int refusedKeys(RateKey::Kind kind) const { return refused_[static_cast<int>(kind)]; }
    /// Time of the newest listing recorded; 0 when none.
    qint64 lastTimeMs() const { return lastTimeMs_; }

    /// Points of `metric` with fromMs <= time <= toMs: keys in seconds since the epoch (as
    /// ThroughputPlot wants them), NaN values are gaps. maxPoints > 0 averages down to that many.
    metrics::SeriesData series(
        const RateKey &key, RateMetric metric, qint64 fromMs, qint64 toMs, int maxPoints = 0) const;
    /// The newest `points` values of `metric`, oldest first, gaps as NaN: what a
    /// widgets::SparklineDelegate draws from a QList<double>.
    QList<double> recent(const RateKey &key, RateMetric metric, int points) const;
    QList<double> publishSparkline(const RateKey &key, int points) const
    {
        return recent(key, RateMetric::Publish, points);
    }
    /// The newest sample of `key` if its last listing had it; nullopt when unknown or absent.
    std::optional<RateSample> latest(const RateKey &key) const;

    /// Bytes held: the point storage, the names and a per-key overhead estimate.
    std::size_t memoryBytes() const;
    /// What memoryBytes() can reach with this configuration: maxKeys full keys whose vhost and
    /// name have RabbitMQ's longest (255 bytes each).
    std::size_t boundBytes() const;
    /// Bytes of one stored point.
    static std::size_t pointBytes();

private:
    /// 32 bytes: rates as float (NaN publish marks a gap), depths as uint32 (saturated; the
    /// largest value is "unknown", what an exchange has).
    struct Point {
        qint64 timeMs;
        float publish;
        float deliver;
        float ack;
        uint32_t messages;
        uint32_t ready;
        uint32_t unacked;
    };
    struct Series {
        explicit Series(std::size_t capacity)
            : points(capacity)
        {
        }
        metrics::RingBuffer<Point> points;
        qint64 lastSeenMs = 0;
        quint64 lastListing = 0; ///< the listing of its kind that last had it
    };
    struct Incoming {
        RateKey key;
        Point point;
    };

    void recordListing(RateKey::Kind kind, qint64 nowMs, std::vector<Incoming> incoming);
    static double value(const Point &p, RateMetric metric);

    RateHistoryConfig config_;
    std::map<RateKey, Series> series_;
    quint64 listings_[2] = {0, 0}; ///< listings recorded per kind
    qint64 lastTimeMs_ = 0;
    int refused_[2] = {0, 0}; ///< per kind, in the last listing
};

} // namespace edis::rabbit
