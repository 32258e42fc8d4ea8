// Decoders: detection, CloudEvents (both modes, Kafka and AMQP bindings), Debezium envelopes,
// and bytes that are not what they claim (malformed JSON, invalid UTF-8, 5 MB, binary, null).

#include "builtindecoders.h"
#include "decoderregistry.h"
#include "sandbox/sandboxscenario.h"
#include "schemaregistrydecoder.h"
#include "testrecords.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace edis::inspect;
using edis::test::TestRecord;

// Declared before the fixtures: moc loses its way in raw strings holding \".
class TestDecoders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detection_data();
    void detection();
    void cloudEventStructured();
    void cloudEventStructuredBase64Data();
    void cloudEventBinary();
    void cloudEventBindings_data();
    void cloudEventBindings();
    void cloudEventAmqpCardMatchesKafka();
    void debeziumUpdate();
    void debeziumWrappedMysqlCreate();
    void debeziumDeleteAndTombstone();
    void heartbeats_data();
    void heartbeats();
    void schemaRegistryFraming();
    void schemaRegistryPlugin();
    void malformedJson();
    void invalidUtf8();
    void fiveMegabytes();
    void randomBytesNeverCrash();
    void sandboxScenario();
    void overrideChoosesDecoder();
};

namespace {

using Headers = std::vector<std::pair<std::string, std::optional<std::string>>>;

TestRecord valueRecord(std::optional<std::string> value, Headers headers = {}, std::string topic = "t",
    std::optional<std::string> key = std::string("k"))
{
    return {std::move(topic), 0, 0, 0, std::move(key), std::move(value), std::move(headers)};
}

QString detectedId(const TestRecord &record)
{
    const auto registry = DecoderRegistry::shared();
    const MessageBatch b = edis::test::single(record);
    const Decoder *d = registry->decoderFor(b.at(0));
    return d ? d->id() : QString();
}

DecodedValue decodeWith(const TestRecord &record, const QString &decoderId = {})
{
    const MessageBatch b = edis::test::single(record);
    return DecoderRegistry::shared()->decode(b.at(0), decoderId);
}

// A Debezium PostgreSQL update, as the Debezium documentation shows it (JSON, no schema).
const char *kDebeziumUpdate = R"({
  "before": {"id": 1004, "first_name": "Anne", "last_name": "Kretchmar", "email": "annek@noanswer.org"},
  "after": {"id": 1004, "first_name": "Anne Marie", "last_name": "Kretchmar", "email": "annek@noanswer.org"},
  "source": {"version": "2.7.3.Final", "connector": "postgresql", "name": "PostgreSQL_server",
             "ts_ms": 1559033904863, "snapshot": "false", "db": "postgres", "sequence": "[\"24023119\",\"24023128\"]",
             "schema": "public", "table": "customers", "txId": 556, "lsn": 24023128, "xmin": null},
  "op": "u", "ts_ms": 1465584025523,
  "transaction": {"id": "556:24023128", "total_order": 1, "data_collection_order": 1}
})";

// A Debezium MySQL create with the JsonConverter schema wrapper (schema shortened).
const char *kDebeziumMysqlCreateWrapped = R"({
  "schema": {"type": "struct", "fields": [], "optional": false, "name": "mysql-server-1.inventory.customers.Envelope"},
  "payload": {
    "before": null,
    "after": {"id": 1004, "first_name": "Anne", "last_name": "Kretchmar", "email": "annek@noanswer.org"},
    "source": {"version": "2.7.3.Final", "connector": "mysql", "name": "mysql-server-1", "ts_ms": 0,
               "snapshot": "false", "db": "inventory", "table": "customers", "server_id": 0,
               "gtid": null, "file": "mysql-bin.000003", "pos": 154, "row": 0, "thread": 7, "query": null},
    "op": "c", "ts_ms": 1486500577691
  }
})";

const char *kDebeziumDelete = R"({"before": {"id": 7, "name": "x"}, "after": null,
  "source": {"connector": "postgresql", "name": "erp", "db": "erp", "schema": "public", "table": "t",
             "txId": 9, "lsn": 100, "ts_ms": 5},
  "op": "d", "ts_ms": 6})";

const char *kCloudEventStructured = R"({"specversion": "1.0", "type": "com.example.order.created",
  "source": "/orders", "id": "A234-1234-1234", "time": "2018-04-05T17:31:00Z", "subject": "order/42",
  "datacontenttype": "application/json", "comexampleextension1": "value", "traceparent": "00-abc-def-01",
  "data": {"orderId": 42, "total": 9.5}})";

/// Headers written "name=value" (split at the first '='), in the order given.
Headers headersOf(const QStringList &written)
{
    Headers headers;
    for (const QString &h : written) {
        const qsizetype eq = h.indexOf(QLatin1Char('='));
        headers.push_back({h.left(eq).toStdString(), h.mid(eq + 1).toStdString()});
    }
    return headers;
}

// The headers the RabbitMQ stream record source gives a message: its basic properties as
// amqp.* first, then the application headers under their own names.
const QStringList kAmqpProperties
    = {QStringLiteral("amqp.message_id=m-1"), QStringLiteral("amqp.timestamp=1764288000"),
        QStringLiteral("amqp.delivery_mode=2"), QStringLiteral("amqp.exchange=crm")};

} // namespace

void TestDecoders::detection_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("nullValue");
    QTest::addColumn<QString>("headerName");
    QTest::addColumn<QString>("headerValue");
    QTest::addColumn<QString>("expected");
    QTest::newRow("json object") << R"({"a": 1})" << false << ""
                                 << "" << decoderid::kJson;
    QTest::newRow("json array") << R"( [1, 2] )" << false << ""
                                << "" << decoderid::kJson;
    QTest::newRow("text") << "hello world" << false << ""
                          << "" << decoderid::kText;
    QTest::newRow("empty") << "" << false << ""
                           << "" << decoderid::kText;
    QTest::newRow("tombstone") << "" << true << ""
                               << "" << decoderid::kNull;
    QTest::newRow("cloudevent binary") << R"({"a":1})" << false << "ce_specversion"
                                       << "1.0" << decoderid::kCloudEvents;
    QTest::newRow("cloudevent structured by header")
        << R"({"x":1})" << false << "content-type"
        << "application/cloudevents+json; charset=UTF-8" << decoderid::kCloudEvents;
    QTest::newRow("cloudevent structured by body") << QString::fromUtf8(kCloudEventStructured) << false << ""
                                                   << "" << decoderid::kCloudEvents;
    QTest::newRow("debezium") << QString::fromUtf8(kDebeziumUpdate) << false << ""
                              << "" << decoderid::kDebezium;
    QTest::newRow("debezium wrapped") << QString::fromUtf8(kDebeziumMysqlCreateWrapped) << false << ""
                                      << "" << decoderid::kDebezium;
    QTest::newRow("plain json with op") << R"({"op": "x"})" << false << ""
                                        << "" << decoderid::kJson;
}

void TestDecoders::detection()
{
    QFETCH(QString, value);
    QFETCH(bool, nullValue);
    QFETCH(QString, headerName);
    QFETCH(QString, headerValue);
    QFETCH(QString, expected);
    Headers headers;
    if (!headerName.isEmpty()) {
        headers.push_back({headerName.toStdString(), headerValue.toStdString()});
    }
    const auto v = nullValue ? std::nullopt : std::optional(value.toStdString());
    QCOMPARE(detectedId(valueRecord(v, headers)), expected);
}

void TestDecoders::cloudEventStructured()
{
    const DecodedValue d = decodeWith(valueRecord(
        std::string(kCloudEventStructured), {{"content-type", std::string("application/cloudevents+json")}}));
    QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY(d.error.isEmpty());
    QVERIFY(d.cloudEvent);
    const CloudEventCard &c = *d.cloudEvent;
    QCOMPARE(c.mode, CloudEventCard::Mode::Structured);
    QCOMPARE(c.specversion, QStringLiteral("1.0"));
    QCOMPARE(c.type, QStringLiteral("com.example.order.created"));
    QCOMPARE(c.source, QStringLiteral("/orders"));
    QCOMPARE(c.id, QStringLiteral("A234-1234-1234"));
    QCOMPARE(c.time, QStringLiteral("2018-04-05T17:31:00Z"));
    QCOMPARE(c.subject, QStringLiteral("order/42"));
    QCOMPARE(c.datacontenttype, QStringLiteral("application/json"));
    QCOMPARE(c.extensions.size(), 2);
    QCOMPARE(c.extensions[0], Attribute(QStringLiteral("comexampleextension1"), QStringLiteral("value")));
    QCOMPARE(c.extensions[1], Attribute(QStringLiteral("traceparent"), QStringLiteral("00-abc-def-01")));
    QVERIFY(c.data.contains(QStringLiteral("\"orderId\": 42")));
    QVERIFY(d.summary.contains(QStringLiteral("com.example.order.created")));
}

void TestDecoders::cloudEventStructuredBase64Data()
{
    const QByteArray data("\x01\x02hello", 7);
    const std::string event = R"({"specversion":"1.0","type":"t","source":"s","id":"1","data_base64":")"
        + data.toBase64().toStdString() + "\"}";
    const DecodedValue d = decodeWith(valueRecord(event));
    QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY2(
        d.cloudEvent->data.contains(QStringLiteral("01 02 68 65 6c 6c 6f")), qPrintable(d.cloudEvent->data));
}

void TestDecoders::cloudEventBinary()
{
    const DecodedValue d = decodeWith(valueRecord(std::string(R"({"accountId":"ACC-1"})"),
        {{"ce_specversion", std::string("1.0")}, {"ce_type", std::string("com.example.crm.account.created")},
            {"ce_source", std::string("/crm/accounts")}, {"ce_id", std::string("42")},
            {"ce_time", std::string("2025-11-28T00:00:00.000Z")},
            {"ce_subject", std::string("accounts/ACC-1")}, {"ce_partitionkey", std::string("ACC-1")},
            {"content-type", std::string("application/json")}, {"unrelated", std::string("x")}}));
    QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY(d.error.isEmpty());
    const CloudEventCard &c = *d.cloudEvent;
    QCOMPARE(c.mode, CloudEventCard::Mode::Binary);
    QCOMPARE(c.type, QStringLiteral("com.example.crm.account.created"));
    QCOMPARE(c.source, QStringLiteral("/crm/accounts"));
    QCOMPARE(c.id, QStringLiteral("42"));
    QCOMPARE(c.time, QStringLiteral("2025-11-28T00:00:00.000Z"));
    QCOMPARE(c.subject, QStringLiteral("accounts/ACC-1"));
    QCOMPARE(c.datacontenttype, QStringLiteral("application/json"));
    QCOMPARE(
        c.extensions, QList<Attribute> {Attribute(QStringLiteral("partitionkey"), QStringLiteral("ACC-1"))});
    QVERIFY(c.data.contains(QStringLiteral("\"accountId\": \"ACC-1\"")));

    // Without the required attributes it is still shown, with the gap named.
    const DecodedValue partial
        = decodeWith(valueRecord(std::string("{}"), {{"ce_specversion", std::string("1.0")}}));
    QCOMPARE(partial.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY(partial.error.contains(QStringLiteral("type")));
    QVERIFY(partial.error.contains(QStringLiteral("source")));
}

void TestDecoders::cloudEventBindings_data()
{
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<QString>("mode"); ///< "binary", "structured", or "" for not a CloudEvent
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("datacontenttype");
    QTest::addColumn<QStringList>("extensions"); ///< "name=value"
    QTest::addColumn<QString>("missing"); ///< the error names these; "" for no error
    QTest::addColumn<QString>("dataHas");

    const QString json = QStringLiteral(R"({"accountId":"ACC-1"})");
    const QString structured = QString::fromUtf8(kCloudEventStructured);
    const QString ct = QStringLiteral("amqp.content_type=");

    // Kafka, as it always was.
    QTest::newRow("kafka binary") << QStringList {QStringLiteral("ce_specversion=1.0"),
        QStringLiteral("ce_type=t.kafka"), QStringLiteral("ce_source=/s"), QStringLiteral("ce_id=1"),
        QStringLiteral("ce_partitionkey=ACC-1"), QStringLiteral("content-type=application/json")}
                                  << json << decoderid::kCloudEvents << "binary"
                                  << "t.kafka"
                                  << "application/json" << QStringList {QStringLiteral("partitionkey=ACC-1")}
                                  << ""
                                  << R"("accountId": "ACC-1")";
    QTest::newRow("kafka structured by content-type")
        << QStringList {QStringLiteral("content_type=application/cloudevents+json")} << structured
        << decoderid::kCloudEvents << "structured"
        << "com.example.order.created"
        << "application/json"
        << QStringList {QStringLiteral("comexampleextension1=value"),
               QStringLiteral("traceparent=00-abc-def-01")}
        << ""
        << R"("orderId": 42)";
    QTest::newRow("kafka structured by Content-Type")
        << QStringList {QStringLiteral("Content-Type=application/cloudevents+json")} << QStringLiteral("{}")
        << decoderid::kCloudEvents << "structured"
        << ""
        << "" << QStringList {} << "specversion, type, source, id"
        << "";
    QTest::newRow("kafka ce_ headers outrank a structured content-type")
        << QStringList {QStringLiteral("ce_specversion=1.0"), QStringLiteral("ce_type=t.kafka"),
               QStringLiteral("ce_source=/s"), QStringLiteral("ce_id=1"),
               QStringLiteral("content-type=application/cloudevents+json")}
        << structured << decoderid::kCloudEvents << "binary"
        << "t.kafka"
        << "application/cloudevents+json" << QStringList {} << ""
        << R"("specversion": "1.0")";
    QTest::newRow("kafka missing attributes")
        << QStringList {QStringLiteral("ce_specversion=1.0"), QStringLiteral("ce_type=t.kafka")} << json
        << decoderid::kCloudEvents << "binary"
        << "t.kafka"
        << "" << QStringList {} << "source, id"
        << "ACC-1";
    QTest::newRow("kafka without specversion") << QStringList {QStringLiteral("ce_type=t"),
        QStringLiteral("ce_source=/s"), QStringLiteral("ce_id=1")}
                                               << json << decoderid::kJson << ""
                                               << ""
                                               << "" << QStringList {} << ""
                                               << "";
    // AMQP binary mode: attributes in application headers, datacontenttype from content_type.
    QTest::newRow("amqp binary cloudEvents:")
        << QStringList {ct + QStringLiteral("application/json; charset=utf-8")} + kAmqpProperties
            + QStringList {QStringLiteral("cloudEvents:specversion=1.0"),
                QStringLiteral("cloudEvents:type=t.amqp"), QStringLiteral("cloudEvents:source=/crm/accounts"),
                QStringLiteral("cloudEvents:id=42"), QStringLiteral("cloudEvents:time=2025-11-28T00:00:00Z"),
                QStringLiteral("cloudEvents:traceparent=00-abc-def-01"), QStringLiteral("tenant=acme")}
        << json << decoderid::kCloudEvents << "binary"
        << "t.amqp"
        << "application/json; charset=utf-8" << QStringList {QStringLiteral("traceparent=00-abc-def-01")}
        << ""
        << R"("accountId": "ACC-1")";
    QTest::newRow("amqp binary cloudEvents_")
        << QStringList {ct + QStringLiteral("application/json")} + kAmqpProperties
            + QStringList {QStringLiteral("cloudEvents_specversion=1.0"),
                QStringLiteral("cloudEvents_type=t.jms"), QStringLiteral("cloudEvents_source=/crm/accounts"),
                QStringLiteral("cloudEvents_id=43"), QStringLiteral("cloudEvents_dataschema=urn:s"),
                QStringLiteral("cloudEvents_partitionkey=ACC-1")}
        << json << decoderid::kCloudEvents << "binary"
        << "t.jms"
        << "application/json" << QStringList {QStringLiteral("partitionkey=ACC-1")} << ""
        << R"("accountId": "ACC-1")";
    QTest::newRow("amqp binary without content_type")
        << QStringList {QStringLiteral("cloudEvents_specversion=1.0"), QStringLiteral("cloudEvents_type=t"),
               QStringLiteral("cloudEvents_source=/s"), QStringLiteral("cloudEvents_id=1")}
        << QStringLiteral("plain text") << decoderid::kCloudEvents << "binary"
        << "t"
        << "" << QStringList {} << ""
        << "plain text";
    QTest::newRow("amqp separators are not mixed")
        << QStringList {QStringLiteral("cloudEvents_specversion=1.0"), QStringLiteral("cloudEvents:type=t"),
               QStringLiteral("cloudEvents_source=/s"), QStringLiteral("cloudEvents_id=1")}
        << json << decoderid::kCloudEvents << "binary"
        << ""
        << "" << QStringList {} << "type"
        << "ACC-1";

    // AMQP structured mode: the content_type property says so, whatever the headers carry.
    QTest::newRow("amqp structured") << QStringList {ct
                                            + QStringLiteral("application/cloudevents+json; charset=UTF-8")}
            + kAmqpProperties << structured
                                     << decoderid::kCloudEvents << "structured"
                                     << "com.example.order.created"
                                     << "application/json"
                                     << QStringList {QStringLiteral("comexampleextension1=value"),
                                            QStringLiteral("traceparent=00-abc-def-01")}
                                     << ""
                                     << R"("orderId": 42)";
    QTest::newRow("amqp structured repeating its attributes")
        << QStringList {ct + QStringLiteral("Application/CloudEvents+JSON"),
               QStringLiteral("cloudEvents:specversion=1.0"), QStringLiteral("cloudEvents:type=stale"),
               QStringLiteral("cloudEvents:source=/orders"), QStringLiteral("cloudEvents:id=A234-1234-1234")}
        << structured << decoderid::kCloudEvents << "structured"
        << "com.example.order.created"
        << "application/json"
        << QStringList {QStringLiteral("comexampleextension1=value"),
               QStringLiteral("traceparent=00-abc-def-01")}
        << ""
        << R"("orderId": 42)";

    // AMQP without the required attributes: as Kafka does, a gap is named once specversion says
    // it is a CloudEvent, and without specversion it is not one.
    QTest::newRow("amqp missing attributes") << QStringList {ct + QStringLiteral("application/json"),
        QStringLiteral("cloudEvents:specversion=1.0"), QStringLiteral("cloudEvents:type=t.amqp")}
                                             << json << decoderid::kCloudEvents << "binary"
                                             << "t.amqp"
                                             << "application/json" << QStringList {} << "source, id"
                                             << "ACC-1";
    QTest::newRow("amqp without specversion")
        << QStringList {ct + QStringLiteral("application/json"), QStringLiteral("cloudEvents:type=t"),
               QStringLiteral("cloudEvents:source=/s"), QStringLiteral("cloudEvents:id=1")}
        << json << decoderid::kJson << ""
        << ""
        << "" << QStringList {} << ""
        << "";
    QTest::newRow("amqp plain json") << QStringList {ct + QStringLiteral("application/json")}
            + kAmqpProperties << json << decoderid::kJson
                                     << ""
                                     << ""
                                     << "" << QStringList {} << ""
                                     << "";
}

void TestDecoders::cloudEventBindings()
{
    QFETCH(QStringList, headers);
    QFETCH(QString, value);
    QFETCH(QString, detected);
    QFETCH(QString, mode);
    QFETCH(QString, type);
    QFETCH(QString, datacontenttype);
    QFETCH(QStringList, extensions);
    QFETCH(QString, missing);
    QFETCH(QString, dataHas);
    const TestRecord record = valueRecord(value.toStdString(), headersOf(headers));
    QCOMPARE(detectedId(record), detected);
    const DecodedValue d = decodeWith(record);
    if (mode.isEmpty()) {
        QVERIFY(d.kind != DecodedValue::Kind::CloudEvent);
        return;
    }
    QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
    QVERIFY(d.cloudEvent);
    const CloudEventCard &c = *d.cloudEvent;
    QCOMPARE(c.mode,
        mode == QLatin1String("binary") ? CloudEventCard::Mode::Binary : CloudEventCard::Mode::Structured);
    QCOMPARE(c.type, type);
    QCOMPARE(c.datacontenttype, datacontenttype);
    QList<Attribute> expectedExtensions;
    for (const QString &e : extensions) {
        expectedExtensions.append({e.section(QLatin1Char('='), 0, 0), e.section(QLatin1Char('='), 1)});
    }
    QCOMPARE(c.extensions, expectedExtensions);
    if (missing.isEmpty()) {
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    } else {
        QCOMPARE(d.error, QStringLiteral("Not a complete CloudEvent: missing %1.").arg(missing));
    }
    QVERIFY2(c.data.contains(dataHas), qPrintable(c.data));
}

void TestDecoders::cloudEventAmqpCardMatchesKafka()
{
    // One event, sent over Kafka and over AMQP in binary mode, makes the same card and row text.
    const std::string data = R"({"accountId":"ACC-1"})";
    const std::vector<std::pair<std::string, std::string>> attributes
        = {{"specversion", "1.0"}, {"type", "com.example.crm.account.created"}, {"source", "/crm/accounts"},
            {"id", "42"}, {"time", "2025-11-28T00:00:00Z"}, {"subject", "accounts/ACC-1"},
            {"dataschema", "urn:account"}, {"partitionkey", "ACC-1"}};
    Headers kafka {{"content-type", std::string("application/json")}};
    Headers amqp {
        {"amqp.content_type", std::string("application/json")}, {"amqp.exchange", std::string("crm")}};
    for (const auto &[name, value] : attributes) {
        kafka.push_back({"ce_" + name, value});
        amqp.push_back({"cloudEvents:" + name, value});
    }
    const MessageBatch kafkaRecord = edis::test::single(valueRecord(data, kafka));
    const MessageBatch amqpRecord
        = edis::test::single(valueRecord(data, amqp, "crm.accounts", "crm.created"));
    const auto registry = DecoderRegistry::shared();
    const DecodedValue k = registry->decode(kafkaRecord.at(0));
    const DecodedValue a = registry->decode(amqpRecord.at(0));
    QCOMPARE(a.kind, k.kind);
    QCOMPARE(a.decoderId, k.decoderId);
    QCOMPARE(a.summary, k.summary);
    QCOMPARE(a.text, k.text);
    QCOMPARE(a.error, k.error);
    QVERIFY(a.cloudEvent && k.cloudEvent);
    const CloudEventCard &ac = *a.cloudEvent;
    const CloudEventCard &kc = *k.cloudEvent;
    QCOMPARE(ac.mode, kc.mode);
    // The card says which headers carried it.
    QCOMPARE(kc.attributePrefix, QStringLiteral("ce_"));
    QCOMPARE(ac.attributePrefix, QStringLiteral("cloudEvents:"));
    const QStringList aFields = {ac.specversion, ac.type, ac.source, ac.id, ac.time, ac.subject,
        ac.datacontenttype, ac.dataschema, ac.data};
    const QStringList kFields = {kc.specversion, kc.type, kc.source, kc.id, kc.time, kc.subject,
        kc.datacontenttype, kc.dataschema, kc.data};
    QCOMPARE(aFields, kFields);
    QCOMPARE(ac.extensions, kc.extensions);
    const Decoder *decoder = registry->decoderFor(amqpRecord.at(0));
    QCOMPARE(decoder->preview(amqpRecord.at(0), 80), decoder->preview(kafkaRecord.at(0), 80));
}

void TestDecoders::debeziumUpdate()
{
    const DecodedValue d = decodeWith(valueRecord(std::string(kDebeziumUpdate)));
    QCOMPARE(d.kind, DecodedValue::Kind::Change);
    QVERIFY(d.change);
    const ChangeEvent &c = *d.change;
    QCOMPARE(c.op, QChar(QLatin1Char('u')));
    QCOMPARE(c.operation, QStringLiteral("update"));
    QCOMPARE(c.connector, QStringLiteral("postgresql"));
    QCOMPARE(c.serverName, QStringLiteral("PostgreSQL_server"));
    QCOMPARE(c.database, QStringLiteral("postgres"));
    QCOMPARE(c.schema, QStringLiteral("public"));
    QCOMPARE(c.table, QStringLiteral("customers"));
    QCOMPARE(c.lsn, QStringLiteral("24023128"));
    QCOMPARE(c.txId, QStringLiteral("556"));
    QVERIFY(c.transaction.contains(QStringLiteral("556:24023128")));
    QCOMPARE(c.tsMs, std::optional<qint64>(1465584025523));
    QCOMPARE(c.sourceTsMs, std::optional<qint64>(1559033904863));
    QVERIFY(c.hasBefore && c.hasAfter);
    QCOMPARE(c.changedFields, QStringList {QStringLiteral("first_name")});
    QVERIFY(c.after.contains(QStringLiteral("Anne Marie")));
    QVERIFY(!c.schemaWrapped);
}

void TestDecoders::debeziumWrappedMysqlCreate()
{
    const DecodedValue d = decodeWith(valueRecord(std::string(kDebeziumMysqlCreateWrapped)));
    QCOMPARE(d.kind, DecodedValue::Kind::Change);
    const ChangeEvent &c = *d.change;
    QVERIFY(c.schemaWrapped);
    QCOMPARE(c.op, QChar(QLatin1Char('c')));
    QCOMPARE(c.connector, QStringLiteral("mysql"));
    QCOMPARE(c.database, QStringLiteral("inventory"));
    QVERIFY(c.schema.isEmpty());
    QCOMPARE(c.table, QStringLiteral("customers"));
    QCOMPARE(c.lsn, QStringLiteral("mysql-bin.000003:154"));
    QVERIFY(!c.hasBefore);
    QVERIFY(c.hasAfter);
    QVERIFY(c.changedFields.isEmpty());
    QCOMPARE(c.tsMs, std::optional<qint64>(1486500577691));
}

void TestDecoders::debeziumDeleteAndTombstone()
{
    const DecodedValue d = decodeWith(valueRecord(std::string(kDebeziumDelete)));
    QCOMPARE(d.kind, DecodedValue::Kind::Change);
    QCOMPARE(d.change->op, QChar(QLatin1Char('d')));
    QVERIFY(d.change->hasBefore);
    QVERIFY(!d.change->hasAfter);
    QCOMPARE(d.change->table, QStringLiteral("t"));

    const DecodedValue tomb
        = decodeWith(valueRecord(std::nullopt, {}, "erp.public.customers", std::string(R"({"id":7})")));
    QCOMPARE(tomb.kind, DecodedValue::Kind::Tombstone);
    const DecodedValue nothing = decodeWith(valueRecord(std::nullopt, {}, "t", std::nullopt));
    QCOMPARE(nothing.kind, DecodedValue::Kind::Null);
}

void TestDecoders::heartbeats_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("heartbeat");
    QTest::newRow("heartbeat topic") << "__debezium-heartbeat.erp"
                                     << R"({"ts_ms":1700000000000})" << true;
    QTest::newRow("payload only ts_ms") << "erp.public.customers"
                                        << R"({"ts_ms": 1700000000000})" << true;
    QTest::newRow("wrapped")
        << "x"
        << R"({"schema":{"type":"struct","fields":[{"type":"int64","field":"ts_ms"}]},"payload":{"ts_ms":5}})"
        << true;
    QTest::newRow("change event") << "x" << QString::fromUtf8(kDebeziumDelete) << false;
    QTest::newRow("more fields") << "x"
                                 << R"({"ts_ms": 1, "b": 2})" << false;
    QTest::newRow("string ts") << "x"
                               << R"({"ts_ms": "1"})" << false;
}

void TestDecoders::heartbeats()
{
    QFETCH(QString, topic);
    QFETCH(QString, value);
    QFETCH(bool, heartbeat);
    MessageBatch b = edis::test::single(valueRecord(value.toStdString(), {}, topic.toStdString()));
    DecoderRegistry::shared()->classify(b.metaAt(0), b.at(0));
    QCOMPARE(b.at(0).isHeartbeat(), heartbeat);
    if (heartbeat) {
        const DecodedValue d = DecoderRegistry::shared()->decode(b.at(0));
        QCOMPARE(d.kind, DecodedValue::Kind::Heartbeat);
    }
}

void TestDecoders::schemaRegistryFraming()
{
    const std::string framed = std::string("\x00\x00\x00\x01\x2a", 5) + "\x02\x06foo";
    QCOMPARE(detectedId(valueRecord(framed)), decoderid::kSchemaRegistry);
    const DecodedValue d = decodeWith(valueRecord(framed));
    QCOMPARE(d.kind, DecodedValue::Kind::Framed);
    QCOMPARE(d.schemaId, std::optional<int>(298));
    QCOMPARE(d.summary, QStringLiteral("Schema Registry framed, schema id 298 (decoder not available)"));
    // Too short to carry a schema id: not framed.
    QVERIFY(detectedId(valueRecord(std::string("\x00\x01", 2))) != decoderid::kSchemaRegistry);
}

void TestDecoders::schemaRegistryPlugin()
{
    struct FakeAvro final : SchemaPayloadDecoder {
        std::optional<DecodedValue> decode(
            int schemaId, std::string_view payload, const MessageView &) const override
        {
            if (schemaId != 7) {
                return std::nullopt;
            }
            DecodedValue d;
            d.kind = DecodedValue::Kind::Json;
            d.decoderId = QStringLiteral("avro");
            d.text = QString::fromUtf8(payload.data(), qsizetype(payload.size()));
            return d;
        }
    };
    auto registry = DecoderRegistry::withBuiltIns();
    registry->add(std::make_unique<SchemaRegistryDecoder>(std::make_shared<FakeAvro>()));
    const MessageBatch known = edis::test::single(valueRecord(std::string("\x00\x00\x00\x00\x07{}", 7)));
    const DecodedValue d = registry->decode(known.at(0));
    QCOMPARE(d.kind, DecodedValue::Kind::Json);
    QCOMPARE(d.text, QStringLiteral("{}"));
    QCOMPARE(d.schemaId, std::optional<int>(7));
    const MessageBatch unknown = edis::test::single(valueRecord(std::string("\x00\x00\x00\x00\x08{}", 7)));
    QCOMPARE(registry->decode(unknown.at(0)).kind, DecodedValue::Kind::Framed);
}

void TestDecoders::malformedJson()
{
    const std::string bad = R"({"a": 1, "b": [1, 2,, ]})";
    QCOMPARE(detectedId(valueRecord(bad)), decoderid::kJson);
    const DecodedValue d = decodeWith(valueRecord(bad));
    QCOMPARE(d.kind, DecodedValue::Kind::Error);
    // The second comma is the 21st byte (counted from 1, as editors count).
    QVERIFY2(d.error.startsWith(QStringLiteral("Malformed JSON at byte 21")), qPrintable(d.error));
    QCOMPARE(d.text, QString::fromStdString(bad)); // still shown
    // A broken Debezium-looking or CloudEvents-looking value does not crash either.
    const std::string brokenDbz = R"({"op":"u","source":{"db":"x"},"after":{)";
    QCOMPARE(decodeWith(valueRecord(brokenDbz), decoderid::kDebezium).kind, DecodedValue::Kind::Error);
    QCOMPARE(decodeWith(valueRecord(brokenDbz), decoderid::kCloudEvents).kind, DecodedValue::Kind::Error);
}

void TestDecoders::invalidUtf8()
{
    const std::string bytes = "caf\xc3\xa9 \xff\xfe ok \xed\xa0\x80"; // valid é, stray bytes, a surrogate
    QCOMPARE(detectedId(valueRecord(bytes)), decoderid::kHex);
    const DecodedValue asText = decodeWith(valueRecord(bytes), decoderid::kText);
    QCOMPARE(asText.kind, DecodedValue::Kind::Text);
    QVERIFY(asText.text.startsWith(QStringLiteral("caf\u00e9 ")));
    QVERIFY(asText.text.contains(QChar(0xFFFD)));
    QVERIFY(asText.text.contains(QStringLiteral(" ok ")));
    QVERIFY(!asText.error.isEmpty());
    const DecodedValue asHex = decodeWith(valueRecord(bytes));
    QVERIFY(asHex.text.startsWith(QStringLiteral("00000000  63 61 66 c3 a9 20 ff fe")));
    // The JSON decoder on non-UTF-8 input reports, never throws.
    const DecodedValue asJson = decodeWith(valueRecord("{\"a\":\"\xff\"}"), decoderid::kJson);
    QCOMPARE(asJson.kind, DecodedValue::Kind::Error);
}

void TestDecoders::fiveMegabytes()
{
    std::string json = "{\"items\":[";
    while (json.size() < 5 * 1024 * 1024) {
        json += "{\"sku\":\"SKU-1234\",\"quantity\":3},";
    }
    json.back() = ']';
    json += '}';
    const MessageBatch b = edis::test::single(valueRecord(json));
    const auto registry = DecoderRegistry::shared();
    const Decoder *d = registry->decoderFor(b.at(0));
    QCOMPARE(d->id(), decoderid::kJson);
    QVERIFY(d->preview(b.at(0), 160).size() <= 160);
    const DecodedValue decoded = d->decode(b.at(0));
    QCOMPARE(decoded.kind, DecodedValue::Kind::Json);
    QVERIFY(decoded.text.size() > 5 * 1024 * 1024);

    std::string binary(5 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) {
        binary[i] = char(i * 7 + 3);
    }
    const MessageBatch bin = edis::test::single(valueRecord(binary));
    const DecodedValue hex = registry->decode(bin.at(0));
    QCOMPARE(hex.kind, DecodedValue::Kind::Binary);
    QVERIFY(hex.truncated);
    QVERIFY(hex.text.size() < 6 * 1024 * 1024); // bounded: 1 MB of dump, not 5
}

void TestDecoders::randomBytesNeverCrash()
{
    const auto registry = DecoderRegistry::shared();
    QRandomGenerator rng(42);
    const std::vector<std::string> seeds = {"{\"op\":\"u\",\"source\":", "{\"specversion\":", "[",
        "{\"a\":\"\\u", std::string("\x00\x00\x00\x00\x01", 5)};
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = seeds[std::size_t(i) % seeds.size()];
        const int n = int(rng.bounded(200));
        for (int j = 0; j < n; ++j) {
            bytes += char(rng.bounded(256));
        }
        const MessageBatch b
            = edis::test::single(valueRecord(bytes, {{"ce_specversion", std::string("1.0")}}));
        for (int k = 0; k < registry->count(); ++k) {
            const Decoder *d = registry->at(k);
            const DecodedValue v = d->decode(b.at(0));
            QCOMPARE(v.decoderId.isEmpty(), false);
            QVERIFY(d->preview(b.at(0), 80).size() <= 81);
        }
    }
}

void TestDecoders::sandboxScenario()
{
    // Realistic traffic from the sandbox's generator, checked topic by topic.
    edis::sandbox::SandboxScenario scenario(7);
    std::vector<edis::sandbox::SandboxEvent> events = scenario.snapshot(1764288000000);
    for (int i = 0; i < 600; ++i) {
        auto more = scenario.next(1764288000000 + i * 1000);
        events.insert(events.end(), more.begin(), more.end());
    }
    events.push_back(scenario.heartbeat(1764288999000));
    const auto registry = DecoderRegistry::shared();
    QMap<QString, int> seen;
    for (const auto &e : events) {
        TestRecord r;
        r.topic = e.topic;
        if (e.key) {
            r.key = e.key->toStdString();
        }
        if (e.value) {
            r.value = e.value->toStdString();
        }
        for (const auto &[name, value] : e.headers) {
            r.headers.push_back({name, value.toStdString()});
        }
        MessageBatch b = edis::test::single(r);
        registry->classify(b.metaAt(0), b.at(0));
        const DecodedValue d = registry->decode(b.at(0));
        const QString topic = QString::fromStdString(e.topic);
        ++seen[topic];
        QVERIFY2(d.error.isEmpty(), qPrintable(topic + QStringLiteral(": ") + d.error));
        if (!e.value) {
            QCOMPARE(d.kind, DecodedValue::Kind::Tombstone);
        } else if (topic == QLatin1String(edis::sandbox::topics::kCustomers)
            || topic == QLatin1String(edis::sandbox::topics::kOrders)) {
            QCOMPARE(d.kind, DecodedValue::Kind::Change);
            QCOMPARE(d.change->schemaWrapped, topic == QLatin1String(edis::sandbox::topics::kOrders));
            QCOMPARE(d.change->table, topic.section(QLatin1Char('.'), 2));
            QCOMPARE(d.change->schema, QStringLiteral("public"));
            if (d.change->op == QLatin1Char('u')) {
                QVERIFY(!d.change->changedFields.isEmpty());
                QVERIFY(d.change->changedFields.contains(QStringLiteral("updated_at")));
            }
        } else if (topic == QLatin1String(edis::sandbox::topics::kCrmAccounts)) {
            QCOMPARE(d.kind, DecodedValue::Kind::CloudEvent);
            QVERIFY(d.cloudEvent->type.startsWith(QStringLiteral("com.example.crm.account.")));
            QCOMPARE(d.cloudEvent->source, QStringLiteral("/crm/accounts"));
            QVERIFY(!d.cloudEvent->id.isEmpty());
        } else if (topic == QLatin1String(edis::sandbox::topics::kOrderEvents)) {
            QCOMPARE(d.kind, DecodedValue::Kind::Json);
        } else if (topic == QLatin1String(edis::sandbox::topics::kTelemetry)) {
            QCOMPARE(d.kind, DecodedValue::Kind::Binary);
        } else if (topic == QLatin1String(edis::sandbox::topics::kHeartbeat)) {
            QCOMPARE(d.kind, DecodedValue::Kind::Heartbeat);
            QVERIFY(b.at(0).isHeartbeat());
        }
    }
    QCOMPARE(seen.size(), 6); // every topic was exercised
}

void TestDecoders::overrideChoosesDecoder()
{
    const auto registry = DecoderRegistry::shared();
    const MessageBatch b = edis::test::single(valueRecord(std::string(R"({"a":1})")));
    QCOMPARE(registry->decoderFor(b.at(0))->id(), decoderid::kJson);
    QCOMPARE(registry->decoderFor(b.at(0), decoderid::kHex)->id(), decoderid::kHex);
    QCOMPARE(registry->decoderFor(b.at(0), QStringLiteral("no-such"))->id(), decoderid::kJson);
}

EDIS_REGISTER_TEST(TestDecoders);
#include "tst_decoders.moc"
