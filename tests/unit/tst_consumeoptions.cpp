// `edis consume`'s options as a request: the start position, partitions, stop conditions,
// filter, output format and the formatter's properties, and a clear refusal (naming the option
// and what it expects) for every bad value.

#include "clicommon.h"
#include "consumeoptions.h"
#include "optionparsing.h"

#include <QTest>

using edis::cli::ConsumeCommand;
using edis::cli::ConsumeOutput;
using edis::inspect::StartPosition;

namespace {

using Parsed = edis::test::ParsedOptions<ConsumeCommand>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<ConsumeCommand>("edis consume", edis::cli::addConsumeOptions,
        arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *connection, QString *error) {
            return edis::cli::consumeCommandFromOptions(parser, connection, error);
        });
}

} // namespace

Q_DECLARE_METATYPE(StartPosition::Kind)

class TestConsumeOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newRecordsOfEveryPartitionByDefault()
    {
        const Parsed p = parse(words("--topic orders"));
        QVERIFY2(p.request, qPrintable(p.error));
        const auto &request = p.request->request;
        QCOMPARE(request.topics.size(), std::size_t(1));
        QCOMPARE(request.topics[0].topic, QStringLiteral("orders"));
        QCOMPARE(request.topics[0].start.kind, StartPosition::Kind::End);
        QVERIFY(request.topics[0].partitions.empty());
        QCOMPARE(request.maxMessages, uint64_t(0));
        QVERIFY(!request.stopAtEnd);
        QVERIFY(!request.stopAtTimestampMs);
        QVERIFY(!request.filter);
        QCOMPARE(p.request->idleTimeoutMs, int64_t(-1));
        QCOMPARE(p.request->output.format, ConsumeOutput::Format::Text);
    }

    void startPositions_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<StartPosition::Kind>("kind");
        QTest::addColumn<qint64>("value");
        QTest::newRow("from-beginning") << "--from-beginning" << StartPosition::Kind::Beginning << 0LL;
        QTest::newRow("offset n") << "--offset 42" << StartPosition::Kind::Offset << 42LL;
        QTest::newRow("offset earliest") << "--offset earliest" << StartPosition::Kind::Beginning << 0LL;
        QTest::newRow("offset latest") << "--offset latest" << StartPosition::Kind::End << 0LL;
        QTest::newRow("timestamp") << "--timestamp 1700000000000" << StartPosition::Kind::Timestamp
                                   << 1700000000000LL;
        QTest::newRow("last") << "--last 10" << StartPosition::Kind::LastN << 10LL;
    }

    void startPositions()
    {
        QFETCH(QString, options);
        QFETCH(StartPosition::Kind, kind);
        QFETCH(qint64, value);
        const Parsed p = parse(
            QStringList {QStringLiteral("--topic"), QStringLiteral("t")} + options.split(QLatin1Char(' ')));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->request.topics[0].start.kind, kind);
        QCOMPARE(p.request->request.topics[0].start.value, value);
    }

    void stopsPartitionsAndFilter()
    {
        const Parsed p = parse(words("--topic t --partition 2 --partition 0 --max-messages 5 --until-end "
                                     "--stop-at-timestamp 1700000000000 --timeout-ms 800 --format kcat-json "
                                     "--filter value.status==\"PAID\""));
        QVERIFY2(p.request, qPrintable(p.error));
        const auto &request = p.request->request;
        QCOMPARE(request.topics[0].partitions, (std::vector<int32_t> {2, 0}));
        QCOMPARE(request.maxMessages, uint64_t(5));
        QVERIFY(request.stopAtEnd);
        QCOMPARE(request.stopAtTimestampMs.value_or(-1), int64_t(1700000000000));
        QCOMPARE(p.request->idleTimeoutMs, int64_t(800));
        QCOMPARE(p.request->output.format, ConsumeOutput::Format::KcatJson);
        QVERIFY(request.filter);
    }

    void formatterPropertiesLeaveTheClientProperties()
    {
        const Parsed p = parse(words("--topic t --property print.key=true --property print.offset=1 "
                                     "--property key.separator=| --property null.literal=NIL "
                                     "--property print.value=false --property fetch.min.bytes=1"));
        QVERIFY2(p.request, qPrintable(p.error));
        const ConsumeOutput &out = p.request->output;
        QVERIFY(out.printKey);
        QVERIFY(out.printOffset);
        QVERIFY(!out.printValue);
        QVERIFY(!out.printTimestamp);
        QCOMPARE(out.keySeparator, std::string("|"));
        QCOMPARE(out.nullLiteral, std::string("NIL"));
        // What librdkafka would refuse is gone; what is its own stays.
        QCOMPARE(p.connection.properties.count("print.key"), std::size_t(0));
        QCOMPARE(p.connection.properties.count("key.separator"), std::size_t(0));
        QCOMPARE(p.connection.properties.at("fetch.min.bytes"), std::string("1"));
    }

    void badValuesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("named");
        QTest::newRow("no topic") << "--from-beginning"
                                  << "--topic";
        QTest::newRow("two starts") << "--topic t --from-beginning --last 3"
                                    << "at most one";
        QTest::newRow("negative offset") << "--topic t --offset -1"
                                         << "--offset";
        QTest::newRow("word offset") << "--topic t --offset middle"
                                     << "--offset";
        QTest::newRow("timestamp text") << "--topic t --timestamp yesterday"
                                        << "--timestamp";
        QTest::newRow("negative last") << "--topic t --last -4"
                                       << "--last";
        QTest::newRow("partition text") << "--topic t --partition two"
                                        << "--partition";
        QTest::newRow("negative partition") << "--topic t --partition -1"
                                            << "--partition";
        QTest::newRow("zero max") << "--topic t --max-messages 0"
                                  << "--max-messages";
        QTest::newRow("stop text") << "--topic t --stop-at-timestamp soon"
                                   << "--stop-at-timestamp";
        QTest::newRow("zero idle") << "--topic t --timeout-ms 0"
                                   << "--timeout-ms";
        QTest::newRow("format") << "--topic t --format xml"
                                << "--format";
        QTest::newRow("filter") << "--topic t --filter value.status=="
                                << "--filter";
    }

    void badValuesAreRefusedByName()
    {
        QFETCH(QString, options);
        QFETCH(QString, named);
        const Parsed p = parse(options.split(QLatin1Char(' ')));
        QVERIFY(!p.request);
        QVERIFY2(p.error.contains(named), qPrintable(p.error));
    }
};

QTEST_GUILESS_MAIN(TestConsumeOptions)
#include "tst_consumeoptions.moc"
