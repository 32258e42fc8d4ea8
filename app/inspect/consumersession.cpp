#include "consumersession.h"

#include "consumerworker.h"
#include "util/backgroundworker.h"

namespace edis::inspect {

namespace {

constexpr int kFlushIntervalMs = 40;

} // namespace

ConsumerSession::ConsumerSession(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ConsumerProgress>();
    qRegisterMetaType<FinishReason>();
    qRegisterMetaType<kafka::KafkaError>();
    flushTimer_.setSingleShot(true);
    flushTimer_.setInterval(kFlushIntervalMs);
    connect(&flushTimer_, &QTimer::timeout, this, &ConsumerSession::flush);
}

ConsumerSession::~ConsumerSession()
{
    shutDownWorker();
}

void ConsumerSession::start(const ConsumeRequest &request, RecordSourceFactory source)
{
    shutDownWorker();
    progress_ = {};
    auto worker = std::make_shared<ConsumerWorker>(request, std::move(source));
    worker_ = worker;
    thread_ = std::make_unique<util::BackgroundWorker>(this);
    // A stop that comes before the job has started drops the job, and with it the finished()
    // this session waits for (a Stop right after Start left the read "running" for good): the
    // worker's thread ending says it then. A job that ran has reported first, and its report
    // destroyed thread_, which drops this callback.
    thread_->setStoppedCallback([this] {
        if (worker_) {
            onWorkerFinished(FinishReason::Stopped, {});
        }
    });
    // Each event reaches this session on its thread, and only while thread_ is this worker's:
    // whatever an earlier worker still reports is dropped.
    thread_->post([this, worker](const util::BackgroundWorker::Context &context) {
        ConsumerWorker::Events events;
        // The timer starts only when staging goes from empty to non-empty, so flushes are at
        // least one interval apart however fast records come.
        events.stagedAvailable = [this, context] {
            context.deliver([this] {
                if (!flushTimer_.isActive()) {
                    flushTimer_.start();
                }
            });
        };
        events.progressChanged = [this, context](const ConsumerProgress &p) {
            context.deliver([this, p] {
                progress_ = p;
                Q_EMIT progressChanged(p);
            });
        };
        events.finished = [this, context](FinishReason reason, const kafka::KafkaError &error) {
            context.deliver([this, reason, error] { onWorkerFinished(reason, error); });
        };
        worker->run(context.stopToken(), events);
    });
}

void ConsumerSession::stop()
{
    if (thread_) {
        thread_->requestStop();
    }
}

void ConsumerSession::setPaused(bool paused)
{
    if (worker_) {
        worker_->setPaused(paused);
    }
}

void ConsumerSession::flush()
{
    if (!worker_) {
        return;
    }
    std::vector<MessageBatch> batches = worker_->takeStaged();
    if (!batches.empty()) {
        Q_EMIT batchesReady(batches);
        if (worker_) { // a receiver may have stopped the session
            worker_->recycle(std::move(batches));
        }
    }
}

void ConsumerSession::onWorkerFinished(FinishReason reason, const kafka::KafkaError &error)
{
    flushTimer_.stop();
    flush();
    shutDownWorker(); // the job may still be closing its consumer: that ends on its thread
    Q_EMIT finished(reason, error);
}

void ConsumerSession::shutDownWorker()
{
    flushTimer_.stop();
    thread_.reset(); // requests the stop; never waits for a job that runs
    worker_.reset();
}

} // namespace edis::inspect
