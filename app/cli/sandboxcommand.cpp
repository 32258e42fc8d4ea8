// edis sandbox: the embedded cluster, headless, for scripts and demos.

#include "clicommon.h"
#include "sandbox/sandboxcluster.h"
#include "sandbox/sandboxscenario.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace edis::cli {

namespace {
std::atomic<bool> g_stopRequested {false};
extern "C" void onStopSignal(int)
{
    g_stopRequested = true;
}
} // namespace

int runSandbox(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("edis",
        "Runs the embedded sandbox cluster (librdkafka's in-process Kafka-protocol cluster) "
        "with live traffic, prints its bootstrap address on the first line of standard "
        "output, and runs until interrupted."));
    parser.addOption({QStringLiteral("rate"),
        QCoreApplication::translate("edis", "Messages per second of live traffic (default 300; 0 for none)."),
        QStringLiteral("msgs"), QStringLiteral("300")});
    parser.addOption(
        {QStringLiteral("brokers"), QCoreApplication::translate("edis", "Number of brokers (default 3)."),
            QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("duration"),
        QCoreApplication::translate("edis", "Stop after this many seconds (default: run until interrupted)."),
        QStringLiteral("seconds")});
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    bool rateOk = false;
    bool brokersOk = false;
    sandbox::SandboxCluster::Options options;
    options.messagesPerSecond = parser.value(QStringLiteral("rate")).toDouble(&rateOk);
    options.brokers = parser.value(QStringLiteral("brokers")).toInt(&brokersOk);
    if (!rateOk || options.messagesPerSecond < 0 || !brokersOk || options.brokers < 1
        || options.brokers > 9) {
        printError(QCoreApplication::translate("edis", "--rate must be ≥ 0 and --brokers between 1 and 9."));
        return ExitUsage;
    }
    double duration = -1;
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        duration = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || duration <= 0) {
            printError(
                QCoreApplication::translate("edis", "--duration must be a positive number of seconds."));
            return ExitUsage;
        }
    }

    QString error;
    auto cluster = sandbox::SandboxCluster::start(options, &error);
    if (!cluster) {
        printError(error);
        return ExitFailure;
    }
    printOut(cluster->bootstrapServers());
    QStringList names;
    for (const auto &t : sandbox::sandboxTopics()) {
        names << QString::fromUtf8(t.name);
    }
    std::fprintf(stderr, "edis: sandbox running with %d broker(s); topics: %s; %g msg/s. Ctrl+C stops it.\n",
        options.brokers, names.join(QStringLiteral(", ")).toUtf8().constData(), options.messagesPerSecond);

    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    const auto start = std::chrono::steady_clock::now();
    while (!g_stopRequested.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (duration > 0
            && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= duration) {
            break;
        }
    }
    std::fprintf(stderr, "edis: sandbox stopped after %llu message(s).\n",
        static_cast<unsigned long long>(cluster->producedCount()));
    return ExitOk;
}

} // namespace edis::cli
