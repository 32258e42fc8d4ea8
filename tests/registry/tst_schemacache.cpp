// SchemaCache against a real Schema Registry (EDIS_TEST_REGISTRY_URL): asynchronous lookups and
// their signals, blocking fetches from worker threads and what interrupts them, the LRU bounds,
// remembered failures, resolved references, and the refusal of a blocking fetch that would
// deadlock. Peers that never answer or refuse are local sockets (badpeer.h).

#include "badpeer.h"
#include "registry/registryclient.h"
#include "registry/schemacache.h"
#include "registrytest.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace edis::registry;
using namespace std::chrono_literals;
using edis::test::await;
using edis::test::BadPeer;
using Kind = RegistryError::Kind;

namespace {

constexpr const char *kDeadlockProbe = "EDIS_SCHEMACACHE_DEADLOCK_PROBE";

QString avroRecord(const QString &name, const QString &fields)
{
    return QStringLiteral(R"({"type":"record","name":"%1","namespace":"edis.cache","fields":[%2]})")
        .arg(name, fields);
}

RegistrySettings settingsFor(const QString &url, std::chrono::milliseconds timeout = 20s)
{
    RegistrySettings s;
    s.url = url;
    s.requestTimeout = timeout;
    return s;
}

/// A worker thread's blocking fetch, with the time it took.
struct WorkerFetch {
    std::optional<Result<SchemaPtr>> result;
    std::atomic<bool> done {false};
    qint64 elapsedMs = 0;
    std::jthread thread;

    void start(SchemaCache &cache, int id, std::chrono::milliseconds timeout)
    {
        thread = std::jthread([this, &cache, id, timeout](const std::stop_token &stop) {
            QElapsedTimer clock;
            clock.start();
            result = cache.fetchBlocking(id, stop, timeout);
            elapsedMs = clock.elapsed();
            done = true;
        });
    }
};

/// What the debug build does when the probe calls fetchBlocking on the cache's own thread: the
/// Q_ASSERT ends the process, which the test runs as a child to watch.
int runDeadlockProbe(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    RegistryClient client(settingsFor(QStringLiteral("http://127.0.0.1:1")));
    SchemaCache cache(&client);
    const Result<SchemaPtr> r = cache.fetchBlocking(1, {}, 1s);
    return r.error().kind == Kind::InvalidUse ? 3 : 4;
}

} // namespace

class TestSchemaCache : public QObject {
    Q_OBJECT

    QString url_;
    QString prefix_;
    std::unique_ptr<RegistryClient> client_;
    int plainId_ = 0;
    QList<int> smallIds_;
    int usesReferencesId_ = 0;
    int alsoUsesReferencesId_ = 0;

    int registerAvro(const QString &subject, const QString &text, const QList<SchemaReference> &refs = {})
    {
        const auto r = await<int>([&](auto done) {
            client_->registerSchema(prefix_ + subject, SchemaDraft {SchemaType::Avro, text, refs}, done);
        });
        if (!r.ok()) {
            qWarning("register %s: %s", qPrintable(subject), qPrintable(r.error().message));
            return 0;
        }
        return r.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        url_ = edis::test::registryUrl();
        if (url_.isEmpty()) {
            QFAIL(edis::test::kNoRegistry);
        }
        prefix_ = edis::test::uniquePrefix("cache");
        client_ = std::make_unique<RegistryClient>(settingsFor(url_));
        plainId_ = registerAvro(QStringLiteral("plain-value"),
            avroRecord(QStringLiteral("Plain"), R"({"name":"a","type":"int"})"));
        QVERIFY(plainId_ > 0);
        for (int i = 0; i < 4; ++i) {
            const int id = registerAvro(QStringLiteral("small-%1-value").arg(i),
                avroRecord(QStringLiteral("Small%1").arg(i), R"({"name":"a","type":"int"})"));
            QVERIFY(id > 0);
            smallIds_ << id;
        }
        // Three levels: Order -> Line -> Money, and Order -> Money directly too.
        QVERIFY(registerAvro(QStringLiteral("money"),
                    avroRecord(QStringLiteral("Money"), R"({"name":"cents","type":"long"})"))
            > 0);
        const SchemaReference money {
            QStringLiteral("edis.cache.Money"), prefix_ + QStringLiteral("money"), 1};
        QVERIFY(
            registerAvro(QStringLiteral("line"),
                avroRecord(QStringLiteral("Line"), R"({"name":"price","type":"edis.cache.Money"})"), {money})
            > 0);
        const SchemaReference line {QStringLiteral("edis.cache.Line"), prefix_ + QStringLiteral("line"), 1};
        usesReferencesId_ = registerAvro(QStringLiteral("order-value"),
            avroRecord(QStringLiteral("Order"),
                R"({"name":"line","type":"edis.cache.Line"},{"name":"total","type":"edis.cache.Money"})"),
            {line, money});
        QVERIFY(usesReferencesId_ > 0);
        alsoUsesReferencesId_ = registerAvro(QStringLiteral("refund-value"),
            avroRecord(QStringLiteral("Refund"), R"({"name":"line","type":"edis.cache.Line"})"), {line});
        QVERIFY(alsoUsesReferencesId_ > 0);
    }

    void lookupFetchesOnceAndSignals()
    {
        SchemaCache cache(client_.get());
        QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
        const quint64 before = client_->requestsSent();
        QVERIFY(!cache.lookup(plainId_));
        QVERIFY(!cache.lookup(plainId_)); // the same fetch, not a second one
        QTRY_COMPARE(arrived.count(), 1);
        QCOMPARE(arrived.first().first().toInt(), plainId_);
        QCOMPARE(client_->requestsSent() - before, quint64 {1});
        const SchemaPtr schema = cache.lookup(plainId_);
        QVERIFY(schema);
        QCOMPARE(schema->schema.id, plainId_);
        QVERIFY(schema->schema.text.contains(QLatin1String("Plain")));
        QVERIFY(schema->references.isEmpty());
        QCOMPARE(client_->requestsSent() - before, quint64 {1});
        const SchemaCacheStats stats = cache.stats();
        QCOMPARE(stats.entries, 1);
        QCOMPARE(stats.fetches, quint64 {1});
        QCOMPARE(stats.hits, quint64 {1});
        QVERIFY(stats.bytes > 0);
    }

    void referencesAreResolvedDependenciesFirst()
    {
        SchemaCache cache(client_.get());
        QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
        QVERIFY(!cache.lookup(usesReferencesId_));
        QTRY_COMPARE(arrived.count(), 1);
        const SchemaPtr order = cache.lookup(usesReferencesId_);
        QVERIFY(order);
        QStringList names;
        for (const ResolvedReference &r : order->references) {
            names << r.name;
        }
        // Money (needed by Line) before Line; Money once although Order names it too.
        QCOMPARE(
            names, (QStringList {QStringLiteral("edis.cache.Money"), QStringLiteral("edis.cache.Line")}));
        const QMap<QString, QString> texts = order->referenceTexts();
        QVERIFY(texts.value(QStringLiteral("edis.cache.Money")).contains(QLatin1String("\"cents\"")));
        QVERIFY(texts.value(QStringLiteral("edis.cache.Line")).contains(QLatin1String("\"price\"")));
        QCOMPARE(order->references.at(1).schema.version, 1);

        // A second schema using Line: only its own id is fetched, the references come from the cache.
        const quint64 before = client_->requestsSent();
        QVERIFY(!cache.lookup(alsoUsesReferencesId_));
        QTRY_COMPARE(arrived.count(), 2);
        QCOMPARE(client_->requestsSent() - before, quint64 {1});
        QCOMPARE(cache.lookup(alsoUsesReferencesId_)->references.size(), 2);
    }

    void blockingFetchFromWorkerThreads()
    {
        SchemaCache cache(client_.get());
        QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
        WorkerFetch first;
        WorkerFetch second;
        first.start(cache, usesReferencesId_, 10s);
        second.start(cache, usesReferencesId_, 10s);
        QTRY_VERIFY(first.done && second.done); // the GUI thread's loop runs the fetch meanwhile
        first.thread.join();
        second.thread.join();
        EDIS_VERIFY_OK(*first.result);
        EDIS_VERIFY_OK(*second.result);
        QCOMPARE(first.result->value()->schema.id, usesReferencesId_);
        QCOMPARE(first.result->value()->references.size(), 2);
        QCOMPARE(first.result->value().get(), second.result->value().get()); // one shared entry
        QCOMPARE(cache.stats().fetches, quint64 {1});
        QCOMPARE(arrived.count(), 1);

        // Cached now: a blocking fetch answers at once, with no request.
        const quint64 before = client_->requestsSent();
        WorkerFetch third;
        third.start(cache, usesReferencesId_, 10s);
        third.thread.join(); // safe to join: a cached answer needs no event loop
        EDIS_VERIFY_OK(*third.result);
        QCOMPARE(client_->requestsSent(), before);
    }

    void stopInterruptsTheWaitAtOnce()
    {
        BadPeer silent {QByteArray()};
        RegistryClient c(settingsFor(silent.url(), 60s));
        SchemaCache cache(&c);
        WorkerFetch fetch;
        fetch.start(cache, 42, 60s);
        QTRY_COMPARE(silent.requests().size(), 1); // the fetch is on the wire and the worker waits
        QVERIFY(!fetch.done);
        QElapsedTimer sinceStop;
        sinceStop.start();
        fetch.thread.request_stop();
        QTRY_VERIFY_WITH_TIMEOUT(fetch.done, 2000);
        const qint64 latency = sinceStop.elapsed();
        fetch.thread.join();
        EDIS_VERIFY_KIND(fetch.result->error(), Kind::Cancelled);
        QVERIFY2(latency < 200, qPrintable(QStringLiteral("%1 ms after the stop").arg(latency)));
    }

    void blockingFetchTimesOut()
    {
        BadPeer silent {QByteArray()};
        RegistryClient c(settingsFor(silent.url(), 60s));
        SchemaCache cache(&c);
        WorkerFetch fetch;
        fetch.start(cache, 43, 300ms);
        QTRY_VERIFY_WITH_TIMEOUT(fetch.done, 5000);
        fetch.thread.join();
        EDIS_VERIFY_KIND(fetch.result->error(), Kind::Timeout);
        QVERIFY2(fetch.result->error().message.contains(QLatin1String("300 ms")),
            qPrintable(fetch.result->error().message));
        QVERIFY2(
            fetch.elapsedMs >= 290 && fetch.elapsedMs < 1500, qPrintable(QString::number(fetch.elapsedMs)));
    }

    void closingTheCacheReleasesWaiters()
    {
        BadPeer silent {QByteArray()};
        RegistryClient c(settingsFor(silent.url(), 60s));
        auto cache = std::make_unique<SchemaCache>(&c);
        WorkerFetch fetch;
        fetch.start(*cache, 44, 60s);
        QTRY_COMPARE(silent.requests().size(), 1);
        cache.reset();
        QTRY_VERIFY_WITH_TIMEOUT(fetch.done, 1000);
        fetch.thread.join();
        EDIS_VERIFY_KIND(fetch.result->error(), Kind::Cancelled);
    }

    void lruKeepsTheNewestWithinEntries()
    {
        SchemaCacheLimits limits;
        limits.maxEntries = 2;
        SchemaCache cache(client_.get(), limits);
        QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!cache.lookup(smallIds_.at(i)));
            QTRY_COMPARE(arrived.count(), i + 1);
            QVERIFY(cache.lookup(smallIds_.at(i))); // used: now the most recent
        }
        QCOMPARE(cache.stats().entries, 2);
        QCOMPARE(cache.stats().evictions, quint64 {1});
        QVERIFY(cache.lookup(smallIds_.at(1)));
        QVERIFY(cache.lookup(smallIds_.at(2)));
        QVERIFY(!cache.lookup(smallIds_.at(0))); // the oldest went, and is fetched again
        QTRY_COMPARE(arrived.count(), 4);
        QVERIFY(!cache.lookup(smallIds_.at(1))); // ... which pushed out the least recently used
    }

    void lruKeepsWithinBytes()
    {
        SchemaCache probe(client_.get());
        QSignalSpy probeArrived(&probe, &SchemaCache::schemaArrived);
        probe.lookup(smallIds_.at(0));
        QTRY_COMPARE(probeArrived.count(), 1);
        const qsizetype oneEntry = probe.stats().bytes;
        QVERIFY(oneEntry > 0);

        SchemaCacheLimits limits;
        limits.maxBytes = oneEntry * 2 + oneEntry / 2; // two small schemas fit, three do not
        SchemaCache cache(client_.get(), limits);
        QSignalSpy arrived(&cache, &SchemaCache::schemaArrived);
        for (int i = 0; i < 3; ++i) {
            cache.lookup(smallIds_.at(i));
            QTRY_COMPARE(arrived.count(), i + 1);
        }
        QCOMPARE(cache.stats().entries, 2);
        QVERIFY(cache.stats().bytes <= limits.maxBytes);

        // A schema larger than the whole budget still reaches its waiter, but is not kept.
        SchemaCacheLimits tiny;
        tiny.maxBytes = oneEntry / 2;
        SchemaCache small(client_.get(), tiny);
        WorkerFetch fetch;
        fetch.start(small, smallIds_.at(3), 10s);
        QTRY_VERIFY(fetch.done);
        fetch.thread.join();
        EDIS_VERIFY_OK(*fetch.result);
        QCOMPARE(small.stats().entries, 0);
    }

    void unknownIdIsRemembered()
    {
        SchemaCache cache(client_.get());
        QSignalSpy failed(&cache, &SchemaCache::schemaFailed);
        const int unknown = 987654321;
        QVERIFY(!cache.lookup(unknown));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).toInt(), unknown);
        EDIS_VERIFY_KIND(failed.first().at(1).value<RegistryError>(), Kind::SchemaNotFound);

        const quint64 before = client_->requestsSent();
        QVERIFY(!cache.lookup(unknown));
        QCOMPARE(cache.failure(unknown)->kind, Kind::SchemaNotFound);
        WorkerFetch fetch;
        fetch.start(cache, unknown, 10s);
        fetch.thread.join(); // a remembered failure needs no event loop either
        EDIS_VERIFY_KIND(fetch.result->error(), Kind::SchemaNotFound);
        QTest::qWait(20);
        QCOMPARE(client_->requestsSent(), before);
        QCOMPARE(failed.count(), 1);

        cache.forget(unknown); // "Retry"
        QVERIFY(!cache.lookup(unknown));
        QTRY_COMPARE(failed.count(), 2);
        QCOMPARE(client_->requestsSent() - before, quint64 {1});
    }

    void unreachableRegistryIsAskedAgainOnlyLater()
    {
        RegistryClient c(settingsFor(QStringLiteral("http://127.0.0.1:%1").arg(edis::test::freePort())));
        SchemaCacheLimits limits;
        limits.failureRetry = 400ms;
        SchemaCache cache(&c, limits);
        QSignalSpy failed(&cache, &SchemaCache::schemaFailed);
        QVERIFY(!cache.lookup(7));
        QTRY_COMPARE(failed.count(), 1);
        EDIS_VERIFY_KIND(failed.first().at(1).value<RegistryError>(), Kind::ConnectionRefused);
        QCOMPARE(c.requestsSent(), quint64 {1});

        // A record per millisecond for a while: the registry is not asked once per record.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 200) {
            QVERIFY(!cache.lookup(7));
            QCOMPARE(cache.failure(7)->kind, Kind::ConnectionRefused);
            QTest::qWait(1);
        }
        QCOMPARE(c.requestsSent(), quint64 {1});
        // After the retry interval, the next lookup asks again.
        QTRY_VERIFY_WITH_TIMEOUT(!cache.failure(7).has_value(), 2000);
        QVERIFY(!cache.lookup(7));
        QTRY_COMPARE(failed.count(), 2);
        QCOMPARE(c.requestsSent(), quint64 {2});
    }

    void blockingFetchOnTheCacheThreadIsRefused()
    {
#ifdef QT_NO_DEBUG
        RegistryClient c(settingsFor(url_));
        SchemaCache cache(&c);
        QElapsedTimer clock;
        clock.start();
        const Result<SchemaPtr> r = cache.fetchBlocking(plainId_, {}, 10s);
        QVERIFY(clock.elapsed() < 100); // refused, not waited for
        EDIS_VERIFY_KIND(r.error(), Kind::InvalidUse);
        QVERIFY2(r.error().message.contains(QLatin1String("wait for ever")), qPrintable(r.error().message));
        QCOMPARE(c.requestsSent(), quint64 {0});
#else
        // Debug builds stop at the Q_ASSERT: run it in a child and watch it end there.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QLatin1String(kDeadlockProbe), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(10000));
        QVERIFY(child.exitStatus() == QProcess::CrashExit);
        QVERIFY2(child.readAllStandardError().contains("would deadlock"), "the assertion names the deadlock");
#endif
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kDeadlockProbe)) {
        return runDeadlockProbe(argc, argv);
    }
    QCoreApplication app(argc, argv);
    TestSchemaCache test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_schemacache.moc"
