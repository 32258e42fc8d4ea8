#include "autosave.h"

#include "util/backgroundworker.h"
#include "util/filebounds.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <functional>
#include <future>
#include <memory>
#include <utility>

namespace edis::pipeline {

namespace {

constexpr char kDocumentSuffix[] = ".edis.json";
constexpr char kMetaSuffix[] = ".meta.json";

/// Runs `write` on the one autosave thread: writes for a key stay in order.
void postWrite(std::function<void()> write)
{
    // Never destroyed: a write posted while the app ends still runs, and waitForPendingWrites()
    // is what waits for it (the workspace's destructor), not a static destructor.
    static auto *writer = new util::BackgroundWorker;
    writer->post([write = std::move(write)](const util::BackgroundWorker::Context &) { write(); });
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

AutosaveStore::AutosaveStore(QString directory)
    : directory_(std::move(directory))
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
    postWrite(
        [store, key, document, originalPath, title] { store.save(key, document, originalPath, title); });
}

void AutosaveStore::remove(const QString &key) const
{
    const QString path = pathFor(key);
    const QString meta = metaPathFor(path);
    // After any pending write for the key, so that a late write does not bring it back.
    postWrite([path, meta] {
        QFile::remove(path);
        QFile::remove(meta);
    });
}

void AutosaveStore::waitForPendingWrites()
{
    // Jobs run in order: once this one has run, every write posted before it has ended.
    auto written = std::make_shared<std::promise<void>>();
    std::future<void> done = written->get_future();
    postWrite([written] { written->set_value(); });
    done.wait();
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
        const util::BoundedFile metaFile
            = util::readBoundedFile(metaPathFor(file.autosavePath), util::kAutosaveMetadataFileBound);
        if (metaFile.failure == util::BoundedFile::Failure::TooLarge
            || metaFile.failure == util::BoundedFile::Failure::Unreadable) {
            // The autosave is still offered (under its file name): the pipeline is what matters.
            file.metadataError = metaFile.error;
            qWarning("edis_pipeline: %s", qPrintable(metaFile.error));
        }
        if (metaFile.ok()) {
            const QJsonObject meta = QJsonDocument::fromJson(metaFile.bytes).object();
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
