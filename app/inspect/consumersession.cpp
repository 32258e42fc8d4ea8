#include "consumersession.h"

#include "consumerworker.h"

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

void ConsumerSession::start(const ConsumeRequest &request)
{
    shutDownWorker();
    progress_ = {};
    worker_ = std::make_unique<ConsumerWorker>(request);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::started, worker_.get(), &ConsumerWorker::run);
    // The timer starts only when staging goes from empty to non-empty, so flushes are at least
    // one interval apart however fast records come.
    // Signals of an earlier worker may still be queued; the generation tells them apart.
    const uint64_t generation = ++generation_;
    connect(worker_.get(), &ConsumerWorker::stagedAvailable, this, [this, generation] {
        if (generation == generation_ && !flushTimer_.isActive()) {
            flushTimer_.start();
        }
    });
    connect(
        worker_.get(), &ConsumerWorker::progressChanged, this, [this, generation](const ConsumerProgress &p) {
            if (generation != generation_) {
                return;
            }
            progress_ = p;
            Q_EMIT progressChanged(p);
        });
    connect(worker_.get(), &ConsumerWorker::finished, this,
        [this, generation](FinishReason reason, const kafka::KafkaError &error) {
            if (generation == generation_) {
                onWorkerFinished(reason, error);
            }
        });
    thread_.start();
}

void ConsumerSession::stop()
{
    if (worker_) {
        worker_->requestStop();
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
    thread_.quit();
    thread_.wait();
    flushTimer_.stop();
    flush();
    worker_.reset();
    Q_EMIT finished(reason, error);
}

void ConsumerSession::shutDownWorker()
{
    if (!worker_) {
        return;
    }
    worker_->requestStop();
    thread_.quit();
    thread_.wait();
    flushTimer_.stop();
    ++generation_; // whatever this worker still has queued is now ignored
    worker_.reset();
}

} // namespace edis::inspect
