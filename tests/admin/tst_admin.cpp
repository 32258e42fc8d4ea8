// Topic and consumer-group administration (edis_core and the edis CLI) against the real Apache
// Kafka broker started by tests/run.sh. Records and commits come from independent librdkafka
// clients (kafkatestclients.h), so expected offsets and lags are known exactly.

#include "kafka/groupadmin.h"
#include "kafka/kafkaclient.h"
#include "kafka/topicadmin.h"
#include "kafkatestclients.h"

// Records are deleted with a raw librdkafka call (the kafka layer has no DeleteRecords).
#include <librdkafka/rdkafka.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <thread>

using namespace std::chrono_literals;
using namespace edis::kafka;
using Kind = KafkaError::Kind;
using Target = OffsetResetSpec::Target;

namespace {

constexpr int kPartitions = 3;
constexpr int kPerPartition = 100;
constexpr int kCommitted = 40;
/// Record i of every partition of the group topic carries kFirstTimestamp + i seconds.
constexpr int64_t kFirstTimestamp = 1'700'000'000'000;

QString unique(const char *stem)
{
    return QStringLiteral("%1.%2").arg(
        QLatin1String(stem), QUuid::createUuid().toString(QUuid::Id128).left(8));
}

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

CliResult runEdis(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("EDIS_TEST_BINARY_DIR") + QStringLiteral("/app/cli/edis"), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QMap<QString, ConfigEntry> byName(const QList<ConfigEntry> &entries)
{
    QMap<QString, ConfigEntry> out;
    for (const auto &e : entries) {
        out.insert(e.name, e);
    }
    return out;
}

QMap<QString, QString> overridesOf(const QList<ConfigEntry> &entries)
{
    QMap<QString, QString> out;
    for (const auto &e : entries) {
        if (e.isOverride()) {
            out.insert(e.name, e.value);
        }
    }
    return out;
}

} // namespace

class TestAdmin : public QObject {
    Q_OBJECT
private:
    QString bootstrap_;
    std::unique_ptr<KafkaClient> client_;
    QString groupTopic_; ///< kPartitions × kPerPartition records with known timestamps

    /// Creates a topic and waits until the broker serves it: CreateTopics returns once the
    /// controller has it, a moment before every broker answers for it.
    bool createTopic(const NewTopic &topic)
    {
        if (const KafkaError err = client_->createTopic(topic, 15s)) {
            qWarning("create %s: %s", qPrintable(topic.name), qPrintable(err.message));
            return false;
        }
        return waitForPartitions(topic.name, topic.partitions);
    }

    /// Independent of the code under test: librdkafka's DeleteRecords, straight.
    bool deleteRecordsBefore(const QString &topic, int32_t partition, int64_t offset)
    {
        rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, topic.toUtf8().constData(), partition)->offset = offset;
        rd_kafka_DeleteRecords_t *request = rd_kafka_DeleteRecords_new(list);
        rd_kafka_topic_partition_list_destroy(list);
        rd_kafka_queue_t *queue = rd_kafka_queue_new(client_->handle());
        rd_kafka_DeleteRecords(client_->handle(), &request, 1, nullptr, queue);
        rd_kafka_DeleteRecords_destroy(request);
        rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 15000);
        bool ok = event && !rd_kafka_event_error(event);
        if (ok) {
            const rd_kafka_topic_partition_list_t *offsets
                = rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(event));
            ok = offsets && offsets->cnt == 1 && !offsets->elems[0].err;
        }
        if (event) {
            rd_kafka_event_destroy(event);
        }
        rd_kafka_queue_destroy(queue);
        return ok;
    }

    bool waitForPartitions(const QString &topic, int partitions)
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            const auto d = describeTopics(*client_, {topic}, 5s);
            if (d.ok() && d.value.first().info.partitions.size() == partitions
                && std::all_of(d.value.first().watermarks.cbegin(), d.value.first().watermarks.cend(),
                    [](const PartitionWatermarks &w) { return w.known(); })
                && describeTopicConfigs(*client_, topic, 5s).ok()) {
                return true;
            }
            QTest::qWait(100);
        }
        return false;
    }

    /// A group that has committed kCommitted on every partition of groupTopic_ and left.
    QString makeGroupWithCommits()
    {
        QString group = unique("edis.admin.group");
        edis::test::GroupConsumer consumer(bootstrap_, group, groupTopic_);
        if (!consumer.error().isEmpty() || !consumer.waitForAssignment(kPartitions, 30s)
            || !consumer.consumeAndCommit(kCommitted, 30s)) {
            qWarning("group consumer failed: %s", qPrintable(consumer.error()));
            return {};
        }
        consumer.close();
        return group;
    }

private Q_SLOTS:
    void initTestCase()
    {
        bootstrap_ = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
        if (bootstrap_.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts a "
                  "real broker");
        }
        ConnectionSettings s;
        s.bootstrapServers = bootstrap_;
        KafkaError error;
        client_ = KafkaClient::create(s, &error);
        QVERIFY2(client_, qPrintable(error.message));

        groupTopic_ = unique("edis.admin.lag");
        // Records carry timestamps from 2023: keep them whatever the broker's retention is.
        QVERIFY(createTopic({groupTopic_, kPartitions, 1, {{"retention.ms", "-1"}}}));
        std::map<int32_t, int> counts;
        for (int p = 0; p < kPartitions; ++p) {
            counts[p] = kPerPartition;
        }
        const QString produced
            = edis::test::produceRecords(bootstrap_, groupTopic_, counts, kFirstTimestamp, 1000);
        QVERIFY2(produced.isEmpty(), qPrintable(produced));
    }

    void watermarksPerPartition()
    {
        const QString topic = unique("edis.admin.marks");
        QVERIFY(createTopic({topic, 6, 1, {}}));
        std::map<int32_t, int> counts {{0, 0}, {1, 1}, {2, 7}, {3, 30}, {4, 2}, {5, 11}};
        QCOMPARE(edis::test::produceRecords(bootstrap_, topic, counts), QString());

        const auto described = describeTopics(*client_, {topic}, 15s);
        QVERIFY2(described.ok(), qPrintable(described.error.message));
        QCOMPARE(described.value.size(), 1);
        const TopicDescription &d = described.value.first();
        QCOMPARE(d.watermarks.size(), 6);
        int64_t expectedTotal = 0;
        for (const auto &w : d.watermarks) {
            QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
            QCOMPARE(w.topic, topic);
            QCOMPARE(w.low, 0);
            QCOMPARE(w.high, counts.at(w.partition));
            expectedTotal += counts.at(w.partition);
        }
        QCOMPARE(d.messageCount(), expectedTotal);

        // Move the log start of partition 3 (DeleteRecords): the low watermark must follow, so
        // the "earliest" lookup really asks the broker and does not assume 0.
        QVERIFY2(deleteRecordsBefore(topic, 3, 4), "DeleteRecords failed");
        const auto after = describeTopics(*client_, {topic}, 15s);
        QVERIFY(after.ok());
        QCOMPARE(after.value.first().watermarks.at(3).low, 4);
        QCOMPARE(after.value.first().watermarks.at(3).high, 30);
        QCOMPARE(after.value.first().messageCount(), expectedTotal - 4);
        QVERIFY(!client_->deleteTopic(topic, 15s));
    }

    void describeUnknownTopicFails()
    {
        const auto described = describeTopics(*client_, {unique("edis.admin.missing")}, 15s);
        QCOMPARE(described.error.kind, Kind::UnknownTopic);
        const auto configs = describeTopicConfigs(*client_, unique("edis.admin.missing"), 15s);
        QCOMPARE(configs.error.kind, Kind::UnknownTopic);
    }

    void topicConfigsShowSourceAndDocumentation()
    {
        const QString topic = unique("edis.admin.cfg");
        QVERIFY(createTopic({topic, 1, 1, {{"retention.ms", "3600000"}}}));
        const auto configs = describeTopicConfigs(*client_, topic, 15s);
        QVERIFY2(configs.ok(), qPrintable(configs.error.message));
        const auto entries = byName(configs.value);
        QVERIFY(entries.contains(QStringLiteral("retention.ms")));
        const ConfigEntry retention = entries.value(QStringLiteral("retention.ms"));
        QCOMPARE(retention.value, QStringLiteral("3600000"));
        QCOMPARE(retention.source, ConfigSource::DynamicTopic);
        QVERIFY(retention.isOverride());
        QVERIFY(!retention.isDefault);
        QVERIFY(!retention.documentation.isEmpty());
        const ConfigEntry segment = entries.value(QStringLiteral("segment.bytes"));
        QVERIFY(!segment.isOverride());
        QVERIFY(segment.source != ConfigSource::DynamicTopic);
        QVERIFY(!segment.value.isEmpty());
        QVERIFY(!client_->deleteTopic(topic, 15s));
    }

    void alterConfigsKeepsOtherOverrides_data()
    {
        QTest::addColumn<QStringList>("initial"); // k=v created with the topic
        QTest::addColumn<QStringList>("set");
        QTest::addColumn<QStringList>("remove");
        QTest::addColumn<QStringList>("expected"); // the overrides afterwards

        QTest::newRow("add to existing")
            << QStringList {"retention.ms=3600000"} << QStringList {"max.message.bytes=200000"}
            << QStringList {} << QStringList {"max.message.bytes=200000", "retention.ms=3600000"};
        QTest::newRow("change one of two") << QStringList {"retention.ms=3600000", "segment.ms=7200000"}
                                           << QStringList {"retention.ms=60000"} << QStringList {}
                                           << QStringList {"retention.ms=60000", "segment.ms=7200000"};
        QTest::newRow("remove one of two")
            << QStringList {"retention.ms=3600000", "cleanup.policy=compact"} << QStringList {}
            << QStringList {"retention.ms"} << QStringList {"cleanup.policy=compact"};
        QTest::newRow("set and remove")
            << QStringList {"retention.ms=3600000"} << QStringList {"cleanup.policy=compact,delete"}
            << QStringList {"retention.ms"} << QStringList {"cleanup.policy=compact,delete"};
        QTest::newRow("remove missing is fine")
            << QStringList {"segment.ms=7200000"} << QStringList {} << QStringList {"retention.ms"}
            << QStringList {"segment.ms=7200000"};
    }

    void alterConfigsKeepsOtherOverrides()
    {
        QFETCH(QStringList, initial);
        QFETCH(QStringList, set);
        QFETCH(QStringList, remove);
        QFETCH(QStringList, expected);
        auto split = [](const QString &kv) { return std::pair {kv.section('=', 0, 0), kv.section('=', 1)}; };
        NewTopic nt {unique("edis.admin.alter"), 1, 1, {}};
        for (const auto &kv : initial) {
            nt.configs[split(kv).first.toStdString()] = split(kv).second.toStdString();
        }
        QVERIFY(createTopic(nt));
        ConfigChanges changes;
        for (const auto &kv : set) {
            changes.set[split(kv).first.toStdString()] = split(kv).second.toStdString();
        }
        for (const auto &k : remove) {
            changes.remove.insert(k.toStdString());
        }
        const KafkaError err = alterTopicConfigs(*client_, nt.name, changes, 15s);
        QVERIFY2(!err, qPrintable(err.message));
        QMap<QString, QString> want;
        for (const auto &kv : expected) {
            want.insert(split(kv).first, split(kv).second);
        }
        // The broker applies config changes asynchronously (KRaft metadata), so a read right
        // after the write may still show the old overrides for a moment.
        QTRY_COMPARE_WITH_TIMEOUT(
            overridesOf(describeTopicConfigs(*client_, nt.name, 15s).value), want, 10000);
        QVERIFY(!client_->deleteTopic(nt.name, 15s));
    }

    void alterConfigRejectsInvalidValue()
    {
        const QString topic = unique("edis.admin.badcfg");
        QVERIFY(createTopic({topic, 1, 1, {{"retention.ms", "3600000"}}}));
        const KafkaError err
            = alterTopicConfigs(*client_, topic, {{{"cleanup.policy", "sometimes"}}, {}}, 15s);
        QVERIFY(err);
        QVERIFY2(!err.message.isEmpty(), "the broker's reason must reach the user");
        // The failed request must not have wiped the existing override.
        const auto after = describeTopicConfigs(*client_, topic, 15s);
        QCOMPARE(overridesOf(after.value).value(QStringLiteral("retention.ms")), QStringLiteral("3600000"));
        QVERIFY(!client_->deleteTopic(topic, 15s));
    }

    void createPartitionsGrowsAndRefusesShrink()
    {
        const QString topic = unique("edis.admin.parts");
        QVERIFY(createTopic({topic, 2, 1, {}}));
        QVERIFY(!createPartitions(*client_, topic, 5, 15s));
        QVERIFY(waitForPartitions(topic, 5));
        const auto described = describeTopics(*client_, {topic}, 15s);
        QVERIFY(described.ok());
        QCOMPARE(described.value.first().info.partitions.size(), 5);
        QCOMPARE(described.value.first().watermarks.size(), 5);
        const KafkaError shrink = createPartitions(*client_, topic, 3, 15s);
        QCOMPARE(shrink.kind, Kind::InvalidRequest);
        QCOMPARE(createPartitions(*client_, unique("edis.admin.nope"), 3, 15s).kind, Kind::UnknownTopic);
        QVERIFY(!client_->deleteTopic(topic, 15s));
    }

    void groupLagIsExact()
    {
        const QString group = makeGroupWithCommits();
        QVERIFY(!group.isEmpty());
        const auto listed = listGroups(*client_, 15s);
        QVERIFY2(listed.ok(), qPrintable(listed.error.message));
        const auto it = std::find_if(listed.value.cbegin(), listed.value.cend(),
            [&](const GroupListing &g) { return g.groupId == group; });
        QVERIFY(it != listed.value.cend());
        QCOMPARE(it->state, QStringLiteral("Empty"));

        const auto details = fetchGroupDetails(*client_, group, 15s);
        QVERIFY2(details.ok(), qPrintable(details.error.message));
        QCOMPARE(details.value.description.members.size(), 0);
        QCOMPARE(details.value.offsets.size(), kPartitions);
        for (int p = 0; p < kPartitions; ++p) {
            const PartitionLag &lag = details.value.offsets.at(p);
            QCOMPARE(lag.topic, groupTopic_);
            QCOMPARE(lag.partition, p);
            QCOMPARE(lag.committed, kCommitted);
            QCOMPARE(lag.logEnd, kPerPartition);
            QCOMPARE(lag.lag(), kPerPartition - kCommitted);
        }
        QCOMPARE(details.value.totalLag(), int64_t(kPartitions) * (kPerPartition - kCommitted));
    }

    void describeActiveGroupShowsMembers()
    {
        const QString group = unique("edis.admin.active");
        edis::test::GroupConsumer consumer(bootstrap_, group, groupTopic_);
        QVERIFY2(consumer.waitForAssignment(kPartitions, 30s), qPrintable(consumer.error()));
        const auto description = describeGroup(*client_, group, 15s);
        QVERIFY2(description.ok(), qPrintable(description.error.message));
        QCOMPARE(description.value.state, QStringLiteral("Stable"));
        QCOMPARE(description.value.members.size(), 1);
        const GroupMember &m = description.value.members.first();
        QCOMPARE(m.clientId, QStringLiteral("edis-admin-test"));
        QVERIFY(!m.host.isEmpty());
        QCOMPARE(m.assignment.size(), kPartitions);
        QVERIFY(description.value.coordinatorId >= 0);
    }

    void resetPreview_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("earliest") << int(Target::Earliest) << qint64(0) << qint64(0);
        QTest::newRow("latest") << int(Target::Latest) << qint64(0) << qint64(kPerPartition);
        QTest::newRow("offset") << int(Target::Offset) << qint64(70) << qint64(70);
        QTest::newRow("offset past the end is clamped")
            << int(Target::Offset) << qint64(1000) << qint64(kPerPartition);
        QTest::newRow("timestamp of record 25")
            << int(Target::Timestamp) << qint64(kFirstTimestamp + 25'000) << qint64(25);
        QTest::newRow("timestamp between records")
            << int(Target::Timestamp) << qint64(kFirstTimestamp + 25'500) << qint64(26);
        QTest::newRow("timestamp after the last record")
            << int(Target::Timestamp) << qint64(kFirstTimestamp + 10'000'000) << qint64(kPerPartition);
    }

    void resetPreview()
    {
        QFETCH(int, target);
        QFETCH(qint64, value);
        QFETCH(qint64, expected);
        const QString group = makeGroupWithCommits();
        QVERIFY(!group.isEmpty());
        OffsetResetSpec spec {static_cast<Target>(target), value, {groupTopic_}};
        const auto plan = planOffsetReset(*client_, group, spec, 15s);
        QVERIFY2(plan.ok(), qPrintable(plan.error.message));
        QCOMPARE(plan.value.size(), kPartitions);
        for (int p = 0; p < kPartitions; ++p) {
            QCOMPARE(plan.value.at(p), (OffsetResetRow {groupTopic_, p, kCommitted, expected}));
        }
        // A preview changes nothing.
        const auto lag = fetchGroupLag(*client_, group, 15s);
        QVERIFY(lag.ok());
        for (const auto &p : lag.value) {
            QCOMPARE(p.committed, kCommitted);
        }
    }

    void resetApplyIsReadBack()
    {
        const QString group = makeGroupWithCommits();
        QVERIFY(!group.isEmpty());
        const auto plan = planOffsetReset(*client_, group, {Target::Offset, 70, {}}, 15s);
        QVERIFY2(plan.ok(), qPrintable(plan.error.message));
        const KafkaError applied = applyOffsetReset(*client_, group, plan.value, 15s);
        QVERIFY2(!applied, qPrintable(applied.message));
        const auto lag = fetchGroupLag(*client_, group, 15s);
        QVERIFY(lag.ok());
        QCOMPARE(lag.value.size(), kPartitions);
        for (const auto &p : lag.value) {
            QCOMPARE(p.committed, 70);
            QCOMPARE(p.lag(), kPerPartition - 70);
        }
    }

    void resetAndDeleteRefusedWhileMemberActive()
    {
        const QString group = unique("edis.admin.busy");
        edis::test::GroupConsumer consumer(bootstrap_, group, groupTopic_);
        QVERIFY2(consumer.waitForAssignment(kPartitions, 30s), qPrintable(consumer.error()));
        QVERIFY(consumer.consumeAndCommit(kCommitted, 30s));
        const auto plan = planOffsetReset(*client_, group, {Target::Earliest, 0, {groupTopic_}}, 15s);
        QVERIFY(plan.ok()); // previewing is always allowed
        const KafkaError refused = applyOffsetReset(*client_, group, plan.value, 15s);
        QCOMPARE(refused.kind, Kind::InvalidRequest);
        QVERIFY2(refused.message.contains(QStringLiteral("active member")), qPrintable(refused.message));
        const auto lag = fetchGroupLag(*client_, group, 15s);
        for (const auto &p : lag.value) {
            QCOMPARE(p.committed, kCommitted); // untouched
        }
        const KafkaError deleteRefused = deleteGroup(*client_, group, 15s);
        QCOMPARE(deleteRefused.kind, Kind::InvalidRequest);

        const CliResult cli = runEdis({"groups", "--bootstrap-server", bootstrap_, "--reset-offsets",
            "--group", group, "--topic", groupTopic_, "--to-earliest", "--execute"});
        QCOMPARE(cli.exitCode, 1);
        QVERIFY2(cli.err.contains(QStringLiteral("active member")), qPrintable(cli.err));
    }

    void deleteGroupRemovesIt()
    {
        const QString group = makeGroupWithCommits();
        QVERIFY(!group.isEmpty());
        QVERIFY(!deleteGroup(*client_, group, 15s));
        QCOMPARE(describeGroup(*client_, group, 15s).error.kind, Kind::UnknownGroup);
        const auto listed = listGroups(*client_, 15s);
        QVERIFY(std::none_of(listed.value.cbegin(), listed.value.cend(),
            [&](const GroupListing &g) { return g.groupId == group; }));
        QCOMPARE(deleteGroup(*client_, group, 15s).kind, Kind::UnknownGroup);
    }

    void sandboxRefusesAdmin()
    {
        ConnectionSettings s;
        s.bootstrapServers = QStringLiteral("127.0.0.1:1");
        s.isSandbox = true;
        KafkaError error;
        auto sandbox = KafkaClient::create(s, &error);
        QVERIFY(sandbox);
        QCOMPARE(describeTopicConfigs(*sandbox, "t", 1s).error.kind, Kind::NotSupported);
        QCOMPARE(listGroups(*sandbox, 1s).error.kind, Kind::NotSupported);
        QCOMPARE(createPartitions(*sandbox, "t", 2, 1s).kind, Kind::NotSupported);
        QVERIFY(listGroups(*sandbox, 1s).error.message.contains(QStringLiteral("sandbox")));
    }

    // ---- the CLI ----

    void cliTopicLifecycle()
    {
        const QString topic = unique("edis.admin.cli");
        const QStringList conn {"--bootstrap-server", bootstrap_};
        CliResult r = runEdis(
            QStringList {"topics"} + conn + QStringList {"--create", "--topic", topic, "--partitions", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(edis::test::produceRecords(bootstrap_, topic, {{0, 5}, {1, 3}}), QString());

        r = runEdis(QStringList {"topics"} + conn
            + QStringList {"--alter", "--topic", topic, "--partitions", "4", "--add-config",
                "retention.ms=120000", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runEdis(QStringList {"topics"} + conn
            + QStringList {"--alter", "--topic", topic, "--add-config", "cleanup.policy=compact,delete"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        r = runEdis(QStringList {"topics"} + conn
            + QStringList {"--describe", "--topic", topic, "--configs", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject d = r.json().array().first().toObject();
        QCOMPARE(d.value("topic").toString(), topic);
        QCOMPARE(d.value("messages").toInteger(), 8);
        const QJsonArray parts = d.value("partitions").toArray();
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts.at(0).toObject().value("high_watermark").toInteger(), 5);
        QCOMPARE(parts.at(1).toObject().value("high_watermark").toInteger(), 3);
        QCOMPARE(parts.at(3).toObject().value("high_watermark").toInteger(), 0);
        QMap<QString, QString> overrides;
        for (const auto &c : d.value("configs").toArray()) {
            if (c.toObject().value("is_override").toBool()) {
                overrides.insert(
                    c.toObject().value("name").toString(), c.toObject().value("value").toString());
            }
        }
        QCOMPARE(overrides,
            (QMap<QString, QString> {{"retention.ms", "120000"}, {"cleanup.policy", "compact,delete"}}));

        r = runEdis(QStringList {"topics"} + conn
            + QStringList {"--alter", "--topic", topic, "--delete-config", "retention.ms"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runEdis(
            QStringList {"topics"} + conn + QStringList {"--describe", "--topic", topic, "--configs"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Messages: 8")));
        QVERIFY(r.out.contains(QStringLiteral("* cleanup.policy=compact,delete")));
        QVERIFY(!r.out.contains(QStringLiteral("* retention.ms")));
        QVERIFY(r.out.contains(QStringLiteral("Low: 0\tHigh: 5")));

        r = runEdis(QStringList {"topics"} + conn + QStringList {"--delete", "--topic", topic});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(describeTopics(*client_, {topic}, 15s).error.kind, Kind::UnknownTopic);
    }

    void cliExitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        const QString missingTopic = unique("edis.admin.missing");
        QTest::newRow("alter without change") << QStringList {"topics", "--alter", "--topic", "x"} << 2;
        QTest::newRow("alter unknown topic")
            << QStringList {"topics", "--alter", "--topic", missingTopic, "--partitions", "3"} << 4;
        QTest::newRow("configs of unknown topic")
            << QStringList {"topics", "--alter", "--topic", missingTopic, "--add-config", "retention.ms=1"}
            << 4;
        QTest::newRow("bad add-config")
            << QStringList {"topics", "--alter", "--topic", "x", "--add-config", "novalue"} << 2;
        QTest::newRow("describe unknown topic")
            << QStringList {"topics", "--describe", "--topic", missingTopic} << 4;
        QTest::newRow("groups without action") << QStringList {"groups"} << 2;
        QTest::newRow("describe without group") << QStringList {"groups", "--describe"} << 2;
        QTest::newRow("describe unknown group")
            << QStringList {"groups", "--describe", "--group", unique("nogroup")} << 4;
        QTest::newRow("delete unknown group")
            << QStringList {"groups", "--delete", "--group", unique("nogroup")} << 4;
        QTest::newRow("reset without target")
            << QStringList {"groups", "--reset-offsets", "--group", "g", "--all-topics"} << 2;
        QTest::newRow("reset two targets") << QStringList {"groups", "--reset-offsets", "--group", "g",
            "--all-topics", "--to-earliest", "--to-latest"}
                                           << 2;
        QTest::newRow("reset bad datetime") << QStringList {"groups", "--reset-offsets", "--group", "g",
            "--all-topics", "--to-datetime", "yesterday"}
                                            << 2;
        QTest::newRow("reset without topic")
            << QStringList {"groups", "--reset-offsets", "--group", "g", "--to-earliest"} << 2;
    }

    void cliExitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        args << "--bootstrap-server" << bootstrap_;
        const CliResult r = runEdis(args);
        QVERIFY2(r.exitCode == exitCode,
            qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY(!r.err.isEmpty());
    }

    void cliGroupsUnreachable()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        const QString closed = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());
        server.close();
        const CliResult r = runEdis({"groups", "--bootstrap-server", closed, "--list", "--timeout", "3"});
        QCOMPARE(r.exitCode, 3);
    }

    void cliGroupsDescribeResetDelete()
    {
        const QString group = makeGroupWithCommits();
        QVERIFY(!group.isEmpty());
        const QStringList conn {"--bootstrap-server", bootstrap_};
        CliResult r = runEdis(QStringList {"groups"} + conn + QStringList {"--list", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        bool listed = false;
        for (const auto &g : r.json().array()) {
            listed = listed || g.toObject().value("group").toString() == group;
        }
        QVERIFY(listed);

        r = runEdis(QStringList {"groups"} + conn + QStringList {"--describe", "--group", group, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject d = r.json().object();
        QCOMPARE(d.value("state").toString(), QStringLiteral("Empty"));
        QCOMPARE(d.value("total_lag").toInteger(), kPartitions * (kPerPartition - kCommitted));
        QCOMPARE(d.value("offsets").toArray().size(), kPartitions);
        for (const auto &o : d.value("offsets").toArray()) {
            QCOMPARE(o.toObject().value("committed").toInteger(), kCommitted);
            QCOMPARE(o.toObject().value("lag").toInteger(), kPerPartition - kCommitted);
        }
        r = runEdis(QStringList {"groups"} + conn + QStringList {"--describe", "--group", group});
        QVERIFY(
            r.out.contains(QStringLiteral("Total lag: %1").arg(kPartitions * (kPerPartition - kCommitted))));

        // Dry run: the preview shows current → new, nothing changes.
        r = runEdis(QStringList {"groups"} + conn
            + QStringList {"--reset-offsets", "--group", group, "--topic", groupTopic_, "--to-datetime",
                "2023-11-14T22:13:40.000Z", "--dry-run", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 2023-11-14T22:13:40Z is kFirstTimestamp + 20 s, i.e. record 20.
        QCOMPARE(QDateTime::fromString("2023-11-14T22:13:40.000Z", Qt::ISODateWithMs).toMSecsSinceEpoch(),
            kFirstTimestamp + 20'000);
        QJsonObject preview = r.json().object();
        QCOMPARE(preview.value("executed").toBool(), false);
        QCOMPARE(preview.value("partitions").toArray().size(), kPartitions);
        for (const auto &row : preview.value("partitions").toArray()) {
            QCOMPARE(row.toObject().value("current").toInteger(), kCommitted);
            QCOMPARE(row.toObject().value("new").toInteger(), 20);
        }
        QCOMPARE(fetchGroupLag(*client_, group, 15s).value.first().committed, kCommitted);

        r = runEdis(QStringList {"groups"} + conn
            + QStringList {"--reset-offsets", "--group", group, "--all-topics", "--to-latest", "--execute"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("NEW-OFFSET")));
        const auto lag = fetchGroupLag(*client_, group, 15s);
        for (const auto &p : lag.value) {
            QCOMPARE(p.committed, kPerPartition);
            QCOMPARE(p.lag(), 0);
        }

        r = runEdis(QStringList {"groups"} + conn + QStringList {"--delete", "--group", group});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(describeGroup(*client_, group, 15s).error.kind, Kind::UnknownGroup);
    }

    void cleanupTestCase()
    {
        if (client_ && !groupTopic_.isEmpty()) {
            client_->deleteTopic(groupTopic_, 15s);
        }
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
