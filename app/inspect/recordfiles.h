#pragma once

// Held records to a file (JSON Lines of kcat -J envelopes, or CSV) and a JSON Lines file to a
// topic. Both block on disk (and the import on the network): the GUI runs them on a worker
// thread, the CLI and the tests call them directly.

#include "kafka/connectionsettings.h"
#include "messageexport.h"

#include <QString>

#include <atomic>

namespace edis::inspect {

/// Writes `records` to `path` atomically (QSaveFile: an old file stays whole when this fails).
/// `records` is taken by value and emptied as it is copied, so the records are held once.
ExportResult exportToFile(MessageBatch records, ExportFormat format, const QString &path);

/// Produces every line of the JSON Lines file at `path`; `cancel` (may be null) ends it early.
ImportResult importFromFile(const QString &path, const kafka::ConnectionSettings &connection,
    const ImportOptions &options, const std::atomic<bool> *cancel = nullptr);

} // namespace edis::inspect
