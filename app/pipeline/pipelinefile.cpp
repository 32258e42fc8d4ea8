#include "pipelinefile.h"

#include "pipelinemodel.h"
#include "util/filebounds.h"

#include <QCoreApplication>
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
    const util::BoundedFile file = util::readBoundedFile(path, util::kPipelineFileBound);
    if (!file.ok()) {
        return fail(error,
            file.failure == util::BoundedFile::Failure::NotFound ? FileError::Kind::NotFound
                                                                 : FileError::Kind::Io,
            file.error);
    }
    if (!loadPipelineFromBytes(model, file.bytes, error)) {
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
