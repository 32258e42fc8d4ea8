// GUI event-loop latency of the event inspector while it tails the sandbox at a high rate.
//
// The InspectorPage runs offscreen (shown, so the table really paints) and live-tails a sandbox
// topic while the sandbox produces at --rate messages/s across its topics. A 1 ms precise
// QTimer measures how late the GUI thread gets to it: that lateness is what a user feels as
// stutter. Printed per phase: the rate the sandbox reached, messages/s that reached the table,
// model flushes/s, and p50/p99/max lateness. Phase 2 adds a filter expression (evaluated on the
// GUI thread for every appended record); phase 3 also keeps a row selected and scrolls.
//
// Usage: bench_inspector_gui [--rate 50000] [--seconds 15] [--topic orders.events]
// Not a ctest test; build it in Release and run it on a quiet machine.

#include "inspector/filterbar.h"
#include "inspector/inspectorpage.h"
#include "messagetablemodel.h"
#include "sandbox/sandboxcluster.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
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
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rate")) {
            rate = args[i + 1].toDouble();
        } else if (args[i] == QLatin1String("--seconds")) {
            seconds = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--topic")) {
            topic = args[i + 1];
        }
    }

    QString error;
    auto sandbox = sandbox::SandboxCluster::start({}, &error);
    if (!sandbox) {
        std::fprintf(stderr, "sandbox failed: %s\n", qPrintable(error));
        return 1;
    }

    ui::InspectorPage page;
    page.resize(1400, 900);
    page.setConnection(sandbox->connectionSettings());
    page.setTopic(topic, 6);
    page.show();
    inspect::MessageTableModel *model = page.model();
    uint64_t flushes = 0;
    QObject::connect(model, &inspect::MessageTableModel::storeStatsChanged, [&] { ++flushes; });

    std::printf(
        "bench_inspector_gui: tailing %s, sandbox rate set to %.0f msg/s (all topics), %d s per phase\n",
        qPrintable(topic), rate, seconds);
    std::printf("%-28s %12s %12s %9s %9s %9s %9s %8s\n", "phase", "sandbox/s", "table/s", "flush/s", "p50 ms",
        "p99 ms", "max ms", "ticks");

    page.startLiveTail();
    sandbox->setRate(rate);
    LatenessProbe warmUp;
    warmUp.run(3000);

    const auto phase = [&](const char *name, const std::function<void()> &during) {
        const uint64_t produced0 = sandbox->producedCount();
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
            double(sandbox->producedCount() - produced0) / s, double(model->store().endId() - received0) / s,
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
    sandbox->setRate(0);
    return 0;
}
