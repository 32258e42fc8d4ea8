#include "exporttestutil.h"

#include "pipelinefile.h"
#include "validation.h"

#include <QFile>
#include <QTest>

namespace exporttest {

Builder::Builder(const QString &name)
    : model_(std::make_shared<edis::pipeline::PipelineModel>())
{
    model_->setName(name);
}

NodeId Builder::add(const QString &type, const QString &name, const QVariantMap &properties)
{
    QString error;
    const NodeId id = model_->createNode(type, name, std::nullopt, &error);
    if (id == edis::pipeline::InvalidNodeId) {
        qWarning("cannot create %s: %s", qPrintable(type), qPrintable(error));
        return id;
    }
    for (auto it = properties.cbegin(); it != properties.cend(); ++it) {
        model_->setProperty(id, it.key(), it.value());
    }
    return id;
}

Builder &Builder::link(NodeId from, NodeId to, const QString &fromPort, const QString &toPort)
{
    QString error;
    if (model_->connect({from, fromPort}, {to, toPort}, &error) == edis::pipeline::InvalidEdgeId) {
        qWarning("cannot connect: %s", qPrintable(error));
    }
    return *this;
}

QString Builder::validationErrors() const
{
    QStringList out;
    for (const auto &p : edis::pipeline::validate(*model_)) {
        if (p.isError()) {
            out << p.message;
        }
    }
    return out.join(QLatin1Char('\n'));
}

QVariantMap typicalProperties(const QString &type, const QString &variant)
{
    const auto list = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items) {
            out << QString::fromUtf8(i);
        }
        return out;
    };
    if (type == QLatin1String("postgres-cdc")) {
        return {{"host", "erp-db.internal"}, {"port", qint64(5433)}, {"database", "erp"},
            {"user", "debezium"}, {"password", "${env:ERP_DB_PASSWORD}"}, {"topicPrefix", "erp"},
            {"tables", list({"public.customers", "public.orders"})}, {"slotName", "edis_erp"},
            {"publication", "edis_pub"}, {"snapshotMode", "never"}};
    }
    if (type == QLatin1String("mysql-cdc")) {
        return {{"host", "shop-db"}, {"user", "cdc"}, {"password", "${env:MYSQL_PASSWORD}"},
            {"serverId", qint64(5401)}, {"topicPrefix", "shop"}, {"databases", list({"shop"})},
            {"tables", list({"shop.orders"})}, {"schemaHistoryTopic", "shop.schema-history"}};
    }
    if (type == QLatin1String("kafka-source")) {
        return {{"topic", variant.isEmpty() ? "in.records" : variant}, {"consumerGroup", "edis-test"},
            {"format", "record"}, {"startFrom", "earliest"}};
    }
    if (type == QLatin1String("eventhub-source")) {
        return {{"namespace", "contoso"}, {"eventHub", "telemetry"},
            {"connectionString", "${env:EVENTHUB_CONNECTION}"}, {"consumerGroup", "edis"},
            {"format", "record"}};
    }
    if (type == QLatin1String("rabbitmq-source")) {
        return {{"url", "amqp://mq.internal:5672/erp"}, {"queue", "orders"}, {"username", "edis"},
            {"password", "${env:RABBITMQ_PASSWORD}"}, {"prefetch", qint64(50)}, {"format", "record"}};
    }
    if (type == QLatin1String("http-webhook")) {
        return {{"address", "0.0.0.0:4196"}, {"path", "/hooks/orders"}};
    }
    if (type == QLatin1String("file-source")) {
        return {{"path", "/var/spool/orders.jsonl"}, {"format", "record"}, {"topic", "files.orders"}};
    }
    if (type == QLatin1String("kafka-sink")) {
        return {{"topic", variant.isEmpty() ? "out.records" : variant}, {"keyField", "id"},
            {"compression", "lz4"}, {"partitions", qint64(3)}};
    }
    if (type == QLatin1String("jdbc-sink")) {
        return {{"connectionUrl", "jdbc:postgresql://audit-db:5432/audit"}, {"user", "audit"},
            {"password", "${env:AUDIT_DB_PASSWORD}"}, {"table", "audit_log"}, {"insertMode", "insert"},
            {"autoCreate", false}};
    }
    if (type == QLatin1String("http-sink")) {
        return {{"url", "https://crm.example.com/api/accounts"}, {"method", "PUT"},
            {"headers", list({"Content-Type: application/json"})}, {"authToken", "${env:CRM_API_TOKEN}"},
            {"batchSize", qint64(5)}};
    }
    if (type == QLatin1String("file-sink")) {
        return {{"path", variant.isEmpty() ? "/var/log/edis/out.jsonl" : variant}};
    }
    if (type == QLatin1String("rabbitmq-sink")) {
        return {{"url", "amqp://mq.internal:5672/crm"}, {"exchange", "accounts"},
            {"routingKey", "account.updated"}, {"username", "edis"},
            {"password", "${env:RABBITMQ_PASSWORD}"}};
    }
    if (type == QLatin1String("eventhub-sink")) {
        return {{"namespace", "contoso"}, {"eventHub", "accounts"},
            {"connectionString", "${env:EVENTHUB_CONNECTION}"}};
    }
    if (type == QLatin1String("flatten-cdc")) {
        return {{"deleteHandling", variant.isEmpty() ? "rewrite" : variant}, {"dropTombstones", true},
            {"addFields", list({"op", "table"})}};
    }
    if (type == QLatin1String("map")) {
        return {{"drop", list({"__op"})}, {"rename", list({"customer_id:AccountNumber", "name:Name"})},
            {"insert", list({"Source=ERP"})}};
    }
    if (type == QLatin1String("filter")) {
        if (variant == QLatin1String("groovy")) {
            return {{"condition", "value.op != 'd'"}, {"language", "jsr223.groovy"}};
        }
        return {{"condition", "this.__op != \"d\""}, {"language", "bloblang"}};
    }
    if (type == QLatin1String("route")) {
        if (variant == QLatin1String("topic-pattern")) {
            return {{"mode", "topic-pattern"},
                {"routes", list({"customers: erp\\.public\\.customers", "orders: erp\\.public\\.orders"})}};
        }
        return {{"mode", "content"},
            {"routes",
                list({"customers: this.__table == \"customers\"", "orders: this.__table == \"orders\""})}};
    }
    return {};
}

bool loadSample(edis::pipeline::PipelineModel *model)
{
    QFile file(QStringLiteral(":/edis/samples/erp-to-crm.edis.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    edis::pipeline::FileError error;
    return edis::pipeline::loadPipelineFromBytes(model, file.readAll(), &error);
}

} // namespace exporttest
