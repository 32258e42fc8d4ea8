#include "kafkaconnectexporter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <utility>

namespace edis::exporting::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::exporting", text);
}

void appendOnce(QList<NodeId> *nodes, NodeId node)
{
    if (!nodes->contains(node)) {
        *nodes << node;
    }
}

bool isConfluentConnector(const QString &cls)
{
    return cls.startsWith(QLatin1String("io.confluent."));
}

} // namespace

QString deleteTombstoneMode(const QString &deleteHandling, bool dropTombstones)
{
    if (deleteHandling == QLatin1String("drop")) {
        return dropTombstones ? QStringLiteral("drop") : QStringLiteral("tombstone");
    }
    if (deleteHandling == QLatin1String("rewrite")) {
        return dropTombstones ? QStringLiteral("rewrite") : QStringLiteral("rewrite-with-tombstone");
    }
    if (deleteHandling == QLatin1String("none") && dropTombstones) {
        return QStringLiteral("delete-to-tombstone");
    }
    return {};
}

bool fromDeleteTombstoneMode(const QString &mode, QString *deleteHandling, bool *dropTombstones)
{
    static const QHash<QString, QPair<QString, bool>> modes {
        {QStringLiteral("drop"), {QStringLiteral("drop"), true}},
        {QStringLiteral("tombstone"), {QStringLiteral("drop"), false}},
        {QStringLiteral("rewrite"), {QStringLiteral("rewrite"), true}},
        {QStringLiteral("rewrite-with-tombstone"), {QStringLiteral("rewrite"), false}},
        {QStringLiteral("delete-to-tombstone"), {QStringLiteral("none"), true}},
    };
    const auto it = modes.constFind(mode);
    if (it == modes.constEnd()) {
        return false;
    }
    *deleteHandling = it->first;
    *dropTombstones = it->second;
    return true;
}

QList<QPair<QString, QString>> routeRules(const pipeline::PipelineModel &model, NodeId route)
{
    QList<QPair<QString, QString>> out;
    for (const QString &entry : propertyList(model, route, QStringLiteral("routes"))) {
        out << splitRoute(entry);
    }
    return out;
}

QString anyOf(const QStringList &patterns)
{
    if (patterns.size() == 1) {
        return patterns.first();
    }
    QStringList wrapped;
    for (const QString &p : patterns) {
        wrapped << QStringLiteral("(?:%1)").arg(p);
    }
    return wrapped.join(QLatin1Char('|'));
}

KafkaConnectExporter::KafkaConnectExporter(const pipeline::PipelineModel &model, ExportOptions options,
    ExportReport *report, SecretResolver *secrets)
    : model_(model)
    , options_(std::move(options))
    , report_(report)
    , secrets_(secrets)
    , slugs_(nodeSlugs(model))
{
}

QString KafkaConnectExporter::kindOf(NodeId node) const
{
    const pipeline::NodeDescriptor *d = model_.descriptor(node);
    const pipeline::ExportHint *hint = d ? d->exportHint(QStringLiteral("kafka-connect")) : nullptr;
    return hint ? hint->kind : QString();
}

QString KafkaConnectExporter::name(NodeId node) const
{
    const pipeline::Node *n = model_.node(node);
    return n ? n->name : QString::number(node);
}

void KafkaConnectExporter::cannotExpress(NodeId node, const QString &message, const QString &property)
{
    // One explanation per node is enough; the first cause is the one to fix.
    if (reported_.contains(node)) {
        return;
    }
    reported_.insert(node);
    report_->add(ExportProblem::Severity::Error, QStringLiteral("cannot-express"), message, node, property);
}

QString KafkaConnectExporter::topicOf(NodeId topicNode) const
{
    const pipeline::Node *n = model_.node(topicNode);
    if (!n) {
        return {};
    }
    if (n->type == QLatin1String("eventhub-source") || n->type == QLatin1String("eventhub-sink")) {
        return propertyString(model_, topicNode, QStringLiteral("eventHub"));
    }
    return propertyString(model_, topicNode, QStringLiteral("topic"));
}

NaturalTopics KafkaConnectExporter::naturalTopics(NodeId source) const
{
    NaturalTopics out;
    const pipeline::Node *n = model_.node(source);
    if (!n) {
        return out;
    }
    const QString prefix = propertyString(model_, source, QStringLiteral("topicPrefix"));
    if (n->type == QLatin1String("postgres-cdc") || n->type == QLatin1String("mysql-cdc")) {
        const QStringList tables = propertyList(model_, source, QStringLiteral("tables"));
        for (const QString &table : tables) {
            out.names << prefix + QLatin1Char('.') + table;
        }
        if (tables.isEmpty()) {
            const QStringList databases = propertyList(model_, source, QStringLiteral("databases"));
            QStringList escaped;
            for (const QString &db : databases) {
                escaped << QRegularExpression::escape(db);
            }
            out.regex = QRegularExpression::escape(prefix) + QStringLiteral("\\.")
                + (escaped.isEmpty() ? QStringLiteral("[^.]+")
                                     : QStringLiteral("(?:%1)").arg(escaped.join('|')))
                + QStringLiteral("\\.[^.]+");
        }
    } else if (n->type == QLatin1String("file-source")) {
        out.names << propertyString(model_, source, QStringLiteral("topic"));
    } else {
        out.names << slug(model_.name().isEmpty() ? QStringLiteral("edis") : model_.name()) + QLatin1Char('.')
                + slugs_.value(source);
    }
    return out;
}

void KafkaConnectExporter::addConverters(ConnectorConfig *config, bool jsonSchemas)
{
    const QString schemas = jsonSchemas ? QStringLiteral("true") : QStringLiteral("false");
    config->set(QStringLiteral("key.converter"), kJsonConverter);
    config->set(QStringLiteral("key.converter.schemas.enable"), schemas);
    config->set(QStringLiteral("value.converter"), kJsonConverter);
    config->set(QStringLiteral("value.converter.schemas.enable"), schemas);
}

void KafkaConnectExporter::addNodeProperties(ConnectorConfig *config, NodeId node)
{
    const pipeline::NodeDescriptor *d = model_.descriptor(node);
    const QString target = QStringLiteral("kafka-connect");
    const QString nodeSlug = slugs_.value(node);
    for (const pipeline::PropertyDescriptor &p : d->properties) {
        const QString key = p.exportKeys.value(target);
        const QVariant value = propertyValue(model_, node, p.key);
        if (key.isEmpty()) {
            continue;
        }
        if (p.type == pipeline::PropertyType::Secret) {
            if (!configString(value).isEmpty() || p.required) {
                config->set(key, secrets_->placeholder(model_, node, p.key, configString(value), nodeSlug),
                    {node, p.key});
            }
            continue;
        }
        if (!value.isValid() || (configString(value).isEmpty() && !p.required)) {
            continue;
        }
        config->set(key, configString(value), {node, p.key});
    }
}

ConnectorConfig KafkaConnectExporter::baseConnector(NodeId node)
{
    const pipeline::Node *n = model_.node(node);
    const pipeline::NodeDescriptor *d = model_.descriptor(node);
    const pipeline::ExportHint *hint = d->exportHint(QStringLiteral("kafka-connect"));
    ConnectorConfig config;
    config.name = slugs_.value(node);
    config.isSource = hint->kind == QLatin1String(KindSourceConnector);
    config.nodes << node;
    config.set(QStringLiteral("connector.class"), hint->component, {node, {}});
    config.set(QStringLiteral("tasks.max"), QStringLiteral("1"));
    if (isConfluentConnector(hint->component)) {
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("needs-plugin"),
            tr("'%1' becomes %2, a Confluent-licensed connector that Apache Kafka does not ship; install it "
               "on "
               "the Connect workers.")
                .arg(n->name, hint->component),
            node);
    }
    addNodeProperties(&config, node);

    const QString type = n->type;
    if (type == QLatin1String("postgres-cdc")) {
        // The publication is created by the database owner (see the README); never all tables.
        config.set(QStringLiteral("publication.autocreate.mode"), QStringLiteral("filtered"));
    } else if (type == QLatin1String("mysql-cdc")) {
        config.set(QStringLiteral("schema.history.internal.kafka.bootstrap.servers"),
            options_.bootstrapServers.isEmpty() ? QStringLiteral("${env:KAFKA_BOOTSTRAP_SERVERS}")
                                                : options_.bootstrapServers);
    } else if (type == QLatin1String("rabbitmq-source")) {
        config.set(QStringLiteral("kafka.topic"), naturalTopics(node).names.value(0), {node, {}});
    } else if (type == QLatin1String("jdbc-sink")) {
        const bool autoCreate = propertyValue(model_, node, QStringLiteral("autoCreate")).toBool();
        config.set(QStringLiteral("schema.evolution"),
            autoCreate ? QStringLiteral("basic") : QStringLiteral("none"),
            {node, QStringLiteral("autoCreate")});
        if (!propertyList(model_, node, QStringLiteral("primaryKeyFields")).isEmpty()) {
            config.set(QStringLiteral("primary.key.mode"), QStringLiteral("record_value"),
                {node, QStringLiteral("primaryKeyFields")});
        }
    } else if (type == QLatin1String("http-sink")) {
        // Confluent's HTTP sink takes headers as Name:Value pairs separated by '|'; the bearer
        // token rides along as an Authorization header whose value is a placeholder.
        QStringList headers = propertyList(model_, node, QStringLiteral("headers"));
        const QString token = propertyString(model_, node, QStringLiteral("authToken"));
        if (!token.isEmpty()) {
            headers << QStringLiteral("Authorization: Bearer ")
                    + secrets_->placeholder(
                        model_, node, QStringLiteral("authToken"), token, slugs_.value(node));
        }
        if (!headers.isEmpty()) {
            config.set(
                QStringLiteral("headers"), headers.join(QLatin1Char('|')), {node, QStringLiteral("headers")});
            config.set(QStringLiteral("header.separator"), QStringLiteral("|"));
        }
    }
    if (config.isSource) {
        // Lets the worker create missing topics (the test broker and many clusters refuse
        // auto-creation); -1 takes the broker's defaults.
        config.set(QStringLiteral("topic.creation.default.replication.factor"), QStringLiteral("-1"));
        config.set(QStringLiteral("topic.creation.default.partitions"), QStringLiteral("-1"));
    }
    // Properties with no Kafka Connect setting are named, never silently dropped.
    for (const pipeline::PropertyDescriptor &p : d->properties) {
        if (p.exportKeys.contains(QStringLiteral("kafka-connect"))
            || !differsFromDefault(model_, node, p.key)) {
            continue;
        }
        if ((type == QLatin1String("http-sink") && p.key == QLatin1String("authToken"))
            || p.key == QLatin1String("format")) {
            continue;
        }
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("unexpressed-property"),
            tr("Kafka Connect has no setting for '%1' of '%2'; it is left out.").arg(p.label, n->name), node,
            p.key);
    }
    return config;
}

ConnectorConfig KafkaConnectExporter::bareSourceConnector(NodeId source, bool jsonSchemas)
{
    ConnectorConfig config = baseConnector(source);
    addConverters(&config, jsonSchemas);
    return config;
}

bool KafkaConnectExporter::appendProcessor(Chain *chain, const PathStep &step, bool sourceSide)
{
    const NodeId node = step.node;
    const pipeline::Node *n = model_.node(node);
    const QString alias = slugs_.value(node);
    if (n->type == QLatin1String("flatten-cdc")) {
        const QString handling = propertyString(model_, node, QStringLiteral("deleteHandling"));
        const bool dropTombstones = propertyValue(model_, node, QStringLiteral("dropTombstones")).toBool();
        const QString mode = deleteTombstoneMode(handling, dropTombstones);
        if (mode.isEmpty()) {
            cannotExpress(node,
                tr("'%1' keeps deletes as null values and keeps tombstones too; Debezium's "
                   "delete.tombstone.handling.mode has no such mode. Drop tombstones, or rewrite deletes.")
                    .arg(n->name),
                QStringLiteral("dropTombstones"));
            return false;
        }
        Transform t {alias, kExtractNewRecordState, {}, {}, {}, false};
        t.params << qMakePair(QStringLiteral("delete.tombstone.handling.mode"), mode);
        t.origins.insert(
            QStringLiteral("delete.tombstone.handling.mode"), {node, QStringLiteral("deleteHandling")});
        const QStringList fields = propertyList(model_, node, QStringLiteral("addFields"));
        if (!fields.isEmpty()) {
            t.params << qMakePair(QStringLiteral("add.fields"), fields.join(QLatin1Char(',')));
            t.origins.insert(QStringLiteral("add.fields"), {node, QStringLiteral("addFields")});
        }
        chain->transforms << t;
        return true;
    }
    if (n->type == QLatin1String("map")) {
        const QStringList drop = propertyList(model_, node, QStringLiteral("drop"));
        const QStringList rename = propertyList(model_, node, QStringLiteral("rename"));
        const QStringList insert = propertyList(model_, node, QStringLiteral("insert"));
        // ReplaceField drops by the original names, then renames; constants come after.
        if (!drop.isEmpty() || !rename.isEmpty() || insert.isEmpty()) {
            Transform t {alias, kReplaceFieldSmt, {}, {}, {}, false};
            if (!drop.isEmpty()) {
                t.params << qMakePair(QStringLiteral("exclude"), drop.join(QLatin1Char(',')));
                t.origins.insert(QStringLiteral("exclude"), {node, QStringLiteral("drop")});
            }
            if (!rename.isEmpty()) {
                t.params << qMakePair(QStringLiteral("renames"), rename.join(QLatin1Char(',')));
                t.origins.insert(QStringLiteral("renames"), {node, QStringLiteral("rename")});
            }
            chain->transforms << t;
        }
        int index = 1;
        for (const QString &entry : insert) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                cannotExpress(node, tr("'%1': insert entry '%2' is not field=value.").arg(n->name, entry),
                    QStringLiteral("insert"));
                return false;
            }
            Transform t {alias + QStringLiteral("__insert") + QString::number(index++), kInsertFieldSmt, {},
                {}, {}, false};
            t.params << qMakePair(QStringLiteral("static.field"), entry.left(eq).trimmed());
            t.params << qMakePair(QStringLiteral("static.value"), entry.mid(eq + 1).trimmed());
            t.origins.insert(QStringLiteral("static.field"), {node, QStringLiteral("insert")});
            t.origins.insert(QStringLiteral("static.value"), {node, QStringLiteral("insert")});
            chain->transforms << t;
        }
        return true;
    }
    if (n->type == QLatin1String("filter")) {
        const QString language = propertyString(model_, node, QStringLiteral("language"));
        if (language != QLatin1String("jsr223.groovy")) {
            cannotExpress(node,
                tr("'%1' keeps events by a %2 condition over their content. Kafka Connect's built-in "
                   "predicates "
                   "only test the topic name, headers and tombstones; content filters need Debezium's Filter "
                   "SMT with a Groovy (jsr223.groovy) condition. Rewrite the condition in Groovy, or export "
                   "to Redpanda Connect.")
                    .arg(n->name, language),
                QStringLiteral("language"));
            return false;
        }
        Transform t {alias, kDebeziumFilter, {}, {}, {}, false};
        t.params << qMakePair(QStringLiteral("language"), language);
        t.params << qMakePair(
            QStringLiteral("condition"), propertyString(model_, node, QStringLiteral("condition")));
        t.origins.insert(QStringLiteral("language"), {node, QStringLiteral("language")});
        t.origins.insert(QStringLiteral("condition"), {node, QStringLiteral("condition")});
        chain->transforms << t;
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("needs-plugin"),
            tr("'%1' becomes io.debezium.transforms.Filter, which needs the debezium-scripting jar and a JSR "
               "223 "
               "Groovy engine (groovy, groovy-jsr223) beside the connector on the plugin path.")
                .arg(n->name),
            node);
        return true;
    }
    if (n->type == QLatin1String("route")) {
        if (propertyString(model_, node, QStringLiteral("mode")) != QLatin1String("topic-pattern")) {
            cannotExpress(node,
                tr("'%1' routes by content. Kafka Connect routes by topic name (RegexRouter with "
                   "TopicNameMatches); content routing would need Debezium's ContentBasedRouter with Groovy. "
                   "Set "
                   "Route by to topic-pattern, or export to Redpanda Connect.")
                    .arg(n->name),
                QStringLiteral("mode"));
            return false;
        }
        if (!sourceSide) {
            appendSinkRoute(chain, node, step.outPort);
        }
        return true;
    }
    cannotExpress(
        node, tr("'%1' (%2) cannot be expressed inside a Kafka Connect connector.").arg(n->name, n->type));
    return false;
}

void KafkaConnectExporter::appendSinkRoute(Chain *chain, NodeId route, const QString &port)
{
    // A sink connector sees every record of its topics; it keeps those that take this route:
    // matching this route's pattern and none before it (first match wins), or none at all.
    const QList<QPair<QString, QString>> rules = routeRules(model_, route);
    const QString alias = slugs_.value(route);
    QStringList earlier;
    QString own;
    for (const auto &rule : rules) {
        if (rule.first == port) {
            own = rule.second;
            break;
        }
        earlier << rule.second;
    }
    const auto addFilter = [&](const QString &suffix, const QString &pattern, bool negate) {
        const QString name = alias + QStringLiteral("__") + suffix;
        Transform t {name, kFilterSmt, {}, {}, name, negate};
        t.origins.insert(QString(), {route, QStringLiteral("routes")});
        chain->transforms << t;
        chain->predicates << Predicate {name, kTopicNameMatches, pattern};
    };
    if (port == QLatin1String("unmatched")) {
        QStringList all;
        for (const auto &rule : rules) {
            all << rule.second;
        }
        addFilter(QStringLiteral("unmatched"), anyOf(all), false);
        return;
    }
    addFilter(QStringLiteral("keep_") + port, own, true);
    if (!earlier.isEmpty()) {
        addFilter(QStringLiteral("skip_") + port, anyOf(earlier), false);
    }
}

void KafkaConnectExporter::appendSourceRoute(
    Chain *chain, NodeId route, const QHash<QString, NodeId> &portTopics)
{
    const QList<QPair<QString, QString>> rules = routeRules(model_, route);
    const QString alias = slugs_.value(route);
    QStringList all;
    for (const auto &rule : rules) {
        all << rule.second;
    }
    // Records no route takes: renamed to the unmatched topic, or dropped. First, while their
    // topic is still the one the rules look at.
    const QString unmatchedName = alias + QStringLiteral("__unmatched");
    chain->predicates << Predicate {unmatchedName, kTopicNameMatches, anyOf(all)};
    if (portTopics.contains(QStringLiteral("unmatched"))) {
        Transform t {unmatchedName, kRegexRouterSmt, {}, {}, unmatchedName, true};
        t.params << qMakePair(QStringLiteral("regex"), QStringLiteral(".*"));
        t.params << qMakePair(
            QStringLiteral("replacement"), topicOf(portTopics.value(QStringLiteral("unmatched"))));
        chain->transforms << t;
    } else {
        chain->transforms << Transform {unmatchedName, kFilterSmt, {}, {}, unmatchedName, true};
    }
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString port = rules.at(i).first;
        if (!portTopics.contains(port)) {
            continue;
        }
        const QString topic = topicOf(portTopics.value(port));
        const QString router = alias + QStringLiteral("__to_") + port;
        Transform t {router, kRegexRouterSmt, {}, {}, router, false};
        t.params << qMakePair(QStringLiteral("regex"), QStringLiteral(".*"));
        t.params << qMakePair(QStringLiteral("replacement"), topic);
        t.origins.insert(QStringLiteral("replacement"), {portTopics.value(port), QStringLiteral("topic")});
        chain->transforms << t;
        chain->predicates << Predicate {router, kTopicNameMatches, rules.at(i).second};
        // Routers run one after another: a renamed record must not match a later rule.
        for (qsizetype j = i + 1; j < rules.size(); ++j) {
            const QRegularExpression later(QRegularExpression::anchoredPattern(rules.at(j).second));
            if (later.isValid() && later.match(topic).hasMatch()) {
                report_->add(ExportProblem::Severity::Warning, QStringLiteral("conflict"),
                    tr("'%1': topic '%2' of route '%3' matches the later rule '%4'; in Kafka Connect its "
                       "records "
                       "would be routed again.")
                        .arg(this->name(route), topic, port, rules.at(j).first),
                    route, QStringLiteral("routes"));
            }
        }
    }
}

void KafkaConnectExporter::appendKafkaSinkTransforms(Chain *chain, NodeId kafkaSink, bool afterRoute)
{
    const QString alias = slugs_.value(kafkaSink);
    const QString topic = topicOf(kafkaSink);
    if (!afterRoute) {
        Transform t {alias, kRegexRouterSmt, {}, {}, {}, false};
        t.params << qMakePair(QStringLiteral("regex"), QStringLiteral(".*"));
        t.params << qMakePair(QStringLiteral("replacement"), topic);
        t.origins.insert(QStringLiteral("replacement"), {kafkaSink, QStringLiteral("topic")});
        chain->transforms << t;
    }
    const QString keyField = propertyString(model_, kafkaSink, QStringLiteral("keyField"));
    if (keyField.isEmpty()) {
        return;
    }
    // After routing every record carries its final topic: key transforms apply to this one only.
    const QString predicate = alias + QStringLiteral("__topic");
    chain->predicates << Predicate {predicate, kTopicNameMatches, QRegularExpression::escape(topic)};
    Transform toKey {alias + QStringLiteral("__key"), kValueToKeySmt, {}, {}, predicate, false};
    toKey.params << qMakePair(QStringLiteral("fields"), keyField);
    toKey.origins.insert(QStringLiteral("fields"), {kafkaSink, QStringLiteral("keyField")});
    Transform extract {alias + QStringLiteral("__keyfield"), kExtractKeySmt, {}, {}, predicate, false};
    extract.params << qMakePair(QStringLiteral("field"), keyField);
    extract.origins.insert(QStringLiteral("field"), {kafkaSink, QStringLiteral("keyField")});
    chain->transforms << toKey << extract;
}

void KafkaConnectExporter::writeChain(ConnectorConfig *config, const Chain &chain)
{
    if (chain.transforms.isEmpty()) {
        return;
    }
    QStringList aliases;
    for (const Transform &t : chain.transforms) {
        aliases << t.alias;
    }
    config->set(QStringLiteral("transforms"), aliases.join(QLatin1Char(',')));
    for (const Transform &t : chain.transforms) {
        const QString prefix = QStringLiteral("transforms.") + t.alias + QLatin1Char('.');
        const ConfigOrigin whole = t.origins.value(QString());
        config->set(prefix + QStringLiteral("type"), t.type, whole);
        for (const auto &param : t.params) {
            config->set(prefix + param.first, param.second, t.origins.value(param.first, whole));
        }
        if (!t.predicate.isEmpty()) {
            config->set(prefix + QStringLiteral("predicate"), t.predicate, whole);
            if (t.negate) {
                config->set(prefix + QStringLiteral("negate"), QStringLiteral("true"), whole);
            }
        }
    }
    if (chain.predicates.isEmpty()) {
        return;
    }
    QStringList names;
    for (const Predicate &p : chain.predicates) {
        if (!names.contains(p.alias)) {
            names << p.alias;
        }
    }
    config->set(QStringLiteral("predicates"), names.join(QLatin1Char(',')));
    for (const Predicate &p : chain.predicates) {
        const QString prefix = QStringLiteral("predicates.") + p.alias + QLatin1Char('.');
        config->set(prefix + QStringLiteral("type"), p.type);
        config->set(prefix + QStringLiteral("pattern"), p.pattern);
    }
}

void KafkaConnectExporter::exportSource(NodeId source, const QList<Path> &paths, ExportResult *result)
{
    QList<Path> explicitPaths;
    QList<Path> implicitPaths;
    for (const Path &path : paths) {
        (kindOf(path.last().node) == QLatin1String(KindTopic) ? explicitPaths : implicitPaths) << path;
    }
    ConnectorConfig config = baseConnector(source);
    addConverters(&config, options_.jsonSchemas);
    if (!explicitPaths.isEmpty() && !implicitPaths.isEmpty()) {
        cannotExpress(source,
            tr("'%1' feeds both a Kafka topic node and a sink connector directly; a Kafka Connect source "
               "connector writes one stream of records. Route the sink connector from the topic node.")
                .arg(name(source)));
        return;
    }
    Chain chain;
    bool ok = true;
    if (!explicitPaths.isEmpty()) {
        SourcePlan plan;
        ok = planSource(source, explicitPaths, &plan);
        ok = appendSourceChain(&chain, &config, plan) && ok;
        ok = appendKafkaSinks(&chain, &config, plan) && ok;
        for (const Path &path : explicitPaths) {
            for (const PathStep &step : path) {
                appendOnce(&config.nodes, step.node);
            }
        }
    }
    if (!ok) {
        return;
    }
    writeChain(&config, chain);
    result->connectors << config;
}

/// Transforms up to a route are shared by every path; after a route each path goes straight
/// to its topic.
bool KafkaConnectExporter::planSource(NodeId source, const QList<Path> &paths, SourcePlan *plan)
{
    bool ok = true;
    for (qsizetype p = 0; p < paths.size(); ++p) {
        const Path &path = paths.at(p);
        QList<PathStep> steps;
        PathStep pathRoute;
        ok = sourcePathSteps(source, path, &steps, &pathRoute) && ok;
        if (p == 0) {
            plan->prefix = steps;
            plan->route = pathRoute.node;
        } else if (steps.size() != plan->prefix.size() || plan->route != pathRoute.node
            || !std::equal(steps.cbegin(), steps.cend(), plan->prefix.cbegin(),
                [](const PathStep &a, const PathStep &b) { return a.node == b.node; })) {
            cannotExpress(source,
                tr("The records of source connector '%1' take different steps to different topics; "
                   "only a "
                   "route (by topic pattern) can split them.")
                    .arg(name(source)));
            ok = false;
        }
        const NodeId sink = path.last().node;
        plan->kafkaSinks.insert(sink);
        if (pathRoute.node != pipeline::InvalidNodeId) {
            plan->portTopics.insert(pathRoute.outPort, sink);
        }
    }
    if (plan->route == pipeline::InvalidNodeId && plan->kafkaSinks.size() > 1) {
        cannotExpress(
            source, tr("Source connector '%1' writes to several topics without a route.").arg(name(source)));
        ok = false;
    }
    return ok;
}

/// The processors of one path from a source connector to a topic, and its route (with the port
/// the path takes). False when a step cannot run inside a source connector.
bool KafkaConnectExporter::sourcePathSteps(
    NodeId source, const Path &path, QList<PathStep> *steps, PathStep *route)
{
    bool ok = true;
    for (qsizetype i = 1; i + 1 < path.size(); ++i) {
        const PathStep &step = path.at(i);
        const pipeline::Node *n = model_.node(step.node);
        if (n->type == QLatin1String("fan-out")) {
            cannotExpress(step.node,
                tr("'%1' copies the records of source connector '%2' to several topics; a source "
                   "connector "
                   "writes each record once. Write to one topic and fan out from it.")
                    .arg(n->name, name(source)));
            ok = false;
        } else if (n->type == QLatin1String("merge")) {
            continue;
        } else if (route->node != pipeline::InvalidNodeId) {
            cannotExpress(step.node,
                tr("'%1' comes after route '%2' inside source connector '%3'; Kafka Connect applies "
                   "one "
                   "transform chain to every record. Put it before the route, or after a topic.")
                    .arg(n->name, name(route->node), name(source)));
            ok = false;
        } else if (n->type == QLatin1String("route")) {
            *route = step;
        } else {
            *steps << step;
        }
    }
    return ok;
}

bool KafkaConnectExporter::appendSourceChain(Chain *chain, ConnectorConfig *config, const SourcePlan &plan)
{
    bool ok = true;
    for (const PathStep &step : plan.prefix) {
        ok = appendProcessor(chain, step, true) && ok;
        config->nodes << step.node;
    }
    if (plan.route != pipeline::InvalidNodeId) {
        if (appendProcessor(chain, PathStep {plan.route, {}, {}}, true)) {
            appendSourceRoute(chain, plan.route, plan.portTopics);
        } else {
            ok = false;
        }
        config->nodes << plan.route;
    }
    return ok;
}

/// The key transforms of the topics a source connector writes, and their compression: one
/// producer setting, so the topics must agree on it.
bool KafkaConnectExporter::appendKafkaSinks(Chain *chain, ConnectorConfig *config, const SourcePlan &plan)
{
    bool ok = true;
    QString compression;
    NodeId compressionNode = pipeline::InvalidNodeId;
    QList<NodeId> sortedSinks(plan.kafkaSinks.cbegin(), plan.kafkaSinks.cend());
    std::sort(sortedSinks.begin(), sortedSinks.end());
    for (const NodeId sink : sortedSinks) {
        appendKafkaSinkTransforms(chain, sink, plan.route != pipeline::InvalidNodeId);
        config->nodes << sink;
        const QString c = propertyString(model_, sink, QStringLiteral("compression"));
        if (compressionNode != pipeline::InvalidNodeId && c != compression) {
            report_->add(ExportProblem::Severity::Error, QStringLiteral("conflict"),
                tr("'%1' and '%2' are written by one source connector but want different compression.")
                    .arg(name(compressionNode), name(sink)),
                sink, QStringLiteral("compression"));
            ok = false;
        }
        compression = c;
        compressionNode = sink;
    }
    if (compressionNode != pipeline::InvalidNodeId && !compression.isEmpty()) {
        config->set(QStringLiteral("producer.override.compression.type"), compression,
            {compressionNode, QStringLiteral("compression")});
    }
    return ok;
}

void KafkaConnectExporter::exportSink(NodeId sink, const QList<Path> &paths, ExportResult *result)
{
    ConnectorConfig config = baseConnector(sink);
    addConverters(&config, options_.jsonSchemas);
    SinkInputs inputs;
    QList<PathStep> reference;
    bool ok = true;
    for (qsizetype p = 0; p < paths.size(); ++p) {
        const Path &path = paths.at(p);
        const NodeId origin = path.first().node;
        ok = addSinkInput(sink, origin, &inputs) && ok;
        const QList<PathStep> steps = sinkPathSteps(path, &config);
        if (p == 0) {
            reference = steps;
        } else if (steps.size() != reference.size()
            || !std::equal(
                steps.cbegin(), steps.cend(), reference.cbegin(), [](const PathStep &a, const PathStep &b) {
                    return a.node == b.node && a.outPort == b.outPort;
                })) {
            cannotExpress(sink,
                tr("The inputs of '%1' reach it through different steps; a sink connector applies one "
                   "transform chain to all its topics. Merge them before the steps.")
                    .arg(name(sink)));
            ok = false;
        }
        appendOnce(&config.nodes, origin);
    }
    Chain chain;
    for (const PathStep &step : reference) {
        ok = appendProcessor(&chain, step, false) && ok;
        appendOnce(&config.nodes, step.node);
    }
    if (!ok) {
        return;
    }
    setSinkTopics(&config, inputs);
    writeChain(&config, chain);
    result->connectors << config;
}

/// What a sink connector reads from one origin: a topic node's topic (and where to start), or
/// the natural topics of a source connector feeding it directly.
bool KafkaConnectExporter::addSinkInput(NodeId sink, NodeId origin, SinkInputs *inputs)
{
    const QString originKind = kindOf(origin);
    if (originKind == QLatin1String(KindSourceConnector)) {
        const NaturalTopics natural = naturalTopics(origin);
        for (const QString &t : natural.names) {
            if (!inputs->topics.contains(t)) {
                inputs->topics << t;
            }
        }
        if (!natural.regex.isEmpty()) {
            inputs->regexes << natural.regex;
        }
        return true;
    }
    if (originKind != QLatin1String(KindTopic)) {
        return true;
    }
    const QString topic = topicOf(origin);
    if (!inputs->topics.contains(topic)) {
        inputs->topics << topic;
    }
    bool ok = true;
    const QString s = propertyString(model_, origin, QStringLiteral("startFrom"));
    if (!s.isEmpty()) {
        if (inputs->startFromNode != pipeline::InvalidNodeId && s != inputs->startFrom) {
            report_->add(ExportProblem::Severity::Error, QStringLiteral("conflict"),
                tr("'%1' and '%2' feed one sink connector but start from different offsets.")
                    .arg(name(inputs->startFromNode), name(origin)),
                origin, QStringLiteral("startFrom"));
            ok = false;
        }
        inputs->startFrom = s;
        inputs->startFromNode = origin;
    }
    warnSinkTopicSettings(sink, origin);
    return ok;
}

/// What a topic node read by a sink connector asks for that Connect decides on its own.
void KafkaConnectExporter::warnSinkTopicSettings(NodeId sink, NodeId origin)
{
    if (!propertyString(model_, origin, QStringLiteral("consumerGroup")).isEmpty()
        && !groupWarned_.contains(origin)) {
        groupWarned_.insert(origin);
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("unexpressed-property"),
            tr("Kafka Connect names the consumer group of sink connector '%1' connect-%2; the "
               "consumer "
               "group of '%3' is not used.")
                .arg(name(sink), slugs_.value(sink), name(origin)),
            origin, QStringLiteral("consumerGroup"));
    }
    if (model_.node(origin)->type == QLatin1String("eventhub-source")) {
        report_->add(ExportProblem::Severity::Warning, QStringLiteral("needs-worker"),
            tr("'%1' is read by sink connector '%2' only if the Connect worker's consumer points at "
               "the "
               "Event Hubs Kafka endpoint (SASL_SSL, PLAIN).")
                .arg(name(origin), name(sink)),
            origin);
    }
}

/// The processors of one path into a sink connector; fan-outs and merges only join the nodes
/// the connector expresses.
QList<PathStep> KafkaConnectExporter::sinkPathSteps(const Path &path, ConnectorConfig *config) const
{
    QList<PathStep> steps;
    for (qsizetype i = 1; i + 1 < path.size(); ++i) {
        const QString type = model_.node(path.at(i).node)->type;
        if (type == QLatin1String("fan-out") || type == QLatin1String("merge")) {
            appendOnce(&config->nodes, path.at(i).node);
            continue;
        }
        steps << path.at(i);
    }
    return steps;
}

void KafkaConnectExporter::setSinkTopics(ConnectorConfig *config, const SinkInputs &inputs) const
{
    if (inputs.regexes.isEmpty()) {
        config->set(QStringLiteral("topics"), inputs.topics.join(QLatin1Char(',')),
            {inputs.startFromNode, QStringLiteral("topic")});
    } else {
        QStringList all = inputs.regexes;
        for (const QString &t : inputs.topics) {
            all << QRegularExpression::escape(t);
        }
        config->set(QStringLiteral("topics.regex"), anyOf(all));
    }
    if (inputs.startFromNode != pipeline::InvalidNodeId) {
        config->set(QStringLiteral("consumer.override.auto.offset.reset"), inputs.startFrom,
            {inputs.startFromNode, QStringLiteral("startFrom")});
    }
}

void KafkaConnectExporter::run(ExportResult *result)
{
    QList<Path> paths;
    if (!enumeratePaths(model_, &paths)) {
        report_->add(ExportProblem::Severity::Error, QStringLiteral("too-large"),
            tr("The pipeline has too many source-to-sink paths to export."));
        return;
    }
    // Nodes Kafka Connect has no counterpart for at all.
    for (const NodeId id : model_.nodeIds()) {
        if (kindOf(id).isEmpty()) {
            cannotExpress(id,
                tr("Kafka Connect cannot express '%1' (%2); export it to Redpanda Connect.")
                    .arg(name(id), model_.node(id)->type));
        }
    }
    QMap<NodeId, QList<Path>> bySource;
    QMap<NodeId, QList<Path>> bySink;
    for (const Path &path : paths) {
        const NodeId origin = path.first().node;
        const NodeId terminal = path.last().node;
        const QString originKind = kindOf(origin);
        const QString terminalKind = kindOf(terminal);
        if (originKind.isEmpty() || terminalKind.isEmpty()) {
            continue;
        }
        if (originKind == QLatin1String(KindTopic) && terminalKind == QLatin1String(KindTopic)) {
            cannotExpress(terminal,
                tr("'%1' is written from topic '%2' through processing steps; Kafka Connect moves data "
                   "between "
                   "systems and Kafka, not from topic to topic. Export this part to Redpanda Connect.")
                    .arg(name(terminal), topicOf(origin)));
            continue;
        }
        if (originKind == QLatin1String(KindSourceConnector)) {
            bySource[origin] << path;
        }
        if (terminalKind == QLatin1String(KindSinkConnector)) {
            bySink[terminal] << path;
        }
    }
    for (const NodeId id : model_.nodeIds()) {
        const QString kind = kindOf(id);
        if (kind == QLatin1String(KindSourceConnector)) {
            exportSource(id, bySource.value(id), result);
        } else if (kind == QLatin1String(KindSinkConnector)) {
            exportSink(id, bySink.value(id), result);
        }
    }
}

} // namespace edis::exporting::detail
