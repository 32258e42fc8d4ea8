// The embedded sandbox's traffic seen by the sampler and by the throughput page.

#include "metrics/offsetsampler.h"
#include "pages/throughputpage.h"
#include "sandbox/sandboxcluster.h"
#include "throughputplot.h"

#include <QComboBox>
#include <QTest>

#include <algorithm>

#include <thread>

using namespace edis;

class TestMetricsSandbox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void samplerSeesTraffic();
    void pageShowsTrafficAtFirstLaunch();
    void pageShowsBytesTheSandboxWrites();

private:
    std::unique_ptr<sandbox::SandboxCluster> sandbox_;
};

void TestMetricsSandbox::initTestCase()
{
    QString error;
    sandbox::SandboxCluster::Options options;
    options.messagesPerSecond = 200;
    sandbox_ = sandbox::SandboxCluster::start(options, &error);
    QVERIFY2(sandbox_, qPrintable(error));
}

void TestMetricsSandbox::samplerSeesTraffic()
{
    kafka::KafkaError error;
    auto sampler = metrics::OffsetSampler::create(sandbox_->connectionSettings(), &error);
    QVERIFY2(sampler, qPrintable(error.message));
    double best = 0;
    metrics::SampleRound round;
    for (int i = 0; i < 8 && best <= 0; ++i) {
        round = sampler->sampleOnce();
        QVERIFY2(!round.error, qPrintable(round.error.message));
        if (metrics::isKnown(round.totalMessagesPerSecond())) {
            best = std::max(best, round.totalMessagesPerSecond());
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    qInfo("sandbox: %zu topics, %d partitions, %.1f msg/s, offsets via %s", round.topics.size(),
        round.partitionCount, best, qPrintable(metrics::methodName(round.method)));
    QVERIFY(round.topics.size() >= 5);
    QVERIFY(best > 0);
    QVERIFY(round.method != metrics::OffsetMethod::None);
}

void TestMetricsSandbox::pageShowsTrafficAtFirstLaunch()
{
    ui::ThroughputPage page;
    page.show(); // a hidden page samples but does not replot
    page.resize(1000, 700);
    page.setConnection(sandbox_->connectionSettings());
    QVERIFY(page.isSampling());
    // Without the user picking anything, the busy topics appear with non-zero rates.
    QTRY_VERIFY_WITH_TIMEOUT(page.ratePlot()->seriesCount() > 0, 15'000);
    QTRY_VERIFY_WITH_TIMEOUT(page.history().roundCount() >= 4, 15'000);
    bool nonZero = false;
    for (const QString &topic : page.selectedTopics()) {
        const auto data
            = page.history().series(metrics::SeriesKey::topicRate(topic), 0, page.history().lastTimeMs());
        for (double v : data.values) {
            nonZero = nonZero || (metrics::isKnown(v) && v > 0);
        }
        QVERIFY(page.ratePlot()->pointCount(QStringLiteral("rate:") + topic) > 0);
    }
    QVERIFY(nonZero);
    page.stop();
    QVERIFY(!page.isSampling());
}

void TestMetricsSandbox::pageShowsBytesTheSandboxWrites()
{
    // The sandbox's traffic comes from EDIS's own producer, so its bytes/s are known.
    ui::ThroughputPage page;
    page.show();
    page.resize(1000, 700);
    page.setConnection(sandbox_->connectionSettings());
    QTRY_VERIFY_WITH_TIMEOUT(!page.selectedTopics().isEmpty(), 15'000);
    // The user picks "Bytes/s written by EDIS" in the box.
    QComboBox *unit = page.rateUnitBox();
    unit->setFocus();
    QTest::keyClick(unit, Qt::Key_Down);
    QCOMPARE(page.rateUnit(), ui::ThroughputPage::RateUnit::BytesWritten);
    QCOMPARE(page.ratePlot()->valueLabel(), QStringLiteral("bytes/s"));
    const QString topic = page.selectedTopics().first();
    const QString id = metrics::SeriesKey::topicBytesWritten(topic).id();
    QTRY_VERIFY_WITH_TIMEOUT(page.ratePlot()->seriesIds().contains(id), 5'000);
    // A plotted, positive bytes/s for a topic the sandbox writes.
    const auto positive = [&] {
        const auto data = page.history().series(
            metrics::SeriesKey::topicBytesWritten(topic), 0, page.history().lastTimeMs());
        return std::any_of(data.values.begin(), data.values.end(), [](double v) {
            return metrics::isKnown(v) && v > 0;
        }) && page.ratePlot()->pointCount(id) > 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(positive(), 15'000);
    if (const QString dir = qEnvironmentVariable("EDIS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(3000); // a few more rounds on the plot
        page.grab().save(dir + QStringLiteral("/throughput-bytes.png"));
    }
    // Nothing in EDIS reads the sandbox here: "read" has no series for the topic.
    QTest::keyClick(unit, Qt::Key_Down);
    QCOMPARE(page.rateUnit(), ui::ThroughputPage::RateUnit::BytesRead);
    QVERIFY(!page.history().contains(metrics::SeriesKey::topicBytesRead(topic)));
    QCOMPARE(page.ratePlot()->pointCount(metrics::SeriesKey::topicBytesRead(topic).id()), 0);
    page.stop();
}

QTEST_MAIN(TestMetricsSandbox)
#include "tst_metrics_sandbox.moc"
