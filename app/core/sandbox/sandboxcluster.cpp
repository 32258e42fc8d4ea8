#include "sandbox/sandboxcluster.h"

#include "sandbox/sandboxscenario.h"
#include "util/backgroundworker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QTcpSocket>

#include <chrono>

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
/// of its listeners also wakes that poll, so while such commands are pending a background job
/// connects every few milliseconds (start then took 0-14 ms in 15 of 15 runs). The connections
/// are closed at once; the cluster drops them. The waker's end requests the job's stop and does
/// not wait: the job sees it within one poke (at most kPokeTimeoutMs).
class MockWaker {
public:
    explicit MockWaker(const QString &bootstrap)
    {
        const QString first = bootstrap.section(QLatin1Char(','), 0, 0);
        const QString host = first.section(QLatin1Char(':'), 0, -2);
        const quint16 port = first.section(QLatin1Char(':'), -1).toUShort();
        if (port == 0) {
            return;
        }
        worker_.post([host, port](const util::BackgroundWorker::Context &context) {
            while (util::waitUnlessStopped(context.stopToken(), kPokeInterval)) {
                QTcpSocket socket;
                socket.setProxy(QNetworkProxy::NoProxy);
                socket.connectToHost(QHostAddress(host), port);
                socket.waitForConnected(kPokeTimeoutMs);
                socket.abort();
            }
        });
    }

private:
    static constexpr int kPokeTimeoutMs = 50;
    static constexpr auto kPokeInterval = std::chrono::milliseconds(5);

    util::BackgroundWorker worker_;
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
    sandbox->traffic_->rate = options.messagesPerSecond;
    if (options.withTraffic) {
        sandbox->trafficWorker_ = std::make_unique<util::BackgroundWorker>();
        sandbox->trafficWorker_->post(
            [traffic = sandbox->traffic_, bootstrap = sandbox->bootstrap_, seed = options.seed](
                const util::BackgroundWorker::Context &context) {
                runTraffic(traffic, bootstrap, seed, context.stopToken());
            });
    }
    return sandbox;
}

SandboxCluster::SandboxCluster()
    : traffic_(std::make_shared<Traffic>())
{
}

SandboxCluster::~SandboxCluster()
{
    // Each step is timed (edis.sandbox.debug=true): whoever destroys the sandbox waits on both.
    QElapsedTimer timer;
    timer.start();
    stopTraffic();
    const qint64 trafficMs = timer.elapsed();
    const kafka::MockCluster::DestroyTimes cluster
        = mock_ ? mock_->destroy() : kafka::MockCluster::DestroyTimes {};
    qCDebug(lcSandbox, "stopped: traffic stop requested in %lld ms, cluster %lld ms, its owner %lld ms",
        static_cast<long long>(trafficMs), static_cast<long long>(cluster.clusterMs),
        static_cast<long long>(cluster.ownerMs));
}

void SandboxCluster::stopTraffic()
{
    // The job holds what it uses (Traffic, its producer), so it may end after this returns;
    // the worker's reaper joins its thread then, and at exit within its bound.
    trafficWorker_.reset();
}

void SandboxCluster::abandonAtExit(std::unique_ptr<SandboxCluster> sandbox)
{
    if (!sandbox) {
        return;
    }
    // The traffic job is asked to stop (the reaper joins it when QCoreApplication goes); the
    // cluster itself lives in memory and dies with the process.
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
    traffic_->rate = std::max(0.0, messagesPerSecond);
}

void SandboxCluster::runTraffic(const std::shared_ptr<Traffic> &traffic, const QString &bootstrap,
    uint64_t seed, const std::stop_token &stop)
{
    using namespace std::chrono;
    QString error;
    // Its bytes/s count on the throughput page; what is queued at the end is dropped.
    const auto producer
        = kafka::MockClusterProducer::create(bootstrap, &traffic->produced, &traffic->failed, &error);
    if (!producer) {
        qCWarning(lcSandbox, "sandbox traffic producer failed: %s", qUtf8Printable(error));
        return;
    }

    const auto send = [&](const SandboxEvent &e) {
        if (!producer->send(e)) {
            traffic->failed.fetch_add(1, std::memory_order_relaxed);
        }
    };

    SandboxScenario scenario(seed);
    for (const auto &e : scenario.snapshot(nowMs())) {
        send(e);
    }
    auto last = steady_clock::now();
    auto lastHeartbeat = last;
    double due = 0.0;
    while (util::waitUnlessStopped(stop, milliseconds(10))) {
        const auto now = steady_clock::now();
        const double rate = traffic->rate.load();
        due += rate * duration<double>(now - last).count();
        last = now;
        // Cap the backlog so a long pause (or a suspended laptop) does not release a burst.
        due = std::min(due, std::max(1.0, rate));
        const int64_t ts = nowMs();
        while (due >= 1.0) {
            for (const auto &e : scenario.next(ts)) {
                send(e);
            }
            due -= 1.0;
        }
        if (now - lastHeartbeat >= seconds(2) && rate > 0) {
            send(scenario.heartbeat(ts));
            lastHeartbeat = now;
        }
        producer->poll();
    }
}

} // namespace edis::sandbox
