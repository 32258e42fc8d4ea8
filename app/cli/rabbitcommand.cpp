// `edis rabbit`: a RabbitMQ node from the command line. Over the management HTTP API: the
// overview and the queues, exchanges and bindings of a vhost. Over AMQP 0-9-1: peek at a queue
// (the messages are requeued), read a stream without changing it, publish with confirms. The
// management client is asynchronous (each request runs the event loop until its answer); the AMQP
// classes block, each call bounded by the settings' timeouts.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "amqp/queuepeeker.h"
#include "amqp/streamreader.h"
#include "clicommon.h"
#include "rabbit/managementclient.h"
#include "rabbitoptions.h"
#include "rabbitoutput.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <iostream>
#include <string>

namespace edis::cli {

namespace {

using nlohmann::ordered_json;
using Action = RabbitRequest::Action;

/// Messages read from standard input are published in batches of this many, so a long input is
/// never held in memory at once.
constexpr std::size_t kPublishBatch = 1000;
/// A stream is read this many messages at a time.
constexpr std::size_t kReadChunk = 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis rabbit", text);
}

template <typename T>
int fail(const T &error)
{
    printError(errorText(error));
    return exitCodeFor(error);
}

bool matches(const RabbitRequest &request, const QString &name)
{
    return request.filter.isEmpty() || name.contains(request.filter, Qt::CaseInsensitive);
}

QString rate(double perSecond)
{
    return QString::number(perSecond, 'f', 1);
}

void printJson(const ordered_json &json)
{
    printOut(QString::fromStdString(json.dump()));
}

std::string str(const QString &text)
{
    return text.toStdString();
}

// ---- the management API

/// A listing as a JSON array or in columns.
void printListing(const RabbitRequest &request, const ordered_json &json, const QList<QStringList> &rows)
{
    if (request.json) {
        printJson(json);
    } else {
        printOut(alignedColumns(rows));
    }
}

ordered_json overviewJson(const rabbit::Overview &o)
{
    ordered_json nodes = ordered_json::array();
    for (const rabbit::NodeInfo &n : o.nodes) {
        nodes.push_back({{"name", str(n.name)}, {"running", n.running}, {"memory_used", n.memoryUsed},
            {"memory_alarm", n.memoryAlarm}, {"disk_free", n.diskFree},
            {"disk_free_alarm", n.diskFreeAlarm}});
    }
    ordered_json alarms = ordered_json::array();
    for (const QString &a : o.alarms) {
        alarms.push_back(str(a));
    }
    return {{"rabbitmq_version", str(o.rabbitmqVersion)}, {"erlang_version", str(o.erlangVersion)},
        {"cluster_name", str(o.clusterName)}, {"node", str(o.node)}, {"messages", o.messages},
        {"messages_ready", o.messagesReady}, {"messages_unacknowledged", o.messagesUnacknowledged},
        {"queues", o.queues}, {"exchanges", o.exchanges}, {"connections", o.connections},
        {"channels", o.channels}, {"consumers", o.consumers}, {"publish_rate", o.rates.publish},
        {"deliver_rate", o.rates.deliver}, {"ack_rate", o.rates.ack}, {"nodes", nodes}, {"alarms", alarms}};
}

void printOverview(const rabbit::Overview &o)
{
    const QList<QStringList> rows {
        {tr("RabbitMQ"), o.rabbitmqVersion + tr(" (Erlang %1)").arg(o.erlangVersion)},
        {tr("Cluster"), o.clusterName},
        {tr("Node"), o.node},
        {tr("Messages"),
            tr("%1 (ready %2, unacknowledged %3)")
                .arg(o.messages)
                .arg(o.messagesReady)
                .arg(o.messagesUnacknowledged)},
        {tr("Queues"), QString::number(o.queues)},
        {tr("Exchanges"), QString::number(o.exchanges)},
        {tr("Connections"), QString::number(o.connections)},
        {tr("Channels"), QString::number(o.channels)},
        {tr("Consumers"), QString::number(o.consumers)},
        {tr("Rates"),
            tr("publish %1/s, deliver %2/s, ack %3/s")
                .arg(rate(o.rates.publish), rate(o.rates.deliver), rate(o.rates.ack))},
        {tr("Alarms"),
            o.alarms.isEmpty() ? (o.nodesVisible ? tr("none") : tr("(the user may not see the nodes)"))
                               : o.alarms.join(QStringLiteral("; "))},
    };
    printOut(alignedColumns(rows));
}

int runOverview(rabbit::ManagementClient &client, const RabbitRequest &request)
{
    const auto result = awaitAnswer<rabbit::Result<rabbit::Overview>>(
        [&client](auto done) { client.overview(std::move(done)); });
    if (!result.ok()) {
        return fail(result.error());
    }
    if (request.json) {
        printJson(overviewJson(result.value()));
    } else {
        printOverview(result.value());
    }
    return ExitOk;
}

int runQueues(rabbit::ManagementClient &client, const RabbitRequest &request)
{
    const auto result = awaitAnswer<rabbit::Result<QList<rabbit::QueueInfo>>>(
        [&client](auto done) { client.queues(std::move(done)); });
    if (!result.ok()) {
        return fail(result.error());
    }
    ordered_json json = ordered_json::array();
    QList<QStringList> rows {{tr("NAME"), tr("TYPE"), tr("READY"), tr("UNACKED"), tr("CONSUMERS"),
        tr("PUBLISH/S"), tr("DELIVER/S")}};
    for (const rabbit::QueueInfo &q : result.value()) {
        if (!matches(request, q.name)) {
            continue;
        }
        json.push_back({{"name", str(q.name)}, {"type", str(q.typeName)}, {"state", str(q.state)},
            {"durable", q.durable}, {"messages", q.messages}, {"messages_ready", q.messagesReady},
            {"messages_unacknowledged", q.messagesUnacknowledged}, {"consumers", q.consumers},
            {"publish_rate", q.rates.publish}, {"deliver_rate", q.rates.deliver}});
        rows << QStringList {q.name, q.typeName, QString::number(q.messagesReady),
            QString::number(q.messagesUnacknowledged), QString::number(q.consumers), rate(q.rates.publish),
            rate(q.rates.deliver)};
    }
    printListing(request, json, rows);
    return ExitOk;
}

int runExchanges(rabbit::ManagementClient &client, const RabbitRequest &request)
{
    const auto result = awaitAnswer<rabbit::Result<QList<rabbit::ExchangeInfo>>>(
        [&client](auto done) { client.exchanges(std::move(done)); });
    if (!result.ok()) {
        return fail(result.error());
    }
    ordered_json json = ordered_json::array();
    QList<QStringList> rows {{tr("NAME"), tr("TYPE"), tr("DURABLE")}};
    for (const rabbit::ExchangeInfo &e : result.value()) {
        if (!matches(request, e.name)) {
            continue;
        }
        json.push_back({{"name", str(e.name)}, {"type", str(e.type)}, {"durable", e.durable},
            {"auto_delete", e.autoDelete}, {"internal", e.internal}});
        rows << QStringList {
            e.name.isEmpty() ? tr("(default)") : e.name, e.type, e.durable ? tr("yes") : tr("no")};
    }
    printListing(request, json, rows);
    return ExitOk;
}

int runBindings(rabbit::ManagementClient &client, const RabbitRequest &request)
{
    const auto result = awaitAnswer<rabbit::Result<QList<rabbit::BindingInfo>>>(
        [&client](auto done) { client.bindings(std::move(done)); });
    if (!result.ok()) {
        return fail(result.error());
    }
    ordered_json json = ordered_json::array();
    QList<QStringList> rows {{tr("SOURCE"), tr("DESTINATION"), tr("ROUTING KEY")}};
    for (const rabbit::BindingInfo &b : result.value()) {
        if (!matches(request, b.source) && !matches(request, b.destination)) {
            continue;
        }
        const bool toQueue = b.destinationType == rabbit::DestinationType::Queue;
        json.push_back({{"source", str(b.source)}, {"destination", str(b.destination)},
            {"destination_type", toQueue ? "queue" : "exchange"}, {"routing_key", str(b.routingKey)}});
        rows << QStringList {b.source.isEmpty() ? tr("(default)") : b.source,
            toQueue ? b.destination : tr("%1 (exchange)").arg(b.destination), b.routingKey};
    }
    printListing(request, json, rows);
    return ExitOk;
}

int runManagement(const RabbitRequest &request)
{
    rabbit::ManagementClient client(request.settings);
    switch (request.action) {
    case Action::Queues:
        return runQueues(client, request);
    case Action::Exchanges:
        return runExchanges(client, request);
    case Action::Bindings:
        return runBindings(client, request);
    default:
        return runOverview(client, request);
    }
}

// ---- AMQP

void printMessage(const RabbitRequest &request, const amqp::Message &message, std::size_t number)
{
    printOut(request.json ? messageJson(message) : messageText(message, number));
}

int runPeek(amqp::Connection &connection, const RabbitRequest &request)
{
    printError(tr("note: peeked messages are requeued and from then on marked redelivered; on a quorum "
                  "queue their delivery count grows by one."));
    amqp::QueuePeeker peeker(connection);
    const auto peeked = peeker.peek(request.queue, request.count);
    if (!peeked.ok() && peeked.error().detail.contains(QLatin1String("not supported by stream"))) {
        printError(tr("'%1' is a stream: peek looks at classic and quorum queues; read a stream with edis "
                      "rabbit consume.")
                       .arg(request.queue));
        return ExitBadInput;
    }
    if (!peeked.ok()) {
        return fail(peeked.error());
    }
    std::size_t number = 0;
    for (const amqp::Message &m : peeked.value()) {
        printMessage(request, m, ++number);
    }
    return ExitOk;
}

/// Opens the stream reader; a queue that is not a stream is refused in words that say so.
int openStream(amqp::StreamReader &reader, const RabbitRequest &request)
{
    const amqp::Error opened = reader.open(request.queue, request.offset);
    if (opened.kind == amqp::Error::Kind::PreconditionFailed
        && opened.detail.contains(QLatin1String("x-stream-offset"))) {
        printError(tr("'%1' is not a stream (x-queue-type=stream): consume reads streams only; look at a "
                      "classic or quorum queue with edis rabbit peek.")
                       .arg(request.queue));
        return ExitBadInput;
    }
    return opened.ok() ? ExitOk : fail(opened);
}

int runConsume(amqp::Connection &connection, const RabbitRequest &request)
{
    amqp::StreamReader reader(connection);
    if (const int opened = openStream(reader, request); opened != ExitOk) {
        return opened;
    }
    std::size_t total = 0;
    std::vector<amqp::Message> messages;
    while (request.count == 0 || total < request.count) {
        const std::size_t wanted
            = request.count == 0 ? kReadChunk : std::min(kReadChunk, request.count - total);
        messages.clear();
        const auto read = reader.read(messages, wanted, request.idleTimeout);
        if (!read.ok()) {
            return fail(read.error());
        }
        if (read.value() == 0) {
            break; // nothing came within the idle timeout
        }
        for (const amqp::Message &m : messages) {
            printMessage(request, m, ++total);
        }
    }
    printError(tr("read %1 messages from %2; the next offset is %3.")
                   .arg(QString::number(total), request.queue, QString::number(reader.nextOffset())));
    return ExitOk;
}

/// Up to kPublishBatch messages: the one --body gave, or the next lines of standard input.
std::vector<amqp::OutgoingMessage> nextBatch(const RabbitRequest &request, bool *done)
{
    std::vector<amqp::OutgoingMessage> batch;
    if (request.bodyGiven) {
        batch.push_back(request.message);
        *done = true;
        return batch;
    }
    std::string line;
    while (batch.size() < kPublishBatch) {
        if (!std::getline(std::cin, line)) {
            *done = true;
            break;
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        batch.push_back(request.message);
        batch.back().body = QByteArray::fromStdString(line);
    }
    return batch;
}

/// Why an outcome is not a confirm, or empty when it is one.
QString refusal(const amqp::PublishOutcome &outcome)
{
    switch (outcome.status) {
    case amqp::PublishOutcome::Status::Confirmed:
        return {};
    case amqp::PublishOutcome::Status::Nacked:
        return tr("RabbitMQ refused a message (basic.nack)");
    case amqp::PublishOutcome::Status::Returned:
        return tr("a message was returned unroutable: no queue is bound for it (%1 %2)")
            .arg(QString::number(outcome.replyCode), outcome.replyText);
    }
    return {};
}

void printPublished(const RabbitRequest &request, std::size_t published, std::size_t confirmed)
{
    printOut(request.json
            ? QString::fromStdString(ordered_json {{"published", published}, {"confirmed", confirmed}}.dump())
            : tr("Published %1 messages, %2 confirmed.").arg(published).arg(confirmed));
}

int runPublish(amqp::Connection &connection, const RabbitRequest &request)
{
    std::ios::sync_with_stdio(false);
    amqp::Publisher publisher(connection);
    std::size_t published = 0;
    std::size_t confirmed = 0;
    QString firstRefusal;
    for (bool done = false; !done;) {
        const std::vector<amqp::OutgoingMessage> batch = nextBatch(request, &done);
        if (batch.empty()) {
            break;
        }
        const auto outcomes = publisher.publishAll(
            batch, std::max(request.amqp.requestTimeout, amqp::Publisher::kDefaultConfirmTimeout));
        if (!outcomes.ok()) {
            printPublished(request, published, confirmed);
            return fail(outcomes.error());
        }
        published += batch.size();
        for (const amqp::PublishOutcome &o : outcomes.value()) {
            const QString why = refusal(o);
            confirmed += why.isEmpty() ? 1 : 0;
            firstRefusal = firstRefusal.isEmpty() ? why : firstRefusal;
        }
    }
    printPublished(request, published, confirmed);
    if (!firstRefusal.isEmpty()) {
        printError(
            tr("%1 of %2 messages not confirmed: %3")
                .arg(QString::number(published - confirmed), QString::number(published), firstRefusal));
        return ExitFailure;
    }
    return ExitOk;
}

int runAmqp(const RabbitRequest &request)
{
    amqp::Connection connection(request.amqp);
    if (const amqp::Error opened = connection.open(); !opened.ok()) {
        return fail(opened);
    }
    switch (request.action) {
    case Action::Peek:
        return runPeek(connection, request);
    case Action::Consume:
        return runConsume(connection, request);
    default:
        return runPublish(connection, request);
    }
}

} // namespace

int runRabbit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "A RabbitMQ node: its management API, and its queues over AMQP 0-9-1.\n\n"
        "  overview                         versions, totals, rates and alarms\n"
        "  queues | exchanges | bindings    the vhost's, in columns (--json: an array)\n"
        "  peek QUEUE [-n N]                the first N messages (default 10), requeued afterwards\n"
        "  consume STREAM [--offset O] [-n MAX] [--timeout S]\n"
        "                                   read a stream without changing it, until MAX messages or\n"
        "                                   S seconds (default 5) without one\n"
        "  publish EXCHANGE ROUTING_KEY [--body TEXT] [-H name=value]... [--content-type T] [--persistent]\n"
        "                                   publish --body, or each line of standard input, with\n"
        "                                   publisher confirms ('' is the default exchange)\n\n"
        "overview, queues, exchanges and bindings need --management-url; peek, consume and publish\n"
        "need --amqp-url. --json prints messages one JSON object per line.\n"
        "Exit codes: 0 ok, 1 failed (a message not confirmed), 2 usage, 3 cannot reach the node or it\n"
        "refused the user, 4 no such vhost, queue or exchange, 6 peek of a stream, or consume of a queue "
        "that is no stream."));
    parser.addPositionalArgument(
        QStringLiteral("action"), tr("overview, queues, exchanges, bindings, peek, consume or publish"));
    addRabbitOptions(parser);
    int exitCode = ExitOk;
    if (!parseOrExit(parser, arguments, &exitCode)) {
        return exitCode;
    }
    QString error;
    const std::optional<RabbitRequest> request = rabbitRequestFromOptions(parser, &error);
    if (!request) {
        printError(error);
        return ExitUsage;
    }
    return usesManagementApi(request->action) ? runManagement(*request) : runAmqp(*request);
}

} // namespace edis::cli
