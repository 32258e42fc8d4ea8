#include "importer.h"

#include "exportcommon.h"
#include "kafkaconnectexporter.h"
#include "topicsmanifest.h"
#include "yamlwriter.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <map>

namespace edis::exporting {

namespace {

using pipeline::NodeId;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/// ${env:VAR}, ${file:…:VAR} and ${VAR} all become the designer's ${env:VAR}.
QString secretReference(const QString &value)
{
    const QString variable = detail::referencedVariable(value);
    return variable.isEmpty() ? value : QStringLiteral("${env:%1}").arg(variable);
}

/// QRegularExpression::escape, undone.
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

QStringList splitList(const QString &text, QChar separator = QLatin1Char(','))
{
    QStringList out;
    for (const QString &item : text.split(separator, Qt::SkipEmptyParts)) {
        out << item.trimmed();
    }
    return out;
}

/// The graph being imported: nodes keyed by what identifies them in the configs.
class GraphBuilder {
public:
    explicit GraphBuilder(const pipeline::Catalogue &catalogue)
        : catalogue_(catalogue)
    {
    }

    NodeId find(const QString &key) const { return keys_.value(key, pipeline::InvalidNodeId); }

    NodeId node(const QString &key, const QString &type, const QString &name)
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

    void set(NodeId id, const QString &key, const QVariant &value)
    {
        nodes_[id].properties.insert(key, value);
    }
    QVariant get(NodeId id, const QString &key) const { return nodes_.at(id).properties.value(key); }
    QString type(NodeId id) const { return nodes_.at(id).type; }

    /// Sets a property from its engine text, typed by the catalogue.
    void setText(NodeId id, const QString &key, const QString &text)
    {
        const pipeline::NodeDescriptor *d = catalogue_.node(type(id));
        const pipeline::PropertyDescriptor *p = d ? d->property(key) : nullptr;
        if (!p) {
            return;
        }
        QVariant value = detail::fromConfigString(*p, text);
        if (p->type == pipeline::PropertyType::Secret) {
            value = secretReference(text);
        }
        set(id, key, value);
    }

    void edge(NodeId from, const QString &fromPort, NodeId to, const QString &toPort)
    {
        for (const auto &e : edges_) {
            if (e.from.node == from && e.from.port == fromPort && e.to.node == to && e.to.port == toPort) {
                return;
            }
        }
        edges_.push_back(pipeline::Edge {nextEdge_++, {from, fromPort}, {to, toPort}});
    }

    /// A single output port feeding several steps gets a Fan-out; a single input port fed by
    /// several steps a Merge (what the designer needs; engines just share topics).
    void insertFanOutsAndMerges()
    {
        std::map<std::pair<NodeId, QString>, QList<qsizetype>> outgoing;
        for (qsizetype i = 0; i < qsizetype(edges_.size()); ++i) {
            outgoing[{edges_[i].from.node, edges_[i].from.port}] << i;
        }
        for (const auto &[port, indexes] : outgoing) {
            if (indexes.size() < 2 || portAllowsMany(port.first, port.second)) {
                continue;
            }
            const NodeId fan = node(QStringLiteral("fan-out:%1:%2").arg(port.first).arg(port.second),
                QStringLiteral("fan-out"), QStringLiteral("Fan-out"));
            for (const qsizetype i : indexes) {
                edges_[i].from = {fan, QStringLiteral("out")};
            }
            edge(port.first, port.second, fan, QStringLiteral("in"));
        }
        std::map<std::pair<NodeId, QString>, QList<qsizetype>> incoming;
        for (qsizetype i = 0; i < qsizetype(edges_.size()); ++i) {
            incoming[{edges_[i].to.node, edges_[i].to.port}] << i;
        }
        for (const auto &[port, indexes] : incoming) {
            if (indexes.size() < 2 || portAllowsMany(port.first, port.second)) {
                continue;
            }
            const NodeId merge = node(QStringLiteral("merge:%1:%2").arg(port.first).arg(port.second),
                QStringLiteral("merge"), QStringLiteral("Merge"));
            for (const qsizetype i : indexes) {
                edges_[i].to = {merge, QStringLiteral("in")};
            }
            edge(merge, QStringLiteral("out"), port.first, port.second);
        }
    }

    QList<NodeId> successors(NodeId id) const
    {
        QList<NodeId> out;
        for (const auto &e : edges_) {
            if (e.from.node == id) {
                out << e.to.node;
            }
        }
        return out;
    }

    pipeline::PipelineDocument document(const QString &name) const
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

    bool empty() const { return nodes_.empty(); }

private:
    bool portAllowsMany(NodeId id, const QString &port) const
    {
        const pipeline::NodeDescriptor *d = catalogue_.node(type(id));
        pipeline::PortDescriptor descriptor;
        return d && d->findPort(nodes_.at(id).properties, port, &descriptor) && descriptor.multiple;
    }

    const pipeline::Catalogue &catalogue_;
    std::map<NodeId, pipeline::Node> nodes_;
    std::vector<pipeline::Edge> edges_;
    QHash<QString, NodeId> keys_;
    QSet<QString> names_;
    NodeId nextId_ = 1;
    pipeline::EdgeId nextEdge_ = 1;
};

// ------------------------------------------------------------------------------------ Kafka Connect

struct Connector {
    QString name;
    QMap<QString, QString> config;
    QString origin;
};

/// java.util.Properties, the subset connector files use: key=value or key:value, # and !
/// comments, backslash escapes and continuation lines.
QMap<QString, QString> parseProperties(const QByteArray &text)
{
    QMap<QString, QString> out;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    QString logical;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        const QString trimmed = logical.isEmpty() ? line.trimmed() : line.trimmed();
        if (logical.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith('#') || trimmed.startsWith('!'))) {
            continue;
        }
        int backslashes = 0;
        for (qsizetype k = trimmed.size() - 1; k >= 0 && trimmed.at(k) == QLatin1Char('\\'); --k) {
            ++backslashes;
        }
        if (backslashes % 2 == 1) {
            logical += trimmed.left(trimmed.size() - 1);
            continue;
        }
        logical += trimmed;
        QString key;
        QString value;
        bool inValue = false;
        bool skipSpace = false;
        for (qsizetype k = 0; k < logical.size(); ++k) {
            QChar c = logical.at(k);
            if (c == QLatin1Char('\\') && k + 1 < logical.size()) {
                const QChar next = logical.at(++k);
                if (next == QLatin1Char('u') && k + 4 < logical.size()) {
                    // \uXXXX: how java.util.Properties (ISO-8859-1) carries other characters.
                    bool hex = false;
                    const ushort code = logical.mid(k + 1, 4).toUShort(&hex, 16);
                    if (hex) {
                        (inValue ? value : key) += QChar(code);
                        k += 4;
                        skipSpace = false;
                        continue;
                    }
                }
                c = next == QLatin1Char('n')   ? QChar('\n')
                    : next == QLatin1Char('t') ? QChar('\t')
                    : next == QLatin1Char('r') ? QChar('\r')
                                               : next;
                (inValue ? value : key) += c;
                skipSpace = false;
                continue;
            }
            if (!inValue && (c == QLatin1Char('=') || c == QLatin1Char(':') || c.isSpace())) {
                inValue = true;
                skipSpace = true;
                if (c.isSpace()) {
                    // "key = value": the separator may follow the spaces.
                    while (k + 1 < logical.size() && logical.at(k + 1).isSpace()) {
                        ++k;
                    }
                    if (k + 1 < logical.size()
                        && (logical.at(k + 1) == QLatin1Char('=') || logical.at(k + 1) == QLatin1Char(':'))) {
                        ++k;
                    }
                }
                continue;
            }
            if (inValue && skipSpace && c.isSpace()) {
                continue;
            }
            skipSpace = false;
            (inValue ? value : key) += c;
        }
        out.insert(key, value);
        logical.clear();
    }
    return out;
}

bool parseConnectorJson(const QByteArray &text, Connector *connector, QString *error)
{
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.toStdString());
    } catch (const nlohmann::json::parse_error &e) {
        *error = tr("not valid JSON (%1)").arg(qs(e.what()));
        return false;
    }
    if (!doc.is_object()) {
        *error = tr("not a JSON object");
        return false;
    }
    const nlohmann::json *config = &doc;
    if (doc.contains("config") && doc["config"].is_object()) {
        config = &doc["config"];
        connector->name = qs(doc.value("name", std::string()));
    }
    for (const auto &[key, value] : config->items()) {
        connector->config.insert(
            qs(key), value.is_string() ? qs(value.get<std::string>()) : qs(value.dump()));
    }
    if (connector->name.isEmpty()) {
        connector->name = connector->config.value(QStringLiteral("name"));
    }
    if (!connector->config.contains(QStringLiteral("connector.class"))) {
        *error = tr("no connector.class");
        return false;
    }
    return true;
}

struct Smt {
    QString alias;
    QString base;
    QString suffix;
    QString type;
    QMap<QString, QString> params;
    QString predicatePattern;
    bool negate = false;
};

QList<Smt> transformsOf(const Connector &c)
{
    QList<Smt> out;
    for (const QString &alias : splitList(c.config.value(QStringLiteral("transforms")))) {
        Smt smt;
        smt.alias = alias;
        const qsizetype split = alias.indexOf(QLatin1String("__"));
        smt.base = split < 0 ? alias : alias.left(split);
        smt.suffix = split < 0 ? QString() : alias.mid(split + 2);
        const QString prefix = QStringLiteral("transforms.") + alias + QLatin1Char('.');
        for (auto it = c.config.cbegin(); it != c.config.cend(); ++it) {
            if (it.key().startsWith(prefix)) {
                smt.params.insert(it.key().mid(prefix.size()), it.value());
            }
        }
        smt.type = smt.params.take(QStringLiteral("type"));
        const QString predicate = smt.params.take(QStringLiteral("predicate"));
        smt.negate = smt.params.take(QStringLiteral("negate")) == QLatin1String("true");
        if (!predicate.isEmpty()) {
            smt.predicatePattern
                = c.config.value(QStringLiteral("predicates.") + predicate + QStringLiteral(".pattern"));
        }
        out << smt;
    }
    return out;
}

/// How many alternatives anyOf() joined.
int alternatives(const QString &pattern)
{
    const int wrapped = int(pattern.count(QLatin1String("(?:")));
    return std::max(1, wrapped);
}

class KafkaConnectImport {
public:
    KafkaConnectImport(GraphBuilder *graph, const pipeline::Catalogue &catalogue, QStringList *warnings)
        : graph_(graph)
        , catalogue_(catalogue)
        , warnings_(warnings)
    {
    }

    /// Natural topics of every source connector that writes them unrenamed, by connector name.
    QHash<QString, QStringList> implicitTopics;

    void run(const QList<Connector> &connectors)
    {
        for (const Connector &c : connectors) {
            const pipeline::NodeDescriptor *d = descriptorFor(c);
            if (d
                && d->exportHint(QStringLiteral("kafka-connect"))->kind
                    == QLatin1String(detail::KindSourceConnector)) {
                importSource(c, *d);
            }
        }
        for (const Connector &c : connectors) {
            const pipeline::NodeDescriptor *d = descriptorFor(c);
            if (!d) {
                *warnings_ << tr("%1: connector class %2 is not in the catalogue; skipped.")
                                  .arg(c.origin, c.config.value(QStringLiteral("connector.class")));
                continue;
            }
            if (d->exportHint(QStringLiteral("kafka-connect"))->kind
                == QLatin1String(detail::KindSinkConnector)) {
                importSink(c, *d);
            }
        }
    }

private:
    const pipeline::NodeDescriptor *descriptorFor(const Connector &c) const
    {
        const QString cls = c.config.value(QStringLiteral("connector.class"));
        for (const pipeline::NodeDescriptor &d : catalogue_.nodes()) {
            const pipeline::ExportHint *hint = d.exportHint(QStringLiteral("kafka-connect"));
            if (hint && hint->component == cls
                && (hint->kind == QLatin1String(detail::KindSourceConnector)
                    || hint->kind == QLatin1String(detail::KindSinkConnector))) {
                return &d;
            }
        }
        return nullptr;
    }

    NodeId connectorNode(const Connector &c, const pipeline::NodeDescriptor &d)
    {
        const NodeId id = graph_->node(QStringLiteral("connector:") + c.name, d.id, c.name);
        for (const pipeline::PropertyDescriptor &p : d.properties) {
            const QString key = p.exportKeys.value(QStringLiteral("kafka-connect"));
            if (!key.isEmpty() && c.config.contains(key)) {
                graph_->setText(id, p.key, c.config.value(key));
            }
        }
        if (d.id == QLatin1String("jdbc-sink")) {
            graph_->set(id, QStringLiteral("autoCreate"),
                c.config.value(QStringLiteral("schema.evolution")) == QLatin1String("basic"));
        } else if (d.id == QLatin1String("http-sink")) {
            QStringList headers;
            const QString separator = c.config.value(QStringLiteral("header.separator"), QStringLiteral("|"));
            for (const QString &header :
                c.config.value(QStringLiteral("headers")).split(separator, Qt::SkipEmptyParts)) {
                static const QRegularExpression bearer(
                    QStringLiteral(R"(^\s*Authorization\s*:\s*Bearer\s+(.*)$)"),
                    QRegularExpression::CaseInsensitiveOption);
                const auto m = bearer.match(header);
                if (m.hasMatch()) {
                    graph_->set(id, QStringLiteral("authToken"), secretReference(m.captured(1).trimmed()));
                } else {
                    headers << header.trimmed();
                }
            }
            graph_->set(id, QStringLiteral("headers"), headers);
        }
        return id;
    }

    QStringList naturalTopics(const Connector &c, const pipeline::NodeDescriptor &d) const
    {
        QStringList out;
        if (d.id == QLatin1String("postgres-cdc") || d.id == QLatin1String("mysql-cdc")) {
            const QString prefix = c.config.value(QStringLiteral("topic.prefix"));
            for (const QString &table : splitList(c.config.value(QStringLiteral("table.include.list")))) {
                out << prefix + QLatin1Char('.') + table;
            }
        } else if (d.id == QLatin1String("file-source")) {
            out << c.config.value(QStringLiteral("topic"));
        } else if (d.id == QLatin1String("rabbitmq-source")) {
            out << c.config.value(QStringLiteral("kafka.topic"));
        }
        return out;
    }

    /// One designer step per alias group, in chain order.
    struct Step {
        NodeId node = pipeline::InvalidNodeId;
        QString port = QStringLiteral("out");
    };

    NodeId kafkaSinkFor(const QString &topic, const QString &name)
    {
        const NodeId id
            = graph_->node(QStringLiteral("topic-sink:") + topic, QStringLiteral("kafka-sink"), name);
        graph_->set(id, QStringLiteral("topic"), topic);
        return id;
    }

    struct RouteRules {
        QMap<int, QPair<QString, QString>> byIndex;
    };

    void setRoutes(NodeId route)
    {
        const RouteRules &rules = routes_[route];
        QStringList entries;
        for (const auto &rule : rules.byIndex) {
            entries << rule.first + QStringLiteral(": ") + rule.second;
        }
        graph_->set(route, QStringLiteral("mode"), QStringLiteral("topic-pattern"));
        graph_->set(route, QStringLiteral("routes"), entries);
    }

    /// Turns processor SMTs into steps; routing and key SMTs are left to the caller.
    QList<Step> processorSteps(const QList<Smt> &smts, bool sourceSide, QList<Smt> *rest)
    {
        QList<Step> steps;
        for (const Smt &smt : smts) {
            const QString cls = smt.type;
            if (cls == QLatin1String("io.debezium.transforms.ExtractNewRecordState")) {
                const NodeId id = graph_->node(
                    QStringLiteral("smt:") + smt.base, QStringLiteral("flatten-cdc"), smt.base);
                QString handling;
                bool dropTombstones = true;
                const QString mode = smt.params.value(
                    QStringLiteral("delete.tombstone.handling.mode"), QStringLiteral("tombstone"));
                if (detail::fromDeleteTombstoneMode(mode, &handling, &dropTombstones)) {
                    graph_->set(id, QStringLiteral("deleteHandling"), handling);
                    graph_->set(id, QStringLiteral("dropTombstones"), dropTombstones);
                } else {
                    *warnings_ << tr("%1: delete.tombstone.handling.mode %2 has no designer equivalent.")
                                      .arg(smt.alias, mode);
                }
                graph_->set(id, QStringLiteral("addFields"),
                    splitList(smt.params.value(QStringLiteral("add.fields"))));
                steps << Step {id};
            } else if (cls == QLatin1String("org.apache.kafka.connect.transforms.ReplaceField$Value")
                || cls == QLatin1String("org.apache.kafka.connect.transforms.InsertField$Value")) {
                const bool fresh = graph_->find(QStringLiteral("smt:") + smt.base) == pipeline::InvalidNodeId;
                const NodeId id
                    = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("map"), smt.base);
                if (fresh) {
                    graph_->set(id, QStringLiteral("drop"), QStringList());
                    graph_->set(id, QStringLiteral("rename"), QStringList());
                    graph_->set(id, QStringLiteral("insert"), QStringList());
                }
                if (cls.endsWith(QLatin1String("ReplaceField$Value"))) {
                    QStringList drop = splitList(smt.params.value(QStringLiteral("exclude")));
                    if (drop.isEmpty()) {
                        drop = splitList(smt.params.value(QStringLiteral("blacklist")));
                    }
                    graph_->set(id, QStringLiteral("drop"), drop);
                    graph_->set(
                        id, QStringLiteral("rename"), splitList(smt.params.value(QStringLiteral("renames"))));
                } else {
                    QStringList insert = graph_->get(id, QStringLiteral("insert")).toStringList();
                    const QString entry = smt.params.value(QStringLiteral("static.field")) + QLatin1Char('=')
                        + smt.params.value(QStringLiteral("static.value"));
                    if (!insert.contains(entry)) {
                        insert << entry;
                    }
                    graph_->set(id, QStringLiteral("insert"), insert);
                }
                if (steps.isEmpty() || steps.last().node != id) {
                    steps << Step {id};
                }
            } else if (cls == QLatin1String("io.debezium.transforms.Filter")) {
                const NodeId id
                    = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("filter"), smt.base);
                graph_->set(id, QStringLiteral("language"), smt.params.value(QStringLiteral("language")));
                graph_->set(id, QStringLiteral("condition"), smt.params.value(QStringLiteral("condition")));
                steps << Step {id};
            } else if (!sourceSide && cls == QLatin1String("org.apache.kafka.connect.transforms.Filter")
                && !smt.suffix.isEmpty()) {
                const NodeId id
                    = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
                QString port;
                if (smt.suffix == QLatin1String("unmatched")) {
                    port = QStringLiteral("unmatched");
                } else if (smt.suffix.startsWith(QLatin1String("keep_"))) {
                    port = smt.suffix.mid(5);
                    const QString skip = smt.base + QStringLiteral("__skip_") + port;
                    int index = 0;
                    for (const Smt &other : smts) {
                        if (other.alias == skip) {
                            index = alternatives(other.predicatePattern);
                        }
                    }
                    routes_[id].byIndex.insert(index, {port, smt.predicatePattern});
                    setRoutes(id);
                } else {
                    continue; // skip_PORT: folded into keep_PORT
                }
                if (steps.isEmpty() || steps.last().node != id) {
                    steps << Step {id, port};
                }
            } else {
                rest->append(smt);
            }
        }
        return steps;
    }

    void importSource(const Connector &c, const pipeline::NodeDescriptor &d)
    {
        const NodeId source = connectorNode(c, d);
        QList<Smt> rest;
        const QList<Step> steps = processorSteps(transformsOf(c), true, &rest);
        // Routing: RegexRouters (with route predicates, or one plain router to a topic node).
        NodeId route = pipeline::InvalidNodeId;
        QHash<QString, QString> portTopics;
        QString plainTopic;
        QString plainAlias;
        int routeIndex = 0;
        QHash<QString, QString> keyFields; // topic → field
        for (const Smt &smt : rest) {
            if (smt.type == QLatin1String("org.apache.kafka.connect.transforms.RegexRouter")) {
                const QString replacement = smt.params.value(QStringLiteral("replacement"));
                if (smt.suffix.startsWith(QLatin1String("to_"))) {
                    route
                        = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
                    const QString port = smt.suffix.mid(3);
                    portTopics.insert(port, replacement);
                    routes_[route].byIndex.insert(routeIndex++, {port, smt.predicatePattern});
                } else if (smt.suffix == QLatin1String("unmatched")) {
                    route
                        = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
                    portTopics.insert(QStringLiteral("unmatched"), replacement);
                } else {
                    plainTopic = replacement;
                    plainAlias = smt.alias;
                }
            } else if (smt.type == QLatin1String("org.apache.kafka.connect.transforms.Filter")
                && smt.suffix == QLatin1String("unmatched")) {
                route = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
            } else if (smt.type == QLatin1String("org.apache.kafka.connect.transforms.ValueToKey")) {
                keyFields.insert(
                    unescapeRegex(smt.predicatePattern), smt.params.value(QStringLiteral("fields")));
            } else if (smt.type == QLatin1String("org.apache.kafka.connect.transforms.ExtractField$Key")) {
                continue;
            } else {
                *warnings_ << tr("%1: transform %2 (%3) has no designer step; left out.")
                                  .arg(c.name, smt.alias, smt.type);
            }
        }
        NodeId previous = source;
        QString previousPort = QStringLiteral("out");
        for (const Step &step : steps) {
            graph_->edge(previous, previousPort, step.node, QStringLiteral("in"));
            previous = step.node;
            previousPort = step.port;
        }
        const QString compression = c.config.value(QStringLiteral("producer.override.compression.type"));
        const auto finishSink = [&](NodeId sink, const QString &topic) {
            if (keyFields.contains(topic)) {
                graph_->set(sink, QStringLiteral("keyField"), keyFields.value(topic));
            }
            if (!compression.isEmpty()) {
                graph_->set(sink, QStringLiteral("compression"), compression);
            }
        };
        if (route != pipeline::InvalidNodeId) {
            setRoutes(route);
            graph_->edge(previous, previousPort, route, QStringLiteral("in"));
            for (auto it = portTopics.cbegin(); it != portTopics.cend(); ++it) {
                const NodeId sink = kafkaSinkFor(it.value(), it.value());
                finishSink(sink, it.value());
                graph_->edge(route, it.key(), sink, QStringLiteral("in"));
            }
        } else if (!plainTopic.isEmpty()) {
            const NodeId sink = kafkaSinkFor(plainTopic, plainAlias);
            finishSink(sink, plainTopic);
            graph_->edge(previous, previousPort, sink, QStringLiteral("in"));
        } else {
            implicitTopics.insert(c.name, naturalTopics(c, d));
            implicitNodes_.insert(c.name, source);
            if (!steps.isEmpty()) {
                *warnings_ << tr(
                    "%1: transforms of a source connector that writes its own topics are imported after "
                    "the source.")
                                  .arg(c.name);
            }
        }
    }

    void importSink(const Connector &c, const pipeline::NodeDescriptor &d)
    {
        const NodeId sink = connectorNode(c, d);
        QList<Smt> rest;
        const QList<Step> steps = processorSteps(transformsOf(c), false, &rest);
        for (const Smt &smt : rest) {
            *warnings_ << tr("%1: transform %2 (%3) has no designer step; left out.")
                              .arg(c.name, smt.alias, smt.type);
        }
        QStringList topics = splitList(c.config.value(QStringLiteral("topics")));
        if (c.config.contains(QStringLiteral("topics.regex"))) {
            *warnings_ << tr(
                "%1: topics.regex is imported as one Kafka topic source with that pattern as topic.")
                              .arg(c.name);
            topics << c.config.value(QStringLiteral("topics.regex"));
        }
        QList<NodeId> origins;
        for (auto it = implicitTopics.cbegin(); it != implicitTopics.cend(); ++it) {
            const QStringList &natural = it.value();
            if (!natural.isEmpty() && std::all_of(natural.cbegin(), natural.cend(), [&](const QString &t) {
                    return topics.contains(t);
                })) {
                origins << implicitNodes_.value(it.key());
                for (const QString &t : natural) {
                    topics.removeAll(t);
                }
            }
        }
        const QString reset = c.config.value(QStringLiteral("consumer.override.auto.offset.reset"));
        for (const QString &topic : topics) {
            const NodeId source = graph_->node(
                QStringLiteral("topic-source:") + topic, QStringLiteral("kafka-source"), topic);
            graph_->set(source, QStringLiteral("topic"), topic);
            if (!reset.isEmpty()) {
                graph_->set(source, QStringLiteral("startFrom"), reset);
            }
            origins << source;
        }
        const NodeId first = steps.isEmpty() ? sink : steps.first().node;
        for (const NodeId origin : origins) {
            graph_->edge(origin, QStringLiteral("out"), first, QStringLiteral("in"));
        }
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const NodeId next = i + 1 < steps.size() ? steps.at(i + 1).node : sink;
            graph_->edge(steps.at(i).node, steps.at(i).port, next, QStringLiteral("in"));
        }
    }

    GraphBuilder *graph_;
    const pipeline::Catalogue &catalogue_;
    QStringList *warnings_;
    QHash<NodeId, RouteRules> routes_;
    QHash<QString, NodeId> implicitNodes_;

    friend class RedpandaImport;

public:
    NodeId implicitNode(const QString &connector) const { return implicitNodes_.value(connector); }
};

// ------------------------------------------------------------------------------------ Redpanda Connect

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
        QStringLiteral("^(.*)%1[0-9]+$").arg(QLatin1String(detail::repeatedLabelMark)));
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

/// The single component of an input/output/processor entry (the key that is not label,
/// processors, check…).
QPair<QString, YAML::Node> componentOf(const YAML::Node &entry)
{
    for (const auto &kv : entry) {
        const std::string key = kv.first.Scalar();
        if (key != "label" && key != "processors") {
            return {qs(key), kv.second};
        }
    }
    return {};
}

class RedpandaImport {
public:
    RedpandaImport(GraphBuilder *graph, const pipeline::Catalogue &catalogue, QStringList *warnings,
        const KafkaConnectImport &kc)
        : graph_(graph)
        , catalogue_(catalogue)
        , warnings_(warnings)
        , kc_(kc)
    {
    }

    void stream(const YAML::Node &root, const QString &origin)
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
        const auto path = [&](NodeId source, const YAML::Node &output) {
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
        };
        if (out && out["switch"]) {
            for (const auto &c : out["switch"]["cases"]) {
                NodeId source = single;
                const QString check = scalar(c, "check");
                static const QRegularExpression tag(QStringLiteral(R"re(@edis_source\s*==\s*"([^"]*)")re"));
                const auto m = tag.match(check);
                if (m.hasMatch()) {
                    source = sources.value(m.captured(1));
                }
                path(source, c["output"]);
            }
        } else if (out) {
            path(single != pipeline::InvalidNodeId ? single : sources.value(sources.keys().value(0)), out);
        }
    }

private:
    void readSecretProperty(NodeId id, const QString &property, const QString &value)
    {
        if (!value.isEmpty()) {
            graph_->set(id, property, secretReference(value));
        }
    }

    /// amqp://user:${VAR}@host/vhost → url without credentials, user, password.
    void readAmqp(NodeId id, const QString &url)
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

    static QString eventHubNamespace(const YAML::Node &c)
    {
        const QString seed = firstOf(c, "seed_brokers");
        static const QRegularExpression re(QStringLiteral(R"(^([^.]+)\.servicebus\.windows\.net(:\d+)?$)"));
        const auto m = re.match(seed);
        return m.hasMatch() ? m.captured(1) : QString();
    }

    NodeId input(const YAML::Node &entry, const QString &origin)
    {
        const QString label = labelOf(entry);
        const auto [component, c] = componentOf(entry);
        if (component == QLatin1String("redpanda") || component == QLatin1String("kafka_franz")) {
            if (const NodeId cdc = kc_.implicitNode(label)) {
                return cdc;
            }
            const QString ns = eventHubNamespace(c);
            QString topic = firstOf(c, "topics");
            if (!ns.isEmpty()) {
                const NodeId id = graph_->node(
                    QStringLiteral("label:") + label, QStringLiteral("eventhub-source"), label);
                graph_->set(id, QStringLiteral("namespace"), ns);
                graph_->set(id, QStringLiteral("eventHub"), topic);
                graph_->set(id, QStringLiteral("consumerGroup"), scalar(c, "consumer_group"));
                readSecretProperty(id, QStringLiteral("connectionString"), scalar(c["sasl"][0], "password"));
                return id;
            }
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("kafka-source"), label);
            graph_->set(id, QStringLiteral("topic"), topic);
            const QString group = scalar(c, "consumer_group");
            graph_->set(id, QStringLiteral("consumerGroup"),
                group == QStringLiteral("edis-") + label ? QString() : group);
            const QString start = scalar(c, "start_offset");
            if (!start.isEmpty()) {
                graph_->set(id, QStringLiteral("startFrom"), start);
            }
            return id;
        }
        if (component == QLatin1String("amqp_0_9")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("rabbitmq-source"), label);
            readAmqp(id, firstOf(c, "urls"));
            graph_->set(id, QStringLiteral("queue"), scalar(c, "queue"));
            if (!scalar(c, "prefetch_count").isEmpty()) {
                graph_->set(id, QStringLiteral("prefetch"), scalar(c, "prefetch_count").toLongLong());
            }
            return id;
        }
        if (component == QLatin1String("http_server")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("http-webhook"), label);
            graph_->set(id, QStringLiteral("address"), scalar(c, "address"));
            graph_->set(id, QStringLiteral("path"), scalar(c, "path"));
            return id;
        }
        if (component == QLatin1String("file")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("file-source"), label);
            graph_->set(id, QStringLiteral("path"), firstOf(c, "paths"));
            return id;
        }
        *warnings_ << tr("%1: input %2 (%3) has no designer step.").arg(origin, label, component);
        return pipeline::InvalidNodeId;
    }

    QPair<NodeId, QString> processor(const YAML::Node &entry, const QString &origin)
    {
        const QString label = labelOf(entry);
        const QString mapping = scalar(entry, "mapping");
        static const QRegularExpression header(
            QStringLiteral(R"(^# edis:([a-z-]+) (\{.*\})\s*$)"), QRegularExpression::MultilineOption);
        const auto m = header.match(mapping);
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
            const pipeline::PropertyDescriptor *p = d ? d->property(it.key()) : nullptr;
            if (!p) {
                continue;
            }
            QVariant value = it.value();
            if (p->type == pipeline::PropertyType::List) {
                value = value.toStringList();
            } else if (p->type == pipeline::PropertyType::Int) {
                value = value.toLongLong();
            } else if (p->type == pipeline::PropertyType::Bool) {
                value = value.toBool();
            } else {
                value = value.toString();
            }
            graph_->set(id, it.key(), value);
        }
        return {id, port.isEmpty() ? QStringLiteral("out") : port};
    }

    NodeId output(const YAML::Node &entry, const QString &origin)
    {
        const QString label = labelOf(entry);
        const auto [component, c] = componentOf(entry);
        if (component == QLatin1String("redpanda") || component == QLatin1String("kafka_franz")) {
            const QString ns = eventHubNamespace(c);
            if (!ns.isEmpty()) {
                const NodeId id
                    = graph_->node(QStringLiteral("label:") + label, QStringLiteral("eventhub-sink"), label);
                graph_->set(id, QStringLiteral("namespace"), ns);
                graph_->set(id, QStringLiteral("eventHub"), scalar(c, "topic"));
                readSecretProperty(id, QStringLiteral("connectionString"), scalar(c["sasl"][0], "password"));
                return id;
            }
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("kafka-sink"), label);
            graph_->set(id, QStringLiteral("topic"), scalar(c, "topic"));
            static const QRegularExpression key(QStringLiteral(R"(^\$\{!\s*this\.(.+?)\s*\}$)"));
            const auto m = key.match(scalar(c, "key"));
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
        if (component == QLatin1String("file")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("file-sink"), label);
            graph_->set(id, QStringLiteral("path"), scalar(c, "path"));
            return id;
        }
        if (component == QLatin1String("http_client")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("http-sink"), label);
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
        if (component == QLatin1String("sql_raw")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("jdbc-sink"), label);
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
        if (component == QLatin1String("amqp_0_9")) {
            const NodeId id
                = graph_->node(QStringLiteral("label:") + label, QStringLiteral("rabbitmq-sink"), label);
            readAmqp(id, firstOf(c, "urls"));
            graph_->set(id, QStringLiteral("exchange"), scalar(c, "exchange"));
            graph_->set(id, QStringLiteral("routingKey"), scalar(c, "key"));
            return id;
        }
        *warnings_ << tr("%1: output %2 (%3) has no designer step.").arg(origin, label, component);
        return pipeline::InvalidNodeId;
    }

    GraphBuilder *graph_;
    const pipeline::Catalogue &catalogue_;
    QStringList *warnings_;
    const KafkaConnectImport &kc_;
};

/// Sources whose format the configs do not carry: Debezium change events when a flatten step
/// reads them, records otherwise.
void inferFormats(GraphBuilder *graph, const pipeline::PipelineDocument &doc)
{
    for (const pipeline::Node &n : doc.nodes) {
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

} // namespace

ImportResult importConfigs(const QList<ImportInput> &inputs, const pipeline::Catalogue &catalogue)
{
    ImportResult result;
    QList<Connector> connectors;
    QSet<QString> connectorNames;
    QList<QPair<QString, YAML::Node>> streams;
    QList<TopicSpec> manifest;
    for (const ImportInput &input : inputs) {
        const QString suffix = QFileInfo(input.path).suffix().toLower();
        if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml")) {
            try {
                for (const YAML::Node &doc : YAML::LoadAll(input.content.toStdString())) {
                    if (doc.IsMap() && (doc["input"] || doc["output"])) {
                        streams << qMakePair(input.path, doc);
                    } else if (!doc.IsNull()) {
                        result.warnings
                            << tr("%1: a YAML document without input or output is not a Redpanda Connect "
                                  "stream; skipped.")
                                   .arg(input.path);
                    }
                }
            } catch (const YAML::Exception &e) {
                result.error = tr("%1: not valid YAML: %2").arg(input.path, qs(e.what()));
                return result;
            }
            continue;
        }
        Connector connector;
        connector.origin = input.path;
        QString error;
        if (suffix == QLatin1String("properties")) {
            connector.config = parseProperties(input.content);
            connector.name = connector.config.take(QStringLiteral("name"));
            if (!connector.config.contains(QStringLiteral("connector.class"))) {
                result.warnings << tr("%1: no connector.class; not a connector config.").arg(input.path);
                continue;
            }
        } else if (suffix == QLatin1String("json")) {
            if (input.content.contains("\"edis-topics\"")) {
                if (!parseTopicsManifest(input.content, &manifest, &error)) {
                    result.warnings << tr("%1: %2").arg(input.path, error);
                }
                continue;
            }
            if (!parseConnectorJson(input.content, &connector, &error)) {
                if (error.startsWith(tr("not valid JSON"))) {
                    // Broken, not merely something else: importing around it would lose a part.
                    result.error = tr("%1: %2").arg(input.path, error);
                    return result;
                }
                result.warnings << tr("%1: %2; not a connector config.").arg(input.path, error);
                continue;
            }
            connector.config.remove(QStringLiteral("name"));
        } else {
            continue;
        }
        if (connector.name.isEmpty()) {
            connector.name = QFileInfo(input.path).completeBaseName();
        }
        if (connectorNames.contains(connector.name)) {
            continue;
        }
        connectorNames.insert(connector.name);
        connectors << connector;
    }
    GraphBuilder graph(catalogue);
    KafkaConnectImport kc(&graph, catalogue, &result.warnings);
    kc.run(connectors);
    RedpandaImport rp(&graph, catalogue, &result.warnings, kc);
    for (const auto &stream : streams) {
        try {
            rp.stream(stream.second, stream.first);
        } catch (const YAML::Exception &e) {
            // A value of the wrong shape (a map where a string belongs, …).
            result.error
                = tr("%1: not a Redpanda Connect stream EDIS can read: %2").arg(stream.first, qs(e.what()));
            return result;
        }
    }
    graph.insertFanOutsAndMerges();
    inferFormats(&graph, graph.document({}));
    pipeline::PipelineDocument doc = graph.document(tr("Imported pipeline"));
    for (pipeline::Node &n : doc.nodes) {
        if (n.type != QLatin1String("kafka-sink")) {
            continue;
        }
        for (const TopicSpec &t : manifest) {
            if (t.name == n.properties.value(QStringLiteral("topic")).toString() && t.partitions > 0) {
                n.properties.insert(QStringLiteral("partitions"), qint64(t.partitions));
            }
        }
    }
    if (doc.nodes.isEmpty()) {
        result.error = tr("No connector config or Redpanda Connect stream found.");
    }
    result.document = doc;
    return result;
}

ImportResult importPaths(const QStringList &paths, const pipeline::Catalogue &catalogue)
{
    QList<ImportInput> inputs;
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path,
                {QStringLiteral("*.json"), QStringLiteral("*.properties"), QStringLiteral("*.yaml"),
                    QStringLiteral("*.yml")},
                QDir::Files, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext()) {
                found << it.next();
            }
            // JSON before properties, so that NAME.json wins over NAME.properties.
            std::sort(found.begin(), found.end(), [](const QString &a, const QString &b) {
                const bool aJson = a.endsWith(QLatin1String(".json"));
                const bool bJson = b.endsWith(QLatin1String(".json"));
                return aJson != bJson ? aJson : a < b;
            });
            files << found;
        } else {
            files << path;
        }
    }
    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            ImportResult failed;
            failed.error = tr("Cannot read %1: %2").arg(file, f.errorString());
            return failed;
        }
        inputs << ImportInput {file, f.read(64 * 1024 * 1024)};
    }
    return importConfigs(inputs, catalogue);
}

} // namespace edis::exporting
