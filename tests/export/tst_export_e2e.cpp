// test_export_e2e (labels kafka, connect): the ERP-to-CRM flow on real services — PostgreSQL with logical
// replication, a Kafka Connect worker (distributed) with Debezium and the file connectors, the
// Kafka broker — driven through the core API, the edis CLI and the designer's deployment panel. The sample's
// HTTP and JDBC sinks are not in the test bed, so the pipeline here ends in FileStreamSink connectors
// instead.

#include "builtindecoders.h"
#include "cluster/clustersession.h"
#include "connectdeployment.h"
#include "connectstatuspoller.h"
#include "dagcanvas/dagscene.h"
#include "dagcanvas/dagview.h"
#include "dagcanvas/edgeitem.h"
#include "dagcanvas/nodeitem.h"
#include "edgetopics.h"
#include "exporter.h"
#include "exporttestutil.h"
#include "kafka/kafkaclient.h"
#include "messagebatch.h"
#include "metrics/ratesampler.h"
#include "pipeline/deploypanel.h"
#include "pipeline/exportdialog.h"
#include "pipeline/pipelineeditor.h"
#include "pipeline/pipelineworkspace.h"
#include "pipelinefile.h"
#include "pipelinejson.h"
#include "testconsumer.h"
#include "testsettings.h"
#include "topicsmanifest.h"
#include "validation.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace edis;
using namespace edis::exporting;
using exporttest::Builder;

namespace {

/// "Struct{a=1,b=x}" (what FileStreamSink writes for a Connect Struct) → {a: 1, b: x}.
QMap<QString, QString> parseStruct(const QString &line)
{
    QMap<QString, QString> out;
    static const QRegularExpression shape(QStringLiteral(R"(^Struct\{(.*)\}$)"));
    const auto m = shape.match(line.trimmed());
    if (!m.hasMatch()) {
        return out;
    }
    for (const QString &pair : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        out.insert(pair.left(eq), pair.mid(eq + 1));
    }
    return out;
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/// A consumed record as the inspector decodes it.
inspect::DecodedValue decode(const inspect::Decoder &decoder, const test::ConsumedMessage &m)
{
    inspect::MessageBatch batch;
    inspect::RecordRef ref;
    ref.topic = m.topic;
    ref.partition = m.partition;
    ref.offset = m.offset;
    if (m.key) {
        ref.key = std::string_view(m.key->constData(), std::size_t(m.key->size()));
    }
    if (m.value) {
        ref.value = std::string_view(m.value->constData(), std::size_t(m.value->size()));
    }
    batch.append(ref);
    return decoder.decode(batch.at(0));
}

/// A row image of a decoded change (pretty JSON) as an object; null when absent.
nlohmann::json row(const QString &image)
{
    return image.isEmpty() ? nlohmann::json() : nlohmann::json::parse(image.toStdString(), nullptr, false);
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class ExportE2eTest : public QObject {
    Q_OBJECT
private:
    QString bootstrap_;
    QString connectUrl_;
    QString pgPort_;
    QString pgPassword_;
    QString psql_;
    QString edis_;
    QString suffix_;
    QString schema_;
    QString prefix_;
    QTemporaryDir dir_;
    QString pipelinePath_;
    QStringList deployed_;

    bool sql(const QString &statements, QString *output = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), pgPassword_);
        p.setProcessEnvironment(env);
        p.start(psql_,
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("-A"),
                QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
                QStringLiteral("127.0.0.1"), QStringLiteral("-p"), pgPort_, QStringLiteral("-U"),
                qEnvironmentVariable("EDIS_TEST_POSTGRES_USER"), QStringLiteral("-d"),
                qEnvironmentVariable("EDIS_TEST_POSTGRES_DATABASE"), QStringLiteral("-c"), statements});
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("psql failed: %s", p.readAllStandardError().constData());
            return false;
        }
        if (output) {
            *output = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        }
        return true;
    }

    Run edis(const QStringList &arguments, int timeoutMs = 120000)
    {
        QProcess p;
        p.start(edis_, QStringList {QStringLiteral("pipeline")} + arguments);
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    /// The test bed's ERP flow: CDC → flatten → route by topic → (map → file) / file.
    void buildPipeline(Builder &b, const QString &slot)
    {
        const auto erp = b.add(QStringLiteral("postgres-cdc"), QStringLiteral("ERP database"),
            {{"host", "127.0.0.1"}, {"port", pgPort_.toLongLong()},
                {"database", qEnvironmentVariable("EDIS_TEST_POSTGRES_DATABASE")},
                {"user", qEnvironmentVariable("EDIS_TEST_POSTGRES_USER")},
                // Resolved by the worker's EnvVarConfigProvider: never in a config.
                {"password", "${env:EDIS_TEST_POSTGRES_PASSWORD}"}, {"topicPrefix", prefix_},
                {"tables",
                    QStringList {
                        schema_ + QStringLiteral(".customers"), schema_ + QStringLiteral(".orders")}},
                {"plugin", "pgoutput"}, {"slotName", slot},
                {"publication", QStringLiteral("edis_pub_") + suffix_}, {"snapshotMode", "initial"}});
        const auto flatten = b.add(QStringLiteral("flatten-cdc"), QStringLiteral("Flatten changes"),
            {{"deleteHandling", "rewrite"}, {"dropTombstones", true},
                {"addFields", QStringList {"op", "table"}}});
        const auto route = b.add(QStringLiteral("route"), QStringLiteral("Route by table"),
            {{"mode", "topic-pattern"},
                {"routes", QStringList {"customers: .*\\.customers", "orders: .*\\.orders"}}});
        const auto map = b.add(QStringLiteral("map"), QStringLiteral("To CRM account"),
            {{"drop", QStringList {"__table"}}, {"rename", QStringList {"name:Name", "email:Email"}},
                {"insert", QStringList {"Source=ERP"}}});
        const auto customers = b.add(QStringLiteral("file-sink"), QStringLiteral("Customer file"),
            {{"path", dir_.filePath(QStringLiteral("customers.txt"))}});
        const auto orders = b.add(QStringLiteral("file-sink"), QStringLiteral("Order file"),
            {{"path", dir_.filePath(QStringLiteral("orders.txt"))}});
        b.link(erp, flatten)
            .link(flatten, route)
            .link(route, map, QStringLiteral("customers"))
            .link(map, customers);
        b.link(route, orders, QStringLiteral("orders"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        bootstrap_ = test::requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
        connectUrl_ = test::requiredEnv("EDIS_TEST_CONNECT_URL");
        pgPort_ = test::requiredEnv("EDIS_TEST_POSTGRES_PORT");
        pgPassword_ = test::requiredEnv("EDIS_TEST_POSTGRES_PASSWORD");
        psql_ = test::requiredEnv("EDIS_TEST_POSTGRES_PSQL");
        if (bootstrap_.isEmpty() || connectUrl_.isEmpty() || pgPort_.isEmpty() || psql_.isEmpty()) {
            // CI's tests/run.sh provides the test bed, so a missing one is a failure, not a skip.
            QFAIL("No test bed: EDIS_TEST_KAFKA_BOOTSTRAP, EDIS_TEST_CONNECT_URL and EDIS_TEST_POSTGRES_* "
                  "are not set. tests/run.sh starts the broker, PostgreSQL and the Kafka Connect worker "
                  "(tests/services/kafka.sh, postgres.sh, connect.sh) and sets them.");
        }
        edis_ = qEnvironmentVariable("EDIS_TEST_BINARY_DIR") + QStringLiteral("/app/cli/edis");
        // The deployment panel remembers its URL: never in the user's own settings.
        test::useTemporarySettings(QStringLiteral("test_export_e2e"));
        QVERIFY2(QFile::exists(edis_), qPrintable(edis_));
        QVERIFY(dir_.isValid());
        suffix_ = QString::number(QRandomGenerator::global()->bounded(100000, 999999));
        schema_ = QStringLiteral("erp_") + suffix_;
        prefix_ = QStringLiteral("e2e") + suffix_;
        QVERIFY(sql(QStringLiteral(
            "CREATE SCHEMA %1;"
            "CREATE TABLE %1.customers (customer_id int PRIMARY KEY, name text, email text);"
            "CREATE TABLE %1.orders (order_id int PRIMARY KEY, customer_id int, amount_cents int);"
            // Full before-images for updates and deletes.
            "ALTER TABLE %1.customers REPLICA IDENTITY FULL;"
            "CREATE PUBLICATION edis_pub_%2 FOR TABLE %1.customers, %1.orders;"
            "INSERT INTO %1.customers VALUES (1, 'Ada', 'ada@example.com');")
                        .arg(schema_, suffix_)));
    }

    void exportTopicsDeployAndStream()
    {
        QElapsedTimer clock;
        clock.start();
        Builder b(QStringLiteral("ERP to files"));
        buildPipeline(b, QStringLiteral("edis_slot_") + suffix_);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        pipelinePath_ = dir_.filePath(QStringLiteral("erp.edis.json"));
        QVERIFY(pipeline::savePipeline(b.model(), pipelinePath_));

        // Validate through the CLI, then export: explained, written.
        Run r = edis({QStringLiteral("validate"), pipelinePath_});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        r = edis({QStringLiteral("export"), pipelinePath_, QStringLiteral("--target"),
            QStringLiteral("kafka-connect"), QStringLiteral("--out"),
            dir_.filePath(QStringLiteral("export"))});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY(QFile::exists(dir_.filePath(QStringLiteral("export/connectors/erp_database.json"))));
        const QString exported
            = readLines(dir_.filePath(QStringLiteral("export/connectors/erp_database.json"))).join('\n');
        QVERIFY(exported.contains(QStringLiteral("${env:EDIS_TEST_POSTGRES_PASSWORD}")));
        QVERIFY2(!exported.contains(pgPassword_), "the password reached the exported config");

        // Topics the pipeline needs, created on the broker (it does not auto-create).
        r = edis({QStringLiteral("topics"), pipelinePath_, QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--create")});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        const QString customersTopic = prefix_ + QLatin1Char('.') + schema_ + QStringLiteral(".customers");
        const QString ordersTopic = prefix_ + QLatin1Char('.') + schema_ + QStringLiteral(".orders");
        QVERIFY2(r.out.contains(("created\t" + customersTopic).toUtf8()), r.out);
        r = edis({QStringLiteral("topics"), pipelinePath_, QStringLiteral("--bootstrap-server"), bootstrap_});
        QVERIFY2(r.exitCode == 0 && r.out.contains(("exists\t" + ordersTopic).toUtf8()), r.out + r.err);

        // Deploy through the core API: validate, create, wait for RUNNING.
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY(!result.report.hasErrors());
        ConnectClient client {QUrl(connectUrl_)};
        ConnectDeployment deployment(&client, result.connectors);
        deployment.setRunningTimeout(120000);
        QSignalSpy finished(&deployment, &ConnectDeployment::finished);
        QSignalSpy rejected(&deployment, &ConnectDeployment::validationFailed);
        deployment.start();
        QVERIFY(finished.wait(180000));
        const QList<QVariant> outcome = finished.takeFirst();
        QVERIFY2(outcome.at(0).toBool(), qPrintable(outcome.at(2).toString()));
        QCOMPARE(rejected.count(), 0);
        const auto statuses = outcome.at(1).value<QList<ConnectorStatus>>();
        QCOMPARE(statuses.size(), 3);
        for (const ConnectorStatus &s : statuses) {
            QCOMPARE(s.state, QStringLiteral("RUNNING"));
            QVERIFY(!s.tasks.isEmpty());
            for (const TaskStatus &t : s.tasks) {
                QVERIFY2(t.state == QLatin1String("RUNNING"), qPrintable(s.name + ": " + t.trace));
            }
            deployed_ << s.name;
        }
        qInfo("deployed and RUNNING after %lld ms", clock.elapsed());

        // Changes in the ERP database.
        QVERIFY(
            sql(QStringLiteral("INSERT INTO %1.customers VALUES (2, 'Grace', 'grace@example.com');"
                               "UPDATE %1.customers SET email = 'ada@lovelace.example' WHERE customer_id = 1;"
                               "DELETE FROM %1.customers WHERE customer_id = 2;"
                               "INSERT INTO %1.orders VALUES (10, 1, 1250);")
                    .arg(schema_)));

        // The change events in the topic, decoded by the inspector's Debezium decoder (JsonConverter
        // with schemas: the decoder unwraps {schema, payload}).
        const auto decoder = inspect::makeDebeziumDecoder();
        QList<inspect::ChangeEvent> changes;
        int tombstones = 0;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 90000) {
            QString error;
            const auto messages = test::consumeFromBeginning(bootstrap_.toStdString(),
                {customersTopic.toStdString()}, 100, std::chrono::milliseconds(10000), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            changes.clear();
            tombstones = 0;
            for (const auto &m : messages) {
                if (!m.value) {
                    ++tombstones;
                    continue;
                }
                const inspect::DecodedValue decoded = decode(*decoder, m);
                QVERIFY2(decoded.kind == inspect::DecodedValue::Kind::Change && decoded.change,
                    qPrintable(decoded.summary + QLatin1Char(' ') + decoded.error));
                changes << *decoded.change;
            }
            if (changes.size() >= 4 && tombstones >= 1) {
                break;
            }
            QTest::qWait(1000);
        }
        QCOMPARE(changes.size(), 4);
        for (const inspect::ChangeEvent &c : changes) {
            QCOMPARE(c.connector, QStringLiteral("postgresql"));
            QCOMPARE(c.serverName, prefix_);
            QCOMPARE(c.schema, schema_);
            QCOMPARE(c.table, QStringLiteral("customers"));
            QVERIFY(c.schemaWrapped);
        }
        QCOMPARE(changes[0].op, QLatin1Char('r'));
        QCOMPARE(row(changes[0].after)["name"].get<std::string>(), std::string("Ada"));
        QCOMPARE(changes[1].op, QLatin1Char('c'));
        QVERIFY(!changes[1].hasBefore);
        QCOMPARE(row(changes[1].after)["customer_id"].get<int>(), 2);
        QCOMPARE(changes[2].op, QLatin1Char('u'));
        QCOMPARE(row(changes[2].before)["email"].get<std::string>(), std::string("ada@example.com"));
        QCOMPARE(row(changes[2].after)["email"].get<std::string>(), std::string("ada@lovelace.example"));
        QCOMPARE(changes[2].changedFields, QStringList {QStringLiteral("email")});
        QCOMPARE(changes[3].op, QLatin1Char('d'));
        QCOMPARE(row(changes[3].before)["customer_id"].get<int>(), 2);
        QVERIFY(!changes[3].hasAfter);
        QCOMPARE(tombstones, 1);

        // The overlay's mapping: the edge out of the CDC source carries exactly these topics,
        // which now hold data (the sampler's rate for the edge is non-zero).
        const auto cdcEdge = b.model().outgoingEdges(b.model().nodeByName(QStringLiteral("ERP database")));
        QCOMPARE(cdcEdge.size(), 1);
        const EdgeTopics onEdge = edgeTopics(b.model()).value(cdcEdge.first());
        QVERIFY(onEdge.exact);
        QCOMPARE(onEdge.topics, QStringList({customersTopic, ordersTopic}));

        // The sinks: flattened (deletes rewritten, tombstones dropped), routed by table, mapped.
        QStringList customerLines;
        QStringList orderLines;
        wait.restart();
        while (wait.elapsed() < 90000) {
            customerLines = readLines(dir_.filePath(QStringLiteral("customers.txt")));
            orderLines = readLines(dir_.filePath(QStringLiteral("orders.txt")));
            if (customerLines.size() >= 4 && !orderLines.empty()) {
                break;
            }
            QTest::qWait(500);
        }
        QCOMPARE(customerLines.size(), 4);
        QCOMPARE(orderLines.size(), 1);
        const auto first = parseStruct(customerLines.at(0));
        QCOMPARE(first.value(QStringLiteral("customer_id")), QStringLiteral("1"));
        QCOMPARE(first.value(QStringLiteral("Name")), QStringLiteral("Ada"));
        QCOMPARE(first.value(QStringLiteral("Email")), QStringLiteral("ada@example.com"));
        QCOMPARE(first.value(QStringLiteral("Source")), QStringLiteral("ERP"));
        QCOMPARE(first.value(QStringLiteral("__op")), QStringLiteral("r"));
        QCOMPARE(first.value(QStringLiteral("__deleted")), QStringLiteral("false"));
        QVERIFY2(!first.contains(QStringLiteral("__table")) && !first.contains(QStringLiteral("name")),
            qPrintable(customerLines.at(0)));
        QCOMPARE(parseStruct(customerLines.at(1)).value(QStringLiteral("__op")), QStringLiteral("c"));
        const auto updated = parseStruct(customerLines.at(2));
        QCOMPARE(updated.value(QStringLiteral("__op")), QStringLiteral("u"));
        QCOMPARE(updated.value(QStringLiteral("Email")), QStringLiteral("ada@lovelace.example"));
        const auto deleted = parseStruct(customerLines.at(3));
        QCOMPARE(deleted.value(QStringLiteral("__op")), QStringLiteral("d"));
        QCOMPARE(deleted.value(QStringLiteral("__deleted")), QStringLiteral("true"));
        QCOMPARE(deleted.value(QStringLiteral("customer_id")), QStringLiteral("2"));
        const auto order = parseStruct(orderLines.at(0));
        QCOMPARE(order.value(QStringLiteral("order_id")), QStringLiteral("10"));
        QCOMPARE(order.value(QStringLiteral("amount_cents")), QStringLiteral("1250"));
        QCOMPARE(order.value(QStringLiteral("__table")), QStringLiteral("orders"));
        QVERIFY2(!order.contains(QStringLiteral("Source")), "the map runs on the customers route only");

        // Operating the deployment: the poller reports every connector and task in one signal per
        // round; pause and resume show up in it.
        ConnectStatusPoller poller(&client, deployed_);
        poller.setInterval(250);
        const auto waitForState = [&](const QString &connector, const QString &state) {
            QSignalSpy rounds(&poller, &ConnectStatusPoller::updated);
            QElapsedTimer timer;
            timer.start();
            while (timer.elapsed() < 60000) {
                if (!rounds.wait(5000)) {
                    continue;
                }
                const auto round = rounds.last().at(0).value<QList<ConnectorStatus>>();
                if (round.size() != deployed_.size()) {
                    return false;
                }
                for (const ConnectorStatus &s : round) {
                    if (s.name == connector && s.state == state && !s.tasks.isEmpty()
                        && std::all_of(s.tasks.cbegin(), s.tasks.cend(),
                            [&](const TaskStatus &t) { return t.state == state; })) {
                        return true;
                    }
                }
            }
            return false;
        };
        poller.start();
        QVERIFY(waitForState(QStringLiteral("erp_database"), QStringLiteral("RUNNING")));
        QSignalSpy actions(&client, &ConnectClient::actionDone);
        client.pause(QStringLiteral("erp_database"));
        QVERIFY(actions.wait(30000));
        QVERIFY(waitForState(QStringLiteral("erp_database"), QStringLiteral("PAUSED")));
        client.resume(QStringLiteral("erp_database"));
        QVERIFY(actions.wait(30000));
        QVERIFY(waitForState(QStringLiteral("erp_database"), QStringLiteral("RUNNING")));
        poller.stop();
        qInfo("end-to-end flow verified after %lld ms", clock.elapsed());
    }

    void brokenConfigIsMappedToItsNode()
    {
        Builder b(QStringLiteral("ERP broken"));
        buildPipeline(b, QStringLiteral("Not-A-Valid-Slot!"));
        const ExportResult result = exportPipeline(b.model(), Target::KafkaConnect);
        QVERIFY(!result.report.hasErrors());
        const pipeline::NodeId erp = b.model().nodeByName(QStringLiteral("ERP database"));

        // Core API: nothing is created, the rejection points at the node and property.
        ConnectClient client {QUrl(connectUrl_)};
        ConnectDeployment deployment(&client, result.connectors);
        QSignalSpy rejected(&deployment, &ConnectDeployment::validationFailed);
        QSignalSpy finished(&deployment, &ConnectDeployment::finished);
        deployment.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QCOMPARE(rejected.count(), 1);
        const auto problems = rejected.takeFirst().at(0).value<QList<ExportProblem>>();
        QVERIFY(!problems.isEmpty());
        const auto slot = std::find_if(problems.cbegin(), problems.cend(),
            [](const ExportProblem &p) { return p.property == QLatin1String("slotName"); });
        QVERIFY2(slot != problems.cend(), qPrintable(problems.first().message));
        QCOMPARE(slot->node, erp);
        QVERIFY(slot->message.contains(QStringLiteral("slot.name")));

        // The CLI says the same, by node name.
        const QString path = dir_.filePath(QStringLiteral("broken.edis.json"));
        QVERIFY(pipeline::savePipeline(b.model(), path));
        const Run r = edis({QStringLiteral("deploy"), path, QStringLiteral("--connect-url"), connectUrl_,
            QStringLiteral("--validate-only"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const auto doc = nlohmann::json::parse(r.out.toStdString());
        bool found = false;
        for (const auto &p : doc["problems"]) {
            found = found || (p["node"]["name"] == "ERP database" && p.value("property", "") == "slotName");
        }
        QVERIFY2(found, r.out);
    }

    void cliDeploysTheGoodPipeline()
    {
        QVERIFY(!pipelinePath_.isEmpty());
        Run r = edis({QStringLiteral("deploy"), pipelinePath_, QStringLiteral("--connect-url"), connectUrl_,
            QStringLiteral("--validate-only")});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY(r.out.contains("validated erp_database: 0 error(s)"));
        // A real deploy of what runs already: every connector is updated in place and RUNNING.
        r = edis({QStringLiteral("deploy"), pipelinePath_, QStringLiteral("--connect-url"), connectUrl_});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        for (const QString &name : std::as_const(deployed_)) {
            QVERIFY2(r.out.contains(("updated " + name).toUtf8()), r.out);
            QVERIFY2(QRegularExpression(QStringLiteral("(^|\\n)%1\\tRUNNING\\ttasks 0:RUNNING").arg(name))
                         .match(QString::fromUtf8(r.out))
                         .hasMatch(),
                r.out);
        }
    }

    void designerValidatesDeploysOperatesAndOverlays()
    {
        QVERIFY(!pipelinePath_.isEmpty());
        QElapsedTimer clock;
        clock.start();

        // A config Connect rejects: its error appears on the node it came from, in the designer.
        Builder broken(QStringLiteral("ERP broken"));
        buildPipeline(broken, QStringLiteral("Not-A-Valid-Slot!"));
        ui::PipelineEditor brokenEditor;
        QVERIFY(brokenEditor.loadBytes(pipeline::serializePipeline(broken.model().document()), {}, false));
        brokenEditor.resize(1400, 860);
        brokenEditor.show();
        ui::DeployPanel *brokenPanel = brokenEditor.deployPanel();
        brokenPanel->urlEdit()->setText(connectUrl_);
        QTest::mouseClick(brokenPanel->validateButton(), Qt::LeftButton);
        QVERIFY(brokenPanel->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!brokenPanel->isBusy(), 60000);
        const pipeline::NodeId brokenErp = brokenEditor.model()->nodeByName(QStringLiteral("ERP database"));
        const QList<pipeline::Problem> problems = brokenEditor.problems();
        const auto slot
            = std::find_if(problems.cbegin(), problems.cend(), [brokenErp](const pipeline::Problem &p) {
                  return p.node == brokenErp && p.property == QLatin1String("slotName");
              });
        QVERIFY2(slot != problems.cend(), qPrintable(brokenPanel->statusLabel()->text()));
        QVERIFY2(slot->message.contains(QStringLiteral("slot.name")), qPrintable(slot->message));
        widgets::NodeItem *brokenItem = brokenEditor.scene()->nodeItem(brokenErp);
        QVERIFY(brokenItem);
        QVERIFY(brokenItem->errorCount() > 0);
        QVERIFY(!brokenEditor.problemsList()->findItems(slot->message, Qt::MatchExactly).isEmpty());
        QCOMPARE(brokenEditor.sideTabs()->currentIndex(), 0); // the Problems tab comes to the front

        // The good pipeline, opened from its file: Deploy (updates what runs in place), then the
        // panel follows connector and task state, shown under each card.
        ui::PipelineEditor editor;
        QString error;
        QVERIFY2(editor.load(pipelinePath_, &error), qPrintable(error));
        editor.resize(1400, 860);
        editor.show();
        ui::DeployPanel *panel = editor.deployPanel();
        panel->setPollInterval(500);
        panel->urlEdit()->setText(connectUrl_);
        QTest::mouseClick(panel->deployButton(), Qt::LeftButton);
        QVERIFY(panel->isBusy());
        const pipeline::PipelineModel &m = *editor.model();
        const auto item = [&](const char *name) {
            return editor.scene()->nodeItem(m.nodeByName(QString::fromLatin1(name)));
        };
        widgets::NodeItem *erpItem = item("ERP database");
        widgets::NodeItem *ordersItem = item("Order file");
        QVERIFY(erpItem && ordersItem && item("Customer file"));
        QTRY_VERIFY_WITH_TIMEOUT(erpItem->runtimeText().startsWith(QStringLiteral("RUNNING")), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(ordersItem->runtimeText().startsWith(QStringLiteral("RUNNING")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(
            item("Customer file")->runtimeText().startsWith(QStringLiteral("RUNNING")), 60000);
        QCOMPARE(erpItem->runtimeLevel(), widgets::NodeItem::RuntimeLevel::Good);
        QVERIFY(panel->isWatching());
        QVERIFY(editor.engineProblems().isEmpty());
        qInfo("deployed from the designer, RUNNING on the canvas after %lld ms", clock.elapsed());

        // Pause and resume from the panel's buttons; the card follows.
        panel->selectConnector(QStringLiteral("erp_database"));
        QVERIFY(panel->pauseButton()->isEnabled());
        QTest::mouseClick(panel->pauseButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(erpItem->runtimeText(), QStringLiteral("PAUSED"), 60000);
        QCOMPARE(erpItem->runtimeLevel(), widgets::NodeItem::RuntimeLevel::Warning);
        QTRY_VERIFY(panel->resumeButton()->isEnabled());
        QTest::mouseClick(panel->resumeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(erpItem->runtimeText().startsWith(QStringLiteral("RUNNING")), 60000);

        // The live overlay, fed by the real throughput sampler as the main window feeds it: the
        // CDC edge shows a non-zero rate while rows change, and the sinks' edges their group's lag.
        kafka::ConnectionSettings settings;
        settings.bootstrapServers = bootstrap_;
        metrics::RateSampler sampler(settings);
        metrics::SamplerOptions options;
        options.allGroups = true;
        sampler.setOptions(options);
        connect(&sampler, &metrics::RateSampler::roundSampled, &editor,
            [&editor](
                const metrics::SampleRound &round) { editor.setLiveFlow(ui::liveFlowFromRound(round)); });
        sampler.start();
        const pipeline::EdgeId cdcEdge
            = m.outgoingEdges(m.nodeByName(QStringLiteral("ERP database"))).first();
        const pipeline::EdgeId intoOrders
            = m.incomingEdges(m.nodeByName(QStringLiteral("Order file"))).first();
        bool flowing = false;
        for (int i = 0; i < 40 && !flowing; ++i) {
            QVERIFY(sql(QStringLiteral("INSERT INTO %1.orders VALUES (%2, 1, %3);")
                            .arg(schema_)
                            .arg(100 + i)
                            .arg(i)));
            QTest::qWait(500);
            flowing = editor.edgeFlows().value(cdcEdge).flowing();
        }
        QVERIFY2(flowing, qPrintable(editor.edgeFlows().value(cdcEdge).label));
        widgets::EdgeItem *cdcItem = editor.scene()->edgeItem(cdcEdge);
        QVERIFY(cdcItem);
        QVERIFY(cdcItem->isOverlayFlowing());
        QVERIFY2(
            cdcItem->overlayLabel().contains(QStringLiteral(" msg/s")), qPrintable(cdcItem->overlayLabel()));
        QTRY_VERIFY_WITH_TIMEOUT(
            editor.edgeFlows().value(intoOrders).laggingGroup.startsWith(QStringLiteral("connect-")), 30000);
        QVERIFY(editor.edgeFlows().value(intoOrders).lag >= 0);
        qInfo("overlay: CDC edge '%s', into the order file '%s'", qPrintable(cdcItem->overlayLabel()),
            qPrintable(editor.edgeFlows().value(intoOrders).label));
        sampler.stop();
        if (const QString shots = qEnvironmentVariable("EDIS_SCREENSHOT_DIR"); !shots.isEmpty()) {
            editor.view()->fitToContents();
            QTest::qWait(100);
            editor.grab().save(shots + QStringLiteral("/designer-deployed.png"));
        }

        // Delete from the panel, after the question: the card says so, the worker no longer has it.
        QString asked;
        panel->setConfirmPrompt([&asked](const QString &question) {
            asked = question;
            return true;
        });
        panel->selectConnector(QStringLiteral("order_file"));
        QCOMPARE(panel->selectedConnector(), QStringLiteral("order_file"));
        QTest::mouseClick(panel->deleteButton(), Qt::LeftButton);
        QVERIFY(asked.contains(QStringLiteral("order_file")));
        QTRY_COMPARE_WITH_TIMEOUT(ordersItem->runtimeText(), QStringLiteral("not deployed"), 60000);
        deployed_.removeAll(QStringLiteral("order_file"));
        ConnectClient client {QUrl(connectUrl_)};
        QSignalSpy failed(&client, &ConnectClient::failed);
        client.fetchStatus(QStringLiteral("order_file"));
        QVERIFY(failed.wait(30000));
        qInfo("designer flow verified after %lld ms", clock.elapsed());
    }

    void exportDialogCreatesTheMissingTopicsOnTheCluster()
    {
        // A pipeline whose topics are not on the broker yet.
        const QString in = QStringLiteral("dialog.in.") + suffix_;
        const QString out = QStringLiteral("dialog.out.") + suffix_;
        Builder b(QStringLiteral("Topics from the dialog"));
        const auto file = b.add(QStringLiteral("file-source"), QStringLiteral("Spool"),
            {{"path", dir_.filePath(QStringLiteral("spool.jsonl"))}, {"topic", in}});
        const auto sink = b.add(QStringLiteral("kafka-sink"), QStringLiteral("Out topic"),
            {{"topic", out}, {"partitions", qint64(3)}});
        b.link(file, sink);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        ui::PipelineEditor editor;
        QVERIFY(editor.loadBytes(pipeline::serializePipeline(b.model().document()), {}, false));

        kafka::ConnectionSettings settings;
        settings.bootstrapServers = bootstrap_;
        cluster::ClusterSession session(settings);
        session.open();
        QTRY_VERIFY_WITH_TIMEOUT(!session.metadata().topics.isEmpty(), 30000);
        ui::ExportDialog dialog(&editor);
        dialog.setSession(&session);
        dialog.show();
        const auto stateOf = [&dialog](const QString &topic) {
            QTableWidget *t = dialog.topicsTable();
            for (int row = 0; row < t->rowCount(); ++row) {
                if (t->item(row, 0)->text() == topic) {
                    return t->item(row, 2)->text();
                }
            }
            return QStringLiteral("(not listed)");
        };
        QCOMPARE(stateOf(out), QStringLiteral("missing"));
        QVERIFY(dialog.createTopicsButton()->isEnabled());
        QSignalSpy created(&dialog, &ui::ExportDialog::topicsCreated);
        QTest::mouseClick(dialog.createTopicsButton(), Qt::LeftButton);
        QVERIFY(created.wait(30000));
        QVERIFY2(created.first().at(1).toStringList().isEmpty(),
            qPrintable(created.first().at(1).toStringList().join(';')));
        QVERIFY(created.first().at(0).toStringList().contains(out));
        // The session's next metadata shows them, with the designed partitions.
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(out), QStringLiteral("exists"), 30000);
        QCOMPARE(session.metadata().topic(out)->partitions.size(), qsizetype(3));
        QVERIFY(!dialog.createTopicsButton()->isEnabled());
    }

    void failedTaskTraceIsReadableInTheDesigner()
    {
        // A sink whose file cannot be created: Connect starts the connector, its task fails.
        Builder b(QStringLiteral("Doomed sink"));
        QVariantMap source = exporttest::typicalProperties(QStringLiteral("kafka-source"));
        source.insert(
            QStringLiteral("topic"), prefix_ + QLatin1Char('.') + schema_ + QStringLiteral(".orders"));
        const auto in = b.add(QStringLiteral("kafka-source"), QStringLiteral("Orders"), source);
        const auto out = b.add(QStringLiteral("file-sink"), QStringLiteral("Doomed file"),
            {{"path", QStringLiteral("/nonexistent-%1/orders.txt").arg(suffix_)}});
        b.link(in, out);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        ui::PipelineEditor editor;
        QVERIFY(editor.loadBytes(pipeline::serializePipeline(b.model().document()), {}, false));
        editor.show();
        ui::DeployPanel *panel = editor.deployPanel();
        panel->setPollInterval(500);
        panel->urlEdit()->setText(connectUrl_);
        QTest::mouseClick(panel->deployButton(), Qt::LeftButton);
        const pipeline::NodeId doomed = editor.model()->nodeByName(QStringLiteral("Doomed file"));
        widgets::NodeItem *card = editor.scene()->nodeItem(doomed);
        QVERIFY(card);
        QTRY_VERIFY_WITH_TIMEOUT(card->runtimeText().startsWith(QStringLiteral("FAILED")), 120000);
        deployed_ << QStringLiteral("doomed_file");
        QCOMPARE(card->runtimeLevel(), widgets::NodeItem::RuntimeLevel::Bad);
        QTRY_VERIFY(!panel->isBusy());
        // The deployment says so in red, keeps following the state, and shows the Java trace.
        QCOMPARE(panel->statusLabel()->styleSheet(), QStringLiteral("color: #b71c1c;"));
        QVERIFY(panel->isWatching());
        panel->selectConnector(QStringLiteral("doomed_file"));
        const QString trace = panel->traceView()->toPlainText();
        QVERIFY2(trace.contains(QStringLiteral("nonexistent-") + suffix_), qPrintable(trace));
        QVERIFY2(trace.contains(QStringLiteral("Exception")), qPrintable(trace));
        QVERIFY(card->toolTip().contains(QStringLiteral("Exception")));
        // Restart is accepted by the worker (the file still cannot be made: it fails again).
        QVERIFY(panel->restartButton()->isEnabled());
        QTest::mouseClick(panel->restartButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->statusLabel()->text().contains(QStringLiteral("restart accepted")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(card->runtimeText().startsWith(QStringLiteral("FAILED")), 60000);
    }

    void standalonePropertiesRunInConnectStandalone()
    {
        const QString libs = qEnvironmentVariable("EDIS_TEST_CONNECT_LIBS");
        const QString java = qEnvironmentVariable("EDIS_TEST_CONNECT_JAVA");
        const QString plugins = qEnvironmentVariable("EDIS_TEST_CONNECT_PLUGIN_PATH");
        QVERIFY2(!libs.isEmpty() && !java.isEmpty() && !plugins.isEmpty(),
            "tests/services/connect.sh start sets EDIS_TEST_CONNECT_LIBS, _JAVA and _PLUGIN_PATH");
        const QString topic = QStringLiteral("standalone.") + suffix_;
        const QString input = dir_.filePath(QStringLiteral("standalone-in.jsonl"));
        {
            QFile f(input);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"order\": 1}\n{\"order\": 2}\n");
        }
        Builder b(QStringLiteral("Spool to topic"));
        const auto file = b.add(QStringLiteral("file-source"), QStringLiteral("Spool file"),
            {{"path", input}, {"format", "record"}, {"topic", topic}});
        const auto sink
            = b.add(QStringLiteral("kafka-sink"), QStringLiteral("Standalone topic"), {{"topic", topic}});
        b.link(file, sink);
        QVERIFY2(b.validationErrors().isEmpty(), qPrintable(b.validationErrors()));
        const QString path = dir_.filePath(QStringLiteral("standalone.edis.json"));
        QVERIFY(pipeline::savePipeline(b.model(), path));
        const QString out = dir_.filePath(QStringLiteral("standalone-export"));
        Run r = edis({QStringLiteral("export"), path, QStringLiteral("--target"),
            QStringLiteral("kafka-connect"), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        r = edis({QStringLiteral("topics"), path, QStringLiteral("--bootstrap-server"), bootstrap_,
            QStringLiteral("--create")});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        const QStringList properties = QDir(out + QStringLiteral("/connectors"))
                                           .entryList({QStringLiteral("*.properties")}, QDir::Files);
        QCOMPARE(properties.size(), 1);

        // A standalone worker of the same Kafka version runs the exported file as it is.
        const QString worker = dir_.filePath(QStringLiteral("standalone-worker.properties"));
        {
            QFile f(worker);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("bootstrap.servers=%1\n"
                                   "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
                                   "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
                                   "offset.storage.file.filename=%2\n"
                                   "offset.flush.interval.ms=1000\n"
                                   "listeners=http://127.0.0.1:0\n"
                                   "plugin.path=%3\n"
                                   "plugin.discovery=service_load\n"
                                   "config.providers=env\n"
                                   "config.providers.env.class=org.apache.kafka.common.config.provider."
                                   "EnvVarConfigProvider\n")
                        .arg(bootstrap_, dir_.filePath(QStringLiteral("standalone.offsets")), plugins)
                        .toUtf8());
        }
        QProcess standalone;
        standalone.setProcessChannelMode(QProcess::MergedChannels);
        standalone.setStandardOutputFile(dir_.filePath(QStringLiteral("standalone.log")));
        standalone.start(java,
            {QStringLiteral("-Xmx256m"), QStringLiteral("-cp"), libs + QStringLiteral("/*"),
                QStringLiteral("org.apache.kafka.connect.cli.ConnectStandalone"), worker,
                out + QStringLiteral("/connectors/") + properties.first()});
        QVERIFY(standalone.waitForStarted(10000));
        std::vector<test::ConsumedMessage> messages;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 90000 && messages.size() < 2 && standalone.state() == QProcess::Running) {
            QString error;
            messages = test::consumeFromBeginning(
                bootstrap_.toStdString(), {topic.toStdString()}, 2, std::chrono::milliseconds(3000), &error);
        }
        const bool exited = standalone.state() != QProcess::Running;
        standalone.terminate();
        if (!standalone.waitForFinished(15000)) {
            standalone.kill();
            standalone.waitForFinished(5000);
        }
        QFile log(dir_.filePath(QStringLiteral("standalone.log")));
        const QByteArray logText = log.open(QIODevice::ReadOnly) ? log.readAll().right(3000) : QByteArray();
        QVERIFY2(!exited, logText.constData());
        QCOMPARE(messages.size(), std::size_t(2));
        const QByteArray first = messages.at(0).value.value_or(QByteArray());
        QVERIFY2(first.contains("{\"order\": 1}") || first.contains("{\\\"order\\\": 1}"), first.constData());
        qInfo("connect-standalone ran %s and wrote %zu records to %s", qPrintable(properties.first()),
            messages.size(), qPrintable(topic));
    }

    void cleanupTestCase()
    {
        if (connectUrl_.isEmpty()) {
            return;
        }
        ConnectClient client {QUrl(connectUrl_)};
        for (const QString &name : deployed_) {
            QSignalSpy done(&client, &ConnectClient::actionDone);
            client.remove(name);
            done.wait(30000);
        }
        // The slot would keep WAL on a longer-lived server; the connector has let go of it now.
        for (int i = 0; i < 10; ++i) {
            if (sql(QStringLiteral("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                                   "WHERE slot_name = 'edis_slot_%1' AND NOT active")
                        .arg(suffix_))) {
                break;
            }
            QTest::qWait(1000);
        }
    }
};

QTEST_MAIN(ExportE2eTest)
#include "tst_export_e2e.moc"
