// `edis topics`'s options as a request: the action, a new topic's partitions, replication factor
// and configs, an alteration's partitions and config changes, and a clear refusal (naming the
// option and what it expects) for every bad value.

#include "clicommon.h"
#include "optionparsing.h"
#include "topicsoptions.h"

#include <QTest>

using edis::cli::TopicsRequest;
using Action = TopicsRequest::Action;

namespace {

using Parsed = edis::test::ParsedOptions<TopicsRequest>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<TopicsRequest>("edis topics", edis::cli::addTopicsOptions, arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *, QString *error) {
            return edis::cli::topicsRequestFromOptions(parser, error);
        });
}

} // namespace

Q_DECLARE_METATYPE(TopicsRequest::Action)

class TestTopicsOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachActionByItsOption_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<Action>("action");
        QTest::newRow("list") << "--list" << Action::List;
        QTest::newRow("describe") << "--describe" << Action::Describe;
        QTest::newRow("create") << "--create --topic t" << Action::Create;
        QTest::newRow("alter") << "--alter --topic t --partitions 2" << Action::Alter;
        QTest::newRow("delete") << "--delete --topic t" << Action::Delete;
    }

    void eachActionByItsOption()
    {
        QFETCH(QString, options);
        QFETCH(Action, action);
        const Parsed p = parse(words(options));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, action);
    }

    void listAndDescribeFilters()
    {
        const Parsed p = parse(words("--describe --topic orders --configs --exclude-internal --json"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->topic, QStringLiteral("orders"));
        QVERIFY(p.request->withConfigs);
        QVERIFY(p.request->excludeInternal);
        QVERIFY(p.request->json);
        const Parsed all = parse(words("--list"));
        QVERIFY(all.request->topic.isEmpty()); // every topic
        QVERIFY(!all.request->excludeInternal);
        QVERIFY(!all.request->json);
    }

    void createTakesPartitionsReplicationAndConfigs()
    {
        const Parsed p = parse(words("--create --topic orders --partitions 6 --replication-factor 3 "
                                     "--config retention.ms=1000 --config cleanup.policy=compact,delete"));
        QVERIFY2(p.request, qPrintable(p.error));
        const edis::kafka::NewTopic &t = p.request->newTopic;
        QCOMPARE(t.name, QStringLiteral("orders"));
        QCOMPARE(t.partitions, 6);
        QCOMPARE(t.replicationFactor, 3);
        const std::map<std::string, std::string> configs {
            {"cleanup.policy", "compact,delete"}, {"retention.ms", "1000"}};
        QCOMPARE(t.configs, configs);
    }

    void createDefaultsToOnePartitionAndTheBrokersReplication()
    {
        const Parsed p = parse(words("--create --topic t"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->newTopic.partitions, 1);
        QCOMPARE(p.request->newTopic.replicationFactor, -1);
        QVERIFY(p.request->newTopic.configs.empty());
    }

    void alterTakesPartitionsAndConfigChanges()
    {
        const Parsed p = parse({QStringLiteral("--alter"), QStringLiteral("--topic"), QStringLiteral("t"),
            QStringLiteral("--add-config"), QStringLiteral(" retention.ms =5"),
            QStringLiteral("--delete-config"), QStringLiteral(" cleanup.policy ")});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(!p.request->alterPartitions); // --partitions not given: left alone
        const std::map<std::string, std::string> set {{"retention.ms", "5"}};
        QCOMPARE(p.request->configChanges.set, set);
        const std::set<std::string> removed {"cleanup.policy"};
        QCOMPARE(p.request->configChanges.remove, removed);

        const Parsed grow = parse(words("--alter --topic t --partitions 12"));
        QVERIFY2(grow.request, qPrintable(grow.error));
        QCOMPARE(grow.request->alterPartitions, std::optional<int>(12));
        QVERIFY(grow.request->configChanges.isEmpty());
    }

    void badValuesAreRefusedByName_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("error");
        const QString actions
            = QStringLiteral("Give exactly one of --list, --describe, --create, --alter, --delete.");
        QTest::newRow("no action") << words("--topic t") << actions;
        QTest::newRow("two actions") << words("--list --describe") << actions;
        QTest::newRow("create without topic")
            << words("--create --partitions 3") << "--create needs --topic.";
        QTest::newRow("create zero partitions") << words("--create --topic t --partitions 0")
                                                << "--partitions expects a positive number, got '0'.";
        QTest::newRow("create partitions text") << words("--create --topic t --partitions many")
                                                << "--partitions expects a positive number, got 'many'.";
        QTest::newRow("create replication text")
            << words("--create --topic t --replication-factor two")
            << "--replication-factor expects a number (-1: the broker's default), got 'two'.";
        QTest::newRow("create config without =")
            << words("--create --topic t --config novalue") << "--config expects key=value, got 'novalue'.";
        QTest::newRow("create config without key")
            << words("--create --topic t --config =1") << "--config expects key=value, got '=1'.";
        const QString alterNeeds = QStringLiteral(
            "--alter needs --topic and at least one of --partitions, --add-config, --delete-config.");
        QTest::newRow("alter without change") << words("--alter --topic t") << alterNeeds;
        QTest::newRow("alter without topic") << words("--alter --partitions 3") << alterNeeds;
        QTest::newRow("alter zero partitions") << words("--alter --topic t --partitions 0")
                                               << "--partitions expects a positive number, got '0'.";
        QTest::newRow("alter negative partitions") << words("--alter --topic t --partitions -2")
                                                   << "--partitions expects a positive number, got '-2'.";
        QTest::newRow("add-config without =") << words("--alter --topic t --add-config novalue")
                                              << "--add-config expects key=value, got 'novalue'.";
        QTest::newRow("delete-config blank") << QStringList {QStringLiteral("--alter"),
            QStringLiteral("--topic"), QStringLiteral("t"), QStringLiteral("--delete-config"),
            QStringLiteral(" ")} << "--delete-config expects a config name.";
        QTest::newRow("delete without topic") << words("--delete") << "--delete needs --topic.";
    }

    void badValuesAreRefusedByName()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, error);
        const Parsed p = parse(options);
        QVERIFY(!p.request);
        QCOMPARE(p.error, error);
    }
};

QTEST_GUILESS_MAIN(TestTopicsOptions)
#include "tst_topicsoptions.moc"
