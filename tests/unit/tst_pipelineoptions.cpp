// `edis pipeline`'s options as a request: the action and its file(s), the export target and
// secret style, deploy's Kafka Connect options, and a clear refusal (naming the option or the
// action and what it expects) for every bad value.

#include "clicommon.h"
#include "optionparsing.h"
#include "pipelineoptions.h"

#include <QTest>

using edis::cli::PipelineRequest;
using Action = PipelineRequest::Action;
using edis::exporting::SecretStyle;
using edis::exporting::Target;

namespace {

using Parsed = edis::test::ParsedOptions<PipelineRequest>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<PipelineRequest>(
        "edis pipeline", edis::cli::addPipelineOptions, arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *, QString *error) {
            return edis::cli::pipelineRequestFromOptions(parser, error);
        },
        edis::test::Bootstrap::NotGiven);
}

} // namespace

Q_DECLARE_METATYPE(PipelineRequest::Action)

class TestPipelineOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachActionByItsName_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<Action>("action");
        QTest::newRow("validate") << "validate p.edis.json" << Action::Validate;
        QTest::newRow("order") << "order p.edis.json --json" << Action::Order;
        QTest::newRow("export") << "export p.edis.json --target kafka-connect" << Action::Export;
        QTest::newRow("import") << "import p.edis.json" << Action::Import;
        QTest::newRow("deploy") << "deploy p.edis.json --connect-url http://localhost:8083" << Action::Deploy;
        QTest::newRow("topics") << "topics p.edis.json" << Action::Topics;
    }

    void eachActionByItsName()
    {
        QFETCH(QString, arguments);
        QFETCH(Action, action);
        const Parsed p = parse(words(arguments));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->action, action);
        QCOMPARE(p.request->file(), QStringLiteral("p.edis.json"));
    }

    void importReadsManyPathsAndAName()
    {
        const Parsed p = parse(words("import a.json connectors/ b.yaml --name Orders --out o.edis.json"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->files,
            QStringList({QStringLiteral("a.json"), QStringLiteral("connectors/"), QStringLiteral("b.yaml")}));
        QCOMPARE(p.request->name, std::optional<QString>(QStringLiteral("Orders")));
        QCOMPARE(p.request->out, QStringLiteral("o.edis.json"));
        // Without --name the importer's name is kept.
        QVERIFY(!parse(words("import a.json")).request->name);
    }

    void exportTargetSecretsAndCluster()
    {
        const Parsed p
            = parse(words("export p.edis.json --target redpanda-connect --secrets file --secrets-file "
                          "/run/s.properties --bootstrap-server k:9092 --out dir"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->target, Target::RedpandaConnect);
        QCOMPARE(p.request->exportOptions.secretStyle, SecretStyle::File);
        QCOMPARE(p.request->exportOptions.secretsFile, QStringLiteral("/run/s.properties"));
        QCOMPARE(p.request->exportOptions.bootstrapServers, QStringLiteral("k:9092"));
        QCOMPARE(p.request->out, QStringLiteral("dir"));

        const Parsed env = parse(words("export p.edis.json --target kafka-connect"));
        QVERIFY2(env.request, qPrintable(env.error));
        QCOMPARE(env.request->exportOptions.secretStyle, SecretStyle::EnvironmentVariable);
        QVERIFY(env.request->exportOptions.bootstrapServers.isEmpty()); // a variable in the export
        QVERIFY(env.request->out.isEmpty()); // printed, not written
    }

    void deployConnectOptions()
    {
        const Parsed p
            = parse(words("deploy p.edis.json --connect-url http://connect:8083 --connect-user ops "
                          "--validate-only --secrets file --secrets-file /s.properties"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->connectUrl, QUrl(QStringLiteral("http://connect:8083")));
        QCOMPARE(p.request->connectUser, QStringLiteral("ops"));
        QVERIFY(p.request->validateOnly);
        QCOMPARE(p.request->exportOptions.secretStyle, SecretStyle::File);
        QCOMPARE(p.request->exportOptions.secretsFile, QStringLiteral("/s.properties"));
        // Deploy has always read any other --secrets as env; kept so as not to break scripts.
        const Parsed lenient = parse(words("deploy p.edis.json --connect-url http://c:8083 --secrets vault"));
        QVERIFY2(lenient.request, qPrintable(lenient.error));
        QCOMPARE(lenient.request->exportOptions.secretStyle, SecretStyle::EnvironmentVariable);
    }

    void topicsTargetAndCreate()
    {
        const Parsed p = parse(words("topics p.edis.json"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->target, Target::KafkaConnect);
        QVERIFY(!p.request->createTopics);
        const Parsed create
            = parse(words("topics p.edis.json --target redpanda-connect --bootstrap-server k:9092 --create"));
        QVERIFY2(create.request, qPrintable(create.error));
        QCOMPARE(create.request->target, Target::RedpandaConnect);
        QVERIFY(create.request->createTopics);
    }

    void badValuesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("error");
        const QString actionAndFile
            = QStringLiteral("Give an action and a file, e.g. 'edis pipeline validate pipeline.edis.json'.");
        const QString target = QStringLiteral("Give --target kafka-connect or --target redpanda-connect.");
        QTest::newRow("nothing") << "" << actionAndFile;
        QTest::newRow("no file") << "validate" << actionAndFile;
        QTest::newRow("two files") << "validate a.edis.json b.edis.json" << actionAndFile;
        QTest::newRow("unknown action")
            << "check p.edis.json"
            << "Unknown action 'check'; use validate, order, export, import, deploy or topics.";
        QTest::newRow("export without target") << "export p.edis.json" << target;
        QTest::newRow("export unknown target") << "export p.edis.json --target flink" << target;
        QTest::newRow("export unknown secrets") << "export p.edis.json --target kafka-connect --secrets vault"
                                                << "--secrets takes env or file.";
        QTest::newRow("deploy without url")
            << "deploy p.edis.json"
            << "Give the Kafka Connect REST URL with --connect-url, e.g. http://localhost:8083.";
        QTest::newRow("topics unknown target") << "topics p.edis.json --target flink" << target;
    }

    void badValuesAreRefusedByName()
    {
        QFETCH(QString, arguments);
        QFETCH(QString, error);
        const Parsed p = parse(words(arguments));
        QVERIFY(!p.request);
        QCOMPARE(p.error, error);
    }
};

QTEST_GUILESS_MAIN(TestPipelineOptions)
#include "tst_pipelineoptions.moc"
