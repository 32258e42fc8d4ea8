// CloudEvents over Kafka (CloudEvents Kafka protocol binding 1.0): structured mode (the value is
// the event as JSON, content-type application/cloudevents+json) and binary mode (attributes in
// ce_* headers, the value is the data).

#include "builtindecoders.h"

#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <cstring>

namespace edis::inspect {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kHeaderPrefix = "ce_";
constexpr std::string_view kStructuredType = "application/cloudevents";

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

std::optional<std::string_view> contentType(const MessageView &r)
{
    std::optional<std::string_view> found;
    r.forEachHeader([&](const HeaderRef &h) {
        if (h.value && (h.name == "content-type" || h.name == "content_type" || h.name == "Content-Type")) {
            found = *h.value;
        }
        return true;
    });
    return found;
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
        if (r.hasHeader("ce_specversion")) {
            return confidence::kHeadersSay;
        }
        if (!r.hasValue()) {
            return 0;
        }
        if (const auto ct = contentType(r); ct && startsWithNoCase(*ct, kStructuredType)) {
            return confidence::kHeadersSay;
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
        if (r.hasHeader("ce_specversion")) {
            decodeBinary(r, card, d);
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
    static void decodeBinary(const MessageView &r, CloudEventCard &card, DecodedValue &d)
    {
        card.mode = CloudEventCard::Mode::Binary;
        r.forEachHeader([&](const HeaderRef &h) {
            const QString value = h.value ? textOf(*h.value) : QString();
            if (h.name.substr(0, kHeaderPrefix.size()) == kHeaderPrefix) {
                const auto attr = h.name.substr(kHeaderPrefix.size());
                if (!setAttribute(card, attr, value)) {
                    card.extensions.push_back(
                        {QString::fromUtf8(attr.data(), qsizetype(attr.size())), value});
                }
            } else if (h.name == "content-type" || h.name == "content_type") {
                card.datacontenttype = value; // the binding maps content-type to datacontenttype
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
