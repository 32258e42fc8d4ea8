#pragma once

// The decoder interface. Decoders are stateless and const, so one registry serves the consumer
// thread (auto-detection of every record) and the GUI thread (decoding the visible rows).

#include "decodedvalue.h"
#include "messagebatch.h"

#include <QString>

#include <string_view>

namespace edis::inspect {

class Decoder {
public:
    virtual ~Decoder() = default;

    /// Stable identifier, e.g. "json"; used for per-topic overrides and saved settings.
    virtual QString id() const = 0;
    /// Name to show, e.g. "JSON".
    virtual QString name() const = 0;
    /// How sure this decoder is that it understands the record: 0 (no) to 100 (certain).
    /// Must be cheap — it runs for every consumed record — so no full parse here.
    virtual int detect(const MessageView &record) const = 0;
    /// The full decoding; never throws, whatever the bytes.
    virtual DecodedValue decode(const MessageView &record) const = 0;
    /// One line for a table cell, at most `maxChars` characters. By default decode().summary.
    virtual QString preview(const MessageView &record, int maxChars) const;
};

/// Confidence levels the built-in decoders use, so that a plug-in can place itself among them.
namespace confidence {
inline constexpr int kFallback = 1; ///< hex: anything
inline constexpr int kText = 30; ///< valid UTF-8 without control bytes
inline constexpr int kJson = 50; ///< starts with { or [ and ends with } or ]
inline constexpr int kFramed = 70; ///< Schema Registry magic byte
inline constexpr int kStructured = 80; ///< JSON that carries the markers of a known envelope
inline constexpr int kHeadersSay = 95; ///< a header states the format (ce_specversion, …)
inline constexpr int kCertain = 100;
} // namespace confidence

} // namespace edis::inspect
