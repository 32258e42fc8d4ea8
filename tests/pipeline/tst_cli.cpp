#include "graphalgorithms.h"
#include "pipelinemodel.h"
#include "pipelinetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace edis::pipeline;
using namespace pipelinetest;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class CliTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString edis_;

    Run run(const QStringList &arguments)
    {
        QProcess process;
        process.start(edis_, QStringList {QStringLiteral("pipeline")} + arguments);
        Run result;
        if (!process.waitForFinished(30'000)) {
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = dir_.filePath(name);
        writeFile(path, content);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString binaryDir = qEnvironmentVariable("EDIS_TEST_BINARY_DIR");
        if (binaryDir.isEmpty()) {
            QFAIL("EDIS_TEST_BINARY_DIR is not set; run the test through ctest.");
        }
        edis_ = binaryDir + QStringLiteral("/app/cli/edis");
        QVERIFY2(QFile::exists(edis_), qPrintable(edis_ + QStringLiteral(" does not exist")));
        QVERIFY(dir_.isValid());
    }

    void validateCleanSample()
    {
        const Run r
            = run({QStringLiteral("validate"), file(QStringLiteral("sample.edis.json"), sampleBytes())});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY(r.out.contains("no problems"));
    }

    void validateReportsEveryProblem()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        model.setProperty(model.nodeByName(QStringLiteral("Audit log")), QStringLiteral("table"), QVariant());
        model.setProperty(model.nodeByName(QStringLiteral("ERP database")), QStringLiteral("password"),
            QStringLiteral("hunter2"));
        const QString path = file(QStringLiteral("broken.edis.json"), serialized(model));

        const Run text = run({QStringLiteral("validate"), path});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains("error\tnode 'Audit log'"), text.out);
        QVERIFY2(text.out.contains("warning\tnode 'ERP database'"), text.out);
        QVERIFY(text.out.contains("1 error(s), 1 warning(s)"));

        const Run json = run({QStringLiteral("validate"), path, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(report.value(QLatin1String("valid")).toBool(true), false);
        QCOMPARE(report.value(QLatin1String("errors")).toInt(), 1);
        QCOMPARE(report.value(QLatin1String("warnings")).toInt(), 1);
        const QJsonObject first = report.value(QLatin1String("problems")).toArray().first().toObject();
        QCOMPARE(first.value(QLatin1String("node")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("ERP database"));
        QCOMPARE(first.value(QLatin1String("code")).toString(), QStringLiteral("plain-secret"));
    }

    void warningsAloneExitZero()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        model.setProperty(model.nodeByName(QStringLiteral("ERP database")), QStringLiteral("password"),
            QStringLiteral("hunter2"));
        const Run r
            = run({QStringLiteral("validate"), file(QStringLiteral("warn.edis.json"), serialized(model))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("warning"));
    }

    void typeProblemNamesTheEdge()
    {
        // The customer updates topic declared to hold change events: they reach the map, which
        // expects flat records.
        QByteArray broken = sampleBytes();
        const QByteArray record = "\"format\": \"record\"";
        const qsizetype at = broken.indexOf(record, broken.indexOf("\"name\": \"Customer updates\""));
        QVERIFY(at > 0);
        broken.replace(at, record.size(), "\"format\": \"cdc-envelope\"");
        const Run r = run({QStringLiteral("validate"), file(QStringLiteral("types.edis.json"), broken)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("edge 'Copy customer updates'.out → 'To CRM account'.in"), r.out);
        QVERIFY2(r.out.contains("Flatten CDC envelope"), r.out);
    }

    void unreadableFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("corrupt") << QByteArray("{\n  \"format\": \"edis-pipeline\",\n  oops\n}") << 1
                                 << QByteArray("line 3");
        QTest::newRow("newer") << QByteArray(R"({"format": "edis-pipeline", "version": 9, "nodes": []})") << 1
                               << QByteArray("newer");
        QTest::newRow("missing") << QByteArray() << 4 << QByteArray("does not exist");
    }
    void unreadableFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, mentions);
        const QString path = content.isEmpty() ? dir_.filePath(QStringLiteral("absent.edis.json"))
                                               : file(QStringLiteral("unreadable.edis.json"), content);
        const Run r = run({QStringLiteral("validate"), path});
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(mentions), r.err);
    }

    void usageErrors()
    {
        QCOMPARE(run({QStringLiteral("validate")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("frobnicate"), QStringLiteral("x.edis.json")}).exitCode, 2);
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        // The usage line names the command as typed, not the binary's path.
        QVERIFY2(help.out.startsWith("Usage: edis pipeline [options]"), help.out.left(120));
    }

    void orderPrintsTopologicalOrder()
    {
        const QString path = file(QStringLiteral("order.edis.json"), sampleBytes());
        PipelineModel model;
        QVERIFY(loadSample(&model));
        QStringList expected;
        for (const NodeId id : topologicalOrder(model).order) {
            expected << model.node(id)->name;
        }
        const Run text = run({QStringLiteral("order"), path});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(QString::fromUtf8(text.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
        // Whatever the tie-break, every edge must point forward in the printed order.
        for (const EdgeId e : model.edgeIds()) {
            QVERIFY(expected.indexOf(model.node(model.edge(e)->from.node)->name)
                < expected.indexOf(model.node(model.edge(e)->to.node)->name));
        }

        const Run json = run({QStringLiteral("order"), path, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray nodes = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(nodes.size(), expected.size());
        QCOMPARE(nodes.first().toObject().value(QLatin1String("name")).toString(), expected.first());
        QVERIFY(!nodes.first().toObject().value(QLatin1String("type")).toString().isEmpty());
    }
};

int runCliTests(int argc, char **argv)
{
    CliTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli.moc"
