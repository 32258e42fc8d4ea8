// Schema Registry framed records, end to end with real parts: the Confluent Python client (the
// independent encoder, tests/services/schema_fixtures.py) writes Avro, Protobuf and JSON Schema
// records through a real registry (Apicurio, started by tests/run.sh) to the real broker, and
// EDIS reads them back — `edis consume` as a user runs it, and the inspector's decoder in
// process, on the GUI thread and on a worker thread. The expected values are what the Python
// deserializers read back from the same records (expected.json).

#include "decoderregistry.h"
#include "messagebatch.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "registrypayloaddecoder.h"
#include "schemaregistrydecoder.h"
#include "schemasightings.h"
#include "stopscope.h"
#include "testconsumer.h"
#include "testrecords.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <set>
#include <thread>

using namespace edis;
using nlohmann::json;

namespace {

constexpr int kProcessTimeoutMs = 120'000;

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QString &program, const QStringList &args,
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
    const QByteArray &input = {})
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(kProcessTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out: " + p.readAllStandardError();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// A union branch as EDIS tags it ({"edis.fixtures.Email": {...}}, {"long": 5}); the Python
/// deserializer gives the plain value.
bool isBranchName(const std::string &key)
{
    static const std::set<std::string> primitives {
        "null", "boolean", "int", "long", "float", "double", "bytes", "string"};
    return key.find('.') != std::string::npos || primitives.contains(key);
}

/// Timestamps: expected.json writes milliseconds; EDIS shows timestamp-micros with its six
/// digits. Compared to the millisecond.
std::string truncatedFraction(const std::string &text)
{
    static const QRegularExpression fraction(QStringLiteral(R"(^(\d{4}-\d\d-\d\dT[\d:]+\.\d{3})\d*(Z?)$)"));
    const auto m = fraction.match(QString::fromStdString(text));
    return m.hasMatch() ? (m.captured(1) + m.captured(2)).toStdString() : text;
}

/// Whether EDIS's reading of a value is the Python client's, and where not, the path.
/// Set while comparing Protobuf values (see the object case).
thread_local bool protobufDefaults = false;

bool sameValue(const json &edis, const json &expected, const std::string &path, std::string *where)
{
    if (edis.is_object() && edis.size() == 1 && isBranchName(edis.begin().key())
        && !(expected.is_object() && expected.contains(edis.begin().key()))) {
        return sameValue(edis.begin().value(), expected, path, where);
    }
    bool same = false;
    if (edis.is_number() && expected.is_number()) {
        same = edis.is_number_float() || expected.is_number_float()
            ? edis.get<double>() == expected.get<double>()
            : edis == expected;
    } else if (edis.is_string() && expected.is_string()) {
        same = truncatedFraction(edis.get<std::string>()) == truncatedFraction(expected.get<std::string>());
    } else if (edis.is_object() && expected.is_object()) {
        // Protobuf: EDIS shows every field, those at their default (0, "", false, [], {}) too;
        // the Python client's MessageToDict leaves them out (an int64 zero is the string "0").
        for (const auto &[key, value] : edis.items()) {
            const bool isDefault = value == 0 || (value.is_string() && value.get<std::string>().empty())
                || value == "0" || value == false
                || ((value.is_array() || value.is_object()) && value.empty())
                || (value.is_string() && value.get<std::string>().ends_with("_UNSPECIFIED"));
            if (!expected.contains(key) && !(protobufDefaults && isDefault)) {
                *where = path;
                where->append(".")
                    .append(key)
                    .append(" is not in the expected value ")
                    .append(expected.dump());
                return false;
            }
        }
        return std::ranges::all_of(expected.items(), [&](const auto &item) {
            const std::string field = path + '.' + item.key();
            if (edis.contains(item.key()) && sameValue(edis.at(item.key()), item.value(), field, where)) {
                return true;
            }
            if (where->empty()) {
                *where = field + " missing";
            }
            return false;
        });
    } else if (edis.is_array() && expected.is_array()) {
        if (edis.size() != expected.size()) {
            *where = path + " (length)";
            return false;
        }
        for (std::size_t i = 0; i < edis.size(); ++i) {
            if (!sameValue(edis.at(i), expected.at(i), path + "[" + std::to_string(i) + "]", where)) {
                return false;
            }
        }
        return true;
    } else {
        same = edis == expected;
    }
    if (!same) {
        *where = path + ": " + edis.dump() + " vs " + expected.dump();
    }
    return same;
}

} // namespace

class TestRegistryDecoding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cliDecodesWhatTheConfluentClientWrote_data();
    void cliDecodesWhatTheConfluentClientWrote();
    void cliSaysWhatIsWrongWithBadRecords();
    void cliUsesTheRegistryOfASavedConnection();
    void cliEncodesWhatTheConfluentClientReads_data();
    void cliEncodesWhatTheConfluentClientReads();
    void cliProduceRefusesWhatDoesNotFit();
    void filterReadsDecodedFields();
    void kcatJsonCarriesSchemaIds();
    void decoderOnTheGuiThreadNeverWaits();
    void decoderOnAWorkerThreadFetchesAndStops();

private:
    /// Every record `edis consume --format json` prints for the topic, by offset.
    std::map<int64_t, json> consumeWithEdis(const QString &topic, const QStringList &extra = {});
    QList<json> expectedOf(const QString &topicKey) const;
    /// `edis produce` on `topic` with `options`, `input` on its standard input.
    Run produceWithEdis(const QString &topic, const QStringList &options, const QByteArray &input = {});
    /// What the Confluent Python deserializers read from `topic`: {partition, offset, schema_id,
    /// value (, message_indexes)} per record.
    QList<json> readWithPython(const QString &topic, const QString &format, int count);
    bool createTopic(const QString &topic);

    QString edis_;
    QString python_;
    QString fixtures_;
    QString bootstrap_;
    QString registryUrl_;
    QTemporaryDir dir_;
    json expected_;
};

void TestRegistryDecoding::initTestCase()
{
    bootstrap_ = test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
    registryUrl_ = test::requiredEnv("EDIS_TEST_REGISTRY_URL");
    python_ = test::requiredEnv("EDIS_TEST_PYTHON");
    fixtures_ = test::requiredEnv("EDIS_TEST_SCHEMA_FIXTURES");
    const QString &python = python_;
    const QString &fixtures = fixtures_;
    const QString binaryDir = test::requiredEnv("EDIS_TEST_BINARY_DIR");
    QVERIFY(!bootstrap_.isEmpty() && !registryUrl_.isEmpty() && !python.isEmpty() && !fixtures.isEmpty());
    edis_ = binaryDir + QStringLiteral("/app/cli/edis");
    QVERIFY2(QFile::exists(edis_), qPrintable(edis_));
    QVERIFY(dir_.isValid());

    const QString prefix = QStringLiteral("sr%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const QString out = dir_.filePath(QStringLiteral("expected.json"));
    const Run produced = runProcess(python,
        {fixtures, QStringLiteral("produce"), QStringLiteral("--bootstrap"), bootstrap_,
            QStringLiteral("--registry"), registryUrl_, QStringLiteral("--topic-prefix"), prefix,
            QStringLiteral("--out"), out});
    QVERIFY2(produced.exitCode == 0, produced.err.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    expected_ = json::parse(file.readAll().toStdString(), nullptr, false);
    QVERIFY(!expected_.is_discarded() && expected_.contains("records") && expected_.contains("topics"));
}

QList<json> TestRegistryDecoding::expectedOf(const QString &topicKey) const
{
    const std::string topic = expected_["topics"][topicKey.toStdString()].get<std::string>();
    QList<json> records;
    for (const json &r : expected_["records"]) {
        if (r["topic"] == topic) {
            records.append(r);
        }
    }
    return records;
}

std::map<int64_t, json> TestRegistryDecoding::consumeWithEdis(const QString &topic, const QStringList &extra)
{
    const Run r = runProcess(edis_,
        QStringList {QStringLiteral("consume"), QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--topic"), topic, QStringLiteral("--from-beginning"),
            QStringLiteral("--until-end"), QStringLiteral("--schema-registry"), registryUrl_}
            + (extra.isEmpty() ? QStringList {QStringLiteral("--format"), QStringLiteral("json")} : extra));
    std::map<int64_t, json> byOffset;
    if (r.exitCode != 0) {
        qWarning("edis consume failed (%d): %s", r.exitCode, r.err.constData());
        return byOffset;
    }
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.isEmpty()) {
            continue;
        }
        json j = json::parse(line.toStdString(), nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("offset") || !j["offset"].is_number()) {
            qWarning("not a record of edis consume: %s", line.constData());
            return {};
        }
        const auto offset = j["offset"].get<int64_t>(); // before j is moved from
        byOffset[offset] = std::move(j);
    }
    return byOffset;
}

void TestRegistryDecoding::cliDecodesWhatTheConfluentClientWrote_data()
{
    QTest::addColumn<QString>("topicKey");
    QTest::newRow("avro: every type, logical types, references, an Avro key") << QStringLiteral("avro");
    QTest::newRow("avro: two versions of a schema") << QStringLiteral("avro_evolution");
    QTest::newRow("protobuf: several messages, imports, oneof, maps") << QStringLiteral("protobuf");
    QTest::newRow("json schema") << QStringLiteral("json");
}

/// Every value (and Avro key) as the Confluent client's deserializers read it, with its schema
/// id; tombstones stay null.
void TestRegistryDecoding::cliDecodesWhatTheConfluentClientWrote()
{
    QFETCH(QString, topicKey);
    const QList<json> expected = expectedOf(topicKey);
    QVERIFY(!expected.isEmpty());
    const auto got = consumeWithEdis(QString::fromStdString(expected.first()["topic"].get<std::string>()));
    QCOMPARE(got.size(), std::size_t(expected.size()));
    protobufDefaults = topicKey == QLatin1String("protobuf");
    const auto reset = qScopeGuard([] { protobufDefaults = false; });
    for (const json &want : expected) {
        const int64_t offset = want["offset"].get<int64_t>();
        QVERIFY2(got.contains(offset), qPrintable(QStringLiteral("offset %1 not printed").arg(offset)));
        const json &line = got.at(offset);
        const std::string name = want["case"].get<std::string>();
        std::string where;
        if (want["value"].is_null()) {
            QVERIFY2(line.value("value", json(1)).is_null(), name.c_str());
        } else {
            QVERIFY2(!line.contains("value_error"), (name + ": " + line.value("value_error", "")).c_str());
            QVERIFY2(sameValue(line.value("value", json()), want["value"], name, &where), where.c_str());
            QCOMPARE(line.value("value_schema_id", -1), want.value("schema_id", -2));
        }
        if (want.contains("key") && want["key"].is_object() && want["key"].contains("schema_id")) {
            QVERIFY2(sameValue(line.value("key", json()), want["key"]["value"], name + " key", &where),
                where.c_str());
            QVERIFY(line.contains("key_schema_id"));
        }
    }
}

/// Bytes that are not framed stay what they are; framed bytes that cannot be decoded say why,
/// per record, with their bytes kept; the consumer goes on to the next record.
void TestRegistryDecoding::cliSaysWhatIsWrongWithBadRecords()
{
    const QList<json> expected = expectedOf(QStringLiteral("bad"));
    QVERIFY(expected.size() >= 6);
    const auto got = consumeWithEdis(QString::fromStdString(expected.first()["topic"].get<std::string>()));
    QCOMPARE(got.size(), std::size_t(expected.size()));
    const std::string unknownId = std::to_string(expected_["unknown_schema_id"].get<int>());
    for (const json &want : expected) {
        const json &line = got.at(want["offset"].get<int64_t>());
        const std::string problem = want["problem"].get<std::string>();
        const std::string name = want["case"].get<std::string>() + ": " + line.dump();
        if (problem == "framing") {
            QVERIFY2(!line.contains("value_error") && !line.contains("value_schema_id"), name.c_str());
        } else if (problem == "schema-validation") {
            QVERIFY2(line.contains("value") && line.contains("value_warning"), name.c_str());
        } else {
            QVERIFY2(line.contains("value_error") && line.contains("value_b64"), name.c_str());
            const std::string error = line["value_error"].get<std::string>();
            QVERIFY2(!error.empty(), name.c_str());
            if (problem == "unknown-schema-id") {
                QVERIFY2(error.find(unknownId) != std::string::npos, name.c_str());
            }
        }
    }
}

/// `value.status == "ACTIVE"` on an Avro topic: the status is an enum, written as its index,
/// so the filter must read the decoded record; the matches are those the Python client reads.
/// `edis consume --profile NAME` decodes with the registry the saved connection names, as the
/// inspector does; the profile comes from a kcat config with schema.registry.url.
void TestRegistryDecoding::cliUsesTheRegistryOfASavedConnection()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
    QFile config(dir_.filePath(QStringLiteral("kcat.conf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("bootstrap.servers=%1\nschema.registry.url=%2\n")
                     .arg(bootstrap_, registryUrl_)
                     .toUtf8());
    config.close();
    Run r = runProcess(edis_,
        {QStringLiteral("profiles"), QStringLiteral("--import-kcat"), config.fileName(),
            QStringLiteral("--name"), QStringLiteral("with-registry")},
        environment);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<json> expected = expectedOf(QStringLiteral("avro"));
    QVERIFY(!expected.isEmpty());
    r = runProcess(edis_,
        {QStringLiteral("consume"), QStringLiteral("--profile"), QStringLiteral("with-registry"),
            QStringLiteral("--topic"), QString::fromStdString(expected.first()["topic"].get<std::string>()),
            QStringLiteral("--from-beginning"), QStringLiteral("--until-end"), QStringLiteral("--format"),
            QStringLiteral("json")},
        environment);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    int decoded = 0;
    for (const QByteArray &line : r.out.split('\n')) {
        const json j = json::parse(line.toStdString(), nullptr, false);
        if (j.is_object() && j.contains("value_schema_id") && !j.contains("value_error")) {
            ++decoded;
        }
    }
    const auto framed = std::count_if(
        expected.cbegin(), expected.cend(), [](const json &want) { return !want["value"].is_null(); });
    QVERIFY(framed > 0);
    QCOMPARE(decoded, static_cast<int>(framed));
}

Run TestRegistryDecoding::produceWithEdis(
    const QString &topic, const QStringList &options, const QByteArray &input)
{
    return runProcess(edis_,
        QStringList {QStringLiteral("produce"), QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--topic"), topic}
            + options,
        QProcessEnvironment::systemEnvironment(), input);
}

QList<json> TestRegistryDecoding::readWithPython(const QString &topic, const QString &format, int count)
{
    const Run r = runProcess(python_,
        {fixtures_, QStringLiteral("read"), QStringLiteral("--bootstrap"), bootstrap_,
            QStringLiteral("--registry"), registryUrl_, QStringLiteral("--topic"), topic,
            QStringLiteral("--format"), format, QStringLiteral("--count"), QString::number(count),
            QStringLiteral("--with-metadata")});
    QList<json> lines;
    if (r.exitCode != 0) {
        qWarning(
            "schema_fixtures.py read failed (%d): %s\n%s", r.exitCode, r.err.constData(), r.out.constData());
        return lines;
    }
    for (const QByteArray &line : r.out.split('\n')) {
        if (!line.isEmpty()) {
            lines.append(json::parse(line.toStdString(), nullptr, false));
        }
    }
    return lines;
}

bool TestRegistryDecoding::createTopic(const QString &topic)
{
    const Run r = runProcess(edis_,
        {QStringLiteral("topics"), QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--create"), QStringLiteral("--topic"), topic});
    if (r.exitCode != 0) {
        qWarning("edis topics --create %s failed (%d): %s", qPrintable(topic), r.exitCode, r.err.constData());
    }
    return r.exitCode == 0;
}

void TestRegistryDecoding::cliEncodesWhatTheConfluentClientReads_data()
{
    QTest::addColumn<QString>("topicKey");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("bySubject");
    QTest::newRow("avro by schema id: every type, references, an Avro key")
        << QStringLiteral("avro") << QStringLiteral("avro") << false;
    QTest::newRow("avro by subject and version: two versions")
        << QStringLiteral("avro_evolution") << QStringLiteral("avro") << true;
    QTest::newRow("protobuf: several messages, by name")
        << QStringLiteral("protobuf") << QStringLiteral("protobuf") << false;
    QTest::newRow("json schema by subject") << QStringLiteral("json") << QStringLiteral("json") << true;
}

/// The round trip a user makes: the JSON `edis consume` printed for the Confluent client's
/// records, sent back with `edis produce --value-schema-id / --value-subject` (and the Avro key
/// with --key-schema-id), reads back in the Confluent Python deserializers as the same values,
/// under the same schema ids and Protobuf message indexes.
void TestRegistryDecoding::cliEncodesWhatTheConfluentClientReads()
{
    QFETCH(QString, topicKey);
    QFETCH(QString, format);
    QFETCH(bool, bySubject);
    const QList<json> expected = expectedOf(topicKey);
    QVERIFY(!expected.isEmpty());
    const QString source = QString::fromStdString(expected.first()["topic"].get<std::string>());
    const auto printed = consumeWithEdis(source);
    QCOMPARE(printed.size(), std::size_t(expected.size()));
    const QString target = source + QStringLiteral(".produced");
    QVERIFY(createTopic(target));

    // Consecutive records with the same schemas go in one run of edis produce, in order.
    std::vector<std::pair<QStringList, QByteArray>> runs;
    QList<json> wanted;
    for (const json &want : expected) {
        if (want["value"].is_null()) {
            continue; // a tombstone has nothing to encode
        }
        const json &line = printed.at(want["offset"].get<int64_t>());
        QStringList options {QStringLiteral("--schema-registry"), registryUrl_};
        if (bySubject) {
            options << QStringLiteral("--value-subject")
                    << QString::fromStdString(want["subject"].get<std::string>())
                    << QStringLiteral("--value-version")
                    << QString::number(want["subject_version"].get<int>());
        } else {
            options << QStringLiteral("--value-schema-id") << QString::number(want["schema_id"].get<int>());
        }
        if (want.contains("message_type")) {
            options << QStringLiteral("--value-message")
                    << QString::fromStdString(want["message_type"].get<std::string>());
        }
        QByteArray text;
        if (line.contains("key_schema_id")) {
            options << QStringLiteral("--key-schema-id") << QString::number(line["key_schema_id"].get<int>())
                    << QStringLiteral("--property") << QStringLiteral("parse.key=true");
            text = QByteArray::fromStdString(line["key"].dump()) + '\t';
        }
        text += QByteArray::fromStdString(line["value"].dump()) + '\n';
        if (runs.empty() || runs.back().first != options) {
            runs.emplace_back(options, QByteArray());
        }
        runs.back().second += text;
        wanted.append(want);
    }
    QVERIFY(!wanted.isEmpty());
    for (const auto &[options, input] : runs) {
        const Run r = produceWithEdis(target, options, input);
        QVERIFY2(r.exitCode == 0,
            qPrintable(options.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(r.err)));
    }

    const QList<json> read = readWithPython(target, format, static_cast<int>(wanted.size()));
    QCOMPARE(read.size(), wanted.size());
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const json &want = wanted.at(i);
        const json &got = read.at(i);
        const std::string name = want["case"].get<std::string>();
        QVERIFY2(!got.contains("error"), (name + ": " + got.dump()).c_str());
        QVERIFY2(got["value"] == want["value"],
            (name + ": read back " + got["value"].dump() + ", the original is " + want["value"].dump())
                .c_str());
        QCOMPARE(got["schema_id"].get<int>(), want["schema_id"].get<int>());
        if (want.contains("message_indexes")) {
            QVERIFY2(got["message_indexes"] == want["message_indexes"], name.c_str());
        }
    }
    // The Avro keys: framed with their schema, and decoding to what the originals decode to.
    if (topicKey == QLatin1String("avro")) {
        const auto again = consumeWithEdis(target);
        QCOMPARE(again.size(), std::size_t(wanted.size()));
        qsizetype i = 0;
        for (const auto &[offset, line] : again) {
            const json &original = printed.at(wanted.at(i++)["offset"].get<int64_t>());
            QVERIFY2(line.value("key", json()) == original["key"], line.dump().c_str());
            QCOMPARE(line.value("key_schema_id", -1), original.value("key_schema_id", -2));
        }
    }
}

/// What cannot be encoded is said before anything is sent, or stops at the record that does not
/// fit (the ones before it are delivered), each with its own exit code.
void TestRegistryDecoding::cliProduceRefusesWhatDoesNotFit()
{
    const json order = expectedOf(QStringLiteral("avro_evolution")).first();
    const json proto = expectedOf(QStringLiteral("protobuf")).first();
    const QString target
        = QString::fromStdString(order["topic"].get<std::string>()) + QStringLiteral(".refused");
    QVERIFY(createTopic(target));
    const QStringList registry {QStringLiteral("--schema-registry"), registryUrl_};
    const QString orderId = QString::number(order["schema_id"].get<int>());
    const QByteArray fits
        = QByteArray::fromStdString(consumeWithEdis(QString::fromStdString(order["topic"].get<std::string>()))
                                        .at(order["offset"].get<int64_t>())["value"]
                                        .dump());

    const QString missing = QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral("-value");
    Run r = produceWithEdis(target,
        registry
            + QStringList {
                QStringLiteral("--value-subject"), missing, QStringLiteral("--value"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains(missing.toUtf8()), r.err.constData());

    r = produceWithEdis(target,
        {QStringLiteral("--value-schema-id"), orderId, QStringLiteral("--value"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--schema-registry"), r.err.constData());

    r = produceWithEdis(target,
        {QStringLiteral("--schema-registry"), QStringLiteral("http://127.0.0.1:1"),
            QStringLiteral("--value-schema-id"), orderId, QStringLiteral("--value"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 3);

    r = produceWithEdis(target,
        registry
            + QStringList {QStringLiteral("--value-schema-id"), orderId, QStringLiteral("--value-message"),
                QStringLiteral("edis.Nothing"), QStringLiteral("--value"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("Protobuf"), r.err.constData());

    r = produceWithEdis(target,
        registry
            + QStringList {QStringLiteral("--value-schema-id"),
                QString::number(proto["schema_id"].get<int>()), QStringLiteral("--value-message"),
                QStringLiteral("edis.fixtures.NoSuchMessage"), QStringLiteral("--value"),
                QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("NoSuchMessage"), r.err.constData());

    // Line 2 does not fit: line 1 is delivered, line 3 is never read.
    r = produceWithEdis(target, registry + QStringList {QStringLiteral("--value-schema-id"), orderId},
        fits + "\n{\"no_such_field\": true}\n" + fits + "\n");
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("Line 2"), r.err.constData());
    const auto onTopic = consumeWithEdis(target);
    QCOMPARE(onTopic.size(), std::size_t(1));
    QCOMPARE(onTopic.begin()->second["value"], json::parse(fits.toStdString()));
    QCOMPARE(onTopic.begin()->second.value("value_schema_id", -1), order["schema_id"].get<int>());
}

void TestRegistryDecoding::filterReadsDecodedFields()
{
    for (const auto &[topicKey, field, literal] :
        {std::tuple {QStringLiteral("avro"), std::string("status"), std::string("ACTIVE")},
            std::tuple {QStringLiteral("protobuf"), std::string("status"), std::string("SHIPPED")}}) {
        std::set<int64_t> want;
        QString topic;
        for (const json &r : expectedOf(topicKey)) {
            topic = QString::fromStdString(r["topic"].get<std::string>());
            if (r["value"].is_object() && r["value"].value(field, json()) == literal) {
                want.insert(r["offset"].get<int64_t>());
            }
        }
        QVERIFY2(!want.empty(), qPrintable(topicKey));
        const QString expression = QStringLiteral("value.%1 == \"%2\"")
                                       .arg(QString::fromStdString(field), QString::fromStdString(literal));
        const auto got = consumeWithEdis(topic,
            {QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--filter"), expression});
        std::set<int64_t> offsets;
        for (const auto &entry : got) {
            offsets.insert(entry.first);
        }
        QCOMPARE(offsets, want);
    }
}

/// kcat -s avro -J's envelope: "payload" and "key" decoded, with value_schema_id/key_schema_id.
void TestRegistryDecoding::kcatJsonCarriesSchemaIds()
{
    const QList<json> expected = expectedOf(QStringLiteral("avro"));
    const json &first = expected.first();
    const auto got = consumeWithEdis(QString::fromStdString(first["topic"].get<std::string>()),
        {QStringLiteral("--format"), QStringLiteral("kcat-json")});
    QVERIFY(got.contains(first["offset"].get<int64_t>()));
    const json &line = got.at(first["offset"].get<int64_t>());
    std::string where;
    QVERIFY2(sameValue(line.value("payload", json()), first["value"], "payload", &where), where.c_str());
    QCOMPARE(line.value("value_schema_id", -1), first.value("schema_id", -2));
    QVERIFY(line.contains("key_schema_id"));
}

/// In the app the cache lives on the GUI thread: a record whose schema is not cached yet shows
/// "fetching" at once (no wait), and decodes once schemaArrived says the schema is there.
void TestRegistryDecoding::decoderOnTheGuiThreadNeverWaits()
{
    const json want = expectedOf(QStringLiteral("avro")).at(1);
    QString error;
    auto records = test::consumeFromBeginning(bootstrap_.toStdString(), {want["topic"].get<std::string>()},
        std::size_t(expectedOf(QStringLiteral("avro")).size()), std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto it = std::find_if(records.begin(), records.end(),
        [&](const test::ConsumedMessage &m) { return m.offset == want["offset"].get<int64_t>(); });
    QVERIFY(it != records.end() && it->value);

    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    registry::RegistryClient client(settings);
    registry::SchemaCache cache(&client);
    auto decoder = std::make_shared<inspect::RegistryPayloadDecoder>(
        &cache, inspect::RegistryPayloadDecoder::OwnThread::Never);
    auto registry = inspect::DecoderRegistry::withBuiltIns();
    registry->add(std::make_unique<inspect::SchemaRegistryDecoder>(decoder));
    const inspect::MessageBatch batch = test::batchOf({{want["topic"].get<std::string>(), 0,
        want["offset"].get<int64_t>(), 0, std::nullopt, it->value->toStdString(), {}}});

    QSignalSpy arrived(&cache, &registry::SchemaCache::schemaArrived);
    QElapsedTimer timer;
    timer.start();
    inspect::DecodedValue first = registry->decode(batch.at(0));
    QVERIFY2(timer.elapsed() < 100, "the GUI thread waited for the registry");
    QCOMPARE(first.kind, inspect::DecodedValue::Kind::Framed);
    QVERIFY(first.summary.contains(QLatin1String("fetching")));
    QVERIFY(arrived.wait(10000));
    const inspect::DecodedValue decoded = registry->decode(batch.at(0));
    QCOMPARE(decoded.kind, inspect::DecodedValue::Kind::Json);
    QCOMPARE(decoded.schemaId.value_or(-1), want.value("schema_id", -2));
    std::string where;
    const json shown = json::parse(decoded.text.toStdString(), nullptr, false);
    QVERIFY2(sameValue(shown, want["value"], "value", &where), where.c_str());
    // The registry page learns from this where the schema is used.
    QCOMPARE(decoder->sightings()->topicsOf(*decoded.schemaId),
        QStringList {QString::fromStdString(want["topic"].get<std::string>())});
    QVERIFY(decoder->sightings()->topicsOf(-7).isEmpty());
}

/// A whole-topic search runs the filter on the consumer thread: there the decoder waits for the
/// schema (the cache fetches on its own thread), and the consumer's stop ends that wait at once.
void TestRegistryDecoding::decoderOnAWorkerThreadFetchesAndStops()
{
    const json want = expectedOf(QStringLiteral("protobuf")).at(0);
    QString error;
    auto records = test::consumeFromBeginning(
        bootstrap_.toStdString(), {want["topic"].get<std::string>()}, 1, std::chrono::seconds(20), &error);
    QVERIFY2(error.isEmpty() && !records.empty() && records.front().value, qPrintable(error));
    const std::string framed = records.front().value->toStdString();

    registry::RegistrySettings settings;
    settings.url = registryUrl_;
    registry::RegistryClient client(settings);
    registry::SchemaCache cache(&client);
    const inspect::RegistryPayloadDecoder decoder(&cache, inspect::RegistryPayloadDecoder::OwnThread::Never);

    std::optional<std::string> fromWorker;
    std::atomic<bool> done {false};
    std::thread worker([&] {
        fromWorker = decoder.toJson(framed, false);
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 15000); // the event loop runs the cache's fetch meanwhile
    worker.join();
    QVERIFY(fromWorker.has_value());
    protobufDefaults = true;
    const auto reset = qScopeGuard([] { protobufDefaults = false; });
    std::string where;
    QVERIFY2(sameValue(json::parse(*fromWorker), want["value"], "value", &where), where.c_str());

    // An id the registry lacks, asked from a worker whose stop is requested while it waits.
    std::string unknown = framed;
    const int missing = expected_["unknown_schema_id"].get<int>() + 1;
    unknown[1] = char((missing >> 24) & 0xff);
    unknown[2] = char((missing >> 16) & 0xff);
    unknown[3] = char((missing >> 8) & 0xff);
    unknown[4] = char(missing & 0xff);
    std::stop_source stop;
    std::atomic<qint64> waitedMs {-1};
    std::thread stopped([&] {
        const inspect::StopScope scope(stop.get_token());
        QElapsedTimer t;
        t.start();
        const auto decoded = decoder.toJson(unknown, false);
        waitedMs = decoded ? -2 : t.elapsed();
    });
    stop.request_stop(); // before or during the wait: either way it returns at once
    QTRY_VERIFY_WITH_TIMEOUT(waitedMs.load() != -1, 5000);
    stopped.join();
    QVERIFY2(waitedMs.load() >= 0 && waitedMs.load() < 1000, qPrintable(QString::number(waitedMs.load())));
}

QTEST_MAIN(TestRegistryDecoding)
#include "tst_registrydecoding.moc"
