#include "messageexport.h"

#include "recordproducer.h"
#include "textformat.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <map>

namespace edis::inspect {

namespace {

using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::inspect", text);
}

std::string str(std::string_view v)
{
    return std::string(v);
}

const char *timestampTypeName(TimestampType t)
{
    switch (t) {
    case TimestampType::CreateTime:
        return "create";
    case TimestampType::LogAppendTime:
        return "logappend";
    case TimestampType::NotAvailable:
        break;
    }
    return "unknown";
}

/// "key"/"payload" when the bytes are text, "key_b64"/"payload_b64" when not, null when null.
void putBytes(Json &j, const char *name, bool present, std::string_view bytes)
{
    if (!present) {
        j[name] = nullptr;
    } else if (isValidUtf8(bytes)) {
        j[name] = str(bytes);
    } else {
        j[std::string(name) + "_b64"] = toBase64(bytes).toStdString();
    }
}

Json headersArray(const MessageView &r, bool base64)
{
    Json a = Json::array();
    r.forEachHeader([&](const HeaderRef &h) {
        a.push_back(isValidUtf8(h.name) ? str(h.name) : textOf(h.name).toStdString());
        if (!h.value) {
            a.push_back(nullptr);
        } else {
            a.push_back(base64 ? toBase64(*h.value).toStdString() : str(*h.value));
        }
        return true;
    });
    return a;
}

bool headersAreText(const MessageView &r)
{
    bool text = true;
    r.forEachHeader([&](const HeaderRef &h) {
        text = !h.value || isValidUtf8(*h.value);
        return text;
    });
    return text;
}

std::string csvField(std::string_view v)
{
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        return str(v);
    }
    std::string out = "\"";
    for (const char c : v) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

void csvBytes(std::string &row, bool present, std::string_view bytes)
{
    if (!present) {
        row += "null,";
    } else if (isValidUtf8(bytes)) {
        row += "text," + csvField(bytes) + ',';
    } else {
        row += "base64," + toBase64(bytes).toStdString() + ',';
    }
}

std::optional<QByteArray> bytesField(const Json &j, const char *name, QString *error)
{
    const std::string b64 = std::string(name) + "_b64";
    if (const auto it = j.find(b64); it != j.end() && it->is_string()) {
        const QByteArray encoded = QByteArray::fromStdString(it->get<std::string>());
        const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            *error = tr("\"%1\" is not valid base64").arg(QString::fromStdString(b64));
        }
        return decoded.decoded;
    }
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        *error = tr("\"%1\" must be a string or null").arg(QLatin1String(name));
        return std::nullopt;
    }
    return QByteArray::fromStdString(it->get<std::string>());
}

} // namespace

std::string toKcatJson(const MessageView &r)
{
    Json j;
    j["topic"] = str(r.topic());
    j["partition"] = r.partition();
    j["offset"] = r.offset();
    j["tstype"] = timestampTypeName(r.meta().timestampType);
    j["ts"] = r.timestamp();
    j["broker"] = r.brokerId();
    if (r.headerCount() > 0) {
        if (headersAreText(r)) {
            j["headers"] = headersArray(r, false);
        } else {
            j["headers_b64"] = headersArray(r, true);
        }
    }
    putBytes(j, "key", r.hasKey(), r.key());
    putBytes(j, "payload", r.hasValue(), r.value());
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string csvHeader()
{
    return "topic,partition,offset,timestamp,key_encoding,key,value_encoding,value,headers";
}

std::string toCsvRow(const MessageView &r)
{
    std::string row = csvField(r.topic()) + ',' + std::to_string(r.partition()) + ','
        + std::to_string(r.offset()) + ',' + std::to_string(r.timestamp()) + ',';
    csvBytes(row, r.hasKey(), r.key());
    csvBytes(row, r.hasValue(), r.value());
    row += csvField(
        headersArray(r, !headersAreText(r)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return row;
}

ExportResult exportRecords(
    const MessageStore &store, const std::vector<MessageId> &ids, ExportFormat format, QIODevice *out)
{
    ExportResult result;
    std::string buffer;
    const auto write = [&](bool force) {
        if (buffer.size() < (1 << 20) && !force) {
            return true;
        }
        if (out->write(buffer.data(), qint64(buffer.size())) != qint64(buffer.size())) {
            result.error = out->errorString();
            return false;
        }
        buffer.clear();
        return true;
    };
    const bool csv = format == ExportFormat::Csv;
    if (csv) {
        buffer += csvHeader() + "\r\n";
    }
    const auto one = [&](const MessageView &r) {
        buffer += csv ? toCsvRow(r) : toKcatJson(r);
        buffer += csv ? "\r\n" : "\n";
        ++result.written;
        return write(false);
    };
    if (ids.empty()) {
        bool ok = true;
        store.forEach(
            store.firstId(), store.endId(), [&](MessageId, const MessageView &r) { ok = ok && one(r); });
    } else {
        for (const MessageId id : ids) {
            if (store.contains(id) && !one(store.view(id))) {
                break;
            }
        }
    }
    if (result.ok()) {
        write(true);
    }
    return result;
}

std::optional<ImportedRecord> parseKcatJson(std::string_view line, QString *error)
{
    const Json j = Json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = tr("not a JSON object");
        return std::nullopt;
    }
    ImportedRecord rec;
    const auto topic = j.find("topic");
    if (topic == j.end() || !topic->is_string()) {
        *error = tr("\"topic\" is missing");
        return std::nullopt;
    }
    rec.message.topic = topic->get<std::string>();
    if (const auto o = j.find("offset"); o != j.end() && o->is_number_integer()) {
        rec.offset = o->get<int64_t>();
    }
    if (const auto p = j.find("partition"); p != j.end() && p->is_number_integer()) {
        rec.partition = p->get<int32_t>();
    }
    if (const auto ts = j.find("ts"); ts != j.end() && ts->is_number_integer()) {
        rec.timestampMs = ts->get<int64_t>();
    }
    error->clear();
    rec.message.key = bytesField(j, "key", error);
    if (error->isEmpty()) {
        rec.message.value = bytesField(j, "payload", error);
    }
    if (!error->isEmpty()) {
        return std::nullopt;
    }
    const bool b64 = j.contains("headers_b64");
    const auto headers = j.find(b64 ? "headers_b64" : "headers");
    if (headers != j.end()) {
        if (!headers->is_array() || headers->size() % 2 != 0) {
            *error = tr("\"headers\" must be an array of name, value pairs");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < headers->size(); i += 2) {
            const Json &name = (*headers)[i];
            const Json &value = (*headers)[i + 1];
            if (!name.is_string() || !(value.is_string() || value.is_null())) {
                *error = tr("header %1 must be a name and a string or null").arg(i / 2);
                return std::nullopt;
            }
            // OutgoingMessage has no null header value; an empty one is the closest.
            QByteArray v
                = value.is_null() ? QByteArray() : QByteArray::fromStdString(value.get<std::string>());
            if (b64) {
                v = QByteArray::fromBase64(v);
            }
            rec.message.headers.emplace_back(name.get<std::string>(), v);
        }
    }
    return rec;
}

ImportResult importKcatJson(QIODevice *in, const kafka::ConnectionSettings &connection,
    const ImportOptions &options, const std::atomic<bool> *cancel)
{
    ImportResult result;
    RecordProducer producer;
    if (auto err = producer.open(connection, {{"linger.ms", "20"}})) {
        result.error = err;
        return result;
    }
    std::map<std::string, int> partitionCounts;
    uint64_t lineNumber = 0;
    while (!in->atEnd()) {
        if (cancel && *cancel) {
            result.error
                = kafka::KafkaError::make(kafka::KafkaError::Kind::Cancelled, tr("Import cancelled."));
            break;
        }
        QByteArray line = in->readLine();
        ++lineNumber;
        while (line.endsWith('\n') || line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.trimmed().isEmpty()) {
            continue;
        }
        QString error;
        auto rec = parseKcatJson(std::string_view(line.constData(), std::size_t(line.size())), &error);
        if (!rec) {
            result.error = kafka::KafkaError::make(
                kafka::KafkaError::Kind::InvalidRequest, tr("Line %1: %2").arg(lineNumber).arg(error));
            break;
        }
        ++result.read;
        if (!options.topic.isEmpty()) {
            rec->message.topic = options.topic.toStdString();
        }
        if (options.keepPartitions && rec->partition >= 0) {
            auto it = partitionCounts.find(rec->message.topic);
            if (it == partitionCounts.end()) {
                it = partitionCounts
                         .emplace(rec->message.topic,
                             producer.partitionCount(rec->message.topic, std::chrono::seconds(10)))
                         .first;
            }
            if (rec->partition < it->second) {
                rec->message.partition = rec->partition;
            }
        }
        if (options.keepTimestamps && rec->timestampMs > 0) {
            rec->message.timestampMs = rec->timestampMs;
        }
        if (auto err = producer.produce(rec->message)) {
            result.error = err;
            break;
        }
    }
    const auto flushError = producer.flush(std::chrono::milliseconds(options.flushTimeoutMs));
    result.produced = producer.delivered();
    if (!result.error.isError() && flushError.isError()) {
        result.error = flushError;
    }
    return result;
}

} // namespace edis::inspect
