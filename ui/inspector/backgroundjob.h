#pragma once

// Runs a blocking job (a file export, an import to Kafka) on a thread of its own and hands the
// result back on the thread of `context`, so the GUI never waits on disk or network.

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace edis::ui {

/// Calls `work()` on a new thread, then `done(result)` on `context`'s thread (not at all when
/// `context` is gone by then).
template <typename Result>
void runInBackground(QObject *context, std::function<Result()> work, std::function<void(Result)> done)
{
    auto result = std::make_shared<Result>();
    QThread *thread = QThread::create([result, work = std::move(work)] { *result = work(); });
    QPointer<QObject> guard(context);
    QObject::connect(thread, &QThread::finished, context, [result, done = std::move(done), guard] {
        if (guard) {
            done(std::move(*result));
        }
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace edis::ui
