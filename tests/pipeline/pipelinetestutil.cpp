#include "pipelinetestutil.h"

#include "pipelinefile.h"
#include "pipelinejson.h"
#include "pipelinemodel.h"

#include <QFile>
#include <QTest>

using namespace edis::pipeline;

namespace pipelinetest {

QByteArray sampleBytes()
{
    QFile file(QStringLiteral(":/edis/samples/erp-to-crm.edis.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

bool loadSample(PipelineModel *model)
{
    FileError error;
    const bool ok = loadPipelineFromBytes(model, sampleBytes(), &error);
    if (!ok) {
        qWarning("sample does not load: %s", qPrintable(error.message));
    }
    return ok;
}

QByteArray serialized(const PipelineModel &model)
{
    return serializePipeline(model.document());
}

void fillRequired(PipelineModel *model, NodeId id)
{
    const NodeDescriptor *d = model->descriptor(id);
    for (const PropertyDescriptor &p : d->properties) {
        if (!p.required || model->node(id)->properties.contains(p.key)) {
            continue;
        }
        QVariant value;
        switch (p.type) {
        case PropertyType::String:
            value = QStringLiteral("value-of-%1").arg(p.key);
            break;
        case PropertyType::Secret:
            value = QStringLiteral("${env:SECRET}");
            break;
        case PropertyType::Int:
            value = QVariant::fromValue<qint64>(1);
            break;
        case PropertyType::Bool:
            value = true;
            break;
        case PropertyType::Enum:
            value = p.values.value(0);
            break;
        case PropertyType::List:
            value = QStringList {QStringLiteral("main: true")};
            break;
        }
        model->setProperty(id, p.key, value);
    }
}

NodeId addFilled(PipelineModel *model, const QString &type, const QString &name)
{
    const NodeId id = model->createNode(type, name);
    if (id != InvalidNodeId) {
        fillRequired(model, id);
    }
    return id;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace pipelinetest
