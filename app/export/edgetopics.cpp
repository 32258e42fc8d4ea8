#include "edgetopics.h"

#include "exportcommon.h"
#include "graphalgorithms.h"
#include "kafkaconnectexporter.h"
#include "pipelinemodel.h"

namespace edis::exporting {

QHash<pipeline::EdgeId, EdgeTopics> edgeTopics(const pipeline::PipelineModel &model)
{
    QHash<pipeline::EdgeId, EdgeTopics> out;
    ExportReport scratch;
    detail::SecretResolver secrets(Target::KafkaConnect, {}, &scratch);
    detail::KafkaConnectExporter kc(model, {}, &scratch, &secrets);
    // In topological order, so that inherited topics are known when a node is reached.
    QHash<NodeId, QStringList> arriving;
    for (const NodeId id : pipeline::topologicalOrder(model).order) {
        const pipeline::Node *n = model.node(id);
        QStringList leaving;
        bool exact = false;
        if (n->type == QLatin1String("kafka-source")) {
            leaving << detail::propertyString(model, id, QStringLiteral("topic"));
            exact = true;
        } else if (n->type == QLatin1String("postgres-cdc") || n->type == QLatin1String("mysql-cdc")) {
            leaving = kc.naturalTopics(id).names;
            exact = true;
        } else {
            leaving = arriving.value(id);
        }
        for (const pipeline::EdgeId e : model.outgoingEdges(id)) {
            const pipeline::Edge *edge = model.edge(e);
            const pipeline::Node *to = model.node(edge->to.node);
            EdgeTopics topics;
            if (to->type == QLatin1String("kafka-sink")) {
                topics.topics << detail::propertyString(model, to->id, QStringLiteral("topic"));
                topics.exact = true;
            } else {
                topics.topics = leaving;
                topics.exact = exact;
            }
            if (!topics.topics.isEmpty()) {
                out.insert(e, topics);
            }
            QStringList &next = arriving[edge->to.node];
            for (const QString &t : leaving) {
                if (!next.contains(t)) {
                    next << t;
                }
            }
        }
    }
    return out;
}

} // namespace edis::exporting
