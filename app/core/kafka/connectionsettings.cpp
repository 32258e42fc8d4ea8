#include "kafka/connectionsettings.h"

#include "kafka/internal/rdkafkahandles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <string_view>

namespace edis::kafka {

namespace {

constexpr std::string_view kStaticTokenPrefix = "edis.static.token=";

/// OAUTHBEARER with a token the user pasted: librdkafka asks for a token through this callback
/// (instead of its unsecured-JWT default) and gets the pasted one, with the lifetime and
/// principal read from the JWT when it is one.
void handOverStaticToken(rd_kafka_t *rk, const char *config, void * /*opaque*/)
{
    const std::string_view cfg(config ? config : "");
    const std::string token(cfg.substr(std::min(cfg.size(), kStaticTokenPrefix.size())));
    qint64 expiresMs = QDateTime::currentMSecsSinceEpoch() + 3'600'000;
    std::string principal = "edis";
    const QList<QByteArray> parts = QByteArray::fromStdString(token).split('.');
    if (parts.size() == 3) {
        const QJsonObject claims
            = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding))
                  .object();
        if (claims.contains(QLatin1String("exp"))) {
            expiresMs = claims.value(QLatin1String("exp")).toInteger() * 1000;
        }
        if (claims.contains(QLatin1String("sub"))) {
            principal = claims.value(QLatin1String("sub")).toString().toStdString();
        }
    }
    std::array<char, 512> errstr {};
    if (rd_kafka_oauthbearer_set_token(
            rk, token.c_str(), expiresMs, principal.c_str(), nullptr, 0, errstr.data(), errstr.size())
        != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_oauthbearer_set_token_failure(rk, errstr.data());
    }
}

} // namespace

bool setConfProperty(rd_kafka_conf_t *conf, const std::string &key, const std::string &value, QString *error)
{
    std::array<char, 512> errstr {};
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr.data(), errstr.size())
        != RD_KAFKA_CONF_OK) {
        if (error) {
            *error = QCoreApplication::translate("edis::kafka", "Invalid setting %1: %2")
                         .arg(QString::fromStdString(key), QString::fromUtf8(errstr.data()));
        }
        return false;
    }
    return true;
}

ConfHandle buildConf(const ConnectionSettings &settings, QString *error)
{
    const QString bootstrap = settings.bootstrapServers.trimmed();
    if (bootstrap.isEmpty()) {
        if (error) {
            *error = QCoreApplication::translate(
                "edis::kafka", "No bootstrap servers given (expected host:port).");
        }
        return {};
    }
    ConfHandle conf(rd_kafka_conf_new());
    if (!setConfProperty(conf.get(), "bootstrap.servers", bootstrap.toStdString(), error)
        || !setConfProperty(conf.get(), "client.id", "edis-studio", error)) {
        return {};
    }
    for (const auto &[key, value] : settings.properties) {
        if (!setConfProperty(conf.get(), key, value, error)) {
            return {};
        }
    }
    const auto oauth = settings.properties.find("sasl.oauthbearer.config");
    if (oauth != settings.properties.end() && oauth->second.rfind(kStaticTokenPrefix, 0) == 0) {
        rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf.get(), &handOverStaticToken);
    }
    return conf;
}

bool acceptsSettings(const ConnectionSettings &settings, QString *error)
{
    return bool(buildConf(settings, error));
}

bool isClientProperty(const std::string &key, const std::string &value)
{
    const ConfHandle probe(rd_kafka_conf_new());
    return setConfProperty(probe.get(), key, value, nullptr);
}

} // namespace edis::kafka
