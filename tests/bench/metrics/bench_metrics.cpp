// bench_metrics: what throughput sampling and plotting cost.
//  (a) sampler: N topics x M partitions on a real broker (EDIS_TEST_KAFKA_BOOTSTRAP or
//      --bootstrap-server), sampled at 1 Hz: round time (median, p95), CPU of the sampling
//      thread and of the whole process (librdkafka's own threads included) as % of one core.
//  (b) plot: S series x P points into ThroughputPlot, one offscreen replot and a pixmap render.
//  (c) history: memory of the bounded history for the plot case and for 2,000 partitions.
// Prints a table; not a test. Run a Release build.

#include "kafka/kafkaclient.h"
#include "metrics/historystore.h"
#include "metrics/offsetsampler.h"
#include "metrics/seriesdownsampler.h"
#include "throughputplot.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QUuid>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

using namespace edis;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return std::nan("");
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(
        std::clamp(p * static_cast<double>(v.size() - 1), 0.0, double(v.size() - 1)));
    return v[i];
}

double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void row(const char *what, const QString &value)
{
    std::printf("| %-58s | %20s |\n", what, value.toUtf8().constData());
}

QString mib(std::size_t bytes)
{
    return QStringLiteral("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

int benchSampler(const QString &bootstrap, int topics, int partitions, int seconds)
{
    kafka::ConnectionSettings settings;
    settings.bootstrapServers = bootstrap;
    kafka::KafkaError error;
    auto admin = kafka::KafkaClient::create(settings, &error);
    if (!admin) {
        std::fprintf(stderr, "bench_metrics: %s\n", qPrintable(error.message));
        return 1;
    }
    const QString prefix
        = QStringLiteral("bench-metrics-%1-").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QStringList names;
    for (int t = 0; t < topics; ++t) {
        kafka::NewTopic topic;
        topic.name = prefix + QString::number(t);
        topic.partitions = partitions;
        if (const auto err = admin->createTopic(topic, std::chrono::seconds(60))) {
            std::fprintf(
                stderr, "bench_metrics: create %s: %s\n", qPrintable(topic.name), qPrintable(err.message));
            return 1;
        }
        names << topic.name;
    }
    auto sampler = metrics::OffsetSampler::create(settings, &error);
    metrics::SamplerOptions options;
    options.topics = names;
    sampler->setOptions(options);
    // Warm up until the broker has created every partition (it answers "not leader" for the
    // ones it has not) and the sampler's metadata knows them all.
    const auto warmUpUntil = Clock::now() + std::chrono::seconds(120);
    int warmUpRounds = 0;
    while (Clock::now() < warmUpUntil) {
        const metrics::SampleRound round = sampler->sampleOnce();
        ++warmUpRounds;
        int unknown = 0;
        for (const auto &t : round.topics) {
            unknown += t.unknownPartitions;
        }
        if (!round.error && round.partitionCount == topics * partitions && unknown == 0) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    std::printf("warm-up: %d rounds until all %d partitions answered\n", warmUpRounds, topics * partitions);
    std::vector<double> roundMs;
    double threadCpuNs = 0;
    int partitionsSeen = 0;
    int failures = 0;
    QString firstError;
    const double cpuStart = processCpuSeconds();
    const auto start = Clock::now();
    auto next = start;
    for (int i = 0; i < seconds; ++i) {
        const metrics::SampleRound round = sampler->sampleOnce();
        if (round.error) {
            ++failures;
            if (firstError.isEmpty()) {
                firstError = round.error.message;
            }
        }
        roundMs.push_back(round.roundMs);
        threadCpuNs += static_cast<double>(round.threadCpuNs);
        partitionsSeen = round.partitionCount;
        next += std::chrono::seconds(1);
        std::this_thread::sleep_until(next);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const double processCpu = processCpuSeconds() - cpuStart;

    std::printf("\n(a) sampler: %d topics x %d partitions, 1 Hz for %d s, offsets via %s\n", topics,
        partitions, seconds, qPrintable(metrics::methodName(sampler->method())));
    std::printf("| %-58s | %20s |\n|%s|%s|\n", "measure", "value", std::string(60, '-').c_str(),
        std::string(22, '-').c_str());
    row("partitions per round", QString::number(partitionsSeen));
    row("rounds / failed", QStringLiteral("%1 / %2").arg(roundMs.size()).arg(failures));
    if (!firstError.isEmpty()) {
        row("first failure", firstError.left(20));
        std::printf("first failure: %s\n", qPrintable(firstError));
    }
    row("round time, median", QStringLiteral("%1 ms").arg(percentile(roundMs, 0.5), 0, 'f', 1));
    row("round time, p95", QStringLiteral("%1 ms").arg(percentile(roundMs, 0.95), 0, 'f', 1));
    row("sampling thread CPU (CLOCK_THREAD_CPUTIME_ID), % of a core",
        QStringLiteral("%1 %").arg(100.0 * threadCpuNs / 1e9 / wall, 0, 'f', 2));
    row("whole process CPU incl. librdkafka threads, % of a core",
        QStringLiteral("%1 %").arg(100.0 * processCpu / wall, 0, 'f', 2));

    for (const QString &name : names) {
        admin->deleteTopic(name, std::chrono::seconds(30));
    }
    return 0;
}

void benchPlot(int seriesCount, int points)
{
    widgets::ThroughputPlot plot;
    plot.resize(1600, 900);
    const double start = 1'700'000'000.0;
    QList<double> keys;
    keys.reserve(points);
    for (int i = 0; i < points; ++i) {
        keys << start + i;
    }
    std::vector<QList<double>> values(static_cast<std::size_t>(seriesCount));
    for (int s = 0; s < seriesCount; ++s) {
        auto &v = values[static_cast<std::size_t>(s)];
        v.reserve(points);
        for (int i = 0; i < points; ++i) {
            v << 100.0 * (s + 1) + 50.0 * std::sin(i / 300.0 + s);
        }
        plot.addSeries(QStringLiteral("s%1").arg(s), QStringLiteral("topic-%1").arg(s));
    }
    QElapsedTimer timer;
    timer.start();
    for (int s = 0; s < seriesCount; ++s) {
        plot.setSeriesData(QStringLiteral("s%1").arg(s), keys, values[static_cast<std::size_t>(s)]);
    }
    const double feedMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    plot.setNow(start + points - 1);
    plot.setTimeWindow(widgets::ThroughputPlot::TimeWindow::OneDay);
    plot.replotNow(); // first one lays out
    std::vector<double> replotMs;
    std::vector<double> pixmapMs;
    for (int i = 0; i < 5; ++i) {
        timer.restart();
        plot.replotNow();
        replotMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        const QPixmap pixmap = plot.customPlot()->toPixmap(1600, 900);
        pixmapMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    // What the page hands over instead: the same day averaged to 3,000 points per series.
    for (int s = 0; s < seriesCount; ++s) {
        QList<double> k = keys;
        QList<double> v = values[static_cast<std::size_t>(s)];
        metrics::downsampleByAverage(k, v, 3000);
        plot.setSeriesData(QStringLiteral("s%1").arg(s), k, v);
    }
    std::vector<double> reducedMs;
    for (int i = 0; i < 5; ++i) {
        timer.restart();
        plot.replotNow();
        reducedMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }

    std::printf("\n(b) plot: %d series x %d points, 1600x900, offscreen\n", seriesCount, points);
    std::printf("| %-58s | %20s |\n|%s|%s|\n", "measure", "value", std::string(60, '-').c_str(),
        std::string(22, '-').c_str());
    row("bulk feed of all series (setData, sorted)", QStringLiteral("%1 ms").arg(feedMs, 0, 'f', 1));
    row("replot (rpImmediateRefresh), median of 5",
        QStringLiteral("%1 ms").arg(percentile(replotMs, 0.5), 0, 'f', 1));
    row("render to a pixmap (toPixmap), median of 5",
        QStringLiteral("%1 ms").arg(percentile(pixmapMs, 0.5), 0, 'f', 1));
    row("replot with 3,000 averaged points per series, median",
        QStringLiteral("%1 ms").arg(percentile(reducedMs, 0.5), 0, 'f', 1));
}

void benchHistory(int seriesCount, int rounds, int partitionSeries)
{
    std::printf(
        "\n(c) history (bounded ring buffers; topics 24 h at 1 s + 30 d at 1 min, partitions 1 h + 24 h)\n");
    std::printf("| %-58s | %20s |\n|%s|%s|\n", "measure", "value", std::string(60, '-').c_str(),
        std::string(22, '-').c_str());
    {
        metrics::HistoryStore history;
        const qint64 start = 1'700'000'000'000;
        metrics::SampleRound round;
        for (int s = 0; s < seriesCount; ++s) {
            metrics::TopicRate t;
            t.topic = QStringLiteral("topic-%1").arg(s);
            round.topics.push_back(t);
        }
        QElapsedTimer timer;
        timer.start();
        for (int r = 0; r < rounds; ++r) {
            round.wallTimeMs = start + qint64(r) * 1000;
            for (auto &t : round.topics) {
                t.messagesPerSecond = r % 1000;
            }
            history.append(round);
        }
        const double perRoundUs = static_cast<double>(timer.nsecsElapsed()) / 1e3 / rounds;
        row(qPrintable(QStringLiteral("%1 topic series after %2 rounds").arg(seriesCount).arg(rounds)),
            mib(history.memoryBytes()));
        row("append one round of those series", QStringLiteral("%1 us").arg(perRoundUs, 0, 'f', 1));
        timer.restart();
        const auto data = history.series(
            metrics::SeriesKey::topicRate("topic-0"), 0, start + qint64(rounds) * 1000, 3000);
        row("read a day of one series, averaged to 3,000 points",
            QStringLiteral("%1 ms").arg(static_cast<double>(timer.nsecsElapsed()) / 1e6, 0, 'f', 2));
    }
    if (partitionSeries > 0) {
        metrics::HistoryStore history;
        metrics::SampleRound round;
        metrics::TopicRate t;
        t.topic = QStringLiteral("wide");
        t.messagesPerSecond = 1;
        for (int p = 0; p < partitionSeries; ++p) {
            t.partitions.push_back({p, 0, 1.0});
        }
        round.topics.push_back(t);
        const int partitionRounds = 2 * 3600; // 2 h: the fine tier of a partition (1 h) is full
        for (int r = 0; r < partitionRounds; ++r) {
            round.wallTimeMs = 1'700'000'000'000 + qint64(r) * 1000;
            history.append(round);
        }
        const auto &detail = history.config().detail;
        const std::size_t fullCoarse
            = static_cast<std::size_t>(partitionSeries) * static_cast<std::size_t>(detail.coarseCapacity) * 8;
        row(qPrintable(QStringLiteral("%1 partition series after 2 h").arg(partitionSeries)),
            mib(history.memoryBytes()));
        row("  + their 1-min tier once full (24 h), computed", mib(fullCoarse));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Throughput sampling and plotting costs."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bootstrap-server"),
            QStringLiteral("Broker for (a); default $EDIS_TEST_KAFKA_BOOTSTRAP."),
            QStringLiteral("host:port")},
        {QStringLiteral("topics"), QStringLiteral("Topics for (a), default 20."), QStringLiteral("n"),
            QStringLiteral("20")},
        {QStringLiteral("partitions"), QStringLiteral("Partitions per topic for (a), default 100."),
            QStringLiteral("n"), QStringLiteral("100")},
        {QStringLiteral("seconds"), QStringLiteral("Duration of (a), default 30."), QStringLiteral("s"),
            QStringLiteral("30")},
        {QStringLiteral("series"), QStringLiteral("Series for (b), default 50."), QStringLiteral("n"),
            QStringLiteral("50")},
        {QStringLiteral("points"), QStringLiteral("Points per series for (b), default 86400."),
            QStringLiteral("n"), QStringLiteral("86400")},
    });
    parser.process(app);
    QString bootstrap = parser.value(QStringLiteral("bootstrap-server"));
    if (bootstrap.isEmpty()) {
        bootstrap = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
    }
    int rc = 0;
    if (bootstrap.isEmpty()) {
        std::printf("(a) skipped: no broker (set EDIS_TEST_KAFKA_BOOTSTRAP or --bootstrap-server)\n");
    } else {
        rc = benchSampler(bootstrap, parser.value(QStringLiteral("topics")).toInt(),
            parser.value(QStringLiteral("partitions")).toInt(),
            parser.value(QStringLiteral("seconds")).toInt());
    }
    const int series = parser.value(QStringLiteral("series")).toInt();
    const int points = parser.value(QStringLiteral("points")).toInt();
    benchPlot(series, points);
    benchHistory(series, points,
        parser.value(QStringLiteral("topics")).toInt() * parser.value(QStringLiteral("partitions")).toInt());
    return rc;
}
