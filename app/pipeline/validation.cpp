#include "validation.h"

#include "graphalgorithms.h"
#include "pipelinemodel.h"

#include <QCoreApplication>
#include <QQueue>
#include <QSet>

#include <algorithm>
#include <utility>

namespace edis::pipeline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::pipeline::validate", text);
}

using PortKey = std::pair<NodeId, QString>;

const QString &anyType()
{
    static const QString any = QStringLiteral("any");
    return any;
}

/// A secret is safe in a file only as a reference the engine resolves at run time.
bool isSecretReference(const QString &value)
{
    return value.startsWith(QLatin1String("${")) && value.endsWith(QLatin1Char('}'));
}

class Validator {
public:
    Validator(const PipelineModel &model, const std::optional<ClusterBinding> &binding)
        : model_(model)
        , catalogue_(model.catalogue())
        , binding_(binding)
    {
    }

    QList<Problem> run()
    {
        const TopologicalOrder topo = topologicalOrder(model_);
        if (!topo.isComplete()) {
            add(Problem::Severity::Error, QStringLiteral("cycle"),
                tr("'%1' is on a cycle; a pipeline must be acyclic.").arg(name(topo.unordered.first())),
                topo.unordered.first());
        }
        resolveTypes(topo.order);
        checkNames();
        for (const NodeId id : model_.nodeIds()) {
            checkNode(id);
        }
        for (const EdgeId id : model_.edgeIds()) {
            checkEdge(id);
        }
        checkReachability();
        std::stable_sort(problems_.begin(), problems_.end(), [](const Problem &a, const Problem &b) {
            return std::tuple(a.node == InvalidNodeId, a.node, a.edge)
                < std::tuple(b.node == InvalidNodeId, b.node, b.edge);
        });
        return std::move(problems_);
    }

    QHash<PortKey, QString> resolveTypes(const QList<NodeId> &order)
    {
        for (const NodeId id : order) {
            const Node *node = model_.node(id);
            const NodeDescriptor *d = catalogue_.node(node->type);
            if (!d) {
                continue;
            }
            for (const PortDescriptor &port : portsOf(*node, *d)) {
                if (port.direction == PortDirection::Output) {
                    outputTypes_.insert({id, port.name}, outputType(*node, port));
                }
            }
        }
        return outputTypes_;
    }

private:
    QString name(NodeId id) const
    {
        const Node *n = model_.node(id);
        return n ? n->name : QString::number(id);
    }

    void add(Problem::Severity severity, const QString &code, const QString &message, NodeId node,
        EdgeId edge = InvalidEdgeId, const QString &property = {}, const QString &fixNodeType = {})
    {
        problems_ << Problem {severity, code, message, node, edge, property, fixNodeType};
    }

    /// The concrete ports of a node, computed once per validation run.
    const QList<PortDescriptor> &portsOf(const Node &node, const NodeDescriptor &d)
    {
        auto it = ports_.find(node.id);
        if (it == ports_.end()) {
            it = ports_.insert(node.id, d.portsFor(node.properties));
        }
        return *it;
    }

    bool findPort(const Node &node, const NodeDescriptor &d, const QString &name, PortDirection direction,
        PortDescriptor *port)
    {
        const QList<PortDescriptor> &ports = portsOf(node, d);
        const auto found = std::ranges::find_if(ports, [&](const PortDescriptor &candidate) {
            return candidate.name == name && candidate.direction == direction;
        });
        if (found == ports.end()) {
            return false;
        }
        *port = *found;
        return true;
    }

    QString declaredType(const Node &node, const PortDescriptor &port) const
    {
        if (!port.dataTypeProperty.isEmpty()) {
            QString chosen = node.properties.value(port.dataTypeProperty).toString();
            if (catalogue_.dataType(chosen)) {
                return chosen;
            }
        }
        return port.dataType;
    }

    QString outputType(const Node &node, const PortDescriptor &port) const
    {
        if (port.sameTypeAs.isEmpty()) {
            return declaredType(node, port);
        }
        QString common;
        for (const EdgeId e : model_.incomingEdges(node.id)) {
            const Edge *edge = model_.edge(e);
            if (edge->to.port != port.sameTypeAs) {
                continue;
            }
            const QString arriving = outputTypes_.value({edge->from.node, edge->from.port}, anyType());
            if (common.isEmpty()) {
                common = arriving;
            } else if (common != arriving) {
                return anyType();
            }
        }
        return common.isEmpty() ? declaredType(node, port) : common;
    }

    void checkNames()
    {
        QHash<QString, int> counts;
        for (const NodeId id : model_.nodeIds()) {
            ++counts[model_.node(id)->name];
        }
        for (const NodeId id : model_.nodeIds()) {
            const QString &n = model_.node(id)->name;
            if (n.trimmed().isEmpty()) {
                add(Problem::Severity::Error, QStringLiteral("empty-name"),
                    tr("Node %1 has no name.").arg(id), id);
            } else if (counts.value(n) > 1) {
                add(Problem::Severity::Error, QStringLiteral("duplicate-name"),
                    tr("%1 nodes are called '%2'; names must be unique.").arg(counts.value(n)).arg(n), id);
            }
        }
    }

    void checkNode(NodeId id)
    {
        const Node &node = *model_.node(id);
        const NodeDescriptor *d = catalogue_.node(node.type);
        if (!d) {
            return; // the model refuses unknown types
        }
        for (const PropertyDescriptor &p : d->properties) {
            checkProperty(node, *d, p);
        }
        for (auto it = node.properties.cbegin(); it != node.properties.cend(); ++it) {
            if (!d->property(it.key())) {
                add(Problem::Severity::Warning, QStringLiteral("unknown-property"),
                    tr("'%1' has a setting '%2' that %3 steps do not have; it is ignored.")
                        .arg(node.name, it.key(), d->displayName),
                    id, InvalidEdgeId, it.key());
            }
        }
        checkPorts(node, *d);
    }

    void checkProperty(const Node &node, const NodeDescriptor &d, const PropertyDescriptor &p)
    {
        const QVariant value = node.properties.value(p.key);
        const QString label = p.label.isEmpty() ? p.key : p.label;
        if (isEmptyPropertyValue(value)) {
            if (p.required) {
                add(Problem::Severity::Error, QStringLiteral("required-property"),
                    tr("'%1' needs a value for %2.").arg(node.name, label), node.id, InvalidEdgeId, p.key);
            }
            return;
        }
        if (!propertyValueFits(p, value)) {
            const QString expected = p.type == PropertyType::Enum
                ? tr("one of %1").arg(p.values.join(QStringLiteral(", ")))
                : tr("a value of type %1").arg(propertyTypeName(p.type));
            add(Problem::Severity::Error, QStringLiteral("invalid-property"),
                tr("%1 of '%2' must be %3.").arg(label, node.name, expected), node.id, InvalidEdgeId, p.key);
            return;
        }
        if (p.type == PropertyType::Secret && !isSecretReference(value.toString())) {
            add(Problem::Severity::Warning, QStringLiteral("plain-secret"),
                tr("%1 of '%2' is stored in plain text in the pipeline file; use a reference such as "
                   "${env:NAME}.")
                    .arg(label, node.name),
                node.id, InvalidEdgeId, p.key);
        }
        if (binding_ && p.role == QLatin1String("topic")) {
            checkTopic(node, d, p, value.toString());
        }
        // Entries of a list that become ports must give distinct, non-empty port names.
        for (const PortDescriptor &port : d.ports) {
            if (port.repeatFor != p.key) {
                continue;
            }
            QSet<QString> seen;
            for (const PortDescriptor &other : d.ports) {
                if (other.repeatFor.isEmpty()) {
                    seen.insert(other.name);
                }
            }
            for (const QString &entry : value.toStringList()) {
                const QString portName = repeatedPortName(entry);
                if (portName.isEmpty() || seen.contains(portName)) {
                    add(Problem::Severity::Error, QStringLiteral("invalid-property"),
                        tr("%1 of '%2': entry '%3' needs a name of its own before the colon.")
                            .arg(label, node.name, entry),
                        node.id, InvalidEdgeId, p.key);
                }
                seen.insert(portName);
            }
        }
    }

    void checkTopic(
        const Node &node, const NodeDescriptor &d, const PropertyDescriptor &p, const QString &topic)
    {
        const auto it = binding_->topicPartitions.constFind(topic);
        if (it == binding_->topicPartitions.cend()) {
            add(Problem::Severity::Warning, QStringLiteral("unknown-topic"),
                d.category == NodeCategory::Source
                    ? tr("Topic '%1' of '%2' does not exist on the cluster; nothing will be read until it is "
                         "created.")
                          .arg(topic, node.name)
                    : tr("Topic '%1' of '%2' does not exist on the cluster; create it, or rely on the "
                         "broker's auto.create.topics.enable.")
                          .arg(topic, node.name),
                node.id, InvalidEdgeId, p.key);
            return;
        }
        for (const PropertyDescriptor &other : d.properties) {
            if (other.role != QLatin1String("partitions")) {
                continue;
            }
            const QVariant expected = node.properties.value(other.key);
            if (propertyValueFits(other, expected) && expected.toLongLong() != *it) {
                add(Problem::Severity::Warning, QStringLiteral("partition-mismatch"),
                    tr("'%1' expects %2 partitions but topic '%3' has %4.")
                        .arg(node.name)
                        .arg(expected.toLongLong())
                        .arg(topic)
                        .arg(*it),
                    node.id, InvalidEdgeId, other.key);
            }
        }
    }

    void checkPorts(const Node &node, const NodeDescriptor &d)
    {
        const QList<EdgeId> incoming = model_.incomingEdges(node.id);
        const QList<EdgeId> outgoing = model_.outgoingEdges(node.id);
        for (const PortDescriptor &port : portsOf(node, d)) {
            const bool input = port.direction == PortDirection::Input;
            qsizetype count = 0;
            for (const EdgeId e : input ? incoming : outgoing) {
                const Edge *edge = model_.edge(e);
                count += (input ? edge->to.port : edge->from.port) == port.name ? 1 : 0;
            }
            if (count == 0 && port.required) {
                add(Problem::Severity::Error, QStringLiteral("unconnected-port"),
                    input ? tr("Input '%1' of '%2' is not connected.").arg(port.name, node.name)
                          : tr("Output '%1' of '%2' is not connected; its events go nowhere.")
                                .arg(port.name, node.name),
                    node.id);
            } else if (count > 1 && !port.multiple) {
                add(Problem::Severity::Error, QStringLiteral("port-overloaded"),
                    input ? tr("Input '%1' of '%2' has %3 edges; use a Merge step to combine streams.")
                                .arg(port.name, node.name)
                                .arg(count)
                          : tr("Output '%1' of '%2' has %3 edges; use a Fan-out step to copy events.")
                                .arg(port.name, node.name)
                                .arg(count),
                    node.id);
            }
        }
    }

    void checkEdge(EdgeId id)
    {
        const Edge &edge = *model_.edge(id);
        const Node &from = *model_.node(edge.from.node);
        const Node &to = *model_.node(edge.to.node);
        const NodeDescriptor *fromType = catalogue_.node(from.type);
        const NodeDescriptor *toType = catalogue_.node(to.type);
        PortDescriptor out;
        PortDescriptor in;
        const bool outOk = fromType && findPort(from, *fromType, edge.from.port, PortDirection::Output, &out);
        const bool inOk = toType && findPort(to, *toType, edge.to.port, PortDirection::Input, &in);
        if (!outOk || !inOk) {
            add(Problem::Severity::Error, QStringLiteral("unknown-port"),
                !outOk ? tr("The edge from '%1' to '%2' leaves from port '%3', which '%1' no longer has.")
                             .arg(from.name, to.name, edge.from.port)
                       : tr("The edge from '%1' to '%2' arrives at port '%3', which '%2' no longer has.")
                             .arg(from.name, to.name, edge.to.port),
                InvalidNodeId, id);
            return;
        }
        const QString sent = outputTypes_.value({from.id, out.name}, out.dataType);
        const QString expected = declaredType(to, in);
        const TypeCompatibility compatibility = catalogue_.compatibility(sent, expected);
        if (!compatibility.compatible) {
            QString message
                = tr("'%1' sends %2 but '%3' expects %4.").arg(from.name, sent, to.name, expected);
            if (!compatibility.fix.isEmpty()) {
                message += QLatin1Char(' ') + compatibility.fix;
            }
            add(Problem::Severity::Error, QStringLiteral("type-mismatch"), message, InvalidNodeId, id, {},
                compatibility.fixNodeType);
        }
    }

    QSet<NodeId> reach(const QList<NodeId> &starts, bool forward) const
    {
        QSet<NodeId> seen(starts.cbegin(), starts.cend());
        QQueue<NodeId> queue;
        for (const NodeId id : starts) {
            queue.enqueue(id);
        }
        while (!queue.isEmpty()) {
            const NodeId id = queue.dequeue();
            const QList<EdgeId> edges = forward ? model_.outgoingEdges(id) : model_.incomingEdges(id);
            for (const EdgeId e : edges) {
                const NodeId next = forward ? model_.edge(e)->to.node : model_.edge(e)->from.node;
                if (!seen.contains(next)) {
                    seen.insert(next);
                    queue.enqueue(next);
                }
            }
        }
        return seen;
    }

    void checkReachability()
    {
        QList<NodeId> sources;
        QList<NodeId> sinks;
        for (const NodeId id : model_.nodeIds()) {
            const NodeDescriptor *d = model_.descriptor(id);
            if (d && d->category == NodeCategory::Source) {
                sources << id;
            } else if (d && d->category == NodeCategory::Sink) {
                sinks << id;
            }
        }
        const QSet<NodeId> fed = reach(sources, true);
        const QSet<NodeId> draining = reach(sinks, false);
        // A node without edges already has an unconnected-port error; these catch the subtler
        // case of a connected node whose path ends in a processor or starts without a source.
        for (const NodeId id : sources) {
            if (!model_.outgoingEdges(id).isEmpty() && !draining.contains(id)) {
                add(Problem::Severity::Error, QStringLiteral("source-without-sink"),
                    tr("Events from '%1' never reach a sink.").arg(name(id)), id);
            }
        }
        for (const NodeId id : sinks) {
            if (!model_.incomingEdges(id).isEmpty() && !fed.contains(id)) {
                add(Problem::Severity::Error, QStringLiteral("sink-without-source"),
                    tr("No source feeds '%1'.").arg(name(id)), id);
            }
        }
    }

    const PipelineModel &model_;
    const Catalogue &catalogue_;
    const std::optional<ClusterBinding> &binding_;
    QHash<PortKey, QString> outputTypes_;
    QHash<NodeId, QList<PortDescriptor>> ports_;
    QList<Problem> problems_;
};

} // namespace

QList<Problem> validate(const PipelineModel &model, const std::optional<ClusterBinding> &binding)
{
    return Validator(model, binding).run();
}

QHash<EdgeId, QString> edgeDataTypes(const PipelineModel &model)
{
    const QHash<PortKey, QString> types
        = Validator(model, std::nullopt).resolveTypes(topologicalOrder(model).order);
    QHash<EdgeId, QString> result;
    result.reserve(model.edgeCount());
    for (const EdgeId id : model.edgeIds()) {
        const Edge *edge = model.edge(id);
        result.insert(id, types.value({edge->from.node, edge->from.port}, anyType()));
    }
    return result;
}

QString severityName(Problem::Severity severity)
{
    return severity == Problem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

} // namespace edis::pipeline
