#include "exportcommon.h"

#include "graphalgorithms.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <functional>

namespace edis::exporting::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

} // namespace

bool enumeratePaths(const pipeline::PipelineModel &model, QList<Path> *paths, qsizetype maxPaths)
{
    paths->clear();
    const pipeline::TopologicalOrder order = pipeline::topologicalOrder(model);
    bool bounded = true;
    // Depth-first from every source; the graph is acyclic, so every walk ends.
    std::function<void(Path &)> walk = [&](Path &path) {
        if (!bounded) {
            return;
        }
        const NodeId current = path.last().node;
        const QList<pipeline::EdgeId> out = model.outgoingEdges(current);
        if (out.isEmpty()) {
            if (paths->size() >= maxPaths) {
                bounded = false;
                return;
            }
            paths->append(path);
            return;
        }
        for (const pipeline::EdgeId edgeId : out) {
            const pipeline::Edge *edge = model.edge(edgeId);
            path.last().outPort = edge->from.port;
            path.append(PathStep {edge->to.node, edge->to.port, {}});
            walk(path);
            path.removeLast();
        }
        path.last().outPort.clear();
    };
    for (const NodeId id : order.order) {
        const pipeline::NodeDescriptor *d = model.descriptor(id);
        if (d && d->category == pipeline::NodeCategory::Source) {
            Path path {PathStep {id, {}, {}}};
            walk(path);
        }
    }
    return bounded;
}

QVariant propertyValue(const pipeline::PipelineModel &model, NodeId node, const QString &key)
{
    const pipeline::Node *n = model.node(node);
    if (!n) {
        return {};
    }
    const auto it = n->properties.constFind(key);
    if (it != n->properties.constEnd() && it->isValid()) {
        return *it;
    }
    const pipeline::NodeDescriptor *d = model.descriptor(node);
    const pipeline::PropertyDescriptor *p = d ? d->property(key) : nullptr;
    return p ? p->defaultValue : QVariant();
}

QString propertyString(const pipeline::PipelineModel &model, NodeId node, const QString &key)
{
    return configString(propertyValue(model, node, key));
}

QStringList propertyList(const pipeline::PipelineModel &model, NodeId node, const QString &key)
{
    const QVariant value = propertyValue(model, node, key);
    if (value.typeId() == QMetaType::QStringList) {
        return value.toStringList();
    }
    if (value.typeId() == QMetaType::QVariantList) {
        QStringList out;
        for (const QVariant &v : value.toList()) {
            out << v.toString();
        }
        return out;
    }
    return value.toString().isEmpty() ? QStringList() : QStringList {value.toString()};
}

QString configString(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::QStringList:
        return value.toStringList().join(QLatin1Char(','));
    case QMetaType::QVariantList: {
        QStringList parts;
        for (const QVariant &v : value.toList()) {
            parts << v.toString();
        }
        return parts.join(QLatin1Char(','));
    }
    default:
        return value.toString();
    }
}

QVariant fromConfigString(const pipeline::PropertyDescriptor &property, const QString &text)
{
    switch (property.type) {
    case pipeline::PropertyType::Int:
        return QVariant::fromValue(text.trimmed().toLongLong());
    case pipeline::PropertyType::Bool:
        return text.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    case pipeline::PropertyType::List: {
        QStringList items;
        for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            items << item.trimmed();
        }
        return items;
    }
    default:
        return text;
    }
}

QString slug(const QString &name)
{
    QString out;
    bool underscore = false;
    for (const QChar c : name.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))) {
            out += c;
            underscore = false;
        } else if (!underscore && !out.isEmpty()) {
            out += QLatin1Char('_');
            underscore = true;
        }
    }
    while (out.endsWith(QLatin1Char('_'))) {
        out.chop(1);
    }
    return out.isEmpty() ? QStringLiteral("node") : out;
}

QHash<NodeId, QString> nodeSlugs(const pipeline::PipelineModel &model)
{
    QHash<NodeId, QString> out;
    QSet<QString> used;
    for (const NodeId id : model.nodeIds()) {
        const QString base = slug(model.node(id)->name);
        QString candidate = base;
        for (int n = 2; used.contains(candidate); ++n) {
            candidate = base + QLatin1Char('_') + QString::number(n);
        }
        used.insert(candidate);
        out.insert(id, candidate);
    }
    return out;
}

bool differsFromDefault(const pipeline::PipelineModel &model, NodeId node, const QString &key)
{
    const pipeline::Node *n = model.node(node);
    const pipeline::NodeDescriptor *d = model.descriptor(node);
    if (!n || !d || !n->properties.contains(key)) {
        return false;
    }
    const QVariant value = n->properties.value(key);
    const pipeline::PropertyDescriptor *p = d->property(key);
    const QVariant def = p ? p->defaultValue : QVariant();
    if (configString(value).isEmpty() && configString(def).isEmpty()) {
        return false;
    }
    return configString(value) != configString(def);
}

QPair<QString, QString> splitRoute(const QString &entry)
{
    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
    if (colon < 0) {
        return {entry.trimmed(), QString()};
    }
    return {entry.left(colon).trimmed(), entry.mid(colon + 1).trimmed()};
}

QString referencedVariable(const QString &value)
{
    static const QRegularExpression env(QStringLiteral(R"(^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$)"));
    static const QRegularExpression plain(QStringLiteral(R"(^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$)"));
    static const QRegularExpression file(QStringLiteral(R"(^\$\{file:.*:([A-Za-z_][A-Za-z0-9_]*)\}$)"));
    for (const QRegularExpression *re : {&env, &plain, &file}) {
        const auto m = re->match(value.trimmed());
        if (m.hasMatch()) {
            return m.captured(1);
        }
    }
    return {};
}

QString SecretResolver::variableFor(const pipeline::PipelineModel &model, NodeId node,
    const QString &property, const QString &value, const QString &nodeSlug)
{
    QString variable = referencedVariable(value);
    const bool literal = variable.isEmpty();
    if (literal) {
        variable = (nodeSlug + QLatin1Char('_') + slug(property)).toUpper();
        if (!value.isEmpty()) {
            report_->add(ExportProblem::Severity::Warning, QStringLiteral("literal-secret"),
                tr("'%1' holds its %2 in plain text; the export refers to the variable %3 instead and "
                   "never writes the value.")
                    .arg(model.node(node)->name, property, variable),
                node, property);
        }
    }
    const bool known = std::any_of(secrets_.cbegin(), secrets_.cend(), [&](const SecretRef &s) {
        return s.variable == variable && s.node == node && s.property == property;
    });
    if (!known) {
        secrets_.append(
            SecretRef {variable, node, property, literal && !value.isEmpty(), model.node(node)->name});
    }
    return variable;
}

QString SecretResolver::placeholder(const pipeline::PipelineModel &model, NodeId node,
    const QString &property, const QString &value, const QString &nodeSlug)
{
    // Always Kafka Connect's syntax: a Redpanda Connect export also writes Kafka Connect configs
    // (its Debezium sources), and those are resolved by the worker's config providers.
    const QString variable = variableFor(model, node, property, value, nodeSlug);
    if (options_.secretStyle == SecretStyle::File) {
        return QStringLiteral("${file:%1:%2}").arg(options_.secretsFile, variable);
    }
    return QStringLiteral("${env:%1}").arg(variable);
}

QString SecretResolver::redpandaPlaceholder(const pipeline::PipelineModel &model, NodeId node,
    const QString &property, const QString &value, const QString &nodeSlug)
{
    return QStringLiteral("${%1}").arg(variableFor(model, node, property, value, nodeSlug));
}

} // namespace edis::exporting::detail
