#pragma once

// A held record as text to paste elsewhere: its value, its kcat -J envelope, or a shell command
// that produces the same record again with kcat or with `edis produce`. Secrets in the
// connection's properties are never written out; a placeholder variable stands for them.

#include "kafka/connectionsettings.h"
#include "messagebatch.h"

#include <QString>

namespace edis::inspect {

/// Quotes a word for a POSIX shell (single quotes; a single quote becomes '\'').
QString shellQuote(const QString &word);

/// The value as text (UTF-8; invalid bytes replaced), or an empty string for a null value.
QString valueText(const MessageView &record);

/// `kcat -P …` that produces this record's key, value and headers to its topic and partition.
QString kcatProduceCommand(const MessageView &record, const kafka::ConnectionSettings &connection);

/// `edis produce …` for the same record (the value is sent as one line: JSON is compacted).
QString edisProduceCommand(const MessageView &record, const kafka::ConnectionSettings &connection);

} // namespace edis::inspect
