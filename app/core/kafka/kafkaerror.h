#pragma once

#include <librdkafka/rdkafka.h>

#include <QMetaType>
#include <QString>

#include <mutex>
#include <vector>

namespace edis::kafka {

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
    rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;

    static KafkaError make(Kind kind, QString message, rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR)
    {
        return KafkaError {kind, std::move(message), code};
    }
    /// Maps a broker or client error code to a kind and a readable sentence.
    static KafkaError fromCode(rd_kafka_resp_err_t code, const QString &detail = {});

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
    void add(rd_kafka_resp_err_t code, const char *reason);
    /// The most telling error seen since the last clear(): one the user must fix (resolve, auth,
    /// TLS) wins over "all brokers down", which wins over a plain transport failure.
    KafkaError mostTelling() const;
    bool hasFatal() const;

    /// Installs this collector as the error callback of `conf` (and a quiet log callback).
    void install(rd_kafka_conf_t *conf);

private:
    struct Entry {
        rd_kafka_resp_err_t code;
        QString reason;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

} // namespace edis::kafka

Q_DECLARE_METATYPE(edis::kafka::KafkaError)
