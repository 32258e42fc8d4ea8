// The admin dialogs and pages driven like a user would, against the real broker: every result
// is checked through the core API (or an independent client), not through the widgets alone.

#include "cluster/clustersession.h"
#include "dialogs/createtopicdialog.h"
#include "dialogs/deletetopicdialog.h"
#include "dialogs/resetoffsetsdialog.h"
#include "kafka/groupadmin.h"
#include "kafka/topicadmin.h"
#include "kafkatestclients.h"
#include "pages/groupspage.h"
#include "pages/topicpage.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QUuid>

using namespace std::chrono_literals;
using namespace edis::kafka;
using edis::cluster::ClusterSession;

namespace {

QString unique(const char *stem)
{
    return QStringLiteral("%1.%2").arg(
        QLatin1String(stem), QUuid::createUuid().toString(QUuid::Id128).left(8));
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QTableWidgetItem *find(QTableWidget *table, int column, const QString &text)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, column) && table->item(r, column)->text() == text) {
            return table->item(r, column);
        }
    }
    return nullptr;
}

} // namespace

class TestAdminGui : public QObject {
    Q_OBJECT
private:
    QString bootstrap_;
    std::unique_ptr<ClusterSession> session_;
    std::unique_ptr<KafkaClient> client_;

private Q_SLOTS:
    void initTestCase()
    {
        bootstrap_ = qEnvironmentVariable("EDIS_TEST_KAFKA_BOOTSTRAP");
        if (bootstrap_.isEmpty()) {
            QFAIL("EDIS_TEST_KAFKA_BOOTSTRAP is not set: run the suite with tests/run.sh, which starts a "
                  "real broker");
        }
        ConnectionSettings s;
        s.bootstrapServers = bootstrap_;
        session_ = std::make_unique<ClusterSession>(s);
        session_->open();
        QTRY_COMPARE_WITH_TIMEOUT(session_->state(), ClusterSession::State::Connected, 20000);
        KafkaError error;
        client_ = KafkaClient::create(s, &error);
        QVERIFY2(client_, qPrintable(error.message));
    }

    void createTopicDialogRejectsInvalidInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("partitions");
        QTest::addColumn<QString>("replication");
        QTest::addColumn<QString>("configs");
        QTest::addColumn<QString>("message"); // a fragment of what the user must read

        QTest::newRow("empty name") << ""
                                    << "1"
                                    << ""
                                    << ""
                                    << "Enter a topic name";
        QTest::newRow("space in name") << "bad name"
                                       << "1"
                                       << ""
                                       << ""
                                       << "not allowed";
        QTest::newRow("dot dot") << ".."
                                 << "1"
                                 << ""
                                 << ""
                                 << "cannot be named";
        QTest::newRow("too long") << QString(250, QLatin1Char('a')) << "1"
                                  << ""
                                  << ""
                                  << "at most 249";
        QTest::newRow("zero partitions") << "ok.name"
                                         << "0"
                                         << ""
                                         << ""
                                         << "Partitions";
        QTest::newRow("text partitions") << "ok.name"
                                         << "three"
                                         << ""
                                         << ""
                                         << "Partitions";
        QTest::newRow("more replicas than brokers") << "ok.name"
                                                    << "1"
                                                    << "5"
                                                    << ""
                                                    << "cannot exceed";
        QTest::newRow("config without value") << "ok.name"
                                              << "1"
                                              << ""
                                              << "retention.ms"
                                              << "not key=value";
    }

    void createTopicDialogRejectsInvalidInput()
    {
        QFETCH(QString, name);
        QFETCH(QString, partitions);
        QFETCH(QString, replication);
        QFETCH(QString, configs);
        QFETCH(QString, message);
        edis::ui::CreateTopicDialog dialog(session_.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *nameEdit = dialog.findChild<QLineEdit *>("topicNameEdit");
        auto *partitionsEdit = dialog.findChild<QLineEdit *>("partitionsEdit");
        auto *replicationEdit = dialog.findChild<QLineEdit *>("replicationFactorEdit");
        auto *configsEdit = dialog.findChild<QPlainTextEdit *>("configsEdit");
        auto *create = dialog.findChild<QPushButton *>("createButton");
        auto *label = dialog.findChild<QLabel *>("validationMessage");
        QVERIFY(nameEdit && partitionsEdit && replicationEdit && configsEdit && create && label);

        QTest::keyClicks(nameEdit, name);
        retype(partitionsEdit, partitions);
        retype(replicationEdit, replication);
        configsEdit->setFocus();
        QTest::keyClicks(configsEdit, configs);
        QVERIFY2(label->text().contains(message), qPrintable(label->text()));
        QVERIFY(!create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QVERIFY(dialog.isVisible()); // nothing was sent
    }

    void createTopicThroughTheDialog()
    {
        const QString name = unique("edis.gui.created");
        edis::ui::CreateTopicDialog dialog(session_.get());
        QSignalSpy created(&dialog, &edis::ui::CreateTopicDialog::topicCreated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *nameEdit = dialog.findChild<QLineEdit *>("topicNameEdit");
        auto *partitionsEdit = dialog.findChild<QLineEdit *>("partitionsEdit");
        auto *configsEdit = dialog.findChild<QPlainTextEdit *>("configsEdit");
        auto *create = dialog.findChild<QPushButton *>("createButton");
        auto *label = dialog.findChild<QLabel *>("validationMessage");

        QTest::keyClicks(nameEdit, name);
        retype(partitionsEdit, QStringLiteral("0"));
        QVERIFY(!create->isEnabled());
        QVERIFY(!label->text().isEmpty());
        retype(partitionsEdit, QStringLiteral("3"));
        configsEdit->setFocus();
        QTest::keyClicks(configsEdit, QStringLiteral("retention.ms=3600000"));
        QVERIFY2(create->isEnabled(), qPrintable(label->text()));
        QVERIFY(label->text().isEmpty());

        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 20000);
        QCOMPARE(created.first().first().toString(), name);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());

        // The broker has it, as the user asked for it.
        Result<QList<TopicDescription>> described;
        QTRY_VERIFY_WITH_TIMEOUT((described = describeTopics(*client_, {name}, 5s)).ok(), 10000);
        QCOMPARE(described.value.first().info.partitions.size(), 3);
        Result<QList<ConfigEntry>> configs;
        QTRY_VERIFY_WITH_TIMEOUT((configs = describeTopicConfigs(*client_, name, 5s)).ok(), 10000);
        const auto retention = std::find_if(configs.value.cbegin(), configs.value.cend(),
            [](const ConfigEntry &c) { return c.name == "retention.ms"; });
        QVERIFY(retention != configs.value.cend());
        QCOMPARE(retention->value, QStringLiteral("3600000"));
        QVERIFY(retention->isOverride());

        // A second dialog knows the name is taken once the session's metadata has it.
        QTRY_VERIFY_WITH_TIMEOUT(session_->metadata().topic(name), 15000);
        edis::ui::CreateTopicDialog again(session_.get());
        again.show();
        QTest::keyClicks(again.findChild<QLineEdit *>("topicNameEdit"), name);
        QVERIFY(again.findChild<QLabel *>("validationMessage")->text().contains("already exists"));
        QVERIFY(!again.findChild<QPushButton *>("createButton")->isEnabled());
    }

    void deleteTopicNeedsTheName()
    {
        const QString name = unique("edis.gui.doomed");
        QVERIFY(!client_->createTopic({name, 1, 1, {}}, 15s));
        edis::ui::DeleteTopicDialog dialog(session_.get(), name);
        QSignalSpy deleted(&dialog, &edis::ui::DeleteTopicDialog::topicDeleted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *confirm = dialog.findChild<QLineEdit *>("confirmNameEdit");
        auto *button = dialog.findChild<QPushButton *>("deleteButton");
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(confirm, name.left(name.size() - 1));
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(confirm, name.right(1));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            describeTopics(*client_, {name}, 5s).error.kind, KafkaError::Kind::UnknownTopic, 10000);
    }

    void topicPageShowsWatermarksAndConfigs()
    {
        const QString name = unique("edis.gui.page");
        QVERIFY(!client_->createTopic({name, 2, 1, {{"cleanup.policy", "compact"}}}, 15s));
        QCOMPARE(edis::test::produceRecords(bootstrap_, name, {{0, 12}, {1, 5}}), QString());
        QTRY_VERIFY_WITH_TIMEOUT(session_->metadata().topic(name), 15000);
        edis::ui::TopicPage page;
        page.setSession(session_.get());
        page.setTopic(name, session_->metadata().topic(name));
        page.show();
        auto *partitions = page.findChild<QTableWidget *>("partitionsTable");
        QTRY_COMPARE_WITH_TIMEOUT(partitions->item(0, 5)->text(), QStringLiteral("12"), 15000); // high offset
        QCOMPARE(partitions->item(1, 5)->text(), QStringLiteral("5"));
        QVERIFY2(page.findChild<QLabel *>("topicSummary")->text().contains("17"),
            qPrintable(page.findChild<QLabel *>("topicSummary")->text()));
        auto *configs = page.findChild<QTableWidget *>("configsTable");
        QTRY_VERIFY_WITH_TIMEOUT(find(configs, 0, "cleanup.policy"), 15000);
        QTableWidgetItem *policy = find(configs, 0, "cleanup.policy");
        QCOMPARE(configs->item(policy->row(), 1)->text(), QStringLiteral("compact"));
        QVERIFY(policy->font().bold()); // an override
        QVERIFY(!policy->toolTip().isEmpty()); // the help text
        QVERIFY(!find(configs, 0, "segment.bytes")->font().bold());
        QVERIFY(!client_->deleteTopic(name, 15s));
    }

    void groupsPageShowsLagAndResetsOffsets()
    {
        const QString topic = unique("edis.gui.lag");
        QVERIFY(!client_->createTopic({topic, 2, 1, {}}, 15s));
        QCOMPARE(edis::test::produceRecords(bootstrap_, topic, {{0, 50}, {1, 50}}), QString());
        const QString group = unique("edis.gui.group");
        {
            edis::test::GroupConsumer consumer(bootstrap_, group, topic);
            QVERIFY2(consumer.waitForAssignment(2, 30s), qPrintable(consumer.error()));
            QVERIFY2(consumer.consumeAndCommit(20, 30s), qPrintable(consumer.error()));
        }
        edis::ui::GroupsPage page;
        page.show();
        page.setSession(session_.get());
        auto *groups = page.findChild<QTableWidget *>("groupsTable");
        QTRY_VERIFY_WITH_TIMEOUT(find(groups, 0, group), 15000);
        page.selectGroup(group);
        auto *offsets = page.findChild<QTableWidget *>("offsetsTable");
        QTRY_COMPARE_WITH_TIMEOUT(offsets->rowCount(), 2, 15000);
        for (int r = 0; r < 2; ++r) {
            QCOMPARE(offsets->item(r, 2)->text(), QStringLiteral("20")); // committed
            QCOMPARE(offsets->item(r, 3)->text(), QStringLiteral("50")); // log end
            QCOMPARE(offsets->item(r, 4)->text(), QStringLiteral("30")); // lag
        }
        QVERIFY(page.findChild<QLabel *>("groupSummary")->text().contains("60"));

        // Reset to offset 45: preview first, then apply; read back through the core API.
        edis::ui::ResetOffsetsDialog dialog(session_.get(), group, {topic});
        dialog.show();
        auto *target = dialog.findChild<QComboBox *>("targetCombo");
        target->setCurrentIndex(target->findData(int(OffsetResetSpec::Target::Offset)));
        QTest::keyClicks(dialog.findChild<QLineEdit *>("offsetEdit"), "45");
        auto *apply = dialog.findChild<QPushButton *>("applyButton");
        QVERIFY(!apply->isEnabled()); // no preview yet
        QTest::mouseClick(dialog.findChild<QPushButton *>("previewButton"), Qt::LeftButton);
        auto *preview = dialog.findChild<QTableWidget *>("previewTable");
        QTRY_COMPARE_WITH_TIMEOUT(preview->rowCount(), 2, 15000);
        QCOMPARE(preview->item(0, 2)->text(), QStringLiteral("20"));
        QCOMPARE(preview->item(0, 3)->text(), QStringLiteral("45"));
        QCOMPARE(preview->item(0, 4)->text(), QStringLiteral("+25"));
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
        const auto lag = fetchGroupLag(*client_, group, 15s);
        QVERIFY(lag.ok());
        QCOMPARE(lag.value.size(), 2);
        for (const auto &p : lag.value) {
            QCOMPARE(p.committed, 45);
        }
        QVERIFY(!deleteGroup(*client_, group, 15s));
        QVERIFY(!client_->deleteTopic(topic, 15s));
    }

    void cleanupTestCase()
    {
        if (session_) {
            session_->close();
        }
    }
};

QTEST_MAIN(TestAdminGui)
#include "tst_admin_gui.moc"
