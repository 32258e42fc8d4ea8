// `edis produce`'s options as a request: templates, count and rate, the line reader's properties,
// and a clear refusal (naming the option and what it expects) for every bad value.

#include "clicommon.h"
#include "optionparsing.h"
#include "produceoptions.h"

#include <QTest>

using edis::cli::ProduceRequest;

namespace {

using Parsed = edis::test::ParsedOptions<ProduceRequest>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<ProduceRequest>("edis produce", edis::cli::addProduceOptions,
        arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *connection, QString *error) {
            return edis::cli::produceRequestFromOptions(parser, connection, error);
        });
}

} // namespace

class TestProduceOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void standardInputByDefault()
    {
        const Parsed p = parse({QStringLiteral("--topic"), QStringLiteral("orders"),
            QStringLiteral("--header"), QStringLiteral("src=cli"), QStringLiteral("--header"),
            QStringLiteral("eq=a=b"), QStringLiteral("--partition"), QStringLiteral("2")});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(!p.request->fromTemplates);
        QCOMPARE(p.request->base.topic, std::string("orders"));
        QCOMPARE(p.request->base.partition, 2);
        const std::vector<std::pair<std::string, QByteArray>> headers {{"src", "cli"}, {"eq", "a=b"}};
        QCOMPARE(p.request->base.headers, headers);
        QCOMPARE(p.request->perSecond, 0.0);
        QVERIFY(!p.request->parseKey);
        QCOMPARE(p.request->keySeparator, std::string("\t"));
    }

    void readerPropertiesLeaveTheClientProperties()
    {
        const Parsed p = parse({QStringLiteral("--topic"), QStringLiteral("t"), QStringLiteral("--property"),
            QStringLiteral("parse.key=true"), QStringLiteral("--property"),
            QStringLiteral("key.separator=::"), QStringLiteral("--property"),
            QStringLiteral("null.marker=NULL"), QStringLiteral("--property"), QStringLiteral("acks=all"),
            QStringLiteral("--rate"), QStringLiteral("2.5")});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(p.request->parseKey);
        QCOMPARE(p.request->keySeparator, std::string("::"));
        QCOMPARE(p.request->nullMarker, std::string("NULL"));
        QCOMPARE(p.request->perSecond, 2.5); // a rate paces standard input too
        // librdkafka would refuse them: only its own properties stay.
        const std::map<std::string, std::string> left {{"acks", "all"}, {"client.id", "edis"}};
        QCOMPARE(p.connection.properties, left);
    }

    void clientIdNamesTheCliUnlessGiven()
    {
        // Brokers' request logs and quotas tell the CLI from the GUI (edis-studio) by it.
        QCOMPARE(parse({}).connection.properties.at("client.id"), std::string("edis"));
        const Parsed own = parse({QStringLiteral("--property"), QStringLiteral("client.id=nightly-load")});
        QCOMPARE(own.connection.properties.at("client.id"), std::string("nightly-load"));
    }

    void templatesCountAndRate()
    {
        const Parsed p = parse({QStringLiteral("--topic"), QStringLiteral("t"), QStringLiteral("--value"),
            QStringLiteral(R"({"n":{{i}}})"), QStringLiteral("--key"), QStringLiteral("k-{{uuid}}"),
            QStringLiteral("--count"), QStringLiteral("1000"), QStringLiteral("--rate"),
            QStringLiteral("50")});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(p.request->fromTemplates);
        QCOMPARE(p.request->base.value, std::optional<QByteArray>(R"({"n":{{i}}})"));
        QCOMPARE(p.request->base.key, std::optional<QByteArray>("k-{{uuid}}"));
        QCOMPARE(p.request->count, quint64(1000));
        QCOMPARE(p.request->perSecond, 50.0);
    }

    void templateDefaults()
    {
        // One record, unpaced, with no key (not an empty one).
        const Parsed p = parse(
            {QStringLiteral("--topic"), QStringLiteral("t"), QStringLiteral("--value"), QStringLiteral("")});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(p.request->fromTemplates);
        QCOMPARE(p.request->count, quint64(1));
        QCOMPARE(p.request->perSecond, 0.0);
        QVERIFY(!p.request->base.key);
        QCOMPARE(p.request->base.value, std::optional<QByteArray>(QByteArray()));
    }

    void endlessNeedsARate()
    {
        const Parsed endless = parse({QStringLiteral("--topic"), QStringLiteral("t"),
            QStringLiteral("--value"), QStringLiteral("x"), QStringLiteral("--count"), QStringLiteral("0"),
            QStringLiteral("--rate"), QStringLiteral("1")});
        QVERIFY2(endless.request, qPrintable(endless.error));
        QCOMPARE(endless.request->count, quint64(0));
    }

    void schemasToEncodeWith()
    {
        const Parsed p = parse({QStringLiteral("--topic"), QStringLiteral("t"),
            QStringLiteral("--value-subject"), QStringLiteral("orders-value"),
            QStringLiteral("--value-version"), QStringLiteral("3"), QStringLiteral("--key-schema-id"),
            QStringLiteral("42"), QStringLiteral("--key-message"), QStringLiteral("shop.OrderKey")});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->valueSchema.subject, QStringLiteral("orders-value"));
        QCOMPARE(p.request->valueSchema.version, 3);
        QCOMPARE(p.request->valueSchema.schemaId, 0);
        QCOMPARE(p.request->keySchema.schemaId, 42);
        QCOMPARE(p.request->keySchema.messageType, QStringLiteral("shop.OrderKey"));
        QVERIFY(p.request->keySchema.subject.isEmpty());

        const Parsed latest
            = parse({QStringLiteral("--topic"), QStringLiteral("t"), QStringLiteral("--value-subject"),
                QStringLiteral("s"), QStringLiteral("--value-version"), QStringLiteral("LATEST")});
        QVERIFY2(latest.request, qPrintable(latest.error));
        QCOMPARE(latest.request->valueSchema.version, edis::registry::kLatestVersion);
        QVERIFY(!latest.request->keySchema.isSet()); // a key stays as written
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("error");
        const QString value = QStringLiteral("--value");
        QTest::newRow("no topic") << QStringList {} << "--topic is required.";
        QTest::newRow("header without =") << QStringList {QStringLiteral("--header"), QStringLiteral("oops")}
                                          << "--header expects key=value, got 'oops'.";
        QTest::newRow("header without name") << QStringList {QStringLiteral("--header"), QStringLiteral("=v")}
                                             << "--header expects key=value, got '=v'.";
        QTest::newRow("negative partition") << QStringList {QStringLiteral("--partition"),
            QStringLiteral("-1")} << "--partition expects a partition number, got '-1'.";
        QTest::newRow("rate not a number")
            << QStringList {value, QStringLiteral("x"), QStringLiteral("--rate"), QStringLiteral("fast")}
            << "--rate expects records per second, above 0 and at most 10000000, got 'fast'.";
        QTest::newRow("rate zero") << QStringList {QStringLiteral("--rate"),
            QStringLiteral(
                "0")} << "--rate expects records per second, above 0 and at most 10000000, got '0'.";
        QTest::newRow("rate negative")
            << QStringList {QStringLiteral("--rate"), QStringLiteral("-5")}
            << "--rate expects records per second, above 0 and at most 10000000, got '-5'.";
        QTest::newRow("rate infinite")
            << QStringList {QStringLiteral("--rate"), QStringLiteral("inf")}
            << "--rate expects records per second, above 0 and at most 10000000, got 'inf'.";
        QTest::newRow("rate too high")
            << QStringList {QStringLiteral("--rate"), QStringLiteral("1e9")}
            << "--rate expects records per second, above 0 and at most 10000000, got '1e9'.";
        QTest::newRow("count not a number")
            << QStringList {value, QStringLiteral("x"), QStringLiteral("--count"), QStringLiteral("ten")}
            << "--count expects a whole number of records, got 'ten'.";
        QTest::newRow("count negative") << QStringList {value, QStringLiteral("x"), QStringLiteral("--count"),
            QStringLiteral("-3")} << "--count expects a whole number of records, got '-3'.";
        QTest::newRow("count fractional")
            << QStringList {value, QStringLiteral("x"), QStringLiteral("--count"), QStringLiteral("2.5")}
            << "--count expects a whole number of records, got '2.5'.";
        QTest::newRow("count 0 unpaced")
            << QStringList {value, QStringLiteral("x"), QStringLiteral("--count"), QStringLiteral("0")}
            << "--count 0 sends until interrupted, which needs a --rate.";
        QTest::newRow("count without value") << QStringList {QStringLiteral("--count"),
            QStringLiteral("3")} << "--count needs --value: standard input sends one record per line.";
        QTest::newRow("key without value")
            << QStringList {QStringLiteral("--key"), QStringLiteral("k")}
            << "--key needs --value; for keys on standard input use --property parse.key=true.";
        QTest::newRow("parse.key with value")
            << QStringList {value, QStringLiteral("x"), QStringLiteral("--property"),
                   QStringLiteral("parse.key=true")}
            << "parse.key, key.separator and null.marker read standard input; they do not apply to --value "
               "records.";
        QTest::newRow("subject and schema id") << QStringList {QStringLiteral("--value-subject"),
            QStringLiteral("s"), QStringLiteral("--value-schema-id"), QStringLiteral("3")}
                                               << "Give --value-subject or --value-schema-id, not both.";
        QTest::newRow("schema id not a number")
            << QStringList {QStringLiteral("--key-schema-id"), QStringLiteral("abc")}
            << "--key-schema-id expects a schema id (a whole number above 0), got 'abc'.";
        QTest::newRow("schema id zero")
            << QStringList {QStringLiteral("--value-schema-id"), QStringLiteral("0")}
            << "--value-schema-id expects a schema id (a whole number above 0), got '0'.";
        QTest::newRow("empty subject") << QStringList {QStringLiteral("--value-subject"), QStringLiteral(" ")}
                                       << "--value-subject expects a subject name.";
        QTest::newRow("version without subject") << QStringList {QStringLiteral("--value-version"),
            QStringLiteral("2")} << "--value-version needs --value-subject.";
        QTest::newRow("version not a number") << QStringList {QStringLiteral("--value-subject"),
            QStringLiteral("s"), QStringLiteral("--value-version"),
            QStringLiteral("two")} << "--value-version expects a version number or 'latest', got 'two'.";
        QTest::newRow("message without schema") << QStringList {QStringLiteral("--key-message"),
            QStringLiteral("a.B")} << "--key-message needs --key-subject or --key-schema-id.";
        QTest::newRow("empty key.separator") << QStringList {QStringLiteral("--property"),
            QStringLiteral("key.separator=")} << "key.separator must not be empty.";
    }

    void badValuesAreRefused()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, error);
        // A topic unless the row is about the topic, so that each row fails for its own reason.
        const bool aboutTopic = QByteArray(QTest::currentDataTag()) == "no topic";
        const Parsed p = parse(
            (aboutTopic ? QStringList {} : QStringList {QStringLiteral("--topic"), QStringLiteral("t")})
            + options);
        QVERIFY(!p.request);
        QCOMPARE(p.error, error);
    }
};

QTEST_GUILESS_MAIN(TestProduceOptions)
#include "tst_produceoptions.moc"
