#include "autosave.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>

#include <algorithm>

namespace edis::pipeline {

namespace {

constexpr char kDocumentSuffix[] = ".edis.json";
constexpr char kMetaSuffix[] = ".meta.json";
// A metadata file is a few hundred bytes; a bigger one is not ours and is not read.
constexpr qint64 kMaxMetaBytes = qint64(64) * 1024;

QThreadPool *writerPool()
{
    // One writer thread: writes for a key stay in order, and autosave never competes with
    // the work the global pool does for the rest of the app.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        return p;
    }();
    return pool;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

QString metaPathFor(const QString &documentPath)
{
    QString path = documentPath;
    path.chop(static_cast<int>(qstrlen(kDocumentSuffix)));
    return path + QLatin1String(kMetaSuffix);
}

} // namespace

QString AutosaveStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
}

AutosaveStore::AutosaveStore(const QString &directory)
    : directory_(directory)
{
}

QString AutosaveStore::pathFor(const QString &key) const
{
    return directory_ + QLatin1Char('/') + key + QLatin1String(kDocumentSuffix);
}

bool AutosaveStore::save(
    const QString &key, const QByteArray &document, const QString &originalPath, const QString &title) const
{
    if (!QDir().mkpath(directory_)) {
        return false;
    }
    const QJsonObject meta {
        {QStringLiteral("originalPath"), originalPath},
        {QStringLiteral("title"), title},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
    };
    const QString path = pathFor(key);
    return writeFile(path, document) && writeFile(metaPathFor(path), QJsonDocument(meta).toJson());
}

void AutosaveStore::saveAsync(
    const QString &key, const QByteArray &document, const QString &originalPath, const QString &title) const
{
    const AutosaveStore store = *this;
    writerPool()->start(
        [store, key, document, originalPath, title] { store.save(key, document, originalPath, title); });
}

void AutosaveStore::remove(const QString &key) const
{
    const QString path = pathFor(key);
    const QString meta = metaPathFor(path);
    // After any pending write for the key, so that a late write does not bring it back.
    writerPool()->start([path, meta] {
        QFile::remove(path);
        QFile::remove(meta);
    });
}

void AutosaveStore::waitForPendingWrites()
{
    writerPool()->waitForDone();
}

QList<RecoverableFile> AutosaveStore::recoverable() const
{
    QList<RecoverableFile> files;
    const QDir dir(directory_);
    for (const QFileInfo &info :
        dir.entryInfoList({QStringLiteral("*") + QLatin1String(kDocumentSuffix)}, QDir::Files)) {
        RecoverableFile file;
        file.autosavePath = info.absoluteFilePath();
        file.savedAt = info.lastModified();
        file.title = info.completeBaseName();
        QFile metaFile(metaPathFor(file.autosavePath));
        if (metaFile.open(QIODevice::ReadOnly) && metaFile.size() < kMaxMetaBytes) {
            const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
            file.originalPath = meta.value(QStringLiteral("originalPath")).toString();
            file.title = meta.value(QStringLiteral("title")).toString(file.title);
            const QDateTime savedAt
                = QDateTime::fromString(meta.value(QStringLiteral("savedAt")).toString(), Qt::ISODate);
            if (savedAt.isValid()) {
                file.savedAt = savedAt;
            }
        }
        files.append(file);
    }
    std::sort(files.begin(), files.end(),
        [](const RecoverableFile &a, const RecoverableFile &b) { return a.savedAt > b.savedAt; });
    return files;
}

void AutosaveStore::discard(const RecoverableFile &file)
{
    QFile::remove(file.autosavePath);
    QFile::remove(metaPathFor(file.autosavePath));
}

} // namespace edis::pipeline
