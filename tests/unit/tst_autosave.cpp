// Autosave of unsaved pipelines (edis_pipeline): what was saved is found again after a crash,
// newest first, with the tab's title and file; a removal is never undone by a late write; and a
// missing, corrupt or oversized metadata file costs only the title, never the pipeline.

#include "autosave.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using edis::pipeline::AutosaveStore;
using edis::pipeline::RecoverableFile;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAutosave : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savedDocumentIsRecoverable()
    {
        QTemporaryDir dir;
        const AutosaveStore store(dir.filePath(QStringLiteral("autosave"))); // created on first save
        const QByteArray document = R"({"nodes":[{"id":"n1"}]})";
        const QString original = dir.filePath(QStringLiteral("orders.edis.json")); // never written
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        QVERIFY(store.save(QStringLiteral("k1"), document, original, QStringLiteral("orders.edis.json")));
        const QList<RecoverableFile> files = store.recoverable();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().autosavePath, store.pathFor(QStringLiteral("k1")));
        QCOMPARE(files.first().originalPath, original);
        QCOMPARE(files.first().title, QStringLiteral("orders.edis.json"));
        QVERIFY(files.first().savedAt >= before);
        QCOMPARE(readFile(files.first().autosavePath), document);
    }

    void newestFirst()
    {
        QTemporaryDir dir;
        const AutosaveStore store(dir.path());
        for (const auto &[key, savedAt] : {std::pair {"old", "2020-01-01T10:00:00Z"},
                 std::pair {"new", "2024-06-01T10:00:00Z"}, std::pair {"middle", "2022-03-01T10:00:00Z"}}) {
            const QString path = store.pathFor(QString::fromLatin1(key));
            QVERIFY(writeFile(path, "{}"));
            QString meta = path;
            meta.replace(QStringLiteral(".edis.json"), QStringLiteral(".meta.json"));
            QVERIFY(
                writeFile(meta, QByteArray(R"({"title":")") + key + R"(","savedAt":")" + savedAt + "\"}"));
        }
        QStringList titles;
        for (const RecoverableFile &f : store.recoverable()) {
            titles << f.title;
        }
        QCOMPARE(
            titles, (QStringList {QStringLiteral("new"), QStringLiteral("middle"), QStringLiteral("old")}));
    }

    void removeAfterAPendingWriteWins()
    {
        QTemporaryDir dir;
        const AutosaveStore store(dir.path());
        store.saveAsync(QStringLiteral("k"), "first", {}, QStringLiteral("t"));
        store.saveAsync(QStringLiteral("k"), "second", {}, QStringLiteral("t"));
        AutosaveStore::waitForPendingWrites();
        QCOMPARE(readFile(store.pathFor(QStringLiteral("k"))), QByteArray("second")); // the newest write
        store.saveAsync(QStringLiteral("k"), "late", {}, QStringLiteral("t"));
        store.remove(QStringLiteral("k")); // the document was saved: its autosave must go
        AutosaveStore::waitForPendingWrites();
        QVERIFY(store.recoverable().isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void badMetadataCostsOnlyTheTitle_data()
    {
        QTest::addColumn<QByteArray>("meta");
        QTest::addColumn<bool>("writeMeta");
        QTest::newRow("missing") << QByteArray() << false;
        QTest::newRow("not JSON") << QByteArray("\x00\xff garbage", 10) << true;
        QTest::newRow("too large to be ours")
            << (QByteArray(R"({"title":"big","pad":")") + QByteArray(qsizetype {70} * 1024, 'x') + "\"}")
            << true;
    }

    void badMetadataCostsOnlyTheTitle()
    {
        QFETCH(QByteArray, meta);
        QFETCH(bool, writeMeta);
        QTemporaryDir dir;
        const AutosaveStore store(dir.path());
        const QString path = store.pathFor(QStringLiteral("abc"));
        QVERIFY(writeFile(path, "{\"nodes\":[]}"));
        if (writeMeta) {
            QVERIFY(writeFile(dir.filePath(QStringLiteral("abc.meta.json")), meta));
        }
        const QList<RecoverableFile> files = store.recoverable();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().autosavePath, path);
        QCOMPARE(files.first().title, QStringLiteral("abc.edis")); // the file's name stands in
        QCOMPARE(files.first().originalPath, QString());
        QVERIFY(files.first().savedAt.isValid()); // the file's time
    }

    void discardRemovesBothFiles()
    {
        QTemporaryDir dir;
        const AutosaveStore store(dir.path());
        QVERIFY(store.save(QStringLiteral("k"), "{}", {}, QStringLiteral("t")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
        AutosaveStore::discard(store.recoverable().first());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void saveFailsWhereNoDirectoryCanBe()
    {
        QTemporaryDir dir;
        const QString aFile = dir.filePath(QStringLiteral("plain-file"));
        QVERIFY(writeFile(aFile, "x"));
        const AutosaveStore store(aFile + QStringLiteral("/autosave"));
        QVERIFY(!store.save(QStringLiteral("k"), "{}", {}, QStringLiteral("t")));
        QVERIFY(store.recoverable().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAutosave)
#include "tst_autosave.moc"
