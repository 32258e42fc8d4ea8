#include "rabbitoptions.h"

#include "amqp/queuepeeker.h"

#include <QCoreApplication>
#include <QUrl>

#include <array>
#include <cmath>
#include <limits>

namespace edis::cli {

namespace {

const QString kUrl = QStringLiteral("management-url");
const QString kAmqpUrl = QStringLiteral("amqp-url");
const QString kUser = QStringLiteral("user");
const QString kPassword = QStringLiteral("password");
const QString kVhost = QStringLiteral("vhost");
const QString kCa = QStringLiteral("ca");
const QString kInsecure = QStringLiteral("insecure");
const QString kNoVerifyHostname = QStringLiteral("no-verify-hostname");
const QString kTimeout = QStringLiteral("timeout");
const QString kJson = QStringLiteral("json");
const QString kFilter = QStringLiteral("filter");
const QString kCount = QStringLiteral("count");
const QString kOffset = QStringLiteral("offset");
const QString kBody = QStringLiteral("body");
const QString kHeader = QStringLiteral("header");
const QString kContentType = QStringLiteral("content-type");
const QString kPersistent = QStringLiteral("persistent");
/// RabbitMQ's own default user, as rabbitmqadmin assumes it.
const QString kDefaultUser = QStringLiteral("guest");
/// AMQP's delivery-mode property for a message the broker writes to disk.
constexpr uint8_t kPersistentDeliveryMode = 2;

QString tr(const char *text)
{
    return QCoreApplication::translate("edis rabbit", text);
}

using Action = RabbitRequest::Action;

struct ActionName {
    Action action;
    const char *name;
    qsizetype arguments; ///< the positional arguments after the action's name
    const char *usage;
};

constexpr std::array kActions {
    ActionName {Action::Overview, "overview", 0, ""},
    ActionName {Action::Queues, "queues", 0, ""},
    ActionName {Action::Exchanges, "exchanges", 0, ""},
    ActionName {Action::Bindings, "bindings", 0, ""},
    ActionName {Action::Peek, "peek", 1, "peek QUEUE"},
    ActionName {Action::Consume, "consume", 1, "consume STREAM"},
    ActionName {Action::Publish, "publish", 2, "publish EXCHANGE ROUTING_KEY"},
};

const ActionName *actionFromString(const QString &name)
{
    for (const ActionName &a : kActions) {
        if (name == QLatin1String(a.name)) {
            return &a;
        }
    }
    return nullptr;
}

/// The action and its positional arguments into `r`.
bool readArguments(const QStringList &args, RabbitRequest *r, QString *error)
{
    if (args.isEmpty()) {
        *error = tr("which action? overview, queues, exchanges, bindings, peek, consume or publish "
                    "(see edis rabbit --help)");
        return false;
    }
    const ActionName *action = actionFromString(args.first());
    if (!action) {
        *error = tr("unknown action '%1' (overview, queues, exchanges, bindings, peek, consume or publish)")
                     .arg(args.first());
        return false;
    }
    if (args.size() - 1 > action->arguments) {
        *error = tr("unexpected argument '%1'").arg(args.at(action->arguments + 1));
        return false;
    }
    if (args.size() - 1 < action->arguments) {
        *error = tr("usage: edis rabbit %1").arg(QLatin1String(action->usage));
        return false;
    }
    r->action = action->action;
    if (r->action == Action::Peek || r->action == Action::Consume) {
        r->queue = args.at(1);
    } else if (r->action == Action::Publish) {
        r->message.exchange = args.at(1);
        r->message.routingKey = args.at(2);
    }
    return true;
}

/// --timeout in milliseconds, nullopt when not given; false when it is not a positive number.
bool readTimeout(
    const QCommandLineParser &parser, std::optional<std::chrono::milliseconds> *timeout, QString *error)
{
    if (!parser.isSet(kTimeout)) {
        return true;
    }
    bool ok = false;
    const double seconds = parser.value(kTimeout).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0) {
        *error = tr("--timeout expects a positive number of seconds, not '%1'.").arg(parser.value(kTimeout));
        return false;
    }
    *timeout = std::chrono::milliseconds(static_cast<qint64>(seconds * 1000.0));
    return true;
}

bool readManagement(const QCommandLineParser &parser, rabbit::ManagementSettings *s, QString *error)
{
    if (!parser.isSet(kUrl)) {
        *error = tr("--management-url is required, e.g. http://localhost:15672.");
        return false;
    }
    s->url = parser.value(kUrl);
    s->username = parser.isSet(kUser) ? parser.value(kUser) : kDefaultUser;
    s->password
        = parser.isSet(kPassword) ? parser.value(kPassword) : qEnvironmentVariable(kRabbitPasswordVariable);
    if (s->password.isEmpty() && s->username == kDefaultUser) {
        s->password = kDefaultUser;
    }
    if (s->password.isEmpty()) {
        *error = tr("the user '%1' needs a password: --password or the environment variable %2.")
                     .arg(s->username, QLatin1String(kRabbitPasswordVariable));
        return false;
    }
    if (parser.isSet(kVhost)) {
        s->vhost = parser.value(kVhost);
    }
    s->caFile = parser.value(kCa);
    s->verifyPeer = !parser.isSet(kInsecure);
    s->verifyHostname = !parser.isSet(kNoVerifyHostname);
    const QStringList problems = rabbit::validate(*s);
    if (!problems.isEmpty()) {
        *error = problems.join(QLatin1Char(' '));
        return false;
    }
    return true;
}

bool readAmqp(const QCommandLineParser &parser, amqp::Settings *s, QString *error)
{
    if (!parser.isSet(kAmqpUrl)) {
        *error = tr("--amqp-url is required, e.g. amqp://user:password@localhost:5672/vhost.");
        return false;
    }
    const QString url = parser.value(kAmqpUrl);
    const amqp::Result<amqp::Settings> parsed = amqp::Settings::fromUrl(url);
    if (!parsed.ok()) {
        *error = tr("--amqp-url: %1").arg(parsed.error().message);
        return false;
    }
    *s = parsed.value();
    s->connectionName = QStringLiteral("edis rabbit");
    // A URL with a user but no password: the password from --password or the environment.
    const QUrl parsedUrl(url.trimmed());
    if (!parsedUrl.userName().isEmpty() && !parsedUrl.userInfo().contains(QLatin1Char(':'))) {
        s->password = parser.isSet(kPassword) ? parser.value(kPassword)
                                              : qEnvironmentVariable(kRabbitPasswordVariable);
    }
    if (s->password.isEmpty()) {
        *error
            = tr("the user '%1' needs a password: in the --amqp-url, --password or the environment variable "
                 "%2.")
                  .arg(s->user, QLatin1String(kRabbitPasswordVariable));
        return false;
    }
    if (parser.isSet(kVhost)) {
        s->vhost = parser.value(kVhost);
    }
    if (parser.isSet(kCa)) {
        s->tls.caFile = parser.value(kCa);
    }
    s->tls.verifyPeer = s->tls.verifyPeer && !parser.isSet(kInsecure);
    s->tls.verifyHostname = s->tls.verifyHostname && !parser.isSet(kNoVerifyHostname) && s->tls.verifyPeer;
    return true;
}

/// -n: a positive number, at most `max`.
bool readCount(const QCommandLineParser &parser, std::size_t max, std::size_t *count, QString *error)
{
    if (!parser.isSet(kCount)) {
        return true;
    }
    bool ok = false;
    const qulonglong n = parser.value(kCount).toULongLong(&ok);
    if (!ok || n == 0 || n > max) {
        *error = tr("-n expects a number of messages from 1 to %1, not '%2'.")
                     .arg(QString::number(max), parser.value(kCount));
        return false;
    }
    *count = static_cast<std::size_t>(n);
    return true;
}

/// -H name=value, --content-type, --persistent and --body into the message to publish.
bool readPublish(const QCommandLineParser &parser, RabbitRequest *r, QString *error)
{
    amqp::OutgoingMessage &m = r->message;
    for (const QString &header : parser.values(kHeader)) {
        const qsizetype eq = header.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = tr("-H expects name=value, not '%1'.").arg(header);
            return false;
        }
        m.headers.push_back({header.left(eq), amqp::FieldValue::string(header.mid(eq + 1))});
    }
    if (parser.isSet(kContentType)) {
        m.properties.contentType = parser.value(kContentType);
    }
    if (parser.isSet(kPersistent)) {
        m.properties.deliveryMode = kPersistentDeliveryMode;
    }
    r->bodyGiven = parser.isSet(kBody);
    m.body = parser.value(kBody).toUtf8();
    // Unroutable messages come back (basic.return) instead of being dropped without a word.
    m.mandatory = true;
    return true;
}

/// What peek, consume and publish take besides the connection.
bool readAmqpAction(const QCommandLineParser &parser, std::optional<std::chrono::milliseconds> timeout,
    RabbitRequest *r, QString *error)
{
    if (!readAmqp(parser, &r->amqp, error)) {
        return false;
    }
    if (r->action == Action::Consume) {
        r->idleTimeout = timeout.value_or(r->idleTimeout);
        if (parser.isSet(kOffset)) {
            const auto offset = streamOffsetFromString(parser.value(kOffset));
            if (!offset) {
                *error = tr("--offset expects first, last, next, an offset or @SECONDS since the epoch, "
                            "not '%1'.")
                             .arg(parser.value(kOffset));
                return false;
            }
            r->offset = *offset;
        }
        return readCount(parser, std::numeric_limits<std::size_t>::max(), &r->count, error);
    }
    if (timeout) {
        r->amqp.connectTimeout = *timeout;
        r->amqp.requestTimeout = *timeout;
    }
    if (r->action == Action::Peek) {
        r->count = kDefaultPeekCount;
        return readCount(parser, amqp::QueuePeeker::kMaxPeek, &r->count, error);
    }
    return readPublish(parser, r, error);
}

} // namespace

bool usesManagementApi(RabbitRequest::Action action)
{
    return action != Action::Peek && action != Action::Consume && action != Action::Publish;
}

void addRabbitOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {kUrl,
            tr("The RabbitMQ management API, e.g. http://localhost:15672 (overview, queues, exchanges, "
               "bindings)."),
            QStringLiteral("url")},
        {kAmqpUrl,
            tr("The node over AMQP, amqp://user:password@host:5672/vhost (peek, consume, publish); "
               "without a password in it, --password or EDIS_RABBITMQ_PASSWORD."),
            QStringLiteral("url")},
        {kUser, tr("The management API's user (default: guest)."), QStringLiteral("user")},
        {kPassword,
            tr("The password (default: the environment variable EDIS_RABBITMQ_PASSWORD; guest's is guest)."),
            QStringLiteral("password")},
        {kVhost, tr("The vhost (default: /, or the --amqp-url's)."), QStringLiteral("vhost")},
        {kCa, tr("CA certificates (PEM) to trust for https:// or amqps://."), QStringLiteral("file")},
        {kInsecure, tr("Accept any certificate.")},
        {kNoVerifyHostname, tr("Do not check that the certificate names the host.")},
        {kTimeout,
            tr("Seconds to wait for each answer (default: 15); consume: stop after this long without a "
               "message (default: 5)."),
            QStringLiteral("seconds")},
        {kFilter, tr("Only names containing TEXT (case-insensitive)."), QStringLiteral("text")},
        {kJson, tr("Print JSON.")},
        {{QStringLiteral("n"), kCount},
            tr("peek: how many messages (default: 10); consume: at most this many."), QStringLiteral("n")},
        {kOffset,
            tr("consume: where to start: first (default), last, next, an offset, or @SECONDS since the "
               "epoch."),
            QStringLiteral("offset")},
        {kBody, tr("publish: the body of one message (default: one message per line of standard input)."),
            QStringLiteral("text")},
        {{QStringLiteral("H"), kHeader}, tr("publish: a header, name=value (repeatable)."),
            QStringLiteral("name=value")},
        {kContentType, tr("publish: the content_type property."), QStringLiteral("type")},
        {kPersistent, tr("publish: persistent messages (delivery_mode 2).")},
    });
}

std::optional<RabbitRequest> rabbitRequestFromOptions(const QCommandLineParser &parser, QString *error)
{
    error->clear();
    RabbitRequest r;
    std::optional<std::chrono::milliseconds> timeout;
    if (!readArguments(parser.positionalArguments(), &r, error) || !readTimeout(parser, &timeout, error)) {
        return std::nullopt;
    }
    r.json = parser.isSet(kJson);
    r.filter = parser.value(kFilter);
    if (!usesManagementApi(r.action)) {
        return readAmqpAction(parser, timeout, &r, error) ? std::optional(r) : std::nullopt;
    }
    r.settings.requestTimeout = timeout.value_or(r.settings.requestTimeout);
    return readManagement(parser, &r.settings, error) ? std::optional(r) : std::nullopt;
}

std::optional<amqp::StreamOffset> streamOffsetFromString(const QString &text)
{
    if (text == QLatin1String("first")) {
        return amqp::StreamOffset::first();
    }
    if (text == QLatin1String("last")) {
        return amqp::StreamOffset::last();
    }
    if (text == QLatin1String("next")) {
        return amqp::StreamOffset::next();
    }
    const bool isTime = text.startsWith(QLatin1Char('@'));
    bool ok = false;
    const qint64 value = (isTime ? text.mid(1) : text).toLongLong(&ok);
    if (!ok || value < 0 || text.contains(QLatin1Char('+'))) {
        return std::nullopt;
    }
    return isTime ? amqp::StreamOffset::timestamp(value) : amqp::StreamOffset::offset(value);
}

} // namespace edis::cli
