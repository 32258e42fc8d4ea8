// The plain decoders: null/tombstone, text, JSON and hex.

#include "builtindecoders.h"

#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

namespace edis::inspect {

namespace {

constexpr std::size_t kMaxHexDumpBytes = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

class NullDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kNull; }
    QString name() const override { return tr("Null / tombstone"); }
    int detect(const MessageView &r) const override { return r.hasValue() ? 0 : confidence::kCertain; }
    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        d.kind = r.hasKey() ? DecodedValue::Kind::Tombstone : DecodedValue::Kind::Null;
        d.summary = r.hasKey() ? tr("(tombstone)") : tr("(null)");
        if (r.hasValue()) { // chosen by override for a record that has a value
            d.kind = DecodedValue::Kind::Error;
            d.error = tr("The value is not null.");
            d.text = textOf(r.value());
        }
        return d;
    }
    QString preview(const MessageView &r, int maxChars) const override
    {
        return r.hasValue() ? oneLine(r.value(), maxChars) : decode(r).summary;
    }
};

class TextDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kText; }
    QString name() const override { return tr("Text (UTF-8)"); }
    int detect(const MessageView &r) const override
    {
        return r.hasValue() && looksLikeText(r.value()) ? confidence::kText : 0;
    }
    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        d.kind = DecodedValue::Kind::Text;
        d.text = textOf(r.value());
        d.summary = oneLine(d.text, 200);
        if (!isValidUtf8(r.value())) {
            d.error = tr("Not valid UTF-8: invalid bytes are shown as \uFFFD.");
        }
        return d;
    }
    QString preview(const MessageView &r, int maxChars) const override
    {
        return r.value().empty() ? tr("(empty)") : oneLine(r.value(), maxChars);
    }
};

class JsonDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kJson; }
    QString name() const override { return tr("JSON"); }
    int detect(const MessageView &r) const override
    {
        const auto v = trimmedJson(r.value());
        if (v.size() < 2) {
            return 0;
        }
        const bool object = v.front() == '{' && v.back() == '}';
        const bool array = v.front() == '[' && v.back() == ']';
        return object || array ? confidence::kJson : 0;
    }
    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        QString error;
        if (auto pretty = prettyJson(r.value(), &error)) {
            d.kind = DecodedValue::Kind::Json;
            d.text = *pretty;
        } else {
            d.kind = DecodedValue::Kind::Error;
            d.error = error;
            d.text = textOf(r.value());
        }
        d.summary = oneLine(r.value(), 200);
        return d;
    }
    QString preview(const MessageView &r, int maxChars) const override
    {
        // The raw compact text reads well in a cell; no parse needed.
        return oneLine(r.value(), maxChars);
    }
};

class HexDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kHex; }
    QString name() const override { return tr("Hex"); }
    int detect(const MessageView &r) const override { return r.hasValue() ? confidence::kFallback : 0; }
    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        d.kind = DecodedValue::Kind::Binary;
        d.text = hexDump(r.value(), kMaxHexDumpBytes, &d.truncated);
        d.summary = hexPreview(r.value(), 32);
        return d;
    }
    QString preview(const MessageView &r, int maxChars) const override
    {
        return hexPreview(r.value(), std::max(1, maxChars / 3));
    }
};

} // namespace

QString Decoder::preview(const MessageView &record, int maxChars) const
{
    return oneLine(decode(record).summary, maxChars);
}

std::unique_ptr<Decoder> makeNullDecoder()
{
    return std::make_unique<NullDecoder>();
}
std::unique_ptr<Decoder> makeTextDecoder()
{
    return std::make_unique<TextDecoder>();
}
std::unique_ptr<Decoder> makeJsonDecoder()
{
    return std::make_unique<JsonDecoder>();
}
std::unique_ptr<Decoder> makeHexDecoder()
{
    return std::make_unique<HexDecoder>();
}

std::optional<QString> prettyJson(std::string_view bytes, QString *error)
{
    auto doc = nlohmann::ordered_json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded()) {
        if (error) {
            // Parse again with exceptions only on failure, to learn where it broke.
            try {
                [[maybe_unused]] const auto again = nlohmann::ordered_json::parse(bytes.begin(), bytes.end());
            } catch (const nlohmann::json::parse_error &e) {
                *error = tr("Malformed JSON at byte %1: %2").arg(e.byte).arg(QString::fromUtf8(e.what()));
            } catch (const std::exception &e) {
                *error = tr("Malformed JSON: %1").arg(QString::fromUtf8(e.what()));
            }
        }
        return std::nullopt;
    }
    return QString::fromStdString(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString renderPayload(std::string_view bytes, bool *truncated)
{
    if (truncated) {
        *truncated = false;
    }
    const auto trimmed = trimmedJson(bytes);
    if (!trimmed.empty() && (trimmed.front() == '{' || trimmed.front() == '[')) {
        if (auto pretty = prettyJson(bytes)) {
            return *pretty;
        }
    }
    if (looksLikeText(bytes)) {
        return textOf(bytes);
    }
    return hexDump(bytes, kMaxHexDumpBytes, truncated);
}

} // namespace edis::inspect
