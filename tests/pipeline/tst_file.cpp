#include "pipelinefile.h"
#include "pipelinemodel.h"
#include "pipelinetestutil.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edis::pipeline;
using namespace pipelinetest;

Q_DECLARE_METATYPE(edis::pipeline::FileError::Kind)

namespace {

/// The part of a file above "layout": the meaning of the pipeline.
QByteArray meaningPart(const QByteArray &file)
{
    const qsizetype at = file.indexOf("\n  \"layout\":");
    return at < 0 ? QByteArray() : file.left(at);
}

} // namespace

class FileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleIsInCanonicalForm()
    {
        // save → load → save is byte-identical, starting from the file as committed.
        PipelineModel model;
        QVERIFY(loadSample(&model));
        QCOMPARE(serialized(model), sampleBytes());
    }

    void saveLoadSaveIsByteIdentical()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PipelineModel model;
        QVERIFY(loadSample(&model));
        // Edits that exercise every value kind: fractions, negatives, unicode, nested lists.
        model.moveNode(1, QPointF(12.25, -7.5));
        model.renameNode(2, QStringLiteral("Überweisung → CRM ✓"));
        model.setDescription(QStringLiteral("Zeile 1\nZeile 2 \"zitiert\""));
        const QString first = dir.filePath(QStringLiteral("first.edis.json"));
        const QString second = dir.filePath(QStringLiteral("second.edis.json"));
        FileError error;
        QVERIFY2(savePipeline(model, first, &error), qPrintable(error.message));
        PipelineModel reloaded;
        QVERIFY2(loadPipeline(&reloaded, first, &error), qPrintable(error.message));
        QVERIFY(reloaded.document() == model.document());
        QVERIFY(savePipeline(reloaded, second, &error));
        QCOMPARE(readFile(second), readFile(first));
        // UTF-8 as such, not \u escapes.
        QVERIFY(readFile(first).contains(QStringLiteral("Überweisung → CRM ✓").toUtf8()));
    }

    void formatIsStable()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray text = serialized(model);
        QVERIFY(text.endsWith("}\n"));
        QVERIFY(text.startsWith("{\n  \"format\": \"edis-pipeline\",\n  \"version\": 1,\n"));
        QVERIFY(!text.contains('\t'));
        qsizetype last = -1;
        for (const char *key : {"\"format\"", "\"version\"", "\"name\"", "\"description\"", "\"nodes\"",
                 "\"edges\"", "\"layout\""}) {
            const qsizetype at = text.indexOf(QByteArray("\n  ") + key);
            QVERIFY2(at > last, key);
            last = at;
        }
        // Nodes sorted by id, whatever order they were added in.
        PipelineDocument doc = model.document();
        std::reverse(doc.nodes.begin(), doc.nodes.end());
        std::reverse(doc.edges.begin(), doc.edges.end());
        QCOMPARE(serializePipeline(doc), text);
    }

    void movingANodeChangesOnlyTheLayout()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray before = serialized(model);
        model.moveNode(model.nodeByName(QStringLiteral("Audit log")), QPointF(999, 111));
        const QByteArray after = serialized(model);
        QVERIFY(before != after);
        QVERIFY(!meaningPart(before).isEmpty());
        QCOMPARE(meaningPart(after), meaningPart(before));
    }

    void changingMeaningIsASmallDiff()
    {
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QList<QByteArray> before = serialized(model).split('\n');
        model.setProperty(
            model.nodeByName(QStringLiteral("Audit log")), QStringLiteral("table"), QStringLiteral("audit2"));
        const QList<QByteArray> after = serialized(model).split('\n');
        QCOMPARE(after.size(), before.size());
        int differing = 0;
        for (qsizetype i = 0; i < before.size(); ++i) {
            differing += before.at(i) != after.at(i) ? 1 : 0;
        }
        QCOMPARE(differing, 1);
    }

    void refusedFilesLeaveModelAndFileUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<FileError::Kind>("kind");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("broken json") << QByteArray(
            "{\n  \"format\": \"edis-pipeline\",\n  \"version\": 1\n  \"nodes\": []\n}\n")
                                     << FileError::Kind::Syntax << 4 << 3 << "line 4";
        QTest::newRow("truncated") << sampleBytes().left(sampleBytes().size() / 2) << FileError::Kind::Syntax
                                   << -1 << -1 << "not valid JSON";
        QTest::newRow("empty") << QByteArray() << FileError::Kind::Syntax << 1 << 1 << "not valid JSON";
        QTest::newRow("another format") << QByteArray(R"({"format": "nifi-flow", "version": 1, "nodes": []})")
                                        << FileError::Kind::Format << 0 << 0 << "edis-pipeline";
        QTest::newRow("a list") << QByteArray("[1, 2]") << FileError::Kind::Format << 0 << 0
                                << "edis-pipeline";
        QTest::newRow("newer version")
            << QByteArray(sampleBytes()).replace("\"version\": 1,", "\"version\": 2,")
            << FileError::Kind::NewerVersion << 0 << 0 << "newer";
        QTest::newRow("unknown node type")
            << QByteArray(sampleBytes()).replace("\"type\": \"merge\"", "\"type\": \"quantum-merge\"")
            << FileError::Kind::Content << 0 << 0 << "quantum-merge";
        QTest::newRow("edge to missing node")
            << QByteArray(sampleBytes()).replace("\"node\": 13,", "\"node\": 77,") << FileError::Kind::Content
            << 0 << 0 << "77";
        QTest::newRow("id not a number") << QByteArray(sampleBytes()).replace("\"id\": 5,", "\"id\": \"5\",")
                                         << FileError::Kind::Content << 0 << 0 << "nodes[4]";
        QTest::newRow("cycle") << QByteArray(R"({"format": "edis-pipeline", "version": 1,
            "nodes": [{"id": 1, "type": "filter", "name": "a"}, {"id": 2, "type": "filter", "name": "b"}],
            "edges": [{"id": 1, "from": {"node": 1, "port": "out"}, "to": {"node": 2, "port": "in"}},
                      {"id": 2, "from": {"node": 2, "port": "out"}, "to": {"node": 1, "port": "in"}}]})")
                               << FileError::Kind::Content << 0 << 0 << "cycle";
    }
    void refusedFilesLeaveModelAndFileUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(FileError::Kind, kind);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.edis.json"));
        QVERIFY(writeFile(path, content));

        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray modelBefore = serialized(model);
        QSignalSpy reset(&model, &PipelineModel::modelReset);
        FileError error;
        QVERIFY(!loadPipeline(&model, path, &error));
        QCOMPARE(error.kind, kind);
        QVERIFY2(error.message.contains(mentions, Qt::CaseInsensitive), qPrintable(error.message));
        QVERIFY2(error.message.contains(QLatin1String("bad.edis.json")), qPrintable(error.message));
        if (line >= 0) {
            QCOMPARE(error.line, line);
            QCOMPARE(error.column, column);
        } else {
            QVERIFY(error.line > 0 && error.column > 0);
        }
        QCOMPARE(reset.count(), 0);
        QCOMPARE(serialized(model), modelBefore);
        QCOMPARE(readFile(path), content);
    }

    void missingFileIsNotFound()
    {
        QTemporaryDir dir;
        PipelineModel model;
        FileError error;
        QVERIFY(!loadPipeline(&model, dir.filePath(QStringLiteral("nope.edis.json")), &error));
        QCOMPARE(error.kind, FileError::Kind::NotFound);
        QVERIFY(error.message.contains(QLatin1String("nope.edis.json")));
    }

    void saveReplacesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.edis.json"));
        QVERIFY(writeFile(path, "old content"));
        PipelineModel model;
        QVERIFY(loadSample(&model));
        FileError error;
        QVERIFY2(savePipeline(model, path, &error), qPrintable(error.message));
        QCOMPARE(readFile(path), serialized(model));
        // QSaveFile leaves no temporary file behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
            QStringList {QStringLiteral("p.edis.json")});
        // A directory that does not exist: a clear error, and nothing is created.
        QVERIFY(!savePipeline(model, dir.filePath(QStringLiteral("missing/p.edis.json")), &error));
        QCOMPARE(error.kind, FileError::Kind::Io);
        QVERIFY(error.message.contains(QLatin1String("missing")));
    }
};

int runFileTests(int argc, char **argv)
{
    FileTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_file.moc"
