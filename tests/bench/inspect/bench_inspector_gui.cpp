// GUI event-loop latency of the event inspector while it tails the sandbox at a high rate.
//
// The InspectorPage runs offscreen (shown, so the table really paints) and live-tails a sandbox
// topic while the sandbox produces at --rate messages/s across its topics. A 1 ms precise
// QTimer measures how late the GUI thread gets to it: that lateness is what a user feels as
// stutter. Printed per phase: the rate the sandbox reached, messages/s that reached the table,
// model flushes/s, and p50/p99/max lateness. Phase 2 adds a filter expression (evaluated on the
// GUI thread for every appended record); phase 3 also keeps a row selected and scrolls. Phase 4
// switches the page between two topics every 0.5 s (each switch lets the running consumer go and
// starts another) and prints the longest GUI gap it saw.
//
// With --bootstrap-server B the feed is a real broker instead: a topic of 6 partitions is
// created, a producer thread writes ~200-byte JSON records with headers to it at --rate msg/s
// (paced every 10 ms), and the page tails that topic.
//
// Usage: bench_inspector_gui [--rate 50000] [--seconds 15] [--topic orders.events]
//                            [--bootstrap-server B]
// Not a ctest test; build it in Release and run it on a quiet machine.

#include "inspector/filterbar.h"
#include "inspector/inspectorpage.h"
#include "kafka/kafkaclient.h"
#include "messagetablemodel.h"
#include "recordproducer.h"
#include "sandbox/sandboxcluster.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

using namespace edis;

namespace {

long peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

/// Runs the event loop for `ms` while a 1 ms timer records how late each of its ticks is.
struct LatenessProbe {
    std::vector<double> latenessMs;

    void run(int ms)
    {
        latenessMs.clear();
        latenessMs.reserve(std::size_t(ms) + 16);
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QElapsedTimer clock;
        qint64 lastNs = -1;
        QObject::connect(&timer, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            if (lastNs >= 0) {
                latenessMs.push_back(std::max(0.0, double(now - lastNs) / 1e6 - 1.0));
            }
            lastNs = now;
        });
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        clock.start();
        timer.start();
        loop.exec();
    }

    double percentile(double p) const
    {
        if (latenessMs.empty()) {
            return 0;
        }
        std::vector<double> sorted = latenessMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, std::size_t(p * double(sorted.size())))];
    }
    double max() const
    {
        return latenessMs.empty() ? 0 : *std::max_element(latenessMs.begin(), latenessMs.end());
    }
};

/// Produces JSON records to a real topic at a set rate on its own thread.
class RateProducer {
public:
    bool start(const kafka::ConnectionSettings &settings, const std::string &topic, QString *error)
    {
        if (const kafka::KafkaError e = producer_.open(settings, {{"linger.ms", "5"}, {"acks", "1"}}); e) {
            *error = e.message;
            return false;
        }
        thread_ = std::thread([this, topic] { run(topic); });
        return true;
    }
    void setRate(double rate) { rate_ = rate; }
    uint64_t produced() const { return produced_; }
    ~RateProducer()
    {
        stop_ = true;
        if (thread_.joinable()) {
            thread_.join();
        }
        producer_.flush(std::chrono::seconds(10));
    }

private:
    void run(const std::string &topic)
    {
        using Clock = std::chrono::steady_clock;
        static const char *const types[] = {"OrderPlaced", "OrderPaid", "OrderShipped", "OrderCancelled"};
        uint64_t n = 0;
        double owed = 0;
        auto last = Clock::now();
        while (!stop_) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            const auto now = Clock::now();
            owed += rate_ * std::chrono::duration<double>(now - last).count();
            last = now;
            for (; owed >= 1 && !stop_; owed -= 1, ++n) {
                kafka::OutgoingMessage m;
                m.topic = topic;
                m.key = QByteArray::number(qulonglong(n % 5000));
                m.value = QStringLiteral(R"({"eventType":"%1","orderId":%2,"customerId":%3,"amountCents":%4,)"
                                         R"("currency":"EUR","items":[{"sku":"SKU-%5","quantity":2}]})")
                              .arg(QLatin1String(types[n % 4]))
                              .arg(n)
                              .arg(1000 + n % 37)
                              .arg((n * 7919) % 200000)
                              .arg(n % 97)
                              .toUtf8();
                m.headers = {{"event-type", QByteArray(types[n % 4])}, {"source", QByteArray("bench")}};
                if (producer_.produce(m)) {
                    break;
                }
                ++produced_;
            }
            producer_.poll();
        }
    }

    inspect::RecordProducer producer_;
    std::thread thread_;
    std::atomic<double> rate_ {0};
    std::atomic<uint64_t> produced_ {0};
    std::atomic<bool> stop_ {false};
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    double rate = 50000;
    int seconds = 15;
    QString topic = QStringLiteral("orders.events");
    QString otherTopic = QStringLiteral("crm.accounts"); // what phase 4 switches to and back from
    int otherPartitions = 2;
    QString bootstrap;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rate")) {
            rate = args[i + 1].toDouble();
        } else if (args[i] == QLatin1String("--seconds")) {
            seconds = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--topic")) {
            topic = args[i + 1];
        } else if (args[i] == QLatin1String("--bootstrap-server")) {
            bootstrap = args[i + 1];
        }
    }

    QString error;
    std::unique_ptr<sandbox::SandboxCluster> sandbox;
    std::unique_ptr<RateProducer> producer;
    kafka::ConnectionSettings settings;
    std::function<uint64_t()> producedCount;
    std::function<void(double)> setRate;
    const char *feed = "sandbox";
    if (bootstrap.isEmpty()) {
        sandbox = sandbox::SandboxCluster::start({}, &error);
        if (!sandbox) {
            std::fprintf(stderr, "sandbox failed: %s\n", qPrintable(error));
            return 1;
        }
        settings = sandbox->connectionSettings();
        producedCount = [&] { return sandbox->producedCount(); };
        setRate = [&](double r) { sandbox->setRate(r); };
    } else {
        feed = "broker";
        settings.bootstrapServers = bootstrap;
        topic = QStringLiteral("bench-gui-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        otherTopic = topic + QStringLiteral("-other");
        otherPartitions = 6;
        kafka::KafkaError e;
        auto admin = kafka::KafkaClient::create(settings, &e);
        for (const QString &t : {topic, otherTopic}) {
            if (!admin || (e = admin->createTopic({t, 6, 1, {}}, std::chrono::seconds(30)))) {
                std::fprintf(stderr, "cannot create %s: %s\n", qPrintable(t), qPrintable(e.message));
                return 1;
            }
        }
        producer = std::make_unique<RateProducer>();
        if (!producer->start(settings, topic.toStdString(), &error)) {
            std::fprintf(stderr, "producer failed: %s\n", qPrintable(error));
            return 1;
        }
        producedCount = [&] { return producer->produced(); };
        setRate = [&](double r) { producer->setRate(r); };
    }

    ui::InspectorPage page;
    page.resize(1400, 900);
    page.setConnection(settings);
    page.setTopic(topic, 6);
    page.show();
    inspect::MessageTableModel *model = page.model();
    uint64_t flushes = 0;
    QObject::connect(model, &inspect::MessageTableModel::storeStatsChanged, [&] { ++flushes; });

    std::printf("bench_inspector_gui: tailing %s, %s rate set to %.0f msg/s, %d s per phase\n",
        qPrintable(topic), feed, rate, seconds);
    std::printf("%-28s %12s %12s %9s %9s %9s %9s %8s\n", "phase", "produced/s", "table/s", "flush/s",
        "p50 ms", "p99 ms", "max ms", "ticks");

    page.startLiveTail();
    setRate(rate);
    LatenessProbe warmUp;
    warmUp.run(3000);

    const auto phase = [&](const char *name, const std::function<void()> &during) {
        const uint64_t produced0 = producedCount();
        const uint64_t received0 = model->store().endId();
        const uint64_t flushes0 = flushes;
        QElapsedTimer clock;
        clock.start();
        QTimer poke;
        if (during) {
            QObject::connect(&poke, &QTimer::timeout, during);
            poke.start(500);
        }
        LatenessProbe probe;
        probe.run(seconds * 1000);
        poke.stop();
        const double s = double(clock.nsecsElapsed()) / 1e9;
        std::printf("%-28s %12.0f %12.0f %9.1f %9.3f %9.3f %9.1f %8zu\n", name,
            double(producedCount() - produced0) / s, double(model->store().endId() - received0) / s,
            double(flushes - flushes0) / s, probe.percentile(0.50), probe.percentile(0.99), probe.max(),
            probe.latenessMs.size());
        std::fflush(stdout);
    };

    phase("tail", {});
    page.filterBar()->lineEdit()->setText(
        QStringLiteral(R"(headers.event-type == "OrderPlaced" || value.amountCents > 50000)"));
    page.filterBar()->apply();
    phase("tail + filter", {});
    QTableView *table = page.tableView();
    phase("tail + filter + selection", [&] {
        // A user clicking through rows while it tails: decode the selected record each time.
        const int rows = model->rowCount();
        if (rows > 0) {
            table->selectRow(rows - 1);
        }
    });
    page.stop();
    std::printf("held %zu records (%.1f MB of %.0f MB budget), dropped %llu; peak RSS %.1f MB\n",
        model->store().size(), double(model->store().memoryUsed()) / 1048576.0,
        double(model->store().memoryBudget()) / 1048576.0,
        static_cast<unsigned long long>(model->store().droppedCount()), double(peakRssKb()) / 1024.0);
    int switches = 0;
    const auto switchTopic = [&] {
        // What a user clicking through the topic tree does: each click lets the running consumer
        // go (without waiting for it) and starts reading the next topic.
        ++switches;
        if (switches % 2) {
            page.setTopic(otherTopic, otherPartitions);
        } else {
            page.setTopic(topic, 6);
        }
        page.startLiveTail();
    };
    LatenessProbe switching;
    {
        QTimer poke;
        QObject::connect(&poke, &QTimer::timeout, switchTopic);
        poke.start(500);
        switching.run(seconds * 1000);
    }
    // The probe's timer ticks every 1 ms: a gap is its lateness plus that interval.
    std::printf("switch topics every 0.5 s: %d switches, max GUI gap %.1f ms (p99 lateness %.3f ms)\n",
        switches, switching.max() + 1.0, switching.percentile(0.99));
    page.stop();
    setRate(0);
    producer.reset();
    if (std::strcmp(feed, "broker") == 0) {
        // The topic holds ~1.6 M records after a run: it goes with the bench.
        kafka::KafkaError e;
        if (auto admin = kafka::KafkaClient::create(settings, &e)) {
            admin->deleteTopic(topic, std::chrono::seconds(30));
            admin->deleteTopic(otherTopic, std::chrono::seconds(30));
        }
    }
    return 0;
}
