// Debezium change events (JSON, with or without the JsonConverter {schema, payload} wrapper),
// following Debezium's documented envelope: before, after, source, op, ts_ms, transaction.

#include "builtindecoders.h"

#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

namespace edis::inspect {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kHeartbeatTopicPrefix = "__debezium-heartbeat";
/// Heartbeat values are tiny; anything bigger is not worth parsing during detection.
constexpr std::size_t kMaxHeartbeatBytes = 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

QString str(const Json &v)
{
    if (v.is_null()) {
        return {};
    }
    if (v.is_string()) {
        return QString::fromStdString(v.get<std::string>());
    }
    return QString::fromStdString(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString pretty(const Json &v)
{
    return QString::fromStdString(v.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

const Json *member(const Json &object, const char *name)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

/// The envelope itself: unwraps {schema, payload} when present.
const Json &unwrapped(const Json &doc, bool *wrapped)
{
    *wrapped = false;
    if (doc.is_object() && doc.contains("payload") && doc.contains("schema")) {
        *wrapped = true;
        return doc["payload"];
    }
    return doc;
}

bool isHeartbeatPayload(const Json &payload)
{
    return payload.is_object() && payload.size() == 1 && payload.contains("ts_ms")
        && payload["ts_ms"].is_number();
}

QString operationName(char op)
{
    switch (op) {
    case 'c':
        return QStringLiteral("create");
    case 'u':
        return QStringLiteral("update");
    case 'd':
        return QStringLiteral("delete");
    case 'r':
        return QStringLiteral("read");
    case 't':
        return QStringLiteral("truncate");
    case 'm':
        return QStringLiteral("message");
    default:
        return QStringLiteral("unknown");
    }
}

QStringList changedFields(const Json &before, const Json &after)
{
    QStringList changed;
    if (!before.is_object() || !after.is_object()) {
        return changed;
    }
    for (const auto &[name, value] : after.items()) {
        const auto it = before.find(name);
        if (it == before.end() || *it != value) {
            changed << QString::fromStdString(name);
        }
    }
    for (const auto &[name, value] : before.items()) {
        if (!after.contains(name)) {
            changed << QString::fromStdString(name);
        }
    }
    return changed;
}

/// Each row field's logical type name from the JsonConverter schema of `before`/`after`.
QList<Attribute> rowFieldTypes(const Json &schema)
{
    QList<Attribute> types;
    const Json *fields = member(schema, "fields");
    if (!fields || !fields->is_array()) {
        return types;
    }
    for (const Json &part : *fields) {
        const Json *name = member(part, "field");
        const Json *rowFields = member(part, "fields");
        if (!name || !name->is_string() || !rowFields || !rowFields->is_array()
            || (name->get<std::string>() != "after" && name->get<std::string>() != "before")) {
            continue;
        }
        for (const Json &f : *rowFields) {
            const Json *field = member(f, "field");
            const Json *logical = member(f, "name");
            if (field && field->is_string()) {
                types.append({str(*field), logical && logical->is_string() ? str(*logical) : QString()});
            }
        }
        if (!types.isEmpty()) {
            break; // before and after share the row schema
        }
    }
    return types;
}

/// The connector's position in the source log, whatever the connector calls it.
QString positionOf(const Json &source)
{
    for (const char *name : {"lsn", "change_lsn", "commit_lsn", "scn"}) {
        if (const Json *v = member(source, name); v && !v->is_null()) {
            return str(*v);
        }
    }
    const Json *file = member(source, "file");
    const Json *pos = member(source, "pos");
    if (file && pos && !file->is_null()) {
        return str(*file) + QLatin1Char(':') + str(*pos);
    }
    if (const Json *ord = member(source, "ord"); ord && !ord->is_null()) {
        return str(*ord);
    }
    return {};
}

class DebeziumDecoder final : public Decoder {
public:
    QString id() const override { return decoderid::kDebezium; }
    QString name() const override { return tr("Debezium change event"); }

    int detect(const MessageView &r) const override
    {
        if (!r.hasValue()) {
            return 0;
        }
        const auto v = trimmedJson(r.value());
        if (v.empty() || v.front() != '{') {
            return 0;
        }
        if (r.topic().substr(0, kHeartbeatTopicPrefix.size()) == kHeartbeatTopicPrefix) {
            return confidence::kHeadersSay;
        }
        if (v.find("\"op\"") != std::string_view::npos && v.find("\"source\"") != std::string_view::npos
            && (v.find("\"after\"") != std::string_view::npos
                || v.find("\"before\"") != std::string_view::npos)) {
            return confidence::kStructured + 5;
        }
        return isDebeziumHeartbeat(r) ? confidence::kStructured : 0;
    }

    DecodedValue decode(const MessageView &r) const override
    {
        DecodedValue d;
        d.decoderId = id();
        if (!r.hasValue()) {
            d.kind = r.hasKey() ? DecodedValue::Kind::Tombstone : DecodedValue::Kind::Null;
            d.summary = r.hasKey() ? tr("(tombstone)") : tr("(null)");
            return d;
        }
        const auto v = r.value();
        const Json doc = Json::parse(v.begin(), v.end(), nullptr, false);
        if (doc.is_discarded()) {
            d.kind = DecodedValue::Kind::Error;
            prettyJson(v, &d.error);
            d.text = textOf(v);
            d.summary = oneLine(d.text, 200);
            return d;
        }
        bool wrapped = false;
        const Json &payload = unwrapped(doc, &wrapped);
        if (isHeartbeatPayload(payload)) {
            d.kind = DecodedValue::Kind::Heartbeat;
            d.fields.push_back({QStringLiteral("ts_ms"), str(payload["ts_ms"])});
            d.summary = tr("heartbeat ts_ms=%1").arg(str(payload["ts_ms"]));
            d.text = pretty(doc);
            return d;
        }
        const Json *op = member(payload, "op");
        if (!op || !op->is_string() || op->get<std::string>().empty()) {
            d.kind = DecodedValue::Kind::Error;
            d.error = tr("Not a Debezium change event: no \"op\" field.");
            d.text = pretty(doc);
            d.summary = oneLine(v, 200);
            return d;
        }
        ChangeEvent change;
        change.schemaWrapped = wrapped;
        if (wrapped) {
            change.fieldTypes = rowFieldTypes(doc["schema"]);
        }
        const char opChar = op->get<std::string>().front();
        change.op = QLatin1Char(opChar);
        change.operation = operationName(opChar);
        static const Json kNull;
        const Json *source = member(payload, "source");
        const Json &src = source ? *source : kNull;
        const auto field = [&](const char *name) {
            const Json *f = member(src, name);
            return f ? str(*f) : QString();
        };
        change.connector = field("connector");
        change.serverName = field("name");
        change.database = field("db");
        change.schema = field("schema");
        change.table = field("table");
        if (change.table.isEmpty()) {
            change.table = field("collection");
        }
        change.snapshot = field("snapshot");
        change.lsn = positionOf(src);
        change.txId = field("txId");
        if (change.txId.isEmpty()) {
            change.txId = field("gtid");
        }
        if (const Json *tx = member(payload, "transaction"); tx && !tx->is_null()) {
            change.transaction = str(*tx);
            if (change.txId.isEmpty()) {
                if (const Json *txid = member(*tx, "id")) {
                    change.txId = str(*txid);
                }
            }
        }
        if (const Json *ts = member(payload, "ts_ms"); ts && ts->is_number()) {
            change.tsMs = ts->get<qint64>();
        }
        if (const Json *ts = member(src, "ts_ms"); ts && ts->is_number()) {
            change.sourceTsMs = ts->get<qint64>();
        }
        const Json *before = member(payload, "before");
        const Json *after = member(payload, "after");
        change.hasBefore = before && !before->is_null();
        change.hasAfter = after && !after->is_null();
        if (change.hasBefore) {
            change.before = pretty(*before);
        }
        if (change.hasAfter) {
            change.after = pretty(*after);
        }
        if (change.hasBefore && change.hasAfter) {
            change.changedFields = changedFields(*before, *after);
        }
        d.kind = DecodedValue::Kind::Change;
        d.text = pretty(payload);
        d.summary = summaryOf(change);
        d.change = std::move(change);
        return d;
    }

    QString preview(const MessageView &r, int maxChars) const override
    {
        return oneLine(decode(r).summary, maxChars);
    }

private:
    static QString summaryOf(const ChangeEvent &c)
    {
        QStringList table;
        for (const QString &part : {c.database, c.schema, c.table}) {
            if (!part.isEmpty()) {
                table << part;
            }
        }
        QString s = c.operation.toUpper() + QLatin1Char(' ') + table.join(QLatin1Char('.'));
        if (!c.changedFields.isEmpty()) {
            s += QStringLiteral(" (") + c.changedFields.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
        const QString &row = c.hasAfter ? c.after : c.before;
        if (!row.isEmpty()) {
            s += QLatin1Char(' ') + oneLine(row, 160).simplified();
        }
        return s;
    }
};

} // namespace

bool isDebeziumHeartbeat(const MessageView &r)
{
    if (r.topic().substr(0, kHeartbeatTopicPrefix.size()) == kHeartbeatTopicPrefix) {
        return true;
    }
    if (!r.hasValue() || r.value().size() > kMaxHeartbeatBytes) {
        return false;
    }
    const auto v = trimmedJson(r.value());
    if (v.empty() || v.front() != '{' || v.find("\"ts_ms\"") == std::string_view::npos
        || v.find("\"op\"") != std::string_view::npos) {
        return false;
    }
    const Json doc = Json::parse(v.begin(), v.end(), nullptr, false);
    bool wrapped = false;
    return !doc.is_discarded() && isHeartbeatPayload(unwrapped(doc, &wrapped));
}

std::unique_ptr<Decoder> makeDebeziumDecoder()
{
    return std::make_unique<DebeziumDecoder>();
}

} // namespace edis::inspect
