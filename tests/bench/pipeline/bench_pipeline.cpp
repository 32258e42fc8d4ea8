// bench_pipeline: how long the pipeline model takes for a big graph — validation (run after
// every edit in the GUI), save, load, topological order and auto-layout — on a generated DAG of
// 1,000 nodes and 1,500 edges. Prints the median and spread of several runs as a table.
//
// Usage: bench_pipeline [runs]   (default 15)

#include "graphalgorithms.h"
#include "pipelinefile.h"
#include "pipelinemodel.h"
#include "validation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace edis::pipeline;

namespace {

constexpr int kChains = 50;
constexpr int kDiamondsPerChain = 3;
constexpr int kFanWidth = 4;
constexpr int kCrossEdges = 100;

NodeId add(PipelineModel &model, const char *type, const QString &name, const QVariantMap &properties = {})
{
    const NodeId id = model.createNode(QString::fromLatin1(type), name);
    for (auto it = properties.cbegin(); it != properties.cend(); ++it) {
        model.setProperty(id, it.key(), it.value());
    }
    return id;
}

/// 50 chains of: Kafka source → 3 × (fan-out → 4 filters → merge) → Kafka sink; that is
/// 50 × 20 = 1,000 nodes and 50 × 28 = 1,400 edges. 100 cross edges from a fan-out of one
/// chain into a merge of a later stage of another chain make it 1,500 and keep it acyclic
/// (every edge goes to a later stage). The result is a valid pipeline: validation finds nothing.
void generate(PipelineModel &model)
{
    QList<QList<NodeId>> fanOuts(kChains);
    QList<QList<NodeId>> merges(kChains);
    const auto connect = [&model](NodeId from, NodeId to) {
        QString error;
        if (model.connect({from, QStringLiteral("out")}, {to, QStringLiteral("in")}, &error)
            == InvalidEdgeId) {
            qFatal("generator: %s", qPrintable(error));
        }
    };
    for (int c = 0; c < kChains; ++c) {
        NodeId previous = add(model, "kafka-source", QStringLiteral("source %1").arg(c),
            {{QStringLiteral("topic"), QStringLiteral("in.%1").arg(c)}});
        for (int d = 0; d < kDiamondsPerChain; ++d) {
            const NodeId fan = add(model, "fan-out", QStringLiteral("fan %1.%2").arg(c).arg(d));
            const NodeId merge = add(model, "merge", QStringLiteral("merge %1.%2").arg(c).arg(d));
            connect(previous, fan);
            for (int f = 0; f < kFanWidth; ++f) {
                const NodeId filter
                    = add(model, "filter", QStringLiteral("filter %1.%2.%3").arg(c).arg(d).arg(f),
                        {{QStringLiteral("condition"), QStringLiteral("this.n > %1").arg(f)}});
                connect(fan, filter);
                connect(filter, merge);
            }
            fanOuts[c] << fan;
            merges[c] << merge;
            previous = merge;
        }
        const NodeId sink = add(model, "kafka-sink", QStringLiteral("sink %1").arg(c),
            {{QStringLiteral("topic"), QStringLiteral("out.%1").arg(c)}});
        connect(previous, sink);
    }
    for (int i = 0; i < kCrossEdges; ++i) {
        const int fromChain = i % kChains;
        const int toChain
            = (i * 7 + 3) % kChains == fromChain ? (fromChain + 1) % kChains : (i * 7 + 3) % kChains;
        const int stage = (i / kChains) % (kDiamondsPerChain - 1);
        connect(fanOuts[fromChain][stage], merges[toChain][stage + 1]);
    }
    // Positions as a user would have them, so that save and load carry a full layout.
    const Layout layout = autoLayout(model);
    for (auto it = layout.cbegin(); it != layout.cend(); ++it) {
        model.moveNode(it.key(), it.value());
    }
}

struct Stats {
    double median = 0;
    double min = 0;
    double max = 0;
    double cpuMedian = 0;
};

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// Wall-clock median/min/max, and the median CPU time of this thread: on a busy machine the
/// CPU time shows what the work costs, the wall clock what a user would wait.
Stats measure(int runs, const std::function<void()> &work)
{
    QList<double> wall;
    QList<double> cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        const double cpuStart = threadCpuMs();
        timer.start();
        work();
        wall << double(timer.nsecsElapsed()) / 1e6;
        cpu << threadCpuMs() - cpuStart;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall.at(wall.size() / 2), wall.first(), wall.last(), cpu.at(cpu.size() / 2)};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 15;

    PipelineModel model;
    QElapsedTimer buildTimer;
    buildTimer.start();
    generate(model);
    const double buildMs = double(buildTimer.nsecsElapsed()) / 1e6;
    const QList<Problem> problems = validate(model);
    if (!problems.isEmpty()) {
        qFatal("generated pipeline is not clean: %s", qPrintable(problems.first().message));
    }

    ClusterBinding binding;
    for (int c = 0; c < kChains; ++c) {
        binding.topicPartitions.insert(QStringLiteral("in.%1").arg(c), 6);
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.edis.json"));
    FileError error;
    if (!savePipeline(model, path, &error)) {
        qFatal("save: %s", qPrintable(error.message));
    }
    const qint64 fileBytes = QFileInfo(path).size();

    struct Row {
        const char *what;
        Stats stats;
    };
    QList<Row> rows;
    rows.append({"validate", measure(runs, [&] { (void)validate(model); })});
    rows.append({"validate + cluster binding", measure(runs, [&] { (void)validate(model, binding); })});
    rows.append({"topological order", measure(runs, [&] { (void)topologicalOrder(model); })});
    rows.append({"auto-layout", measure(runs, [&] { (void)autoLayout(model); })});
    rows.append({"serialize (no disk)", measure(runs, [&] { (void)serializePipeline(model.document()); })});
    rows.append({"save (QSaveFile)", measure(runs, [&] { savePipeline(model, path, &error); })});
    rows.append({"load (read + parse + reset)", measure(runs, [&] {
                     PipelineModel loaded;
                     if (!loadPipeline(&loaded, path, &error)) {
                         qFatal("load: %s", qPrintable(error.message));
                     }
                 })});
    rows.append({"connect (cycle check)", measure(runs, [&] {
                     // The worst case for the cycle search: from a sink's upstream merge back to a source.
                     model.connectionError(
                         {model.nodeByName(QStringLiteral("merge 0.2")), QStringLiteral("out")},
                         {model.nodeByName(QStringLiteral("merge 0.0")), QStringLiteral("in")});
                 })});

    std::printf("bench_pipeline: %lld nodes, %lld edges, file %lld bytes, %d runs (built in %.1f ms)\n\n",
        static_cast<long long>(model.nodeCount()), static_cast<long long>(model.edgeCount()),
        static_cast<long long>(fileBytes), runs, buildMs);
    std::printf("%-30s %10s %10s %10s %12s\n", "operation", "median ms", "min ms", "max ms", "cpu median");
    for (const Row &row : rows) {
        std::printf("%-30s %10.3f %10.3f %10.3f %12.3f\n", row.what, row.stats.median, row.stats.min,
            row.stats.max, row.stats.cpuMedian);
    }
    return 0;
}
