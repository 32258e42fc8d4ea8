#pragma once
// The one home of the size bounds on files a user gives EDIS: one bound per kind of file, and
// one reader that refuses a larger file loudly (naming the file, its size and the bound) instead
// of reading a prefix of it. A truncated file fails later with an error about its content (or
// worse, imports a part of it), which sends the user looking in the wrong place. In edis_core,
// the lowest layer, so that the GUI, the CLI and every library read user files the same way.

#include <QByteArray>
#include <QString>

namespace edis::util {

struct FileBound {
    const char *kind; ///< plural, marked for translation in the "edis::files" context
    qint64 maxBytes;
};

inline constexpr qint64 kKiB = 1024;
inline constexpr qint64 kMiB = 1024 * kKiB;

/// Pipeline documents and their autosaves. The sample pipeline (13 steps) is 6 KiB; the bound
/// holds ten thousand times that, so only a wrong file (a log, a dump) reaches it.
inline constexpr FileBound kPipelineFileBound {QT_TRANSLATE_NOOP("edis::files", "pipeline files"), 64 * kMiB};
/// What import reads: connector configs (.json, .properties), Redpanda Connect streams (.yaml)
/// and topics manifests. Their size is of the pipeline's order, hence the same bound.
inline constexpr FileBound kEngineConfigFileBound {
    QT_TRANSLATE_NOOP("edis::files", "engine config files"), 64 * kMiB};
/// Client settings imported into a connection profile (Java .properties, kcat.conf): a few
/// dozen lines; 1 MiB is already thousands of times that.
inline constexpr FileBound kConnectionSettingsFileBound {
    QT_TRANSLATE_NOOP("edis::files", "connection settings files"), kMiB};
/// EDIS connections files (the profile store and its exports): a profile is under 1 KiB, so
/// 16 MiB holds over ten thousand of them.
inline constexpr FileBound kConnectionProfilesFileBound {
    QT_TRANSLATE_NOOP("edis::files", "connections files"), 16 * kMiB};
/// The metadata beside an autosave (original path, title, time): a few hundred bytes.
inline constexpr FileBound kAutosaveMetadataFileBound {
    QT_TRANSLATE_NOOP("edis::files", "autosave metadata files"), 64 * kKiB};

struct BoundedFile {
    enum class Failure { None, NotFound, Unreadable, TooLarge };
    QByteArray bytes;
    Failure failure = Failure::None;
    QString error; ///< a complete sentence naming the file

    bool ok() const { return failure == Failure::None; }
};

/// The whole file, or a refusal when it does not exist, cannot be read or is larger than the
/// bound (also when it grows past the bound while it is read). Blocking disk I/O.
BoundedFile readBoundedFile(const QString &path, const FileBound &bound);

/// "big.json is 64.0 MiB (67108865 bytes); engine config files over 64 MiB are refused."
QString tooLargeMessage(const QString &path, qint64 size, const FileBound &bound);

} // namespace edis::util
