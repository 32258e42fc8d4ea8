// Sampler core without a broker: ring buffer, downsampling, rate derivation, history tiers, and
// bytes/s from librdkafka statistics documents.

#include "kafka/clienttraffic.h"
#include "metrics/historystore.h"
#include "metrics/ratecalculator.h"
#include "metrics/ringbuffer.h"
#include "metrics/seriesdownsampler.h"

#include <QTest>

#include <cmath>

using namespace edis::metrics;

namespace {

constexpr int64_t kSecondNs = 1'000'000'000;

TopicOffsets offsets(const QString &topic, std::vector<std::pair<int32_t, int64_t>> ends)
{
    return {topic, std::move(ends)};
}

SampleRound roundWithTopic(
    qint64 wallMs, const QString &topic, double rate, std::vector<PartitionRate> partitions = {})
{
    SampleRound r;
    r.wallTimeMs = wallMs;
    TopicRate t;
    t.topic = topic;
    t.messagesPerSecond = rate;
    t.partitions = std::move(partitions);
    r.topics.push_back(t);
    return r;
}

/// A statistics document shaped like librdkafka's (STATISTICS.md): per-topic, per-partition
/// counters, with the internal "-1" partition that holds unassigned records.
std::string statsDocument(int64_t tsMicros, int64_t txBytes0, int64_t txBytes1, int64_t rxBytes, int64_t msgs,
    const char *type = "producer")
{
    return QStringLiteral(R"({"name":"rdkafka#%6-1","type":"%6","ts":%1,"time":1700000000,
        "brokers":{"localhost:9092/1":{"name":"localhost:9092/1","tx":10}},
        "topics":{"orders":{"topic":"orders","partitions":{
            "0":{"partition":0,"txmsgs":%5,"txbytes":%2,"rxmsgs":%5,"rxbytes":%4},
            "1":{"partition":1,"txmsgs":%5,"txbytes":%3,"rxmsgs":0,"rxbytes":0},
            "-1":{"partition":-1,"txmsgs":999,"txbytes":999999,"rxmsgs":0,"rxbytes":0}}},
          "empty":{"topic":"empty","partitions":{}}}})")
        .arg(tsMicros)
        .arg(txBytes0)
        .arg(txBytes1)
        .arg(rxBytes)
        .arg(msgs)
        .arg(QLatin1String(type))
        .toStdString();
}

/// Any distinct address serves as a client handle: the registry only uses it as a key.
rd_kafka_s *fakeClient(int &storage)
{
    return reinterpret_cast<rd_kafka_s *>(&storage);
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ringBuffer_data();
    void ringBuffer();
    void ringBufferMemoryIsBounded();
    void downsample_data();
    void downsample();
    void rates_data();
    void rates();
    void topicRateIsSumOfKnownPartitions();
    void partitionCountChangeLeavesOneGap();
    void unreadableOffsetKeepsBaseline();
    void topicDeletedAndRecreatedNeverNegative();
    void historyFineTierIsBounded();
    void historyPartitionDetailOf24HoursAt1s();
    void historyOlderDataIsDownsampledNotDropped();
    void historyFailedRoundIsAGap();
    void historyRangeAndMaxPoints();
    void historyMemoryGrowsWithUseAndStops();
    void historyGroupLag();
    void seriesKeyLabels();
    void clientStatisticsParse();
    void clientTrafficRates();
    void clientTrafficIgnoresUntrackedStaleAndOtherClusters();
    void trafficKeyNormalises();
    void historyBytesSeriesOnlyWhereKnown();
};

void TestMetrics::ringBuffer_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("pushes");
    QTest::newRow("empty") << 4 << 0;
    QTest::newRow("below capacity") << 4 << 3;
    QTest::newRow("exactly full") << 4 << 4;
    QTest::newRow("wrapped once") << 4 << 6;
    QTest::newRow("wrapped many times") << 5 << 23;
    QTest::newRow("large") << 1000 << 2500;
}

void TestMetrics::ringBuffer()
{
    QFETCH(int, capacity);
    QFETCH(int, pushes);
    RingBuffer<int> ring(static_cast<std::size_t>(capacity));
    for (int i = 0; i < pushes; ++i) {
        ring.push(i);
    }
    const int expectedSize = std::min(capacity, pushes);
    QCOMPARE(static_cast<int>(ring.size()), expectedSize);
    QCOMPARE(ring.full(), pushes >= capacity);
    // Oldest first: the last `expectedSize` values pushed, in order.
    for (int i = 0; i < expectedSize; ++i) {
        QCOMPARE(ring.at(static_cast<std::size_t>(i)), pushes - expectedSize + i);
    }
    if (expectedSize > 0) {
        QCOMPARE(ring.back(), pushes - 1);
        QCOMPARE(ring.front(), pushes - expectedSize);
    }
}

void TestMetrics::ringBufferMemoryIsBounded()
{
    RingBuffer<double> ring(1000);
    QCOMPARE(ring.memoryBytes(), std::size_t(0));
    ring.push(1.0);
    const std::size_t small = ring.memoryBytes();
    QVERIFY(small > 0);
    QVERIFY(small < 1000 * sizeof(double)); // grows with use
    for (int i = 0; i < 100'000; ++i) {
        ring.push(i);
    }
    QCOMPARE(ring.memoryBytes(), 1000 * sizeof(double)); // and never beyond the bound
}

void TestMetrics::downsample_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("maxPoints");
    QTest::newRow("no limit") << 100 << 0;
    QTest::newRow("already short") << 50 << 100;
    QTest::newRow("halved") << 100 << 50;
    QTest::newRow("day to screen") << 86'400 << 2000;
}

void TestMetrics::downsample()
{
    QFETCH(int, points);
    QFETCH(int, maxPoints);
    QList<double> keys;
    QList<double> values;
    double sum = 0;
    for (int i = 0; i < points; ++i) {
        keys << 1000.0 + i;
        values << (i % 7) * 10.0;
        sum += values.last();
    }
    downsampleByAverage(keys, values, maxPoints);
    QCOMPARE(keys.size(), values.size());
    if (maxPoints <= 0 || points <= maxPoints) {
        QCOMPARE(keys.size(), points);
        return;
    }
    QVERIFY(keys.size() <= maxPoints + 1);
    QVERIFY(keys.size() >= maxPoints / 2);
    QVERIFY(std::is_sorted(keys.begin(), keys.end()));
    // Averages stay within the data's range, and the mean is roughly kept.
    double outSum = 0;
    for (double v : values) {
        QVERIFY(v >= 0 && v <= 60);
        outSum += v;
    }
    QVERIFY(std::abs(outSum / values.size() - sum / points) < 3.0);
}

void TestMetrics::rates_data()
{
    QTest::addColumn<qint64>("before");
    QTest::addColumn<qint64>("after");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("expected"); // NaN: no rate this interval

    const double nan = kUnknownRate;
    QTest::newRow("steady 1000/s") << qint64(5000) << qint64(6000) << 1.0 << 1000.0;
    QTest::newRow("idle") << qint64(42) << qint64(42) << 1.0 << 0.0;
    QTest::newRow("half-second interval") << qint64(0) << qint64(250) << 0.5 << 500.0;
    QTest::newRow("long interval after a failed round") << qint64(100) << qint64(400) << 3.0 << 100.0;
    QTest::newRow("backwards: recreated topic") << qint64(9000) << qint64(10) << 1.0 << nan;
    QTest::newRow("backwards to zero") << qint64(9000) << qint64(0) << 1.0 << nan;
    QTest::newRow("no time passed") << qint64(10) << qint64(20) << 0.0 << nan;
}

void TestMetrics::rates()
{
    QFETCH(qint64, before);
    QFETCH(qint64, after);
    QFETCH(double, seconds);
    QFETCH(double, expected);

    RateCalculator calc;
    const auto first = calc.update({offsets("t", {{0, before}})}, 10 * kSecondNs);
    QVERIFY2(!isKnown(first.at(0).messagesPerSecond), "first sight has no rate");
    QVERIFY(!isKnown(first.at(0).partitions.at(0).messagesPerSecond));

    const auto second = calc.update(
        {offsets("t", {{0, after}})}, 10 * kSecondNs + static_cast<int64_t>(seconds * kSecondNs));
    const double rate = second.at(0).partitions.at(0).messagesPerSecond;
    if (std::isnan(expected)) {
        QVERIFY2(!isKnown(rate), qPrintable(QString::number(rate)));
        QVERIFY(!isKnown(second.at(0).messagesPerSecond));
    } else {
        QVERIFY(rate >= 0);
        QCOMPARE(rate, expected);
        QCOMPARE(second.at(0).messagesPerSecond, expected);
    }
    QCOMPARE(second.at(0).partitions.at(0).endOffset, after);
}

void TestMetrics::topicRateIsSumOfKnownPartitions()
{
    RateCalculator calc;
    calc.update({offsets("orders", {{2, 0}, {0, 100}, {1, 50}})}, 0);
    const auto r = calc.update({offsets("orders", {{2, 300}, {0, 200}, {1, 250}})}, 2 * kSecondNs);
    const TopicRate &t = r.at(0);
    QCOMPARE(t.partitions.size(), std::size_t(3));
    QCOMPARE(t.partitions[0].partition, 0); // sorted by id
    QCOMPARE(t.partitions[0].messagesPerSecond, 50.0);
    QCOMPARE(t.partitions[1].messagesPerSecond, 100.0);
    QCOMPARE(t.partitions[2].messagesPerSecond, 150.0);
    QCOMPARE(t.messagesPerSecond, 300.0);
    QCOMPARE(t.unknownPartitions, 0);
}

void TestMetrics::partitionCountChangeLeavesOneGap()
{
    RateCalculator calc;
    calc.update({offsets("t", {{0, 0}, {1, 0}})}, 0);
    auto r = calc.update({offsets("t", {{0, 100}, {1, 100}})}, kSecondNs);
    QCOMPARE(r.at(0).messagesPerSecond, 200.0);

    // Partition 2 appears: no spike from its whole backlog, the topic has a gap for one interval.
    r = calc.update({offsets("t", {{0, 200}, {1, 200}, {2, 5000}})}, 2 * kSecondNs);
    QCOMPARE(r.at(0).partitions.size(), std::size_t(3));
    QVERIFY(!isKnown(r.at(0).partitions.at(2).messagesPerSecond));
    QCOMPARE(r.at(0).partitions.at(0).messagesPerSecond, 100.0);
    QVERIFY(!isKnown(r.at(0).messagesPerSecond));
    QCOMPARE(r.at(0).unknownPartitions, 1);

    r = calc.update({offsets("t", {{0, 300}, {1, 300}, {2, 5100}})}, 3 * kSecondNs);
    QCOMPARE(r.at(0).messagesPerSecond, 300.0);
    QCOMPARE(calc.trackedPartitions(), 3);

    // Fewer partitions (only possible by recreating the topic): the dropped one is forgotten.
    r = calc.update({offsets("t", {{0, 400}})}, 4 * kSecondNs);
    QCOMPARE(r.at(0).messagesPerSecond, 100.0);
    QCOMPARE(calc.trackedPartitions(), 1);
}

void TestMetrics::unreadableOffsetKeepsBaseline()
{
    RateCalculator calc;
    calc.update({offsets("t", {{0, 1000}})}, 0);
    auto r = calc.update({offsets("t", {{0, -1}})}, kSecondNs);
    QVERIFY(!isKnown(r.at(0).messagesPerSecond));
    // The next reading spans both intervals: 2,000 messages over 2 s.
    r = calc.update({offsets("t", {{0, 3000}})}, 2 * kSecondNs);
    QCOMPARE(r.at(0).messagesPerSecond, 1000.0);
}

void TestMetrics::topicDeletedAndRecreatedNeverNegative()
{
    RateCalculator calc;
    int64_t t = 0;
    int64_t offset = 0;
    const auto step = [&](std::vector<TopicOffsets> round) {
        t += kSecondNs;
        return calc.update(round, t);
    };
    step({offsets("a", {{0, offset}}), offsets("b", {{0, 0}})});
    for (int i = 0; i < 5; ++i) {
        offset += 1000;
        const auto r = step({offsets("a", {{0, offset}}), offsets("b", {{0, 0}})});
        QCOMPARE(r.at(0).messagesPerSecond, 1000.0);
        QCOMPARE(r.at(1).messagesPerSecond, 0.0);
    }
    // Deleted: missing from metadata for a round, then back (recreated) with a larger offset
    // than before. Forgetting it while it was gone prevents a spike against the stale baseline.
    step({offsets("b", {{0, 0}})});
    auto r = step({offsets("a", {{0, offset + 50'000}}), offsets("b", {{0, 0}})});
    QVERIFY(!isKnown(r.at(0).messagesPerSecond));
    r = step({offsets("a", {{0, offset + 51'000}}), offsets("b", {{0, 0}})});
    QCOMPARE(r.at(0).messagesPerSecond, 1000.0);

    // Recreated between two rounds without being seen missing: offsets move backwards.
    r = step({offsets("a", {{0, 10}}), offsets("b", {{0, 0}})});
    QVERIFY(!isKnown(r.at(0).messagesPerSecond));
    r = step({offsets("a", {{0, 1010}}), offsets("b", {{0, 0}})});
    QCOMPARE(r.at(0).messagesPerSecond, 1000.0);
}

void TestMetrics::historyFineTierIsBounded()
{
    HistoryConfig config;
    config.aggregate = {10, 60, 5};
    HistoryStore history(config);
    const qint64 start = 1'700'000'000'000;
    for (int i = 0; i < 25; ++i) {
        history.append(roundWithTopic(start + qint64 {i} * 1000, "t", i));
    }
    const auto key = SeriesKey::topicRate("t");
    const SeriesData fine = history.series(key, start + 15'000, start + 24'000);
    QCOMPARE(fine.keys.size(), 10); // the fine tier holds the last 10 rounds only
    QCOMPARE(fine.values.first(), 15.0);
    QCOMPARE(fine.values.last(), 24.0);
    QCOMPARE(fine.keys.last(), (start + 24'000) / 1000.0);
    QCOMPARE(history.latest(key), 24.0);
    QCOMPARE(history.roundCount(), quint64(25));
}

void TestMetrics::historyPartitionDetailOf24HoursAt1s()
{
    // A day and ten minutes of one partition at 1 s, once with the default detail tier (1 h at
    // 1 s) and once with the 24 h one the throughput page offers.
    const qint64 start = 1'700'000'040'000 - (1'700'000'040'000 % 60'000);
    const int rounds = 86'400 + 600;
    const auto key = SeriesKey::partitionRate(QStringLiteral("t"), 0);
    for (const int fineSeconds : {3'600, 86'400}) {
        HistoryConfig config;
        config.detail = HistoryConfig::detailTier(fineSeconds);
        HistoryStore history(config);
        for (int i = 0; i < rounds; ++i) {
            history.append(roundWithTopic(start + qint64(i) * 1000, QStringLiteral("t"), i % 100,
                {PartitionRate {0, i, double(i % 100)}}));
        }
        const qint64 end = start + qint64(rounds - 1) * 1000;
        const SeriesData day = history.series(key, end - 86'399'000, end);
        if (fineSeconds == 86'400) {
            // Every second of the last 24 h, exactly as sampled.
            QCOMPARE(day.keys.size(), 86'400);
            QCOMPARE(day.keys.last() - day.keys.first(), 86'399.0);
            QCOMPARE(day.values.last(), double((rounds - 1) % 100));
            QCOMPARE(day.values.first(), double((rounds - 86'400) % 100));
        } else {
            // 1 h at 1 s, the 23 h before it as 1-min averages (older data averaged, not dropped).
            QVERIFY2(day.keys.size() < 3'600 + 24 * 60 + 2, qPrintable(QString::number(day.keys.size())));
            QVERIFY(day.keys.size() > 3'600 + 22 * 60);
            QVERIFY(day.keys.first() <= double(end - 86'399'000) / 1000.0 + 60);
        }
    }
}

void TestMetrics::historyOlderDataIsDownsampledNotDropped()
{
    HistoryConfig config;
    config.aggregate = {30, 60, 100}; // 30 s fine, then 1-min buckets
    HistoryStore history(config);
    const qint64 start = 1'700'000'040'000 - (1'700'000'040'000 % 60'000); // a minute boundary
    // Five minutes at 1 s: minute m has the constant rate 100 * (m + 1).
    for (int s = 0; s < 300; ++s) {
        const int minute = s / 60;
        history.append(roundWithTopic(start + qint64 {s} * 1000, "t", 100.0 * (minute + 1)));
    }
    const SeriesData all = history.series(SeriesKey::topicRate("t"), 0, std::numeric_limits<qint64>::max());
    // Minutes 0..3 were pushed out of the fine tier; their averages remain at 1-min resolution.
    QVERIFY(all.keys.size() >= 4 + 30);
    QCOMPARE(all.values.at(0), 100.0);
    QCOMPARE(all.values.at(1), 200.0);
    QCOMPARE(all.values.at(2), 300.0);
    QCOMPARE(all.values.at(3), 400.0);
    QCOMPARE(all.keys.at(0), (start + 30'000) / 1000.0); // keyed at the bucket's middle
    QVERIFY(std::is_sorted(all.keys.begin(), all.keys.end()));
    QCOMPARE(all.values.last(), 500.0);
    QCOMPARE(history.firstTimeMs(), start);
}

void TestMetrics::historyFailedRoundIsAGap()
{
    HistoryStore history;
    const qint64 start = 1'700'000'000'000;
    history.append(roundWithTopic(start, "t", 5));
    SampleRound failed;
    failed.wallTimeMs = start + 1000;
    failed.error = edis::kafka::KafkaError::fromCode(edis::kafka::ErrorCode::kTimedOut);
    history.append(failed);
    history.append(roundWithTopic(start + 2000, "t", 7));
    const SeriesData d = history.series(SeriesKey::topicRate("t"), start, start + 2000);
    QCOMPARE(d.keys.size(), 3);
    QCOMPARE(d.values.at(0), 5.0);
    QVERIFY(std::isnan(d.values.at(1)));
    QCOMPARE(d.keys.at(1), (start + 1000) / 1000.0);
    QCOMPARE(d.values.at(2), 7.0);
}

void TestMetrics::historyRangeAndMaxPoints()
{
    HistoryStore history;
    const qint64 start = 1'700'000'000'000;
    for (int i = 0; i < 3600; ++i) {
        history.append(roundWithTopic(start + qint64 {i} * 1000, "t", 10));
    }
    const auto key = SeriesKey::topicRate("t");
    const SeriesData lastMinute = history.series(key, start + 3540'000, start + 3599'000);
    QCOMPARE(lastMinute.keys.size(), 60);
    const SeriesData reduced = history.series(key, start, start + 3599'000, 500);
    QVERIFY(reduced.keys.size() <= 501);
    QVERIFY(reduced.keys.size() >= 250);
    for (double v : reduced.values) {
        QCOMPARE(v, 10.0);
    }
    QVERIFY(history.series(SeriesKey::topicRate("absent"), 0, start * 2).keys.isEmpty());
}

void TestMetrics::historyMemoryGrowsWithUseAndStops()
{
    HistoryConfig config;
    config.aggregate = {600, 60, 10};
    config.detail = {60, 60, 10};
    HistoryStore history(config);
    const qint64 start = 1'700'000'000'000;
    std::vector<PartitionRate> partitions(4);
    for (int p = 0; p < 4; ++p) {
        partitions[static_cast<std::size_t>(p)].partition = p;
        partitions[static_cast<std::size_t>(p)].messagesPerSecond = p;
    }
    history.append(roundWithTopic(start, "t", 6, partitions));
    const std::size_t early = history.memoryBytes();
    QVERIFY(early > 0);
    QCOMPARE(history.seriesCount(), std::size_t(5)); // the topic and its 4 partitions
    for (int i = 1; i < 2000; ++i) {
        history.append(roundWithTopic(start + qint64 {i} * 1000, "t", 6, partitions));
    }
    const std::size_t full = history.memoryBytes();
    QVERIFY(full > early);
    for (int i = 2000; i < 6000; ++i) {
        history.append(roundWithTopic(start + qint64 {i} * 1000, "t", 6, partitions));
    }
    QCOMPARE(history.memoryBytes(), full); // bounded: more rounds cost nothing more
    // Partition series use the detail tier: 60 fine points, then at most 10 one-minute buckets.
    const auto partition = SeriesKey::partitionRate("t", 3);
    QCOMPARE(history.series(partition, start + 5940'000, start + 5999'000).keys.size(), 60);
    const auto all = history.series(partition, 0, start + 6000'000).keys.size();
    QVERIFY2(all > 60 && all <= 70, qPrintable(QString::number(all)));
}

void TestMetrics::historyGroupLag()
{
    HistoryStore history;
    SampleRound r;
    r.wallTimeMs = 1'700'000'000'000;
    GroupLag g;
    g.group = "billing";
    g.totalLag = 120;
    g.partitions.push_back({"orders", 0, 10, 100, 90});
    g.partitions.push_back({"orders", 1, 70, 100, 30});
    r.groups.push_back(g);
    GroupLag broken;
    broken.group = "gone";
    broken.error = "GROUP_ID_NOT_FOUND";
    r.groups.push_back(broken);
    history.append(r);
    QCOMPARE(history.latest(SeriesKey::groupLag("billing")), 120.0);
    QCOMPARE(history.latest(SeriesKey::groupPartitionLag("billing", "orders", 1)), 30.0);
    QVERIFY(!history.contains(SeriesKey::groupLag("gone")));
    QCOMPARE(history.keys(SeriesKey::Kind::GroupPartitionLag).size(), std::size_t(2));
}

void TestMetrics::seriesKeyLabels()
{
    QCOMPARE(SeriesKey::topicRate("orders").label(), QStringLiteral("orders"));
    QCOMPARE(SeriesKey::partitionRate("orders", 3).label(), QStringLiteral("orders/3"));
    QCOMPARE(SeriesKey::groupPartitionLag("g", "orders", 3).label(), QStringLiteral("g orders/3"));
    QVERIFY(SeriesKey::topicRate("x").id() != SeriesKey::groupLag("x").id());
    QVERIFY(SeriesKey::topicRate("a") < SeriesKey::topicRate("b"));
    QVERIFY(!(SeriesKey::topicRate("a") < SeriesKey::topicRate("a")));
}

void TestMetrics::clientStatisticsParse()
{
    const auto stats = edis::kafka::parseClientStatistics(statsDocument(5'000'000, 300, 200, 70, 4));
    QVERIFY(stats);
    QCOMPARE(stats->name, QStringLiteral("rdkafka#producer-1"));
    QCOMPARE(stats->type, QStringLiteral("producer"));
    QCOMPARE(stats->tsMicros, int64_t(5'000'000));
    QCOMPARE(stats->topics.size(), std::size_t(2));
    const auto &orders = stats->topics.at(QStringLiteral("orders"));
    QCOMPARE(orders.txBytes, int64_t(500)); // partitions 0 and 1, not the internal -1
    QCOMPARE(orders.txMessages, int64_t(8));
    QCOMPARE(orders.rxBytes, int64_t(70));
    QCOMPARE(orders.rxMessages, int64_t(4));
    QCOMPARE(stats->topics.at(QStringLiteral("empty")).txBytes, int64_t(0));

    QString error;
    QVERIFY(!edis::kafka::parseClientStatistics("{\"topics\": [", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!edis::kafka::parseClientStatistics("[1,2]", &error));
    // Fields of the wrong type count as absent rather than throwing.
    const auto odd = edis::kafka::parseClientStatistics(
        R"({"ts":"soon","topics":{"t":{"partitions":{"0":{"txbytes":"many"}}}}})");
    QVERIFY(odd);
    QCOMPARE(odd->topics.at(QStringLiteral("t")).txBytes, int64_t(0));
}

void TestMetrics::clientTrafficRates()
{
    using edis::kafka::ClientTraffic;
    ClientTraffic &traffic = ClientTraffic::instance();
    int a = 0;
    int b = 0;
    const QString cluster = QStringLiteral("rates-test:9092");
    int reader = 0;
    traffic.track(fakeClient(a), cluster);
    traffic.track(fakeClient(b), cluster);

    // First document: a baseline, no rate yet.
    traffic.ingest(fakeClient(a), statsDocument(1'000'000, 1000, 0, 0, 10), 100);
    QVERIFY(traffic.topicRates(cluster, 100).empty());
    // Two seconds later (librdkafka's clock): 4,000 more bytes written.
    traffic.ingest(fakeClient(a), statsDocument(3'000'000, 4000, 1000, 600, 30), 2100);
    auto rates = traffic.topicRates(cluster, 2200);
    QCOMPARE(rates.size(), std::size_t(2));
    QCOMPARE(rates.at("orders").writtenBytesPerSecond, 2000.0);
    QCOMPARE(rates.at("orders").writtenMessagesPerSecond, 20.0); // (30 - 10) per partition, 2 partitions
    QCOMPARE(rates.at("empty").writtenBytesPerSecond, 0.0);
    // A producer reads nothing: "read" is unknown, not zero, until a consumer of ours reads.
    QVERIFY(std::isnan(rates.at("orders").readBytesPerSecond));

    // A second client of the same cluster adds up.
    traffic.ingest(fakeClient(b), statsDocument(0, 0, 0, 0, 0), 2100);
    traffic.ingest(fakeClient(b), statsDocument(1'000'000, 500, 500, 0, 0), 2150);
    rates = traffic.topicRates(cluster, 2200);
    QCOMPARE(rates.at("orders").writtenBytesPerSecond, 3000.0);

    // A consumer of ours: 600 bytes read in 2 s.
    traffic.track(fakeClient(reader), cluster);
    traffic.ingest(fakeClient(reader), statsDocument(0, 0, 0, 0, 0, "consumer"), 2100);
    traffic.ingest(fakeClient(reader), statsDocument(2'000'000, 0, 0, 600, 0, "consumer"), 2150);
    rates = traffic.topicRates(cluster, 2200);
    QCOMPARE(rates.at("orders").readBytesPerSecond, 300.0);
    QCOMPARE(rates.at("orders").writtenBytesPerSecond, 3000.0); // the consumer adds nothing written

    // Counters that went down (partitions recreated) give no negative rate.
    traffic.ingest(fakeClient(a), statsDocument(4'000'000, 10, 10, 0, 0), 3100);
    rates = traffic.topicRates(cluster, 3200);
    QCOMPARE(rates.at("orders").writtenBytesPerSecond, 1000.0); // client b only

    // A destroyed client stops counting.
    traffic.forget(fakeClient(b));
    traffic.forget(fakeClient(a));
    traffic.forget(fakeClient(reader));
    QVERIFY(traffic.topicRates(cluster, 3200).empty());
}

void TestMetrics::clientTrafficIgnoresUntrackedStaleAndOtherClusters()
{
    using edis::kafka::ClientTraffic;
    ClientTraffic &traffic = ClientTraffic::instance();
    int tracked = 0;
    int stranger = 0;
    traffic.track(fakeClient(tracked), QStringLiteral("one:9092"));
    traffic.ingest(fakeClient(tracked), statsDocument(0, 0, 0, 0, 0), 1000);
    traffic.ingest(fakeClient(tracked), statsDocument(1'000'000, 100, 0, 0, 0), 2000);
    traffic.ingest(fakeClient(stranger), statsDocument(0, 0, 0, 0, 0), 1000);
    traffic.ingest(fakeClient(stranger), statsDocument(1'000'000, 900, 0, 0, 0), 2000);
    traffic.ingest(fakeClient(tracked), "not json", 2500); // ignored, keeps the last rates

    QCOMPARE(traffic.topicRates(QStringLiteral("one:9092"), 2600).at("orders").writtenBytesPerSecond, 100.0);
    QVERIFY(traffic.topicRates(QStringLiteral("two:9092"), 2600).empty());
    // A client that stopped polling (no document for longer than maxAge) is left out.
    QVERIFY(traffic.topicRates(QStringLiteral("one:9092"), 2000 + 5000, 3500).empty());
    traffic.forget(fakeClient(tracked));
}

void TestMetrics::trafficKeyNormalises()
{
    using edis::kafka::trafficKey;
    QCOMPARE(trafficKey(QStringLiteral(" Broker2:9092, broker1:9092,,broker1:9092 ")),
        QStringLiteral("broker1:9092,broker2:9092"));
    QCOMPARE(trafficKey(QStringLiteral("localhost:9092")), QStringLiteral("localhost:9092"));
    QVERIFY(trafficKey(QStringLiteral("a:1")) != trafficKey(QStringLiteral("a:2")));
}

void TestMetrics::historyBytesSeriesOnlyWhereKnown()
{
    HistoryStore history;
    SampleRound r = roundWithTopic(1'000, "orders", 10);
    TopicRate quiet;
    quiet.topic = "quiet";
    quiet.messagesPerSecond = 5;
    r.topics.push_back(quiet);
    addClientTraffic(r, {{QStringLiteral("orders"), edis::kafka::TopicTraffic {2048, 512, 10, 2}}});
    QCOMPARE(r.topics[0].writtenBytesPerSecond, 2048.0);
    QVERIFY(!isKnown(r.topics[1].writtenBytesPerSecond));
    history.append(r);

    const auto written = history.keys(SeriesKey::Kind::TopicBytesWritten);
    QCOMPARE(written.size(), std::size_t(1)); // no series for a topic EDIS never touched
    QCOMPARE(written[0].topic, QStringLiteral("orders"));
    QCOMPARE(history.latest(SeriesKey::topicBytesWritten("orders")), 2048.0);
    QCOMPARE(history.latest(SeriesKey::topicBytesRead("orders")), 512.0);
    QCOMPARE(SeriesKey::topicBytesWritten("orders").label(), QStringLiteral("orders"));
    QVERIFY(SeriesKey::topicBytesWritten("orders").id() != SeriesKey::topicRate("orders").id());
    QVERIFY(SeriesKey::topicBytesWritten("orders").id() != SeriesKey::topicBytesRead("orders").id());

    // Once a series exists, a round without bytes is a gap in it, not a dropped point.
    history.append(roundWithTopic(2'000, "orders", 10));
    const SeriesData data = history.series(SeriesKey::topicBytesWritten("orders"), 0, 3'000);
    QCOMPARE(data.values.size(), qsizetype(2));
    QVERIFY(std::isnan(data.values[1]));
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
