#include "kafka/connectionsettings.h"

#include <QCoreApplication>

#include <array>

namespace edis::kafka {

bool setConfProperty(rd_kafka_conf_t *conf, const std::string &key, const std::string &value,
                     QString *error)
{
    std::array<char, 512> errstr{};
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
            *error = QCoreApplication::translate("edis::kafka",
                                                 "No bootstrap servers given (expected host:port).");
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
    return conf;
}

} // namespace edis::kafka
