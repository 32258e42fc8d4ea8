#include "importcommon.h"

#include "exportcommon.h"

namespace edis::exporting::detail {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString secretReference(const QString &value)
{
    const QString variable = referencedVariable(value);
    return variable.isEmpty() ? value : QStringLiteral("${env:%1}").arg(variable);
}

QString unescapeRegex(const QString &pattern)
{
    QString out;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern.at(i) == QLatin1Char('\\') && i + 1 < pattern.size()) {
            ++i;
        }
        out += pattern.at(i);
    }
    return out;
}

QStringList splitList(const QString &text, QChar separator)
{
    QStringList out;
    for (const QString &item : text.split(separator, Qt::SkipEmptyParts)) {
        out << item.trimmed();
    }
    return out;
}

NodeId GraphBuilder::node(const QString &key, const QString &type, const QString &name)
{
    if (const NodeId existing = find(key)) {
        return existing;
    }
    const pipeline::NodeDescriptor *d = catalogue_.node(type);
    pipeline::Node n;
    n.id = nextId_++;
    n.type = type;
    QString unique = name;
    for (int i = 2; names_.contains(unique); ++i) {
        unique = name + QLatin1Char(' ') + QString::number(i);
    }
    names_.insert(unique);
    n.name = unique;
    if (d) {
        n.properties = d->defaultProperties();
    }
    nodes_[n.id] = n;
    keys_.insert(key, n.id);
    return n.id;
}

void GraphBuilder::setText(NodeId id, const QString &key, const QString &text)
{
    const pipeline::NodeDescriptor *d = catalogue_.node(type(id));
    const pipeline::PropertyDescriptor *p = d ? d->property(key) : nullptr;
    if (!p) {
        return;
    }
    QVariant value = fromConfigString(*p, text);
    if (p->type == pipeline::PropertyType::Secret) {
        value = secretReference(text);
    }
    set(id, key, value);
}

void GraphBuilder::edge(NodeId from, const QString &fromPort, NodeId to, const QString &toPort)
{
    for (const auto &e : edges_) {
        if (e.from.node == from && e.from.port == fromPort && e.to.node == to && e.to.port == toPort) {
            return;
        }
    }
    edges_.push_back(pipeline::Edge {nextEdge_++, {from, fromPort}, {to, toPort}});
}

void GraphBuilder::insertFanOutsAndMerges()
{
    insertJunctions(Side::Out, QStringLiteral("fan-out"), QStringLiteral("Fan-out"));
    insertJunctions(Side::In, QStringLiteral("merge"), QStringLiteral("Merge"));
}

void GraphBuilder::insertJunctions(Side side, const QString &type, const QString &name)
{
    PortEdges shared;
    for (qsizetype i = 0; i < qsizetype(edges_.size()); ++i) {
        const pipeline::PortRef &end = side == Side::Out ? edges_[i].from : edges_[i].to;
        shared[{end.node, end.port}] << i;
    }
    for (const auto &[port, indexes] : shared) {
        if (indexes.size() < 2 || portAllowsMany(port.first, port.second)) {
            continue;
        }
        const NodeId junction
            = node(QStringLiteral("%1:%2:%3").arg(type).arg(port.first).arg(port.second), type, name);
        for (const qsizetype i : indexes) {
            if (side == Side::Out) {
                edges_[i].from = {junction, QStringLiteral("out")};
            } else {
                edges_[i].to = {junction, QStringLiteral("in")};
            }
        }
        if (side == Side::Out) {
            edge(port.first, port.second, junction, QStringLiteral("in"));
        } else {
            edge(junction, QStringLiteral("out"), port.first, port.second);
        }
    }
}

QList<NodeId> GraphBuilder::successors(NodeId id) const
{
    QList<NodeId> out;
    for (const auto &e : edges_) {
        if (e.from.node == id) {
            out << e.to.node;
        }
    }
    return out;
}

pipeline::PipelineDocument GraphBuilder::document(const QString &name) const
{
    pipeline::PipelineDocument doc;
    doc.name = name;
    for (const auto &[id, n] : nodes_) {
        doc.nodes << n;
    }
    for (const auto &e : edges_) {
        doc.edges << e;
    }
    return doc;
}

bool GraphBuilder::portAllowsMany(NodeId id, const QString &port) const
{
    const pipeline::NodeDescriptor *d = catalogue_.node(type(id));
    pipeline::PortDescriptor descriptor;
    return d && d->findPort(nodes_.at(id).properties, port, &descriptor) && descriptor.multiple;
}

void inferFormats(GraphBuilder *graph)
{
    for (const pipeline::Node &n : graph->document({}).nodes) {
        if (n.type != QLatin1String("kafka-source") && n.type != QLatin1String("eventhub-source")) {
            continue;
        }
        QList<NodeId> next = graph->successors(n.id);
        while (next.size() == 1 && (graph->type(next.first()) == QLatin1String("fan-out"))) {
            next = graph->successors(next.first());
        }
        const bool cdc = std::any_of(next.cbegin(), next.cend(),
            [&](NodeId id) { return graph->type(id) == QLatin1String("flatten-cdc"); });
        graph->set(
            n.id, QStringLiteral("format"), cdc ? QStringLiteral("cdc-envelope") : QStringLiteral("record"));
    }
}

} // namespace edis::exporting::detail
