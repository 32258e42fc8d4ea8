// bench_rabbit_stream: reading a RabbitMQ stream of N ~200-byte JSON messages from "first".
//  inspector: the inspector's path as the RabbitMQ page starts it, headless: an
//             InspectorController reading from StreamRecordSource (setRecordSource, setTopic,
//             start from the beginning with stopAtEnd) on its worker thread into the store and
//             the table model, the event loop of this process adopting the flushes, and the
//             rows a tailing view shows formatted after each flush (as bench_inspect does).
//  edis:      amqp::StreamReader into a std::vector<amqp::Message> per chunk (what edis rabbit
//             consume does, and what StreamRecordSource reads with).
//  plain:     the anchor, a rabbitmq-c consumer loop written here (basic.qos with the same
//             prefetch, basic.consume with x-stream-offset, amqp_consume_message, an ack with
//             multiple every prefetch / 2 as StreamReader does, amqp_destroy_envelope).
// Each read runs in a child process of this binary (--only inspector|edis|plain) so that its
// peak RSS is its own; the parent fills the stream when it holds fewer than N (reruns reuse it),
// runs the rounds with the order rotated and prints each round, the medians and the inspector
// beside the plain loop. Not a test.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "amqp/streamreader.h"
#include "inspectorcontroller.h"
#include "messagetablemodel.h"
#include "streamrecordsource.h"

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

using namespace edis;
using namespace std::chrono_literals;

namespace {

constexpr uint16_t kPrefetch = amqp::StreamReader::kDefaultPrefetch;
constexpr int kPublishBatch = 10000;
constexpr qsizetype kBodyBytes = 200;
/// The rows a tailing view shows, formatted after each flush as paint would (bench_inspect's).
constexpr int kVisibleRows = 60;
constexpr auto kInspectorTimeout = 600s;

const QStringList kVariants = {QStringLiteral("inspector"), QStringLiteral("edis"), QStringLiteral("plain")};

struct Figures {
    qint64 messages = 0;
    qint64 bytes = 0; ///< bodies
    double seconds = 0;
    double peakMiB = 0;
    double cpuSeconds = 0; ///< user + system of the whole child process
    double nodeCpuSeconds = -1; ///< what the RabbitMQ node used meanwhile (-1: not known)
    // The inspector's own figures (-1 for the other reads).
    qint64 held = -1; ///< records the store holds at the end
    double firstFlushSeconds = -1; ///< start() to the first flush the model adopted
    qint64 flushes = -1;
    double storeMiB = -1; ///< the store's memory used at the end
    double visibleRowsMs = -1; ///< formatting the visible rows after each flush, in all

    double rate() const { return seconds > 0 ? double(messages) / seconds : 0; }
    double mbPerSecond() const { return seconds > 0 ? double(bytes) / 1e6 / seconds : 0; }
};

double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// CPU seconds the RabbitMQ node ($EDIS_TEST_RABBITMQ_PID, when on this machine) has used; -1
/// when not known.
double nodeCpuSeconds()
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(qEnvironmentVariable("EDIS_TEST_RABBITMQ_PID")));
    if (qEnvironmentVariableIsEmpty("EDIS_TEST_RABBITMQ_PID") || !file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray stat = file.readAll();
    // After "pid (comm) ": state is field 3, utime 14 and stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

/// kBodyBytes of JSON: an order, padded with a note to the size.
QByteArray body(qint64 id)
{
    QByteArray v
        = QStringLiteral(R"({"id":%1,"status":"paid","customer":"c-%2","amount":%3.%4,"currency":"EUR",)"
                         R"("items":[{"sku":"SKU-%5","qty":%6}],"ts":"2026-12-04T18:00:00Z","note":")")
              .arg(id)
              .arg(id % 100000, 5, 10, QLatin1Char('0'))
              .arg(id % 997)
              .arg(id % 100, 2, 10, QLatin1Char('0'))
              .arg(id % 100)
              .arg(1 + id % 5)
              .toUtf8();
    v += QByteArray(std::max<qsizetype>(0, kBodyBytes - 2 - v.size()), 'n');
    v += "\"}";
    return v;
}

/// Declares the stream and tops it up to `wanted` messages with publishAll batches.
bool fill(const amqp::Settings &settings, const QString &stream, qint64 wanted)
{
    amqp::Connection connection(settings);
    if (amqp::Error e = connection.open(); !e.ok()) {
        std::fprintf(stderr, "connect: %s\n", qPrintable(e.message));
        return false;
    }
    amqp::QueueDeclaration declaration;
    declaration.name = stream;
    declaration.arguments
        = {{QStringLiteral("x-queue-type"), amqp::FieldValue::string(QStringLiteral("stream"))}};
    const auto declared = connection.declareQueue(declaration);
    if (!declared.ok()) {
        std::fprintf(stderr, "declare %s: %s\n", qPrintable(stream), qPrintable(declared.error().message));
        return false;
    }
    const qint64 held = declared->messageCount;
    std::printf("stream %s holds %lld messages\n", qPrintable(stream), static_cast<long long>(held));
    if (held >= wanted) {
        return true;
    }
    amqp::Publisher publisher(connection);
    QElapsedTimer timer;
    timer.start();
    for (qint64 id = held; id < wanted;) {
        std::vector<amqp::OutgoingMessage> batch;
        for (; id < wanted && std::ssize(batch) < kPublishBatch; ++id) {
            batch.push_back({body(id), {}, stream, {}, {}, false});
        }
        const auto outcomes = publisher.publishAll(batch, 30s);
        if (!outcomes.ok()) {
            std::fprintf(stderr, "publish: %s\n", qPrintable(outcomes.error().message));
            return false;
        }
        if (std::any_of(outcomes->begin(), outcomes->end(), [](const amqp::PublishOutcome &o) {
                return o.status != amqp::PublishOutcome::Status::Confirmed;
            })) {
            std::fprintf(stderr, "publish: a message was not confirmed\n");
            return false;
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("filled with %lld messages in %.2f s: %.0f msg/s (publishAll, %d per call, confirms)\n",
        static_cast<long long>(wanted - held), seconds, double(wanted - held) / seconds, kPublishBatch);
    return true;
}

std::optional<Figures> readWithEdis(const amqp::Settings &settings, const QString &stream, qint64 wanted)
{
    amqp::Connection connection(settings);
    if (amqp::Error e = connection.open(); !e.ok()) {
        std::fprintf(stderr, "connect: %s\n", qPrintable(e.message));
        return std::nullopt;
    }
    Figures f;
    QElapsedTimer timer;
    timer.start();
    amqp::StreamReader reader(connection);
    if (amqp::Error e = reader.open(stream, amqp::StreamOffset::first()); !e.ok()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(e.message));
        return std::nullopt;
    }
    std::vector<amqp::Message> chunk;
    while (f.messages < wanted) {
        chunk.clear();
        const auto read = reader.read(chunk, std::min<qint64>(kPrefetch, wanted - f.messages), 10s);
        if (!read.ok() || read.value() == 0) {
            std::fprintf(stderr, "read after %lld: %s\n", static_cast<long long>(f.messages),
                read.ok() ? "nothing within 10 s" : qPrintable(read.error().message));
            return std::nullopt;
        }
        for (const amqp::Message &m : chunk) {
            f.bytes += m.body.size();
        }
        f.messages += static_cast<qint64>(chunk.size());
    }
    f.seconds = double(timer.nsecsElapsed()) / 1e9;
    return f;
}

bool rpcOk(amqp_connection_state_t connection, const char *what)
{
    const amqp_rpc_reply_t reply = amqp_get_rpc_reply(connection);
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
        std::fprintf(stderr, "%s failed (reply type %d)\n", what, int(reply.reply_type));
        return false;
    }
    return true;
}

/// The anchor: rabbitmq-c as its examples use it, nothing converted.
std::optional<Figures> readPlain(const amqp::Settings &settings, const QString &stream, qint64 wanted)
{
    amqp_connection_state_t connection = amqp_new_connection();
    amqp_socket_t *socket = amqp_tcp_socket_new(connection);
    const auto done = [connection](std::optional<Figures> f) {
        amqp_connection_close(connection, AMQP_REPLY_SUCCESS);
        amqp_destroy_connection(connection);
        return f;
    };
    if (socket == nullptr
        || amqp_socket_open(socket, settings.host.toUtf8().constData(), settings.port) != 0) {
        std::fprintf(stderr, "plain: cannot connect\n");
        amqp_destroy_connection(connection);
        return std::nullopt;
    }
    const amqp_rpc_reply_t login = amqp_login(connection, settings.vhost.toUtf8().constData(), 0,
        AMQP_DEFAULT_FRAME_SIZE, settings.heartbeatSeconds, AMQP_SASL_METHOD_PLAIN,
        settings.user.toUtf8().constData(), settings.password.toUtf8().constData());
    if (login.reply_type != AMQP_RESPONSE_NORMAL) {
        std::fprintf(stderr, "plain: login failed\n");
        return done(std::nullopt);
    }
    amqp_channel_open(connection, 1);
    if (!rpcOk(connection, "channel.open")) {
        return done(std::nullopt);
    }
    Figures f;
    QElapsedTimer timer;
    timer.start();
    amqp_basic_qos(connection, 1, 0, kPrefetch, 0);
    if (!rpcOk(connection, "basic.qos")) {
        return done(std::nullopt);
    }
    const QByteArray queue = stream.toUtf8();
    amqp_table_entry_t offset {};
    offset.key = amqp_cstring_bytes("x-stream-offset");
    offset.value.kind = AMQP_FIELD_KIND_UTF8;
    offset.value.value.bytes = amqp_cstring_bytes("first");
    const amqp_table_t arguments {1, &offset};
    amqp_basic_consume(
        connection, 1, amqp_cstring_bytes(queue.constData()), amqp_empty_bytes, 0, 0, 0, arguments);
    if (!rpcOk(connection, "basic.consume")) {
        return done(std::nullopt);
    }
    uint64_t unacked = 0;
    uint64_t lastTag = 0;
    while (f.messages < wanted) {
        amqp_maybe_release_buffers(connection);
        amqp_envelope_t envelope {};
        timeval timeout {10, 0};
        const amqp_rpc_reply_t reply = amqp_consume_message(connection, &envelope, &timeout, 0);
        if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
            std::fprintf(stderr, "plain: consume failed after %lld\n", static_cast<long long>(f.messages));
            return done(std::nullopt);
        }
        f.bytes += static_cast<qint64>(envelope.message.body.len);
        ++f.messages;
        lastTag = envelope.delivery_tag;
        if (++unacked >= kPrefetch / 2) {
            amqp_basic_ack(connection, 1, lastTag, 1);
            unacked = 0;
        }
        amqp_destroy_envelope(&envelope);
    }
    amqp_basic_ack(connection, 1, lastTag, 1);
    f.seconds = double(timer.nsecsElapsed()) / 1e9;
    amqp_channel_close(connection, 1, AMQP_REPLY_SUCCESS);
    return done(f);
}

/// The inspector as the RabbitMQ page reads a stream (RabbitPage::readStream): a record source
/// made on the worker thread with the node's settings, the stream as a one-partition topic, a read
/// from the beginning that stops at the end (or after `wanted`, should the stream hold more).
/// Records held are what the store's default budget (the page's too, 512 MiB) keeps.
std::optional<Figures> readWithInspector(const amqp::Settings &settings, const QString &stream, qint64 wanted)
{
    inspect::InspectorController controller;
    inspect::MessageTableModel &model = *controller.model();
    controller.setRecordSource([settings] { return std::make_unique<inspect::StreamRecordSource>(settings); },
        QStringLiteral("stream %1 %2").arg(settings.displayUrl(), settings.vhost));
    controller.setTopic(stream, 1);

    Figures f;
    f.flushes = 0;
    qint64 visibleNs = 0;
    inspect::MessageId counted = 0; // the bodies of the records before this id are in f.bytes
    QElapsedTimer timer;
    QObject::connect(&controller, &inspect::InspectorController::batchesAdopted, &controller, [&] {
        if (f.flushes++ == 0) {
            f.firstFlushSeconds = double(timer.nsecsElapsed()) / 1e9;
        }
        const inspect::MessageStore &store = model.store();
        store.forEach(std::max(counted, store.firstId()), store.endId(),
            [&f](inspect::MessageId, const inspect::MessageView &record) {
                f.bytes += qint64(record.value().size());
            });
        counted = store.endId();
        QElapsedTimer paint;
        paint.start();
        const int rows = model.rowCount();
        for (int r = std::max(0, rows - kVisibleRows); r < rows; ++r) {
            model.data(model.index(r, inspect::MessageTableModel::ValueColumn));
            model.data(model.index(r, inspect::MessageTableModel::KeyColumn));
            model.data(model.index(r, inspect::MessageTableModel::TimestampColumn));
        }
        visibleNs += paint.nsecsElapsed();
    });
    QEventLoop loop;
    std::optional<inspect::FinishReason> reason;
    QString message;
    QObject::connect(&controller, &inspect::InspectorController::finished, &loop,
        [&](inspect::FinishReason r, const QString &text) {
            reason = r;
            message = text;
            loop.quit();
        });
    QTimer::singleShot(kInspectorTimeout, &loop, &QEventLoop::quit);

    inspect::ConsumeRequest request;
    request.topics = {inspect::TopicSelection {stream, inspect::StartPosition::beginning(), {}}};
    request.stopAtEnd = true;
    request.maxMessages = uint64_t(wanted);
    timer.start();
    if (!controller.start(request, QStringLiteral("from the beginning"))) {
        std::fprintf(stderr, "inspector: %s\n", qPrintable(controller.statusText()));
        return std::nullopt;
    }
    loop.exec();
    f.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (reason != inspect::FinishReason::Completed) {
        std::fprintf(stderr, "inspector: %s\n", reason ? qPrintable(message) : "no end within the timeout");
        return std::nullopt;
    }
    const inspect::MessageStore &store = model.store();
    f.messages = qint64(store.endId()); // every record appended, held or dropped by the budget
    f.held = qint64(store.size());
    f.storeMiB = double(store.memoryUsed()) / 1048576.0;
    f.visibleRowsMs = double(visibleNs) / 1e6;
    if (store.droppedCount() > 0) {
        std::fprintf(stderr, "inspector: the budget dropped %llu records (their bodies are not in MB/s)\n",
            static_cast<unsigned long long>(store.droppedCount()));
    }
    return f;
}

/// Runs one variant in a child process; parses its "RESULT messages bytes seconds peakMiB cpu
/// [held firstFlush flushes storeMiB visibleMs]" line.
std::optional<Figures> runChild(const QString &variant, const QString &stream, qint64 messages)
{
    const double nodeBefore = nodeCpuSeconds();
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
        {QStringLiteral("--only"), variant, QStringLiteral("--stream"), stream, QStringLiteral("--messages"),
            QString::number(messages)});
    if (!child.waitForFinished(600'000) || child.exitCode() != 0) {
        return std::nullopt;
    }
    const QList<QByteArray> fields = child.readAllStandardOutput().trimmed().split(' ');
    if ((fields.size() != 6 && fields.size() != 11) || fields[0] != "RESULT") {
        return std::nullopt;
    }
    const double nodeAfter = nodeCpuSeconds();
    Figures f {fields[1].toLongLong(), fields[2].toLongLong(), fields[3].toDouble(), fields[4].toDouble(),
        fields[5].toDouble(), nodeBefore < 0 ? -1 : nodeAfter - nodeBefore};
    if (fields.size() == 11) {
        f.held = fields[6].toLongLong();
        f.firstFlushSeconds = fields[7].toDouble();
        f.flushes = fields[8].toLongLong();
        f.storeMiB = fields[9].toDouble();
        f.visibleRowsMs = fields[10].toDouble();
    }
    return f;
}

void printRow(const char *round, const QString &variant, const Figures &f, double ratio)
{
    const QString held = f.held >= 0 ? QString::number(f.held) : QStringLiteral("–");
    std::printf("| %-6s | %-9s | %9lld | %9s | %7.2f | %9.0f | %6.1f | %12.1f | %5.2f | %10.2f | %s\n", round,
        qPrintable(variant), static_cast<long long>(f.messages), qPrintable(held), f.seconds, f.rate(),
        f.mbPerSecond(), f.peakMiB, f.cpuSeconds, f.nodeCpuSeconds,
        ratio > 0 ? qPrintable(QString::number(ratio, 'f', 2)) : "");
}

void row(const char *what, const QString &value)
{
    std::printf("%-58s %s\n", what, value.toUtf8().constData());
}

/// The inspector beside the plain loop and StreamReader, bench_inspect's way.
void printSideBySide(const Figures &inspector, const Figures &edis, const Figures &plain)
{
    const auto read = [](const Figures &f) {
        return QStringLiteral("%1 s, %2 msg/s, %3 MB/s, CPU %4 s, peak RSS %5 MiB")
            .arg(f.seconds, 0, 'f', 2)
            .arg(f.rate(), 0, 'f', 0)
            .arg(f.mbPerSecond(), 0, 'f', 1)
            .arg(f.cpuSeconds, 0, 'f', 2)
            .arg(f.peakMiB, 0, 'f', 1);
    };
    std::printf("\nmedians\n");
    row("plain rabbitmq-c consumer loop", read(plain));
    row("edis amqp::StreamReader",
        read(edis) + QStringLiteral(" (%1 x plain)").arg(edis.rate() / plain.rate(), 0, 'f', 2));
    row("inspector: InspectorController → store + model",
        read(inspector) + QStringLiteral(" (%1 x plain)").arg(inspector.rate() / plain.rate(), 0, 'f', 2));
    row("  start() to the first flush (connect, end probe, read)",
        QStringLiteral("%1 s").arg(inspector.firstFlushSeconds, 0, 'f', 2));
    row("  flushes",
        QStringLiteral("%1 (%2/s)")
            .arg(inspector.flushes)
            .arg(double(inspector.flushes) / inspector.seconds, 0, 'f', 1));
    row("  of which: visible-row formatting (60 rows per flush)",
        QStringLiteral("%1 ms total").arg(inspector.visibleRowsMs, 0, 'f', 1));
    row("  records held / store memory used",
        QStringLiteral("%1 / %2 MiB").arg(inspector.held).arg(inspector.storeMiB, 0, 'f', 1));
    row("  CPU per message inspector / edis / plain",
        QStringLiteral("%1 / %2 / %3 µs")
            .arg(inspector.cpuSeconds * 1e6 / double(std::max<qint64>(1, inspector.messages)), 0, 'f', 2)
            .arg(edis.cpuSeconds * 1e6 / double(std::max<qint64>(1, edis.messages)), 0, 'f', 2)
            .arg(plain.cpuSeconds * 1e6 / double(std::max<qint64>(1, plain.messages)), 0, 'f', 2));
}

Figures median(std::vector<Figures> runs)
{
    std::sort(
        runs.begin(), runs.end(), [](const Figures &a, const Figures &b) { return a.seconds < b.seconds; });
    Figures m = runs[runs.size() / 2];
    const auto middle = [&runs](double Figures::*field) {
        std::vector<double> v;
        v.reserve(runs.size());
        for (const Figures &f : runs) {
            v.push_back(f.*field);
        }
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    m.peakMiB = middle(&Figures::peakMiB);
    m.cpuSeconds = middle(&Figures::cpuSeconds);
    m.nodeCpuSeconds = middle(&Figures::nodeCpuSeconds);
    return m;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reads a RabbitMQ stream with the inspector, StreamReader and rabbitmq-c."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("amqp-url"), QStringLiteral("amqp:// URL (default: $EDIS_TEST_RABBITMQ_AMQP_URL)."),
            QStringLiteral("url")},
        {QStringLiteral("stream"), QStringLiteral("The stream to read (declared and filled when short)."),
            QStringLiteral("name"), QStringLiteral("edis-bench-stream")},
        {QStringLiteral("messages"), QStringLiteral("Messages to read."), QStringLiteral("n"),
            QStringLiteral("1000000")},
        {QStringLiteral("rounds"), QStringLiteral("Rounds (the order rotated each round)."),
            QStringLiteral("n"), QStringLiteral("3")},
        {QStringLiteral("only"), QStringLiteral("Run one variant here and print its RESULT line."),
            QStringLiteral("inspector|edis|plain")},
        {QStringLiteral("delete-stream"), QStringLiteral("Delete the stream at the end.")},
    });
    parser.process(app);
    // The URL holds the password: children get it through the environment, not their arguments.
    if (parser.isSet(QStringLiteral("amqp-url"))) {
        qputenv("EDIS_TEST_RABBITMQ_AMQP_URL", parser.value(QStringLiteral("amqp-url")).toUtf8());
    }
    const auto settings = amqp::Settings::fromUrl(qEnvironmentVariable("EDIS_TEST_RABBITMQ_AMQP_URL"));
    if (!settings.ok()) {
        std::fprintf(stderr, "bench_rabbit_stream: give --amqp-url or set EDIS_TEST_RABBITMQ_AMQP_URL (%s)\n",
            qPrintable(settings.error().message));
        return 2;
    }
    const QString stream = parser.value(QStringLiteral("stream"));
    const qint64 messages = std::max<qint64>(1, parser.value(QStringLiteral("messages")).toLongLong());
    const QString only = parser.value(QStringLiteral("only"));
    if (!only.isEmpty() && !kVariants.contains(only)) {
        std::fprintf(stderr, "bench_rabbit_stream: --only takes inspector, edis or plain\n");
        return 2;
    }
    if (!only.isEmpty()) {
        std::optional<Figures> f;
        if (only == QLatin1String("plain")) {
            f = readPlain(settings.value(), stream, messages);
        } else if (only == QLatin1String("edis")) {
            f = readWithEdis(settings.value(), stream, messages);
        } else {
            f = readWithInspector(settings.value(), stream, messages);
        }
        if (!f) {
            return 1;
        }
        std::printf("RESULT %lld %lld %.4f %.1f %.3f", static_cast<long long>(f->messages),
            static_cast<long long>(f->bytes), f->seconds, peakRssMiB(), cpuSeconds());
        if (f->held >= 0) {
            std::printf(" %lld %.4f %lld %.1f %.1f", static_cast<long long>(f->held), f->firstFlushSeconds,
                static_cast<long long>(f->flushes), f->storeMiB, f->visibleRowsMs);
        }
        std::printf("\n");
        return 0;
    }

    std::printf("bench_rabbit_stream: %s, stream %s, %lld messages, prefetch %d, load %s\n",
        qPrintable(settings->displayUrl()), qPrintable(stream), static_cast<long long>(messages), kPrefetch,
        qPrintable(loadAverage()));
    if (!fill(settings.value(), stream, messages)) {
        return 1;
    }
    std::printf(
        "\n| round  | read      |  messages |      held |       s |     msg/s |   MB/s | peak RSS MiB ");
    std::printf("| CPU s | node CPU s | x plain\n|--------|-----------|-----------|-----------|---------|");
    std::printf("-----------|--------|--------------|-------|------------|--------\n");
    std::map<QString, std::vector<Figures>> all;
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    for (int r = 0; r < rounds; ++r) {
        // Each variant goes first in one round of three: the node's state (its caches, what the
        // last read left it doing) is not always on the same one's side.
        QStringList order;
        for (qsizetype i = 0; i < kVariants.size(); ++i) {
            order.push_back(kVariants.at((i + r) % kVariants.size()));
        }
        std::map<QString, Figures> round;
        for (const QString &variant : order) {
            const auto f = runChild(variant, stream, messages);
            if (!f) {
                std::fprintf(stderr, "bench_rabbit_stream: the %s read failed\n", qPrintable(variant));
                return 1;
            }
            round[variant] = *f;
            all[variant].push_back(*f);
        }
        const QByteArray name = QByteArray::number(r + 1);
        const double plainRate = round[QStringLiteral("plain")].rate();
        for (const QString &variant : kVariants) {
            const Figures &f = round[variant];
            printRow(
                name.constData(), variant, f, variant == QLatin1String("plain") ? 0 : f.rate() / plainRate);
        }
        std::fflush(stdout);
    }
    std::map<QString, Figures> medians;
    for (const QString &variant : kVariants) {
        medians[variant] = median(all[variant]);
    }
    const Figures &plain = medians[QStringLiteral("plain")];
    for (const QString &variant : kVariants) {
        const Figures &f = medians[variant];
        printRow("median", variant, f, variant == QLatin1String("plain") ? 0 : f.rate() / plain.rate());
    }
    printSideBySide(medians[QStringLiteral("inspector")], medians[QStringLiteral("edis")], plain);
    std::printf("load after: %s\n", qPrintable(loadAverage()));

    if (parser.isSet(QStringLiteral("delete-stream"))) {
        amqp::Connection connection(settings.value());
        const amqp::Error opened = connection.open();
        const auto deleted = opened.ok() ? connection.deleteQueue(stream) : amqp::Result<uint32_t>(opened);
        std::printf("deleted %s: %s\n", qPrintable(stream),
            deleted.ok() ? "yes" : qPrintable(deleted.error().message));
    }
    return 0;
}
