#pragma once

// Autosave of unsaved pipelines, so that a crash or a kill loses little: the designer writes
// here every 30 s and offers what it finds at the next start.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace edis::pipeline {

/// A pipeline that was autosaved but never saved or discarded (the app crashed or was killed).
struct RecoverableFile {
    QString autosavePath; ///< the autosaved *.edis.json
    QString originalPath; ///< the file it belongs to; empty for a never-saved pipeline
    QString title; ///< what its tab was called
    QDateTime savedAt;
    /// Why the metadata beside it (original path, title, time) was not read: over
    /// util::kAutosaveMetadataFileBound or unreadable. Empty when it was read or is missing.
    QString metadataError;
};

/// Autosave copies of unsaved pipelines under QStandardPaths::AppDataLocation/autosave/
/// (or another directory, for tests): a *.edis.json and a *.meta.json beside it.
class AutosaveStore {
public:
    /// The default directory under AppDataLocation.
    static QString defaultDirectory();

    explicit AutosaveStore(QString directory = defaultDirectory());
    QString directory() const { return directory_; }

    /// Where the document with this key is autosaved.
    QString pathFor(const QString &key) const;
    /// Writes off the GUI thread (on the autosave thread, a util::BackgroundWorker); the newest
    /// write for a key wins.
    void saveAsync(const QString &key, const QByteArray &document, const QString &originalPath,
        const QString &title) const;
    /// The same, blocking (tests, shutdown).
    bool save(const QString &key, const QByteArray &document, const QString &originalPath,
        const QString &title) const;
    void remove(const QString &key) const;
    /// Waits for pending asynchronous writes.
    static void waitForPendingWrites();

    /// Every autosave in the directory, newest first.
    QList<RecoverableFile> recoverable() const;
    /// Deletes an autosave and its metadata (after recovering or declining it).
    static void discard(const RecoverableFile &file);

private:
    QString directory_;
};

} // namespace edis::pipeline
