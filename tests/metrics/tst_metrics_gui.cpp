// Plot widgets and the throughput page, offscreen, fed with made-up rounds.

#include "pages/throughputpage.h"
#include "sparkline.h"
#include "testsettings.h"
#include "throughputplot.h"

#include <qcustomplot.h>

#include <QDateTime>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using edis::widgets::Sparkline;
using edis::widgets::ThroughputPlot;
using namespace edis::metrics;

namespace {

constexpr double kStart = 1'700'000'000.0; // seconds since the epoch

QList<double> range(int n, double first, double step)
{
    QList<double> out;
    for (int i = 0; i < n; ++i) {
        out << first + i * step;
    }
    return out;
}

SampleRound makeRound(
    qint64 wallMs, const std::vector<std::pair<QString, double>> &topics, int partitions = 2)
{
    SampleRound r;
    r.wallTimeMs = wallMs;
    for (const auto &[name, rate] : topics) {
        TopicRate t;
        t.topic = name;
        t.messagesPerSecond = rate;
        for (int p = 0; p < partitions; ++p) {
            t.partitions.push_back({p, 100, rate / partitions});
        }
        r.topics.push_back(t);
    }
    return r;
}

} // namespace

class TestMetricsGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void seriesAddRemove();
    void bulkDataAndGaps();
    void timeWindow_data();
    void timeWindow();
    void emptyPlotShowsTheMinutesUpToNow();
    void zoomByHandPausesLive();
    void keyboardPansAndResumes();
    void logScale();
    void csvExport();
    void pngExport();
    void tooltipShowsTimeAndValue();
    void sparklinePaints();
    void pageListsTopicsAndAutoSelectsBusiest();
    void pagePartitionsOnDemandAndMemory();
    void pagePartitionDetailChoice();
    void pageLag();
    void bytesReadInBinaryUnits_data();
    void bytesReadInBinaryUnits();
    void bytesAxisTicksInBinaryUnits();
    void seriesKeepTheirColour();
    void pageTopicKeepsItsColourAcrossUnits();
    void footerSpeaksUserTerms_data();
    void footerSpeaksUserTerms();
    void pageFitsALaptopScreen();
};

void TestMetricsGui::initTestCase()
{
    // The throughput page remembers a choice: never in the user's own settings.
    edis::test::useTemporarySettings(QStringLiteral("test_metrics_gui"));
}

void TestMetricsGui::seriesAddRemove()
{
    ThroughputPlot plot;
    QCOMPARE(plot.seriesCount(), 0);
    plot.addSeries("rate:a", "a");
    plot.addSeries("rate:b", "b");
    plot.addSeries("rate:a", "a again"); // no duplicate
    QCOMPARE(plot.seriesCount(), 2);
    QCOMPARE(plot.customPlot()->graphCount(), 2);
    QCOMPARE(plot.seriesLabel("rate:a"), QStringLiteral("a"));
    QCOMPARE(plot.customPlot()->legend->itemCount(), 2);
    QVERIFY(plot.removeSeries("rate:a"));
    QVERIFY(!plot.removeSeries("rate:a"));
    QCOMPARE(plot.seriesIds(), QStringList {"rate:b"});
    QCOMPARE(plot.customPlot()->graphCount(), 1);
    QCOMPARE(plot.customPlot()->legend->itemCount(), 1);
    QTRY_VERIFY(plot.customPlot()->legend->visible());
    plot.clearSeries();
    QCOMPARE(plot.seriesCount(), 0);
    QCOMPARE(plot.customPlot()->graphCount(), 0);
    // Without series the legend is not drawn as an empty box.
    QTRY_VERIFY(!plot.customPlot()->legend->visible());
}

void TestMetricsGui::bulkDataAndGaps()
{
    ThroughputPlot plot;
    plot.addSeries("s", "s");
    QList<double> values = range(100, 0, 1);
    values[50] = std::nan("");
    plot.setSeriesData("s", range(100, kStart, 1), values);
    QCOMPARE(plot.pointCount("s"), 100);
    plot.setSeriesData("s", range(10, kStart, 1), range(10, 5, 0)); // replaces, not appends
    QCOMPARE(plot.pointCount("s"), 10);
    plot.setSeriesData("unknown", range(3, kStart, 1), range(3, 1, 1)); // ignored
    QCOMPARE(plot.pointCount("unknown"), 0);
}

void TestMetricsGui::timeWindow_data()
{
    QTest::addColumn<ThroughputPlot::TimeWindow>("window");
    QTest::addColumn<double>("span");
    QTest::newRow("1 min") << ThroughputPlot::TimeWindow::OneMinute << 60.0;
    QTest::newRow("5 min") << ThroughputPlot::TimeWindow::FiveMinutes << 300.0;
    QTest::newRow("1 h") << ThroughputPlot::TimeWindow::OneHour << 3600.0;
    QTest::newRow("24 h") << ThroughputPlot::TimeWindow::OneDay << 86'400.0;
    QTest::newRow("all") << ThroughputPlot::TimeWindow::All << 7200.0; // all the data there is
}

void TestMetricsGui::timeWindow()
{
    QFETCH(ThroughputPlot::TimeWindow, window);
    QFETCH(double, span);
    ThroughputPlot plot;
    plot.addSeries("s", "s");
    plot.setSeriesData("s", range(7201, kStart, 1), range(7201, 10, 0));
    plot.setNow(kStart + 7200);
    QSignalSpy changed(&plot, &ThroughputPlot::timeWindowChanged);
    plot.setTimeWindow(window);
    QCOMPARE(
        changed.size(), window == ThroughputPlot::TimeWindow::FiveMinutes ? 0 : 1); // 5 min is the default
    plot.replotNow();
    QCOMPARE(plot.timeWindow(), window);
    QVERIFY(plot.isLive());
    QCOMPARE(plot.visibleTo(), kStart + 7200);
    QCOMPARE(plot.visibleTo() - plot.visibleFrom(), span);
    // The value axis fits the data on screen.
    QVERIFY(plot.customPlot()->yAxis->range().upper >= 10);
    QVERIFY(plot.customPlot()->yAxis->range().upper < 20);
}

void TestMetricsGui::emptyPlotShowsTheMinutesUpToNow()
{
    // A lag or throughput plot before its first sample: its time axis ends now (it showed
    // 1970-01-01, the epoch, until data came).
    const double before = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    ThroughputPlot plot;
    plot.replotNow();
    const double after = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    QVERIFY2(plot.visibleTo() >= before && plot.visibleTo() <= after,
        qPrintable(QString::number(plot.visibleTo())));
    QCOMPARE(plot.visibleTo() - plot.visibleFrom(), 300.0); // the default window, five minutes
}

void TestMetricsGui::zoomByHandPausesLive()
{
    ThroughputPlot plot;
    plot.addSeries("s", "s");
    plot.setSeriesData("s", range(600, kStart, 1), range(600, 1, 0));
    plot.setNow(kStart + 599);
    plot.replotNow();
    QSignalSpy live(&plot, &ThroughputPlot::liveChanged);
    QSignalSpy visible(&plot, &ThroughputPlot::visibleRangeChanged);
    // What a mouse wheel zoom does: a range change not made by the plot itself.
    plot.customPlot()->xAxis->setRange(kStart + 100, kStart + 200);
    QVERIFY(!plot.isLive());
    QCOMPARE(live.size(), 1);
    QVERIFY(visible.wait(1000)); // debounced, so the owner can fetch finer data
    QCOMPARE(visible.last().at(0).toDouble(), kStart + 100);
    // New data arrives but the view stays where the user put it.
    plot.setNow(kStart + 700);
    plot.replotNow();
    QCOMPARE(plot.visibleFrom(), kStart + 100);
    // Resume: back to the newest data.
    plot.setLive(true);
    plot.replotNow();
    QCOMPARE(plot.visibleTo(), kStart + 700);
}

void TestMetricsGui::keyboardPansAndResumes()
{
    ThroughputPlot plot;
    plot.addSeries("s", "s");
    plot.setSeriesData("s", range(600, kStart, 1), range(600, 1, 0));
    plot.setNow(kStart + 599);
    plot.replotNow();
    const double before = plot.visibleFrom();
    QTest::keyClick(plot.customPlot(), Qt::Key_Left);
    QVERIFY(!plot.isLive());
    QVERIFY(plot.visibleFrom() < before);
    const double width = plot.visibleTo() - plot.visibleFrom();
    QTest::keyClick(plot.customPlot(), Qt::Key_Plus);
    QVERIFY(plot.visibleTo() - plot.visibleFrom() < width);
    QTest::keyClick(plot.customPlot(), Qt::Key_Home);
    QVERIFY(plot.isLive());
    plot.replotNow();
    QCOMPARE(plot.visibleTo(), kStart + 599);
}

void TestMetricsGui::logScale()
{
    ThroughputPlot plot;
    plot.addSeries("s", "s");
    plot.setSeriesData("s", range(60, kStart, 1), range(60, 1, 100));
    plot.setNow(kStart + 59);
    QSignalSpy spy(&plot, &ThroughputPlot::logScaleChanged);
    plot.setLogScale(true);
    plot.replotNow();
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot.customPlot()->yAxis->range().lower > 0);
    QVERIFY(plot.customPlot()->yAxis->range().upper >= 5901);
    plot.setLogScale(false);
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(spy.size(), 2);
}

void TestMetricsGui::csvExport()
{
    ThroughputPlot plot;
    plot.addSeries("rate:orders", "orders");
    plot.addSeries("rate:a,b", "a,b"); // a label that needs quoting
    plot.setSeriesData("rate:orders", {kStart, kStart + 1, kStart + 2}, {10, std::nan(""), 30.5});
    plot.setSeriesData("rate:a,b", {kStart + 1, kStart + 3}, {7, 8});
    plot.setNow(kStart + 3);
    plot.setTimeWindow(ThroughputPlot::TimeWindow::OneMinute);
    plot.replotNow();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("rates.csv");
    QString error;
    QVERIFY2(plot.exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 5); // header + 4 distinct times
    QCOMPARE(lines[0], QByteArray("time,epoch_seconds,\"a,b\",orders"));
    QCOMPARE(lines[1], QByteArray("2023-11-14T22:13:20.000Z,1700000000.000,,10"));
    QCOMPARE(lines[2], QByteArray("2023-11-14T22:13:21.000Z,1700000001.000,7,")); // NaN is empty
    QCOMPARE(lines[3], QByteArray("2023-11-14T22:13:22.000Z,1700000002.000,,30.5"));
    QCOMPARE(lines[4], QByteArray("2023-11-14T22:13:23.000Z,1700000003.000,8,"));

    // Only what is on screen: zoomed to the first two seconds.
    plot.setVisibleRange(kStart - 0.5, kStart + 1.5);
    QCOMPARE(plot.toCsv().trimmed().split('\n').size(), 3);
    QVERIFY(!plot.exportCsv(dir.filePath("no/such/dir/x.csv"), &error));
    QVERIFY(!error.isEmpty());
}

void TestMetricsGui::pngExport()
{
    ThroughputPlot plot;
    plot.resize(640, 360);
    plot.addSeries("s", "series");
    plot.setSeriesData("s", range(300, kStart, 1), range(300, 0, 3));
    plot.setNow(kStart + 299);
    QTemporaryDir dir;
    const QString path = dir.filePath("plot.png");
    QString error;
    QVERIFY2(plot.exportPng(path, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 640);
    // Something other than the background was drawn: the blue line of the first series.
    bool coloured = false;
    for (int y = 0; y < image.height() && !coloured; y += 2) {
        for (int x = 0; x < image.width() && !coloured; x += 2) {
            const QColor c = image.pixelColor(x, y);
            coloured = c.blue() > 150 && c.red() < 100;
        }
    }
    QVERIFY(coloured);
}

void TestMetricsGui::tooltipShowsTimeAndValue()
{
    ThroughputPlot plot;
    plot.resize(800, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.addSeries("s", "orders");
    plot.setSeriesData("s", range(60, kStart, 1), range(60, 1000, 0));
    plot.setNow(kStart + 59);
    plot.setTimeWindow(ThroughputPlot::TimeWindow::OneMinute);
    plot.replotNow();
    QCustomPlot *cp = plot.customPlot();
    const QPoint onLine(static_cast<int>(cp->xAxis->coordToPixel(kStart + 30)),
        static_cast<int>(cp->yAxis->coordToPixel(1000)));
    const QString text = plot.tooltipAt(onLine);
    QVERIFY2(text.contains("orders"), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(1000.0, 'f', 0)), qPrintable(text));
    QVERIFY2(text.contains(QDateTime::fromSecsSinceEpoch(qint64(kStart) + 30).toString("HH:mm:ss")),
        qPrintable(text));
    const QPoint farAway(onLine.x(), static_cast<int>(cp->yAxis->coordToPixel(100)));
    QVERIFY(plot.tooltipAt(farAway).isEmpty());
}

void TestMetricsGui::sparklinePaints()
{
    Sparkline line;
    line.resize(100, 30);
    line.setColor(Qt::red);
    QList<double> values = {0, 5, 10, std::nan(""), 3, 8};
    line.setValues(values);
    QCOMPARE(line.values().size(), 6);
    QPixmap pixmap(line.size());
    pixmap.fill(Qt::white);
    line.render(&pixmap);
    const QImage image = pixmap.toImage();
    int red = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() > 200 && c.green() < 150 ? 1 : 0;
        }
    }
    QVERIFY(red > 20);
}

void TestMetricsGui::pageListsTopicsAndAutoSelectsBusiest()
{
    edis::ui::ThroughputPage page;
    page.show(); // a hidden page samples but does not replot
    const qint64 t0 = 1'700'000'000'000;
    std::vector<std::pair<QString, double>> topics;
    topics.reserve(7);
    for (int i = 0; i < 7; ++i) {
        topics.emplace_back(QStringLiteral("topic-%1").arg(i), i * 10.0); // topic-0 idle
    }
    page.addRound(makeRound(t0, topics));
    QCOMPARE(page.topics().size(), 7);
    for (int64_t s = 1; s < 10; ++s) {
        page.addRound(makeRound(t0 + s * 1000, topics));
    }
    // The five busiest (6, 5, 4, 3, 2) are on the plot until the user picks.
    QStringList expected = {"topic-2", "topic-3", "topic-4", "topic-5", "topic-6"};
    QCOMPARE(page.selectedTopics(), expected);
    QCOMPARE(page.ratePlot()->seriesCount(), 5);
    QCOMPARE(page.ratePlot()->pointCount("rate:topic-6"), 10);

    page.setSelectedTopics({"topic-0"});
    QCOMPARE(page.ratePlot()->seriesIds(), QStringList {"rate:topic-0"});
    page.addRound(makeRound(t0 + 10'000, topics));
    QCOMPARE(page.selectedTopics(), QStringList {"topic-0"}); // the user's pick stays
    // A topic that appears later joins the list.
    topics.emplace_back("late", 1.0);
    page.addRound(makeRound(t0 + 11'000, topics));
    QVERIFY(page.topics().contains("late"));
}

void TestMetricsGui::pagePartitionsOnDemandAndMemory()
{
    edis::ui::ThroughputPage page;
    page.show(); // a hidden page samples but does not replot
    const qint64 t0 = 1'700'000'000'000;
    for (int64_t s = 0; s < 5; ++s) {
        page.addRound(makeRound(t0 + s * 1000, {{"orders", 90}, {"other", 10}}, 3));
    }
    page.setSelectedTopics({"orders"});
    page.setTopicPartitionsShown(true);
    QCOMPARE(page.ratePlot()->seriesIds(), (QStringList {"rate:orders/0", "rate:orders/1", "rate:orders/2"}));
    page.setSelectedTopics({"orders", "other"}); // partitions only for a single topic
    QCOMPARE(page.ratePlot()->seriesIds(), (QStringList {"rate:orders", "rate:other"}));
    QVERIFY(page.history().memoryBytes() > 0);
    QVERIFY2(page.memoryText().contains(QLocale().formattedDataSize(qint64(page.history().memoryBytes()))),
        qPrintable(page.memoryText()));
}

void TestMetricsGui::pagePartitionDetailChoice()
{
    edis::ui::ThroughputPage page;
    QCOMPARE(page.partitionDetailSeconds(), 3'600);
    const qint64 t0 = 1'700'000'000'000;
    for (int64_t s = 0; s < 5; ++s) {
        page.addRound(makeRound(t0 + s * 1000, {{"orders", 90}}, 3));
    }
    QVERIFY(page.history().seriesCount() > 0);
    // The user picks 24 h at 1 s: the tiers change, the history starts afresh, the choice stays.
    QComboBox *box = page.partitionDetailBox();
    box->setCurrentIndex(box->findData(86'400));
    Q_EMIT box->activated(box->currentIndex());
    QCOMPARE(page.partitionDetailSeconds(), 86'400);
    QCOMPARE(page.history().config().detail.fineCapacity, 86'400);
    QCOMPARE(page.history().seriesCount(), std::size_t(0));
    QVERIFY(box->toolTip().contains(QLocale().formattedDataSize(qint64(3) * 86'400 * 4)));
    edis::ui::ThroughputPage next; // remembered
    QCOMPARE(next.partitionDetailSeconds(), 86'400);
    QSettings().remove(QStringLiteral("throughput/partitionDetailSeconds"));
    QCOMPARE(edis::ui::ThroughputPage().partitionDetailSeconds(), 3'600);
}

void TestMetricsGui::pageLag()
{
    edis::ui::ThroughputPage page;
    page.show(); // a hidden page samples but does not replot
    const qint64 t0 = 1'700'000'000'000;
    for (int64_t s = 0; s < 5; ++s) {
        SampleRound r = makeRound(t0 + s * 1000, {{"orders", 100}});
        GroupLag g;
        g.group = "billing";
        g.totalLag = 100 * s;
        g.partitions.push_back({"orders", 0, 0, 60 * s, 60 * s});
        g.partitions.push_back({"orders", 1, 0, 40 * s, 40 * s});
        r.groups.push_back(g);
        page.addRound(r);
    }
    page.setSelectedGroups({"billing"});
    QCOMPARE(page.lagPlot()->seriesIds(), QStringList {"lag:billing"});
    QCOMPARE(page.lagPlot()->pointCount("lag:billing"), 5);
    page.setGroupPartitionsShown(true);
    QCOMPARE(page.lagPlot()->seriesIds(), (QStringList {"lag:billing orders/0", "lag:billing orders/1"}));
}

void TestMetricsGui::bytesReadInBinaryUnits_data()
{
    QTest::addColumn<double>("bytesPerSecond");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << QLocale().toString(0.0, 'f', 0) + " B/s";
    QTest::newRow("bytes") << 500.0 << QLocale().toString(500.0, 'f', 0) + " B/s";
    QTest::newRow("one and a half KiB") << 1536.0 << QLocale().toString(1.5, 'f', 2) + " KiB/s";
    QTest::newRow("the issue's 500000") << 500000.0 << QLocale().toString(488.0, 'f', 0) + " KiB/s";
    QTest::newRow("5 MiB") << 5.0 * 1024 * 1024 << QLocale().toString(5.0, 'f', 2) + " MiB/s";
    QTest::newRow("2 GiB") << 2.0 * 1024 * 1024 * 1024 << QLocale().toString(2.0, 'f', 2) + " GiB/s";
}

void TestMetricsGui::bytesReadInBinaryUnits()
{
    QFETCH(double, bytesPerSecond);
    QFETCH(QString, text);
    QCOMPARE(ThroughputPlot::formatBytesPerSecond(bytesPerSecond), text);
}

void TestMetricsGui::bytesAxisTicksInBinaryUnits()
{
    ThroughputPlot plot;
    plot.resize(600, 300);
    plot.addSeries("written:a", "a");
    plot.setValueUnit(ThroughputPlot::ValueUnit::BytesPerSecond);
    plot.setSeriesData("written:a", range(60, kStart, 1), range(60, 500000, 0));
    plot.setNow(kStart + 59);
    plot.replotNow();
    const QStringList labels = plot.valueTickLabels();
    QVERIFY(labels.size() >= 3);
    for (const QString &label : labels) {
        QVERIFY2(label.endsWith(QLatin1String(" KiB/s")), qPrintable(labels.join(" | ")));
    }
    QVERIFY2(labels.contains(QLocale().toString(100.0, 'f', 0) + " KiB/s"), qPrintable(labels.join(" | ")));
    QVERIFY2(labels.contains(QLocale().toString(0.0, 'f', 0) + " KiB/s"), qPrintable(labels.join(" | ")));
    // The hover text too.
    QCustomPlot *cp = plot.customPlot();
    const QPoint onLine(static_cast<int>(cp->xAxis->coordToPixel(kStart + 30)),
        static_cast<int>(cp->yAxis->coordToPixel(500000)));
    QVERIFY2(plot.tooltipAt(onLine).endsWith(ThroughputPlot::formatBytesPerSecond(500000)),
        qPrintable(plot.tooltipAt(onLine)));
    // Log scale keeps the units; counting plots stay plain numbers.
    plot.setLogScale(true);
    plot.replotNow();
    for (const QString &label : plot.valueTickLabels()) {
        QVERIFY2(label.endsWith(QLatin1String("B/s")), qPrintable(label));
    }
    plot.setLogScale(false);
    plot.setValueUnit(ThroughputPlot::ValueUnit::Count);
    plot.replotNow();
    for (const QString &label : plot.valueTickLabels()) {
        QVERIFY2(!label.endsWith(QLatin1String("B/s")), qPrintable(label));
    }
}

void TestMetricsGui::seriesKeepTheirColour()
{
    ThroughputPlot plot;
    plot.addSeries("rate:a", "a");
    plot.addSeries("rate:b", "b");
    plot.addSeries("rate:c", "c");
    const QColor a = plot.seriesColor("rate:a");
    const QColor c = plot.seriesColor("rate:c");
    QVERIFY(a != plot.seriesColor("rate:b") && a != c);
    // Another view of the same topics, added in another order before the old ones go.
    plot.addSeries("written:c", "c");
    plot.addSeries("written:a", "a");
    for (const char *id : {"rate:a", "rate:b", "rate:c"}) {
        plot.removeSeries(id);
    }
    QCOMPARE(plot.seriesColor("written:a"), a);
    QCOMPARE(plot.seriesColor("written:c"), c);
    // A newcomer gets a colour no series on the plot has.
    plot.addSeries("written:d", "d");
    QVERIFY(plot.seriesColor("written:d") != a && plot.seriesColor("written:d") != c);
}

void TestMetricsGui::pageTopicKeepsItsColourAcrossUnits()
{
    edis::ui::ThroughputPage page;
    page.show();
    const qint64 t0 = 1'700'000'000'000;
    std::vector<std::pair<QString, double>> topics;
    topics.reserve(4);
    for (int i = 0; i < 4; ++i) {
        topics.emplace_back(QStringLiteral("topic-%1").arg(i), 10.0 + i);
    }
    for (int64_t s = 0; s < 3; ++s) {
        SampleRound r = makeRound(t0 + s * 1000, topics);
        for (auto &t : r.topics) {
            t.writtenBytesPerSecond = 1000 * t.messagesPerSecond;
        }
        page.addRound(r);
    }
    page.setSelectedTopics({"topic-1", "topic-3"});
    const QColor one = page.ratePlot()->seriesColor("rate:topic-1");
    const QColor three = page.ratePlot()->seriesColor("rate:topic-3");
    page.setRateUnit(edis::ui::ThroughputPage::RateUnit::BytesWritten);
    QCOMPARE(page.ratePlot()->seriesIds(), (QStringList {"written:topic-1", "written:topic-3"}));
    QCOMPARE(page.ratePlot()->seriesColor("written:topic-1"), one);
    QCOMPARE(page.ratePlot()->seriesColor("written:topic-3"), three);
    QCOMPARE(page.ratePlot()->valueUnit(), ThroughputPlot::ValueUnit::BytesPerSecond);
    page.setRateUnit(edis::ui::ThroughputPage::RateUnit::Messages);
    QCOMPARE(page.ratePlot()->seriesColor("rate:topic-1"), one);
    QCOMPARE(page.ratePlot()->valueUnit(), ThroughputPlot::ValueUnit::Count);
}

void TestMetricsGui::footerSpeaksUserTerms_data()
{
    QTest::addColumn<int>("method");
    QTest::newRow("batched") << int(OffsetMethod::OffsetsForTimes);
    QTest::newRow("one by one") << int(OffsetMethod::Watermarks);
}

void TestMetricsGui::footerSpeaksUserTerms()
{
    QFETCH(int, method);
    edis::ui::ThroughputPage page;
    SampleRound r = makeRound(1'700'000'000'000, {{"orders", 55}}, 3);
    r.method = static_cast<OffsetMethod>(method);
    r.partitionCount = 3;
    r.roundMs = 4;
    page.addRound(r);
    const QString text = page.statusLabel()->text();
    QVERIFY2(!text.contains(methodName(r.method)), qPrintable(text)); // no internal names
    QVERIFY2(!text.contains(QLatin1Char('_')), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("3 partition")), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(55.0, 'f', 1) + " msg/s"), qPrintable(text));
    QVERIFY(!page.statusLabel()->toolTip().isEmpty());
}

void TestMetricsGui::pageFitsALaptopScreen()
{
    // The page's share of a 1366×768 window: the tree takes about 340 px, bars about 100 px.
    const QSize room(1366 - 340, 768 - 100);
    edis::ui::ThroughputPage page;
    page.resize(room);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const qint64 t0 = 1'700'000'000'000;
    for (int64_t s = 0; s < 5; ++s) {
        page.addRound(makeRound(t0 + s * 1000, {{"a-topic-with-a-rather-long-name.v1", 90}, {"b", 10}}));
    }
    SampleRound failed;
    failed.wallTimeMs = t0 + 5000;
    failed.error = edis::kafka::KafkaError::make(edis::kafka::KafkaError::Kind::Unreachable,
        QString("Cannot reach the cluster: ").repeated(12)); // a long error, as librdkafka's are
    page.addRound(failed);
    QApplication::processEvents();
    const QSize minimum = page.minimumSizeHint();
    QVERIFY2(minimum.width() <= room.width() && minimum.height() <= room.height(),
        qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    QCOMPARE(page.size(), room);
    // Both plots' Export buttons and their newest data (the right end of the time axis).
    for (ThroughputPlot *plot : {page.ratePlot(), page.lagPlot()}) {
        for (QToolButton *button : plot->findChildren<QToolButton *>()) {
            const QRect r(button->mapTo(&page, QPoint(0, 0)), button->size());
            QVERIFY2(page.rect().contains(r), qPrintable(button->text()));
        }
        const QRect axis = plot->customPlot()->axisRect()->rect();
        const QRect shown(plot->customPlot()->mapTo(&page, axis.topLeft()), axis.size());
        QVERIFY(page.rect().contains(shown));
    }
}

QTEST_MAIN(TestMetricsGui)
#include "tst_metrics_gui.moc"
