#include "util/backgroundworker.h"

#include <QCoreApplication>
#include <QObject>
#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace edis::util {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

/// How long the exit waits for the jobs of destroyed workers. A job sees its stop within
/// kafka::tuning::kStopCheckInterval (100 ms) when its broker answers or is unreachable, so
/// this joins every healthy job and keeps the exit well under half a second.
constexpr milliseconds kExitWait = 200ms;

struct BackgroundWorker::State {
    std::mutex mutex;
    std::condition_variable_any changed;
    std::deque<Job> jobs;
    std::stop_source stop;
    QObject *receiver = nullptr; ///< null once the worker is gone: deliveries are dropped
    std::function<void()> stopped;
    bool busy = false; ///< a job runs
    bool ended = false; ///< the thread is past its last use of anything but this state
};

namespace {

/// Holds the threads of destroyed workers until they end, and joins them.
class Reaper {
public:
    static Reaper &instance()
    {
        // Never destroyed: at exit it may still hold threads that are blocked in librdkafka, and
        // destroying a joinable std::thread would terminate the process.
        static auto *reaper = new Reaper;
        return *reaper;
    }

    void adopt(std::thread thread, std::shared_ptr<BackgroundWorker::State> state)
    {
        std::lock_guard lock(mutex_);
        sweep();
        orphans_.push_back({std::move(thread), std::move(state)});
    }

    std::size_t running()
    {
        std::lock_guard lock(mutex_);
        sweep();
        return orphans_.size();
    }

    bool waitAll(milliseconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        std::vector<Orphan> waiting;
        {
            std::lock_guard lock(mutex_);
            std::swap(waiting, orphans_);
        }
        std::vector<Orphan> left;
        for (Orphan &orphan : waiting) {
            std::unique_lock lock(orphan.state->mutex);
            if (orphan.state->changed.wait_until(lock, deadline, [&] { return orphan.state->ended; })) {
                lock.unlock();
                orphan.thread.join(); // it has ended: this returns at once
            } else {
                left.push_back(std::move(orphan));
            }
        }
        std::lock_guard lock(mutex_);
        const bool all = left.empty();
        for (Orphan &orphan : left) {
            orphans_.push_back(std::move(orphan));
        }
        return all;
    }

private:
    struct Orphan {
        std::thread thread;
        std::shared_ptr<BackgroundWorker::State> state;
    };

    Reaper() { qAddPostRoutine(&Reaper::joinAtExit); }

    /// When QCoreApplication goes: joins what ends within kExitWait and leaves the rest to end
    /// with the process. Waiting for all of them made Ctrl+Q take up to a consume timeout
    /// (15 s, measured with a SIGSTOPped broker) while a job sat in a blocking librdkafka call
    /// that no stop reaches. A thread left behind holds only Kafka reads and its own handle;
    /// the statics it may still use (kafka::ClientTraffic, this reaper) are never destroyed.
    static void joinAtExit()
    {
        Reaper &reaper = instance();
        if (!reaper.waitAll(kExitWait)) {
            qInfo("Leaving %zu background thread(s) blocked in Kafka calls to end with the process",
                reaper.running());
        }
    }

    /// Joins the orphans that have ended. Called with mutex_ held.
    void sweep()
    {
        for (auto it = orphans_.begin(); it != orphans_.end();) {
            bool ended = false;
            {
                std::lock_guard lock(it->state->mutex);
                ended = it->state->ended;
            }
            if (ended) {
                it->thread.join();
                it = orphans_.erase(it);
            } else {
                ++it;
            }
        }
    }

    std::mutex mutex_;
    std::vector<Orphan> orphans_;
};

/// Queues `fn` on `receiver`'s thread, to run only if the worker still holds that receiver then.
/// Called with state->mutex held, so the worker cannot let the receiver go meanwhile.
void postToReceiver(const std::shared_ptr<BackgroundWorker::State> &state, std::function<void()> fn)
{
    if (!state->receiver || !fn) {
        return;
    }
    QMetaObject::invokeMethod(
        state->receiver,
        [state, fn = std::move(fn)] {
            // On the receiver's thread, where the worker is destroyed: no race with that.
            if (std::unique_lock lock(state->mutex); !state->receiver) {
                return;
            }
            fn();
        },
        Qt::QueuedConnection);
}

} // namespace

BackgroundWorker::Context::Context(std::shared_ptr<State> state)
    : state_(std::move(state))
{
}

std::stop_token BackgroundWorker::Context::stopToken() const
{
    return state_->stop.get_token();
}

bool BackgroundWorker::Context::stopRequested() const
{
    return state_->stop.stop_requested();
}

void BackgroundWorker::Context::deliver(std::function<void()> fn) const
{
    std::lock_guard lock(state_->mutex);
    postToReceiver(state_, std::move(fn));
}

BackgroundWorker::BackgroundWorker(QObject *receiver)
    : state_(std::make_shared<State>())
{
    state_->receiver = receiver;
}

BackgroundWorker::~BackgroundWorker()
{
    {
        std::lock_guard lock(state_->mutex);
        state_->receiver = nullptr;
        state_->stopped = nullptr;
    }
    // Outside the lock: stop callbacks of the running job (its interruptible waits) run here.
    state_->stop.request_stop();
    if (!thread_.joinable()) {
        return;
    }
    bool idle = false;
    {
        std::lock_guard lock(state_->mutex);
        idle = !state_->busy && state_->jobs.empty();
    }
    if (idle) {
        thread_.join(); // it waits for a job and none will come: it ends now
    } else {
        Reaper::instance().adopt(std::move(thread_), state_);
    }
}

void BackgroundWorker::post(Job job)
{
    std::lock_guard lock(state_->mutex);
    if (state_->stop.stop_requested()) {
        return;
    }
    state_->jobs.push_back(std::move(job));
    if (!thread_.joinable()) {
        thread_ = std::thread([state = state_] { run(state); });
    }
    state_->changed.notify_all();
}

void BackgroundWorker::requestStop()
{
    state_->stop.request_stop();
    if (!thread_.joinable()) {
        std::lock_guard lock(state_->mutex);
        postToReceiver(state_, std::exchange(state_->stopped, nullptr)); // nothing ever ran: stopped now
    }
}

bool BackgroundWorker::stopRequested() const
{
    return state_->stop.stop_requested();
}

bool BackgroundWorker::isBusy() const
{
    std::lock_guard lock(state_->mutex);
    return state_->busy || !state_->jobs.empty();
}

void BackgroundWorker::setStoppedCallback(std::function<void()> fn)
{
    std::lock_guard lock(state_->mutex);
    state_->stopped = std::move(fn);
}

void BackgroundWorker::disposeOnThread(std::shared_ptr<void> object)
{
    if (!object || !thread_.joinable()) {
        return; // no job ever ran, so nothing one made is in `object`: let it go here
    }
    // Queued jobs are destroyed on the worker's thread, also when they are dropped at a stop.
    post([object = std::move(object)](const Context &) {});
}

std::size_t BackgroundWorker::orphansRunning()
{
    return Reaper::instance().running();
}

bool BackgroundWorker::waitForOrphans(milliseconds timeout)
{
    return Reaper::instance().waitAll(timeout);
}

void BackgroundWorker::run(const std::shared_ptr<State> &state)
{
    const std::stop_token stop = state->stop.get_token();
    const Context context(state);
    std::unique_lock lock(state->mutex);
    while (true) {
        state->changed.wait(lock, stop, [&] { return !state->jobs.empty(); });
        if (stop.stop_requested()) {
            break;
        }
        Job job = std::move(state->jobs.front());
        state->jobs.pop_front();
        state->busy = true;
        lock.unlock();
        job(context);
        job = nullptr; // what the job holds goes here, on this thread, while it counts as busy
        lock.lock();
        state->busy = false;
    }
    std::deque<Job> dropped;
    std::swap(dropped, state->jobs);
    lock.unlock();
    dropped.clear(); // on this thread too, never on the owner's
    lock.lock();
    postToReceiver(state, std::exchange(state->stopped, nullptr));
    state->ended = true;
    lock.unlock();
    state->changed.notify_all();
}

bool waitUnlessStopped(const std::stop_token &stop, milliseconds duration)
{
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, duration, [] { return false; });
    return !stop.stop_requested();
}

} // namespace edis::util
