#include "redpandaconnectexporter.h"

#include "kafkaconnectexporter.h"
#include "yamlwriter.h"

#include <yaml-cpp/yaml.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <numeric>
#include <utility>

namespace edis::exporting::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

std::string str(const QString &text)
{
    return text.toStdString();
}

/// A string YAML must not read as a number or boolean.
YAML::Node quoted(const QString &text)
{
    YAML::Node node(str(text));
    node.SetTag("!");
    return node;
}

/// A Bloblang string literal.
QString bloblangString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return out + QLatin1Char('"');
}

/// A Bloblang path segment: bare when it is an identifier, quoted otherwise.
QString bloblangField(const QString &field)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return bare.match(field).hasMatch() ? field : bloblangString(field);
}

QString header(const QString &type, const QVariantMap &properties)
{
    return QStringLiteral("# edis:%1 %2\n")
        .arg(type, QString::fromUtf8(QJsonDocument::fromVariant(properties).toJson(QJsonDocument::Compact)));
}

} // namespace

QString filterMapping(const QString &condition)
{
    return header(QStringLiteral("filter"),
               {{QStringLiteral("condition"), condition},
                   {QStringLiteral("language"), QStringLiteral("bloblang")}})
        + QStringLiteral("root = if !(%1) { deleted() }").arg(condition);
}

QString flattenMapping(const QString &deleteHandling, bool dropTombstones, const QStringList &addFields)
{
    // Debezium's ExtractNewRecordState, in Bloblang: the row after the change, the row before
    // a delete (rewrite), and envelope fields copied as __name.
    QStringList extras;
    for (const QString &field : addFields) {
        static const QSet<QString> envelope {
            QStringLiteral("op"), QStringLiteral("ts_ms"), QStringLiteral("ts_us"), QStringLiteral("ts_ns")};
        if (envelope.contains(field)) {
            extras << QStringLiteral("\"__%1\": this.%1").arg(field);
        } else if (field.startsWith(QLatin1String("source."))) {
            const QString inner = field.mid(7);
            extras << QStringLiteral("\"__source_%1\": this.source.%2").arg(inner, bloblangField(inner));
        } else {
            extras << QStringLiteral("\"__%1\": this.source.%2").arg(field, bloblangField(field));
        }
    }
    const bool rewrite = deleteHandling == QLatin1String("rewrite");
    QStringList afterExtras = extras;
    QStringList beforeExtras = extras;
    if (rewrite) {
        afterExtras << QStringLiteral("\"__deleted\": \"false\"");
        beforeExtras << QStringLiteral("\"__deleted\": \"true\"");
    }
    const auto with = [](const QString &base, const QStringList &fields) {
        return fields.isEmpty()
            ? base
            : QStringLiteral("%1.assign({%2})").arg(base, fields.join(QStringLiteral(", ")));
    };
    QString onDelete;
    if (deleteHandling == QLatin1String("drop")) {
        onDelete = QStringLiteral("deleted()");
    } else if (rewrite) {
        onDelete = with(QStringLiteral("this.before"), beforeExtras);
    } else {
        onDelete = QStringLiteral("null");
    }
    QVariantMap props {{QStringLiteral("deleteHandling"), deleteHandling},
        {QStringLiteral("dropTombstones"), dropTombstones}, {QStringLiteral("addFields"), addFields}};
    return header(QStringLiteral("flatten-cdc"), props) + QStringLiteral("root = match {\n")
        + QStringLiteral("  content().length() == 0 => %1,\n")
              .arg(dropTombstones ? QStringLiteral("deleted()") : QStringLiteral("content()"))
        + QStringLiteral("  this.op == \"d\" => %1,\n").arg(onDelete)
        + QStringLiteral("  _ => %1,\n").arg(with(QStringLiteral("this.after"), afterExtras))
        + QStringLiteral("}");
}

QString mapMapping(const QStringList &drop, const QStringList &rename, const QStringList &insert)
{
    QVariantMap props {{QStringLiteral("drop"), drop}, {QStringLiteral("rename"), rename},
        {QStringLiteral("insert"), insert}};
    QString out = header(QStringLiteral("map"), props);
    // Same order as Kafka Connect's ReplaceField + InsertField: drop by original names, rename,
    // then insert constants.
    if (drop.isEmpty()) {
        out += QStringLiteral("root = this\n");
    } else {
        QStringList names;
        for (const QString &f : drop) {
            names << bloblangString(f);
        }
        out += QStringLiteral("root = this.without(%1)\n").arg(names.join(QStringLiteral(", ")));
    }
    for (const QString &entry : rename) {
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        const QString from = entry.left(colon).trimmed();
        const QString to = entry.mid(colon + 1).trimmed();
        out += QStringLiteral("root.%1 = deleted()\n").arg(bloblangField(from));
        out += QStringLiteral("root.%1 = this.%2\n").arg(bloblangField(to), bloblangField(from));
    }
    for (const QString &entry : insert) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        out += QStringLiteral("root.%1 = %2\n")
                   .arg(bloblangField(entry.left(eq).trimmed()), bloblangString(entry.mid(eq + 1).trimmed()));
    }
    out.chop(1);
    return out;
}

QString routeMapping(const QString &mode, const QList<QPair<QString, QString>> &rules, const QString &port)
{
    QStringList routes;
    for (const auto &rule : rules) {
        routes << rule.first + QStringLiteral(": ") + rule.second;
    }
    QVariantMap props {
        {QStringLiteral("mode"), mode}, {QStringLiteral("routes"), routes}, {QStringLiteral("port"), port}};
    const auto condition = [&](const QString &rule) {
        if (mode == QLatin1String("topic-pattern")) {
            return QStringLiteral("@kafka_topic.or(\"\").re_match(%1)")
                .arg(bloblangString(QStringLiteral("^(?:%1)$").arg(rule)));
        }
        return QStringLiteral("(%1)").arg(rule);
    };
    QStringList earlier;
    QString own;
    for (const auto &rule : rules) {
        if (rule.first == port) {
            own = condition(rule.second);
            break;
        }
        earlier << condition(rule.second);
    }
    QString keep;
    if (port == QLatin1String("unmatched")) {
        QStringList all;
        for (const auto &rule : rules) {
            all << condition(rule.second);
        }
        keep = QStringLiteral("!(%1)").arg(all.join(QStringLiteral(" || ")));
    } else {
        keep = earlier.isEmpty()
            ? own
            : QStringLiteral("%1 && !(%2)").arg(own, earlier.join(QStringLiteral(" || ")));
    }
    return header(QStringLiteral("route"), props) + QStringLiteral("root = if !(%1) { deleted() }").arg(keep);
}

RedpandaConnectExporter::RedpandaConnectExporter(const pipeline::PipelineModel &model, ExportOptions options,
    ExportReport *report, SecretResolver *secrets)
    : model_(model)
    , options_(std::move(options))
    , report_(report)
    , secrets_(secrets)
    , slugs_(nodeSlugs(model))
{
}

QString RedpandaConnectExporter::name(NodeId node) const
{
    const pipeline::Node *n = model_.node(node);
    return n ? n->name : QString::number(node);
}

bool RedpandaConnectExporter::expressible(NodeId node) const
{
    const pipeline::NodeDescriptor *d = model_.descriptor(node);
    return d && d->canExportTo(QStringLiteral("redpanda-connect"));
}

QString RedpandaConnectExporter::secret(NodeId node, const QString &property)
{
    return secrets_->redpandaPlaceholder(
        model_, node, property, propertyString(model_, node, property), slugs_.value(node));
}

YAML::Node RedpandaConnectExporter::seedBrokers(ExportResult *result) const
{
    YAML::Node seeds(YAML::NodeType::Sequence);
    if (options_.bootstrapServers.isEmpty()) {
        seeds.push_back("${KAFKA_BOOTSTRAP_SERVERS}");
        if (!result->variables.contains(QStringLiteral("KAFKA_BOOTSTRAP_SERVERS"))) {
            result->variables << QStringLiteral("KAFKA_BOOTSTRAP_SERVERS");
        }
    } else {
        for (const QString &server : options_.bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            seeds.push_back(str(server.trimmed()));
        }
    }
    return seeds;
}

void RedpandaConnectExporter::reportUnexpressed(NodeId node, const QStringList &handled)
{
    const pipeline::NodeDescriptor *d = model_.descriptor(node);
    for (const pipeline::PropertyDescriptor &p : d->properties) {
        if (handled.contains(p.key) || !differsFromDefault(model_, node, p.key)) {
            continue;
        }
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("unexpressed-property"),
            tr("Redpanda Connect has no setting for '%1' of '%2'; it is left out.").arg(p.label, name(node)),
            node, p.key);
    }
}

namespace {

/// SASL PLAIN over TLS as Azure Event Hubs' Kafka endpoint wants it.
void eventHubsConnection(YAML::Node &component, const QString &ns, const QString &password)
{
    YAML::Node seeds(YAML::NodeType::Sequence);
    seeds.push_back(str(ns + QStringLiteral(".servicebus.windows.net:9093")));
    component["seed_brokers"] = seeds;
    component["tls"]["enabled"] = true;
    YAML::Node sasl;
    sasl["mechanism"] = "PLAIN";
    sasl["username"] = "$ConnectionString";
    sasl["password"] = str(password);
    component["sasl"].push_back(sasl);
}

/// amqp://host/vhost + user + password placeholder → amqp://user:${VAR}@host/vhost.
QString withCredentials(const QString &url, const QString &user, const QString &password)
{
    QUrl parsed(url);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        return url;
    }
    const QString scheme = parsed.scheme().isEmpty() ? QStringLiteral("amqp") : parsed.scheme();
    const QString rest = url.mid(url.indexOf(QLatin1String("://")) + 3);
    QString auth = user;
    if (!password.isEmpty()) {
        auth += QLatin1Char(':') + password;
    }
    return auth.isEmpty() ? url : QStringLiteral("%1://%2@%3").arg(scheme, auth, rest);
}

} // namespace

YAML::Node RedpandaConnectExporter::input(NodeId source, ExportResult *result)
{
    const pipeline::Node *n = model_.node(source);
    const QString type = n->type;
    YAML::Node in;
    in["label"] = str(slugs_.value(source));
    if (cdcSources_.contains(source)) {
        // Change events written by the Debezium connector exported beside this stream.
        KafkaConnectExporter kc(model_, options_, report_, secrets_);
        YAML::Node c;
        c["seed_brokers"] = seedBrokers(result);
        YAML::Node topics(YAML::NodeType::Sequence);
        const NaturalTopics natural = kc.naturalTopics(source);
        for (const QString &t : natural.names) {
            topics.push_back(str(t));
        }
        if (!natural.regex.isEmpty()) {
            c["regexp_topics_include"].push_back(str(natural.regex));
        } else {
            c["topics"] = topics;
        }
        c["consumer_group"] = str(QStringLiteral("edis-") + slugs_.value(source));
        c["start_offset"] = "earliest";
        in["redpanda"] = c;
        return in;
    }
    if (type == QLatin1String("kafka-source") || type == QLatin1String("eventhub-source")) {
        YAML::Node c;
        const bool eventHub = type == QLatin1String("eventhub-source");
        if (eventHub) {
            eventHubsConnection(c, propertyString(model_, source, QStringLiteral("namespace")),
                secret(source, QStringLiteral("connectionString")));
        } else {
            c["seed_brokers"] = seedBrokers(result);
        }
        c["topics"].push_back(str(
            propertyString(model_, source, eventHub ? QStringLiteral("eventHub") : QStringLiteral("topic"))));
        QString group = propertyString(model_, source, QStringLiteral("consumerGroup"));
        if (group.isEmpty()) {
            group = QStringLiteral("edis-") + slugs_.value(source);
        }
        c["consumer_group"] = quoted(group);
        if (!eventHub) {
            c["start_offset"] = str(propertyString(model_, source, QStringLiteral("startFrom")));
        }
        in["redpanda"] = c;
        reportUnexpressed(source,
            {QStringLiteral("topic"), QStringLiteral("eventHub"), QStringLiteral("namespace"),
                QStringLiteral("connectionString"), QStringLiteral("consumerGroup"),
                QStringLiteral("startFrom"), QStringLiteral("format")});
    } else if (type == QLatin1String("rabbitmq-source")) {
        YAML::Node c;
        c["urls"].push_back(str(withCredentials(propertyString(model_, source, QStringLiteral("url")),
            propertyString(model_, source, QStringLiteral("username")),
            secret(source, QStringLiteral("password")))));
        c["queue"] = quoted(propertyString(model_, source, QStringLiteral("queue")));
        c["prefetch_count"] = propertyValue(model_, source, QStringLiteral("prefetch")).toLongLong();
        in["amqp_0_9"] = c;
        reportUnexpressed(source,
            {QStringLiteral("url"), QStringLiteral("queue"), QStringLiteral("username"),
                QStringLiteral("password"), QStringLiteral("prefetch"), QStringLiteral("format")});
    } else if (type == QLatin1String("http-webhook")) {
        YAML::Node c;
        c["address"] = str(propertyString(model_, source, QStringLiteral("address")));
        c["path"] = str(propertyString(model_, source, QStringLiteral("path")));
        in["http_server"] = c;
        if (!propertyString(model_, source, QStringLiteral("authToken")).isEmpty()) {
            // http_server has no authentication: a token check in a processor would still
            // answer 200, so say it instead of pretending.
            report_->add(ExportProblem::Severity::Warning, QStringLiteral("unexpressed-property"),
                tr("Redpanda Connect's http_server does not check bearer tokens; protect '%1' with a reverse "
                   "proxy. The token is not exported.")
                    .arg(name(source)),
                source, QStringLiteral("authToken"));
        }
        reportUnexpressed(
            source, {QStringLiteral("address"), QStringLiteral("path"), QStringLiteral("authToken")});
    } else if (type == QLatin1String("file-source")) {
        YAML::Node c;
        c["paths"].push_back(str(propertyString(model_, source, QStringLiteral("path"))));
        c["scanner"]["lines"] = YAML::Node(YAML::NodeType::Map);
        in["file"] = c;
        // Topic (Kafka Connect) only matters there: named when set.
        reportUnexpressed(source, {QStringLiteral("path"), QStringLiteral("format")});
    }
    return in;
}

YAML::Node RedpandaConnectExporter::processor(const Item &item)
{
    const pipeline::Node *n = model_.node(item.node);
    YAML::Node p;
    p["label"] = str(item.port.isEmpty() ? slugs_.value(item.node)
                                         : slugs_.value(item.node) + QStringLiteral("__") + item.port);
    QString mapping;
    if (n->type == QLatin1String("filter")) {
        mapping = filterMapping(propertyString(model_, item.node, QStringLiteral("condition")));
    } else if (n->type == QLatin1String("flatten-cdc")) {
        mapping = flattenMapping(propertyString(model_, item.node, QStringLiteral("deleteHandling")),
            propertyValue(model_, item.node, QStringLiteral("dropTombstones")).toBool(),
            propertyList(model_, item.node, QStringLiteral("addFields")));
    } else if (n->type == QLatin1String("map")) {
        mapping = mapMapping(propertyList(model_, item.node, QStringLiteral("drop")),
            propertyList(model_, item.node, QStringLiteral("rename")),
            propertyList(model_, item.node, QStringLiteral("insert")));
    } else if (n->type == QLatin1String("route")) {
        mapping = routeMapping(propertyString(model_, item.node, QStringLiteral("mode")),
            routeRules(model_, item.node), item.port);
    } else {
        // Fan-out and merge are the shape of the switch; the labelled pass-through keeps them
        // visible in the config (and on import).
        mapping = header(n->type, {}) + QStringLiteral("root = this");
    }
    p["mapping"] = str(mapping);
    return p;
}

YAML::Node RedpandaConnectExporter::output(NodeId sink, ExportResult *result)
{
    const pipeline::Node *n = model_.node(sink);
    const QString type = n->type;
    YAML::Node out;
    out["label"] = str(slugs_.value(sink));
    if (type == QLatin1String("kafka-sink") || type == QLatin1String("eventhub-sink")) {
        YAML::Node c;
        const bool eventHub = type == QLatin1String("eventhub-sink");
        if (eventHub) {
            eventHubsConnection(c, propertyString(model_, sink, QStringLiteral("namespace")),
                secret(sink, QStringLiteral("connectionString")));
            c["topic"] = quoted(propertyString(model_, sink, QStringLiteral("eventHub")));
        } else {
            c["seed_brokers"] = seedBrokers(result);
            c["topic"] = quoted(propertyString(model_, sink, QStringLiteral("topic")));
            const QString keyField = propertyString(model_, sink, QStringLiteral("keyField"));
            if (!keyField.isEmpty()) {
                c["key"] = str(QStringLiteral("${! this.%1 }").arg(bloblangField(keyField)));
            }
            const QString compression = propertyString(model_, sink, QStringLiteral("compression"));
            if (!compression.isEmpty()) {
                c["compression"] = str(compression);
            }
        }
        out["redpanda"] = c;
        reportUnexpressed(sink,
            {QStringLiteral("topic"), QStringLiteral("eventHub"), QStringLiteral("namespace"),
                QStringLiteral("connectionString"), QStringLiteral("keyField"), QStringLiteral("compression"),
                QStringLiteral("partitions")});
    } else if (type == QLatin1String("file-sink")) {
        YAML::Node c;
        c["path"] = str(propertyString(model_, sink, QStringLiteral("path")));
        c["codec"] = "lines";
        out["file"] = c;
    } else if (type == QLatin1String("http-sink")) {
        YAML::Node c;
        c["url"] = str(propertyString(model_, sink, QStringLiteral("url")));
        c["verb"] = str(propertyString(model_, sink, QStringLiteral("method")));
        YAML::Node headers(YAML::NodeType::Map);
        for (const QString &entry : propertyList(model_, sink, QStringLiteral("headers"))) {
            const qsizetype colon = entry.indexOf(QLatin1Char(':'));
            headers[str(entry.left(colon).trimmed())] = quoted(entry.mid(colon + 1).trimmed());
        }
        if (!propertyString(model_, sink, QStringLiteral("authToken")).isEmpty()) {
            headers["Authorization"]
                = str(QStringLiteral("Bearer ") + secret(sink, QStringLiteral("authToken")));
        }
        if (headers.size() > 0) {
            c["headers"] = headers;
        }
        const qint64 batch = propertyValue(model_, sink, QStringLiteral("batchSize")).toLongLong();
        if (batch > 1) {
            c["batching"]["count"] = batch;
        }
        out["http_client"] = c;
        reportUnexpressed(sink,
            {QStringLiteral("url"), QStringLiteral("method"), QStringLiteral("headers"),
                QStringLiteral("authToken"), QStringLiteral("batchSize")});
    } else if (type == QLatin1String("jdbc-sink")) {
        const QString url = propertyString(model_, sink, QStringLiteral("connectionUrl"));
        static const QRegularExpression postgres(QStringLiteral(R"(^jdbc:postgresql://([^/?]+)/([^?]+))"));
        const auto match = postgres.match(url);
        const QString insertMode = propertyString(model_, sink, QStringLiteral("insertMode"));
        if (!match.hasMatch() || insertMode != QLatin1String("insert")) {
            report_->add(ExportProblem::Severity::Error, QStringLiteral("cannot-express"),
                match.hasMatch()
                    ? tr("'%1' uses insert mode %2; the Redpanda Connect export writes plain INSERTs only.")
                          .arg(name(sink), insertMode)
                    : tr("'%1' is not a PostgreSQL JDBC URL; the Redpanda Connect export maps records to "
                         "columns "
                         "with PostgreSQL's json_populate_record only.")
                          .arg(name(sink)),
                sink, match.hasMatch() ? QStringLiteral("insertMode") : QStringLiteral("connectionUrl"));
            return {};
        }
        const QString user = propertyString(model_, sink, QStringLiteral("user"));
        const QString password = secret(sink, QStringLiteral("password"));
        QString auth = user;
        if (!user.isEmpty()) {
            auth += QLatin1Char(':') + password + QLatin1Char('@');
        }
        const QString table = propertyString(model_, sink, QStringLiteral("table"));
        YAML::Node c;
        c["driver"] = "postgres";
        c["dsn"] = str(QStringLiteral("postgres://%1%2/%3").arg(auth, match.captured(1), match.captured(2)));
        c["query"] = str(
            QStringLiteral("INSERT INTO %1 SELECT * FROM json_populate_record(NULL::%1, $1)").arg(table));
        c["args_mapping"] = "root = [ content().string() ]";
        out["sql_raw"] = c;
        if (propertyValue(model_, sink, QStringLiteral("autoCreate")).toBool()) {
            report_->add(ExportProblem::Severity::Warning, QStringLiteral("unexpressed-property"),
                tr("Redpanda Connect does not create tables: create '%1' for '%2' before deploying.")
                    .arg(table, name(sink)),
                sink, QStringLiteral("autoCreate"));
        }
        reportUnexpressed(sink,
            {QStringLiteral("connectionUrl"), QStringLiteral("user"), QStringLiteral("password"),
                QStringLiteral("table"), QStringLiteral("insertMode"), QStringLiteral("autoCreate")});
    } else if (type == QLatin1String("rabbitmq-sink")) {
        YAML::Node c;
        c["urls"].push_back(str(withCredentials(propertyString(model_, sink, QStringLiteral("url")),
            propertyString(model_, sink, QStringLiteral("username")),
            secret(sink, QStringLiteral("password")))));
        c["exchange"] = quoted(propertyString(model_, sink, QStringLiteral("exchange")));
        const QString key = propertyString(model_, sink, QStringLiteral("routingKey"));
        if (!key.isEmpty()) {
            c["key"] = quoted(key);
        }
        out["amqp_0_9"] = c;
    }
    return out;
}

void RedpandaConnectExporter::run(ExportResult *result)
{
    QList<Path> paths;
    if (!enumeratePaths(model_, &paths)) {
        report_->add(ExportProblem::Severity::Error, QStringLiteral("too-large"),
            tr("The pipeline has too many source-to-sink paths to export."));
        return;
    }
    splitOffConnectSources(result);
    int index = 0;
    const QMap<NodeId, QList<Path>> parts = connectedParts(paths);
    for (auto it = parts.cbegin(); it != parts.cend(); ++it) {
        result->streams << stream(it.value(), ++index, result);
    }
}

/// Reports what Redpanda Connect cannot run; Debezium sources become Kafka Connect source
/// connectors whose topics the stream reads.
void RedpandaConnectExporter::splitOffConnectSources(ExportResult *result)
{
    KafkaConnectExporter kc(model_, options_, report_, secrets_);
    for (const NodeId id : model_.nodeIds()) {
        if (expressible(id)) {
            continue;
        }
        const pipeline::NodeDescriptor *d = model_.descriptor(id);
        if (d->category == pipeline::NodeCategory::Source
            && kc.kindOf(id) == QLatin1String(KindSourceConnector)) {
            // Debezium runs in Kafka Connect; the stream picks its topics up.
            cdcSources_.insert(id);
            result->connectors << kc.bareSourceConnector(id, false);
            report_->add(ExportProblem::Severity::Warning, QStringLiteral("split"),
                tr("'%1' runs in Kafka Connect (%2); Redpanda Connect reads its topics.")
                    .arg(name(id), d->exportHint(QStringLiteral("kafka-connect"))->component),
                id);
            continue;
        }
        report_->add(ExportProblem::Severity::Error, QStringLiteral("cannot-express"),
            tr("Redpanda Connect cannot express '%1' (%2).").arg(name(id), model_.node(id)->type), id);
    }
    for (const NodeId id : model_.nodeIds()) {
        const pipeline::Node *n = model_.node(id);
        if (n->type == QLatin1String("filter")
            && propertyString(model_, id, QStringLiteral("language")) != QLatin1String("bloblang")) {
            report_->add(ExportProblem::Severity::Error, QStringLiteral("cannot-express"),
                tr("'%1' is written in %2; Redpanda Connect runs Bloblang conditions.")
                    .arg(n->name, propertyString(model_, id, QStringLiteral("language"))),
                id, QStringLiteral("language"));
        }
    }
}

/// The paths of each connected part of the graph (one stream each), keyed by the part's
/// smallest node id.
QMap<NodeId, QList<Path>> RedpandaConnectExporter::connectedParts(const QList<Path> &paths) const
{
    QHash<NodeId, NodeId> parent;
    const auto find = [&parent](NodeId x) {
        while (parent.value(x, x) != x) {
            x = parent.value(x);
        }
        return x;
    };
    for (const pipeline::EdgeId e : model_.edgeIds()) {
        const pipeline::Edge *edge = model_.edge(e);
        const NodeId a = find(edge->from.node);
        const NodeId b = find(edge->to.node);
        if (a != b) {
            parent.insert(std::max(a, b), std::min(a, b));
        }
    }
    QMap<NodeId, QList<Path>> byPart;
    for (const Path &path : paths) {
        byPart[find(path.first().node)] << path;
    }
    return byPart;
}

RedpandaStream RedpandaConnectExporter::stream(const QList<Path> &paths, int index, ExportResult *result)
{
    QList<NodeId> sources;
    QList<QList<Item>> items;
    for (const Path &path : paths) {
        if (!sources.contains(path.first().node)) {
            sources << path.first().node;
        }
        QList<Item> pathItems;
        for (qsizetype i = 1; i + 1 < path.size(); ++i) {
            const QString type = model_.node(path.at(i).node)->type;
            pathItems << Item {
                path.at(i).node, type == QLatin1String("route") ? path.at(i).outPort : QString()};
        }
        items << pathItems;
    }
    const qsizetype shared = sources.size() == 1 ? sharedPrefix(items) : 0;
    YAML::Node root;
    root["input"] = streamInput(sources, result);
    YAML::Node processors(YAML::NodeType::Sequence);
    for (qsizetype i = 0; i < shared; ++i) {
        processors.push_back(processor(items.first().at(i)));
    }
    root["pipeline"]["processors"] = processors;
    RedpandaStream stream;
    stream.name = slugs_.value(sources.first());
    stream.nodes = sources;
    root["output"] = streamOutput(paths, items, shared, sources.size() > 1, &stream.nodes, result);
    stream.yaml = QStringLiteral(
                      "# Redpanda Connect stream %1 of pipeline \"%2\", exported by EDIS Studio.\n"
                      "# Secrets and brokers come from environment variables (see secrets.env.template).\n")
                      .arg(index)
                      .arg(model_.name())
                      .toUtf8()
        + toYamlText(root);
    return stream;
}

/// How many processors every path shares from its start: they run once, in
/// pipeline.processors (with a single source only: with several they see different streams).
qsizetype RedpandaConnectExporter::sharedPrefix(const QList<QList<Item>> &items)
{
    qsizetype shared = items.first().size();
    for (const auto &pathItems : items) {
        qsizetype common = 0;
        while (
            common < std::min(shared, pathItems.size()) && pathItems.at(common) == items.first().at(common)) {
            ++common;
        }
        shared = common;
    }
    return shared;
}

/// One input, or a broker of inputs that tag their messages with meta edis_source.
YAML::Node RedpandaConnectExporter::streamInput(const QList<NodeId> &sources, ExportResult *result)
{
    if (sources.size() == 1) {
        return input(sources.first(), result);
    }
    YAML::Node inputs(YAML::NodeType::Sequence);
    for (const NodeId source : sources) {
        YAML::Node in = input(source, result);
        YAML::Node tag;
        tag["mapping"]
            = str(QStringLiteral("meta edis_source = %1").arg(bloblangString(slugs_.value(source))));
        in["processors"].push_back(tag);
        inputs.push_back(in);
    }
    YAML::Node broker;
    broker["broker"]["inputs"] = inputs;
    return broker;
}

/// The output of a single path, or a switch with a case per path (checking the source when
/// there are several) that continues to the next case, so that every path gets the message.
YAML::Node RedpandaConnectExporter::streamOutput(const QList<Path> &paths, const QList<QList<Item>> &items,
    qsizetype shared, bool severalSources, QList<NodeId> *nodes, ExportResult *result)
{
    const auto outputFor = [&](qsizetype p) {
        YAML::Node out = output(paths.at(p).last().node, result);
        for (qsizetype i = shared; i < items.at(p).size(); ++i) {
            out["processors"].push_back(processor(items.at(p).at(i)));
        }
        for (const PathStep &step : paths.at(p)) {
            if (!nodes->contains(step.node)) {
                *nodes << step.node;
            }
        }
        return out;
    };
    if (paths.size() == 1) {
        return outputFor(0);
    }
    YAML::Node cases(YAML::NodeType::Sequence);
    for (qsizetype p = 0; p < paths.size(); ++p) {
        YAML::Node c;
        if (severalSources) {
            c["check"] = str(QStringLiteral("@edis_source == %1")
                                 .arg(bloblangString(slugs_.value(paths.at(p).first().node))));
        }
        c["output"] = outputFor(p);
        c["continue"] = true;
        cases.push_back(c);
    }
    YAML::Node out;
    out["switch"]["cases"] = cases;
    return out;
}

} // namespace edis::exporting::detail
