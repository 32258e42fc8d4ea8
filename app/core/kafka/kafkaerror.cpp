#include "kafka/kafkaerror.h"

#include "kafka/internal/rdkafkahandles.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRdKafka, "edis.rdkafka", QtWarningMsg)

namespace edis::kafka {

static_assert(ErrorCode::kNoError == RD_KAFKA_RESP_ERR_NO_ERROR);
static_assert(ErrorCode::kPartitionEof == RD_KAFKA_RESP_ERR__PARTITION_EOF);
static_assert(ErrorCode::kUnknownPartition == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION);
static_assert(ErrorCode::kResolve == RD_KAFKA_RESP_ERR__RESOLVE);
static_assert(ErrorCode::kTransport == RD_KAFKA_RESP_ERR__TRANSPORT);
static_assert(ErrorCode::kAllBrokersDown == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN);
static_assert(ErrorCode::kTimedOut == RD_KAFKA_RESP_ERR__TIMED_OUT);
static_assert(ErrorCode::kSsl == RD_KAFKA_RESP_ERR__SSL);
static_assert(ErrorCode::kAuthentication == RD_KAFKA_RESP_ERR__AUTHENTICATION);
static_assert(ErrorCode::kUnknownTopicOrPartition == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
static_assert(ErrorCode::kUnsupportedVersion == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION);
static_assert(ErrorCode::kTopicAlreadyExists == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
static_assert(ErrorCode::kInvalidReplicationFactor == RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::kafka::KafkaError", text);
}

/// librdkafka prefixes reasons with "host:port/id: "; keep the sentence, drop the noise.
QString cleanReason(const QString &reason)
{
    static const QRegularExpression afterState(QStringLiteral(R"(\s*\(after \d+ms in state \w+\))"));
    QString r = reason;
    r.remove(afterState);
    return r.trimmed();
}

int severity(int code)
{
    switch (code) {
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
        return 3;
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        return 2;
    case RD_KAFKA_RESP_ERR__TRANSPORT:
        return 1;
    default:
        return 0;
    }
}

} // namespace

KafkaError KafkaError::fromCode(int code, const QString &detail)
{
    using K = Kind;
    const QString raw = detail.isEmpty()
        ? QString::fromUtf8(rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code)))
        : cleanReason(detail);
    switch (code) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
        return {};
    case RD_KAFKA_RESP_ERR__RESOLVE:
        return make(K::HostNotFound, tr("Host not found: %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        if (raw.contains(QLatin1String("Connection refused"), Qt::CaseInsensitive)) {
            return make(K::ConnectionRefused,
                tr("Connection refused: nothing listens at that address. %1").arg(raw), code);
        }
        return make(K::Unreachable, tr("Cannot reach the cluster: %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
        return make(K::Timeout, tr("The cluster did not answer in time. %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
        return make(K::Authentication, tr("Authentication failed: %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR__SSL:
        return make(K::Tls, tr("TLS handshake failed: %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
        return make(K::NotSupported, tr("Not supported by this cluster: %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
        return make(K::TopicAlreadyExists, tr("The topic already exists. %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        return make(K::UnknownTopic, tr("No such topic. %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
        return make(K::UnknownGroup, tr("No such consumer group. %1").arg(raw), code);
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
        return make(K::InvalidRequest, raw, code);
    default:
        return make(K::Other, raw, code);
    }
}

bool isEventHubsEndpoint(const QString &bootstrapServers)
{
    static const QStringList suffixes
        = {QStringLiteral(".servicebus.windows.net"), QStringLiteral(".servicebus.chinacloudapi.cn"),
            QStringLiteral(".servicebus.usgovcloudapi.net"), QStringLiteral(".servicebus.cloudapi.de")};
    const QStringList servers = bootstrapServers.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return std::any_of(servers.cbegin(), servers.cend(), [](const QString &server) {
        const QString host = server.trimmed().section(QLatin1Char(':'), 0, 0).toLower();
        return std::any_of(suffixes.cbegin(), suffixes.cend(),
            [&host](const QString &suffix) { return host.endsWith(suffix); });
    });
}

KafkaError explainForEventHubs(const KafkaError &error, const QString &bootstrapServers)
{
    if (!error || !isEventHubsEndpoint(bootstrapServers)) {
        return error;
    }
    switch (error.code) {
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
    case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
    case RD_KAFKA_RESP_ERR_UNKNOWN:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_FOR_MESSAGE_FORMAT:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
        break;
    default:
        return error;
    }
    KafkaError explained = error;
    explained.kind = KafkaError::Kind::NotSupported;
    explained.message
        = tr("Azure Event Hubs does not offer this through its Kafka endpoint (topic configs, "
             "record deletion and some consumer-group calls are missing there); use the Azure "
             "portal, the Azure CLI or the Event Hubs management API instead. The answer was: %1")
              .arg(error.message);
    return explained;
}

void ErrorCollector::clear()
{
    std::lock_guard lock(mutex_);
    entries_.clear();
}

void ErrorCollector::add(int code, const char *reason)
{
    std::lock_guard lock(mutex_);
    if (entries_.size() < 64) {
        entries_.push_back({code, QString::fromUtf8(reason ? reason : "")});
    }
}

KafkaError ErrorCollector::mostTelling() const
{
    std::lock_guard lock(mutex_);
    const Entry *best = nullptr;
    const Entry *lastTransport = nullptr;
    for (const auto &e : entries_) {
        if (e.code == RD_KAFKA_RESP_ERR__TRANSPORT) {
            lastTransport = &e;
        }
        if (!best || severity(e.code) > severity(best->code)) {
            best = &e;
        }
    }
    if (!best) {
        return {};
    }
    // "1/1 brokers are down" says less than the transport error that caused it.
    if (best->code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && lastTransport) {
        return KafkaError::fromCode(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, lastTransport->reason);
    }
    return KafkaError::fromCode(best->code, best->reason);
}

bool ErrorCollector::hasFatal() const
{
    std::lock_guard lock(mutex_);
    return std::any_of(
        entries_.cbegin(), entries_.cend(), [](const Entry &e) { return severity(e.code) >= 2; });
}

void ErrorCollector::install(rd_kafka_conf_s *conf)
{
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t *, int err, const char *reason, void *opaque) {
        static_cast<ErrorCollector *>(opaque)->add(err, reason);
    });
    rd_kafka_conf_set_log_cb(
        conf, [](const rd_kafka_t *rk, int level, const char *facility, const char *message) {
            // Errors (level 3: a refused connection, a failed handshake) also arrive through
            // error_cb, which the caller turns into one clear message; printed here too, they
            // put librdkafka's raw lines ("edis#consumer-1 FAIL: ...") before it on the CLI's
            // stderr. They are info, shown with QT_LOGGING_RULES="edis.rdkafka.info=true";
            // only what is worse than an error is a warning.
            if (level <= 2) {
                qCWarning(lcRdKafka, "%s %s: %s", rd_kafka_name(rk), facility, message);
            } else if (level == 3) {
                qCInfo(lcRdKafka, "%s %s: %s", rd_kafka_name(rk), facility, message);
            } else {
                qCDebug(lcRdKafka, "%s %s: %s", rd_kafka_name(rk), facility, message);
            }
        });
}

} // namespace edis::kafka
