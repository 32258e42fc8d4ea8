// bench_rabbit_stream: reading a RabbitMQ stream of N messages from offset "first".
//  edis:  amqp::StreamReader into a std::vector<amqp::Message> per chunk (what edis rabbit
//         consume and the inspector do).
//  plain: the anchor, a rabbitmq-c consumer loop written here (basic.qos with the same prefetch,
//         basic.consume with x-stream-offset, amqp_consume_message, an ack with multiple every
//         prefetch / 2 as StreamReader does, amqp_destroy_envelope).
// Each read runs in a child process of this binary (--only edis|plain) so that its peak RSS is
// its own; the parent fills the stream when it holds fewer than N (reruns reuse it), runs the
// rounds in alternating order and prints each round and the medians. Not a test.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "amqp/streamreader.h"

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

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

struct Figures {
    qint64 messages = 0;
    qint64 bytes = 0; ///< bodies
    double seconds = 0;
    double peakMiB = 0;
    double cpuSeconds = 0; ///< user + system of the whole child process
    double nodeCpuSeconds = -1; ///< what the RabbitMQ node used meanwhile (-1: not known)

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

QByteArray body(qint64 id)
{
    return QStringLiteral(R"({"id":%1,"status":"paid","customer":"c-%2","amount":%3.%4,"currency":"EUR",)"
                          R"("items":[{"sku":"SKU-%5","qty":%6}],"ts":"2026-12-04T18:00:00Z"})")
        .arg(id)
        .arg(id % 100000, 5, 10, QLatin1Char('0'))
        .arg(id % 997)
        .arg(id % 100, 2, 10, QLatin1Char('0'))
        .arg(id % 100)
        .arg(1 + id % 5)
        .toUtf8();
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

/// Runs one variant in a child process; parses its "RESULT messages bytes seconds peakMiB cpu" line.
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
    if (fields.size() != 6 || fields[0] != "RESULT") {
        return std::nullopt;
    }
    const double nodeAfter = nodeCpuSeconds();
    return Figures {fields[1].toLongLong(), fields[2].toLongLong(), fields[3].toDouble(),
        fields[4].toDouble(), fields[5].toDouble(), nodeBefore < 0 ? -1 : nodeAfter - nodeBefore};
}

void printRow(const char *round, const QString &variant, const Figures &f, double ratio)
{
    std::printf("| %-6s | %-5s | %9lld | %7.2f | %9.0f | %6.1f | %12.1f | %5.2f | %10.2f | %s\n", round,
        qPrintable(variant), static_cast<long long>(f.messages), f.seconds, f.rate(), f.mbPerSecond(),
        f.peakMiB, f.cpuSeconds, f.nodeCpuSeconds,
        ratio > 0 ? qPrintable(QString::number(ratio, 'f', 2)) : "");
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
        QStringLiteral("Reads a RabbitMQ stream with StreamReader and rabbitmq-c."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("amqp-url"), QStringLiteral("amqp:// URL (default: $EDIS_TEST_RABBITMQ_AMQP_URL)."),
            QStringLiteral("url")},
        {QStringLiteral("stream"), QStringLiteral("The stream to read (declared and filled when short)."),
            QStringLiteral("name"), QStringLiteral("edis-bench-stream")},
        {QStringLiteral("messages"), QStringLiteral("Messages to read."), QStringLiteral("n"),
            QStringLiteral("1000000")},
        {QStringLiteral("rounds"), QStringLiteral("Rounds (alternating order)."), QStringLiteral("n"),
            QStringLiteral("3")},
        {QStringLiteral("only"), QStringLiteral("Run one variant here and print its RESULT line."),
            QStringLiteral("edis|plain")},
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
    if (!only.isEmpty() && only != QLatin1String("edis") && only != QLatin1String("plain")) {
        std::fprintf(stderr, "bench_rabbit_stream: --only takes edis or plain\n");
        return 2;
    }
    if (!only.isEmpty()) {
        const auto f = only == QLatin1String("plain") ? readPlain(settings.value(), stream, messages)
                                                      : readWithEdis(settings.value(), stream, messages);
        if (!f) {
            return 1;
        }
        std::printf("RESULT %lld %lld %.4f %.1f %.3f\n", static_cast<long long>(f->messages),
            static_cast<long long>(f->bytes), f->seconds, peakRssMiB(), cpuSeconds());
        return 0;
    }

    std::printf("bench_rabbit_stream: %s, stream %s, %lld messages, prefetch %d, load %s\n",
        qPrintable(settings->displayUrl()), qPrintable(stream), static_cast<long long>(messages), kPrefetch,
        qPrintable(loadAverage()));
    if (!fill(settings.value(), stream, messages)) {
        return 1;
    }
    std::printf("\n| round  | read  |  messages |       s |     msg/s |   MB/s | peak RSS MiB | CPU s ");
    std::printf("| node CPU s | edis/plain\n|--------|-------|-----------|---------|-----------|--------|");
    std::printf("--------------|-------|------------|-----------\n");
    std::map<QString, std::vector<Figures>> all;
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());
    for (int r = 0; r < rounds; ++r) {
        const QStringList order = r % 2 == 0 ? QStringList {QStringLiteral("edis"), QStringLiteral("plain")}
                                             : QStringList {QStringLiteral("plain"), QStringLiteral("edis")};
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
        printRow(name.constData(), QStringLiteral("edis"), round[QStringLiteral("edis")],
            round[QStringLiteral("edis")].rate() / round[QStringLiteral("plain")].rate());
        printRow(name.constData(), QStringLiteral("plain"), round[QStringLiteral("plain")], 0);
    }
    const Figures edis = median(all[QStringLiteral("edis")]);
    const Figures plain = median(all[QStringLiteral("plain")]);
    printRow("median", QStringLiteral("edis"), edis, edis.rate() / plain.rate());
    printRow("median", QStringLiteral("plain"), plain, 0);
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
