#include "produceoptions.h"

#include <QCoreApplication>

#include <cmath>
#include <set>

namespace edis::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis produce", text);
}

const QString kTopic = QStringLiteral("topic");
const QString kHeader = QStringLiteral("header");
const QString kPartition = QStringLiteral("partition");
const QString kValue = QStringLiteral("value");
const QString kKey = QStringLiteral("key");
const QString kCount = QStringLiteral("count");
const QString kRate = QStringLiteral("rate");

/// Moves parse.key, key.separator and null.marker out of the client properties.
bool takeReaderProperties(
    std::map<std::string, std::string> &properties, ProduceRequest &request, bool *anySet, QString *error)
{
    static const std::set<std::string> kReaderProperties = {"parse.key", "key.separator", "null.marker"};
    *anySet = false;
    for (auto it = properties.begin(); it != properties.end();) {
        if (!kReaderProperties.contains(it->first)) {
            ++it;
            continue;
        }
        *anySet = true;
        if (it->first == "parse.key") {
            request.parseKey = it->second == "true" || it->second == "1";
        } else if (it->first == "key.separator") {
            request.keySeparator = it->second;
        } else {
            request.nullMarker = it->second;
        }
        it = properties.erase(it);
    }
    if (request.keySeparator.empty()) {
        *error = tr("key.separator must not be empty.");
        return false;
    }
    return true;
}

bool readRecordOptions(const QCommandLineParser &parser, kafka::OutgoingMessage &base, QString *error)
{
    base.topic = parser.value(kTopic).toStdString();
    if (base.topic.empty()) {
        *error = tr("--topic is required.");
        return false;
    }
    for (const QString &h : parser.values(kHeader)) {
        const qsizetype eq = h.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = tr("--header expects key=value, got '%1'.").arg(h);
            return false;
        }
        base.headers.emplace_back(h.left(eq).toStdString(), h.mid(eq + 1).toUtf8());
    }
    if (parser.isSet(kPartition)) {
        bool ok = false;
        base.partition = parser.value(kPartition).toInt(&ok);
        if (!ok || base.partition < 0) {
            *error = tr("--partition expects a partition number, got '%1'.").arg(parser.value(kPartition));
            return false;
        }
    }
    return true;
}

bool readPacing(const QCommandLineParser &parser, ProduceRequest &request, QString *error)
{
    if (parser.isSet(kRate)) {
        bool ok = false;
        request.perSecond = parser.value(kRate).toDouble(&ok);
        if (!ok || !std::isfinite(request.perSecond) || request.perSecond <= 0
            || request.perSecond > kMaxRecordsPerSecond) {
            *error = tr("--rate expects records per second, above 0 and at most %1, got '%2'.")
                         .arg(kMaxRecordsPerSecond, 0, 'f', 0)
                         .arg(parser.value(kRate));
            return false;
        }
    }
    if (parser.isSet(kCount)) {
        const QString text = parser.value(kCount).trimmed();
        bool ok = false;
        request.count = text.toULongLong(&ok);
        if (!ok || text.startsWith(QLatin1Char('-'))) {
            *error = tr("--count expects a whole number of records, got '%1'.").arg(parser.value(kCount));
            return false;
        }
        if (request.count == 0 && request.perSecond <= 0) {
            *error = tr("--count 0 sends until interrupted, which needs a --rate.");
            return false;
        }
    }
    return true;
}

/// --<side>-subject, --<side>-version, --<side>-schema-id, --<side>-message for "key" or "value".
bool readSchemaChoice(
    const QCommandLineParser &parser, const QString &side, inspect::SchemaChoice &choice, QString *error)
{
    const QString subject = side + QStringLiteral("-subject");
    const QString version = side + QStringLiteral("-version");
    const QString schemaId = side + QStringLiteral("-schema-id");
    const QString message = side + QStringLiteral("-message");
    if (parser.isSet(subject) && parser.isSet(schemaId)) {
        *error = tr("Give --%1 or --%2, not both.").arg(subject, schemaId);
        return false;
    }
    if (parser.isSet(schemaId)) {
        bool ok = false;
        choice.schemaId = parser.value(schemaId).toInt(&ok);
        if (!ok || choice.schemaId <= 0) {
            *error = tr("--%1 expects a schema id (a whole number above 0), got '%2'.")
                         .arg(schemaId, parser.value(schemaId));
            return false;
        }
    }
    if (parser.isSet(subject)) {
        choice.subject = parser.value(subject).trimmed();
        if (choice.subject.isEmpty()) {
            *error = tr("--%1 expects a subject name.").arg(subject);
            return false;
        }
    }
    if (parser.isSet(version)) {
        if (choice.subject.isEmpty()) {
            *error = tr("--%1 needs --%2.").arg(version, subject);
            return false;
        }
        const QString text = parser.value(version).trimmed();
        bool ok = false;
        choice.version = text.compare(QLatin1String("latest"), Qt::CaseInsensitive) == 0
            ? registry::kLatestVersion
            : text.toInt(&ok);
        if (choice.version != registry::kLatestVersion && (!ok || choice.version <= 0)) {
            *error = tr("--%1 expects a version number or 'latest', got '%2'.").arg(version, text);
            return false;
        }
    }
    if (parser.isSet(message)) {
        if (!choice.isSet()) {
            *error = tr("--%1 needs --%2 or --%3.").arg(message, subject, schemaId);
            return false;
        }
        choice.messageType = parser.value(message).trimmed();
    }
    return true;
}

} // namespace

void addProduceOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {kTopic, tr("The topic to write to."), QStringLiteral("name")},
        {kHeader, tr("A header added to every record. Repeatable."), QStringLiteral("key=value")},
        {kPartition, tr("Write to this partition (default: the partitioner decides)."), QStringLiteral("p")},
        {kValue,
            tr("Send records built from this template instead of reading standard input: {{i}} becomes "
               "the record's number (from 0), {{uuid}} a random UUID, {{now}} the time in epoch "
               "milliseconds."),
            QStringLiteral("template")},
        {kKey, tr("The key template of --value records (default: no key)."), QStringLiteral("template")},
        {kCount, tr("How many --value records to send (default 1; 0 with --rate: until interrupted)."),
            QStringLiteral("n")},
        {kRate,
            tr("Send at most this many records per second (decimals allowed; default: as fast as the "
               "broker takes them)."),
            QStringLiteral("records/s")},
    });
    for (const QString &side : {kValue, kKey}) {
        const QString what = side == kValue ? tr("value") : tr("key");
        parser.addOptions({
            {side + QStringLiteral("-subject"),
                tr("Encode each %1 (JSON) with the latest schema of this subject (or --%2-version) "
                   "in the Confluent wire format; needs --schema-registry or a --profile with a "
                   "registry.")
                    .arg(what, side),
                QStringLiteral("subject")},
            {side + QStringLiteral("-version"),
                tr("The version of --%1-subject (default: latest).").arg(side), QStringLiteral("n")},
            {side + QStringLiteral("-schema-id"), tr("Encode each %1 with the schema of this id.").arg(what),
                QStringLiteral("id")},
            {side + QStringLiteral("-message"),
                tr("Protobuf: the message type of the %1, by full name (default: the schema's first).")
                    .arg(what),
                QStringLiteral("name")},
        });
    }
}

std::optional<ProduceRequest> produceRequestFromOptions(
    const QCommandLineParser &parser, kafka::ConnectionSettings *connection, QString *error)
{
    ProduceRequest request;
    bool readerPropertiesSet = false;
    if (!takeReaderProperties(connection->properties, request, &readerPropertiesSet, error)
        || !readRecordOptions(parser, request.base, error) || !readPacing(parser, request, error)) {
        return std::nullopt;
    }
    if (!readSchemaChoice(parser, kValue, request.valueSchema, error)
        || !readSchemaChoice(parser, kKey, request.keySchema, error)) {
        return std::nullopt;
    }
    request.fromTemplates = parser.isSet(kValue);
    if (!request.fromTemplates) {
        if (parser.isSet(kKey)) {
            *error = tr("--key needs --value; for keys on standard input use --property parse.key=true.");
            return std::nullopt;
        }
        if (parser.isSet(kCount)) {
            *error = tr("--count needs --value: standard input sends one record per line.");
            return std::nullopt;
        }
        return request;
    }
    if (readerPropertiesSet) {
        *error = tr("parse.key, key.separator and null.marker read standard input; they do not apply "
                    "to --value records.");
        return std::nullopt;
    }
    request.base.value = parser.value(kValue).toUtf8();
    if (parser.isSet(kKey)) {
        request.base.key = parser.value(kKey).toUtf8();
    }
    return request;
}

} // namespace edis::cli
