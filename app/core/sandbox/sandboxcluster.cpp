#include "sandbox/sandboxcluster.h"

#include "kafka/clienttraffic.h"
#include "sandbox/sandboxscenario.h"

#include <librdkafka/rdkafka_mock.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTcpSocket>

#include <array>
#include <chrono>
#include <condition_variable>
#include <mutex>

Q_LOGGING_CATEGORY(lcSandbox, "edis.sandbox", QtWarningMsg)

namespace edis::sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::sandbox::SandboxCluster", text);
}

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void quietLog(const rd_kafka_t *, int level, const char *facility, const char *message)
{
    if (level <= 3) {
        qCWarning(lcSandbox, "%s: %s", facility, message);
    }
}

/// librdkafka 2.0.2's mock cluster can miss the wake-up of its thread when a command (create a
/// topic) is sent to it; the command then waits for the thread's next poll timeout, a whole
/// second (topic creation took 0 or 1000 ms, the sandbox's start 0 to 4 s). A connection to one
/// of its listeners also wakes that poll, so while such commands are pending a helper thread
/// connects every few milliseconds (start then took 0-14 ms in 15 of 15 runs). The connections
/// are closed at once; the cluster drops them.
class MockWaker {
public:
    explicit MockWaker(const QString &bootstrap)
    {
        const QString first = bootstrap.section(QLatin1Char(','), 0, 0);
        host_ = first.section(QLatin1Char(':'), 0, -2);
        port_ = first.section(QLatin1Char(':'), -1).toUShort();
        if (port_ == 0) {
            return;
        }
        thread_ = std::thread([this] { run(); });
    }
    ~MockWaker()
    {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    MockWaker(const MockWaker &) = delete;
    MockWaker &operator=(const MockWaker &) = delete;

private:
    static constexpr int kPokeTimeoutMs = 50;
    static constexpr auto kPokeInterval = std::chrono::milliseconds(5);

    void run()
    {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, kPokeInterval, [this] { return done_; })) {
            lock.unlock();
            QTcpSocket socket;
            socket.setProxy(QNetworkProxy::NoProxy);
            socket.connectToHost(QHostAddress(host_), port_);
            socket.waitForConnected(kPokeTimeoutMs);
            socket.abort();
            lock.lock();
        }
    }

    QString host_;
    quint16 port_ = 0;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace

std::unique_ptr<SandboxCluster> SandboxCluster::start(const Options &options, QString *error)
{
    std::unique_ptr<SandboxCluster> sandbox(new SandboxCluster());
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, quietLog);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        if (error) {
            *error = tr("Cannot start the sandbox: %1").arg(QString::fromUtf8(errstr.data()));
        }
        return {};
    }
    sandbox->mockOwner_.reset(rk);
    sandbox->mock_ = rd_kafka_mock_cluster_new(rk, options.brokers);
    if (!sandbox->mock_) {
        if (error) {
            *error = tr("Cannot start the sandbox: the embedded cluster did not open its listeners.");
        }
        return {};
    }
    sandbox->bootstrap_ = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(sandbox->mock_));
    const int replication = std::min(options.brokers, 3);
    const MockWaker waker(sandbox->bootstrap_);
    for (const auto &topic : sandboxTopics()) {
        if (const auto err
            = rd_kafka_mock_topic_create(sandbox->mock_, topic.name, topic.partitions, replication)) {
            if (error) {
                *error = tr("Cannot create sandbox topic %1: %2")
                             .arg(QString::fromUtf8(topic.name), QString::fromUtf8(rd_kafka_err2str(err)));
            }
            return {};
        }
    }
    sandbox->rate_ = options.messagesPerSecond;
    if (options.withTraffic) {
        sandbox->traffic_ = std::thread([s = sandbox.get(), seed = options.seed] { s->runTraffic(seed); });
    }
    return sandbox;
}

SandboxCluster::~SandboxCluster()
{
    // Each step is timed (edis.sandbox.debug=true): whoever destroys the sandbox waits on all three.
    QElapsedTimer timer;
    timer.start();
    stopTraffic();
    const qint64 trafficMs = timer.restart();
    if (mock_) {
        rd_kafka_mock_cluster_destroy(mock_);
    }
    const qint64 clusterMs = timer.restart();
    mockOwner_.reset();
    qCDebug(lcSandbox, "stopped: traffic producer %lld ms, cluster %lld ms, its owner %lld ms",
        static_cast<long long>(trafficMs), static_cast<long long>(clusterMs),
        static_cast<long long>(timer.elapsed()));
}

void SandboxCluster::stopTraffic()
{
    stop_ = true;
    if (traffic_.joinable()) {
        traffic_.join();
    }
}

void SandboxCluster::abandonAtExit(std::unique_ptr<SandboxCluster> sandbox)
{
    if (!sandbox) {
        return;
    }
    // The traffic thread uses process-wide objects (ClientTraffic) that static destruction
    // removes, so it stops here; the cluster itself lives in memory and dies with the process.
    sandbox->stopTraffic();
    // Reachable from a static, so a leak checker does not count it as lost.
    static std::atomic<SandboxCluster *> abandoned {nullptr};
    abandoned.store(sandbox.release());
}

kafka::ConnectionSettings SandboxCluster::connectionSettings() const
{
    kafka::ConnectionSettings s;
    s.displayName = tr("Sandbox");
    s.bootstrapServers = bootstrap_;
    s.isSandbox = true;
    return s;
}

void SandboxCluster::setRate(double messagesPerSecond)
{
    rate_ = std::max(0.0, messagesPerSecond);
}

void SandboxCluster::runTraffic(uint64_t seed)
{
    using namespace std::chrono;
    std::array<char, 512> errstr {};
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const auto set
        = [&](const char *k, const char *v) { rd_kafka_conf_set(conf, k, v, errstr.data(), errstr.size()); };
    set("bootstrap.servers", bootstrap_.toUtf8().constData());
    set("client.id", "edis-sandbox-traffic");
    set("linger.ms", "20");
    set("enable.idempotence", "false");
    set("partitioner", "murmur2_random"); // what Java clients use, so keys land where they expect
    rd_kafka_conf_set_log_cb(conf, quietLog);
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t *, const rd_kafka_message_t *msg, void *opaque) {
        auto *self = static_cast<SandboxCluster *>(opaque);
        (msg->err ? self->failed_ : self->produced_).fetch_add(1, std::memory_order_relaxed);
    });
    kafka::ClientTraffic::enableStatistics(conf); // the throughput page shows its bytes/s
    kafka::KafkaHandle producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size()));
    if (!producer) {
        rd_kafka_conf_destroy(conf);
        qCWarning(lcSandbox, "sandbox traffic producer failed: %s", errstr.data());
        return;
    }
    kafka::ClientTraffic::instance().track(producer.get(), kafka::trafficKey(bootstrap_));

    const auto send = [&](const SandboxEvent &e) {
        if (kafka::produceMessage(producer.get(), e)) {
            failed_.fetch_add(1, std::memory_order_relaxed);
        }
    };

    SandboxScenario scenario(seed);
    for (const auto &e : scenario.snapshot(nowMs())) {
        send(e);
    }
    auto last = steady_clock::now();
    auto lastHeartbeat = last;
    double due = 0.0;
    while (!stop_.load()) {
        std::this_thread::sleep_for(milliseconds(10));
        const auto now = steady_clock::now();
        due += rate_.load() * duration<double>(now - last).count();
        last = now;
        // Cap the backlog so a long pause (or a suspended laptop) does not release a burst.
        due = std::min(due, std::max(1.0, rate_.load()));
        const int64_t ts = nowMs();
        while (due >= 1.0) {
            for (const auto &e : scenario.next(ts)) {
                send(e);
            }
            due -= 1.0;
        }
        if (now - lastHeartbeat >= seconds(2) && rate_.load() > 0) {
            send(scenario.heartbeat(ts));
            lastHeartbeat = now;
        }
        rd_kafka_poll(producer.get(), 0);
    }
    // The cluster is in memory and goes with the app: what is still queued has nowhere to live,
    // so it is dropped rather than flushed (a flush held the exit for up to 2 s).
    rd_kafka_purge(producer.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(producer.get(), 0);
}

} // namespace edis::sandbox
