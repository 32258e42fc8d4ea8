#include "kafkafixture.h"

#include "kafka/kafkaclient.h"
#include "recordproducer.h"
#include "testconsumer.h"

#include <QUuid>

namespace edis::test {

kafka::ConnectionSettings brokerSettings()
{
    kafka::ConnectionSettings s;
    s.bootstrapServers = requiredEnv("EDIS_TEST_KAFKA_BOOTSTRAP");
    return s;
}

QString uniqueTopic(const char *prefix)
{
    return QString::fromLatin1(prefix) + QLatin1Char('-')
        + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

QString createTopic(const kafka::ConnectionSettings &settings, const QString &name, int partitions,
    const std::map<std::string, std::string> &configs)
{
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings, &error);
    if (!client) {
        return error.message;
    }
    kafka::NewTopic topic;
    topic.name = name;
    topic.partitions = partitions;
    topic.configs = configs;
    return client->createTopic(topic, std::chrono::seconds(30)).message;
}

QString produceAll(const kafka::ConnectionSettings &settings,
    const std::vector<kafka::OutgoingMessage> &messages, const std::map<std::string, std::string> &properties)
{
    inspect::RecordProducer producer;
    if (auto error = producer.open(settings, properties)) {
        return error.message;
    }
    for (const auto &m : messages) {
        if (auto error = producer.produce(m)) {
            return error.message;
        }
    }
    return producer.flush(std::chrono::seconds(30)).message;
}

} // namespace edis::test
