// `edis rates`'s options as a request: topics, groups, interval, the number of samples and the
// output, and a clear refusal (naming the option and what it expects) for every bad value.

#include "clicommon.h"
#include "optionparsing.h"
#include "ratesoptions.h"

#include <QTest>

using edis::cli::RatesRequest;
using namespace std::chrono_literals;

namespace {

using Parsed = edis::test::ParsedOptions<RatesRequest>;
using edis::test::words;

Parsed parse(const QStringList &arguments)
{
    return edis::test::parseCommandLine<RatesRequest>("edis rates", edis::cli::addRatesOptions, arguments,
        [](const QCommandLineParser &parser, edis::kafka::ConnectionSettings *, QString *error) {
            return edis::cli::ratesRequestFromOptions(parser, error);
        });
}

} // namespace

class TestRatesOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyTopicEverySecondUntilInterrupted()
    {
        const Parsed p = parse({});
        QVERIFY2(p.request, qPrintable(p.error));
        QVERIFY(p.request->sampler.topics.isEmpty());
        QVERIFY(p.request->sampler.groups.isEmpty());
        QCOMPARE(p.request->sampler.interval, 1000ms);
        QCOMPARE(p.request->samples, 0);
        QVERIFY(!p.request->json);
        QVERIFY(!p.request->partitions);
    }

    void topicsGroupsIntervalAndSamples()
    {
        const Parsed p
            = parse(words("--topic a --topic b --group g --interval 0.25 --samples 3 --partitions --json"));
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(p.request->sampler.topics, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(p.request->sampler.groups, QStringList({QStringLiteral("g")}));
        QCOMPARE(p.request->sampler.interval, 250ms);
        QCOMPARE(p.request->samples, 3);
        QVERIFY(p.request->partitions);
        QVERIFY(p.request->json);
    }

    void intervalBounds_data()
    {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("lowest") << "0.1" << 100LL;
        QTest::newRow("a day") << "86400" << 86'400'000LL;
    }

    void intervalBounds()
    {
        QFETCH(QString, interval);
        QFETCH(qint64, ms);
        const Parsed p = parse({QStringLiteral("--interval"), interval});
        QVERIFY2(p.request, qPrintable(p.error));
        QCOMPARE(qint64(p.request->sampler.interval.count()), ms);
    }

    void badValuesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("error");
        const auto interval = [](const char *got) {
            return QStringLiteral("--interval expects seconds, at least 0.1 and at most 86400, got '%1'.")
                .arg(QLatin1String(got));
        };
        const auto samples = [](const char *got) {
            return QStringLiteral("--samples expects a count of 0 or more (0: until interrupted), got '%1'.")
                .arg(QLatin1String(got));
        };
        QTest::newRow("interval too short") << "--interval 0.05" << interval("0.05");
        QTest::newRow("interval zero") << "--interval 0" << interval("0");
        QTest::newRow("interval negative") << "--interval -1" << interval("-1");
        QTest::newRow("interval text") << "--interval fast" << interval("fast");
        QTest::newRow("interval nan") << "--interval nan" << interval("nan");
        QTest::newRow("interval infinite") << "--interval inf" << interval("inf");
        QTest::newRow("interval too long") << "--interval 1e9" << interval("1e9");
        QTest::newRow("samples negative") << "--samples -1" << samples("-1");
        QTest::newRow("samples text") << "--samples few" << samples("few");
        QTest::newRow("samples fractional") << "--samples 1.5" << samples("1.5");
    }

    void badValuesAreRefusedByName()
    {
        QFETCH(QString, options);
        QFETCH(QString, error);
        const Parsed p = parse(words(options));
        QVERIFY(!p.request);
        QCOMPARE(p.error, error);
    }
};

QTEST_GUILESS_MAIN(TestRatesOptions)
#include "tst_ratesoptions.moc"
