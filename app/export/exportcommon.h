#pragma once
// Internal to edis_export: graph walks, property values and names shared by the exporters.

#include "catalogue.h"
#include "exporttypes.h"
#include "pipelinemodel.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>
#include <utility>

namespace edis::exporting::detail {

/// One node on a path from a source to a sink, with the ports the path uses.
struct PathStep {
    NodeId node = pipeline::InvalidNodeId;
    QString inPort; ///< empty for the source
    QString outPort; ///< empty for the sink
};
using Path = QList<PathStep>;

/// Every path from a source node to a sink node, in topological order of sources. Bounded:
/// returns false (and stops) past `maxPaths`.
bool enumeratePaths(const pipeline::PipelineModel &model, QList<Path> *paths, qsizetype maxPaths = 20000);

/// A node's property with the catalogue default filled in (invalid when neither exists).
QVariant propertyValue(const pipeline::PipelineModel &model, NodeId node, const QString &key);
QString propertyString(const pipeline::PipelineModel &model, NodeId node, const QString &key);
QStringList propertyList(const pipeline::PipelineModel &model, NodeId node, const QString &key);

/// A property value as an engine config string: lists comma-joined, bools true/false.
QString configString(const QVariant &value);
/// The inverse, typed by the property descriptor (String/Secret/Enum → QString, Int → qint64,
/// Bool → bool, List → QStringList).
QVariant fromConfigString(const pipeline::PropertyDescriptor &property, const QString &text);

/// "ERP database" → "erp_database": the name rules of Redpanda Connect labels (snake case),
/// also used for connector names and SMT aliases.
QString slug(const QString &name);
/// A distinct slug per node (suffix _2, _3… on clashes), stable for a given model.
QHash<NodeId, QString> nodeSlugs(const pipeline::PipelineModel &model);

/// Whether a property value differs from its catalogue default (unset counts as default).
bool differsFromDefault(const pipeline::PipelineModel &model, NodeId node, const QString &key);

/// "customers: this.x == 1" → {"customers", "this.x == 1"}.
QPair<QString, QString> splitRoute(const QString &entry);

/// Secret placeholders: records every secret the export refers to.
class SecretResolver {
public:
    SecretResolver(Target target, ExportOptions options, ExportReport *report)
        : target_(target)
        , options_(std::move(options))
        , report_(report)
    {
    }
    /// The text a Kafka Connect config gets for a secret property: ${env:VAR} or
    /// ${file:PATH:VAR}, never the value.
    QString placeholder(const pipeline::PipelineModel &model, NodeId node, const QString &property,
        const QString &value, const QString &nodeSlug);
    /// The same for a Redpanda Connect config, which interpolates ${VAR}.
    QString redpandaPlaceholder(const pipeline::PipelineModel &model, NodeId node, const QString &property,
        const QString &value, const QString &nodeSlug);
    const QList<SecretRef> &secrets() const { return secrets_; }

private:
    QString variableFor(const pipeline::PipelineModel &model, NodeId node, const QString &property,
        const QString &value, const QString &nodeSlug);

    Target target_;
    ExportOptions options_;
    ExportReport *report_;
    QList<SecretRef> secrets_;
};

/// The variable a ${env:VAR}, ${VAR} or ${file:PATH:VAR} reference names, or empty.
QString referencedVariable(const QString &value);

} // namespace edis::exporting::detail
