#pragma once

#include "kafka/rdkafkafwd.h"

#include <QMetaType>
#include <QString>

#include <mutex>
#include <vector>

namespace edis::kafka {

/// librdkafka's error codes (rd_kafka_resp_err_t) that code outside app/core/kafka names, so that
/// it needs no librdkafka header. kafkaerror.cpp checks each against librdkafka's value.
struct ErrorCode {
    static constexpr int kNoError = 0;
    // Raised by the client itself (negative).
    static constexpr int kPartitionEof = -191;
    static constexpr int kUnknownPartition = -190;
    static constexpr int kResolve = -193;
    static constexpr int kTransport = -195;
    static constexpr int kAllBrokersDown = -187;
    static constexpr int kTimedOut = -185;
    static constexpr int kSsl = -181;
    static constexpr int kAuthentication = -169;
    // Answered by a broker.
    static constexpr int kUnknownTopicOrPartition = 3;
    static constexpr int kUnsupportedVersion = 35;
    static constexpr int kTopicAlreadyExists = 36;
    static constexpr int kInvalidReplicationFactor = 38;
};

/// An error as a user should read it: a kind to branch on and a sentence to show.
struct KafkaError {
    enum class Kind {
        None,
        InvalidSettings,
        HostNotFound,
        ConnectionRefused,
        Unreachable,
        Timeout,
        Authentication,
        Tls,
        NotSupported,
        TopicAlreadyExists,
        UnknownTopic,
        UnknownGroup,
        InvalidRequest,
        Cancelled,
        Other,
    };

    Kind kind = Kind::None;
    QString message;
    /// librdkafka's code (an rd_kafka_resp_err_t; kNoError when the error is our own).
    int code = ErrorCode::kNoError;

    static KafkaError make(Kind kind, QString message, int code = ErrorCode::kNoError)
    {
        return KafkaError {kind, std::move(message), code};
    }
    /// Maps a broker or client error code to a kind and a readable sentence.
    static KafkaError fromCode(int code, const QString &detail = {});

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }
};

/// True when the bootstrap servers are an Azure Event Hubs namespace's Kafka endpoint
/// (`*.servicebus.windows.net` and the sovereign clouds' equivalents).
bool isEventHubsEndpoint(const QString &bootstrapServers);

/// Event Hubs implements only part of the Kafka protocol (no topic configs, no record
/// deletion, some group calls missing); it answers the rest with "unsupported version",
/// "invalid request" or an unknown server error. For such answers from an Event Hubs
/// endpoint, returns the error with a sentence saying so; otherwise returns it unchanged.
KafkaError explainForEventHubs(const KafkaError &error, const QString &bootstrapServers);

template <typename T>
struct Result {
    T value {};
    KafkaError error;
    bool ok() const { return !error.isError(); }
};

/// Collects the client-level errors librdkafka reports through error_cb while a request runs,
/// so that a failed request can say *why* (host not found, refused, TLS, auth) instead of
/// just "timed out". Thread-safe: error_cb runs on whichever thread polls the handle.
class ErrorCollector {
public:
    void clear();
    void add(int code, const char *reason);
    /// The most telling error seen since the last clear(): one the user must fix (resolve, auth,
    /// TLS) wins over "all brokers down", which wins over a plain transport failure.
    KafkaError mostTelling() const;
    bool hasFatal() const;

    /// Installs this collector as the error callback of `conf` (and a quiet log callback).
    void install(rd_kafka_conf_s *conf);

private:
    struct Entry {
        int code;
        QString reason;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

} // namespace edis::kafka

Q_DECLARE_METATYPE(edis::kafka::KafkaError)
