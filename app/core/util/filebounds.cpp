#include "util/filebounds.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

namespace edis::util {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::files", text);
}

BoundedFile failed(BoundedFile::Failure failure, const QString &error)
{
    BoundedFile out;
    out.failure = failure;
    out.error = error;
    return out;
}

} // namespace

QString tooLargeMessage(const QString &path, qint64 size, const FileBound &bound)
{
    const QLocale c = QLocale::c();
    QString sizeText = c.formattedDataSize(size, 1, QLocale::DataSizeIecFormat);
    if (size >= 1024) {
        // "64.0 MiB" alone would not say that the file is over a 64 MiB bound.
        sizeText += QStringLiteral(" (%1 bytes)").arg(size);
    }
    return tr("%1 is %2; %3 over %4 are refused.")
        .arg(path, sizeText, tr(bound.kind),
            c.formattedDataSize(bound.maxBytes, 0, QLocale::DataSizeIecFormat));
}

BoundedFile readBoundedFile(const QString &path, const FileBound &bound)
{
    QFile file(path);
    if (!file.exists()) {
        return failed(BoundedFile::Failure::NotFound, tr("%1 does not exist.").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return failed(
            BoundedFile::Failure::Unreadable, tr("Cannot read %1: %2").arg(path, file.errorString()));
    }
    // size() first, so that a huge file is refused without reading it. A regular file is then
    // read to its end, a pipe or device (whose size() says nothing) to one byte past the bound:
    // either way what is over the bound is seen, never cut off.
    if (file.size() > bound.maxBytes) {
        return failed(BoundedFile::Failure::TooLarge, tooLargeMessage(path, file.size(), bound));
    }
    BoundedFile out;
    out.bytes = file.isSequential() ? file.read(bound.maxBytes + 1) : file.readAll();
    if (out.bytes.size() > bound.maxBytes) {
        return failed(BoundedFile::Failure::TooLarge, tooLargeMessage(path, out.bytes.size(), bound));
    }
    if (file.error() != QFileDevice::NoError) {
        return failed(
            BoundedFile::Failure::Unreadable, tr("Cannot read %1: %2").arg(path, file.errorString()));
    }
    return out;
}

} // namespace edis::util
