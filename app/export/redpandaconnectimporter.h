#pragma once
// Internal to edis_export: Redpanda Connect streams back to designer steps (the counterpart of
// redpandaconnectexporter.h).

#include "importcommon.h"

namespace YAML {
class Node;
}

namespace edis::exporting::detail {

class KafkaConnectImporter;
struct RedpandaComponent;

/// Builds the Redpanda Connect part of an imported graph, one stream at a time: inputs and
/// outputs by component, processors by the `# edis:TYPE {properties}` header the exporter wrote,
/// switch cases by their `@edis_source` check. An input labelled with the name of a Kafka
/// Connect source connector (the Debezium half of a stream) is that connector's node.
class RedpandaConnectImporter {
public:
    RedpandaConnectImporter(GraphBuilder *graph, const pipeline::Catalogue &catalogue, QStringList *warnings,
        const KafkaConnectImporter &kafkaConnect)
        : graph_(graph)
        , catalogue_(catalogue)
        , warnings_(warnings)
        , kafkaConnect_(kafkaConnect)
    {
    }

    /// Throws YAML::Exception for a value of the wrong shape.
    void stream(const YAML::Node &root, const QString &origin);

private:
    void path(
        NodeId source, const QList<YAML::Node> &shared, const YAML::Node &output, const QString &origin);
    void readSecretProperty(NodeId id, const QString &property, const QString &value);
    void readAmqp(NodeId id, const QString &url);
    NodeId input(const YAML::Node &entry, const QString &origin);
    NodeId eventHub(const RedpandaComponent &component, const QString &type, const QString &hub);
    NodeId kafkaInput(const RedpandaComponent &component);
    QPair<NodeId, QString> processor(const YAML::Node &entry, const QString &origin);
    NodeId output(const YAML::Node &entry, const QString &origin);
    NodeId kafkaOutput(const RedpandaComponent &component);
    NodeId httpOutput(const RedpandaComponent &component);
    NodeId sqlOutput(const RedpandaComponent &component);

    GraphBuilder *graph_;
    const pipeline::Catalogue &catalogue_;
    QStringList *warnings_;
    const KafkaConnectImporter &kafkaConnect_;
};

} // namespace edis::exporting::detail
