#include "equivalence.h"

#include "exportcommon.h"

#include <QHash>

#include <algorithm>

namespace edis::exporting {

QStringList unexpressedProperties(const QString &nodeType, Target target)
{
    // Each entry is a designer setting the engine config has no place for (see the exporters'
    // "unexpressed-property" warnings), or one import can only infer.
    static const QHash<QString, QStringList> kafkaConnect {
        {QStringLiteral("kafka-source"), {QStringLiteral("consumerGroup"), QStringLiteral("format")}},
        {QStringLiteral("file-source"), {QStringLiteral("format")}},
        {QStringLiteral("rabbitmq-source"), {QStringLiteral("format")}},
        {QStringLiteral("kafka-sink"), {QStringLiteral("partitions")}},
    };
    static const QHash<QString, QStringList> redpanda {
        {QStringLiteral("kafka-source"), {QStringLiteral("format")}},
        {QStringLiteral("eventhub-source"), {QStringLiteral("format")}},
        {QStringLiteral("rabbitmq-source"), {QStringLiteral("format")}},
        {QStringLiteral("file-source"), {QStringLiteral("format"), QStringLiteral("topic")}},
        {QStringLiteral("http-webhook"), {QStringLiteral("authToken")}},
        {QStringLiteral("jdbc-sink"), {QStringLiteral("autoCreate"), QStringLiteral("primaryKeyFields")}},
        {QStringLiteral("kafka-sink"), {QStringLiteral("partitions")}},
    };
    return (target == Target::KafkaConnect ? kafkaConnect : redpanda).value(nodeType);
}

namespace {

QString signature(const pipeline::Node &node, Target target, const pipeline::Catalogue &catalogue)
{
    const pipeline::NodeDescriptor *d = catalogue.node(node.type);
    QStringList parts;
    const QStringList skipped = unexpressedProperties(node.type, target);
    if (d) {
        for (const pipeline::PropertyDescriptor &p : d->properties) {
            if (skipped.contains(p.key)) {
                continue;
            }
            QVariant value = node.properties.value(p.key);
            if (!value.isValid()) {
                value = p.defaultValue;
            }
            parts << p.key + QLatin1Char('=') + detail::configString(value);
        }
    }
    return node.type + QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QStringList edgeSignatures(
    const pipeline::PipelineDocument &doc, const QHash<pipeline::NodeId, QString> &sigs)
{
    QStringList out;
    for (const pipeline::Edge &e : doc.edges) {
        out << sigs.value(e.from.node) + QLatin1Char('.') + e.from.port + QStringLiteral(" -> ")
                + sigs.value(e.to.node) + QLatin1Char('.') + e.to.port;
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString listDifference(const QStringList &a, const QStringList &b)
{
    QStringList onlyA = a;
    QStringList onlyB;
    for (const QString &item : b) {
        if (!onlyA.removeOne(item)) {
            onlyB << item;
        }
    }
    QString out;
    for (const QString &item : onlyA) {
        out += QStringLiteral("  only in the first: %1\n").arg(item);
    }
    for (const QString &item : onlyB) {
        out += QStringLiteral("  only in the second: %1\n").arg(item);
    }
    return out;
}

} // namespace

QString equivalenceDifference(const pipeline::PipelineDocument &a, const pipeline::PipelineDocument &b,
    Target target, const pipeline::Catalogue &catalogue)
{
    QHash<pipeline::NodeId, QString> sigA;
    QHash<pipeline::NodeId, QString> sigB;
    QStringList nodesA;
    QStringList nodesB;
    for (const pipeline::Node &n : a.nodes) {
        sigA.insert(n.id, signature(n, target, catalogue));
        nodesA << sigA.value(n.id);
    }
    for (const pipeline::Node &n : b.nodes) {
        sigB.insert(n.id, signature(n, target, catalogue));
        nodesB << sigB.value(n.id);
    }
    std::sort(nodesA.begin(), nodesA.end());
    std::sort(nodesB.begin(), nodesB.end());
    QString out;
    if (nodesA != nodesB) {
        out += QStringLiteral("nodes differ:\n") + listDifference(nodesA, nodesB);
    }
    const QStringList edgesA = edgeSignatures(a, sigA);
    const QStringList edgesB = edgeSignatures(b, sigB);
    if (edgesA != edgesB) {
        out += QStringLiteral("edges differ:\n") + listDifference(edgesA, edgesB);
    }
    return out;
}

} // namespace edis::exporting
