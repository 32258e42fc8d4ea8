#pragma once

// The one way EDIS runs work off the GUI thread: a thread of its own that runs posted jobs in
// order, a stop token every job sees, results handed back to a receiver on its own thread, and
// an owner that can go away at any moment without waiting.
//
// A job inside a blocking librdkafka call cannot be interrupted; joining it on the GUI thread
// froze the window for up to the consume timeout (15 s) when a topic was switched on an
// unreachable broker. So the destructor never waits for a running job: it requests the stop and
// hands the thread to a process-wide reaper, which joins it once the job returns. When
// QCoreApplication goes, the reaper joins what ends within a fraction of a second and leaves a
// thread still blocked in librdkafka (a frozen broker) to end with the process: the statics such
// a thread may use (kafka::ClientTraffic, the reaper) are never destroyed.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <thread>

class QObject;

namespace edis::util {

class BackgroundWorker {
public:
    struct State; ///< shared by the worker, its thread and the reaper (backgroundworker.cpp)

    /// What a running job gets: its stop token, and a way to report back.
    class Context {
    public:
        std::stop_token stopToken() const;
        bool stopRequested() const;
        /// Runs `fn` later on the receiver's thread, unless the worker (or the receiver) is gone
        /// by then: nothing a job reports reaches an owner that has let it go.
        void deliver(std::function<void()> fn) const;

    private:
        friend class BackgroundWorker;
        explicit Context(std::shared_ptr<State> state);
        std::shared_ptr<State> state_;
    };
    using Job = std::function<void(const Context &context)>;

    /// `receiver` (optional) is where deliver() and the stopped callback run: an object of the
    /// thread that owns this worker, normally its owner. It must outlive the worker.
    explicit BackgroundWorker(QObject *receiver = nullptr);
    /// Requests the stop and returns at once. An idle thread (waiting for a job, none queued)
    /// stops at once and is joined; a thread inside a job, or with jobs to drop, goes to the
    /// reaper. Nothing is delivered to the receiver after this.
    ~BackgroundWorker();
    BackgroundWorker(const BackgroundWorker &) = delete;
    BackgroundWorker &operator=(const BackgroundWorker &) = delete;

    /// Queues `job`; the thread starts with the first one. Ignored once a stop was requested.
    void post(Job job);
    /// Sets the stop token and drops the queued jobs (they are destroyed on the worker's thread,
    /// with whatever they hold). Never blocks; thread-safe.
    void requestStop();
    bool stopRequested() const;
    /// A job runs or is queued.
    bool isBusy() const;
    /// `fn` runs on the receiver's thread once the thread has ended after requestStop().
    void setStoppedCallback(std::function<void()> fn);
    /// Hands `object` (an owner's last reference to what its jobs use: a librdkafka handle
    /// whose destruction may block) to this worker's thread, which lets it go after the running
    /// job. For an owner's destructor, before the worker is destroyed; once a stop was
    /// requested it is let go here.
    void disposeOnThread(std::shared_ptr<void> object);

    /// Threads of destroyed workers that have not ended yet.
    static std::size_t orphansRunning();
    /// Waits until every thread the reaper holds has ended and joins them; false when some are
    /// still running after `timeout`.
    static bool waitForOrphans(std::chrono::milliseconds timeout);

private:
    static void run(const std::shared_ptr<State> &state);

    std::shared_ptr<State> state_;
    std::thread thread_;
};

/// An atomic flag that follows a stop token, for code that polls a flag (kafka::Deadline).
class StopFlag {
public:
    explicit StopFlag(const std::stop_token &stop)
        : callback_(stop, [this] { flag_ = true; })
    {
    }
    const std::atomic<bool> *get() const { return &flag_; }

private:
    std::atomic<bool> flag_ {false}; ///< before callback_, which may set it at once
    std::stop_callback<std::function<void()>> callback_;
};

/// Waits `duration` unless `stop` is requested first; false when it was (a retry loop's pause).
bool waitUnlessStopped(const std::stop_token &stop, std::chrono::milliseconds duration);

} // namespace edis::util
