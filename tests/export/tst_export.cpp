// test_export: exported configs for every node type, secrets, what targets cannot express,
// import(export(p)) ≡ p, the topics manifest, the edge → topic mapping and Connect validation
// errors mapped to nodes.

#include "connectclient.h"
#include "edgetopics.h"
#include "equivalence.h"
#include "exporter.h"
#include "exporttestutil.h"
#include "importer.h"
#include "kafkaconnectexporter.h"
#include "liveoverlay.h"
#include "pipelinefile.h"
#include "topicsmanifest.h"
#include "util/filebounds.h"
#include "validation.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace edis;
using namespace edis::exporting;
using exporttest::Builder;
using exporttest::PipelineFactory;
using exporttest::typicalProperties;

namespace {

using NodeIdAlias = pipeline::NodeId;

QString allText(const ExportResult &result, const ExportOptions &options = {})
{
    QString out;
    for (const ExportFile &f : result.files(options)) {
        out += QString::fromUtf8(f.content);
    }
    return out;
}

const ConnectorConfig *connectorNamed(const ExportResult &result, const QString &name)
{
    for (const ConnectorConfig &c : result.connectors) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

QString problemsText(const ExportReport &report)
{
    QStringList out;
    for (const ExportProblem &p : report.problems) {
        out << severityName(p.severity) + QLatin1Char(' ') + p.code + QStringLiteral(": ") + p.message;
    }
    return out.join(QLatin1Char('\n'));
}

bool hasProblem(const ExportReport &report, const QString &code, pipeline::NodeId node)
{
    return std::any_of(report.problems.cbegin(), report.problems.cend(),
        [&](const ExportProblem &p) { return p.code == code && p.node == node && p.isError(); });
}

/// A pipeline around one node type that a target should be able to run: sources feed a file
/// sink, sinks are fed by a suitable source, processors sit between.
PipelineFactory aroundNode(const QString &type, Target target)
{
    return [type, target](Builder &b) {
        const pipeline::NodeDescriptor *d = pipeline::Catalogue::builtin().node(type);
        const bool kc = target == Target::KafkaConnect;
        const auto recordSource = [&]() {
            return b.add(QStringLiteral("kafka-source"), QStringLiteral("Input"),
                typicalProperties(QStringLiteral("kafka-source")));
        };
        if (d->category == pipeline::NodeCategory::Source) {
            const NodeIdAlias src = b.add(type, QStringLiteral("Under test"), typicalProperties(type));
            NodeIdAlias last = src;
            if (type.endsWith(QLatin1String("-cdc"))) {
                last = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten"),
                    typicalProperties(QStringLiteral("flatten-cdc")));
                b.link(src, last);
            }
            const NodeIdAlias sink = b.add(QStringLiteral("file-sink"), QStringLiteral("Out file"),
                typicalProperties(QStringLiteral("file-sink")));
            b.link(last, sink);
            return;
        }
        if (d->category == pipeline::NodeCategory::Sink) {
            NodeIdAlias src;
            if (type == QLatin1String("kafka-sink") && kc) {
                src = b.add(QStringLiteral("file-source"), QStringLiteral("Lines"),
                    typicalProperties(QStringLiteral("file-source")));
            } else {
                src = recordSource();
            }
            const NodeIdAlias sink = b.add(type, QStringLiteral("Under test"), typicalProperties(type));
            b.link(src, sink);
            return;
        }
        // Processors: CDC in front of flatten; routes get one file sink per port.
        NodeIdAlias src;
        NodeIdAlias before;
        if (type == QLatin1String("flatten-cdc") || type == QLatin1String("route")) {
            src = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP"),
                typicalProperties(QStringLiteral("postgres-cdc")));
            before = b.add(QStringLiteral("flatten-cdc"),
                type == QLatin1String("flatten-cdc") ? QStringLiteral("Under test")
                                                     : QStringLiteral("Flatten"),
                typicalProperties(QStringLiteral("flatten-cdc")));
            b.link(src, before);
            if (type == QLatin1String("flatten-cdc")) {
                const NodeIdAlias sink = b.add(QStringLiteral("file-sink"), QStringLiteral("Out"),
                    typicalProperties(QStringLiteral("file-sink")));
                b.link(before, sink);
                return;
            }
        } else {
            before = recordSource();
        }
        QString variant;
        if (type == QLatin1String("filter") && kc) {
            variant = QStringLiteral("groovy");
        } else if (type == QLatin1String("route") && kc) {
            variant = QStringLiteral("topic-pattern");
        }
        const NodeIdAlias node = b.add(type, QStringLiteral("Under test"), typicalProperties(type, variant));
        b.link(before, node);
        if (type == QLatin1String("route")) {
            b.link(node,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Customers file"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/c"))),
                QStringLiteral("customers"));
            b.link(node,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Orders file"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/o"))),
                QStringLiteral("orders"));
        } else if (type == QLatin1String("merge")) {
            const NodeIdAlias second = b.add(QStringLiteral("kafka-source"), QStringLiteral("Second"),
                typicalProperties(QStringLiteral("kafka-source"), QStringLiteral("in.second")));
            b.link(second, node);
            b.link(node,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Out"),
                    typicalProperties(QStringLiteral("file-sink"))));
        } else if (type == QLatin1String("fan-out")) {
            b.link(node,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Out 1"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/1"))));
            b.link(node,
                b.add(QStringLiteral("http-sink"), QStringLiteral("Out 2"),
                    typicalProperties(QStringLiteral("http-sink"))));
        } else {
            b.link(node,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Out"),
                    typicalProperties(QStringLiteral("file-sink"))));
        }
    };
}

} // namespace

class ExportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyNodeTypeIsExportedOrExplained_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("target");
        for (const pipeline::NodeDescriptor &d : pipeline::Catalogue::builtin().nodes()) {
            for (const Target t : {Target::KafkaConnect, Target::RedpandaConnect}) {
                QTest::addRow("%s/%s", qPrintable(d.id), qPrintable(targetId(t))) << d.id << int(t);
            }
        }
    }

    void everyNodeTypeIsExportedOrExplained()
    {
        QFETCH(QString, type);
        QFETCH(int, target);
        const auto t = static_cast<Target>(target);
        Builder b;
        aroundNode(type, t)(b);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        const pipeline::NodeId node = b.model().nodeByName(QStringLiteral("Under test"));
        QVERIFY(node != pipeline::InvalidNodeId);
        const ExportResult result = exportPipeline(b.model(), t);
        const pipeline::NodeDescriptor *d = b.model().descriptor(node);
        const bool cdcInRedpanda = t == Target::RedpandaConnect && type.endsWith(QLatin1String("-cdc"));
        if (!d->canExportTo(targetId(t)) && !cdcInRedpanda) {
            // Never silently dropped: explained on the node, and nothing written.
            QVERIFY2(hasProblem(result.report, QStringLiteral("cannot-express"), node),
                qPrintable(problemsText(result.report)));
            QVERIFY(result.files().isEmpty());
            return;
        }
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        bool expressed = false;
        for (const ConnectorConfig &c : result.connectors) {
            expressed = expressed || c.nodes.contains(node);
            const auto json = nlohmann::json::parse(c.toRestJson().toStdString());
            QCOMPARE(QString::fromStdString(json["name"].get<std::string>()), c.name);
            QVERIFY(json["config"].contains("connector.class"));
            // Every transform alias listed has a type, every predicate a pattern.
            if (json["config"].contains("transforms")) {
                for (const QString &alias :
                    QString::fromStdString(json["config"]["transforms"].get<std::string>()).split(',')) {
                    QVERIFY2(json["config"].contains("transforms." + alias.toStdString() + ".type"),
                        qPrintable(alias));
                }
            }
        }
        for (const RedpandaStream &s : result.streams) {
            expressed = expressed || s.nodes.contains(node);
            const YAML::Node root = YAML::Load(s.yaml.toStdString());
            QVERIFY(root["input"].IsMap());
            QVERIFY(root["output"].IsMap());
            QVERIFY(root["pipeline"]["processors"].IsSequence());
        }
        QVERIFY2(expressed, "the node is in no connector and no stream");
    }

    void kafkaConnectCdcToFiles()
    {
        Builder b;
        const auto erp = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP database"),
            typicalProperties(QStringLiteral("postgres-cdc")));
        const auto flatten = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten changes"),
            typicalProperties(QStringLiteral("flatten-cdc")));
        const auto route = b.add(QStringLiteral("route"), QStringLiteral("By table"),
            typicalProperties(QStringLiteral("route"), QStringLiteral("topic-pattern")));
        const auto map = b.add(
            QStringLiteral("map"), QStringLiteral("To account"), typicalProperties(QStringLiteral("map")));
        const auto customers = b.add(
            QStringLiteral("file-sink"), QStringLiteral("Customers file"), {{"path", "/data/customers.txt"}});
        const auto orders = b.add(
            QStringLiteral("file-sink"), QStringLiteral("Orders file"), {{"path", "/data/orders.txt"}});
        b.link(erp, flatten)
            .link(flatten, route)
            .link(route, map, QStringLiteral("customers"))
            .link(map, customers);
        b.link(route, orders, QStringLiteral("orders"));
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));

        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QCOMPARE(result.connectors.size(), 3);
        const ConnectorConfig *source = connectorNamed(result, QStringLiteral("erp_database"));
        QVERIFY(source);
        QCOMPARE(
            source->connectorClass(), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(source->value(QStringLiteral("plugin.name")), QStringLiteral("pgoutput"));
        QCOMPARE(source->value(QStringLiteral("topic.prefix")), QStringLiteral("erp"));
        QCOMPARE(source->value(QStringLiteral("slot.name")), QStringLiteral("edis_erp"));
        QCOMPARE(source->value(QStringLiteral("publication.name")), QStringLiteral("edis_pub"));
        QCOMPARE(source->value(QStringLiteral("table.include.list")),
            QStringLiteral("public.customers,public.orders"));
        QCOMPARE(source->value(QStringLiteral("database.port")), QStringLiteral("5433"));
        QCOMPARE(
            source->value(QStringLiteral("database.password")), QStringLiteral("${env:ERP_DB_PASSWORD}"));
        QVERIFY2(!source->contains(QStringLiteral("transforms")),
            "the CDC topics stay raw: transforms run in the sinks");

        const ConnectorConfig *sink = connectorNamed(result, QStringLiteral("customers_file"));
        QVERIFY(sink);
        QCOMPARE(
            sink->connectorClass(), QStringLiteral("org.apache.kafka.connect.file.FileStreamSinkConnector"));
        QCOMPARE(
            sink->value(QStringLiteral("topics")), QStringLiteral("erp.public.customers,erp.public.orders"));
        QCOMPARE(sink->value(QStringLiteral("file")), QStringLiteral("/data/customers.txt"));
        QCOMPARE(sink->value(QStringLiteral("transforms")),
            QStringLiteral("flatten_changes,by_table__keep_customers,to_account,to_account__insert1"));
        QCOMPARE(sink->value(QStringLiteral("transforms.flatten_changes.type")),
            QStringLiteral("io.debezium.transforms.ExtractNewRecordState"));
        QCOMPARE(sink->value(QStringLiteral("transforms.flatten_changes.delete.tombstone.handling.mode")),
            QStringLiteral("rewrite"));
        QCOMPARE(
            sink->value(QStringLiteral("transforms.flatten_changes.add.fields")), QStringLiteral("op,table"));
        QCOMPARE(sink->value(QStringLiteral("transforms.by_table__keep_customers.type")),
            QStringLiteral("org.apache.kafka.connect.transforms.Filter"));
        QCOMPARE(sink->value(QStringLiteral("transforms.by_table__keep_customers.negate")),
            QStringLiteral("true"));
        QCOMPARE(sink->value(QStringLiteral("predicates.by_table__keep_customers.type")),
            QStringLiteral("org.apache.kafka.connect.transforms.predicates.TopicNameMatches"));
        QCOMPARE(sink->value(QStringLiteral("predicates.by_table__keep_customers.pattern")),
            QStringLiteral("erp\\.public\\.customers"));
        QCOMPARE(sink->value(QStringLiteral("transforms.to_account.renames")),
            QStringLiteral("customer_id:AccountNumber,name:Name"));
        QCOMPARE(sink->value(QStringLiteral("transforms.to_account.exclude")), QStringLiteral("__op"));
        QCOMPARE(sink->value(QStringLiteral("transforms.to_account__insert1.static.field")),
            QStringLiteral("Source"));
        QCOMPARE(sink->value(QStringLiteral("transforms.to_account__insert1.static.value")),
            QStringLiteral("ERP"));
        // The orders sink skips what the first route took: first match wins.
        const ConnectorConfig *ordersSink = connectorNamed(result, QStringLiteral("orders_file"));
        QVERIFY(ordersSink);
        QCOMPARE(ordersSink->value(QStringLiteral("predicates.by_table__skip_orders.pattern")),
            QStringLiteral("erp\\.public\\.customers"));
        // Origins tie settings to nodes for deploy-time validation errors.
        QCOMPARE(sink->origins.value(QStringLiteral("transforms.to_account.renames")).node, map);
        QCOMPARE(sink->origins.value(QStringLiteral("transforms.to_account.renames")).property,
            QStringLiteral("rename"));
        QCOMPARE(source->origins.value(QStringLiteral("slot.name")).property, QStringLiteral("slotName"));

        // The .properties form says the same as the JSON.
        QTemporaryDir dir;
        QFile props(dir.filePath(QStringLiteral("c.properties")));
        QVERIFY(props.open(QIODevice::WriteOnly));
        props.write(sink->toProperties());
        props.close();
        const ImportResult fromProps = importPaths({props.fileName()});
        QVERIFY2(fromProps.ok(), qPrintable(fromProps.error));
        const ImportResult fromJson
            = importConfigs({ImportInput {QStringLiteral("c.json"), sink->toRestJson()}});
        QCOMPARE(
            equivalenceDifference(fromProps.document, fromJson.document, Target::KafkaConnect), QString());
    }

    void kafkaConnectSourceChainToTopics()
    {
        Builder b;
        const auto shop = b.add(QStringLiteral("mysql-cdc"), QStringLiteral("Shop"),
            typicalProperties(QStringLiteral("mysql-cdc")));
        const auto flatten = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten"),
            typicalProperties(QStringLiteral("flatten-cdc"), QStringLiteral("drop")));
        const auto topic = b.add(QStringLiteral("kafka-sink"), QStringLiteral("Orders topic"),
            typicalProperties(QStringLiteral("kafka-sink"), QStringLiteral("shop.orders.flat")));
        b.link(shop, flatten).link(flatten, topic);
        ExportOptions options;
        options.bootstrapServers = QStringLiteral("broker-1:9092");
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect, options);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QCOMPARE(result.connectors.size(), 1);
        const ConnectorConfig &c = result.connectors.first();
        QCOMPARE(c.value(QStringLiteral("database.server.id")), QStringLiteral("5401"));
        QCOMPARE(c.value(QStringLiteral("schema.history.internal.kafka.bootstrap.servers")),
            QStringLiteral("broker-1:9092"));
        QCOMPARE(c.value(QStringLiteral("schema.history.internal.kafka.topic")),
            QStringLiteral("shop.schema-history"));
        QCOMPARE(c.value(QStringLiteral("transforms")),
            QStringLiteral("flatten,orders_topic,orders_topic__key,orders_topic__keyfield"));
        QCOMPARE(c.value(QStringLiteral("transforms.flatten.delete.tombstone.handling.mode")),
            QStringLiteral("drop"));
        QCOMPARE(c.value(QStringLiteral("transforms.orders_topic.type")),
            QStringLiteral("org.apache.kafka.connect.transforms.RegexRouter"));
        QCOMPARE(c.value(QStringLiteral("transforms.orders_topic.replacement")),
            QStringLiteral("shop.orders.flat"));
        QCOMPARE(c.value(QStringLiteral("transforms.orders_topic__key.fields")), QStringLiteral("id"));
        QCOMPARE(c.value(QStringLiteral("producer.override.compression.type")), QStringLiteral("lz4"));
        // Topics: the designed one with its partitions and the schema history; not the raw
        // shop.shop.orders, which the router renames away.
        QStringList names;
        for (const TopicSpec &t : result.topics) {
            names << t.name;
            if (t.name == QLatin1String("shop.orders.flat")) {
                QCOMPARE(t.partitions, 3);
            }
            if (t.name == QLatin1String("shop.schema-history")) {
                QCOMPARE(t.configs.value(QStringLiteral("retention.ms")), QStringLiteral("-1"));
            }
        }
        names.sort();
        QCOMPARE(
            names, QStringList({QStringLiteral("shop.orders.flat"), QStringLiteral("shop.schema-history")}));
    }

    void cannotExpress_data()
    {
        QTest::addColumn<PipelineFactory>("factory");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("culprit");
        QTest::newRow("bloblang filter in Kafka Connect")
            << PipelineFactory(aroundNode(QStringLiteral("filter"), Target::RedpandaConnect))
            << int(Target::KafkaConnect) << QStringLiteral("Under test");
        QTest::newRow("content route in Kafka Connect")
            << PipelineFactory(aroundNode(QStringLiteral("route"), Target::RedpandaConnect))
            << int(Target::KafkaConnect) << QStringLiteral("Under test");
        QTest::newRow("groovy filter in Redpanda Connect")
            << PipelineFactory(aroundNode(QStringLiteral("filter"), Target::KafkaConnect))
            << int(Target::RedpandaConnect) << QStringLiteral("Under test");
        QTest::newRow("webhook in Kafka Connect")
            << PipelineFactory(aroundNode(QStringLiteral("http-webhook"), Target::KafkaConnect))
            << int(Target::KafkaConnect) << QStringLiteral("Under test");
        QTest::newRow("topic to topic in Kafka Connect") << PipelineFactory([](Builder &b) {
            const auto in = b.add(QStringLiteral("kafka-source"), QStringLiteral("In"),
                typicalProperties(QStringLiteral("kafka-source")));
            const auto map = b.add(
                QStringLiteral("map"), QStringLiteral("Map"), typicalProperties(QStringLiteral("map")));
            const auto out = b.add(QStringLiteral("kafka-sink"), QStringLiteral("Under test"),
                typicalProperties(QStringLiteral("kafka-sink")));
            b.link(in, map).link(map, out);
        }) << int(Target::KafkaConnect) << QStringLiteral("Under test");
        QTest::newRow("fan-out inside a source connector") << PipelineFactory([](Builder &b) {
            const auto in = b.add(QStringLiteral("file-source"), QStringLiteral("In"),
                typicalProperties(QStringLiteral("file-source")));
            const auto fan = b.add(QStringLiteral("fan-out"), QStringLiteral("Under test"));
            b.link(in, fan);
            b.link(fan,
                b.add(QStringLiteral("kafka-sink"), QStringLiteral("A"),
                    typicalProperties(QStringLiteral("kafka-sink"), QStringLiteral("a"))));
            b.link(fan,
                b.add(QStringLiteral("kafka-sink"), QStringLiteral("B"),
                    typicalProperties(QStringLiteral("kafka-sink"), QStringLiteral("b"))));
        }) << int(Target::KafkaConnect) << QStringLiteral("Under test");
        QTest::newRow("upsert JDBC in Redpanda Connect") << PipelineFactory([](Builder &b) {
            const auto in = b.add(QStringLiteral("kafka-source"), QStringLiteral("In"),
                typicalProperties(QStringLiteral("kafka-source")));
            QVariantMap props = typicalProperties(QStringLiteral("jdbc-sink"));
            props.insert(QStringLiteral("insertMode"), QStringLiteral("upsert"));
            props.insert(QStringLiteral("primaryKeyFields"), QStringList {QStringLiteral("id")});
            b.link(in, b.add(QStringLiteral("jdbc-sink"), QStringLiteral("Under test"), props));
        }) << int(Target::RedpandaConnect) << QStringLiteral("Under test");
        QTest::newRow("sample in Kafka Connect")
            << PipelineFactory([](Builder &b) { QVERIFY(exporttest::loadSample(&b.model())); })
            << int(Target::KafkaConnect) << QStringLiteral("Skip deletes");
    }

    void cannotExpress()
    {
        QFETCH(PipelineFactory, factory);
        QFETCH(int, target);
        QFETCH(QString, culprit);
        Builder b;
        factory(b);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        const ExportResult result = exportPipeline(b.model(), Target(target));
        const pipeline::NodeId node = b.model().nodeByName(culprit);
        QVERIFY2(hasProblem(result.report, QStringLiteral("cannot-express"), node),
            qPrintable(problemsText(result.report)));
        const ExportProblem problem = result.report.forNode(node).first();
        QVERIFY2(problem.message.contains(culprit), qPrintable(problem.message));
        QVERIFY(result.files().isEmpty());
        QTemporaryDir dir;
        QString error;
        QVERIFY(!writeExport(result, dir.path(), {}, nullptr, &error));
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void secretsNeverInPlainText_data()
    {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("style");
        QTest::newRow("kafka-connect env")
            << int(Target::KafkaConnect) << int(SecretStyle::EnvironmentVariable);
        QTest::newRow("kafka-connect file") << int(Target::KafkaConnect) << int(SecretStyle::File);
        QTest::newRow("redpanda-connect")
            << int(Target::RedpandaConnect) << int(SecretStyle::EnvironmentVariable);
    }

    void secretsNeverInPlainText()
    {
        QFETCH(int, target);
        QFETCH(int, style);
        const QString literal = QStringLiteral("hunter2-literal-password");
        Builder b;
        QVariantMap erp = typicalProperties(QStringLiteral("postgres-cdc"));
        erp.insert(QStringLiteral("password"), literal);
        const auto src = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP database"), erp);
        const auto flatten = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten"),
            typicalProperties(QStringLiteral("flatten-cdc")));
        const auto http = b.add(QStringLiteral("http-sink"), QStringLiteral("CRM"),
            typicalProperties(QStringLiteral("http-sink")));
        const auto in = b.add(QStringLiteral("kafka-source"), QStringLiteral("In"),
            typicalProperties(QStringLiteral("kafka-source")));
        const auto mq = b.add(QStringLiteral("rabbitmq-sink"), QStringLiteral("MQ"),
            typicalProperties(QStringLiteral("rabbitmq-sink")));
        b.link(src, flatten).link(flatten, http).link(in, mq);
        ExportOptions options;
        options.secretStyle = SecretStyle(style);
        options.secretsFile = QStringLiteral("/etc/connect/secrets.properties");
        const ExportResult result = exportPipeline(b.model(), Target(target), options);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        const QString text = allText(result, options);
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(literal), "a literal secret reached an exported file");
        QVERIFY(std::any_of(
            result.report.problems.cbegin(), result.report.problems.cend(), [&](const ExportProblem &p) {
                return p.code == QLatin1String("literal-secret") && p.node == src;
            }));
        QStringList expected {QStringLiteral("ERP_DATABASE_PASSWORD"), QStringLiteral("CRM_API_TOKEN"),
            QStringLiteral("RABBITMQ_PASSWORD")};
        for (const QString &variable : expected) {
            if (Target(target) == Target::RedpandaConnect) {
                // Debezium runs in Kafka Connect (${env:…}), the rest in Redpanda Connect (${…}).
                const QString pattern = variable == QLatin1String("ERP_DATABASE_PASSWORD")
                    ? QStringLiteral("${env:%1}")
                    : QStringLiteral("${%1}");
                QVERIFY2(text.contains(pattern.arg(variable)), qPrintable(variable));
            } else if (SecretStyle(style) == SecretStyle::File) {
                QVERIFY2(
                    text.contains(QStringLiteral("${file:/etc/connect/secrets.properties:%1}").arg(variable)),
                    qPrintable(variable));
            } else {
                QVERIFY2(text.contains(QStringLiteral("${env:%1}").arg(variable)), qPrintable(variable));
            }
        }
        // The template names every variable, with an empty value.
        QByteArray templ;
        for (const ExportFile &f : result.files(options)) {
            if (f.path.startsWith(QLatin1String("secrets."))) {
                templ = f.content;
            }
        }
        QVERIFY(!templ.isEmpty());
        for (const QString &variable : expected) {
            QVERIFY2(templ.contains((QStringLiteral("\n") + variable + QStringLiteral("=\n")).toUtf8()),
                qPrintable(variable));
        }
    }

    void redpandaSampleSplitsIntoDebeziumAndStreams()
    {
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const ExportResult result = exportPipeline(b.model(), Target::RedpandaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QCOMPARE(result.connectors.size(), 1);
        const ConnectorConfig &debezium = result.connectors.first();
        QCOMPARE(
            debezium.connectorClass(), QStringLiteral("io.debezium.connector.postgresql.PostgresConnector"));
        QCOMPARE(debezium.value(QStringLiteral("value.converter.schemas.enable")), QStringLiteral("false"));
        // The worker resolves it: Kafka Connect's syntax even in a Redpanda Connect export.
        QCOMPARE(
            debezium.value(QStringLiteral("database.password")), QStringLiteral("${env:ERP_DB_PASSWORD}"));
        QCOMPARE(result.streams.size(), 2);
        const YAML::Node cdcStream = YAML::Load(result.streams.at(0).yaml.toStdString());
        QCOMPARE(cdcStream["input"]["label"].as<std::string>(), std::string("erp_database"));
        QCOMPARE(cdcStream["input"]["redpanda"]["topics"][0].as<std::string>(),
            std::string("erp.public.customers"));
        QCOMPARE(
            cdcStream["input"]["redpanda"]["topics"][1].as<std::string>(), std::string("erp.public.orders"));
        QCOMPARE(cdcStream["pipeline"]["processors"].size(), std::size_t(2));
        QVERIFY(QString::fromStdString(cdcStream["pipeline"]["processors"][1]["mapping"].as<std::string>())
                    .contains(QStringLiteral("root = if !(this.__op != \"d\") { deleted() }")));
        const YAML::Node cases = cdcStream["output"]["switch"]["cases"];
        QCOMPARE(cases.size(), std::size_t(2));
        QCOMPARE(
            cases[0]["output"]["redpanda"]["topic"].as<std::string>(), std::string("crm.customer-updates"));
        QCOMPARE(
            cases[0]["output"]["redpanda"]["key"].as<std::string>(), std::string("${! this.customer_id }"));
        QCOMPARE(cases[0]["output"]["processors"][0]["label"].as<std::string>(),
            std::string("route_by_table__customers"));

        const YAML::Node crmStream = YAML::Load(result.streams.at(1).yaml.toStdString());
        QCOMPARE(crmStream["input"]["broker"]["inputs"].size(), std::size_t(2));
        bool http = false;
        bool sql = false;
        for (const auto &c : crmStream["output"]["switch"]["cases"]) {
            QVERIFY(QString::fromStdString(c["check"].as<std::string>())
                        .startsWith(QStringLiteral("@edis_source == ")));
            http = http || c["output"]["http_client"];
            if (c["output"]["sql_raw"]) {
                sql = true;
                QCOMPARE(c["output"]["sql_raw"]["dsn"].as<std::string>(),
                    std::string("postgres://audit:${AUDIT_DB_PASSWORD}@audit-db.internal:5432/audit"));
            }
        }
        QVERIFY(http);
        QVERIFY(sql);
        // Table creation is not something Redpanda Connect does: said, not dropped.
        QVERIFY(std::any_of(
            result.report.problems.cbegin(), result.report.problems.cend(), [](const ExportProblem &p) {
                return p.code == QLatin1String("unexpressed-property")
                    && p.property == QLatin1String("autoCreate");
            }));
    }

    void redpandaLabelsAreUniquePerConfig()
    {
        // Redpanda Connect rejects a config whose labels repeat; a step on several paths is
        // written once per path, so repeats carry ___2, ___3… and import folds them back.
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const ExportResult result = exportPipeline(b.model(), Target::RedpandaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        bool repeated = false;
        for (const RedpandaStream &s : result.streams) {
            QStringList labels;
            const std::function<void(const YAML::Node &)> collect = [&](const YAML::Node &node) {
                if (node.IsMap()) {
                    for (const auto &entry : node) {
                        if (entry.first.as<std::string>() == "label") {
                            labels << QString::fromStdString(entry.second.as<std::string>());
                        } else {
                            collect(entry.second);
                        }
                    }
                } else if (node.IsSequence()) {
                    for (const auto &item : node) {
                        collect(item);
                    }
                }
            };
            collect(YAML::Load(s.yaml.toStdString()));
            QVERIFY(!labels.isEmpty());
            QCOMPARE(QSet<QString>(labels.cbegin(), labels.cend()).size(), labels.size());
            repeated = repeated || labels.contains(QStringLiteral("audit_log___2"));
        }
        QVERIFY2(repeated, "the audit log sink is on two paths of the CRM stream");
    }

    void roundTrip_data()
    {
        QTest::addColumn<PipelineFactory>("factory");
        QTest::addColumn<int>("target");
        QTest::newRow("sample/redpanda-connect")
            << PipelineFactory([](Builder &b) { QVERIFY(exporttest::loadSample(&b.model())); })
            << int(Target::RedpandaConnect);
        // Generated: every source and sink type, each around every processor a target can run.
        const QStringList kcSources {QStringLiteral("postgres-cdc"), QStringLiteral("mysql-cdc"),
            QStringLiteral("file-source"), QStringLiteral("rabbitmq-source"), QStringLiteral("kafka-source")};
        const QStringList rpSources {QStringLiteral("postgres-cdc"), QStringLiteral("kafka-source"),
            QStringLiteral("rabbitmq-source"), QStringLiteral("http-webhook"), QStringLiteral("file-source"),
            QStringLiteral("eventhub-source")};
        const QStringList kcSinks {QStringLiteral("file-sink"), QStringLiteral("http-sink"),
            QStringLiteral("jdbc-sink"), QStringLiteral("rabbitmq-sink")};
        const QStringList rpSinks {QStringLiteral("file-sink"), QStringLiteral("http-sink"),
            QStringLiteral("jdbc-sink"), QStringLiteral("rabbitmq-sink"), QStringLiteral("kafka-sink"),
            QStringLiteral("eventhub-sink")};
        for (const Target t : {Target::KafkaConnect, Target::RedpandaConnect}) {
            const bool kc = t == Target::KafkaConnect;
            for (const QString &source : kc ? kcSources : rpSources) {
                for (const QString &sink : kc ? kcSinks : rpSinks) {
                    QTest::addRow("%s/%s/%s", qPrintable(targetId(t)), qPrintable(source), qPrintable(sink))
                        << PipelineFactory([source, sink, kc](Builder &b) {
                               const auto src
                                   = b.add(source, QStringLiteral("Source"), typicalProperties(source));
                               auto last = src;
                               if (source.endsWith(QLatin1String("-cdc"))) {
                                   last = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten"),
                                       typicalProperties(QStringLiteral("flatten-cdc")));
                                   b.link(src, last);
                               }
                               const auto filter = b.add(QStringLiteral("filter"), QStringLiteral("Keep"),
                                   typicalProperties(
                                       QStringLiteral("filter"), kc ? QStringLiteral("groovy") : QString()));
                               const auto map = b.add(QStringLiteral("map"), QStringLiteral("Map"),
                                   typicalProperties(QStringLiteral("map")));
                               b.link(last, filter)
                                   .link(filter, map)
                                   .link(map, b.add(sink, QStringLiteral("Sink"), typicalProperties(sink)));
                           })
                        << int(t);
                }
            }
        }
        QTest::newRow("kafka-connect/route to topics") << PipelineFactory([](Builder &b) {
            const auto src = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP"),
                typicalProperties(QStringLiteral("postgres-cdc")));
            const auto route = b.add(QStringLiteral("route"), QStringLiteral("By table"),
                typicalProperties(QStringLiteral("route"), QStringLiteral("topic-pattern")));
            b.link(src, route);
            b.link(route,
                b.add(QStringLiteral("kafka-sink"), QStringLiteral("C"),
                    typicalProperties(QStringLiteral("kafka-sink"), QStringLiteral("crm.customers"))),
                QStringLiteral("customers"));
            b.link(route,
                b.add(QStringLiteral("kafka-sink"), QStringLiteral("O"),
                    typicalProperties(QStringLiteral("kafka-sink"), QStringLiteral("crm.orders"))),
                QStringLiteral("orders"));
        }) << int(Target::KafkaConnect);
        QTest::newRow("kafka-connect/route, fan-out and merge in sinks") << PipelineFactory([](Builder &b) {
            const auto a = b.add(QStringLiteral("kafka-source"), QStringLiteral("A"),
                typicalProperties(QStringLiteral("kafka-source"), QStringLiteral("erp.public.customers")));
            const auto c = b.add(QStringLiteral("kafka-source"), QStringLiteral("B"),
                typicalProperties(QStringLiteral("kafka-source"), QStringLiteral("erp.public.orders")));
            const auto merge = b.add(QStringLiteral("merge"), QStringLiteral("Both"));
            const auto route = b.add(QStringLiteral("route"), QStringLiteral("By table"),
                typicalProperties(QStringLiteral("route"), QStringLiteral("topic-pattern")));
            const auto fan = b.add(QStringLiteral("fan-out"), QStringLiteral("Copy"));
            b.link(a, merge).link(c, merge).link(merge, route).link(route, fan, QStringLiteral("customers"));
            b.link(fan,
                b.add(QStringLiteral("file-sink"), QStringLiteral("F1"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/f1"))));
            b.link(fan,
                b.add(QStringLiteral("http-sink"), QStringLiteral("H"),
                    typicalProperties(QStringLiteral("http-sink"))));
            b.link(route,
                b.add(QStringLiteral("file-sink"), QStringLiteral("F2"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/f2"))),
                QStringLiteral("orders"));
        }) << int(Target::KafkaConnect);
        QTest::newRow("redpanda-connect/content route, fan-out, merge") << PipelineFactory([](Builder &b) {
            const auto a = b.add(QStringLiteral("kafka-source"), QStringLiteral("A"),
                typicalProperties(QStringLiteral("kafka-source"), QStringLiteral("a")));
            const auto c = b.add(QStringLiteral("http-webhook"), QStringLiteral("Hook"),
                typicalProperties(QStringLiteral("http-webhook")));
            const auto merge = b.add(QStringLiteral("merge"), QStringLiteral("Both"));
            const auto route = b.add(QStringLiteral("route"), QStringLiteral("By kind"),
                typicalProperties(QStringLiteral("route")));
            const auto fan = b.add(QStringLiteral("fan-out"), QStringLiteral("Copy"));
            b.link(a, merge).link(c, merge).link(merge, route).link(route, fan, QStringLiteral("customers"));
            b.link(fan,
                b.add(QStringLiteral("file-sink"), QStringLiteral("F1"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/f1"))));
            b.link(fan,
                b.add(QStringLiteral("kafka-sink"), QStringLiteral("K"),
                    typicalProperties(QStringLiteral("kafka-sink"))));
            b.link(route,
                b.add(QStringLiteral("file-sink"), QStringLiteral("F2"),
                    typicalProperties(QStringLiteral("file-sink"), QStringLiteral("/tmp/f2"))),
                QStringLiteral("orders"));
            b.link(route,
                b.add(QStringLiteral("rabbitmq-sink"), QStringLiteral("Rest"),
                    typicalProperties(QStringLiteral("rabbitmq-sink"))),
                QStringLiteral("unmatched"));
        }) << int(Target::RedpandaConnect);
    }

    void roundTrip()
    {
        QFETCH(PipelineFactory, factory);
        QFETCH(int, target);
        Builder b;
        factory(b);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        const ExportResult result = exportPipeline(b.model(), Target(target));
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY2(writeExport(result, dir.path(), {}, &written, &error), qPrintable(error));
        const ImportResult imported = importPaths({dir.path()});
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        const QString difference
            = equivalenceDifference(b.model().document(), imported.document, Target(target));
        QVERIFY2(difference.isEmpty(),
            qPrintable(difference + QStringLiteral("\nwarnings:\n") + imported.warnings.join('\n')));
        // What comes back is a pipeline the designer accepts.
        pipeline::PipelineModel back;
        QVERIFY2(back.resetTo(imported.document, &error), qPrintable(error));
        QStringList errors;
        for (const auto &p : pipeline::validate(back)) {
            if (p.isError()) {
                errors << p.message;
            }
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        // Every setting left out was announced at export.
        for (const pipeline::Node &n : b.model().document().nodes) {
            for (const QString &key : unexpressedProperties(n.type, Target(target))) {
                if (!n.properties.contains(key) || !detail::differsFromDefault(b.model(), n.id, key)) {
                    continue;
                }
                if (key == QLatin1String("format") || key == QLatin1String("partitions")) {
                    continue; // inferred on import / carried by topics.json
                }
                QVERIFY2(std::any_of(result.report.problems.cbegin(), result.report.problems.cend(),
                             [&](const ExportProblem &p) { return p.node == n.id && p.property == key; }),
                    qPrintable(n.name + '.' + key));
            }
        }
    }

    void equivalenceNoticesDifferences()
    {
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const pipeline::PipelineDocument original = b.model().document();
        pipeline::PipelineDocument changed = original;
        QCOMPARE(equivalenceDifference(original, changed, Target::RedpandaConnect), QString());
        changed.nodes[2].properties.insert(QStringLiteral("condition"), QStringLiteral("true"));
        QVERIFY(!equivalenceDifference(original, changed, Target::RedpandaConnect).isEmpty());
        changed = original;
        changed.edges.removeLast();
        QVERIFY(equivalenceDifference(original, changed, Target::RedpandaConnect)
                    .contains(QStringLiteral("edges differ")));
        changed = original;
        changed.nodes[0].name = QStringLiteral("renamed");
        changed.layout.clear();
        QCOMPARE(equivalenceDifference(original, changed, Target::RedpandaConnect), QString());
    }

    void topicsManifestOfSample()
    {
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const ExportResult result = exportPipeline(b.model(), Target::RedpandaConnect);
        QMap<QString, int> partitions;
        for (const TopicSpec &t : result.topics) {
            partitions.insert(t.name, t.partitions);
        }
        QCOMPARE(partitions.keys(),
            QStringList({QStringLiteral("crm.customer-updates"), QStringLiteral("crm.order-updates"),
                QStringLiteral("erp.public.customers"), QStringLiteral("erp.public.orders")}));
        QCOMPARE(partitions.value(QStringLiteral("crm.customer-updates")), 3);
        QCOMPARE(partitions.value(QStringLiteral("erp.public.orders")), -1);
        QList<TopicSpec> parsed;
        QString error;
        QVERIFY2(parseTopicsManifest(topicsManifestJson(result.topics), &parsed, &error), qPrintable(error));
        QCOMPARE(parsed.size(), result.topics.size());
        QCOMPARE(parsed.first().name, result.topics.first().name);
        QCOMPARE(parsed.first().partitions, result.topics.first().partitions);
    }

    void edgeTopicsOfSample()
    {
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const auto &m = b.model();
        const auto edgeBetween = [&](const QString &from, const QString &to) {
            for (const auto e : m.edgeIds()) {
                if (m.edge(e)->from.node == m.nodeByName(from) && m.edge(e)->to.node == m.nodeByName(to)) {
                    return e;
                }
            }
            return pipeline::InvalidEdgeId;
        };
        const auto topics = edgeTopics(m);
        const EdgeTopics cdc
            = topics.value(edgeBetween(QStringLiteral("ERP database"), QStringLiteral("Flatten changes")));
        QCOMPARE(cdc.topics,
            QStringList({QStringLiteral("erp.public.customers"), QStringLiteral("erp.public.orders")}));
        QVERIFY(cdc.exact);
        const EdgeTopics written = topics.value(
            edgeBetween(QStringLiteral("Route by table"), QStringLiteral("Customer updates topic")));
        QCOMPARE(written.topics, QStringList({QStringLiteral("crm.customer-updates")}));
        QVERIFY(written.exact);
        const EdgeTopics read = topics.value(
            edgeBetween(QStringLiteral("Customer updates"), QStringLiteral("Copy customer updates")));
        QCOMPARE(read.topics, QStringList({QStringLiteral("crm.customer-updates")}));
        QVERIFY(read.exact);
        const EdgeTopics inherited
            = topics.value(edgeBetween(QStringLiteral("To CRM account"), QStringLiteral("CRM accounts API")));
        QCOMPARE(inherited.topics, QStringList({QStringLiteral("crm.customer-updates")}));
        QVERIFY(!inherited.exact);
        const EdgeTopics merged
            = topics.value(edgeBetween(QStringLiteral("All updates"), QStringLiteral("Audit log")));
        QCOMPARE(merged.topics.size(), 2);
    }

    void compactNumbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("fraction") << 0.44 << "0.4";
        QTest::newRow("small") << 9.9 << "9.9";
        QTest::newRow("a whole count") << 3.0 << "3";
        QTest::newRow("tens") << 12.4 << "12";
        QTest::newRow("hundreds") << 340.0 << "340";
        QTest::newRow("rounds up to k") << 999.7 << "1.0k";
        QTest::newRow("thousands") << 1234.0 << "1.2k";
        QTest::newRow("tens of k") << 56000.0 << "56k";
        QTest::newRow("millions") << 3.4e6 << "3.4M";
        QTest::newRow("unknown") << std::numeric_limits<double>::quiet_NaN() << "?";
    }

    void compactNumbers()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(compactNumber(value), text);
    }

    void edgeFlowsSumTopicsAndTakeTheMostLaggingGroup()
    {
        QHash<pipeline::EdgeId, EdgeTopics> mapping;
        mapping.insert(1, EdgeTopics {{QStringLiteral("a"), QStringLiteral("b")}, true});
        mapping.insert(2, EdgeTopics {{QStringLiteral("a")}, false});
        mapping.insert(3, EdgeTopics {{QStringLiteral("missing")}, true});
        mapping.insert(4, EdgeTopics {{QStringLiteral("idle")}, true});
        mapping.insert(5, EdgeTopics {{QStringLiteral("unknown-rate")}, true});
        mapping.insert(6, EdgeTopics {{QStringLiteral("missing")}, false});
        LiveFlow flow;
        flow.topicRates
            = {{QStringLiteral("a"), 1200.0}, {QStringLiteral("b"), 34.0}, {QStringLiteral("idle"), 0.0},
                {QStringLiteral("unknown-rate"), std::numeric_limits<double>::quiet_NaN()}};
        // Group g1 lags 10 on a and 5 on b (15 over edge 1); g2 lags 12 on a only.
        flow.topicLag[QStringLiteral("a")] = {{QStringLiteral("g1"), 10}, {QStringLiteral("g2"), 12}};
        flow.topicLag[QStringLiteral("b")] = {{QStringLiteral("g1"), 5}};
        const auto flows = edgeFlows(mapping, flow);
        QCOMPARE(flows.size(), 6);

        const EdgeFlow both = flows.value(1);
        QCOMPARE(both.messagesPerSecond, 1234.0);
        QCOMPARE(both.lag, 15);
        QCOMPARE(both.laggingGroup, QStringLiteral("g1"));
        QCOMPARE(both.label, QStringLiteral("1.2k msg/s · lag 15"));
        QVERIFY(both.flowing());
        QVERIFY(both.toolTip.contains(QStringLiteral("Consumer group g2: lag 12")));

        // Downstream of the topic inside an engine: an upper bound, said so.
        const EdgeFlow inherited = flows.value(2);
        QCOMPARE(inherited.lag, 12);
        QCOMPARE(inherited.laggingGroup, QStringLiteral("g2"));
        QCOMPARE(inherited.label, QStringLiteral("≤ 1.2k msg/s · lag 12"));
        QVERIFY(inherited.toolTip.contains(QStringLiteral("upper bound")));

        const EdgeFlow missing = flows.value(3);
        QCOMPARE(missing.missingTopics, QStringList {QStringLiteral("missing")});
        QCOMPARE(missing.label, QStringLiteral("no topic"));
        QVERIFY(!missing.flowing());
        // Inside an engine, downstream of a topic that is not there: no mark, the tooltip says it.
        const EdgeFlow inheritsMissing = flows.value(6);
        QVERIFY(inheritsMissing.label.isEmpty());
        QVERIFY(inheritsMissing.toolTip.contains(QStringLiteral("Not on the cluster")));

        const EdgeFlow idle = flows.value(4);
        QCOMPARE(idle.label, QStringLiteral("0 msg/s"));
        QVERIFY(!idle.flowing());
        QCOMPARE(idle.lag, -1);

        // First sight of a topic: no rate yet, and no spike.
        const EdgeFlow unknown = flows.value(5);
        QVERIFY(std::isnan(unknown.messagesPerSecond));
        QCOMPARE(unknown.label, QStringLiteral("… msg/s"));
    }

    void nodeRuntimesFromConnectorStatus()
    {
        ConnectorConfig source;
        source.name = QStringLiteral("erp");
        source.nodes = {1, 2};
        ConnectorConfig sink;
        sink.name = QStringLiteral("crm");
        sink.nodes = {2, 3};
        ConnectorConfig absent;
        absent.name = QStringLiteral("later");
        absent.nodes = {4};

        ConnectorStatus running;
        running.name = QStringLiteral("erp");
        running.state = QStringLiteral("RUNNING");
        running.tasks = {TaskStatus {0, QStringLiteral("RUNNING"), QStringLiteral("w1"), {}},
            TaskStatus {1, QStringLiteral("RUNNING"), QStringLiteral("w2"), {}}};
        ConnectorStatus failing;
        failing.name = QStringLiteral("crm");
        failing.state = QStringLiteral("RUNNING");
        failing.tasks = {TaskStatus {0, QStringLiteral("FAILED"), QStringLiteral("w1"),
            QStringLiteral("org.apache.kafka.connect.errors.ConnectException: no route\n\tat x")}};

        const auto runtimes = nodeRuntimes({source, sink, absent}, {running, failing});
        QCOMPARE(runtimes.size(), 4);
        QCOMPARE(runtimes.value(1).level, NodeRuntime::Level::Good);
        QCOMPARE(runtimes.value(1).text, QStringLiteral("RUNNING · 2/2 tasks"));
        QCOMPARE(runtimes.value(3).level, NodeRuntime::Level::Bad);
        QCOMPARE(runtimes.value(3).text, QStringLiteral("FAILED · task 0"));
        QVERIFY(runtimes.value(3).detail.contains(QStringLiteral("ConnectException: no route")));
        // Node 2 runs in both: the worse state wins, naming its connector.
        QCOMPARE(runtimes.value(2).level, NodeRuntime::Level::Bad);
        QCOMPARE(runtimes.value(2).text, QStringLiteral("FAILED · task 0 (crm)"));
        QCOMPARE(runtimes.value(2).connectors, QStringList({QStringLiteral("erp"), QStringLiteral("crm")}));
        QCOMPARE(runtimes.value(4).level, NodeRuntime::Level::Unknown);
        QCOMPARE(runtimes.value(4).text, QStringLiteral("not deployed"));

        ConnectorStatus paused = running;
        paused.state = QStringLiteral("PAUSED");
        for (auto &t : paused.tasks) {
            t.state = QStringLiteral("PAUSED");
        }
        QCOMPARE(connectorRuntime(paused).level, NodeRuntime::Level::Warning);
        QCOMPARE(connectorRuntime(paused).text, QStringLiteral("PAUSED"));
        ConnectorStatus starting = running;
        starting.tasks[1].state = QStringLiteral("UNASSIGNED");
        QCOMPARE(connectorRuntime(starting).level, NodeRuntime::Level::Busy);
        QCOMPARE(connectorRuntime(starting).text, QStringLiteral("RUNNING · 1/2 tasks"));
    }

    void validationErrorsMapToNodes()
    {
        Builder b;
        const auto erp = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP database"),
            typicalProperties(QStringLiteral("postgres-cdc")));
        const auto flatten = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten"),
            typicalProperties(QStringLiteral("flatten-cdc")));
        const auto file = b.add(QStringLiteral("file-sink"), QStringLiteral("Out"),
            typicalProperties(QStringLiteral("file-sink")));
        b.link(erp, flatten).link(flatten, file);
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        const ConnectorConfig *source = connectorNamed(result, QStringLiteral("erp_database"));
        const ConnectorConfig *sink = connectorNamed(result, QStringLiteral("out"));
        QVERIFY(source && sink);
        // Shape of Kafka Connect's ConfigInfos (PUT /connector-plugins/{class}/config/validate).
        const auto body = [](const char *key, const char *message) {
            nlohmann::json doc;
            doc["name"] = "x";
            doc["error_count"] = 1;
            doc["groups"] = nlohmann::json::array();
            doc["configs"] = nlohmann::json::array({
                {{"definition", {{"name", "tasks.max"}}},
                    {"value", {{"name", "tasks.max"}, {"value", "1"}, {"errors", nlohmann::json::array()}}}},
                {{"definition", {{"name", key}}},
                    {"value", {{"name", key}, {"value", "x"}, {"errors", {message}}}}},
            });
            return QByteArray::fromStdString(doc.dump());
        };
        const ValidationResult slot = parseValidation(*source,
            body("slot.name",
                "Valid replication slot name must contain only digits, lowercase characters and underscores "
                "with length <= 63"));
        QCOMPARE(slot.errors.size(), 1);
        QCOMPARE(slot.errors.first().origin.node, erp);
        QCOMPARE(slot.errors.first().origin.property, QStringLiteral("slotName"));
        const ValidationResult smt = parseValidation(
            *sink, body("transforms.flatten.delete.tombstone.handling.mode", "Invalid value"));
        QCOMPARE(smt.errors.first().origin.node, flatten);
        QCOMPARE(smt.errors.first().origin.property, QStringLiteral("deleteHandling"));
        const QList<ExportProblem> problems = validationProblems(smt);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().node, flatten);
        QVERIFY(problems.first().message.contains(QStringLiteral("Invalid value")));
    }

    void corruptInputIsExplained_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("warning");
        QTest::newRow("truncated connector JSON")
            << QStringLiteral("erp.json") << QByteArray(R"({"name": "erp", "config": {"connector.class": )")
            << QStringLiteral("erp.json: not valid JSON") << QString();
        QTest::newRow("JSON that is no object")
            << QStringLiteral("list.json") << QByteArray("[1, 2]") << QStringLiteral("No connector config")
            << QStringLiteral("list.json: not a JSON object");
        QTest::newRow("properties without a class")
            << QStringLiteral("x.properties") << QByteArray("name=x\nfile=/tmp/x\n")
            << QStringLiteral("No connector config") << QStringLiteral("x.properties: no connector.class");
        QTest::newRow("unknown connector class")
            << QStringLiteral("y.json")
            << QByteArray(R"({"name": "y", "config": {"connector.class": "com.example.Nope"}})")
            << QStringLiteral("No connector config")
            << QStringLiteral("com.example.Nope is not in the catalogue");
        QTest::newRow("YAML syntax") << QStringLiteral("s.yaml") << QByteArray("input:\n  redpanda: [a\n")
                                     << QStringLiteral("s.yaml: not valid YAML") << QString();
        QTest::newRow("YAML of another kind")
            << QStringLiteral("k.yaml") << QByteArray("apiVersion: v1\nkind: ConfigMap\n")
            << QStringLiteral("No connector config")
            << QStringLiteral("k.yaml: a YAML document without input");
    }

    void corruptInputIsExplained()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        QFETCH(QString, warning);
        const ImportResult result = importConfigs({ImportInput {file, content}});
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        if (!warning.isEmpty()) {
            QVERIFY2(result.warnings.join('\n').contains(warning), qPrintable(result.warnings.join('\n')));
        }
        QVERIFY(result.document.nodes.isEmpty());
    }

    /// A config file over kEngineConfigFileBound among good ones: the import is refused with the
    /// file, its size and the bound named, instead of reading its first 64 MiB (and failing on
    /// broken JSON, or importing a part of a stream).
    void configFileOverTheBoundIsRefused()
    {
        Builder b;
        aroundNode(QStringLiteral("file-sink"), Target::KafkaConnect)(b);
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY2(writeExport(result, dir.path(), {}, &written, &error), qPrintable(error));
        QVERIFY(importPaths({dir.path()}).ok());
        const QString huge = dir.filePath(QStringLiteral("connectors/huge.json"));
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(util::kEngineConfigFileBound.maxBytes + 1));
        file.close();
        const ImportResult refused = importPaths({dir.path()});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error,
            util::tooLargeMessage(
                huge, util::kEngineConfigFileBound.maxBytes + 1, util::kEngineConfigFileBound));
        QVERIFY2(refused.error.contains(QLatin1String("engine config files over 64 MiB are refused")),
            qPrintable(refused.error));
        QVERIFY(refused.document.nodes.isEmpty());
    }

    void corruptInputNextToGoodInputFailsWhole()
    {
        // A broken file among good ones: importing the rest would silently lose a part.
        Builder b;
        aroundNode(QStringLiteral("file-sink"), Target::KafkaConnect)(b);
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QList<ImportInput> inputs;
        for (const ExportFile &f : result.files()) {
            inputs << ImportInput {f.path, f.content};
        }
        QVERIFY(importConfigs(inputs).ok());
        inputs << ImportInput {QStringLiteral("connectors/broken.json"), QByteArray("{\"config\": ")};
        const ImportResult broken = importConfigs(inputs);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error.startsWith(QStringLiteral("connectors/broken.json: not valid JSON")),
            qPrintable(broken.error));
    }

    void corruptTopicsManifest_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("{\"format\": ")
                                  << QStringLiteral("Not an EDIS topics manifest.");
        QTest::newRow("other JSON") << QByteArray(R"({"name": "x"})")
                                    << QStringLiteral("Not an EDIS topics manifest.");
    }

    void corruptTopicsManifest()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QList<TopicSpec> topics;
        QString message;
        QVERIFY(!parseTopicsManifest(json, &topics, &message));
        QCOMPARE(message, error);
        QVERIFY(topics.isEmpty());
    }

    void propertiesFilesAreLatin1WithEscapes()
    {
        Builder b;
        const auto in = b.add(QStringLiteral("kafka-source"), QStringLiteral("Bestellungen"),
            typicalProperties(QStringLiteral("kafka-source"), QStringLiteral("bestellungen")));
        const auto out = b.add(QStringLiteral("file-sink"), QStringLiteral("Ausgabe"),
            {{"path", QStringLiteral("/data/größen = 5 #1.txt")}});
        b.link(in, out);
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        const ConnectorConfig *sink = connectorNamed(result, QStringLiteral("ausgabe"));
        QVERIFY(sink);
        const QByteArray props = sink->toProperties();
        for (const char c : props) {
            QVERIFY2(uchar(c) < 0x80, "java.util.Properties reads ISO-8859-1: non-ASCII must be escaped");
        }
        QVERIFY2(props.contains("file=/data/gr\\u00f6\\u00dfen = 5 #1.txt\n"), props.constData());
        const ImportResult back = importConfigs({ImportInput {QStringLiteral("ausgabe.properties"), props}});
        QVERIFY2(back.ok(), qPrintable(back.error));
        bool found = false;
        for (const pipeline::Node &n : back.document.nodes) {
            if (n.type == QLatin1String("file-sink")) {
                QCOMPARE(n.properties.value(QStringLiteral("path")).toString(),
                    QStringLiteral("/data/größen = 5 #1.txt"));
                found = true;
            }
        }
        QVERIFY(found);
    }

    void filesAreWrittenAtomically()
    {
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const ExportResult result = exportPipeline(b.model(), Target::RedpandaConnect);
        QVERIFY2(!result.report.hasErrors(), qPrintable(problemsText(result.report)));
        QTemporaryDir dir;
        QStringList written;
        QString error;
        QVERIFY2(writeExport(result, dir.path(), {}, &written, &error), qPrintable(error));
        // A second export over the first replaces each file whole (QSaveFile: write a temporary
        // file, then rename), and leaves no temporary file behind.
        const QString topicsPath = dir.filePath(QStringLiteral("topics.json"));
        {
            QFile stale(topicsPath);
            QVERIFY(stale.open(QIODevice::WriteOnly));
            stale.write("stale");
        }
        QStringList again;
        QVERIFY2(writeExport(result, dir.path(), {}, &again, &error), qPrintable(error));
        QCOMPARE(again, written);
        QFile topics(topicsPath);
        QVERIFY(topics.open(QIODevice::ReadOnly));
        QCOMPARE(topics.readAll(), topicsManifestJson(result.topics));
        QStringList onDisk;
        QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            onDisk << it.next();
        }
        onDisk.sort();
        written.sort();
        QCOMPARE(onDisk, written);

        // A path that cannot be written: a clear error naming it, and the old file untouched.
        QTemporaryDir blocked;
        QVERIFY(QDir(blocked.path()).mkpath(QStringLiteral("topics.json")));
        QVERIFY(!writeExport(result, blocked.path(), {}, nullptr, &error));
        QVERIFY2(error.contains(QStringLiteral("topics.json")), qPrintable(error));
        QVERIFY(QFileInfo(blocked.filePath(QStringLiteral("topics.json"))).isDir());
        QTemporaryDir noDir;
        QFile plain(noDir.filePath(QStringLiteral("connectors")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(!writeExport(result, noDir.path(), {}, nullptr, &error));
        QVERIFY2(error.contains(QStringLiteral("connectors")), qPrintable(error));
    }

    void connectClientSendsBasicAuthAndReportsRefusal()
    {
        // A one-shot HTTP server standing in for a worker that wants credentials: it records the
        // request and answers 401 as Connect's BasicAuthSecurityRestExtension does.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QByteArray request;
        connect(&server, &QTcpServer::newConnection, this, [&server, &request] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &request] {
                request += socket->readAll();
                if (request.contains("\r\n\r\n")) {
                    const QByteArray body = R"({"error_code":401,"message":"Unauthorized"})";
                    socket->write(
                        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                }
            });
        });
        ConnectClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
        client.setBasicAuth(QStringLiteral("deployer"), QStringLiteral("s3cret:with colon"));
        QSignalSpy failed(&client, &ConnectClient::failed);
        client.fetchStatus(QStringLiteral("orders_sink"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(request.startsWith("GET /connectors/orders_sink/status "), request.constData());
        const QByteArray expected
            = "Authorization: Basic " + QByteArray("deployer:s3cret:with colon").toBase64();
        QVERIFY2(request.contains(expected), request.constData());
        const QString message = failed.first().at(2).toString();
        QVERIFY2(message.contains(QStringLiteral("401")) || message.contains(QStringLiteral("Unauthorized")),
            qPrintable(message));

        // No user: no header at all.
        request.clear();
        client.setBasicAuth({}, {});
        client.fetchStatus(QStringLiteral("orders_sink"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(!request.contains("Authorization:"), request.constData());
    }

    void cliErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrPart");
        // @PIPE@ is replaced by a valid pipeline file, @DIR@ by an empty directory, @BROKEN@ by a
        // directory holding a broken connector config.
        QTest::newRow("export without target")
            << QStringList {"export", "@PIPE@", "--out", "@DIR@/x"} << 2 << QStringLiteral("--target");
        QTest::newRow("export to an unknown target")
            << QStringList {"export", "@PIPE@", "--target", "nifi"} << 2 << QStringLiteral("--target");
        QTest::newRow("export of a missing file") << QStringList {"export", "@DIR@/none.edis.json",
            "--target", "kafka-connect"} << 4 << QStringLiteral("none.edis.json");
        QTest::newRow("export with a bad secrets style") << QStringList {"export", "@PIPE@", "--target",
            "kafka-connect", "--secrets", "plain"} << 2 << QStringLiteral("--secrets");
        QTest::newRow("import of nothing")
            << QStringList {"import", "@DIR@"} << 1 << QStringLiteral("No connector config");
        QTest::newRow("import of a broken config")
            << QStringList {"import", "@BROKEN@"} << 1 << QStringLiteral("not valid JSON");
        QTest::newRow("deploy without URL")
            << QStringList {"deploy", "@PIPE@"} << 2 << QStringLiteral("--connect-url");
        QTest::newRow("deploy to nobody")
            << QStringList {"deploy", "@PIPE@", "--connect-url", "http://127.0.0.1:9", "--timeout", "5"} << 3
            << QStringLiteral("127.0.0.1:9");
        QTest::newRow("unknown action")
            << QStringList {"publish", "@PIPE@"} << 2 << QStringLiteral("publish");
    }

    void cliErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrPart);
        const QString binaryDir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
        if (binaryDir.isEmpty()) {
            QFAIL("EDIS_TEST_BINARY_DIR is not set; run the test through ctest.");
        }
        QTemporaryDir dir;
        Builder b;
        aroundNode(QStringLiteral("file-sink"), Target::KafkaConnect)(b);
        const QString pipelinePath = dir.filePath(QStringLiteral("p.edis.json"));
        QVERIFY(pipeline::savePipeline(b.model(), pipelinePath));
        const QString empty = dir.filePath(QStringLiteral("empty"));
        const QString broken = dir.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(empty) && QDir().mkpath(broken));
        QFile bad(broken + QStringLiteral("/c.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"name\": ");
        bad.close();
        QStringList args {QStringLiteral("pipeline")};
        for (QString a : arguments) {
            a.replace(QLatin1String("@PIPE@"), pipelinePath);
            a.replace(QLatin1String("@BROKEN@"), broken);
            a.replace(QLatin1String("@DIR@"), empty);
            args << a;
        }
        QProcess p;
        p.start(binaryDir + QStringLiteral("/app/cli/edis"), args);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(
            p.exitCode() == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(err)));
        QVERIFY2(err.contains(stderrPart), qPrintable(err));
    }

    void cliExportAndImport()
    {
        const QString binaryDir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
        if (binaryDir.isEmpty()) {
            QFAIL("EDIS_TEST_BINARY_DIR is not set; run the test through ctest.");
        }
        const QString edis = binaryDir + QStringLiteral("/app/cli/edis");
        QTemporaryDir dir;
        Builder b;
        QVERIFY(exporttest::loadSample(&b.model()));
        const QString pipelinePath = dir.filePath(QStringLiteral("sample.edis.json"));
        QVERIFY(pipeline::savePipeline(b.model(), pipelinePath));
        QProcess p;
        p.start(edis,
            {QStringLiteral("pipeline"), QStringLiteral("export"), pipelinePath, QStringLiteral("--target"),
                QStringLiteral("kafka-connect"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("kc"))});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(
            p.readAllStandardOutput().contains("node 'Skip deletes'"), "the unexpressible filter is named");
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("kc"))));
        p.start(edis,
            {QStringLiteral("pipeline"), QStringLiteral("export"), pipelinePath, QStringLiteral("--target"),
                QStringLiteral("redpanda-connect"), QStringLiteral("--out"),
                dir.filePath(QStringLiteral("rp"))});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError());
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("rp/connectors/erp_database.json"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("rp/topics.json"))));
        const QString back = dir.filePath(QStringLiteral("back.edis.json"));
        p.start(edis,
            {QStringLiteral("pipeline"), QStringLiteral("import"), dir.filePath(QStringLiteral("rp")),
                QStringLiteral("--out"), back});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError());
        pipeline::PipelineModel imported;
        QVERIFY(pipeline::loadPipeline(&imported, back));
        QCOMPARE(equivalenceDifference(b.model().document(), imported.document(), Target::RedpandaConnect),
            QString());
        p.start(edis,
            {QStringLiteral("pipeline"), QStringLiteral("topics"), pipelinePath, QStringLiteral("--target"),
                QStringLiteral("redpanda-connect")});
        QVERIFY(p.waitForFinished(30000));
        QList<TopicSpec> topics;
        QString error;
        QVERIFY2(parseTopicsManifest(p.readAllStandardOutput(), &topics, &error), qPrintable(error));
        QCOMPARE(topics.size(), 4);
    }
};

QTEST_GUILESS_MAIN(ExportTest)
#include "tst_export.moc"
