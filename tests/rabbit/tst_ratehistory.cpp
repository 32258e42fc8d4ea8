// rabbit::RateHistory (app/rabbit/ratehistory.h) without a network: what each metric of a queue
// and an exchange reads back, the time window and the downsampling, gaps and forgetting of keys
// that leave the listings, the point and key bounds with their eviction order and refusal, the
// sparkline helper, and the memory bound it documents.

#include "rabbit/ratehistory.h"

#include <QTest>

#include <cmath>

using namespace edis::rabbit;
using edis::metrics::SeriesData;

namespace {

constexpr qint64 kStart = 1'700'000'000'000; // ms since the epoch
constexpr qint64 kStepMs = 5000; // the page's refresh
const QString kVhost = QStringLiteral("edis");

QueueInfo queue(const QString &name, double publish, double deliver, double ack, qint64 ready, qint64 unacked)
{
    QueueInfo q;
    q.name = name;
    q.vhost = kVhost;
    q.type = QueueType::Classic;
    q.rates = {publish, deliver, ack};
    q.messagesReady = ready;
    q.messagesUnacknowledged = unacked;
    q.messages = ready + unacked;
    return q;
}

ExchangeInfo exchange(const QString &name, double in, double out)
{
    ExchangeInfo e;
    e.name = name;
    e.vhost = kVhost;
    e.type = QStringLiteral("direct");
    e.rates = {in, out, 0};
    return e;
}

QList<QueueInfo> queues(const QStringList &names, double publish = 1)
{
    QList<QueueInfo> out;
    for (const QString &n : names) {
        out << queue(n, publish, 0, 0, 0, 0);
    }
    return out;
}

QStringList names(const RateHistory &history)
{
    QStringList out;
    for (const RateKey &k : history.keys()) {
        out << k.name;
    }
    return out;
}

/// Values with NaN written as -1 so that QCOMPARE can compare lists with gaps.
QList<double> gapsAsMinusOne(QList<double> values)
{
    for (double &v : values) {
        v = std::isnan(v) ? -1 : v;
    }
    return values;
}

} // namespace

class TestRateHistory : public QObject {
    Q_OBJECT

private slots:
    void queueMetrics_data();
    void queueMetrics();
    void exchangeMetrics();
    void keysAreApartByVhostAndKind();
    void window();
    void downsamplesForThePlot();
    void absentKeyGetsAGapThenIsForgotten();
    void pointsPerKeyAreBounded();
    void evictsTheLeastRecentlyUpdatedAbsentKey();
    void refusesNewKeysWhenAllHeldAreListed();
    void anotherKindsListedKeysAreNotEvicted();
    void sparklineIsTheNewestPublishRates();
    void memoryIsBounded();
    void clearForgetsAll();
};

void TestRateHistory::queueMetrics_data()
{
    QTest::addColumn<RateMetric>("metric");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("publish") << RateMetric::Publish << QList<double> {120, 130, 140};
    QTest::newRow("deliver") << RateMetric::Deliver << QList<double> {118, 128, 138};
    QTest::newRow("ack") << RateMetric::Ack << QList<double> {117, 127, 137};
    QTest::newRow("messages") << RateMetric::Messages << QList<double> {45, 46, 47};
    QTest::newRow("ready") << RateMetric::Ready << QList<double> {42, 43, 44};
    QTest::newRow("unacked") << RateMetric::Unacked << QList<double> {3, 3, 3};
}

void TestRateHistory::queueMetrics()
{
    QFETCH(RateMetric, metric);
    QFETCH(QList<double>, expected);
    RateHistory history;
    for (int i = 0; i < 3; ++i) {
        history.record(kStart + i * kStepMs,
            QList<QueueInfo> {queue("orders", 120 + 10 * i, 118 + 10 * i, 117 + 10 * i, 42 + i, 3),
                queue("other", 1, 1, 1, 1, 1)});
    }
    const RateKey key = RateKey::queue(kVhost, "orders");
    const SeriesData s = history.series(key, metric, 0, kStart + 3 * kStepMs);
    QCOMPARE(s.values, expected);
    // Seconds since the epoch, what ThroughputPlot's time axis wants.
    QCOMPARE(s.keys,
        (QList<double> {kStart / 1000.0, (kStart + kStepMs) / 1000.0, (kStart + 2 * kStepMs) / 1000.0}));

    const auto latest = history.latest(key);
    QVERIFY(latest.has_value());
    QCOMPARE(latest->timeMs, kStart + 2 * kStepMs);
    QCOMPARE(latest->rates, (MessageRates {140, 138, 137}));
    QCOMPARE(latest->ready, 44);
    QCOMPARE(latest->unacked, 3);
    QCOMPARE(latest->messages, 47);
    QCOMPARE(history.lastTimeMs(), kStart + 2 * kStepMs);
    QCOMPARE(history.keyCount(), std::size_t(2));
}

void TestRateHistory::exchangeMetrics()
{
    RateHistory history;
    history.record(kStart, QList<ExchangeInfo> {exchange("amq.direct", 50, 49)});
    const RateKey key = RateKey::exchange(kVhost, "amq.direct");
    QCOMPARE(history.series(key, RateMetric::Publish, 0, kStart).values, (QList<double> {50}));
    QCOMPARE(history.series(key, RateMetric::Publish, 0, kStart).values,
        history.recent(key, RateMetric::Publish, 1));
    QCOMPARE(history.recent(key, RateMetric::Deliver, 5), (QList<double> {49}));
    // No ack rate and no depth for an exchange: unknown, not 0.
    for (RateMetric m : {RateMetric::Ack, RateMetric::Messages, RateMetric::Ready, RateMetric::Unacked}) {
        QCOMPARE(gapsAsMinusOne(history.recent(key, m, 5)), (QList<double> {-1}));
    }
    const auto latest = history.latest(key);
    QVERIFY(latest.has_value());
    QCOMPARE(latest->rates, (MessageRates {50, 49, 0}));
    QCOMPARE(latest->ready, -1);
    QCOMPARE(latest->messages, -1);
}

void TestRateHistory::keysAreApartByVhostAndKind()
{
    RateHistory history;
    QueueInfo elsewhere = queue("same", 7, 0, 0, 0, 0);
    elsewhere.vhost = QStringLiteral("other");
    history.record(kStart, QList<QueueInfo> {queue("same", 5, 0, 0, 0, 0), elsewhere});
    history.record(kStart, QList<ExchangeInfo> {exchange("same", 9, 0)});
    QCOMPARE(history.keyCount(), std::size_t(3));
    QCOMPARE(history.latest(RateKey::queue(kVhost, "same"))->rates.publish, 5.0);
    QCOMPARE(history.latest(RateKey::queue("other", "same"))->rates.publish, 7.0);
    QCOMPARE(history.latest(RateKey::exchange(kVhost, "same"))->rates.publish, 9.0);
    QCOMPARE(RateKey::queue(kVhost, "same").id(), QStringLiteral("queue:edis/same"));
    QCOMPARE(RateKey::exchange(kVhost, "").id(), QStringLiteral("exchange:edis/"));
    QVERIFY(!history.latest(RateKey::queue(kVhost, "none")).has_value());
    QVERIFY(history.series(RateKey::queue(kVhost, "none"), RateMetric::Publish, 0, kStart).keys.isEmpty());
}

void TestRateHistory::window()
{
    RateHistory history;
    for (int i = 0; i < 10; ++i) {
        history.record(kStart + i * kStepMs, QList<QueueInfo> {queue("q", i, 0, 0, 0, 0)});
    }
    const RateKey key = RateKey::queue(kVhost, "q");
    // Both ends included.
    QCOMPARE(history.series(key, RateMetric::Publish, kStart + 3 * kStepMs, kStart + 6 * kStepMs).values,
        (QList<double> {3, 4, 5, 6}));
    QCOMPARE(
        history.series(key, RateMetric::Publish, kStart + 3 * kStepMs + 1, kStart + 6 * kStepMs - 1).values,
        (QList<double> {4, 5}));
    QVERIFY(history.series(key, RateMetric::Publish, kStart + 100 * kStepMs, kStart + 200 * kStepMs)
                .keys.isEmpty());
    QCOMPARE(history.series(key, RateMetric::Publish, 0, kStart + 100 * kStepMs).keys.size(), 10);
}

void TestRateHistory::downsamplesForThePlot()
{
    RateHistory history;
    for (int i = 0; i < 100; ++i) {
        history.record(kStart + i * kStepMs, QList<QueueInfo> {queue("q", 10, 0, 0, 0, 0)});
    }
    // About 20: the downsampler's buckets may leave one more.
    const SeriesData s = history.series(RateKey::queue(kVhost, "q"), RateMetric::Publish, 0, kStart * 2, 20);
    QVERIFY2(s.keys.size() <= 21 && s.keys.size() >= 10, qPrintable(QString::number(s.keys.size())));
    for (double v : s.values) {
        QCOMPARE(v, 10.0);
    }
}

void TestRateHistory::absentKeyGetsAGapThenIsForgotten()
{
    RateHistoryConfig config;
    config.forgetAfterMs = 4 * kStepMs;
    RateHistory history(config);
    const RateKey gone = RateKey::queue(kVhost, "gone");
    history.record(kStart, queues({"gone", "stays"}, 3));
    history.record(kStart + kStepMs, queues({"stays"}, 3));
    history.record(kStart + 2 * kStepMs, queues({"stays"}, 3));
    // One gap, not one per absent listing; no latest value while absent.
    QCOMPARE(gapsAsMinusOne(history.recent(gone, RateMetric::Publish, 10)), (QList<double> {3, -1}));
    QVERIFY(!history.latest(gone).has_value());
    QVERIFY(history.contains(gone));
    // Back: the line resumes after the gap.
    history.record(kStart + 3 * kStepMs, queues({"gone", "stays"}, 4));
    QCOMPARE(gapsAsMinusOne(history.recent(gone, RateMetric::Publish, 10)), (QList<double> {3, -1, 4}));
    QCOMPARE(history.latest(gone)->rates.publish, 4.0);
    // Absent forgetAfterMs since it was last listed: dropped with its history.
    history.record(kStart + 6 * kStepMs, queues({"stays"}, 3));
    QVERIFY(history.contains(gone));
    history.record(kStart + 7 * kStepMs, queues({"stays"}, 3));
    QVERIFY(!history.contains(gone));
    QCOMPARE(names(history), QStringList {"stays"});
    // An exchange listing does not make queues absent.
    history.record(kStart + 20 * kStepMs, QList<ExchangeInfo> {exchange("x", 1, 1)});
    QVERIFY(history.contains(RateKey::queue(kVhost, "stays")));
}

void TestRateHistory::pointsPerKeyAreBounded()
{
    RateHistoryConfig config;
    config.pointsPerKey = 10;
    RateHistory history(config);
    for (int i = 0; i < 100; ++i) {
        history.record(kStart + i * kStepMs, QList<QueueInfo> {queue("q", i, 0, 0, 0, 0)});
    }
    const SeriesData s = history.series(RateKey::queue(kVhost, "q"), RateMetric::Publish, 0, kStart * 2);
    QCOMPARE(s.values, (QList<double> {90, 91, 92, 93, 94, 95, 96, 97, 98, 99})); // the newest ten
    QCOMPARE(s.keys.first(), (kStart + 90 * kStepMs) / 1000.0);
}

void TestRateHistory::evictsTheLeastRecentlyUpdatedAbsentKey()
{
    RateHistoryConfig config;
    config.maxKeys = 3;
    RateHistory history(config);
    history.record(kStart, queues({"a", "b", "c"}));
    history.record(kStart + kStepMs, queues({"b", "c"})); // a last updated at kStart
    history.record(kStart + 2 * kStepMs, queues({"c"})); // b at kStart + kStepMs
    history.record(kStart + 3 * kStepMs, queues({"c", "d"}));
    QCOMPARE(names(history), (QStringList {"b", "c", "d"})); // a, the oldest, made room
    QCOMPARE(history.refusedKeys(RateKey::Kind::Queue), 0);
    history.record(kStart + 4 * kStepMs, queues({"c", "d", "e"}));
    QCOMPARE(names(history), (QStringList {"c", "d", "e"}));
    QCOMPARE(history.keyCount(), std::size_t(3));
}

void TestRateHistory::refusesNewKeysWhenAllHeldAreListed()
{
    RateHistoryConfig config;
    config.maxKeys = 3;
    RateHistory history(config);
    history.record(kStart, queues({"a", "b", "c", "d", "e"}));
    QCOMPARE(names(history), (QStringList {"a", "b", "c"})); // the first ones, kept
    QCOMPARE(history.refusedKeys(RateKey::Kind::Queue), 2);
    // Next round the same: the held keys keep their history instead of churning.
    history.record(kStart + kStepMs, queues({"a", "b", "c", "d", "e"}));
    QCOMPARE(names(history), (QStringList {"a", "b", "c"}));
    QCOMPARE(history.recent(RateKey::queue(kVhost, "a"), RateMetric::Publish, 10).size(), 2);
    QCOMPARE(history.refusedKeys(RateKey::Kind::Queue), 2);
    QCOMPARE(history.refusedKeys(RateKey::Kind::Exchange), 0);
}

void TestRateHistory::anotherKindsListedKeysAreNotEvicted()
{
    RateHistoryConfig config;
    config.maxKeys = 2;
    RateHistory history(config);
    history.record(kStart, QList<ExchangeInfo> {exchange("x", 1, 1), exchange("y", 1, 1)});
    history.record(kStart + 1, queues({"q"}));
    QCOMPARE(history.keyCount(), std::size_t(2));
    QCOMPARE(history.refusedKeys(RateKey::Kind::Queue), 1);
    history.record(kStart + kStepMs, QList<ExchangeInfo> {exchange("x", 1, 1)}); // y is absent now
    history.record(kStart + kStepMs + 1, queues({"q"}));
    QVERIFY(history.contains(RateKey::queue(kVhost, "q")));
    QVERIFY(history.contains(RateKey::exchange(kVhost, "x")));
    QVERIFY(!history.contains(RateKey::exchange(kVhost, "y")));
}

void TestRateHistory::sparklineIsTheNewestPublishRates()
{
    RateHistory history;
    for (int i = 0; i < 20; ++i) {
        history.record(kStart + i * kStepMs, QList<QueueInfo> {queue("q", i, 100, 0, 0, 0)});
    }
    const RateKey key = RateKey::queue(kVhost, "q");
    QCOMPARE(history.publishSparkline(key, 4), (QList<double> {16, 17, 18, 19})); // oldest first
    QCOMPARE(history.publishSparkline(key, 100).size(), 20);
    QVERIFY(history.publishSparkline(key, 0).isEmpty());
    QVERIFY(history.publishSparkline(RateKey::queue(kVhost, "none"), 4).isEmpty());
}

void TestRateHistory::memoryIsBounded()
{
    RateHistoryConfig config;
    config.maxKeys = 50;
    config.pointsPerKey = 200;
    RateHistory history(config);
    QCOMPARE(RateHistory::pointBytes(), std::size_t(32));
    QCOMPARE(history.memoryBytes(), std::size_t(0));
    // The longest names RabbitMQ allows (255 bytes), and more queues than the bound.
    const auto longNames = [](int set) {
        QStringList out;
        for (int i = 0; i < 80; ++i) {
            out << QStringLiteral("%1-%2-").arg(set).arg(i).leftJustified(255, QLatin1Char('q'));
        }
        return out;
    };
    history.record(kStart, queues(longNames(0)));
    const std::size_t early = history.memoryBytes();
    QVERIFY(early > 0);
    QVERIFY(early < history.boundBytes() / 2); // grows with use (a ring starts at 64 points)
    int round = 1;
    for (; round < 300; ++round) {
        history.record(kStart + round * kStepMs, queues(longNames(0)));
    }
    QCOMPARE(history.keyCount(), std::size_t(50));
    QCOMPARE(history.refusedKeys(RateKey::Kind::Queue), 30);
    const std::size_t full = history.memoryBytes();
    QVERIFY2(full <= history.boundBytes(),
        qPrintable(QStringLiteral("%1 > %2").arg(full).arg(history.boundBytes())));
    QVERIFY(full > history.boundBytes() * 9 / 10);
    for (; round < 400; ++round) {
        history.record(kStart + round * kStepMs, queues(longNames(0)));
    }
    QCOMPARE(history.memoryBytes(), full); // more rounds cost nothing more
    // Queues that come and go (another 80 each round) churn the keys, never past the bound.
    for (; round < 600; ++round) {
        history.record(kStart + round * kStepMs, queues(longNames(round % 7)));
        QVERIFY(history.keyCount() <= 50);
        QVERIFY(history.memoryBytes() <= history.boundBytes());
    }
    // The default bound, as the header documents it: about 24 MB.
    const std::size_t defaultBound = RateHistory().boundBytes();
    QVERIFY2(
        defaultBound > 23'000'000 && defaultBound < 25'000'000, qPrintable(QString::number(defaultBound)));
}

void TestRateHistory::clearForgetsAll()
{
    RateHistory history;
    history.record(kStart, queues({"a", "b"}));
    history.clear();
    QCOMPARE(history.keyCount(), std::size_t(0));
    QCOMPARE(history.lastTimeMs(), qint64(0));
    QCOMPARE(history.memoryBytes(), std::size_t(0));
}

QTEST_GUILESS_MAIN(TestRateHistory)
#include "tst_ratehistory.moc"
