// CloudEvents in records: the Kafka protocol binding 1.0 (ce_* headers) and the AMQP protocol
// binding (cloudEvents:* application properties, or cloudEvents_* from AMQP 0-9-1 and JMS
// producers, with the content type in amqp.content_type as the RabbitMQ record source names it).
// Structured mode: the value is the event as JSON, content type application/cloudevents+json.
// Binary mode: the attributes are headers, the value is the data.

#include "builtindecoders.h"

#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cstring>

namespace edis::inspect {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kStructuredType = "application/cloudevents";

/// How a protocol binding puts an event in record headers. Binary mode: each attribute but
/// datacontenttype is a header named prefix + attribute; datacontenttype is the message's content
/// type. Structured mode: the message's content type is a CloudEvents media type.
struct Binding {
    std::string_view attributePrefix;
    std::string_view specversionHeader; ///< prefix + "specversion": the header detection looks for
    std::array<std::string_view, 2> dataContentTypeHeaders; ///< binary mode; "" is no header
    std::array<std::string_view, 3> contentTypeHeaders; ///< naming structured mode; "" is no header
    /// A structured content type outranks attribute headers: the AMQP binding lets a structured
    /// message repeat its attributes as application properties.
    bool contentTypeFirst = false;
};

constexpr std::array kBindings {
    // Kafka. ce_ headers outrank a structured content type, and the HTTP spelling Content-Type only
    // names structured mode, as this decoder has always read Kafka records.
    Binding {"ce_", "ce_specversion", {"content-type", "content_type"},
        {"content-type", "content_type", "Content-Type"}, false},
    // AMQP: application properties under either separator (the binding prefers '_', which JMS 2.0
    // property names allow and ':' they do not). The content-type property is amqp.content_type.
    Binding {"cloudEvents:", "cloudEvents:specversion", {"amqp.content_type", ""},
        {"amqp.content_type", "", ""}, true},
    Binding {"cloudEvents_", "cloudEvents_specversion", {"amqp.content_type", ""},
        {"amqp.content_type", "", ""}, true},
};
static_assert(std::ranges::all_of(kBindings, [](const Binding &b) {
    return b.specversionHeader.starts_with(b.attributePrefix)
        && b.specversionHeader.substr(b.attributePrefix.size()) == "specversion";
}));

/// The first bytes of the header names the bindings look for: most headers are passed over on one
/// byte (detection reads every header of every record).
constexpr std::array<bool, 256> firstBytesOf(const decltype(kBindings) &bindings)
{
    std::array<bool, 256> bytes {};
    for (const Binding &b : bindings) {
        bytes[static_cast<unsigned char>(b.specversionHeader.front())] = true;
        for (const std::string_view name : b.contentTypeHeaders) {
            if (!name.empty()) {
                bytes[static_cast<unsigned char>(name.front())] = true;
            }
        }
    }
    return bytes;
}
constexpr std::array<bool, 256> kFirstBytes = firstBytesOf(kBindings);

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

bool startsWithNoCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) {
            return false;
        }
    }
    return true;
}

template <std::size_t N>
bool isOneOf(std::string_view name, const std::array<std::string_view, N> &names)
{
    return !name.empty() && std::ranges::find(names, name) != names.end();
}

/// Where a record's headers say its event is: binary mode under a binding's prefix, structured
/// mode, or nothing (the value may still be a structured event without a content type).
struct Carriage {
    enum class Mode { None, Binary, Structured };
    Mode mode = Mode::None;
    const Binding *binding = nullptr; ///< whose headers said so (in binary mode, whose prefix)
};

/// How far carriageOf() reads: all headers, or (for detection, which only asks whether there is
/// an event) up to the first specversion header, as the Kafka-only detection did.
enum class Scan { Whole, UntilSpecversion };

/// One pass over the headers, no allocation: detection runs this for every consumed record.
Carriage carriageOf(const MessageView &r, Scan scan = Scan::Whole)
{
    std::array<bool, kBindings.size()> attributes {};
    std::array<std::optional<std::string_view>, kBindings.size()> contentTypes; // the last, as lastHeader()
    r.forEachHeader([&](const HeaderRef &h) {
        if (h.name.empty() || !kFirstBytes[static_cast<unsigned char>(h.name.front())]) {
            return true;
        }
        bool specversion = false;
        for (std::size_t i = 0; i < kBindings.size(); ++i) {
            if (h.name == kBindings[i].specversionHeader) {
                attributes[i] = specversion = true;
            } else if (h.value && isOneOf(h.name, kBindings[i].contentTypeHeaders)) {
                contentTypes[i] = *h.value;
            }
        }
        return !(specversion && scan == Scan::UntilSpecversion);
    });
    const auto structured = [&](std::size_t i) {
        return r.hasValue() && contentTypes[i] && startsWithNoCase(*contentTypes[i], kStructuredType);
    };
    for (std::size_t i = 0; i < kBindings.size(); ++i) {
        if (kBindings[i].contentTypeFirst && structured(i)) {
            return {Carriage::Mode::Structured, &kBindings[i]};
        }
    }
    for (std::size_t i = 0; i < kBindings.size(); ++i) {
        if (attributes[i]) {
            return {Carriage::Mode::Binary, &kBindings[i]};
        }
    }
    for (std::size_t i = 0; i < kBindings.size(); ++i) {
        if (structured(i)) {
            return {Carriage::Mode::Structured, &kBindings[i]};
        }
    }
    return {};
}

QString jsonText(const Json &v)
{
    if (v.is_string()) {
        return QString::fromStdString(v.get<std::string>());
    }
    return QString::fromStdString(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

/// Assigns a known attribute to its field; false when it is an extension.
bool setAttribute(CloudEventCard &card, std::string_view name, const QString &value)
{
    if (name == "specversion") {
        card.specversion = value;
    } else if (name == "type") {
        card.type = value;
    } else if (name == "source") {
        card.source = value;
    } else if (name == "id") {
        card.id = value;
    } else if (name == "time") {
        card.time = value;
    } else if (name == "subject") {
        card.subject = value;
    } else if (name == "datacontenttype") {
        card.datacontenttype = value;
    } else if (name == "dataschema") {
        card.dataschema = value;
    } else {
        return false;
    }
    return true;
}

QString summaryOf(const CloudEventCard &card)
{
    QStringList parts {card.type, card.source};
    if (!card.subject.isEmpty()) {
        parts << card.subject;
    }
    parts << card.id;
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString missingRequired(const CloudEventCard &card)
{
    QStringList missing;
    if (card.specversion.isEmpty()) {
        missing << QStringLiteral("specversion");
    }
    if (card.type.isEmpty()) {
        missing << QStringLiteral("type");
    }
    if (card.source.isEmpty()) {
        missing << QStringLiteral("source");
    }
    if (card.id.isEmpty()) {
        missing << QStringLiteral("id");
    }
    return missing.join(QStringLiteral(", "));
}

class CloudEventsDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kCloudEvents; }
    QString name() const override { return tr("CloudEvents"); }

    int detect(const MessageView &r) const override
    {
        if (carriageOf(r, Scan::UntilSpecversion).mode != Carriage::Mode::None) {
            return confidence::kHeadersSay;
        }
        if (!r.hasValue()) {
            return 0;
        }
        const auto v = trimmedJson(r.value());
        if (!v.empty() && v.front() == '{' && v.find("\"specversion\"") != std::string_view::npos) {
            return confidence::kStructured;
        }
        return 0;
    }

    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        d.kind = DecodedValue::Kind::CloudEvent;
        CloudEventCard card;
        if (const Carriage carriage = carriageOf(r); carriage.mode == Carriage::Mode::Binary) {
            decodeBinary(r, *carriage.binding, card, d);
        } else if (!decodeStructured(r, card, d)) {
            return d;
        }
        if (const QString missing = missingRequired(card); !missing.isEmpty()) {
            d.error = tr("Not a complete CloudEvent: missing %1.").arg(missing);
        }
        d.summary = summaryOf(card);
        d.text = card.data;
        d.cloudEvent = std::move(card);
        return d;
    }

    QString preview(const MessageView &r, int maxChars) const override
    {
        const DecodedValue d = decode(r);
        return oneLine(d.kind == DecodedValue::Kind::CloudEvent ? d.summary : d.text, maxChars);
    }

private:
    static void decodeBinary(
        const MessageView &r, const Binding &binding, CloudEventCard &card, DecodedValue &d)
    {
        card.mode = CloudEventCard::Mode::Binary;
        card.attributePrefix
            = QString::fromLatin1(binding.attributePrefix.data(), qsizetype(binding.attributePrefix.size()));
        r.forEachHeader([&](const HeaderRef &h) {
            const QString value = h.value ? textOf(*h.value) : QString();
            if (h.name.starts_with(binding.attributePrefix)) {
                const auto attr = h.name.substr(binding.attributePrefix.size());
                if (!setAttribute(card, attr, value)) {
                    card.extensions.push_back(
                        {QString::fromUtf8(attr.data(), qsizetype(attr.size())), value});
                }
            } else if (isOneOf(h.name, binding.dataContentTypeHeaders)) {
                card.datacontenttype = value; // the bindings map content-type to datacontenttype
            }
            return true;
        });
        if (r.hasValue()) {
            card.data = renderPayload(r.value(), &d.truncated);
        }
    }

    static bool decodeStructured(const MessageView &r, CloudEventCard &card, DecodedValue &d)
    {
        card.mode = CloudEventCard::Mode::Structured;
        const auto v = r.value();
        const Json event = Json::parse(v.begin(), v.end(), nullptr, false);
        if (event.is_discarded() || !event.is_object()) {
            d.kind = DecodedValue::Kind::Error;
            prettyJson(v, &d.error);
            if (d.error.isEmpty()) {
                d.error = tr("A structured CloudEvent must be a JSON object.");
            }
            d.text = textOf(v);
            d.summary = oneLine(d.text, 200);
            return false;
        }
        for (const auto &[name, value] : event.items()) {
            if (name == "data") {
                card.data = value.is_string() ? QString::fromStdString(value.get<std::string>())
                                              : QString::fromStdString(value.dump(
                                                  2, ' ', false, nlohmann::json::error_handler_t::replace));
            } else if (name == "data_base64") {
                // Binary data in a JSON event travels base64-encoded; show what it carries.
                const auto raw = QByteArray::fromBase64(
                    QByteArray::fromStdString(value.is_string() ? value.get<std::string>() : std::string()));
                card.data
                    = renderPayload(std::string_view(raw.constData(), std::size_t(raw.size())), &d.truncated);
            } else if (!setAttribute(card, name, jsonText(value))) {
                card.extensions.push_back({QString::fromStdString(name), jsonText(value)});
            }
        }
        return true;
    }
};

} // namespace

std::unique_ptr<Decoder> makeCloudEventsDecoder()
{
    return std::make_unique<CloudEventsDecoder>();
}

} // namespace edis::inspect
