#pragma once

// A saved way to reach a cluster: the broker kind, the address, the security settings, and any
// extra librdkafka properties. Secrets are not part of a profile: they live in a SecretStore
// and are joined in only when a connection is made.

#include "kafka/connectionsettings.h"
#include "registry/registrysettings.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>

namespace edis::profiles {

enum class BrokerKind { Kafka, EventHubs, Redpanda, ConfluentCloud };
enum class SecurityProtocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };
enum class SaslMechanism { Plain, ScramSha256, ScramSha512, OAuthBearer, Gssapi };
/// OAUTHBEARER: a token pasted by the user, or OIDC client credentials fetched by librdkafka.
enum class OAuthMode { StaticToken, OidcClientCredentials };

/// The Schema Registry beside a cluster, as saved: registry::RegistrySettings without its
/// secrets (the password or token and the key password are in ProfileSecrets).
struct RegistryProfile {
    QString url;
    registry::RegistryAuth auth = registry::RegistryAuth::None;
    QString username; ///< basic auth (Confluent Cloud: the API key)
    QString caFile;
    QString certFile;
    QString keyFile;
    bool verifyHostname = true;
    int requestTimeoutMs = static_cast<int>(registry::kDefaultRequestTimeout.count());

    bool needsSecret() const { return auth != registry::RegistryAuth::None; }
    /// What to ask the user for ("Registry password", "Registry token"), or empty.
    QString secretLabel() const;
    bool operator==(const RegistryProfile &) const = default;
};

struct ConnectionProfile {
    QString id; ///< stable key (a UUID) for the profile and its secrets
    QString name;
    BrokerKind kind = BrokerKind::Kafka;
    QString bootstrapServers;
    SecurityProtocol security = SecurityProtocol::Plaintext;
    SaslMechanism mechanism = SaslMechanism::Plain;
    QString username; ///< SASL PLAIN/SCRAM user; the password is a secret
    OAuthMode oauthMode = OAuthMode::OidcClientCredentials;
    QString oauthTokenEndpoint;
    QString oauthClientId; ///< the client secret or the static token is a secret
    QString oauthScope;
    QString kerberosPrincipal;
    QString kerberosKeytab;
    QString kerberosServiceName = QStringLiteral("kafka");
    QString caFile;
    QString certFile;
    QString keyFile; ///< its password, if any, is a secret
    bool verifyHostname = true;
    std::map<std::string, std::string> extraProperties;
    bool readOnly = false;
    qint64 lastUsedMs = 0;
    /// None for a cluster without a registry (the sandbox has none).
    std::optional<RegistryProfile> registry;

    bool usesSasl() const
    {
        return security == SecurityProtocol::SaslPlaintext || security == SecurityProtocol::SaslSsl;
    }
    bool usesTls() const
    {
        return security == SecurityProtocol::Ssl || security == SecurityProtocol::SaslSsl;
    }
    /// Whether connecting needs a secret from the store (and which one, for prompts).
    bool needsSecret() const;
    QString secretLabel() const;

    bool operator==(const ConnectionProfile &) const = default;
};

/// A saved RabbitMQ node: its management API and AMQP addresses, vhost and user. The password is
/// a secret (ProfileSecrets::password under the same id). Kept beside the Kafka profiles in the
/// same file; a read-only one never writes (no publish, create, delete, purge, bind).
struct RabbitProfile {
    QString id; ///< stable key (a UUID) for the profile and its secret
    QString name;
    QString managementUrl; ///< http(s)://host:15672 (with a path prefix, if any)
    QString amqpUrl; ///< amqp(s)://host:5672, without credentials; empty: the management host
    QString vhost = QStringLiteral("/");
    QString username;
    bool readOnly = false;
    qint64 lastUsedMs = 0;

    bool operator==(const RabbitProfile &) const = default;
};

/// What is wrong with a RabbitMQ profile, in words, or an empty list.
QStringList validate(const RabbitProfile &profile);
QJsonObject toJson(const RabbitProfile &profile);
RabbitProfile rabbitProfileFromJson(const QJsonObject &o);

/// Secrets of one profile, held in memory only while connecting.
struct ProfileSecrets {
    QString password; ///< SASL password, OAuth client secret or static token
    QString keyPassword;
    /// Extra librdkafka properties that carry secrets (e.g. a typed-in sasl.password).
    std::map<std::string, std::string> properties;
    QString registrySecret; ///< the registry's password, API secret or bearer token
    QString registryKeyPassword; ///< of the registry client certificate's key
    bool operator==(const ProfileSecrets &) const = default;
};

/// Whether a librdkafka property holds a secret (passwords, keys, tokens).
bool isSecretProperty(const std::string &key);
/// Moves secret-carrying extra properties of the profile into `secrets`, so that the profile
/// itself can be written to disk.
void moveSecretProperties(ConnectionProfile &profile, ProfileSecrets &secrets);

/// What is wrong with a profile, in words, or an empty list.
QStringList validate(const ConnectionProfile &profile);

/// The librdkafka settings for the profile with its secrets filled in.
kafka::ConnectionSettings toConnectionSettings(
    const ConnectionProfile &profile, const ProfileSecrets &secrets);

/// The profile's registry with its secrets filled in; nullopt when the profile has none.
std::optional<registry::RegistrySettings> toRegistrySettings(
    const ConnectionProfile &profile, const ProfileSecrets &secrets);

/// The profile as JSON (never with secrets) and back. Unknown keys are ignored.
QJsonObject toJson(const ConnectionProfile &profile);
ConnectionProfile profileFromJson(const QJsonObject &o);

QString toString(BrokerKind kind);
QString toString(SecurityProtocol protocol);
QString toString(SaslMechanism mechanism);

} // namespace edis::profiles

Q_DECLARE_METATYPE(edis::profiles::ConnectionProfile)
