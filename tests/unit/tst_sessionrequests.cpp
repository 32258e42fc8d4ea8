// SessionRequests: the answers a page waits for on a shared ClusterSession. Each answer reaches
// the callback it was submitted with and no other page's; busy goes on with the first request and
// off with the last; answers from a dropped or replaced session never arrive. The requests here
// touch no broker (the session's address is unreachable), so only the routing is under test.

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using edis::cluster::ClusterSession;
using edis::cluster::SessionRequests;
using edis::kafka::KafkaError;

namespace {

std::unique_ptr<ClusterSession> openSession(bool readOnly = false)
{
    edis::kafka::ConnectionSettings settings;
    settings.bootstrapServers = QStringLiteral("127.0.0.1:1"); // nothing listens: no broker needed
    settings.readOnly = readOnly;
    auto session = std::make_unique<ClusterSession>(settings);
    session->setRequestTimeout(std::chrono::milliseconds(200)); // the metadata fetch fails fast
    session->open();
    return session;
}

/// A request that answers `value` without touching the client.
ClusterSession::Request answer(int value, bool *ran = nullptr)
{
    return [value, ran](edis::kafka::KafkaClient &, std::chrono::milliseconds, KafkaError *) {
        if (ran) {
            *ran = true; // read on the test thread only after the answer came back
        }
        return QVariant(value);
    };
}

struct Answers {
    QList<int> values;
    QStringList errors;
    SessionRequests::Done collector()
    {
        return [this](const QVariant &result, const KafkaError &error) {
            values.append(result.toInt());
            errors.append(error.message);
        };
    }
};

} // namespace

class TestSessionRequests : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutASessionAnswersNotConnectedLater()
    {
        SessionRequests requests;
        QSignalSpy busy(&requests, &SessionRequests::busyChanged);
        Answers got;
        requests.submit(answer(1), got.collector());
        QVERIFY(got.errors.isEmpty()); // queued, like a real answer: never inside submit()
        QTRY_COMPARE(got.errors.size(), 1);
        QCOMPARE(got.errors.first(), QStringLiteral("Not connected."));
        QCOMPARE(busy.count(), 0);
    }

    void eachAnswerReachesItsOwnCallback()
    {
        auto session = openSession();
        SessionRequests pageA;
        SessionRequests pageB;
        pageA.setSession(session.get());
        pageB.setSession(session.get());
        QSignalSpy busyA(&pageA, &SessionRequests::busyChanged);
        Answers a;
        Answers b;
        pageA.submit(answer(1), a.collector());
        pageB.submit(answer(2), b.collector());
        pageA.submit(answer(3), a.collector());
        QVERIFY(pageA.isBusy());
        QTRY_COMPARE(a.values.size(), 2);
        QTRY_COMPARE(b.values.size(), 1);
        QCOMPARE(a.values, (QList<int> {1, 3}));
        QCOMPARE(b.values, (QList<int> {2}));
        QVERIFY(!pageA.isBusy());
        // On with the first request, off with the last: not once per request.
        QCOMPARE(busyA.count(), 2);
        QCOMPARE(busyA.at(0).at(0).toBool(), true);
        QCOMPARE(busyA.at(1).at(0).toBool(), false);
    }

    void droppedAnswersNeverArrive()
    {
        auto session = openSession();
        SessionRequests page;
        SessionRequests witness; // its answer comes after the dropped one: the session runs them in order
        page.setSession(session.get());
        witness.setSession(session.get());
        QSignalSpy busy(&page, &SessionRequests::busyChanged);
        Answers dropped;
        Answers later;
        page.submit(answer(1), dropped.collector());
        page.dropPending();
        QVERIFY(!page.isBusy());
        witness.submit(answer(2), later.collector());
        QTRY_COMPARE(later.values.size(), 1);
        QVERIFY(dropped.values.isEmpty());
        QCOMPARE(busy.count(), 2); // true at submit, false at dropPending
        QCOMPARE(busy.at(1).at(0).toBool(), false);
    }

    void aNewSessionDropsTheOldOnesAnswers()
    {
        auto first = openSession();
        auto second = openSession();
        SessionRequests page;
        SessionRequests witness;
        page.setSession(first.get());
        witness.setSession(first.get());
        Answers old;
        Answers fresh;
        Answers later;
        page.submit(answer(1), old.collector());
        page.setSession(second.get());
        QVERIFY(!page.isBusy());
        witness.submit(answer(2), later.collector()); // after the old answer on the first session
        page.submit(answer(3), fresh.collector());
        QTRY_COMPARE(later.values.size(), 1);
        QTRY_COMPARE(fresh.values.size(), 1);
        QCOMPARE(fresh.values, (QList<int> {3}));
        QVERIFY(old.values.isEmpty());
    }

    void aReadOnlySessionRefusesChanges()
    {
        auto session = openSession(true);
        SessionRequests page;
        page.setSession(session.get());
        bool ran = false;
        Answers got;
        page.submit(answer(1, &ran), got.collector(), ClusterSession::Access::Change);
        QTRY_COMPARE(got.errors.size(), 1);
        QVERIFY2(got.errors.first().contains(QStringLiteral("read-only")), qPrintable(got.errors.first()));
        QVERIFY(!ran);
        QVERIFY(!page.isBusy());
        page.submit(answer(2), got.collector()); // reading is still allowed
        QTRY_COMPARE(got.values.size(), 2);
        QCOMPARE(got.values.last(), 2);
        QCOMPARE(got.errors.last(), QString());
    }

    void aRequestsErrorReachesItsCallback()
    {
        auto session = openSession();
        SessionRequests page;
        page.setSession(session.get());
        Answers got;
        page.submit(
            [](edis::kafka::KafkaClient &, std::chrono::milliseconds, KafkaError *error) {
                *error = KafkaError::make(KafkaError::Kind::UnknownTopic, QStringLiteral("no topic 'x'"));
                return QVariant();
            },
            got.collector());
        QTRY_COMPARE(got.errors.size(), 1);
        QCOMPARE(got.errors.first(), QStringLiteral("no topic 'x'"));
    }

    void typedRequestsDeliverTheirValueOrTheError()
    {
        auto session = openSession();
        SessionRequests page;
        page.setSession(session.get());
        QStringList names;
        KafkaError valueError = KafkaError::make(KafkaError::Kind::Other, QStringLiteral("not called"));
        page.request(
            [](edis::kafka::KafkaClient &, std::chrono::milliseconds) {
                return edis::kafka::Result<QStringList> {{QStringLiteral("a"), QStringLiteral("b")}, {}};
            },
            [&](const QStringList &value, const KafkaError &error) {
                names = value;
                valueError = error;
            });
        // A failed request: its callback gets the error and an empty value, never a stale one.
        QStringList failedValue {QStringLiteral("stale")};
        QString failedMessage;
        page.request(
            [](edis::kafka::KafkaClient &, std::chrono::milliseconds) {
                return edis::kafka::Result<QStringList> {{QStringLiteral("half")},
                    KafkaError::make(KafkaError::Kind::UnknownTopic, QStringLiteral("no topic 'x'"))};
            },
            [&](const QStringList &value, const KafkaError &error) {
                failedValue = value;
                failedMessage = error.message;
            });
        // An action: only the error comes back.
        bool actionDone = false;
        page.request([](edis::kafka::KafkaClient &, std::chrono::milliseconds) { return KafkaError(); },
            [&](const KafkaError &error) { actionDone = !error.isError(); });
        QTRY_VERIFY(actionDone);
        QCOMPARE(names, (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(!valueError.isError());
        QCOMPARE(failedMessage, QStringLiteral("no topic 'x'"));
        QVERIFY(failedValue.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessionRequests)
#include "tst_sessionrequests.moc"
