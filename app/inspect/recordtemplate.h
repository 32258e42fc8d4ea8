#pragma once

// Record templates, as the produce dialog and `edis produce --value` take them: "{{i}}" becomes
// the record's number (from 0), "{{now}}" the time in epoch milliseconds, each "{{uuid}}" a
// fresh random UUID. Other text, unknown fields included, is sent as written.

#include "kafka/outgoingmessage.h"

#include <QByteArray>

#include <functional>

namespace edis::inspect {

struct TemplateFields {
    quint64 sequence = 0;
    qint64 nowMs = 0;
    /// A new UUID per "{{uuid}}" (tests pass a counter; the default is QUuid::createUuid).
    std::function<QByteArray()> newUuid;
};

/// `text` with its fields filled in, in one pass: a value never expands twice.
QByteArray expandTemplate(const QByteArray &text, const TemplateFields &fields);

/// The record for `sequence`: `templ` with its key and value expanded (headers are sent as
/// written), at the current time with random UUIDs.
kafka::OutgoingMessage expandRecord(const kafka::OutgoingMessage &templ, quint64 sequence);

} // namespace edis::inspect
