#pragma once

// Export of held records to JSON Lines (kcat -J envelopes) or CSV, and import of a JSON Lines
// file to a topic, both off the GUI thread.

#include "kafka/connectionsettings.h"
#include "messageexport.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace edis::ui {

/// Writes a copy of `records` to `path` atomically (QSaveFile) on a worker thread; `done` runs
/// on `context`'s thread.
void exportInBackground(inspect::MessageBatch records, inspect::ExportFormat format, const QString &path,
    QObject *context, std::function<void(inspect::ExportResult)> done);

/// Produces every line of the JSON Lines file at `path` on a worker thread.
void importInBackground(const QString &path, const kafka::ConnectionSettings &connection,
    const inspect::ImportOptions &options, std::shared_ptr<std::atomic<bool>> cancel, QObject *context,
    std::function<void(inspect::ImportResult)> done);

} // namespace edis::ui
