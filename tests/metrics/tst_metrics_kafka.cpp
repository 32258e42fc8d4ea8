// The sampler against a real broker (tests/services/kafka.sh): steady rates, per-partition
// split, consumer-group lag, a topic deleted and recreated while sampling, bytes/s of EDIS's
// own clients, and `edis rates`.

#include "inspect/messageconsumer.h"
#include "inspect/recordproducer.h"
#include "kafka/kafkaclient.h"
#include "metrics/offsetsampler.h"
#include "metrics/ratesampler.h"

// Raw librdkafka clients set up the traffic and the lag the sampler must see.
#include <librdkafka/rdkafka.h>
#include <nlohmann/json.hpp>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <thread>

using namespace edis;
using namespace std::chrono_literals;

namespace {

QString bootstrap()
{
    return qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
}

kafka::ConnectionSettings settings()
{
    kafka::ConnectionSettings s;
    s.displayName = QStringLiteral("test broker");
    s.bootstrapServers = bootstrap();
    return s;
}

QString uniqueName(const char *prefix)
{
    return QStringLiteral("%1-%2").arg(
        QLatin1String(prefix), QUuid::createUuid().toString(QUuid::Id128).left(10));
}

/// Produces at a steady rate into chosen partitions with fixed shares, on its own thread.
class PacedProducer {
public:
    PacedProducer(const QString &topic, std::vector<double> shares)
        : topic_(topic.toStdString())
        , shares_(std::move(shares))
    {
        std::array<char, 512> errstr {};
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_conf_set(
            conf, "bootstrap.servers", bootstrap().toUtf8().constData(), errstr.data(), errstr.size());
        rd_kafka_conf_set(conf, "linger.ms", "5", errstr.data(), errstr.size());
        rd_kafka_conf_set(conf, "message.timeout.ms", "30000", errstr.data(), errstr.size());
        rd_kafka_conf_set(conf, "topic.metadata.refresh.interval.ms", "1000", errstr.data(), errstr.size());
        rk_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size()));
        thread_ = std::thread([this] { run(); });
    }
    ~PacedProducer()
    {
        stop_ = true;
        thread_.join();
        rd_kafka_flush(rk_.get(), 5000);
    }
    void setRate(double perSecond) { rate_ = perSecond; }
    /// Drops whatever is queued (so a recreated topic gets no burst of old messages).
    void purge() { rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT); }
    uint64_t sent() const { return sent_; }

private:
    void run()
    {
        using Clock = std::chrono::steady_clock;
        auto last = Clock::now();
        double due = 0;
        std::vector<double> credit(shares_.size(), 0.0);
        while (!stop_) {
            std::this_thread::sleep_for(2ms);
            const auto now = Clock::now();
            due = std::min(due + rate_ * std::chrono::duration<double>(now - last).count(), rate_.load() + 1);
            last = now;
            while (due >= 1.0) {
                due -= 1.0;
                // Weighted round robin: the partition owed the most gets the next message.
                for (std::size_t p = 0; p < shares_.size(); ++p) {
                    credit[p] += shares_[p];
                }
                const auto it = std::max_element(credit.begin(), credit.end());
                *it -= 1.0;
                const auto partition = static_cast<int32_t>(it - credit.begin());
                static char payload[] = "edis-metrics-test";
                std::array<rd_kafka_vu_t, 4> fields {};
                fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
                fields[0].u.cstr = topic_.c_str();
                fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
                fields[1].u.i32 = partition;
                fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
                fields[2].u.mem = {payload, sizeof(payload) - 1};
                fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
                fields[3].u.i = RD_KAFKA_MSG_F_COPY;
                if (rd_kafka_error_t *error = rd_kafka_produceva(rk_.get(), fields.data(), fields.size())) {
                    rd_kafka_error_destroy(error); // topic gone for a moment: count it as not sent
                    continue;
                }
                ++sent_;
            }
            rd_kafka_poll(rk_.get(), 0);
        }
    }

    std::string topic_;
    std::vector<double> shares_;
    kafka::KafkaHandle rk_;
    std::atomic<double> rate_ {0};
    std::atomic<bool> stop_ {false};
    std::atomic<uint64_t> sent_ {0};
    std::thread thread_;
};

/// A consumer group member that can stop and resume consuming; it commits every 200 ms.
class PausableConsumer {
public:
    PausableConsumer(const QString &group, const QString &topic)
    {
        std::array<char, 512> errstr {};
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        const auto set = [&](const char *k, const std::string &v) {
            rd_kafka_conf_set(conf, k, v.c_str(), errstr.data(), errstr.size());
        };
        set("bootstrap.servers", bootstrap().toStdString());
        set("group.id", group.toStdString());
        set("auto.offset.reset", "earliest");
        set("enable.auto.commit", "true");
        set("auto.commit.interval.ms", "200");
        rk_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr.data(), errstr.size()));
        rd_kafka_poll_set_consumer(rk_.get());
        const std::unique_ptr<rd_kafka_topic_partition_list_t,
            decltype(&rd_kafka_topic_partition_list_destroy)>
            topics(rd_kafka_topic_partition_list_new(1), &rd_kafka_topic_partition_list_destroy);
        rd_kafka_topic_partition_list_add(topics.get(), topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(rk_.get(), topics.get());
        thread_ = std::thread([this] { run(); });
    }
    ~PausableConsumer()
    {
        stop_ = true;
        thread_.join();
        rd_kafka_consumer_close(rk_.get());
    }
    void setConsuming(bool consuming) { consuming_ = consuming; }
    uint64_t consumed() const { return consumed_; }

private:
    void run()
    {
        while (!stop_) {
            if (!consuming_) {
                // Not polling at all: nothing new is consumed, so nothing new is committed.
                std::this_thread::sleep_for(20ms);
                continue;
            }
            if (const std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> m {
                    rd_kafka_consumer_poll(rk_.get(), 50), &rd_kafka_message_destroy};
                m && !m->err) {
                ++consumed_;
            }
        }
    }
    kafka::KafkaHandle rk_;
    std::atomic<bool> stop_ {false};
    std::atomic<bool> consuming_ {true};
    std::atomic<uint64_t> consumed_ {0};
    std::thread thread_;
};

std::unique_ptr<kafka::KafkaClient> adminClient()
{
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings(), &error);
    if (!client) {
        qWarning("admin client: %s", qPrintable(error.message));
    }
    return client;
}

bool createTopic(kafka::KafkaClient &client, const QString &name, int partitions)
{
    kafka::NewTopic topic;
    topic.name = name;
    topic.partitions = partitions;
    const auto err = client.createTopic(topic, 15s);
    if (err) {
        qWarning("create %s: %s", qPrintable(name), qPrintable(err.message));
    }
    return !err;
}

double median(std::vector<double> values)
{
    if (values.empty()) {
        return std::nan("");
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestMetricsKafka : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void offsetsForTimesReturnsHighWatermark();
    void steadyRateAndPartitionSplit();
    void lagGrowsWhileStoppedAndFallsToZero();
    void topicDeletedAndRecreatedWhileSampling();
    void bytesPerSecondOfEdisClients();
    void ratesCommandLine();

private:
    std::unique_ptr<kafka::KafkaClient> admin_;
};

void TestMetricsKafka::initTestCase()
{
    if (bootstrap().isEmpty()) {
        QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: start a broker with tests/services/kafka.sh start DIR "
              "and load DIR/kafka.env (these tests need a real Kafka broker).");
    }
    qRegisterMetaType<metrics::SampleRound>();
    admin_ = adminClient();
    QVERIFY(admin_);
}

void TestMetricsKafka::offsetsForTimesReturnsHighWatermark()
{
    // The batched request with the "latest" sentinel must agree with the watermark query.
    const QString topic = uniqueName("edis-metrics-hw");
    QVERIFY(createTopic(*admin_, topic, 3));
    {
        PacedProducer producer(topic, {0.5, 0.3, 0.2});
        producer.setRate(2000);
        QTRY_VERIFY_WITH_TIMEOUT(producer.sent() >= 1000, 10'000);
        producer.setRate(0);
    } // flushed: nothing in flight any more

    kafka::KafkaError error;
    auto sampler = metrics::OffsetSampler::create(settings(), &error);
    QVERIFY2(sampler, qPrintable(error.message));
    metrics::SamplerOptions options;
    options.topics = {topic};
    sampler->setOptions(options);
    const metrics::SampleRound round = sampler->sampleOnce();
    QVERIFY2(!round.error, qPrintable(round.error.message));
    QCOMPARE(round.method, metrics::OffsetMethod::OffsetsForTimes);
    const metrics::TopicRate *t = round.topic(topic);
    QVERIFY(t);
    QCOMPARE(t->partitions.size(), std::size_t(3));

    kafka::KafkaError e2;
    auto client = kafka::KafkaClient::create(settings(), &e2);
    int64_t total = 0;
    for (const auto &p : t->partitions) {
        int64_t low = -1;
        int64_t high = -1;
        QCOMPARE(rd_kafka_query_watermark_offsets(
                     client->handle(), topic.toUtf8().constData(), p.partition, &low, &high, 10'000),
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(p.endOffset, high);
        total += high;
    }
    QVERIFY(total >= 1000);

    // Forcing the fallback reads the same numbers.
    options.method = metrics::OffsetMethod::Watermarks;
    sampler->setOptions(options);
    const metrics::SampleRound viaWatermarks = sampler->sampleOnce();
    QCOMPARE(viaWatermarks.method, metrics::OffsetMethod::Watermarks);
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(viaWatermarks.topic(topic)->partitions[i].endOffset, t->partitions[i].endOffset);
    }
    admin_->deleteTopic(topic, 15s);
}

void TestMetricsKafka::steadyRateAndPartitionSplit()
{
    const QString topic = uniqueName("edis-metrics-steady");
    const QString idle = uniqueName("edis-metrics-idle");
    QVERIFY(createTopic(*admin_, topic, 3));
    QVERIFY(createTopic(*admin_, idle, 2));
    const std::vector<double> shares = {0.5, 0.3, 0.2};
    constexpr double kRate = 1000;
    PacedProducer producer(topic, shares);
    producer.setRate(kRate);

    // The threaded sampler the GUI uses, at its default 1 s interval.
    metrics::RateSampler sampler(settings());
    metrics::SamplerOptions options;
    options.topics = {topic, idle};
    sampler.setOptions(options);
    QSignalSpy spy(&sampler, &metrics::RateSampler::roundSampled);
    sampler.start();
    QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 16, 30'000);
    sampler.stop();

    std::vector<double> totals;
    std::vector<std::vector<double>> perPartition(3);
    int withinTenPercent = 0;
    for (qsizetype i = 3; i < spy.size(); ++i) { // the first rounds warm up: baseline, producer start
        const auto round = spy.at(i).at(0).value<metrics::SampleRound>();
        QVERIFY2(!round.error, qPrintable(round.error.message));
        QVERIFY(round.intervalSeconds > 0.5 && round.intervalSeconds < 2.0);
        const metrics::TopicRate *t = round.topic(topic);
        QVERIFY(t);
        QCOMPARE(t->partitions.size(), std::size_t(3));
        QVERIFY(metrics::isKnown(t->messagesPerSecond));
        totals.push_back(t->messagesPerSecond);
        withinTenPercent += std::abs(t->messagesPerSecond - kRate) <= 0.1 * kRate ? 1 : 0;
        for (std::size_t p = 0; p < 3; ++p) {
            perPartition[p].push_back(t->partitions[p].messagesPerSecond);
        }
        const metrics::TopicRate *idleRate = round.topic(idle);
        QVERIFY(idleRate);
        QCOMPARE(idleRate->messagesPerSecond, 0.0);
    }
    const double steady = median(totals);
    qInfo("steady rate: median %.1f msg/s over %zu rounds, %d within ±10%%", steady, totals.size(),
        withinTenPercent);
    QVERIFY2(std::abs(steady - kRate) <= 0.1 * kRate, qPrintable(QString::number(steady)));
    QVERIFY2(withinTenPercent >= static_cast<int>(totals.size() * 8 / 10),
        qPrintable(QString::number(withinTenPercent)));
    for (std::size_t p = 0; p < 3; ++p) {
        const double expected = kRate * shares[p];
        const double got = median(perPartition[p]);
        qInfo("partition %zu: median %.1f msg/s (expected %.0f)", p, got, expected);
        QVERIFY2(std::abs(got - expected) <= 0.1 * expected, qPrintable(QString::number(got)));
    }
    admin_->deleteTopic(topic, 15s);
    admin_->deleteTopic(idle, 15s);
}

void TestMetricsKafka::lagGrowsWhileStoppedAndFallsToZero()
{
    const QString topic = uniqueName("edis-metrics-lag");
    const QString group = uniqueName("edis-metrics-group");
    QVERIFY(createTopic(*admin_, topic, 3));
    constexpr double kRate = 1000;
    auto producer = std::make_unique<PacedProducer>(topic, std::vector<double> {0.34, 0.33, 0.33});
    producer->setRate(kRate);
    auto consumer = std::make_unique<PausableConsumer>(group, topic);
    QTRY_VERIFY_WITH_TIMEOUT(consumer->consumed() > 500, 30'000); // joined and consuming

    kafka::KafkaError error;
    auto sampler = metrics::OffsetSampler::create(settings(), &error);
    QVERIFY2(sampler, qPrintable(error.message));
    metrics::SamplerOptions options;
    options.topics = {topic};
    options.groups = {group};
    sampler->setOptions(options);

    const auto lagOf = [&](const metrics::SampleRound &round) {
        const metrics::GroupLag *g = round.group(group);
        return g && g->error.isEmpty() ? g->totalLag : int64_t(-1);
    };
    // While consuming, the lag stays small (what is produced between commits). The group's
    // first commit may still be on its way: wait until all three partitions have one.
    metrics::SampleRound consuming;
    for (int i = 0; i < 40; ++i) {
        consuming = sampler->sampleOnce();
        const metrics::GroupLag *seen = consuming.group(group);
        if (seen && seen->partitions.size() == 3) {
            break;
        }
        std::this_thread::sleep_for(250ms);
    }
    QVERIFY2(!consuming.error, qPrintable(consuming.error.message));
    const metrics::GroupLag *g = consuming.group(group);
    QVERIFY(g);
    QVERIFY2(g->error.isEmpty(), qPrintable(g->error));
    QVERIFY2(g->partitions.size() == 3,
        qPrintable(QStringLiteral("%1 partitions with committed offsets").arg(g->partitions.size())));
    QVERIFY2(
        lagOf(consuming) >= 0 && lagOf(consuming) < kRate, qPrintable(QString::number(lagOf(consuming))));

    consumer->setConsuming(false);
    std::this_thread::sleep_for(1s); // the last commit lands
    const auto t0 = std::chrono::steady_clock::now();
    const int64_t lag0 = lagOf(sampler->sampleOnce());
    std::vector<int64_t> lags;
    for (int i = 0; i < 5; ++i) {
        std::this_thread::sleep_for(1s);
        lags.push_back(lagOf(sampler->sampleOnce()));
        QVERIFY(lags.back() >= (lags.size() > 1 ? lags[lags.size() - 2] : lag0)); // only grows
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double growth = static_cast<double>(lags.back() - lag0) / seconds;
    qInfo("lag grew from %lld to %lld in %.1f s: %.0f msg/s (produced at %.0f)", static_cast<long long>(lag0),
        static_cast<long long>(lags.back()), seconds, growth, kRate);
    QVERIFY2(std::abs(growth - kRate) <= 0.15 * kRate, qPrintable(QString::number(growth)));

    // Stop producing, resume consuming: the group catches up and the lag reaches zero.
    producer.reset();
    consumer->setConsuming(true);
    int64_t lag = -1;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
        lag = lagOf(sampler->sampleOnce());
        if (lag == 0) {
            break;
        }
        std::this_thread::sleep_for(500ms);
    }
    QCOMPARE(lag, int64_t(0));
    // The member leaves its group before the topic goes: librdkafka 2.0.2's destroy of a group
    // member whose subscribed topic was deleted under it can wait forever (a CI run hung here
    // for 100 s in rd_kafka_destroy after "COMMITFAIL ... Unknown topic or partition").
    consumer.reset();
    admin_->deleteTopic(topic, 15s);
}

void TestMetricsKafka::topicDeletedAndRecreatedWhileSampling()
{
    const QString topic = uniqueName("edis-metrics-recreate");
    QVERIFY(createTopic(*admin_, topic, 3));
    constexpr double kRate = 1000;
    PacedProducer producer(topic, {0.34, 0.33, 0.33});
    producer.setRate(kRate);

    kafka::KafkaError error;
    auto sampler = metrics::OffsetSampler::create(settings(), &error);
    QVERIFY2(sampler, qPrintable(error.message));
    metrics::SamplerOptions options;
    options.topics = {topic};
    options.requestTimeout = 3s;
    sampler->setOptions(options);

    std::vector<metrics::SampleRound> rounds;
    const auto sampleFor = [&](std::chrono::seconds duration) {
        const auto until = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < until) {
            rounds.push_back(sampler->sampleOnce());
            std::this_thread::sleep_for(1s);
        }
    };
    sampleFor(6s);
    const int64_t before
        = rounds.back().topic(topic) ? rounds.back().topic(topic)->partitions.at(0).endOffset : -1;
    QVERIFY(before > 500);

    // Delete and recreate while the sampler keeps going; the new topic starts again at offset 0.
    producer.setRate(0);
    producer.purge();
    QVERIFY(!admin_->deleteTopic(topic, 15s));
    sampleFor(3s);
    bool created = false;
    for (int attempt = 0; attempt < 20 && !created; ++attempt) {
        created = createTopic(*admin_, topic, 3); // the deletion may still be in progress
        if (!created) {
            rounds.push_back(sampler->sampleOnce());
            std::this_thread::sleep_for(500ms);
        }
    }
    QVERIFY(created);
    producer.setRate(kRate);
    sampleFor(10s);

    int known = 0;
    bool sawMissingOrUnknown = false;
    for (const auto &round : rounds) {
        const metrics::TopicRate *t = round.topic(topic);
        if (!t || !metrics::isKnown(t->messagesPerSecond)) {
            sawMissingOrUnknown = true;
            continue;
        }
        ++known;
        QVERIFY2(t->messagesPerSecond >= 0, qPrintable(QString::number(t->messagesPerSecond)));
        // No spike from the offsets starting again at 0. The log itself may take up to about two
        // seconds of records at once: the producer queues while its metadata of the new topic
        // has no leader yet, then delivers the backlog in one go. The artefact this guards
        // against would be the old topic's end offsets (> 6,000) appearing as one second.
        QVERIFY2(t->messagesPerSecond <= 3 * kRate, qPrintable(QString::number(t->messagesPerSecond)));
        for (const auto &p : t->partitions) {
            QVERIFY(!metrics::isKnown(p.messagesPerSecond) || p.messagesPerSecond >= 0);
        }
    }
    QVERIFY(sawMissingOrUnknown); // the deletion was noticed
    QVERIFY(known >= 8);
    // And it recovers: the last rounds show the producer's rate again.
    const metrics::TopicRate *last = rounds.back().topic(topic);
    QVERIFY(last);
    QVERIFY2(std::abs(last->messagesPerSecond - kRate) <= 0.2 * kRate,
        qPrintable(QString::number(last->messagesPerSecond)));
    QVERIFY(last->partitions.at(0).endOffset < before + 10 * kRate); // it is the new topic
    admin_->deleteTopic(topic, 15s);
}

void TestMetricsKafka::bytesPerSecondOfEdisClients()
{
    // EDIS's record producer writes 1,000-byte values at a steady rate while the inspector's
    // consumer tails the topic; the sampler reports the bytes both moved (librdkafka statistics).
    const QString topic = uniqueName("edis-metrics-bytes");
    QVERIFY(createTopic(*admin_, topic, 2));
    constexpr double kRate = 400;
    constexpr int kValueBytes = 1000;

    inspect::ConsumeRequest request;
    request.connection = settings();
    request.topics.push_back({topic, inspect::StartPosition::end(), {}});
    std::atomic<bool> stop {false};
    std::atomic<uint64_t> consumed {0};
    kafka::KafkaError consumerError;
    std::thread consumerThread([&] {
        inspect::MessageConsumer consumer;
        consumerError = consumer.open(request);
        inspect::MessageBatch batch;
        while (!consumerError && !stop) {
            consumer.poll(batch, 100ms, 1000);
            consumed += batch.size();
            batch.clear();
        }
    });
    std::atomic<uint64_t> produced {0};
    std::atomic<bool> producerDone {false};
    kafka::KafkaError producerError;
    std::thread producerThread([&] {
        inspect::RecordProducer producer;
        producerError = producer.open(settings(), {{"linger.ms", "5"}});
        kafka::OutgoingMessage m;
        m.topic = topic.toStdString();
        m.value = QByteArray(kValueBytes, 'x');
        const auto start = std::chrono::steady_clock::now();
        while (!producerError && !stop) {
            const double due
                = kRate * std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            while (double(produced) < due && !producerError) {
                producerError = producer.produce(m);
                ++produced;
            }
            std::this_thread::sleep_for(5ms);
        }
        producer.flush(5s);
        producerDone = true;
    }); // the producer is destroyed here: from then on it counts for nothing

    metrics::RateSampler sampler(settings());
    metrics::SamplerOptions options;
    options.topics = {topic};
    sampler.setOptions(options);
    std::vector<metrics::SampleRound> rounds;
    connect(&sampler, &metrics::RateSampler::roundSampled, this,
        [&](const metrics::SampleRound &r) { rounds.push_back(r); });
    sampler.start();
    const auto withBytes = [&] {
        return std::count_if(rounds.begin(), rounds.end(), [&](const metrics::SampleRound &r) {
            const metrics::TopicRate *t = r.topic(topic);
            return t && metrics::isKnown(t->writtenBytesPerSecond) && metrics::isKnown(t->readBytesPerSecond)
                && t->readBytesPerSecond > 0;
        });
    };
    const bool enough = QTest::qWaitFor([&] { return withBytes() >= 6; }, 30'000);
    stop = true;
    producerThread.join();
    consumerThread.join();
    QVERIFY2(!producerError, qPrintable(producerError.message));
    QVERIFY2(!consumerError, qPrintable(consumerError.message));
    QVERIFY2(
        enough, qPrintable(QStringLiteral("%1 rounds, %2 with bytes").arg(rounds.size()).arg(withBytes())));
    QVERIFY(consumed > 0);

    // Steady state: the last four rounds with bytes (the first ones include start-up).
    std::vector<double> written;
    std::vector<double> read;
    std::vector<double> bytesPerMessage;
    for (const auto &r : rounds) {
        const metrics::TopicRate *t = r.topic(topic);
        if (t && metrics::isKnown(t->writtenBytesPerSecond) && metrics::isKnown(t->readBytesPerSecond)
            && t->readBytesPerSecond > 0) {
            written.push_back(t->writtenBytesPerSecond);
            read.push_back(t->readBytesPerSecond);
            if (metrics::isKnown(t->messagesPerSecond) && t->messagesPerSecond > 0) {
                bytesPerMessage.push_back(t->writtenBytesPerSecond / t->messagesPerSecond);
            }
        }
    }
    written.erase(written.begin(), written.end() - 4);
    read.erase(read.begin(), read.end() - 4);
    const double expected = kRate * kValueBytes;
    const QString figures = QStringLiteral("written %1 B/s, read %2 B/s, expected %3 B/s, %4 B/msg")
                                .arg(median(written))
                                .arg(median(read))
                                .arg(expected)
                                .arg(median(bytesPerMessage));
    qInfo("%s", qPrintable(figures));
    QVERIFY2(std::abs(median(written) - expected) <= 0.2 * expected, qPrintable(figures));
    QVERIFY2(std::abs(median(read) - expected) <= 0.25 * expected, qPrintable(figures));
    // Message bytes, not protocol overhead: per record, about the value's size.
    QVERIFY2(std::abs(median(bytesPerMessage) - kValueBytes) <= 0.2 * kValueBytes, qPrintable(figures));

    // Both clients are gone: after a few rounds the topic has no bytes/s any more.
    QVERIFY(producerDone);
    const std::size_t seen = rounds.size();
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (rounds.size() <= seen) {
                return false;
            }
            const metrics::TopicRate *t = rounds.back().topic(topic);
            return t && !metrics::isKnown(t->writtenBytesPerSecond)
                && !metrics::isKnown(t->readBytesPerSecond);
        },
        10'000));
    admin_->deleteTopic(topic, 15s);
}

void TestMetricsKafka::ratesCommandLine()
{
    const QString binaryDir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
    QVERIFY2(!binaryDir.isEmpty(), "EDIS_TEST_BINARY_DIR is not set (ctest sets it)");
    const QString edis = binaryDir + QStringLiteral("/app/cli/edis");
    QVERIFY2(QFile::exists(edis), qPrintable(edis));

    const QString topic = uniqueName("edis-metrics-cli");
    const QString group = uniqueName("edis-metrics-cli-group");
    QVERIFY(createTopic(*admin_, topic, 2));
    PacedProducer producer(topic, {0.5, 0.5});
    producer.setRate(400);
    { // a group that consumed nothing yet but has committed offset 0 on both partitions
        PausableConsumer consumer(group, topic);
        QTRY_VERIFY_WITH_TIMEOUT(consumer.consumed() > 100, 30'000);
        consumer.setConsuming(false);
        std::this_thread::sleep_for(500ms);
    }

    QProcess json;
    json.start(edis,
        {QStringLiteral("rates"), QStringLiteral("--bootstrap-server"), bootstrap(),
            QStringLiteral("--topic"), topic, QStringLiteral("--group"), group, QStringLiteral("--interval"),
            QStringLiteral("1"), QStringLiteral("--samples"), QStringLiteral("4"),
            QStringLiteral("--partitions"), QStringLiteral("--json")});
    QVERIFY(json.waitForFinished(60'000));
    QCOMPARE(json.exitCode(), 0);
    const QList<QByteArray> lines = json.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // one line per sample
    const auto last = nlohmann::json::parse(lines.last().toStdString());
    QCOMPARE(QString::fromStdString(last["topics"][0]["topic"].get<std::string>()), topic);
    const double rate = last["topics"][0]["messages_per_second"].get<double>();
    QVERIFY2(std::abs(rate - 400) <= 80, qPrintable(QString::number(rate)));
    QCOMPARE(last["topics"][0]["partitions"].size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(last["groups"][0]["group"].get<std::string>()), group);
    QVERIFY(last["groups"][0]["lag"].get<int64_t>() > 0); // producing on while it stopped
    const auto first = nlohmann::json::parse(lines.first().toStdString());
    QVERIFY(first["topics"][0]["messages_per_second"].is_null()); // no rate before a baseline

    QProcess text;
    text.start(edis,
        {QStringLiteral("rates"), QStringLiteral("--bootstrap-server"), bootstrap(),
            QStringLiteral("--topic"), topic, QStringLiteral("--interval"), QStringLiteral("0.5"),
            QStringLiteral("--samples"), QStringLiteral("3")});
    QVERIFY(text.waitForFinished(60'000));
    QCOMPARE(text.exitCode(), 0);
    const QString out = QString::fromUtf8(text.readAllStandardOutput());
    QCOMPARE(out.trimmed().split(QLatin1Char('\n')).size(), 3);
    QVERIFY2(out.contains(topic) && out.contains(QStringLiteral("msg/s")), qPrintable(out));

    QProcess missing;
    missing.start(edis,
        {QStringLiteral("rates"), QStringLiteral("--bootstrap-server"), bootstrap(),
            QStringLiteral("--topic"), QStringLiteral("no-such-topic-edis"), QStringLiteral("--samples"),
            QStringLiteral("1")});
    QVERIFY(missing.waitForFinished(60'000));
    QCOMPARE(missing.exitCode(), 4); // ExitNotFound
    admin_->deleteTopic(topic, 15s);
}

QTEST_GUILESS_MAIN(TestMetricsKafka)
#include "tst_metrics_kafka.moc"
