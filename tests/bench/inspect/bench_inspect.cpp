// Consumption and filtering figures for the event inspector, against a real broker:
//   1. produce N ~200-byte JSON records into a fresh topic (in a child process);
//   2. kcat -C -e reads them (the reference rate);
//   3. EDIS reads them through the worker thread into the store and the table model, decoding
//      value previews the way a tailing view does;
//   4. peak RSS of that phase against the payload bytes held;
//   5. filter expressions over all held records;
//   6. a whole-topic search (filter on the worker, only matches kept).
// Usage: bench_inspect [--bootstrap-server B] [--messages N] [--partitions P] [--scan-topic T]
//                      [--consume-only 1]   (stop after step 4, e.g. to profile it)
//                      [--copy-batches 1]   (the store copies every read instead of adopting it)

#include "consumersession.h"
#include "decoderregistry.h"
#include "kafka/kafkaclient.h"
#include "messageconsumer.h"
#include "messagetablemodel.h"
#include "recordproducer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QUuid>

#include <cstdio>

#include <sys/resource.h>

using namespace edis;
using namespace edis::inspect;

namespace {

long statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(qsizetype(std::strlen(field))).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

void resetPeakRss()
{
    // Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so each phase gets its own peak.
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write("5");
    }
}

QByteArray record(int64_t i)
{
    static const char *statuses[] = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    QByteArray v = QByteArray(R"({"orderId":)") + QByteArray::number(i) + R"(,"customerId":)"
        + QByteArray::number(1000 + i % 9973) + R"(,"status":")" + statuses[i % 5] + R"(","amount":)"
        + QByteArray::number(double(i % 100000) / 100.0, 'f', 2)
        + R"(,"currency":"EUR","items":[{"sku":"SKU-)" + QByteArray::number(i % 5000) + R"(","qty":)"
        + QByteArray::number(1 + i % 4) + R"(}],"note":")";
    v += QByteArray(std::max<qsizetype>(0, 196 - v.size()), 'n');
    v += "\"}";
    return v;
}

/// Page faults and context switches of this process (all its threads).
struct Interruptions {
    long minorFaults = 0;
    long voluntarySwitches = 0;
    long involuntarySwitches = 0;
};
Interruptions interruptions()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return {usage.ru_minflt, usage.ru_nvcsw, usage.ru_nivcsw};
}

/// CPU seconds (user + system) of this process, or of its waited-for children.
double cpuSeconds(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void row(const char *what, const QString &value)
{
    std::printf("%-58s %s\n", what, value.toUtf8().constData());
}

/// Step 1, run in a child process (--produce-into T) so that the producer's buffers are not
/// in the allocator of the process whose consume phase is measured. Prints the payload bytes.
int produceInto(
    const kafka::ConnectionSettings &settings, const QString &topic, int64_t messages, int partitions)
{
    {
        kafka::KafkaError error;
        auto client = kafka::KafkaClient::create(settings, &error);
        kafka::NewTopic t;
        t.name = topic;
        t.partitions = partitions;
        if (!client || client->createTopic(t, std::chrono::seconds(30))) {
            std::fprintf(stderr, "bench_inspect: cannot create topic %s\n", qPrintable(topic));
            return 1;
        }
    }
    uint64_t payloadBytes = 0;
    {
        RecordProducer producer;
        if (producer.open(settings,
                {{"linger.ms", "50"}, {"batch.size", "1000000"}, {"queue.buffering.max.messages", "1000000"},
                    {"acks", "1"}})) {
            return 1;
        }
        kafka::OutgoingMessage m;
        m.topic = topic.toStdString();
        for (int64_t i = 0; i < messages; ++i) {
            m.key = QByteArray::number(i);
            m.value = record(i);
            payloadBytes += uint64_t(m.key->size() + m.value->size());
            if (producer.produce(m)) {
                return 1;
            }
        }
        if (const auto err = producer.flush(std::chrono::minutes(5))) {
            std::fprintf(stderr, "bench_inspect: produce failed: %s\n", qPrintable(err.message));
            return 1;
        }
    }
    std::printf("%llu\n", static_cast<unsigned long long>(payloadBytes));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString bootstrap = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
    int64_t messages = 1'000'000;
    int partitions = 3;
    QString scanTopic;
    QString produceTopic;
    bool consumeOnly = false;
    bool copyBatches = false;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--bootstrap-server")) {
            bootstrap = args[i + 1];
        } else if (args[i] == QLatin1String("--messages")) {
            messages = args[i + 1].toLongLong();
        } else if (args[i] == QLatin1String("--partitions")) {
            partitions = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--scan-topic")) {
            scanTopic = args[i + 1];
        } else if (args[i] == QLatin1String("--produce-into")) {
            produceTopic = args[i + 1];
        } else if (args[i] == QLatin1String("--consume-only")) {
            consumeOnly = args[i + 1] != QLatin1String("0");
        } else if (args[i] == QLatin1String("--copy-batches")) {
            copyBatches = args[i + 1] != QLatin1String("0");
        }
    }
    if (bootstrap.isEmpty()) {
        std::fprintf(stderr, "bench_inspect: set EDIS_TEST_KAFKA_BOOTSTRAP or pass --bootstrap-server\n");
        return 2;
    }
    kafka::ConnectionSettings settings;
    settings.bootstrapServers = bootstrap;
    if (!produceTopic.isEmpty()) {
        return produceInto(settings, produceTopic, messages, partitions);
    }
    const QString topic
        = QStringLiteral("bench-inspect-") + QUuid::createUuid().toString(QUuid::Id128).left(8);

    // The topic (a few hundred MB on the broker per run) goes when the bench ends, however it ends.
    struct TopicCleanup {
        const kafka::ConnectionSettings &settings;
        const QString &topic;
        ~TopicCleanup()
        {
            kafka::KafkaError error;
            if (auto client = kafka::KafkaClient::create(settings, &error)) {
                client->deleteTopic(topic, std::chrono::seconds(30));
            }
        }
    } cleanup {settings, topic};

    // 1. Produce, in a child process.
    QElapsedTimer timer;
    timer.start();
    uint64_t payloadBytes = 0;
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--produce-into"), topic, QStringLiteral("--messages"), QString::number(messages),
                QStringLiteral("--partitions"), QString::number(partitions),
                QStringLiteral("--bootstrap-server"), bootstrap});
        child.waitForFinished(-1);
        bool ok = false;
        payloadBytes = child.readAllStandardOutput().trimmed().toULongLong(&ok);
        if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0 || !ok) {
            std::fprintf(stderr, "bench_inspect: producing into %s failed\n", qPrintable(topic));
            return 1;
        }
    }
    const double produceSeconds = double(timer.elapsed()) / 1000.0;
    std::printf("\nEDIS inspector benchmark — topic %s, %lld records, %d partitions, %.1f MB key+value\n\n",
        qPrintable(topic), static_cast<long long>(messages), partitions, double(payloadBytes) / 1e6);
    row("produce (librdkafka, linger 50 ms)",
        QStringLiteral("%1 s, %2 msg/s")
            .arg(produceSeconds, 0, 'f', 2)
            .arg(double(messages) / produceSeconds, 0, 'f', 0));

    // 2. kcat.
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    double kcatCpu = 0;
    if (!kcat.isEmpty()) {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
        timer.restart();
        p.start(kcat,
            {QStringLiteral("-C"), QStringLiteral("-e"), QStringLiteral("-o"), QStringLiteral("beginning"),
                QStringLiteral("-q"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic});
        p.waitForFinished(-1);
        const double s = double(timer.elapsed()) / 1000.0;
        kcatCpu = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore;
        row("kcat -C -e -o beginning -q > /dev/null",
            QStringLiteral("%1 s, %2 msg/s, CPU %3 s")
                .arg(s, 0, 'f', 2)
                .arg(double(messages) / s, 0, 'f', 0)
                .arg(kcatCpu, 0, 'f', 2));
    } else {
        row("kcat", QStringLiteral("not installed"));
    }

    // 3. EDIS: worker thread → staged batches → model, previews decoded for a tailing view.
    resetPeakRss();
    const long rssBefore = statusKb("VmRSS:");
    MessageTableModel model;
    model.setMemoryBudget(std::size_t(4) << 30);
    ConsumerSession session;
    uint64_t flushes = 0;
    qint64 previewNs = 0;
    constexpr int kVisibleRows = 60;
    QObject::connect(
        &session, &ConsumerSession::batchesReady, &model, [&](std::vector<MessageBatch> &batches) {
            if (copyBatches) {
                model.appendBatches(batches);
            } else {
                model.adoptBatches(batches);
            }
            ++flushes;
            // A tailing view shows the newest rows: format their preview and key, as paint would.
            QElapsedTimer t;
            t.start();
            const int rows = model.rowCount();
            for (int r = std::max(0, rows - kVisibleRows); r < rows; ++r) {
                model.data(model.index(r, MessageTableModel::ValueColumn));
                model.data(model.index(r, MessageTableModel::KeyColumn));
                model.data(model.index(r, MessageTableModel::TimestampColumn));
            }
            previewNs += t.nsecsElapsed();
        });
    QEventLoop loop;
    QObject::connect(&session, &ConsumerSession::finished, &loop, &QEventLoop::quit);
    ConsumeRequest request;
    request.connection = settings;
    request.topics.push_back({topic, StartPosition::beginning(), {}});
    request.stopAtEnd = true;
    timer.restart();
    const double cpuBefore = cpuSeconds(RUSAGE_SELF);
    const Interruptions before = interruptions();
    session.start(request);
    loop.exec();
    const double edisSeconds = double(timer.elapsed()) / 1000.0;
    const double edisCpu = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    const Interruptions after = interruptions();
    const long peakKb = statusKb("VmHWM:");
    row("EDIS consume → store + model (worker, batched)",
        QStringLiteral("%1 s, %2 msg/s, %3 flushes (%4/s)")
            .arg(edisSeconds, 0, 'f', 2)
            .arg(double(model.rowCount()) / edisSeconds, 0, 'f', 0)
            .arg(flushes)
            .arg(double(flushes) / edisSeconds, 0, 'f', 1));
    row("  of which: visible-row formatting (60 rows per flush)",
        QStringLiteral("%1 ms total").arg(double(previewNs) / 1e6, 0, 'f', 1));
    row("  CPU (all threads: librdkafka, consumer, GUI) / kcat's",
        QStringLiteral("%1 s / %2 s (%3 µs per record / %4)")
            .arg(edisCpu, 0, 'f', 2)
            .arg(kcatCpu, 0, 'f', 2)
            .arg(edisCpu * 1e6 / double(std::max(1, model.rowCount())), 0, 'f', 2)
            .arg(kcatCpu * 1e6 / double(std::max<int64_t>(1, messages)), 0, 'f', 2));
    row("  page faults / context switches (voluntary, involuntary)",
        QStringLiteral("%1 / %2, %3")
            .arg(after.minorFaults - before.minorFaults)
            .arg(after.voluntarySwitches - before.voluntarySwitches)
            .arg(after.involuntarySwitches - before.involuntarySwitches));
    row("  records held", QString::number(model.rowCount()));
    row("  store memory used / payload held",
        QStringLiteral("%1 MB / %2 MB (%3 B overhead per record)")
            .arg(double(model.store().memoryUsed()) / 1e6, 0, 'f', 1)
            .arg(double(model.store().payloadBytes()) / 1e6, 0, 'f', 1)
            .arg(double(model.store().memoryUsed() - model.store().payloadBytes())
                    / double(std::max(1, model.rowCount())),
                0, 'f', 1));
    // The issue's bound, 1.3 x payload + 60 MB, in the MiB that VmHWM is reported in.
    const double boundMiB = (1.3 * double(payloadBytes) + 60e6) / 1048576.0;
    row("  peak RSS of the consume phase (VmHWM) / before",
        QStringLiteral("%1 MiB / %2 MiB (payload %3 MiB; bound 1.3 x payload + 60 MB = %4 MiB)")
            .arg(double(peakKb) / 1024.0, 0, 'f', 1)
            .arg(double(rssBefore) / 1024.0, 0, 'f', 1)
            .arg(double(payloadBytes) / 1048576.0, 0, 'f', 1)
            .arg(boundMiB, 0, 'f', 1));

    if (consumeOnly) {
        return 0;
    }

    // Every row's preview once (what scrolling through everything would cost).
    timer.restart();
    qint64 chars = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        chars += model.data(model.index(r, MessageTableModel::ValueColumn)).toString().size();
    }
    row("preview of every row once (data(), JSON decoder)",
        QStringLiteral("%1 s (%2 µs/row)")
            .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2)
            .arg(double(timer.nsecsElapsed()) / 1000.0 / std::max(1, model.rowCount()), 0, 'f', 2));

    // 5. Filters over everything held.
    const QStringList filters = {
        QStringLiteral(R"(value.status == "PAID")"),
        QStringLiteral("value.amount > 500"),
        QStringLiteral(R"(value.items[0].sku == "SKU-42" && partition == 0)"),
        QStringLiteral(R"(key contains "4242")"),
        QStringLiteral(R"(value.status matches /^SHIP/)"),
    };
    for (const QString &f : filters) {
        timer.restart();
        const FilterError error = model.setFilterText(f);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (error.isError()) {
            row(qPrintable(f), error.describe());
            continue;
        }
        const QString label = QStringLiteral("filter %1").arg(f);
        row(label.toUtf8().constData(),
            QStringLiteral("%1 ms, %2 matches").arg(ms, 0, 'f', 1).arg(model.rowCount()));
    }
    model.setFilterText(QString());

    // 6. Whole-topic search: the filter runs on the consumer thread, only matches are kept.
    {
        ConsumeRequest scan = request;
        if (!scanTopic.isEmpty()) {
            scan.topics[0].topic = scanTopic;
        }
        FilterError error;
        scan.filter = FilterExpression::parse(
            QStringLiteral(R"(value.status == "CANCELLED" && value.amount > 900)"), &error);
        MessageConsumer consumer; // as the inspector's worker: no decoder detection per record
        timer.restart();
        if (!consumer.open(scan)) {
            MessageBatch batch;
            while (!consumer.finished()) {
                consumer.poll(batch, std::chrono::milliseconds(100), 10000);
            }
            const double s = double(timer.elapsed()) / 1000.0;
            row("whole-topic search (filter on the consumer thread)",
                QStringLiteral("%1 s, %2 msg/s scanned, %3 matches kept")
                    .arg(s, 0, 'f', 2)
                    .arg(double(consumer.scanned()) / s, 0, 'f', 0)
                    .arg(batch.size()));
        }
    }
    std::printf("\n");
    return 0;
}
