// test_export_lint (label e2e): Redpanda Connect itself lints the exported YAML streams. The
// binary is built from the Go module proxy by tests/services/redpanda-connect.sh (cached outside
// the repository); tests/run.sh sets EDIS_TEST_REDPANDA_CONNECT when it exists.

#include "exporter.h"
#include "exporttestutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace edis;
using namespace edis::exporting;
using exporttest::Builder;
using exporttest::typicalProperties;

class ExportLintTest : public QObject {
    Q_OBJECT
private:
    QString binary_;

private Q_SLOTS:
    void initTestCase()
    {
        binary_ = qEnvironmentVariable("EDIS_TEST_REDPANDA_CONNECT");
        if (binary_.isEmpty()) {
            // tests/run.sh leaves this test out (and says so) when no linter is built; run on its
            // own without one, it fails rather than pass having checked nothing.
            QFAIL("EDIS_TEST_REDPANDA_CONNECT is not set: build the linter with "
                  "tests/services/redpanda-connect.sh "
                  "build (a long Go build, cached; tests/run.sh finds it).");
        }
    }

    void lint_data()
    {
        QTest::addColumn<QString>("pipeline");
        QTest::newRow("sample") << QStringLiteral("sample");
        for (const char *sink :
            {"file-sink", "http-sink", "jdbc-sink", "rabbitmq-sink", "kafka-sink", "eventhub-sink"}) {
            QTest::newRow(sink) << QString::fromLatin1(sink);
        }
    }

    void lint()
    {
        QFETCH(QString, pipeline);
        Builder b;
        if (pipeline == QLatin1String("sample")) {
            QVERIFY(exporttest::loadSample(&b.model()));
        } else {
            const auto hook = b.add(QStringLiteral("http-webhook"), QStringLiteral("Hook"),
                typicalProperties(QStringLiteral("http-webhook")));
            const auto in = b.add(QStringLiteral("rabbitmq-source"), QStringLiteral("Queue"),
                typicalProperties(QStringLiteral("rabbitmq-source")));
            const auto merge = b.add(QStringLiteral("merge"), QStringLiteral("Both"));
            const auto filter = b.add(QStringLiteral("filter"), QStringLiteral("Keep"),
                typicalProperties(QStringLiteral("filter")));
            const auto route = b.add(QStringLiteral("route"), QStringLiteral("By kind"),
                typicalProperties(QStringLiteral("route")));
            const auto map = b.add(
                QStringLiteral("map"), QStringLiteral("Map"), typicalProperties(QStringLiteral("map")));
            b.link(hook, merge)
                .link(in, merge)
                .link(merge, filter)
                .link(filter, route)
                .link(route, map, QStringLiteral("customers"));
            b.link(map, b.add(pipeline, QStringLiteral("Sink"), typicalProperties(pipeline)));
            b.link(route,
                b.add(QStringLiteral("file-sink"), QStringLiteral("Orders"),
                    typicalProperties(QStringLiteral("file-sink"))),
                QStringLiteral("orders"));
        }
        const ExportResult result = exportPipeline(b.model(), Target::RedpandaConnect);
        QVERIFY(!result.report.hasErrors());
        QTemporaryDir dir;
        QString error;
        QStringList written;
        QVERIFY2(writeExport(result, dir.path(), {}, &written, &error), qPrintable(error));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const SecretRef &s : result.secrets) {
            env.insert(s.variable, QStringLiteral("lint-placeholder"));
        }
        for (const QString &v : result.variables) {
            env.insert(v, QStringLiteral("localhost:9092"));
        }
        for (const QString &file : written) {
            if (!file.endsWith(QLatin1String(".yaml"))) {
                continue;
            }
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(binary_, {QStringLiteral("lint"), file});
            QVERIFY(p.waitForFinished(60000));
            const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
            QVERIFY2(p.exitCode() == 0, qPrintable(file + QStringLiteral(":\n") + QString::fromUtf8(out)));
        }
    }
};

QTEST_GUILESS_MAIN(ExportLintTest)
#include "tst_export_lint.moc"
