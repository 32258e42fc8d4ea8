#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"

#include <QObject>

#include <chrono>
#include <memory>

namespace edis::cluster {

/// "Test connection": one metadata request on a thread of its own, reported back by a signal.
/// Destroying the tester while a test runs is fine: the test finishes in the background and
/// its result is dropped, so closing a dialog never waits on the network.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    void start(const kafka::ConnectionSettings &settings, std::chrono::milliseconds timeout);
    bool isRunning() const { return running_; }

Q_SIGNALS:
    /// `summary` says what was found ("3 brokers, 42 topics") when the test succeeded.
    void finished(const edis::kafka::KafkaError &error, const QString &summary);

private:
    struct Link;
    std::shared_ptr<Link> link_;
    bool running_ = false;
};

} // namespace edis::cluster
