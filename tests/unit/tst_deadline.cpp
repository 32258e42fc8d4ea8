// kafka::Deadline: how long each slice of a blocking librdkafka call may be, and how soon a stop
// is seen. Pure logic, no broker.

#include "kafka/deadline.h"
#include "kafka/requesttuning.h"

#include <QTest>

#include <atomic>
#include <future>

using namespace std::chrono_literals;
using edis::kafka::Deadline;
using edis::kafka::KafkaError;
namespace tuning = edis::kafka::tuning;

class TestDeadline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstSliceIsTheStopCheckInterval()
    {
        const Deadline deadline(60s);
        QCOMPARE(deadline.nextSlice(), tuning::kStopCheckInterval);
        QVERIFY(!deadline.over());
    }

    void sliceGrowsOnlyWhileTheClusterMayJustBeSlow_data()
    {
        QTest::addColumn<bool>("unreachable");
        QTest::addColumn<int>("endedSlices");
        QTest::addColumn<qint64>("expectedMs");
        const qint64 first = tuning::kStopCheckInterval.count();
        QTest::newRow("slow: doubles") << false << 1 << 2 * first;
        QTest::newRow("slow: doubles again") << false << 2 << 4 * first;
        QTest::newRow("slow: capped") << false << 20 << qint64(tuning::kMaxCallSlice.count());
        QTest::newRow("unreachable: stays short") << true << 20 << first;
    }
    void sliceGrowsOnlyWhileTheClusterMayJustBeSlow()
    {
        QFETCH(bool, unreachable);
        QFETCH(int, endedSlices);
        QFETCH(qint64, expectedMs);
        Deadline deadline(60s);
        for (int i = 0; i < endedSlices; ++i) {
            deadline.sliceEnded(unreachable);
        }
        QCOMPARE(deadline.nextSlice().count(), expectedMs);
    }

    void sliceNeverOutlastsTheDeadline()
    {
        Deadline deadline(30ms);
        for (int i = 0; i < 5; ++i) {
            deadline.sliceEnded(false);
        }
        QVERIFY(deadline.nextSlice() <= 30ms);
        QVERIFY(deadline.nextSliceMs() >= 1); // librdkafka reads 0 as "do not wait"
        QTRY_VERIFY(deadline.expired());
        QCOMPARE(deadline.nextSliceMs(), 1);
        QCOMPARE(deadline.overError().kind, KafkaError::Kind::Timeout);
    }

    void stopEndsTheDeadlineWithCancelled()
    {
        std::atomic<bool> stop {false};
        const Deadline deadline(60s, &stop);
        QVERIFY(!deadline.over());
        stop = true;
        QVERIFY(deadline.stopped());
        QVERIFY(deadline.over());
        QCOMPARE(deadline.overError().kind, KafkaError::Kind::Cancelled);
    }

    void pauseWakesOnStop()
    {
        // A pause the stop did not cut short would last the full 20 s.
        std::atomic<bool> stop {false};
        const Deadline deadline(60s, &stop);
        auto paused = std::async(std::launch::async, [&] { deadline.pause(20 * tuning::kMaxCallSlice); });
        QCOMPARE(paused.wait_for(2 * tuning::kStopCheckInterval), std::future_status::timeout);
        stop = true;
        QCOMPARE(paused.wait_for(1s), std::future_status::ready);
    }
};

QTEST_GUILESS_MAIN(TestDeadline)
#include "tst_deadline.moc"
