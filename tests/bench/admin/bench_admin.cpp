// bench_admin: what browsing a big cluster costs.
//  (a) list topics: 1,000 one-partition topics (created first, one CreateTopics each).
//  (b) describe 10,000 partitions: 100 topics × 100 partitions, metadata + low/high watermarks.
// Each is timed through edis_core in-process, through the edis CLI (a process per run), and
// through the seed's anchors in the same run: TopicCommand (via tests/services/kafka.sh
// run-class) and kcat -L (metadata only: kcat has no watermark listing for all partitions).
// Also: batched offsets_for_times vs one rd_kafka_query_watermark_offsets per partition.
// Prints a table (median of --runs). Not a test. Run a Release build.

#include "kafka/kafkaclient.h"
#include "kafka/topicadmin.h"

// One raw offsets_for_times call with the whole list: what the kafka layer avoids.
#include <librdkafka/rdkafka.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

using namespace edis;
using namespace std::chrono_literals;

namespace {

double median(std::vector<double> v)
{
    if (v.empty()) {
        return -1;
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Runs `work` `runs` times; returns the median wall time in ms (-1 when any run failed).
double timeIt(int runs, const std::function<bool()> &work)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        if (!work()) {
            return -1;
        }
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    return median(ms);
}

/// Runs a program; true when it exited 0. Its output is counted in lines into *lines.
bool runProgram(const QString &program, const QStringList &args, qsizetype *lines = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(600'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(
            stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().left(400).constData());
        return false;
    }
    if (lines) {
        *lines = p.readAllStandardOutput().count('\n');
    }
    return true;
}

/// Creates `topics` one request each (the client's only create; an existing one is fine).
bool createAll(kafka::KafkaClient &client, const QList<kafka::NewTopic> &topics)
{
    for (const kafka::NewTopic &topic : topics) {
        const kafka::KafkaError err = client.createTopic(topic, 120s);
        if (err && err.kind != kafka::KafkaError::Kind::TopicAlreadyExists) {
            std::fprintf(stderr, "create %s: %s\n", qPrintable(topic.name), qPrintable(err.message));
            return false;
        }
    }
    return true;
}

/// Waits until metadata shows `count` topics with `prefix` and all their partitions have leaders.
bool waitForTopics(kafka::KafkaClient &client, const QString &prefix, int count, int partitions)
{
    for (int attempt = 0; attempt < 600; ++attempt) {
        const auto md = client.fetchMetadata(30s);
        int ready = 0;
        for (const auto &t : md.value.topics) {
            if (t.name.startsWith(prefix) && t.partitions.size() == partitions
                && std::none_of(
                    t.partitions.cbegin(), t.partitions.cend(), [](const auto &p) { return p.offline(); })) {
                ++ready;
            }
        }
        if (ready == count) {
            return true;
        }
        std::this_thread::sleep_for(500ms);
    }
    return false;
}

void row(const char *what, const char *how, double ms, const QString &note = {})
{
    if (ms < 0) {
        std::printf("| %-34s | %-44s | %10s | %s\n", what, how, "failed", qPrintable(note));
    } else {
        std::printf("| %-34s | %-44s | %10.1f | %s\n", what, how, ms, qPrintable(note));
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times topic listing and describing on a real broker."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bootstrap-server"), QStringLiteral("Broker (default: $EDIS_TEST_KAFKA_BOOTSTRAP)."),
            QStringLiteral("host:port")},
        {QStringLiteral("runs"), QStringLiteral("Runs per measurement (median reported)."),
            QStringLiteral("n"), QStringLiteral("3")},
        {QStringLiteral("list-topics"), QStringLiteral("Topics for the listing case."), QStringLiteral("n"),
            QStringLiteral("1000")},
        {QStringLiteral("describe-topics"), QStringLiteral("Topics for the describe case."),
            QStringLiteral("n"), QStringLiteral("100")},
        {QStringLiteral("partitions"), QStringLiteral("Partitions per topic for the describe case."),
            QStringLiteral("n"), QStringLiteral("100")},
        {QStringLiteral("keep"), QStringLiteral("Do not delete the created topics.")},
        {QStringLiteral("edis"), QStringLiteral("The edis CLI to time (default: the one of this build)."),
            QStringLiteral("path"), QStringLiteral(EDIS_CLI)},
    });
    parser.process(app);
    const QString bootstrap = parser.isSet(QStringLiteral("bootstrap-server"))
        ? parser.value(QStringLiteral("bootstrap-server"))
        : qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
    if (bootstrap.isEmpty()) {
        std::fprintf(stderr, "bench_admin: give --bootstrap-server or set EDIS_TEST_KAFKA_BOOTSTRAP\n");
        return 2;
    }
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int listCount = parser.value(QStringLiteral("list-topics")).toInt();
    const int describeCount = parser.value(QStringLiteral("describe-topics")).toInt();
    const int partitions = parser.value(QStringLiteral("partitions")).toInt();

    kafka::ConnectionSettings settings;
    settings.bootstrapServers = bootstrap;
    kafka::KafkaError error;
    auto client = kafka::KafkaClient::create(settings, &error);
    if (!client) {
        std::fprintf(stderr, "bench_admin: %s\n", qPrintable(error.message));
        return 3;
    }
    const QString run = QUuid::createUuid().toString(QUuid::Id128).left(6);
    const QString listPrefix = QStringLiteral("bench.list.%1.").arg(run);
    const QString describePrefix = QStringLiteral("bench.describe.%1.").arg(run);

    QList<kafka::NewTopic> listTopics;
    for (int i = 0; i < listCount; ++i) {
        listTopics.push_back({listPrefix + QString::number(i).rightJustified(4, QLatin1Char('0')), 1, 1, {}});
    }
    QList<kafka::NewTopic> describeTopics;
    QStringList describeNames;
    for (int i = 0; i < describeCount; ++i) {
        describeTopics.push_back(
            {describePrefix + QString::number(i).rightJustified(3, QLatin1Char('0')), partitions, 1, {}});
        describeNames.push_back(describeTopics.back().name);
    }

    QElapsedTimer setup;
    setup.start();
    if (!createAll(*client, listTopics) || !waitForTopics(*client, listPrefix, listCount, 1)) {
        return 1;
    }
    const auto createListMs = static_cast<double>(setup.restart());
    if (!createAll(*client, describeTopics)
        || !waitForTopics(*client, describePrefix, describeCount, partitions)) {
        return 1;
    }
    const auto createDescribeMs = static_cast<double>(setup.elapsed());

    const auto md = client->fetchMetadata(30s);
    const int totalTopics = static_cast<int>(md.value.topics.size());
    const int totalPartitions = md.value.partitionCount();
    std::printf("\nbench_admin: broker %s, %d topics / %d partitions on the cluster, median of %d run(s)\n",
        qPrintable(bootstrap), totalTopics, totalPartitions, runs);
    std::printf("setup: %d×1-partition topics created in %.0f ms (one request each); %d×%d in %.0f "
                "ms\n\n",
        listCount, createListMs, describeCount, partitions, createDescribeMs);
    std::printf("| %-34s | %-44s | %10s | %s\n", "case", "how", "ms", "note");
    std::printf("|%s|%s|%s|------\n", QByteArray(36, '-').constData(), QByteArray(46, '-').constData(),
        QByteArray(12, '-').constData());

    const QString kafkaSh = QStringLiteral(EDIS_KAFKA_SH);
    const QString cli = parser.value(QStringLiteral("edis"));
    const QString topicCommand = QStringLiteral("org.apache.kafka.tools.TopicCommand");

    // (a) list all topics.
    qsizetype lines = 0;
    row("list topics (all)", "edis_core fetchMetadata (in-process)",
        timeIt(runs, [&] { return client->fetchMetadata(30s).ok(); }));
    const double cliList = timeIt(runs, [&] {
        return runProgram(cli, {"topics", "--bootstrap-server", bootstrap, "--list"}, &lines);
    });
    row("list topics (all)", "edis topics --list (process)", cliList, QStringLiteral("%1 lines").arg(lines));
    const double tcList = timeIt(runs, [&] {
        return runProgram(
            kafkaSh, {"run-class", topicCommand, "--bootstrap-server", bootstrap, "--list"}, &lines);
    });
    row("list topics (all)", "kafka.sh run-class TopicCommand --list", tcList,
        QStringLiteral("%1 lines").arg(lines));
    const double kcatList = timeIt(runs, [&] { return runProgram("kcat", {"-b", bootstrap, "-L"}, &lines); });
    row("list topics (all)", "kcat -L", kcatList, QStringLiteral("%1 lines (with partitions)").arg(lines));

    // (b) describe the 100×100 topics: metadata + watermarks of every partition.
    int64_t messages = -1;
    row("describe 10,000 partitions", "edis_core describeTopics (in-process)",
        timeIt(runs,
            [&] {
                const auto d = kafka::describeTopics(*client, describeNames, 60s);
                if (!d.ok() || d.value.size() != describeCount) {
                    std::fprintf(stderr, "describeTopics: %d topics, %s\n", int(d.value.size()),
                        qPrintable(d.error.message));
                }
                messages = 0;
                for (const auto &t : d.value) {
                    messages += t.messageCount();
                }
                return d.ok() && d.value.size() == describeCount;
            }),
        QStringLiteral("metadata + watermarks"));
    QList<kafka::TopicInfo> infos;
    for (const auto &t : md.value.topics) {
        if (t.name.startsWith(describePrefix)) {
            infos.push_back(t);
        }
    }
    row("describe 10,000 partitions", "  of which fetchWatermarks (2 batched rounds)",
        timeIt(runs, [&] { return kafka::fetchWatermarks(*client, infos, 60s).ok(); }),
        QStringLiteral("offsets_for_times -2/-1"));
    row("describe 10,000 partitions", "  one offsets_for_times call, all partitions",
        timeIt(1,
            [&] {
                // What fetchWatermarks avoids by chunking: one call with the whole list.
                const std::unique_ptr<rd_kafka_topic_partition_list_t,
                    decltype(&rd_kafka_topic_partition_list_destroy)>
                    list(rd_kafka_topic_partition_list_new(partitions * describeCount),
                        &rd_kafka_topic_partition_list_destroy);
                for (const auto &t : infos) {
                    const QByteArray name = t.name.toUtf8();
                    for (const auto &p : t.partitions) {
                        rd_kafka_topic_partition_list_add(list.get(), name.constData(), p.id)->offset
                            = RD_KAFKA_OFFSET_END;
                    }
                }
                return rd_kafka_offsets_for_times(client->handle(), list.get(), 60000)
                    == RD_KAFKA_RESP_ERR_NO_ERROR;
            }),
        QStringLiteral("1 run, latest only (one of the two rounds)"));
    row("describe 10,000 partitions", "  per-partition query_watermark_offsets",
        timeIt(1,
            [&] {
                for (const auto &t : infos) {
                    const QByteArray name = t.name.toUtf8();
                    for (const auto &p : t.partitions) {
                        int64_t low = -1;
                        int64_t high = -1;
                        if (rd_kafka_query_watermark_offsets(
                                client->handle(), name.constData(), p.id, &low, &high, 10000)) {
                            return false;
                        }
                    }
                }
                return true;
            }),
        QStringLiteral("1 run: the alternative, one blocking round trip each"));
    QStringList describeArgs {"topics", "--bootstrap-server", bootstrap, "--describe", "--exclude-internal"};
    const double cliDescribe = timeIt(runs, [&] { return runProgram(cli, describeArgs, &lines); });
    row("describe all topics", "edis topics --describe (process)", cliDescribe,
        QStringLiteral("%1 lines, with watermarks").arg(lines));
    const double tcDescribe = timeIt(runs, [&] {
        return runProgram(kafkaSh,
            {"run-class", topicCommand, "--bootstrap-server", bootstrap, "--describe", "--exclude-internal"},
            &lines);
    });
    row("describe all topics", "kafka.sh run-class TopicCommand --describe", tcDescribe,
        QStringLiteral("%1 lines, no watermarks").arg(lines));
    row("describe all topics", "kcat -L", kcatList,
        QStringLiteral("same as above: kcat -L is the describe too"));
    std::printf(
        "\n(messages counted in the describe topics: %lld; all topics are empty, so watermarks are 0/0)\n",
        static_cast<long long>(messages));

    if (!parser.isSet(QStringLiteral("keep"))) {
        QStringList all = describeNames;
        for (const auto &t : listTopics) {
            all.push_back(t.name);
        }
        for (const QString &name : std::as_const(all)) {
            client->deleteTopic(name, 120s);
        }
    }
    return 0;
}
