// kafka::Producer without a broker: every wait it has (a full queue, a flush) ends when the
// caller's stop flag is set, and a purge turns what was queued into failures at once. Against the
// real broker it is exercised in tests/inspect/tst_produce.cpp.

#include "kafka/producer.h"

#include <QTest>

using edis::kafka::KafkaError;
using edis::kafka::OutgoingMessage;
using edis::kafka::Producer;
using Kind = KafkaError::Kind;
using namespace std::chrono_literals;

namespace {

// Nothing listens on port 1; records stay queued for as long as message.timeout.ms allows.
edis::kafka::ConnectionSettings unreachable()
{
    edis::kafka::ConnectionSettings s;
    s.bootstrapServers = QStringLiteral("127.0.0.1:1");
    return s;
}

// Long enough that only a stop (or a purge) can end a wait in these tests.
const std::map<std::string, std::string> kRecordsNeverExpire {{"message.timeout.ms", "600000"}};

OutgoingMessage record(int n)
{
    OutgoingMessage m;
    m.topic = "t";
    m.value = QByteArray::number(n);
    return m;
}

} // namespace

class TestProducer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void openRefusesAnUnknownProperty()
    {
        Producer producer;
        const KafkaError error = producer.open(unreachable(), {{"no.such.property", "1"}});
        QCOMPARE(error.kind, Kind::InvalidSettings);
        QVERIFY2(error.message.contains(QStringLiteral("no.such.property")), qPrintable(error.message));
        QVERIFY(!producer.isOpen());
    }

    void flushEndsWhenStopped()
    {
        Producer producer;
        QVERIFY(!producer.open(unreachable(), kRecordsNeverExpire));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!producer.produce(record(i)));
        }
        QCOMPARE(producer.inFlight(), uint64_t(5));
        // Without the flag this flush would wait ten minutes (and the test time out).
        const std::atomic<bool> stop {true};
        const KafkaError error = producer.flush(10min, &stop);
        QCOMPARE(error.kind, Kind::Cancelled);
        QVERIFY2(error.message.contains(QStringLiteral("5 records")), qPrintable(error.message));
        QCOMPARE(producer.inFlight(), uint64_t(5));
        QCOMPARE(producer.delivered() + producer.failed(), uint64_t(0));
    }

    void flushTimesOutWithTheReason()
    {
        Producer producer;
        QVERIFY(!producer.open(unreachable(), kRecordsNeverExpire));
        QVERIFY(!producer.produce(record(0)));
        const KafkaError error = producer.flush(300ms);
        QVERIFY(error.isError());
        QVERIFY2(error.kind != Kind::Cancelled, qPrintable(error.message));
        QCOMPARE(producer.inFlight(), uint64_t(1));
    }

    void purgeFailsWhatIsQueued()
    {
        Producer producer;
        QVERIFY(!producer.open(unreachable(), kRecordsNeverExpire));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!producer.produce(record(i)));
        }
        producer.purge();
        // The purged records' reports are served by a poll (purge() polls once; a broker thread
        // may hand some over a moment later).
        QTRY_COMPARE_WITH_TIMEOUT((producer.poll(), producer.failed()), uint64_t(3), 5000);
        QCOMPARE(producer.delivered(), uint64_t(0));
        QCOMPARE(producer.inFlight(), uint64_t(0));
        QVERIFY(producer.firstFailure().isError());
    }

    void produceOnAFullQueueEndsWhenStopped()
    {
        Producer producer;
        std::map<std::string, std::string> properties = kRecordsNeverExpire;
        properties["queue.buffering.max.messages"] = "1";
        QVERIFY(!producer.open(unreachable(), properties));
        QVERIFY(!producer.produce(record(0)));
        // The queue holds one record and the broker never takes it: without the flag this
        // produce would wait for room for ten minutes.
        const std::atomic<bool> stop {true};
        const KafkaError error = producer.produce(record(1), &stop);
        QCOMPARE(error.kind, Kind::Cancelled);
        QCOMPARE(producer.inFlight(), uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestProducer)
#include "tst_producer.moc"
