#pragma once

// Shared set-up of the inspector's broker tests: topics with known records.

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"

#include <QString>

#include <vector>

namespace edis::test {

/// The broker from EDIS_TEST_KAFKA_BOOTSTRAP (empty when unset: the test must QFAIL).
kafka::ConnectionSettings brokerSettings();
/// A topic name no other run uses.
QString uniqueTopic(const char *prefix);
/// Creates a topic; returns an error message or an empty string.
QString createTopic(const kafka::ConnectionSettings &settings, const QString &name, int partitions,
    const std::map<std::string, std::string> &configs = {});
/// Produces and waits for delivery; returns an error message or an empty string.
QString produceAll(const kafka::ConnectionSettings &settings,
    const std::vector<kafka::OutgoingMessage> &messages,
    const std::map<std::string, std::string> &properties = {});

} // namespace edis::test
