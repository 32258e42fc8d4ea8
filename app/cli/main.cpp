// edis — the headless side of EDIS Studio: the seed's Kafka commands for scripts and terminals.

#include "clicommon.h"

#include <QCoreApplication>

namespace edis::cli {
int runSandbox(const QStringList &arguments);
int runTopics(const QStringList &arguments);
int runProfiles(const QStringList &arguments);
int runRates(const QStringList &arguments);
int runGroups(const QStringList &arguments);
int runConsume(const QStringList &arguments);
int runProduce(const QStringList &arguments);
int runPipeline(const QStringList &arguments);
int runSchema(const QStringList &arguments);
int runRabbit(const QStringList &arguments);
} // namespace edis::cli

namespace {

const char *const kUsage
    = "Usage: edis <command> [options]\n"
      "\n"
      "Commands:\n"
      "  sandbox   Run the embedded sandbox cluster and print its bootstrap address\n"
      "  topics    List, describe, create, alter and delete topics (like kafka-topics)\n"
      "  groups    List, describe, reset offsets of and delete consumer groups (like kafka-consumer-groups)\n"
      "  consume   Print records of a topic (like kafka-console-consumer; filters, kcat -J output)\n"
      "  produce   Send lines of standard input as records (like kafka-console-producer), or\n"
      "            records built from templates ({{i}}, {{uuid}}, {{now}}), at a rate if asked\n"
      "  pipeline  Validate, order, export, import and deploy pipeline files\n"
      "  schema    Browse a Schema Registry: subjects, versions, register, check, diff, delete\n"
      "  rabbit    RabbitMQ: overview, queues, exchanges, bindings; peek a queue, read a stream,\n"
      "            publish with confirms\n"
      "  rates     Print msg/s per topic and lag per consumer group, live\n"
      "  profiles  List and import saved connections (use them with --profile NAME)\n"
      "  version   Print the version\n"
      "\n"
      "Run 'edis <command> --help' for the options of a command.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("edis"));
    QCoreApplication::setOrganizationName(QStringLiteral("EDIS Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EDIS_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        std::fputs(kUsage, args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? edis::cli::ExitUsage : edis::cli::ExitOk;
    }
    const QString command = args.takeAt(1);
    args[0] = args[0] + QLatin1Char(' ') + command; // so each command's --help names itself
    if (command == QLatin1String("sandbox")) {
        return edis::cli::runSandbox(args);
    }
    if (command == QLatin1String("topics")) {
        return edis::cli::runTopics(args);
    }
    if (command == QLatin1String("groups")) {
        return edis::cli::runGroups(args);
    }
    if (command == QLatin1String("consume")) {
        return edis::cli::runConsume(args);
    }
    if (command == QLatin1String("produce")) {
        return edis::cli::runProduce(args);
    }
    if (command == QLatin1String("pipeline")) {
        return edis::cli::runPipeline(args);
    }
    if (command == QLatin1String("schema")) {
        return edis::cli::runSchema(args);
    }
    if (command == QLatin1String("rabbit")) {
        return edis::cli::runRabbit(args);
    }
    if (command == QLatin1String("rates")) {
        return edis::cli::runRates(args);
    }
    if (command == QLatin1String("profiles")) {
        return edis::cli::runProfiles(args);
    }
    if (command == QLatin1String("version") || command == QLatin1String("--version")) {
        edis::cli::printOut(QStringLiteral("edis ") + QCoreApplication::applicationVersion());
        return edis::cli::ExitOk;
    }
    edis::cli::printError(QCoreApplication::translate("edis", "unknown command '%1'").arg(command));
    std::fputs(kUsage, stderr);
    return edis::cli::ExitUsage;
}
