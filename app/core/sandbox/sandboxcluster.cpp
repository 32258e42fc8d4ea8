#include "sandbox/sandboxcluster.h"

#include "sandbox/sandboxscenario.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTcpSocket>

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
    QString clientError;
    sandbox->mock_ = kafka::MockCluster::start(options.brokers, &clientError);
    if (!sandbox->mock_) {
        if (error) {
            *error = !clientError.isEmpty()
                ? tr("Cannot start the sandbox: %1").arg(clientError)
                : tr("Cannot start the sandbox: the embedded cluster did not open its listeners.");
        }
        return {};
    }
    sandbox->bootstrap_ = sandbox->mock_->bootstrapServers();
    const int replication = std::min(options.brokers, 3);
    const MockWaker waker(sandbox->bootstrap_);
    for (const auto &topic : sandboxTopics()) {
        QString reason;
        if (!sandbox->mock_->createTopic(topic.name, topic.partitions, replication, &reason)) {
            if (error) {
                *error = tr("Cannot create sandbox topic %1: %2").arg(QString::fromUtf8(topic.name), reason);
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
    const qint64 trafficMs = timer.elapsed();
    const kafka::MockCluster::DestroyTimes cluster
        = mock_ ? mock_->destroy() : kafka::MockCluster::DestroyTimes {};
    qCDebug(lcSandbox, "stopped: traffic producer %lld ms, cluster %lld ms, its owner %lld ms",
        static_cast<long long>(trafficMs), static_cast<long long>(cluster.clusterMs),
        static_cast<long long>(cluster.ownerMs));
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
    QString error;
    // Its bytes/s count on the throughput page; what is queued at the end is dropped.
    const auto producer = kafka::MockClusterProducer::create(bootstrap_, &produced_, &failed_, &error);
    if (!producer) {
        qCWarning(lcSandbox, "sandbox traffic producer failed: %s", qUtf8Printable(error));
        return;
    }

    const auto send = [&](const SandboxEvent &e) {
        if (!producer->send(e)) {
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
        producer->poll();
    }
}

} // namespace edis::sandbox
