#include "pipelinefile.h"

#include "pipelinemodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace edis::pipeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::pipeline::PipelineFile", text);
}

bool fail(FileError *error, FileError::Kind kind, const QString &message)
{
    if (error) {
        *error = FileError {kind, message, 0, 0};
    }
    return false;
}

} // namespace

bool savePipeline(const PipelineModel &model, const QString &path, FileError *error)
{
    const QByteArray bytes = serializePipeline(model.document());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error, FileError::Kind::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return fail(error, FileError::Kind::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    if (error) {
        *error = {};
    }
    return true;
}

bool loadPipeline(PipelineModel *model, const QString &path, FileError *error)
{
    QFile file(path);
    if (!file.exists()) {
        return fail(error, FileError::Kind::NotFound, tr("%1 does not exist.").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error, FileError::Kind::Io, tr("Cannot read %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > MaxPipelineFileBytes) {
        return fail(error, FileError::Kind::Io,
            tr("%1 is %2 MiB; pipeline files over %3 MiB are refused.")
                .arg(path)
                .arg(file.size() / (1024 * 1024))
                .arg(MaxPipelineFileBytes / (1024 * 1024)));
    }
    const QByteArray bytes = file.readAll();
    if (!loadPipelineFromBytes(model, bytes, error)) {
        if (error) {
            error->message = QFileInfo(path).fileName() + QLatin1String(": ") + error->message;
        }
        return false;
    }
    return true;
}

bool loadPipelineFromBytes(PipelineModel *model, const QByteArray &json, FileError *error)
{
    PipelineDocument doc;
    if (!parsePipeline(json, &doc, error)) {
        return false;
    }
    QString message;
    if (!model->resetTo(doc, &message)) {
        return fail(error, FileError::Kind::Content, message);
    }
    if (error) {
        *error = {};
    }
    return true;
}

} // namespace edis::pipeline
