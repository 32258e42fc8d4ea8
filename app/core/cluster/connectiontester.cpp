#include "cluster/connectiontester.h"

#include "kafka/deadline.h"
#include "kafka/kafkaclient.h"
#include "util/backgroundworker.h"

namespace edis::cluster {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<kafka::KafkaError>();
}

ConnectionTester::~ConnectionTester() = default; // the running test, if any, ends on its own

void ConnectionTester::start(const kafka::ConnectionSettings &settings, std::chrono::milliseconds timeout)
{
    worker_ = std::make_unique<util::BackgroundWorker>(this); // drops a running test's result
    running_ = true;
    worker_->post([this, settings, timeout](const util::BackgroundWorker::Context &context) {
        kafka::KafkaError error;
        QString summary;
        if (auto client = kafka::KafkaClient::create(settings, &error)) {
            const util::StopFlag stopped(context.stopToken());
            kafka::Deadline deadline(timeout, stopped.get());
            const auto md = client->fetchMetadata(deadline);
            error = md.error;
            if (md.ok()) {
                summary = tr("%n broker(s)", nullptr, static_cast<int>(md.value.brokers.size()))
                    + QStringLiteral(", ")
                    + tr("%n topic(s)", nullptr, static_cast<int>(md.value.topics.size()));
            }
        }
        // Queued to this tester's thread; dropped if the tester (or this test) is gone by then.
        context.deliver([this, error, summary] {
            running_ = false;
            Q_EMIT finished(error, summary);
        });
    });
}

} // namespace edis::cluster
