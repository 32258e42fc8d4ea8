#include "redpandaconnectimporter.h"

#include "kafkaconnectimporter.h"
#include "yamlwriter.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace edis::exporting::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

QString scalar(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? qs(v.Scalar()) : QString();
}

/// A component's label without the repetition mark the exporter adds (see yamlwriter.h).
QString labelOf(const YAML::Node &entry)
{
    const QString label = scalar(entry, "label");
    static const QRegularExpression repeated(
        QStringLiteral("^(.*)%1[0-9]+$").arg(QLatin1String(repeatedLabelMark)));
    const auto m = repeated.match(label);
    return m.hasMatch() ? m.captured(1) : label;
}

QString firstOf(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    if (v && v.IsSequence() && v.size() > 0) {
        return qs(v[0].Scalar());
    }
    return v && v.IsScalar() ? qs(v.Scalar()) : QString();
}

QString eventHubNamespace(const YAML::Node &c)
{
    const QString seed = firstOf(c, "seed_brokers");
    static const QRegularExpression re(QStringLiteral(R"(^([^.]+)\.servicebus\.windows\.net(:\d+)?$)"));
    const auto m = re.match(seed);
    return m.hasMatch() ? m.captured(1) : QString();
}

bool isKafkaComponent(const QString &component)
{
    return component == QLatin1String("redpanda") || component == QLatin1String("kafka_franz");
}

/// A processor header's property, typed as the catalogue declares it.
QVariant typedValue(const pipeline::PropertyDescriptor &p, const QVariant &value)
{
    switch (p.type) {
    case pipeline::PropertyType::List:
        return value.toStringList();
    case pipeline::PropertyType::Int:
        return value.toLongLong();
    case pipeline::PropertyType::Bool:
        return value.toBool();
    default:
        return value.toString();
    }
}

} // namespace

/// An input or output entry: its label and its single component (the key that is not label or
/// processors) with the component's config.
struct RedpandaComponent {
    QString label;
    QString name;
    YAML::Node config;

    QString key() const { return QStringLiteral("label:") + label; }
};

static RedpandaComponent componentOf(const YAML::Node &entry)
{
    for (const auto &kv : entry) {
        const std::string key = kv.first.Scalar();
        if (key != "label" && key != "processors") {
            return {labelOf(entry), qs(key), kv.second};
        }
    }
    return {labelOf(entry), {}, {}};
}

void RedpandaConnectImporter::stream(const YAML::Node &root, const QString &origin)
{
    QHash<QString, NodeId> sources;
    NodeId single = pipeline::InvalidNodeId;
    const YAML::Node in = root["input"];
    if (in && in["broker"]) {
        for (const auto &entry : in["broker"]["inputs"]) {
            const QString label = labelOf(entry);
            sources.insert(label, input(entry, origin));
        }
    } else if (in) {
        single = input(in, origin);
    }
    QList<YAML::Node> shared;
    if (root["pipeline"] && root["pipeline"]["processors"]) {
        for (const auto &p : root["pipeline"]["processors"]) {
            shared << p;
        }
    }
    const YAML::Node out = root["output"];
    if (out && out["switch"]) {
        for (const auto &c : out["switch"]["cases"]) {
            static const QRegularExpression tag(QStringLiteral(R"re(@edis_source\s*==\s*"([^"]*)")re"));
            const auto m = tag.match(scalar(c, "check"));
            path(m.hasMatch() ? sources.value(m.captured(1)) : single, shared, c["output"], origin);
        }
    } else if (out) {
        path(single != pipeline::InvalidNodeId ? single : sources.value(sources.keys().value(0)), shared, out,
            origin);
    }
}

/// One source-to-sink path: the shared processors, then the output's own, then the output.
void RedpandaConnectImporter::path(
    NodeId source, const QList<YAML::Node> &shared, const YAML::Node &output, const QString &origin)
{
    NodeId previous = source;
    QString port = QStringLiteral("out");
    QList<YAML::Node> items = shared;
    for (const auto &p : output["processors"]) {
        items << p;
    }
    for (const YAML::Node &p : items) {
        const auto step = processor(p, origin);
        if (step.first == pipeline::InvalidNodeId) {
            continue;
        }
        graph_->edge(previous, port, step.first, QStringLiteral("in"));
        previous = step.first;
        port = step.second;
    }
    const NodeId sink = this->output(output, origin);
    if (sink != pipeline::InvalidNodeId && previous != pipeline::InvalidNodeId) {
        graph_->edge(previous, port, sink, QStringLiteral("in"));
    }
}

void RedpandaConnectImporter::readSecretProperty(NodeId id, const QString &property, const QString &value)
{
    if (!value.isEmpty()) {
        graph_->set(id, property, secretReference(value));
    }
}

/// amqp://user:${VAR}@host/vhost → url without credentials, user, password.
void RedpandaConnectImporter::readAmqp(NodeId id, const QString &url)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^([a-z0-9+]+)://(?:([^:@/]*)(?::([^@]*))?@)?(.*)$)"));
    const auto m = re.match(url);
    if (!m.hasMatch()) {
        graph_->set(id, QStringLiteral("url"), url);
        return;
    }
    graph_->set(id, QStringLiteral("url"), m.captured(1) + QStringLiteral("://") + m.captured(4));
    if (!m.captured(2).isEmpty()) {
        graph_->set(id, QStringLiteral("username"), m.captured(2));
    }
    readSecretProperty(id, QStringLiteral("password"), m.captured(3));
}

NodeId RedpandaConnectImporter::input(const YAML::Node &entry, const QString &origin)
{
    const RedpandaComponent c = componentOf(entry);
    if (isKafkaComponent(c.name)) {
        return kafkaInput(c);
    }
    if (c.name == QLatin1String("amqp_0_9")) {
        const NodeId id = graph_->node(c.key(), QStringLiteral("rabbitmq-source"), c.label);
        readAmqp(id, firstOf(c.config, "urls"));
        graph_->set(id, QStringLiteral("queue"), scalar(c.config, "queue"));
        if (!scalar(c.config, "prefetch_count").isEmpty()) {
            graph_->set(id, QStringLiteral("prefetch"), scalar(c.config, "prefetch_count").toLongLong());
        }
        return id;
    }
    if (c.name == QLatin1String("http_server")) {
        const NodeId id = graph_->node(c.key(), QStringLiteral("http-webhook"), c.label);
        graph_->set(id, QStringLiteral("address"), scalar(c.config, "address"));
        graph_->set(id, QStringLiteral("path"), scalar(c.config, "path"));
        return id;
    }
    if (c.name == QLatin1String("file")) {
        const NodeId id = graph_->node(c.key(), QStringLiteral("file-source"), c.label);
        graph_->set(id, QStringLiteral("path"), firstOf(c.config, "paths"));
        return id;
    }
    *warnings_ << tr("%1: input %2 (%3) has no designer step.").arg(origin, c.label, c.name);
    return pipeline::InvalidNodeId;
}

/// A Kafka component whose seed broker is NAMESPACE.servicebus.windows.net is an Event Hub
/// step of `type`; InvalidNodeId for any other Kafka component.
NodeId RedpandaConnectImporter::eventHub(
    const RedpandaComponent &component, const QString &type, const QString &hub)
{
    const QString ns = eventHubNamespace(component.config);
    if (ns.isEmpty()) {
        return pipeline::InvalidNodeId;
    }
    const NodeId id = graph_->node(component.key(), type, component.label);
    graph_->set(id, QStringLiteral("namespace"), ns);
    graph_->set(id, QStringLiteral("eventHub"), hub);
    readSecretProperty(
        id, QStringLiteral("connectionString"), scalar(component.config["sasl"][0], "password"));
    return id;
}

/// A Kafka input: a Kafka Connect source's topics, an Event Hub, or a Kafka topic source.
NodeId RedpandaConnectImporter::kafkaInput(const RedpandaComponent &component)
{
    const QString &label = component.label;
    const YAML::Node &c = component.config;
    if (const NodeId cdc = kafkaConnect_.implicitNode(label)) {
        return cdc;
    }
    const QString topic = firstOf(c, "topics");
    if (const NodeId hub = eventHub(component, QStringLiteral("eventhub-source"), topic)) {
        graph_->set(hub, QStringLiteral("consumerGroup"), scalar(c, "consumer_group"));
        return hub;
    }
    const NodeId id = graph_->node(component.key(), QStringLiteral("kafka-source"), label);
    graph_->set(id, QStringLiteral("topic"), topic);
    const QString group = scalar(c, "consumer_group");
    graph_->set(
        id, QStringLiteral("consumerGroup"), group == QStringLiteral("edis-") + label ? QString() : group);
    const QString start = scalar(c, "start_offset");
    if (!start.isEmpty()) {
        graph_->set(id, QStringLiteral("startFrom"), start);
    }
    return id;
}

QPair<NodeId, QString> RedpandaConnectImporter::processor(const YAML::Node &entry, const QString &origin)
{
    const QString label = labelOf(entry);
    static const QRegularExpression header(
        QStringLiteral(R"(^# edis:([a-z-]+) (\{.*\})\s*$)"), QRegularExpression::MultilineOption);
    const auto m = header.match(scalar(entry, "mapping"));
    if (!m.hasMatch()) {
        *warnings_ << tr(
            "%1: processor %2 has no '# edis:' header; it is not a designer step and is left out.")
                          .arg(origin, label);
        return {pipeline::InvalidNodeId, {}};
    }
    const QString type = m.captured(1);
    QVariantMap props = QJsonDocument::fromJson(m.captured(2).toUtf8()).toVariant().toMap();
    const QString port = props.take(QStringLiteral("port")).toString();
    const QString base = port.isEmpty() ? label : label.left(label.lastIndexOf(QLatin1String("__")));
    const NodeId id = graph_->node(QStringLiteral("label:") + base, type, base);
    const pipeline::NodeDescriptor *d = catalogue_.node(type);
    for (auto it = props.cbegin(); it != props.cend(); ++it) {
        if (const pipeline::PropertyDescriptor *p = d ? d->property(it.key()) : nullptr) {
            graph_->set(id, it.key(), typedValue(*p, it.value()));
        }
    }
    return {id, port.isEmpty() ? QStringLiteral("out") : port};
}

NodeId RedpandaConnectImporter::output(const YAML::Node &entry, const QString &origin)
{
    const RedpandaComponent c = componentOf(entry);
    if (isKafkaComponent(c.name)) {
        return kafkaOutput(c);
    }
    if (c.name == QLatin1String("file")) {
        const NodeId id = graph_->node(c.key(), QStringLiteral("file-sink"), c.label);
        graph_->set(id, QStringLiteral("path"), scalar(c.config, "path"));
        return id;
    }
    if (c.name == QLatin1String("http_client")) {
        return httpOutput(c);
    }
    if (c.name == QLatin1String("sql_raw")) {
        return sqlOutput(c);
    }
    if (c.name == QLatin1String("amqp_0_9")) {
        const NodeId id = graph_->node(c.key(), QStringLiteral("rabbitmq-sink"), c.label);
        readAmqp(id, firstOf(c.config, "urls"));
        graph_->set(id, QStringLiteral("exchange"), scalar(c.config, "exchange"));
        graph_->set(id, QStringLiteral("routingKey"), scalar(c.config, "key"));
        return id;
    }
    *warnings_ << tr("%1: output %2 (%3) has no designer step.").arg(origin, c.label, c.name);
    return pipeline::InvalidNodeId;
}

/// A Kafka output: an Event Hub or a Kafka topic sink, its key back from ${! this.FIELD }.
NodeId RedpandaConnectImporter::kafkaOutput(const RedpandaComponent &component)
{
    const QString &label = component.label;
    const YAML::Node &c = component.config;
    if (const NodeId hub = eventHub(component, QStringLiteral("eventhub-sink"), scalar(c, "topic"))) {
        return hub;
    }
    const NodeId id = graph_->node(component.key(), QStringLiteral("kafka-sink"), label);
    graph_->set(id, QStringLiteral("topic"), scalar(c, "topic"));
    static const QRegularExpression keyField(QStringLiteral(R"(^\$\{!\s*this\.(.+?)\s*\}$)"));
    const auto m = keyField.match(scalar(c, "key"));
    if (m.hasMatch()) {
        QString field = m.captured(1);
        if (field.startsWith('"') && field.endsWith('"')) {
            field = field.mid(1, field.size() - 2);
        }
        graph_->set(id, QStringLiteral("keyField"), field);
    }
    if (!scalar(c, "compression").isEmpty()) {
        graph_->set(id, QStringLiteral("compression"), scalar(c, "compression"));
    }
    return id;
}

/// An HTTP sink, its Authorization: Bearer header back into the auth token.
NodeId RedpandaConnectImporter::httpOutput(const RedpandaComponent &component)
{
    const QString &label = component.label;
    const YAML::Node &c = component.config;
    const NodeId id = graph_->node(component.key(), QStringLiteral("http-sink"), label);
    graph_->set(id, QStringLiteral("url"), scalar(c, "url"));
    if (!scalar(c, "verb").isEmpty()) {
        graph_->set(id, QStringLiteral("method"), scalar(c, "verb"));
    }
    QStringList headers;
    for (const auto &kv : c["headers"]) {
        const QString name = qs(kv.first.Scalar());
        const QString value = qs(kv.second.Scalar());
        if (name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0
            && value.startsWith(QLatin1String("Bearer "))) {
            readSecretProperty(id, QStringLiteral("authToken"), value.mid(7).trimmed());
        } else {
            headers << name + QStringLiteral(": ") + value;
        }
    }
    graph_->set(id, QStringLiteral("headers"), headers);
    if (c["batching"] && !scalar(c["batching"], "count").isEmpty()) {
        graph_->set(id, QStringLiteral("batchSize"), scalar(c["batching"], "count").toLongLong());
    }
    return id;
}

/// A PostgreSQL sql_raw output back into a JDBC sink: the DSN into URL, user and password.
NodeId RedpandaConnectImporter::sqlOutput(const RedpandaComponent &component)
{
    const QString &label = component.label;
    const YAML::Node &c = component.config;
    const NodeId id = graph_->node(component.key(), QStringLiteral("jdbc-sink"), label);
    static const QRegularExpression dsn(
        QStringLiteral(R"(^postgres(?:ql)?://(?:([^:@/]*)(?::([^@]*))?@)?([^/]+)/(.*)$)"));
    const auto m = dsn.match(scalar(c, "dsn"));
    if (m.hasMatch()) {
        graph_->set(id, QStringLiteral("connectionUrl"),
            QStringLiteral("jdbc:postgresql://%1/%2").arg(m.captured(3), m.captured(4)));
        graph_->set(id, QStringLiteral("user"), m.captured(1));
        readSecretProperty(id, QStringLiteral("password"), m.captured(2));
    }
    static const QRegularExpression table(QStringLiteral(R"(^INSERT INTO (\S+) )"));
    const auto t = table.match(scalar(c, "query"));
    if (t.hasMatch()) {
        graph_->set(id, QStringLiteral("table"), t.captured(1));
    }
    graph_->set(id, QStringLiteral("insertMode"), QStringLiteral("insert"));
    return id;
}

} // namespace edis::exporting::detail
