// util::BackgroundWorker, the one way EDIS runs work off the GUI thread: jobs in order, results
// on the receiver's thread, a stop every job sees at once, an owner that goes away without
// waiting for a running job, and no thread left running or detached once its job returned.

#include "util/backgroundworker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <future>
#include <memory>
#include <thread>

using edis::util::BackgroundWorker;
using namespace std::chrono_literals;

namespace {

/// Threads of this process, as the kernel lists them: a detached or leaked thread shows here.
int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

/// Records the thread it is destroyed on.
struct Witness {
    std::atomic<std::thread::id> *destroyedOn;
    ~Witness() { *destroyedOn = std::this_thread::get_id(); }
};

} // namespace

class TestBackgroundWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(BackgroundWorker::waitForOrphans(10s)); }

    void jobsRunInOrderAndReportOnTheReceiversThread()
    {
        QObject receiver;
        std::vector<int> ran;
        std::vector<QThread *> reportedOn;
        std::atomic<QThread *> jobThread {nullptr};
        BackgroundWorker worker(&receiver);
        for (int i = 0; i < 3; ++i) {
            worker.post([&, i](const BackgroundWorker::Context &context) {
                jobThread = QThread::currentThread();
                context.deliver([&, i] {
                    ran.push_back(i);
                    reportedOn.push_back(QThread::currentThread());
                });
            });
        }
        QTRY_COMPARE(ran.size(), std::size_t(3));
        QCOMPARE(ran, (std::vector<int> {0, 1, 2}));
        for (QThread *t : reportedOn) {
            QCOMPARE(t, receiver.thread());
        }
        QVERIFY(jobThread.load() != receiver.thread());
    }

    void stopReachesAWaitingJobAtOnce()
    {
        QObject receiver;
        bool stopped = false;
        std::atomic<bool> sawStop {false};
        BackgroundWorker worker(&receiver);
        worker.setStoppedCallback([&] { stopped = true; });
        std::promise<void> started;
        worker.post([&](const BackgroundWorker::Context &context) {
            started.set_value();
            // A retry loop's pause of a minute: only the stop ends it early.
            sawStop = !edis::util::waitUnlessStopped(context.stopToken(), 60s);
        });
        started.get_future().wait();
        QElapsedTimer clock;
        clock.start();
        worker.requestStop();
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 5000); // long before the minute is up
        QVERIFY(sawStop);
        QVERIFY(!worker.isBusy());
        qInfo("stopped callback %lld ms after requestStop()", clock.elapsed());
    }

    void destroyingARunningWorkerDoesNotWait()
    {
        const int threadsBefore = threadCount();
        QObject receiver;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::promise<void> started;
        bool delivered = false;
        std::atomic<std::thread::id> capturedGoneOn {};
        {
            BackgroundWorker worker(&receiver);
            auto witness = std::make_shared<Witness>(Witness {&capturedGoneOn});
            // A job that ignores its stop token, like one inside a blocking librdkafka call.
            worker.post([&, released, witness](const BackgroundWorker::Context &context) {
                started.set_value();
                released.wait();
                context.deliver([&] { delivered = true; });
            });
            started.get_future().wait();
            QVERIFY(worker.isBusy());
        } // if this waited for the job, the test would hang here: the job waits for the test
        QCOMPARE(BackgroundWorker::orphansRunning(), std::size_t(1));
        release.set_value();
        QVERIFY(BackgroundWorker::waitForOrphans(10s));
        QCOMPARE(BackgroundWorker::orphansRunning(), std::size_t(0));
        // What the job held went on the job's thread, not the owner's.
        QVERIFY(capturedGoneOn.load() != std::thread::id {});
        QVERIFY(capturedGoneOn.load() != std::this_thread::get_id());
        // Its result was dropped: the owner had let it go.
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
        // Joined, not detached: the thread is gone from the process.
        QTRY_COMPARE(threadCount(), threadsBefore);
    }

    void queuedJobsAreDroppedOnTheWorkersThread()
    {
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::promise<void> started;
        std::atomic<std::thread::id> droppedOn {};
        std::atomic<bool> secondRan {false};
        BackgroundWorker worker;
        worker.post([&, released](const BackgroundWorker::Context &) {
            started.set_value();
            released.wait();
        });
        auto witness = std::make_shared<Witness>(Witness {&droppedOn});
        worker.post([&secondRan, witness](const BackgroundWorker::Context &) { secondRan = true; });
        witness.reset();
        started.get_future().wait();
        worker.requestStop();
        worker.post([&secondRan](const BackgroundWorker::Context &) { secondRan = true; }); // ignored
        release.set_value();
        QTRY_VERIFY(!worker.isBusy());
        QTRY_VERIFY(droppedOn.load() != std::thread::id {});
        QVERIFY(droppedOn.load() != std::this_thread::get_id());
        QVERIFY(!secondRan);
    }

    void anIdleWorkerIsJoinedAtOnce()
    {
        const int threadsBefore = threadCount();
        {
            BackgroundWorker worker;
            std::promise<void> done;
            worker.post([&](const BackgroundWorker::Context &) { done.set_value(); });
            done.get_future().wait();
            QTRY_VERIFY(!worker.isBusy());
        }
        QCOMPARE(BackgroundWorker::orphansRunning(), std::size_t(0)); // joined, not handed over
        QCOMPARE(threadCount(), threadsBefore);
    }

    void aWorkerThatNeverRanStopsAtOnce()
    {
        QObject receiver;
        bool stopped = false;
        BackgroundWorker worker(&receiver);
        worker.setStoppedCallback([&] { stopped = true; });
        worker.requestStop();
        QTRY_VERIFY(stopped);
        QVERIFY(worker.stopRequested());
    }

    void stopFlagFollowsTheToken()
    {
        std::stop_source source;
        const edis::util::StopFlag flag(source.get_token());
        QVERIFY(!flag.get()->load());
        source.request_stop();
        QVERIFY(flag.get()->load());
        std::stop_source already;
        already.request_stop();
        QVERIFY(edis::util::StopFlag(already.get_token()).get()->load());
        QVERIFY(!edis::util::waitUnlessStopped(already.get_token(), 60s));
        QVERIFY(edis::util::waitUnlessStopped(std::stop_token(), 1ms));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundWorker)
#include "tst_backgroundworker.moc"
