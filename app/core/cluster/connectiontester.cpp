#include "cluster/connectiontester.h"

#include "kafka/kafkaclient.h"

#include <QMutex>
#include <QPointer>

#include <thread>

namespace edis::cluster {

/// Shared between the tester and its thread; the thread reports only while the tester lives.
struct ConnectionTester::Link {
    QMutex mutex;
    QPointer<ConnectionTester> tester;
};

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
}

ConnectionTester::~ConnectionTester()
{
    if (link_) {
        QMutexLocker lock(&link_->mutex);
        link_->tester = nullptr;
    }
}

void ConnectionTester::start(const kafka::ConnectionSettings &settings, std::chrono::milliseconds timeout)
{
    if (link_) {
        QMutexLocker lock(&link_->mutex);
        link_->tester = nullptr; // a newer test replaces a running one
    }
    link_ = std::make_shared<Link>();
    link_->tester = this;
    running_ = true;
    std::thread([link = link_, settings, timeout] {
        kafka::KafkaError error;
        QString summary;
        if (auto client = kafka::KafkaClient::create(settings, &error)) {
            const auto md = client->fetchMetadata(timeout);
            error = md.error;
            if (md.ok()) {
                summary = tr("%n broker(s)", nullptr, static_cast<int>(md.value.brokers.size()))
                    + QStringLiteral(", ")
                    + tr("%n topic(s)", nullptr, static_cast<int>(md.value.topics.size()));
            }
        }
        QMutexLocker lock(&link->mutex);
        if (ConnectionTester *tester = link->tester) {
            QMetaObject::invokeMethod(
                tester,
                [tester, error, summary] {
                    tester->running_ = false;
                    Q_EMIT tester->finished(error, summary);
                },
                Qt::QueuedConnection);
        }
    }).detach();
}

} // namespace edis::cluster
