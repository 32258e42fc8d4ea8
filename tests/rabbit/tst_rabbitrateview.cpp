// The RabbitMQ rate plots (ui/pages/rabbitrateview over app/rabbit/ratehistory, #19), offscreen.
// Against the real node tests/services/rabbitmq.sh starts (EDIS_TEST_RABBITMQ_*, the test vhost):
// a classic queue made through the management API gets 100 msg/s from a publisher thread, the
// queue listing is polled every 5 s (the page's refresh; the node's statistics interval is
// RabbitMQ's default 5 s) into a RateHistory shown by the view, and the recorded publish rate of
// the last samples is within 10 % of the known rate, with the plot's points and the title's
// figures saying the same. Without a network: what an exchange and an empty selection show.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "guitest.h"
#include "pages/rabbitrateview.h"
#include "rabbittest.h"
#include "throughputplot.h"
#include "util/backgroundworker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <thread>

using namespace edis;
using test::awaitRabbit;

namespace {

constexpr double kRatePerSecond = 100;
constexpr int kBatch = 10; ///< messages per publishAll, every kBatch / kRatePerSecond seconds
constexpr int kPollMs = 5000; ///< what RabbitPage::kAutoRefreshMs is
constexpr int kSettleTimeoutMs = 40000;
constexpr double kTolerance = 0.10;
constexpr int kSettledSamples = 2; ///< the last samples that must be within the tolerance

bool withinTolerance(double rate)
{
    return std::abs(rate - kRatePerSecond) <= kTolerance * kRatePerSecond;
}

/// Publishes kRatePerSecond to one queue on its own thread (its own connection), paced against
/// absolute deadlines so the long-run rate is exact whatever one batch takes.
class SteadyPublisher {
public:
    SteadyPublisher(amqp::Settings settings, QString queue)
        : thread_([this, settings = std::move(settings), queue = std::move(queue)](
                      const std::stop_token &stop) { run(settings, queue, stop); })
    {
    }
    ~SteadyPublisher() { stop(); }
    SteadyPublisher(const SteadyPublisher &) = delete;
    SteadyPublisher &operator=(const SteadyPublisher &) = delete;

    void stop()
    {
        thread_.request_stop();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    quint64 published() const { return published_.load(); }
    QString error() const
    {
        const std::scoped_lock lock(mutex_);
        return error_;
    }

private:
    void run(const amqp::Settings &settings, const QString &queue, const std::stop_token &stop)
    {
        amqp::Connection connection(settings);
        if (const amqp::Error e = connection.open(stop); !e.ok()) {
            fail(e);
            return;
        }
        amqp::Publisher publisher(connection);
        std::vector<amqp::OutgoingMessage> batch(kBatch);
        for (auto &m : batch) {
            m.routingKey = queue; // the default exchange
            m.body = QByteArrayLiteral(R"({"rate":"steady"})");
        }
        const auto period = std::chrono::microseconds(static_cast<qint64>(kBatch * 1e6 / kRatePerSecond));
        auto next = std::chrono::steady_clock::now();
        while (!stop.stop_requested()) {
            const auto outcomes = publisher.publishAll(batch, amqp::Publisher::kDefaultConfirmTimeout, stop);
            if (!outcomes.ok()) {
                if (outcomes.error().kind != amqp::Error::Kind::Cancelled) {
                    fail(outcomes.error());
                }
                return;
            }
            published_ += kBatch;
            next += period;
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                next - std::chrono::steady_clock::now());
            if (wait.count() > 0) {
                util::waitUnlessStopped(stop, wait);
            }
        }
    }
    void fail(const amqp::Error &e)
    {
        const std::scoped_lock lock(mutex_);
        error_ = e.message + QLatin1String(" / ") + e.detail;
    }

    std::atomic<quint64> published_ {0};
    mutable std::mutex mutex_;
    QString error_;
    std::jthread thread_; ///< last: it runs on the members above
};

} // namespace

class TestRabbitRateView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void showsNothingUntilAKeyIsChosen();
    void showsAnExchangeWithoutDepth();
    void recordsAKnownPublishRate();

private:
    rabbit::ManagementSettings management_;
    amqp::Settings amqp_;
    std::unique_ptr<rabbit::ManagementClient> client_;
    QString queue_;
};

void TestRabbitRateView::initTestCase()
{
    for (const char *name : {"EDIS_TEST_RABBITMQ_MANAGEMENT_URL", "EDIS_TEST_RABBITMQ_USER",
             "EDIS_TEST_RABBITMQ_PASSWORD", "EDIS_TEST_RABBITMQ_VHOST", "EDIS_TEST_RABBITMQ_AMQP_URL"}) {
        if (test::rabbitEnv(name).isEmpty()) {
            QFAIL(test::missingRabbitEnv(name).constData());
        }
    }
    management_.url = test::rabbitEnv("EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
    management_.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_USER");
    management_.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_PASSWORD");
    management_.vhost = test::rabbitEnv("EDIS_TEST_RABBITMQ_VHOST");
    client_ = std::make_unique<rabbit::ManagementClient>(management_);
    QVERIFY2(client_->settingsProblem().isEmpty(), qPrintable(client_->settingsProblem()));

    const amqp::Result<amqp::Settings> parsed
        = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    amqp_ = parsed.value();
    amqp_.vhost = management_.vhost; // the URL's is "/"
    amqp_.connectionName = QStringLiteral("EDIS test_rabbit_rate_view");
}

void TestRabbitRateView::cleanupTestCase()
{
    if (client_ && !queue_.isEmpty()) {
        const auto deleted
            = awaitRabbit<rabbit::Done>([this](auto done) { client_->deleteQueue(queue_, done); });
        if (!deleted.ok()) {
            qWarning("could not delete %s: %s", qPrintable(queue_), qPrintable(deleted.error().message));
        }
    }
}

void TestRabbitRateView::showsNothingUntilAKeyIsChosen()
{
    rabbit::RateHistory history;
    ui::RabbitRateView view;
    view.setHistory(&history);
    QVERIFY(!view.shownKey());
    QVERIFY(view.titleText().startsWith(QStringLiteral("Select a queue")));
    QCOMPARE(view.ratePlot()->seriesCount(), 0);

    view.showQueue(QStringLiteral("v"), QStringLiteral("later"));
    QVERIFY2(view.titleText().contains(QStringLiteral("no figures yet")), qPrintable(view.titleText()));
    rabbit::QueueInfo q;
    q.name = QStringLiteral("later");
    q.vhost = QStringLiteral("v");
    q.rates = {3.5, 2, 1};
    q.messagesReady = 42;
    q.messagesUnacknowledged = 3;
    q.messages = 45;
    history.record(1'700'000'000'000, QList<rabbit::QueueInfo> {q});
    view.refresh();
    QCOMPARE(view.titleText(),
        QStringLiteral("Queue “later” in vhost “v”: publish 3.5 msg/s · deliver 2.0 msg/s · ack 1.0 msg/s · "
                       "42 ready · 3 unacked"));
    QCOMPARE(view.ratePlot()->seriesIds(), (QStringList {"ack", "deliver", "publish"}));
    QCOMPARE(view.depthPlot()->seriesIds(), (QStringList {"ready", "unacked"}));
    QVERIFY2(view.memoryText().contains(QStringLiteral("of at most")), qPrintable(view.memoryText()));

    // More queues than the history keeps: the view says why one has no figures.
    rabbit::RateHistoryConfig small;
    small.maxKeys = 1;
    rabbit::RateHistory full(small);
    rabbit::QueueInfo other = q;
    other.name = QStringLiteral("other");
    full.record(1'700'000'000'000, QList<rabbit::QueueInfo> {q, other});
    view.setHistory(&full);
    view.showQueue(QStringLiteral("v"), QStringLiteral("other"));
    QCOMPARE(view.titleText(),
        QStringLiteral("Queue “other” in vhost “v”: not recorded; the history keeps at most 1 queues and "
                       "exchanges."));
    view.setHistory(&history);

    view.clear();
    QVERIFY(!view.shownKey());
    QCOMPARE(view.ratePlot()->seriesCount(), 0);
    QVERIFY(view.titleText().startsWith(QStringLiteral("Select a queue")));
}

void TestRabbitRateView::showsAnExchangeWithoutDepth()
{
    rabbit::RateHistory history;
    rabbit::ExchangeInfo e;
    e.name = QStringLiteral("orders");
    e.vhost = QStringLiteral("v");
    e.rates = {120, 118, 0};
    history.record(1'700'000'000'000, QList<rabbit::ExchangeInfo> {e});
    ui::RabbitRateView view;
    view.setHistory(&history);
    view.show();
    view.showExchange(QStringLiteral("v"), QStringLiteral("orders"));
    QCOMPARE(view.titleText(),
        QStringLiteral("Exchange “orders” in vhost “v”: publish in 120 msg/s · publish out 118 msg/s"));
    QCOMPARE(view.ratePlot()->seriesIds(), (QStringList {"publish in", "publish out"}));
    QVERIFY(!view.depthPlot()->isVisible());
    QCOMPARE(view.ratePlot()->pointCount(QStringLiteral("publish in")), 1);
    QCOMPARE(view.ratePlot()->now(), 1'700'000'000.0);
}

void TestRabbitRateView::recordsAKnownPublishRate()
{
    queue_ = test::uniqueRabbitPrefix("rates") + QStringLiteral("steady");
    rabbit::QueueDraft draft;
    draft.name = queue_;
    draft.type = rabbit::QueueType::Classic;
    draft.durable = false;
    const auto created = awaitRabbit<rabbit::Done>([&](auto done) { client_->createQueue(draft, done); });
    EDIS_RABBIT_OK(created);

    rabbit::RateHistory history;
    ui::RabbitRateView view;
    view.resize(900, 600);
    view.setHistory(&history);
    view.showQueue(management_.vhost, queue_);
    view.show();
    const rabbit::RateKey key = rabbit::RateKey::queue(management_.vhost, queue_);

    SteadyPublisher publisher(amqp_, queue_);
    QElapsedTimer clock;
    clock.start();
    // The page's refresh: every 5 s the vhost's queues into the history, then the view.
    int polls = 0;
    QString pollError;
    QTimer poll;
    poll.setInterval(kPollMs);
    connect(&poll, &QTimer::timeout, this, [&] {
        client_->queues([&](const rabbit::Result<QList<rabbit::QueueInfo>> &listed) {
            if (!listed.ok()) {
                pollError = listed.error().message;
                return;
            }
            ++polls;
            history.record(QDateTime::currentMSecsSinceEpoch(), listed.value());
            view.refresh();
            const auto latest = history.latest(key);
            qInfo("%5.1f s: publish %.1f msg/s, deliver %.1f, ready %lld (%llu published)",
                static_cast<double>(clock.elapsed()) / 1000.0, latest ? latest->rates.publish : -1.0,
                latest ? latest->rates.deliver : -1.0, latest ? latest->ready : -1LL,
                static_cast<unsigned long long>(publisher.published()));
        });
    });
    poll.start();

    const auto settled = [&] {
        const QList<double> last = history.publishSparkline(key, kSettledSamples);
        return last.size() == kSettledSamples && std::all_of(last.begin(), last.end(), withinTolerance);
    };
    const bool ok = QTest::qWaitFor(
        [&] { return settled() || !pollError.isEmpty() || !publisher.error().isEmpty(); }, kSettleTimeoutMs);
    poll.stop();
    publisher.stop();
    // A listing still in flight would call back into this function's locals after it returned.
    QVERIFY(QTest::qWaitFor([&] { return client_->pendingRequests() == 0; }, 20000));
    QVERIFY2(publisher.error().isEmpty(), qPrintable(publisher.error()));
    QVERIFY2(pollError.isEmpty(), qPrintable(pollError));
    QStringList rates;
    for (double rate : history.publishSparkline(key, 100)) {
        rates << QString::number(rate, 'f', 1);
    }
    QVERIFY2(ok && settled(),
        qPrintable(QStringLiteral("publish rates recorded in %1 s: %2 (want %3 ± %4 %)")
                       .arg(clock.elapsed() / 1000)
                       .arg(rates.join(QLatin1String(", ")))
                       .arg(kRatePerSecond)
                       .arg(kTolerance * 100)));
    qInfo("settled after %d polls, %lld ms", polls, static_cast<long long>(clock.elapsed()));

    // What the view shows is what was recorded: one point per poll, and the latest figures.
    const auto latest = history.latest(key);
    QVERIFY(latest);
    QVERIFY(withinTolerance(latest->rates.publish));
    QCOMPARE(latest->rates.deliver, 0.0); // nobody consumes
    QVERIFY2(latest->ready > 0 && latest->ready <= static_cast<qint64>(publisher.published()),
        qPrintable(QString::number(latest->ready)));
    QCOMPARE(view.ratePlot()->pointCount(QStringLiteral("publish")), polls);
    QCOMPARE(view.depthPlot()->pointCount(QStringLiteral("ready")), polls);
    const QString title = view.titleText();
    QVERIFY2(title.contains(queue_), qPrintable(title));
    QVERIFY2(
        title.contains(QStringLiteral("publish ") + ui::RabbitRateView::formatRate(latest->rates.publish)),
        qPrintable(title));
    QVERIFY2(
        title.contains(QStringLiteral("%1 ready").arg(QLocale().toString(latest->ready))), qPrintable(title));
    QVERIFY(clock.elapsed() < 45000);
}

QTEST_MAIN(TestRabbitRateView)
#include "tst_rabbitrateview.moc"
