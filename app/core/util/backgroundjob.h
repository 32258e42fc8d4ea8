#pragma once

// A one-off blocking job (a file export, an import to Kafka) on a BackgroundWorker of its own,
// with its result handed back on the thread of `context`, so the GUI never waits on disk or
// network. The worker belongs to `context`: when `context` goes first, the job's thread goes to
// the reaper (never joined by the GUI thread) and its result is dropped.

#include "util/backgroundworker.h"

#include <QObject>

#include <functional>
#include <memory>

namespace edis::util {

namespace detail {

/// A child of the job's context that owns the job's worker and its `done` callback, so that both
/// stay on the context's thread and go with the context.
template <typename Result>
class BackgroundJob : public QObject {
public:
    BackgroundJob(QObject *context, std::function<void(Result)> done)
        : QObject(context)
        , done_(std::move(done))
    {
    }
    void finish(Result result)
    {
        done_(std::move(result));
        deleteLater();
    }
    BackgroundWorker &worker() { return worker_; }

private:
    std::function<void(Result)> done_;
    BackgroundWorker worker_ {this}; ///< destroyed before the QObject part: no delivery after it
};

} // namespace detail

/// Calls `work()` on a thread of its own, then `done(result)` on `context`'s thread (not at all
/// when `context` is gone by then).
template <typename Result>
void runInBackground(QObject *context, std::function<Result()> work, std::function<void(Result)> done)
{
    auto *job = new detail::BackgroundJob<Result>(context, std::move(done));
    job->worker().post([job, work = std::move(work)](const BackgroundWorker::Context &worker) {
        auto result = std::make_shared<Result>(work());
        // Runs only while the worker is alive, so `job` still is.
        worker.deliver([job, result] { job->finish(std::move(*result)); });
    });
}

} // namespace edis::util
