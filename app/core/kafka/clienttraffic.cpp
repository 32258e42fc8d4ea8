#include "kafka/clienttraffic.h"

#include "kafka/internal/rdkafkahandles.h"

#include <QCoreApplication>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <string>

namespace edis::kafka {

namespace {

int64_t counter(const nlohmann::json &object, const char *name)
{
    const auto it = object.find(name);
    return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

QString text(const nlohmann::json &object, const char *name)
{
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

/// sum += value, where NaN means "not known" (not "poisoned").
void addKnown(double &sum, double value)
{
    if (!std::isnan(value)) {
        sum = std::isnan(sum) ? value : sum + value;
    }
}

/// stats_cb: runs on the thread that polls the client. Returns 0: librdkafka frees the document.
int onStatistics(rd_kafka_t *rk, char *json, size_t jsonLength, void * /*opaque*/)
{
    ClientTraffic::instance().ingest(rk, std::string_view(json, jsonLength), ClientTraffic::steadyNowMs());
    return 0;
}

} // namespace

std::optional<ClientStatistics> parseClientStatistics(std::string_view json, QString *error)
{
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        if (error) {
            *error
                = QCoreApplication::translate("edis::kafka", "The client statistics are not a JSON object.");
        }
        return std::nullopt;
    }
    ClientStatistics stats;
    stats.name = text(doc, "name");
    stats.type = text(doc, "type");
    stats.tsMicros = counter(doc, "ts");
    if (const auto topics = doc.find("topics"); topics != doc.end() && topics->is_object()) {
        for (const auto &[topicName, topic] : topics->items()) {
            const auto partitions = topic.find("partitions");
            if (!topic.is_object() || partitions == topic.end() || !partitions->is_object()) {
                continue;
            }
            TopicCounters sum;
            for (const auto &[id, partition] : partitions->items()) {
                // "-1" is librdkafka's internal queue of records not yet assigned a partition.
                if (id == "-1" || !partition.is_object()) {
                    continue;
                }
                sum.rxBytes += counter(partition, "rxbytes");
                sum.txBytes += counter(partition, "txbytes");
                sum.rxMessages += counter(partition, "rxmsgs");
                sum.txMessages += counter(partition, "txmsgs");
            }
            stats.topics.emplace(QString::fromStdString(topicName), sum);
        }
    }
    return stats;
}

QString trafficKey(const QString &bootstrapServers)
{
    QStringList servers;
    for (const QString &server : bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString s = server.trimmed().toLower();
        if (!s.isEmpty()) {
            servers << s;
        }
    }
    servers.sort();
    servers.removeDuplicates();
    return servers.join(QLatin1Char(','));
}

QString trafficKey(const ConnectionSettings &settings)
{
    return trafficKey(settings.bootstrapServers);
}

ClientTraffic &ClientTraffic::instance()
{
    // Never destroyed: at exit, a thread left blocked in librdkafka on a frozen broker
    // (util::BackgroundWorker's reaper lets the process end without it) may still return and
    // destroy its handle, which calls forget() here, while static destructors run.
    static auto *registry = new ClientTraffic;
    return *registry;
}

void ClientTraffic::enableStatistics(rd_kafka_conf_t *conf, int intervalMs)
{
    std::array<char, 256> errstr {};
    rd_kafka_conf_set(
        conf, "statistics.interval.ms", std::to_string(intervalMs).c_str(), errstr.data(), errstr.size());
    rd_kafka_conf_set_stats_cb(conf, &onStatistics);
}

qint64 ClientTraffic::steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void ClientTraffic::track(rd_kafka_t *rk, const QString &clusterKey)
{
    if (!rk) {
        return;
    }
    const std::lock_guard lock(mutex_);
    clients_[rk] = Client {clusterKey, std::nullopt, {}, 0};
}

void ClientTraffic::forget(rd_kafka_t *rk)
{
    const std::lock_guard lock(mutex_);
    clients_.erase(rk);
}

void ClientTraffic::ingest(rd_kafka_t *rk, std::string_view json, qint64 nowMs)
{
    {
        const std::lock_guard lock(mutex_);
        if (!clients_.contains(rk)) {
            return; // not ours to count (or already being destroyed): skip the parse as well
        }
    }
    std::optional<ClientStatistics> stats = parseClientStatistics(json);
    if (!stats) {
        return;
    }
    const std::lock_guard lock(mutex_);
    const auto it = clients_.find(rk);
    if (it == clients_.end()) {
        return;
    }
    Client &client = it->second;
    if (client.previous && stats->tsMicros > client.previous->tsMicros) {
        const double seconds = double(stats->tsMicros - client.previous->tsMicros) / 1e6;
        client.rates.clear();
        for (const auto &[topic, now] : stats->topics) {
            const auto before = client.previous->topics.find(topic);
            if (before == client.previous->topics.end()) {
                continue; // first sight of the topic: no rate yet
            }
            const TopicCounters &was = before->second;
            // Counters that went down (partitions reassigned and recreated) give no rate.
            const auto rate = [&](int64_t a, int64_t b) { return b >= a ? double(b - a) / seconds : 0.0; };
            // A producer only writes and a consumer only reads: the other direction stays unknown.
            TopicTraffic t;
            if (stats->type != QLatin1String("consumer")) {
                t.writtenBytesPerSecond = rate(was.txBytes, now.txBytes);
                t.writtenMessagesPerSecond = rate(was.txMessages, now.txMessages);
            }
            if (stats->type != QLatin1String("producer")) {
                t.readBytesPerSecond = rate(was.rxBytes, now.rxBytes);
                t.readMessagesPerSecond = rate(was.rxMessages, now.rxMessages);
            }
            client.rates.emplace(topic, t);
        }
        client.receivedMs = nowMs;
    }
    client.previous = std::move(stats);
}

std::map<QString, TopicTraffic> ClientTraffic::topicRates(
    const QString &clusterKey, qint64 nowMs, qint64 maxAgeMs) const
{
    std::map<QString, TopicTraffic> sum;
    const std::lock_guard lock(mutex_);
    for (const auto &[rk, client] : clients_) {
        if (client.clusterKey != clusterKey || client.receivedMs == 0
            || nowMs - client.receivedMs > maxAgeMs) {
            continue;
        }
        for (const auto &[topic, t] : client.rates) {
            TopicTraffic &s = sum[topic];
            addKnown(s.writtenBytesPerSecond, t.writtenBytesPerSecond);
            addKnown(s.readBytesPerSecond, t.readBytesPerSecond);
            addKnown(s.writtenMessagesPerSecond, t.writtenMessagesPerSecond);
            addKnown(s.readMessagesPerSecond, t.readMessagesPerSecond);
        }
    }
    return sum;
}

std::map<QString, TopicTraffic> ClientTraffic::topicRates(const QString &clusterKey) const
{
    return topicRates(clusterKey, steadyNowMs());
}

void ClientDeleter::operator()(rd_kafka_s *rk) const
{
    ClientTraffic::instance().forget(rk);
    rd_kafka_destroy(rk);
}

} // namespace edis::kafka
