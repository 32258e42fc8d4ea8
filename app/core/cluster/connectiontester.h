#pragma once

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"

#include <QObject>

#include <chrono>
#include <memory>

namespace edis::util {
class BackgroundWorker;
}

namespace edis::cluster {

/// "Test connection": one metadata request on a thread of its own (util::BackgroundWorker),
/// reported back by a queued signal. Destroying the tester while a test runs never waits: the
/// test is asked to stop, ends on its own thread and its result is dropped, so closing a dialog
/// never waits on the network.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    /// Starts a test; a newer test replaces a running one (whose result is dropped).
    void start(const kafka::ConnectionSettings &settings, std::chrono::milliseconds timeout);
    bool isRunning() const { return running_; }

Q_SIGNALS:
    /// `summary` says what was found ("3 brokers, 42 topics") when the test succeeded.
    void finished(const edis::kafka::KafkaError &error, const QString &summary);

private:
    std::unique_ptr<util::BackgroundWorker> worker_;
    bool running_ = false;
};

} // namespace edis::cluster
