// The size bounds on user files (util/filebounds.h): every reader refuses a file over its bound with
// a message naming the file, its size and the bound, and never reads a prefix of it.

#include "autosave.h"
#include "pipelinefile.h"
#include "pipelinemodel.h"
#include "pipelinetestutil.h"
#include "util/filebounds.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace edis::pipeline;
using namespace edis::util;
using namespace pipelinetest;

Q_DECLARE_METATYPE(edis::util::FileBound)

namespace {

/// A file of `size` bytes without writing them: a sparse file, so that a bound of 64 MiB costs
/// no disk and no time to test.
bool makeFileOfSize(const QString &path, qint64 size)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.resize(size);
}

} // namespace

class FileBoundsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsUpToTheBoundAndRefusesPastIt_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("read");
        QTest::newRow("empty") << qint64(0) << true;
        QTest::newRow("one byte") << qint64(1) << true;
        QTest::newRow("one under the bound") << qint64(4095) << true;
        QTest::newRow("at the bound") << qint64(4096) << true;
        QTest::newRow("one over the bound") << qint64(4097) << false;
        QTest::newRow("far over the bound") << qint64(1024 * 1024) << false;
    }

    void readsUpToTheBoundAndRefusesPastIt()
    {
        QFETCH(qint64, size);
        QFETCH(bool, read);
        const FileBound bound {"test files", 4096};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.json"));
        QByteArray content(size, 'x');
        for (qint64 i = 0; i < size; i += 97) {
            content[i] = char('a' + i % 26); // not all alike: a prefix would differ from the whole
        }
        QVERIFY(writeFile(path, content));
        const BoundedFile file = readBoundedFile(path, bound);
        QCOMPARE(file.ok(), read);
        if (read) {
            QCOMPARE(file.bytes, content);
            QVERIFY(file.error.isEmpty());
            return;
        }
        QCOMPARE(file.failure, BoundedFile::Failure::TooLarge);
        QVERIFY(file.bytes.isEmpty());
        for (const QString &part : {path, QString::number(size) + QStringLiteral(" bytes"),
                 QStringLiteral("test files over 4 KiB are refused")}) {
            QVERIFY2(file.error.contains(part), qPrintable(file.error + QStringLiteral(" lacks ") + part));
        }
    }

    /// Each named bound, one byte past it and exactly at it (the files are sparse).
    void everyNamedBoundRefusesLoudly_data()
    {
        QTest::addColumn<FileBound>("bound");
        QTest::addColumn<QString>("size"); ///< of a file one byte over the bound
        QTest::addColumn<QString>("limit");
        QTest::newRow("pipeline files")
            << kPipelineFileBound << QStringLiteral("64.0 MiB (67108865 bytes)") << QStringLiteral("64 MiB");
        QTest::newRow("engine config files")
            << kEngineConfigFileBound << QStringLiteral("64.0 MiB (67108865 bytes)")
            << QStringLiteral("64 MiB");
        QTest::newRow("connection settings files")
            << kConnectionSettingsFileBound << QStringLiteral("1.0 MiB (1048577 bytes)")
            << QStringLiteral("1 MiB");
        QTest::newRow("connections files")
            << kConnectionProfilesFileBound << QStringLiteral("16.0 MiB (16777217 bytes)")
            << QStringLiteral("16 MiB");
        QTest::newRow("autosave metadata files")
            << kAutosaveMetadataFileBound << QStringLiteral("64.0 KiB (65537 bytes)")
            << QStringLiteral("64 KiB");
    }

    void everyNamedBoundRefusesLoudly()
    {
        QFETCH(FileBound, bound);
        QFETCH(QString, size);
        QFETCH(QString, limit);
        QTemporaryDir dir;
        const QString over = dir.filePath(QStringLiteral("over"));
        QVERIFY(makeFileOfSize(over, bound.maxBytes + 1));
        const BoundedFile refused = readBoundedFile(over, bound);
        QCOMPARE(refused.failure, BoundedFile::Failure::TooLarge);
        const QString expected = QStringLiteral("%1 is %2; %3 over %4 are refused.")
                                     .arg(over, size, QString::fromLatin1(QTest::currentDataTag()), limit);
        QCOMPARE(refused.error, expected);
        const QString at = dir.filePath(QStringLiteral("at"));
        QVERIFY(makeFileOfSize(at, bound.maxBytes));
        const BoundedFile whole = readBoundedFile(at, bound);
        QVERIFY2(whole.ok(), qPrintable(whole.error));
        QCOMPARE(whole.bytes.size(), bound.maxBytes);
    }

    void missingAndUnreadableFilesSaySo()
    {
        QTemporaryDir dir;
        const BoundedFile missing = readBoundedFile(dir.filePath(QStringLiteral("nope")), kPipelineFileBound);
        QCOMPARE(missing.failure, BoundedFile::Failure::NotFound);
        QVERIFY2(missing.error.contains(dir.filePath(QStringLiteral("nope"))), qPrintable(missing.error));
        // A directory opens for nobody (root included), unlike a file without read permission.
        const BoundedFile directory = readBoundedFile(dir.path(), kPipelineFileBound);
        QCOMPARE(directory.failure, BoundedFile::Failure::Unreadable);
        QVERIFY2(directory.error.contains(dir.path()), qPrintable(directory.error));
    }

    /// The pipeline reader goes through the bound: refused loudly, the model unchanged.
    void pipelineFileOverTheBoundIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.edis.json"));
        QVERIFY(makeFileOfSize(path, kPipelineFileBound.maxBytes + 1));
        PipelineModel model;
        QVERIFY(loadSample(&model));
        const QByteArray before = serialized(model);
        FileError error;
        QVERIFY(!loadPipeline(&model, path, &error));
        QCOMPARE(error.kind, FileError::Kind::Io);
        QCOMPARE(error.message, tooLargeMessage(path, kPipelineFileBound.maxBytes + 1, kPipelineFileBound));
        QCOMPARE(serialized(model), before);
    }

    /// Metadata beside an autosave over its bound: the autosave is still offered (the pipeline
    /// is what matters), under its file name, with the refusal said instead of kept quiet.
    void autosaveMetadataOverTheBoundIsReported()
    {
        QTemporaryDir dir;
        const AutosaveStore store(dir.path());
        QVERIFY(store.save(QStringLiteral("k"), sampleBytes(), QStringLiteral("/elsewhere/a.edis.json"),
            QStringLiteral("A title")));
        const QString meta = dir.filePath(QStringLiteral("k.meta.json"));
        QVERIFY(QFile::exists(meta));
        QVERIFY(makeFileOfSize(meta, kAutosaveMetadataFileBound.maxBytes + 1));
        const QList<RecoverableFile> files = store.recoverable();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().metadataError,
            tooLargeMessage(meta, kAutosaveMetadataFileBound.maxBytes + 1, kAutosaveMetadataFileBound));
        QVERIFY(files.first().originalPath.isEmpty());
        QCOMPARE(files.first().title, QStringLiteral("k.edis"));
    }
};

int runFileBoundsTests(int argc, char **argv)
{
    FileBoundsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_filebounds.moc"
