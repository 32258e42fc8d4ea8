#include "rabbit/ratehistory.h"

#include "metrics/seriesdownsampler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace edis::rabbit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kGapRate = std::numeric_limits<float>::quiet_NaN();
constexpr uint32_t kUnknownDepth = std::numeric_limits<uint32_t>::max();
/// Rough cost of one std::map node beyond the key and the Series (as HistoryStore counts it).
constexpr std::size_t kNodeOverhead = 64;
/// RabbitMQ's names are AMQP short strings: at most 255 bytes, so at most 255 UTF-16 units.
constexpr std::size_t kMaxNameChars = 255;

uint32_t depth(qint64 count)
{
    return static_cast<uint32_t>(std::clamp<qint64>(count, 0, qint64 {kUnknownDepth} - 1));
}

int kindIndex(RateKey::Kind kind)
{
    return static_cast<int>(kind);
}

} // namespace

QString RateKey::id() const
{
    return QStringLiteral("%1:%2/%3")
        .arg(kind == Kind::Queue ? QLatin1String("queue") : QLatin1String("exchange"), vhost, name);
}

bool RateKey::operator<(const RateKey &o) const
{
    return std::tie(kind, vhost, name) < std::tie(o.kind, o.vhost, o.name);
}

RateHistory::RateHistory(RateHistoryConfig config)
    : config_(config)
{
}

void RateHistory::clear()
{
    series_.clear();
    listings_[0] = listings_[1] = 0;
    refused_[0] = refused_[1] = 0;
    lastTimeMs_ = 0;
}

void RateHistory::record(qint64 nowMs, const QList<QueueInfo> &queues)
{
    std::vector<Incoming> incoming;
    incoming.reserve(static_cast<std::size_t>(queues.size()));
    for (const QueueInfo &q : queues) {
        incoming.push_back({RateKey::queue(q.vhost, q.name),
            {nowMs, static_cast<float>(q.rates.publish), static_cast<float>(q.rates.deliver),
                static_cast<float>(q.rates.ack), depth(q.messages), depth(q.messagesReady),
                depth(q.messagesUnacknowledged)}});
    }
    recordListing(RateKey::Kind::Queue, nowMs, std::move(incoming));
}

void RateHistory::record(qint64 nowMs, const QList<ExchangeInfo> &exchanges)
{
    std::vector<Incoming> incoming;
    incoming.reserve(static_cast<std::size_t>(exchanges.size()));
    for (const ExchangeInfo &e : exchanges) {
        // The API has no ack rate for an exchange: unknown, not 0.
        incoming.push_back({RateKey::exchange(e.vhost, e.name),
            {nowMs, static_cast<float>(e.rates.publish), static_cast<float>(e.rates.deliver), kGapRate,
                kUnknownDepth, kUnknownDepth, kUnknownDepth}});
    }
    recordListing(RateKey::Kind::Exchange, nowMs, std::move(incoming));
}

void RateHistory::recordListing(RateKey::Kind kind, qint64 nowMs, std::vector<Incoming> incoming)
{
    const int k = kindIndex(kind);
    const quint64 listing = ++listings_[k];
    lastTimeMs_ = std::max(lastTimeMs_, nowMs);
    const auto capacity = static_cast<std::size_t>(std::max(1, config_.pointsPerKey));

    // Keys held already first, so that none of them is evicted for a newcomer of this listing.
    std::vector<Incoming> newcomers;
    for (Incoming &in : incoming) {
        const auto it = series_.find(in.key);
        if (it == series_.end()) {
            newcomers.push_back(std::move(in));
            continue;
        }
        it->second.points.push(in.point);
        it->second.lastSeenMs = nowMs;
        it->second.lastListing = listing;
    }

    // Keys of this kind the listing lacks: a gap once, and gone after forgetAfterMs.
    for (auto it = series_.begin(); it != series_.end();) {
        Series &s = it->second;
        if (it->first.kind != kind || s.lastListing == listing) {
            ++it;
            continue;
        }
        if (nowMs - s.lastSeenMs >= config_.forgetAfterMs) {
            it = series_.erase(it);
            continue;
        }
        if (!s.points.empty() && !std::isnan(s.points.back().publish)) {
            s.points.push({nowMs, kGapRate, kGapRate, kGapRate, kUnknownDepth, kUnknownDepth, kUnknownDepth});
        }
        ++it;
    }

    // Newcomers, evicting the least recently updated keys the latest listings of their kinds
    // lacked. The candidates are gathered once, oldest last, only when room runs out.
    refused_[k] = 0;
    std::vector<std::pair<qint64, RateKey>> evictable;
    bool gathered = false;
    const auto maxKeys = static_cast<std::size_t>(std::max(0, config_.maxKeys));
    for (Incoming &in : newcomers) {
        if (series_.contains(in.key)) { // listed twice
            continue;
        }
        if (series_.size() >= maxKeys) {
            if (!gathered) {
                gathered = true;
                for (const auto &[key, s] : series_) {
                    if (s.lastListing != listings_[kindIndex(key.kind)]) {
                        evictable.emplace_back(s.lastSeenMs, key);
                    }
                }
                std::sort(evictable.begin(), evictable.end(),
                    [](const auto &a, const auto &b) { return a.first > b.first; });
            }
            if (evictable.empty() || maxKeys == 0) {
                ++refused_[k];
                continue;
            }
            series_.erase(evictable.back().second);
            evictable.pop_back();
        }
        Series s(capacity);
        s.points.push(in.point);
        s.lastSeenMs = nowMs;
        s.lastListing = listing;
        series_.emplace(std::move(in.key), std::move(s));
    }
}

std::vector<RateKey> RateHistory::keys() const
{
    std::vector<RateKey> out;
    out.reserve(series_.size());
    for (const auto &[key, s] : series_) {
        out.push_back(key);
    }
    return out;
}

double RateHistory::value(const Point &p, RateMetric metric)
{
    const auto rate = [](float r) { return static_cast<double>(r); };
    const auto count = [](uint32_t c) { return c == kUnknownDepth ? kNaN : static_cast<double>(c); };
    if (std::isnan(p.publish)) {
        return kNaN; // a gap in every metric
    }
    switch (metric) {
    case RateMetric::Publish:
        return rate(p.publish);
    case RateMetric::Deliver:
        return rate(p.deliver);
    case RateMetric::Ack:
        return rate(p.ack);
    case RateMetric::Messages:
        return count(p.messages);
    case RateMetric::Ready:
        return count(p.ready);
    case RateMetric::Unacked:
        return count(p.unacked);
    }
    return kNaN;
}

metrics::SeriesData RateHistory::series(
    const RateKey &key, RateMetric metric, qint64 fromMs, qint64 toMs, int maxPoints) const
{
    metrics::SeriesData out;
    const auto it = series_.find(key);
    if (it == series_.end()) {
        return out;
    }
    const auto &points = it->second.points;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point &p = points.at(i);
        if (p.timeMs < fromMs) {
            continue;
        }
        if (p.timeMs > toMs) {
            break;
        }
        out.keys.push_back(static_cast<double>(p.timeMs) / 1000.0);
        out.values.push_back(value(p, metric));
    }
    metrics::downsampleByAverage(out.keys, out.values, maxPoints);
    return out;
}

QList<double> RateHistory::recent(const RateKey &key, RateMetric metric, int points) const
{
    QList<double> out;
    const auto it = series_.find(key);
    if (it == series_.end() || points <= 0) {
        return out;
    }
    const auto &ring = it->second.points;
    const std::size_t n = std::min(ring.size(), static_cast<std::size_t>(points));
    out.reserve(static_cast<qsizetype>(n));
    for (std::size_t i = ring.size() - n; i < ring.size(); ++i) {
        out.push_back(value(ring.at(i), metric));
    }
    return out;
}

std::optional<RateSample> RateHistory::latest(const RateKey &key) const
{
    const auto it = series_.find(key);
    if (it == series_.end() || it->second.points.empty()
        || it->second.lastListing != listings_[kindIndex(key.kind)]) {
        return std::nullopt;
    }
    const Point &p = it->second.points.back();
    const auto count = [](uint32_t c) { return c == kUnknownDepth ? qint64 {-1} : qint64 {c}; };
    RateSample sample;
    sample.timeMs = p.timeMs;
    sample.rates = {static_cast<double>(p.publish), static_cast<double>(p.deliver),
        std::isnan(p.ack) ? 0.0 : static_cast<double>(p.ack)};
    sample.messages = count(p.messages);
    sample.ready = count(p.ready);
    sample.unacked = count(p.unacked);
    return sample;
}

std::size_t RateHistory::pointBytes()
{
    return sizeof(Point);
}

std::size_t RateHistory::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const auto &[key, s] : series_) {
        bytes += s.points.memoryBytes() + sizeof(Series) + sizeof(RateKey) + kNodeOverhead
            + static_cast<std::size_t>(key.vhost.size() + key.name.size()) * sizeof(QChar);
    }
    return bytes;
}

std::size_t RateHistory::boundBytes() const
{
    const auto keys = static_cast<std::size_t>(std::max(0, config_.maxKeys));
    const auto points = static_cast<std::size_t>(std::max(1, config_.pointsPerKey));
    return keys
        * (points * sizeof(Point) + sizeof(Series) + sizeof(RateKey) + kNodeOverhead
            + 2 * kMaxNameChars * sizeof(QChar));
}

} // namespace edis::rabbit
