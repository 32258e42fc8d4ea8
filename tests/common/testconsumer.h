#pragma once

// A plain librdkafka consumer for tests: reads what is really on the broker, independently of
// the code under test.

#include <QByteArray>
#include <QString>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace edis::test {

struct ConsumedMessage {
    std::string topic;
    int32_t partition = -1;
    int64_t offset = -1;
    int64_t timestamp = -1; ///< as the broker returned it (CreateTime or LogAppendTime)
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    std::vector<std::pair<std::string, QByteArray>> headers;
};

/// Reads up to `maxMessages` from the beginning of every partition of `topics`, stopping when
/// each has reached the high watermark seen at the start or when `timeout` elapses.
/// `error` is set when the consumer could not be created.
std::vector<ConsumedMessage> consumeFromBeginning(const std::string &bootstrap,
    const std::vector<std::string> &topics, std::size_t maxMessages, std::chrono::milliseconds timeout,
    QString *error, const std::map<std::string, std::string> &properties = {});

/// The environment variable, or an empty string; tests labelled kafka QFAIL on empty.
QString requiredEnv(const char *name);

} // namespace edis::test
