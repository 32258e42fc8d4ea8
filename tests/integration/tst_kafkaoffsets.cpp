// The kafka layer's metadata and offsets API (kafka/metadata.h, kafka/offsets.h) against a real
// Apache Kafka broker (started by tests/run.sh): watermarks of a topic we produce to, offsets for
// times, an unknown topic, and a stop that ends a request against a cluster that cannot answer.

#include "kafka/kafkaclient.h"
#include "kafka/metadata.h"
#include "kafka/offsets.h"
#include "kafka/requesttuning.h"
#include "kafkatestclients.h"

#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <future>

using namespace std::chrono_literals;
using namespace edis::kafka;
using Kind = KafkaError::Kind;

namespace {

constexpr int64_t kBaseTimestampMs = 1'700'000'000'000;
constexpr int64_t kTimestampStepMs = 1000;

QString uniqueTopic(const char *stem)
{
    return QStringLiteral("%1.%2").arg(
        QLatin1String(stem), QUuid::createUuid().toString(QUuid::Id128).left(8));
}

ConnectionSettings brokerSettings()
{
    ConnectionSettings s;
    s.displayName = QStringLiteral("test");
    s.bootstrapServers = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
    return s;
}

} // namespace

class TestKafkaOffsets : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<KafkaClient> client_;
    QString topic_; ///< 3 partitions holding 10, 20 and 30 records

private Q_SLOTS:
    void initTestCase()
    {
        if (brokerSettings().bootstrapServers.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts a "
                  "real broker");
        }
        KafkaError error;
        client_ = KafkaClient::create(brokerSettings(), &error);
        QVERIFY2(client_, qPrintable(error.message));
        topic_ = uniqueTopic("it.offsets");
        QVERIFY(!client_->createTopic({topic_, 3, 1, {}}, 15s));
        const QString produced = edis::test::produceRecords(brokerSettings().bootstrapServers, topic_,
            {{0, 10}, {1, 20}, {2, 30}}, kBaseTimestampMs, kTimestampStepMs);
        QVERIFY2(produced.isEmpty(), qPrintable(produced));
    }

    void cleanupTestCase()
    {
        if (client_ && !topic_.isEmpty()) {
            client_->deleteTopic(topic_, 15s);
        }
    }

    void watermarksOfAProducedTopic_data()
    {
        QTest::addColumn<bool>("oneByOne");
        QTest::newRow("batched") << false;
        QTest::newRow("one by one") << true;
    }
    void watermarksOfAProducedTopic()
    {
        QFETCH(bool, oneByOne);
        // Asked out of order: the answer keeps the order asked for.
        const QList<TopicPartitionRef> asked {{topic_, 2}, {topic_, 0}, {topic_, 1}};
        Deadline deadline(15s);
        const auto marks = oneByOne ? queryWatermarksOneByOne(client_->handle(), asked, deadline)
                                    : queryWatermarks(client_->handle(), asked, deadline);
        QVERIFY2(marks.ok(), qPrintable(marks.error.message));
        QCOMPARE(marks.value.size(), 3);
        for (qsizetype i = 0; i < asked.size(); ++i) {
            const PartitionWatermarks &w = marks.value.at(i);
            QCOMPARE(w.topic, topic_);
            QCOMPARE(w.partition, asked.at(i).partition);
            QCOMPARE(w.low, 0);
            QCOMPARE(w.high, 10 * (asked.at(i).partition + 1));
            QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        }
    }

    void offsetsForTimesFindsTheFirstRecordAtOrAfter_data()
    {
        QTest::addColumn<int64_t>("timestamp");
        QTest::addColumn<int64_t>("expected");
        QTest::newRow("before the first record") << kBaseTimestampMs - 1 << int64_t(0);
        QTest::newRow("between records 4 and 5") << kBaseTimestampMs + 4 * kTimestampStepMs + 1 << int64_t(5);
        QTest::newRow("exactly record 7") << kBaseTimestampMs + 7 * kTimestampStepMs << int64_t(7);
        QTest::newRow("after the last record: none")
            << kBaseTimestampMs + 100 * kTimestampStepMs << int64_t(-1);
        QTest::newRow("earliest") << kEarliestOffsetQuery << int64_t(0);
        QTest::newRow("latest") << kLatestOffsetQuery << int64_t(10);
    }
    void offsetsForTimesFindsTheFirstRecordAtOrAfter()
    {
        QFETCH(int64_t, timestamp);
        QFETCH(int64_t, expected);
        Deadline deadline(15s);
        const auto found = offsetsForTimes(client_->handle(), {{topic_, 0}}, timestamp, deadline);
        QVERIFY2(found.ok(), qPrintable(found.error.message));
        QCOMPARE(found.value.size(), 1);
        QVERIFY2(!found.value.first().error, qPrintable(found.value.first().error.message));
        QCOMPARE(found.value.first().offset, expected);
    }

    void unknownTopic()
    {
        const QString missing = uniqueTopic("it.offsets.missing");
        Deadline deadline(15s);
        const auto one = fetchTopicMetadata(client_->handle(), client_->errors(), missing, deadline);
        QCOMPARE(one.error.kind, Kind::UnknownTopic);
        QVERIFY2(one.error.message.contains(missing), qPrintable(one.error.message));

        const auto all = client_->fetchMetadata(15s);
        QVERIFY2(all.ok(), qPrintable(all.error.message));
        QVERIFY(!all.value.topic(missing)); // asking for it did not create it
        QVERIFY(all.value.topic(topic_));

        // A known and an unknown topic in one request: only the unknown one fails.
        Deadline offsetsDeadline(15s);
        const auto mixed = offsetsForTimes(
            client_->handle(), {{topic_, 1}, {missing, 0}}, kLatestOffsetQuery, offsetsDeadline);
        QVERIFY2(mixed.ok(), qPrintable(mixed.error.message));
        QCOMPARE(mixed.value.at(0).offset, 20);
        QVERIFY(!mixed.value.at(0).error);
        QVERIFY(mixed.value.at(1).error);
        QCOMPARE(mixed.value.at(1).offset, -1);
    }

    void topicMetadataOfAnExistingTopic()
    {
        Deadline deadline(15s);
        const auto info = fetchTopicMetadata(client_->handle(), client_->errors(), topic_, deadline);
        QVERIFY2(info.ok(), qPrintable(info.error.message));
        QCOMPARE(info.value.name, topic_);
        QCOMPARE(info.value.partitions.size(), 3);
        for (const PartitionInfo &p : info.value.partitions) {
            QVERIFY(!p.offline());
        }
    }

    void stopEndsARequestPromptly_data()
    {
        // refused: nothing listens on 127.0.0.1:1. silent: a socket that accepts connections and
        // never answers (a frozen broker), so no connection error is ever reported and the slices
        // grow to their longest. missing topic: the real broker, asked for a topic that does not
        // exist while waiting for its leader (LeaderWait::UntilDeadline), which never comes.
        QTest::addColumn<QString>("cluster");
        QTest::addColumn<QString>("request");
        const QStringList requests {QStringLiteral("metadata"), QStringLiteral("topic"),
            QStringLiteral("watermarks"), QStringLiteral("oneByOne"), QStringLiteral("times")};
        for (const QString &request : requests) {
            QTest::addRow("refused: %s", qPrintable(request)) << QStringLiteral("refused") << request;
        }
        QTest::addRow("silent: metadata") << QStringLiteral("silent") << QStringLiteral("metadata");
        QTest::addRow("silent: topic") << QStringLiteral("silent") << QStringLiteral("topic");
        for (const QString &request : requests.mid(2)) {
            QTest::addRow("missing topic: %s", qPrintable(request)) << QStringLiteral("missing") << request;
        }
    }
    void stopEndsARequestPromptly()
    {
        QFETCH(QString, cluster);
        QFETCH(QString, request);
        // A stop the request ignored would keep it for its whole timeout, 20 of the longest slices.
        constexpr auto kTimeout = 20 * tuning::kMaxCallSlice;
        constexpr auto kStopBound = 1s;
        static_assert(kTimeout >= 10 * kStopBound && tuning::kMaxCallSlice < kStopBound);
        QTcpServer frozen;
        ConnectionSettings settings = brokerSettings();
        if (cluster == QLatin1String("refused")) {
            settings.bootstrapServers = QStringLiteral("127.0.0.1:1");
        } else if (cluster == QLatin1String("silent")) {
            QVERIFY(frozen.listen(QHostAddress::LocalHost, 0));
            settings.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(frozen.serverPort());
        }
        KafkaError error;
        auto client = KafkaClient::create(settings, &error);
        QVERIFY2(client, qPrintable(error.message));
        std::atomic<bool> stop {false};
        auto result
            = std::async(std::launch::async, [&] { return runRequest(*client, request, kTimeout, &stop); });
        if (cluster == QLatin1String("refused")) {
            // Stop once the request has seen the cluster refuse it. librdkafka may give up by
            // itself on a refused connection ("all brokers down"): that is prompt too.
            QTRY_VERIFY_WITH_TIMEOUT(client->errors().mostTelling().isError(), 10'000);
        } else {
            // Still waiting for an answer that does not come.
            QCOMPARE(result.wait_for(4 * tuning::kMaxCallSlice), std::future_status::timeout);
        }
        const bool returnedBeforeStop = result.wait_for(0s) == std::future_status::ready;
        stop = true;
        QCOMPARE(result.wait_for(kStopBound), std::future_status::ready);
        const KafkaError e = result.get();
        if (returnedBeforeStop) {
            QVERIFY2(e.kind == Kind::ConnectionRefused || e.kind == Kind::Unreachable, qPrintable(e.message));
        } else {
            QCOMPARE(e.kind, Kind::Cancelled);
        }
    }

private:
    static KafkaError runRequest(KafkaClient &client, const QString &request,
        std::chrono::milliseconds timeout, std::atomic<bool> *stop)
    {
        const QList<TopicPartitionRef> partitions {
            {uniqueTopic("it.offsets.none"), 0}, {uniqueTopic("it.offsets.none"), 1}};
        const OffsetQueryOptions options {LeaderWait::UntilDeadline, &client.errors()};
        Deadline deadline(timeout, stop);
        if (request == QLatin1String("metadata")) {
            return fetchMetadata(client.handle(), client.errors(), deadline).error;
        }
        if (request == QLatin1String("topic")) {
            return fetchTopicMetadata(client.handle(), client.errors(), partitions.first().topic, deadline)
                .error;
        }
        if (request == QLatin1String("watermarks")) {
            return queryWatermarks(client.handle(), partitions, deadline, options).error;
        }
        if (request == QLatin1String("oneByOne")) {
            return queryWatermarksOneByOne(client.handle(), partitions, deadline, options).error;
        }
        return offsetsForTimes(client.handle(), partitions, kLatestOffsetQuery, deadline, options).error;
    }
};

QTEST_GUILESS_MAIN(TestKafkaOffsets)
#include "tst_kafkaoffsets.moc"
