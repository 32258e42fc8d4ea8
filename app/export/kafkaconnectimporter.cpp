#include "kafkaconnectimporter.h"

#include "kafkaconnectexporter.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QRegularExpression>

namespace edis::exporting::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

const QString kKafkaConnect = QStringLiteral("kafka-connect");

/// The logical lines of a properties file: blank lines and comments dropped, a line ending in an
/// odd number of backslashes joined with the next.
QStringList logicalLines(const QByteArray &text)
{
    QStringList out;
    QString logical;
    for (QString line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        const QString trimmed = line.trimmed();
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
        out << logical + trimmed;
        logical.clear();
    }
    return out;
}

/// The character an escape stands for; `*k` is at the backslash (not the last character) and
/// ends on the escape's last character.
QChar unescapeAt(const QString &text, qsizetype *k)
{
    const QChar next = text.at(++*k);
    if (next == QLatin1Char('u') && *k + 4 < text.size()) {
        // \uXXXX: how java.util.Properties (ISO-8859-1) carries other characters.
        bool hex = false;
        const ushort code = text.mid(*k + 1, 4).toUShort(&hex, 16);
        if (hex) {
            *k += 4;
            return {code};
        }
    }
    return next == QLatin1Char('n') ? QChar('\n')
        : next == QLatin1Char('t')  ? QChar('\t')
        : next == QLatin1Char('r')  ? QChar('\r')
                                    : next;
}

/// "key = value": past the spaces after the key at `k`, and past an = or : that follows them.
qsizetype skipSeparator(const QString &line, qsizetype k)
{
    while (k + 1 < line.size() && line.at(k + 1).isSpace()) {
        ++k;
    }
    if (k + 1 < line.size() && (line.at(k + 1) == QLatin1Char('=') || line.at(k + 1) == QLatin1Char(':'))) {
        ++k;
    }
    return k;
}

/// The first unescaped =, : or white space ends the key; spaces before the value are dropped.
QPair<QString, QString> parsePropertyLine(const QString &line)
{
    QString key;
    QString value;
    bool inValue = false;
    bool skipSpace = false;
    for (qsizetype k = 0; k < line.size(); ++k) {
        const QChar c = line.at(k);
        if (c == QLatin1Char('\\') && k + 1 < line.size()) {
            (inValue ? value : key) += unescapeAt(line, &k);
            skipSpace = false;
            continue;
        }
        if (!inValue && (c == QLatin1Char('=') || c == QLatin1Char(':') || c.isSpace())) {
            inValue = true;
            skipSpace = true;
            if (c.isSpace()) {
                k = skipSeparator(line, k);
            }
            continue;
        }
        if (inValue && skipSpace && c.isSpace()) {
            continue;
        }
        skipSpace = false;
        (inValue ? value : key) += c;
    }
    return {key, value};
}

/// How many alternatives anyOf() joined.
int alternatives(const QString &pattern)
{
    const int wrapped = int(pattern.count(QLatin1String("(?:")));
    return std::max(1, wrapped);
}

bool isConnectorKind(const pipeline::ExportHint *hint)
{
    return hint
        && (hint->kind == QLatin1String(KindSourceConnector)
            || hint->kind == QLatin1String(KindSinkConnector));
}

} // namespace

QMap<QString, QString> parseProperties(const QByteArray &text)
{
    QMap<QString, QString> out;
    for (const QString &line : logicalLines(text)) {
        const auto [key, value] = parsePropertyLine(line);
        out.insert(key, value);
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

void KafkaConnectImporter::run(const QList<Connector> &connectors)
{
    for (const Connector &c : connectors) {
        const pipeline::NodeDescriptor *d = descriptorFor(c);
        if (d && d->exportHint(kKafkaConnect)->kind == QLatin1String(KindSourceConnector)) {
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
        if (d->exportHint(kKafkaConnect)->kind == QLatin1String(KindSinkConnector)) {
            importSink(c, *d);
        }
    }
}

QList<KafkaConnectImporter::Smt> KafkaConnectImporter::transformsOf(const Connector &c)
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

const pipeline::NodeDescriptor *KafkaConnectImporter::descriptorFor(const Connector &c) const
{
    const QString cls = c.config.value(QStringLiteral("connector.class"));
    for (const pipeline::NodeDescriptor &d : catalogue_.nodes()) {
        const pipeline::ExportHint *hint = d.exportHint(kKafkaConnect);
        if (isConnectorKind(hint) && hint->component == cls) {
            return &d;
        }
    }
    return nullptr;
}

NodeId KafkaConnectImporter::connectorNode(const Connector &c, const pipeline::NodeDescriptor &d)
{
    const NodeId id = graph_->node(QStringLiteral("connector:") + c.name, d.id, c.name);
    for (const pipeline::PropertyDescriptor &p : d.properties) {
        const QString key = p.exportKeys.value(kKafkaConnect);
        if (!key.isEmpty() && c.config.contains(key)) {
            graph_->setText(id, p.key, c.config.value(key));
        }
    }
    if (d.id == QLatin1String("jdbc-sink")) {
        graph_->set(id, QStringLiteral("autoCreate"),
            c.config.value(QStringLiteral("schema.evolution")) == QLatin1String("basic"));
    } else if (d.id == QLatin1String("http-sink")) {
        readHttpHeaders(id, c);
    }
    return id;
}

/// The HTTP sink's headers, its Authorization: Bearer one back into the auth token.
void KafkaConnectImporter::readHttpHeaders(NodeId id, const Connector &c)
{
    QStringList headers;
    const QString separator = c.config.value(QStringLiteral("header.separator"), QStringLiteral("|"));
    for (const QString &header :
        c.config.value(QStringLiteral("headers")).split(separator, Qt::SkipEmptyParts)) {
        static const QRegularExpression bearer(QStringLiteral(R"(^\s*Authorization\s*:\s*Bearer\s+(.*)$)"),
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

QStringList KafkaConnectImporter::naturalTopics(const Connector &c, const pipeline::NodeDescriptor &d) const
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

NodeId KafkaConnectImporter::kafkaSinkFor(const QString &topic, const QString &name)
{
    const NodeId id = graph_->node(QStringLiteral("topic-sink:") + topic, QStringLiteral("kafka-sink"), name);
    graph_->set(id, QStringLiteral("topic"), topic);
    return id;
}

void KafkaConnectImporter::setRoutes(NodeId route)
{
    QStringList entries;
    for (const auto &rule : routes_[route]) {
        entries << rule.first + QStringLiteral(": ") + rule.second;
    }
    graph_->set(route, QStringLiteral("mode"), QStringLiteral("topic-pattern"));
    graph_->set(route, QStringLiteral("routes"), entries);
}

QList<KafkaConnectImporter::Step> KafkaConnectImporter::processorSteps(
    const QList<Smt> &smts, bool sourceSide, QList<Smt> *rest)
{
    QList<Step> steps;
    // A Map step is several SMTs of one alias, a route several filters: one step each.
    const auto appendOnce = [&steps](const Step &step) {
        if (steps.isEmpty() || steps.last().node != step.node) {
            steps << step;
        }
    };
    for (const Smt &smt : smts) {
        if (smt.type == kExtractNewRecordState) {
            steps << Step {flattenStep(smt)};
        } else if (smt.type == kReplaceFieldSmt || smt.type == kInsertFieldSmt) {
            appendOnce(Step {mapStep(smt)});
        } else if (smt.type == kDebeziumFilter) {
            steps << Step {filterStep(smt)};
        } else if (!sourceSide && smt.type == kFilterSmt && !smt.suffix.isEmpty()) {
            if (const std::optional<Step> step = routeFilterStep(smt, smts)) {
                appendOnce(*step);
            }
        } else {
            rest->append(smt);
        }
    }
    return steps;
}

NodeId KafkaConnectImporter::flattenStep(const Smt &smt)
{
    const NodeId id
        = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("flatten-cdc"), smt.base);
    QString handling;
    bool dropTombstones = true;
    const QString mode
        = smt.params.value(QStringLiteral("delete.tombstone.handling.mode"), QStringLiteral("tombstone"));
    if (fromDeleteTombstoneMode(mode, &handling, &dropTombstones)) {
        graph_->set(id, QStringLiteral("deleteHandling"), handling);
        graph_->set(id, QStringLiteral("dropTombstones"), dropTombstones);
    } else {
        *warnings_
            << tr("%1: delete.tombstone.handling.mode %2 has no designer equivalent.").arg(smt.alias, mode);
    }
    graph_->set(id, QStringLiteral("addFields"), splitList(smt.params.value(QStringLiteral("add.fields"))));
    return id;
}

/// ReplaceField and the InsertFields of one alias are one Map step.
NodeId KafkaConnectImporter::mapStep(const Smt &smt)
{
    const bool fresh = graph_->find(QStringLiteral("smt:") + smt.base) == pipeline::InvalidNodeId;
    const NodeId id = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("map"), smt.base);
    if (fresh) {
        graph_->set(id, QStringLiteral("drop"), QStringList());
        graph_->set(id, QStringLiteral("rename"), QStringList());
        graph_->set(id, QStringLiteral("insert"), QStringList());
    }
    if (smt.type == kReplaceFieldSmt) {
        QStringList drop = splitList(smt.params.value(QStringLiteral("exclude")));
        if (drop.isEmpty()) {
            drop = splitList(smt.params.value(QStringLiteral("blacklist")));
        }
        graph_->set(id, QStringLiteral("drop"), drop);
        graph_->set(id, QStringLiteral("rename"), splitList(smt.params.value(QStringLiteral("renames"))));
    } else {
        QStringList insert = graph_->get(id, QStringLiteral("insert")).toStringList();
        const QString entry = smt.params.value(QStringLiteral("static.field")) + QLatin1Char('=')
            + smt.params.value(QStringLiteral("static.value"));
        if (!insert.contains(entry)) {
            insert << entry;
        }
        graph_->set(id, QStringLiteral("insert"), insert);
    }
    return id;
}

NodeId KafkaConnectImporter::filterStep(const Smt &smt)
{
    const NodeId id = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("filter"), smt.base);
    graph_->set(id, QStringLiteral("language"), smt.params.value(QStringLiteral("language")));
    graph_->set(id, QStringLiteral("condition"), smt.params.value(QStringLiteral("condition")));
    return id;
}

/// A sink-side route: filters ALIAS__keep_PORT (with ALIAS__skip_PORT for the rules before it)
/// and ALIAS__unmatched. Nothing for a skip filter: it is folded into its keep filter.
std::optional<KafkaConnectImporter::Step> KafkaConnectImporter::routeFilterStep(
    const Smt &smt, const QList<Smt> &smts)
{
    const NodeId id = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
    if (smt.suffix == QLatin1String("unmatched")) {
        return Step {id, QStringLiteral("unmatched")};
    }
    if (!smt.suffix.startsWith(QLatin1String("keep_"))) {
        return std::nullopt;
    }
    const QString port = smt.suffix.mid(5);
    const QString skip = smt.base + QStringLiteral("__skip_") + port;
    int index = 0;
    for (const Smt &other : smts) {
        if (other.alias == skip) {
            index = alternatives(other.predicatePattern);
        }
    }
    routes_[id].insert(index, {port, smt.predicatePattern});
    setRoutes(id);
    return Step {id, port};
}

void KafkaConnectImporter::importSource(const Connector &c, const pipeline::NodeDescriptor &d)
{
    const NodeId source = connectorNode(c, d);
    QList<Smt> rest;
    const QList<Step> steps = processorSteps(transformsOf(c), true, &rest);
    const SourceRouting routing = sourceRouting(c, rest);
    NodeId previous = source;
    QString previousPort = QStringLiteral("out");
    for (const Step &step : steps) {
        graph_->edge(previous, previousPort, step.node, QStringLiteral("in"));
        previous = step.node;
        previousPort = step.port;
    }
    if (routing.route != pipeline::InvalidNodeId || !routing.plainTopic.isEmpty()) {
        connectSourceOutputs(c, routing, previous, previousPort);
        return;
    }
    implicitTopics_.insert(c.name, naturalTopics(c, d));
    implicitNodes_.insert(c.name, source);
    if (!steps.isEmpty()) {
        *warnings_ << tr("%1: transforms of a source connector that writes its own topics are imported after "
                         "the source.")
                          .arg(c.name);
    }
}

/// RegexRouters (with route predicates, or one plain router to a topic) and the key SMTs.
KafkaConnectImporter::SourceRouting KafkaConnectImporter::sourceRouting(
    const Connector &c, const QList<Smt> &rest)
{
    SourceRouting routing;
    int routeIndex = 0;
    for (const Smt &smt : rest) {
        const bool routeFilter = smt.type == kFilterSmt && smt.suffix == QLatin1String("unmatched");
        const bool routeRouter = smt.type == kRegexRouterSmt
            && (smt.suffix.startsWith(QLatin1String("to_")) || smt.suffix == QLatin1String("unmatched"));
        if (routeFilter || routeRouter) {
            routing.route
                = graph_->node(QStringLiteral("smt:") + smt.base, QStringLiteral("route"), smt.base);
        }
        const QString replacement = smt.params.value(QStringLiteral("replacement"));
        if (routeRouter && smt.suffix == QLatin1String("unmatched")) {
            routing.portTopics.insert(QStringLiteral("unmatched"), replacement);
        } else if (routeRouter) {
            const QString port = smt.suffix.mid(3);
            routing.portTopics.insert(port, replacement);
            routes_[routing.route].insert(routeIndex++, {port, smt.predicatePattern});
        } else if (smt.type == kRegexRouterSmt) {
            routing.plainTopic = replacement;
            routing.plainAlias = smt.alias;
        } else if (smt.type == kValueToKeySmt) {
            routing.keyFields.insert(
                unescapeRegex(smt.predicatePattern), smt.params.value(QStringLiteral("fields")));
        } else if (!routeFilter && smt.type != kExtractKeySmt) {
            warnLeftOut(c, smt);
        }
    }
    return routing;
}

void KafkaConnectImporter::connectSourceOutputs(
    const Connector &c, const SourceRouting &routing, NodeId last, const QString &lastPort)
{
    const QString compression = c.config.value(QStringLiteral("producer.override.compression.type"));
    const auto sinkFor = [&](const QString &topic, const QString &name) {
        const NodeId sink = kafkaSinkFor(topic, name);
        if (routing.keyFields.contains(topic)) {
            graph_->set(sink, QStringLiteral("keyField"), routing.keyFields.value(topic));
        }
        if (!compression.isEmpty()) {
            graph_->set(sink, QStringLiteral("compression"), compression);
        }
        return sink;
    };
    if (routing.route == pipeline::InvalidNodeId) {
        graph_->edge(last, lastPort, sinkFor(routing.plainTopic, routing.plainAlias), QStringLiteral("in"));
        return;
    }
    setRoutes(routing.route);
    graph_->edge(last, lastPort, routing.route, QStringLiteral("in"));
    for (auto it = routing.portTopics.cbegin(); it != routing.portTopics.cend(); ++it) {
        graph_->edge(routing.route, it.key(), sinkFor(it.value(), it.value()), QStringLiteral("in"));
    }
}

void KafkaConnectImporter::importSink(const Connector &c, const pipeline::NodeDescriptor &d)
{
    const NodeId sink = connectorNode(c, d);
    QList<Smt> rest;
    const QList<Step> steps = processorSteps(transformsOf(c), false, &rest);
    for (const Smt &smt : rest) {
        warnLeftOut(c, smt);
    }
    const QList<NodeId> origins = sinkOrigins(c, sinkTopics(c));
    const NodeId first = steps.isEmpty() ? sink : steps.first().node;
    for (const NodeId origin : origins) {
        graph_->edge(origin, QStringLiteral("out"), first, QStringLiteral("in"));
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const NodeId next = i + 1 < steps.size() ? steps.at(i + 1).node : sink;
        graph_->edge(steps.at(i).node, steps.at(i).port, next, QStringLiteral("in"));
    }
}

QStringList KafkaConnectImporter::sinkTopics(const Connector &c)
{
    QStringList topics = splitList(c.config.value(QStringLiteral("topics")));
    if (c.config.contains(QStringLiteral("topics.regex"))) {
        *warnings_ << tr("%1: topics.regex is imported as one Kafka topic source with that pattern as topic.")
                          .arg(c.name);
        topics << c.config.value(QStringLiteral("topics.regex"));
    }
    return topics;
}

/// What feeds a sink: a source connector whose natural topics it reads, directly (the topic is
/// implicit, as on export), and a Kafka topic source per other topic.
QList<NodeId> KafkaConnectImporter::sinkOrigins(const Connector &c, QStringList topics)
{
    QList<NodeId> origins;
    for (auto it = implicitTopics_.cbegin(); it != implicitTopics_.cend(); ++it) {
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
        const NodeId source
            = graph_->node(QStringLiteral("topic-source:") + topic, QStringLiteral("kafka-source"), topic);
        graph_->set(source, QStringLiteral("topic"), topic);
        if (!reset.isEmpty()) {
            graph_->set(source, QStringLiteral("startFrom"), reset);
        }
        origins << source;
    }
    return origins;
}

void KafkaConnectImporter::warnLeftOut(const Connector &c, const Smt &smt)
{
    *warnings_
        << tr("%1: transform %2 (%3) has no designer step; left out.").arg(c.name, smt.alias, smt.type);
}

} // namespace edis::exporting::detail
