#pragma once

// Factories of the built-in decoders, and the few facts about formats other code needs.

#include "decoder.h"

#include <memory>
#include <optional>

namespace edis::inspect {

namespace decoderid {
inline const QString kNull = QStringLiteral("null");
inline const QString kText = QStringLiteral("text");
inline const QString kJson = QStringLiteral("json");
inline const QString kHex = QStringLiteral("hex");
inline const QString kCloudEvents = QStringLiteral("cloudevents");
inline const QString kDebezium = QStringLiteral("debezium");
inline const QString kSchemaRegistry = QStringLiteral("schema-registry");
} // namespace decoderid

std::unique_ptr<Decoder> makeNullDecoder();
std::unique_ptr<Decoder> makeTextDecoder();
std::unique_ptr<Decoder> makeJsonDecoder();
std::unique_ptr<Decoder> makeHexDecoder();
std::unique_ptr<Decoder> makeCloudEventsDecoder();
std::unique_ptr<Decoder> makeDebeziumDecoder();

/// A Debezium heartbeat: on a __debezium-heartbeat topic, or a value that is only {"ts_ms": n}
/// (with or without the {schema, payload} wrapper).
bool isDebeziumHeartbeat(const MessageView &record);

/// The pretty-printed JSON, or nullopt (and `*error` says where) when the bytes are not JSON.
std::optional<QString> prettyJson(std::string_view bytes, QString *error = nullptr);

/// Decodes bytes as JSON when they parse, else text, else a hex dump (for data of envelopes).
QString renderPayload(std::string_view bytes, bool *truncated = nullptr);

} // namespace edis::inspect
