// registry::topicsOfSubject: the topics a subject belongs to under TopicNameStrategy
// ("T-key" / "T-value") and TopicRecordNameStrategy ("T-<record full name>"), against the
// topics a cluster has; RecordNameStrategy subjects and look-alikes name none.

#include "registry/subjectnaming.h"

#include <QTest>

using namespace edis::registry;
using Strategy = SubjectTopic::Strategy;
using Part = SubjectTopic::Part;

class TestSubjectNaming : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheTopics_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QStringList>("described");
        QTest::newRow("value") << "orders-value" << QStringList {"orders (value)"};
        QTest::newRow("key") << "orders-key" << QStringList {"orders (key)"};
        QTest::newRow("a topic with a dash") << "orders-eu-value" << QStringList {"orders-eu (value)"};
        QTest::newRow("a dotted topic") << "payments.v1-value" << QStringList {"payments.v1 (value)"};
        QTest::newRow("topic record name")
            << "orders-com.acme.Order" << QStringList {"orders (records com.acme.Order)"};
        // "a-b-value" is topic a-b's value; topic a with a record "b-value" is no record name.
        QTest::newRow("longest topic first") << "a-b-value" << QStringList {"a-b (value)"};
        QTest::newRow("record name strategy") << "com.acme.Order" << QStringList {};
        QTest::newRow("no such topic") << "invoices-value" << QStringList {};
        QTest::newRow("the topic alone") << "orders" << QStringList {};
        QTest::newRow("not a record name") << "orders-misc" << QStringList {};
        QTest::newRow("empty") << "" << QStringList {};
        QTest::newRow("case matters") << "Orders-value" << QStringList {};
    }

    void findsTheTopics()
    {
        QFETCH(QString, subject);
        QFETCH(QStringList, described);
        const QStringList topics {QStringLiteral("orders"), QStringLiteral("orders-eu"), QStringLiteral("a"),
            QStringLiteral("a-b"), QStringLiteral("payments.v1")};
        QStringList got;
        for (const SubjectTopic &use : topicsOfSubject(subject, topics)) {
            got << describe(use);
        }
        QCOMPARE(got, described);
    }

    void saysWhichStrategyAndPart()
    {
        const auto uses = topicsOfSubject(QStringLiteral("orders-key"), {QStringLiteral("orders")});
        QCOMPARE(uses.size(), 1);
        QCOMPARE(uses.front().strategy, Strategy::TopicName);
        QCOMPARE(uses.front().part, Part::Key);
        const auto records
            = topicsOfSubject(QStringLiteral("orders-com.acme.Order"), {QStringLiteral("orders")});
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.front().strategy, Strategy::TopicRecordName);
        QCOMPARE(records.front().recordName, QStringLiteral("com.acme.Order"));
    }
};

QTEST_GUILESS_MAIN(TestSubjectNaming)
#include "tst_subjectnaming.moc"
