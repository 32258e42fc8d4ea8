// The RabbitMQ page (ui/pages/rabbitpage) against the real node tests/services/rabbitmq.sh
// starts (EDIS_TEST_RABBITMQ_*), offscreen: the form connects, the queues of a run-unique prefix
// show with their types and counts, the filter narrows them, the exchanges and bindings tabs
// list what the test made, a wrong password and a closed port say so, the GUI thread never
// stalls, and the main window's View → RabbitMQ shows the page without a Kafka connection.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "guitest.h"
#include "inspector/inspectorpage.h"
#include "mainwindow.h"
#include "messagetablemodel.h"
#include "pages/rabbitmanageactions.h"
#include "pages/rabbitmodels.h"
#include "pages/rabbitnodelist.h"
#include "pages/rabbitpage.h"
#include "pages/rabbitrateview.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "rabbittest.h"
#include "screenshot.h"
#include "statusindicator.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cstdlib>

using namespace edis;
using test::child;
using test::closedPort;
using test::GapProbe;

namespace {

constexpr int kWaitMs = 30000;
constexpr int kPublished = 3;
constexpr qint64 kMaxGapMs = 200;

/// The value of `column` in the row of the queues table whose name is `queue`, or nothing.
QVariant queueCell(QTableView *view, const QString &queue, int column, int role = Qt::DisplayRole)
{
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == queue) {
            return model->index(row, column).data(role);
        }
    }
    return {};
}

bool tableHas(QTableView *view, int column, const QString &text)
{
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text) {
            return true;
        }
    }
    return false;
}

/// A loopback HTTP server that is not RabbitMQ: it answers every request with a web page, or
/// (silent) accepts the connection and never answers.
class ForeignServer : public QTcpServer {
public:
    explicit ForeignServer(bool silent)
        : silent_(silent)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                if (silent_) {
                    continue; // kept open, parented to the server
                }
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n"
                                  "Connection: close\r\n\r\n<html><p>welcome</p></html>");
                    socket->disconnectFromHost();
                });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }

private:
    bool silent_;
};

} // namespace

class TestRabbitPage : public QObject {
    Q_OBJECT

private:
    rabbit::ManagementSettings settings_;
    std::unique_ptr<rabbit::ManagementClient> admin_;
    QString prefix_;
    QString classic_;
    QString quorum_;
    QString stream_;
    QString exchange_;

    void fill(ui::RabbitPage &page, const rabbit::ManagementSettings &settings)
    {
        child<QLineEdit>(&page, "rabbitUrl")->setText(settings.url);
        child<QLineEdit>(&page, "rabbitUser")->setText(settings.username);
        child<QLineEdit>(&page, "rabbitPassword")->setText(settings.password);
        child<QLineEdit>(&page, "rabbitVhost")->setText(settings.vhost);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const char *name : {"EDIS_TEST_RABBITMQ_MANAGEMENT_URL", "EDIS_TEST_RABBITMQ_USER",
                 "EDIS_TEST_RABBITMQ_PASSWORD", "EDIS_TEST_RABBITMQ_VHOST", "EDIS_TEST_RABBITMQ_AMQP_URL"}) {
            if (test::rabbitEnv(name).isEmpty()) {
                QFAIL(test::missingRabbitEnv(name).constData());
            }
        }
        settings_.url = test::rabbitEnv("EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
        settings_.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_USER");
        settings_.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_PASSWORD");
        settings_.vhost = test::rabbitEnv("EDIS_TEST_RABBITMQ_VHOST");
        admin_ = std::make_unique<rabbit::ManagementClient>(settings_);
        prefix_ = test::uniqueRabbitPrefix("page");
        classic_ = prefix_ + QStringLiteral("classic");
        quorum_ = prefix_ + QStringLiteral("quorum");
        stream_ = prefix_ + QStringLiteral("stream");
        exchange_ = prefix_ + QStringLiteral("events");

        const QList<std::pair<QString, rabbit::QueueType>> queues {{classic_, rabbit::QueueType::Classic},
            {quorum_, rabbit::QueueType::Quorum}, {stream_, rabbit::QueueType::Stream}};
        for (const auto &[name, type] : queues) {
            rabbit::QueueDraft draft;
            draft.name = name;
            draft.type = type;
            const auto created
                = test::awaitRabbit<rabbit::Done>([&](auto done) { admin_->createQueue(draft, done); });
            EDIS_RABBIT_OK(created);
        }
        rabbit::ExchangeDraft exchange;
        exchange.name = exchange_;
        exchange.type = QStringLiteral("topic");
        EDIS_RABBIT_OK(
            test::awaitRabbit<rabbit::Done>([&](auto done) { admin_->createExchange(exchange, done); }));
        rabbit::BindingDraft binding;
        binding.source = exchange_;
        binding.destination = classic_;
        binding.routingKey = QStringLiteral("orders.#");
        EDIS_RABBIT_OK(test::awaitRabbit<rabbit::Done>([&](auto done) { admin_->bind(binding, done); }));

        // The management client cannot publish: the messages go over AMQP, into the same vhost.
        auto amqpSettings = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
        QVERIFY2(amqpSettings.ok(), qPrintable(amqpSettings.error().message));
        amqpSettings.value().vhost = settings_.vhost;
        amqp::Connection connection(amqpSettings.value());
        const amqp::Error opened = connection.open();
        QVERIFY2(opened.ok(), qPrintable(opened.message + QLatin1String(" / ") + opened.detail));
        amqp::Publisher publisher(connection);
        std::vector<amqp::OutgoingMessage> batch;
        for (int i = 0; i < kPublished; ++i) {
            amqp::OutgoingMessage message;
            message.routingKey = classic_;
            message.body = QByteArray("message ") + QByteArray::number(i);
            batch.push_back(message);
        }
        const auto outcomes = publisher.publishAll(batch);
        QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
    }

    void cleanupTestCase()
    {
        if (!admin_) {
            return;
        }
        for (const QString &queue : {classic_, quorum_, stream_}) {
            test::awaitRabbit<rabbit::Done>([&](auto done) { admin_->deleteQueue(queue, done); });
        }
        test::awaitRabbit<rabbit::Done>([&](auto done) { admin_->deleteExchange(exchange_, done); });
    }

    void showsTheVhostsQueuesExchangesAndBindings()
    {
        ui::RabbitPage page;
        page.resize(1100, 650);
        page.show();
        auto *queues = child<QTableView>(&page, "rabbitQueues");
        auto *exchanges = child<QTableView>(&page, "rabbitExchanges");
        auto *bindings = child<QTableView>(&page, "rabbitBindings");
        QVERIFY(queues && exchanges && bindings);
        QAbstractItemModelTester queuesTester(queues->model());
        QAbstractItemModelTester exchangesTester(exchanges->model());
        QAbstractItemModelTester bindingsTester(bindings->model());
        QCOMPARE(child<QLineEdit>(&page, "rabbitPassword")->echoMode(), QLineEdit::Password);

        fill(page, settings_);
        GapProbe probe;
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        auto *status = child<widgets::StatusIndicator>(&page, "rabbitStatus");
        QVERIFY2(status->level() == widgets::StatusIndicator::Level::Good, qPrintable(status->text()));

        using Q = ui::RabbitQueueModel;
        QTRY_COMPARE_WITH_TIMEOUT(
            queueCell(queues, classic_, Q::Type).toString(), QStringLiteral("classic"), kWaitMs);
        QCOMPARE(queueCell(queues, quorum_, Q::Type).toString(), QStringLiteral("quorum"));
        QCOMPARE(queueCell(queues, stream_, Q::Type).toString(), QStringLiteral("stream"));
        // The management API's counts lag the publish by a statistics interval; the page
        // refreshes by itself every 5 s.
        QTRY_COMPARE_WITH_TIMEOUT(queueCell(queues, classic_, Q::Ready, ui::kRabbitSortRole).toLongLong(),
            qint64 {kPublished}, kWaitMs);
        QCOMPARE(queueCell(queues, classic_, Q::Ready, Qt::TextAlignmentRole).toInt() & Qt::AlignRight,
            int(Qt::AlignRight));
        const qint64 gap = probe.finish();
        QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(gap)));
        qInfo("longest GUI-thread gap during connect and refreshes: %lld ms", gap);

        auto *overview = child<QLabel>(&page, "rabbitOverview");
        QVERIFY2(overview->text().contains(QStringLiteral("RabbitMQ 3")), qPrintable(overview->text()));
        QVERIFY2(overview->text().contains(QStringLiteral("Erlang")), qPrintable(overview->text()));
        QVERIFY(!child<QLabel>(&page, "rabbitAlarms")->isVisibleTo(&page));
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-queues"));

        // Numeric sort: by ready count, descending, the classic queue (3) comes before the others (0).
        page.setFilter(prefix_);
        queues->sortByColumn(Q::Ready, Qt::DescendingOrder);
        QCOMPARE(page.visibleQueues().value(0), classic_);
        queues->sortByColumn(Q::Name, Qt::AscendingOrder);

        // The filter narrows as one types, whatever the case.
        QCOMPARE(page.visibleQueues().size(), 3);
        QTest::keyClicks(child<QLineEdit>(&page, "rabbitFilter"), QStringLiteral("QUOR"));
        QCOMPARE(page.visibleQueues(), QStringList {quorum_});
        page.setFilter(QString());

        // A refresh keeps the selection.
        queues->selectRow(0);
        const QString selected = queues->currentIndex().siblingAtColumn(0).data().toString();
        const int before = int(refreshed.count());
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > before, kWaitMs);
        QCOMPARE(queues->currentIndex().siblingAtColumn(0).data().toString(), selected);
        QCOMPARE(queues->selectionModel()->selectedRows().size(), 1);

        // One refresh at a time: a second request while one is in flight sends nothing.
        page.refresh();
        QVERIFY(page.isRefreshing());
        const quint64 sent = page.client()->requestsSent();
        page.refresh();
        QCOMPARE(page.client()->requestsSent(), sent);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRefreshing(), kWaitMs);

        // Auto-refresh only while the page is shown.
        auto *timer = child<QTimer>(&page, "rabbitAutoRefresh");
        QVERIFY(timer->isActive());
        QCOMPARE(timer->interval(), ui::RabbitPage::kAutoRefreshMs);
        page.hide();
        QVERIFY(!timer->isActive());
        page.show();
        QVERIFY(timer->isActive());

        auto *tabs = child<QTabWidget>(&page, "rabbitTabs");
        tabs->setCurrentWidget(exchanges);
        QVERIFY(tableHas(exchanges, ui::RabbitExchangeModel::Name, exchange_));
        page.setFilter(exchange_);
        QCOMPARE(exchanges->model()->rowCount(), 1);
        QCOMPARE(exchanges->model()->index(0, ui::RabbitExchangeModel::Type).data().toString(),
            QStringLiteral("topic"));
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-exchanges"));
        tabs->setCurrentWidget(bindings);
        QVERIFY(tableHas(bindings, ui::RabbitBindingModel::Destination, classic_));
        QVERIFY(tableHas(bindings, ui::RabbitBindingModel::RoutingKey, QStringLiteral("orders.#")));
        // Bindings filter on their names (source or destination), not on the routing key.
        QCOMPARE(bindings->model()->rowCount(), 1);
        page.setFilter(QStringLiteral("orders.#"));
        QCOMPARE(bindings->model()->rowCount(), 0);
        page.setFilter(classic_.toUpper());
        QVERIFY(tableHas(bindings, ui::RabbitBindingModel::Source, exchange_));
        page.setFilter(exchange_);
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-bindings"));

        // The form is remembered, the password never.
        QSettings saved;
        saved.beginGroup(QStringLiteral("rabbitmq"));
        QCOMPARE(saved.value(QStringLiteral("url")).toString(), settings_.url);
        QCOMPARE(saved.value(QStringLiteral("vhost")).toString(), settings_.vhost);
        for (const QString &key : saved.allKeys()) {
            QVERIFY2(saved.value(key).toString() != settings_.password, qPrintable(key));
        }
        ui::RabbitPage again;
        QCOMPARE(again.formSettings().url, settings_.url);
        QCOMPARE(again.formSettings().username, settings_.username);
        QVERIFY(again.formSettings().password.isEmpty());
    }

    /// A vhost with thousands of queues: a refresh updates the rows in place (selection and
    /// scroll position stay) in a few milliseconds. The rows are values as the client returns
    /// them; no node needs 2,500 queues for this.
    void readsAStreamAndPeeksAQueueInTheMessagesTab()
    {
        auto amqpSettings = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
        QVERIFY(amqpSettings.ok());
        amqpSettings.value().vhost = settings_.vhost;
        {
            amqp::Connection connection(amqpSettings.value());
            QVERIFY(connection.open().ok());
            amqp::Publisher publisher(connection);
            std::vector<amqp::OutgoingMessage> batch;
            for (int i = 0; i < 4; ++i) {
                amqp::OutgoingMessage message;
                message.routingKey = stream_;
                message.body = QStringLiteral(R"({"order": %1, "total": %2})").arg(i).arg(10 * i).toUtf8();
                message.properties.contentType = QStringLiteral("application/json");
                batch.push_back(message);
            }
            QVERIFY(publisher.publishAll(batch).ok());
        }

        ui::RabbitPage page;
        page.resize(1366, 700);
        page.show();
        fill(page, settings_);
        // The AMQP URL's own user and vhost give way to the form's.
        auto *amqpUrl = child<QLineEdit>(&page, "rabbitAmqpUrl");
        amqpUrl->setText(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
        QCOMPARE(page.amqpSettings().vhost, settings_.vhost);
        // A password typed into the URL does not stay in sight (nor in the saved settings).
        QMetaObject::invokeMethod(amqpUrl, "editingFinished");
        QVERIFY2(!amqpUrl->text().contains(settings_.password), qPrintable(amqpUrl->text()));
        QCOMPARE(page.amqpSettings().password, settings_.password);
        QCOMPARE(page.amqpSettings().port, amqpSettings.value().port);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        auto *queues = child<QTableView>(&page, "rabbitQueues");
        QTRY_COMPARE_WITH_TIMEOUT(queueCell(queues, stream_, ui::RabbitQueueModel::Type).toString(),
            QStringLiteral("stream"), kWaitMs);
        page.setFilter(prefix_);
        const auto selectQueue = [&](const QString &name) {
            for (int row = 0; row < queues->model()->rowCount(); ++row) {
                if (queues->model()->index(row, 0).data().toString() == name) {
                    queues->selectRow(row);
                    return true;
                }
            }
            return false;
        };
        auto *read = child<QPushButton>(&page, "rabbitRead");
        QVERIFY(!read->isEnabled()); // nothing selected

        // A stream is read in the Messages tab like a topic: every message, and nothing changes.
        QVERIFY(selectQueue(stream_));
        QVERIFY(read->isEnabled());
        QCOMPARE(read->text().remove(QLatin1Char('&')), QStringLiteral("Read stream"));
        GapProbe probe;
        QTest::mouseClick(read, Qt::LeftButton);
        ui::InspectorPage *inspector = page.inspector();
        QCOMPARE(child<QTabWidget>(&page, "rabbitTabs")->currentWidget(), inspector);
        QTRY_COMPARE_WITH_TIMEOUT(inspector->model()->rowCount(), 4, kWaitMs);
        QCOMPARE(inspector->topic(), stream_);
        QVERIFY(inspector->isConsuming()); // the default stop condition is never: it tails on
        // Nothing that writes to Kafka applies to a stream's records.
        inspector->tableView()->selectRow(0);
        QVERIFY(!inspector->produceAction()->isEnabled());
        QVERIFY(!inspector->importAction()->isEnabled());
        QVERIFY(!inspector->copyKcatAction()->isEnabled());
        QVERIFY(inspector->copyValueAction()->isEnabled());
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-stream"));

        // A classic queue is peeked, after its side effects were shown and accepted.
        child<QTabWidget>(&page, "rabbitTabs")->setCurrentIndex(0);
        QVERIFY(selectQueue(classic_));
        QCOMPARE(read->text().remove(QLatin1Char('&')), QStringLiteral("Peek…"));
        QString warning;
        QTimer answer;
        answer.setInterval(50);
        connect(&answer, &QTimer::timeout, &page, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                warning = box->text();
                box->button(QMessageBox::Ok)->click();
            } else if (auto *input = qobject_cast<QInputDialog *>(modal)) {
                input->setIntValue(2);
                input->accept();
                answer.stop();
            }
        });
        answer.start();
        QTest::mouseClick(read, Qt::LeftButton);
        QVERIFY2(warning.contains(QStringLiteral("redelivered")), qPrintable(warning));
        QTRY_COMPARE_WITH_TIMEOUT(inspector->model()->rowCount(), 2, kWaitMs);
        QCOMPARE(inspector->topic(), classic_);
        const inspect::MessageView first = inspector->model()->store().at(0);
        QCOMPARE(QByteArray(first.value().data(), qsizetype(first.value().size())), QByteArray("message 0"));
        const qint64 gap = probe.finish();
        QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(gap)));
        qInfo("longest GUI-thread gap while reading a stream and peeking a queue: %lld ms", gap);
        amqp::Connection connection(amqpSettings.value());
        QVERIFY(connection.open().ok());
        const auto counted = connection.inspectQueue(classic_);
        QVERIFY(counted.ok());
        QCOMPARE(counted->messageCount, uint32_t(kPublished)); // the peek removed nothing

        // Publish… on a queue: the default exchange, routed by the queue's name.
        child<QTabWidget>(&page, "rabbitTabs")->setCurrentIndex(0);
        QVERIFY(selectQueue(classic_));
        auto *publish = child<QPushButton>(&page, "rabbitPublish");
        QVERIFY(publish->isEnabled());
        QTest::mouseClick(publish, Qt::LeftButton);
        auto *dialog = child<QDialog>(&page, "rabbitPublishDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(child<QLineEdit>(dialog, "exchange")->text(), QString());
        QCOMPARE(child<QLineEdit>(dialog, "routingKey")->text(), classic_);
        dialog->close();
    }

    void savedConnectionsKeepThePasswordInTheSecretStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("connections.json"));
        profiles::ProfileStore store(path);
        profiles::SecretStore secrets(QStringLiteral("EDIS Studio test rabbit page"));
        secrets.setKeychainEnabled(false); // the session's memory stands in for the keychain here
        QString saved;
        {
            ui::RabbitPage page;
            page.setProfileStores(&store, &secrets);
            page.show();
            fill(page, settings_);
            child<QCheckBox>(&page, "rabbitReadOnly")->setChecked(true);
            QVERIFY(page.saveProfile(QStringLiteral("Test node")));
            saved = page.currentProfileId();
            QVERIFY(!saved.isEmpty());
            // An invalid form is refused with the reason, and nothing is saved.
            child<QLineEdit>(&page, "rabbitUrl")->setText(QStringLiteral("ftp://nowhere"));
            QVERIFY(!page.saveProfile(QStringLiteral("Broken")));
            QVERIFY(child<widgets::StatusIndicator>(&page, "rabbitStatus")
                        ->text()
                        .contains(QStringLiteral("http")));
        }
        QCOMPARE(store.rabbitProfiles().size(), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("Test node"));
        QVERIFY2(!bytes.contains(settings_.password.toUtf8()), "the password reached the connections file");

        // Another page (a new session) picks the saved node: the form fills, the password comes
        // from the secret store, it connects, and read-only holds publishing back.
        ui::RabbitPage page;
        page.setProfileStores(&store, &secrets);
        page.show();
        auto *combo = child<QComboBox>(&page, "rabbitProfiles");
        const int index = combo->findData(saved);
        QVERIFY(index > 0);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        QCOMPARE(child<QLineEdit>(&page, "rabbitUrl")->text(), settings_.url);
        QCOMPARE(child<QLineEdit>(&page, "rabbitPassword")->text(), settings_.password);
        auto *status = child<widgets::StatusIndicator>(&page, "rabbitStatus");
        QVERIFY2(status->level() == widgets::StatusIndicator::Level::Good, qPrintable(status->text()));
        QVERIFY(page.isReadOnly());
        QVERIFY(!child<QPushButton>(&page, "rabbitPublish")->isEnabled());
        QVERIFY(store.findRabbit(saved)->lastUsedMs > 0);

        page.forgetProfile(saved);
        QVERIFY(store.rabbitProfiles().isEmpty());
        QCOMPARE(combo->count(), 1);
    }

    void ratesTabFollowsTheSelectedQueue()
    {
        ui::RabbitPage page;
        page.resize(1366, 700);
        page.show();
        fill(page, settings_);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        const rabbit::RateKey key = rabbit::RateKey::queue(settings_.vhost, classic_);
        QVERIFY(page.rateHistory().contains(key));
        QVERIFY(page.rateHistory().latest(key).has_value());
        auto *queues = child<QTableView>(&page, "rabbitQueues");
        page.setFilter(classic_);
        QTRY_COMPARE(queues->model()->rowCount(), 1);
        queues->setCurrentIndex(queues->model()->index(0, 0));
        QVERIFY2(page.rateView()->titleText().contains(classic_), qPrintable(page.rateView()->titleText()));
        // The Publish/s column carries the sparkline's points.
        const QVariant points
            = queues->model()->index(0, ui::RabbitQueueModel::PublishRate).data(ui::kRabbitSparklineRole);
        QVERIFY(points.canConvert<QList<double>>());
        QVERIFY(!points.value<QList<double>>().isEmpty());
        child<QTabWidget>(&page, "rabbitTabs")->setCurrentWidget(page.rateView());
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-rates"));
    }

    void amqpIsCheckedBesideTheManagementApi()
    {
        const QString amqpUrl = test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL");
        ui::RabbitPage page;
        page.show();
        auto *amqpStatus = child<widgets::StatusIndicator>(&page, "rabbitAmqpStatus");
        QVERIFY(!amqpStatus->isVisibleTo(&page)); // nothing checked yet

        // Both answer.
        fill(page, settings_);
        child<QLineEdit>(&page, "rabbitAmqpUrl")->setText(amqpUrl);
        QSignalSpy checked(&page, &ui::RabbitPage::amqpChecked);
        GapProbe probe;
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, kWaitMs);
        QVERIFY(page.amqpCheck() && page.amqpCheck()->ok());
        QVERIFY(!child<QLineEdit>(&page, "rabbitAmqpUrl")
                     ->text()
                     .contains(settings_.password)); // Connect took it out
        QVERIFY2(
            amqpStatus->level() == widgets::StatusIndicator::Level::Good, qPrintable(amqpStatus->text()));
        QVERIFY2(amqpStatus->text().contains(QStringLiteral("RabbitMQ 3")), qPrintable(amqpStatus->text()));

        // A wrong password: AMQP says so in its own words too.
        child<QLineEdit>(&page, "rabbitPassword")->setText(QStringLiteral("not-the-password"));
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, kWaitMs);
        QCOMPARE(page.amqpCheck()->kind, amqp::Error::Kind::BadCredentials);
        QVERIFY(amqpStatus->level() == widgets::StatusIndicator::Level::Bad);

        // AMQP answers but the management URL is not the management API: the status line
        // points at the plugin.
        ForeignServer foreign(false);
        rabbit::ManagementSettings wrong = settings_;
        wrong.url = foreign.url();
        fill(page, wrong);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() == 3 && refreshed.count() >= 1, kWaitMs);
        QVERIFY(page.amqpCheck()->ok());
        auto *status = child<widgets::StatusIndicator>(&page, "rabbitStatus");
        QTRY_VERIFY2_WITH_TIMEOUT(
            status->text().contains(QStringLiteral("AMQP answers")), qPrintable(status->text()), kWaitMs);
        const qint64 gap = probe.finish();
        QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(gap)));
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-amqp-but-no-management"));
    }

    void manageActionsFollowTheSelectionAndReadOnly()
    {
        ui::RabbitPage page;
        page.show();
        fill(page, settings_);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        ui::RabbitManageActions *manage = page.manageActions();
        auto *queues = child<QTableView>(&page, "rabbitQueues");
        QVERIFY(queues->actions().contains(manage->purgeQueueAction())); // the table's context menu
        page.setFilter(prefix_);
        const auto select = [&](const QString &name) {
            for (int row = 0; row < queues->model()->rowCount(); ++row) {
                if (queues->model()->index(row, 0).data().toString() == name) {
                    queues->selectRow(row);
                }
            }
        };
        select(classic_);
        QVERIFY(manage->purgeQueueAction()->isEnabled());
        QVERIFY(manage->deleteQueueAction()->isEnabled());
        select(stream_);
        QVERIFY(!manage->purgeQueueAction()->isEnabled()); // a stream is not purged

        // A queue made through the page's actions appears by itself (changed → refresh).
        const QString made = prefix_ + QStringLiteral("made");
        rabbit::QueueDraft draft;
        draft.name = made;
        const int before = int(refreshed.count());
        manage->createQueue(draft);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > before && page.visibleQueues().contains(made), kWaitMs);
        manage->deleteQueues({made});
        QTRY_VERIFY_WITH_TIMEOUT(!page.visibleQueues().contains(made), kWaitMs);

        // Read-only: nothing writes.
        child<QCheckBox>(&page, "rabbitReadOnly")->setChecked(true);
        select(classic_);
        for (QAction *action : manage->actions()) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
        }
        QVERIFY(!child<QPushButton>(&page, "rabbitPublish")->isEnabled());
    }

    void peekWarningSaysWhatAPeekDoes()
    {
        rabbit::QueueInfo classic;
        classic.name = QStringLiteral("orders");
        classic.type = rabbit::QueueType::Classic;
        const QString plain = ui::RabbitPage::peekWarning(classic);
        QVERIFY(plain.contains(QStringLiteral("requeued")));
        QVERIFY(plain.contains(QStringLiteral("redelivered")));
        QVERIFY(!plain.contains(QStringLiteral("quorum")));
        rabbit::QueueInfo quorum = classic;
        quorum.type = rabbit::QueueType::Quorum;
        QVERIFY(ui::RabbitPage::peekWarning(quorum).contains(QStringLiteral("no delivery limit")));
        quorum.arguments.insert(QStringLiteral("x-delivery-limit"), 2);
        const QString limited = ui::RabbitPage::peekWarning(quorum);
        QVERIFY2(limited.contains(QStringLiteral("delivery limit is 2")), qPrintable(limited));
        QVERIFY(limited.contains(QStringLiteral("low")));
    }

    void thousandsOfQueuesUpdateInPlace()
    {
        constexpr int kQueues = 2500;
        // The page's own table (its proxy, header modes and row heights), fed as the client would.
        ui::RabbitPage page;
        page.resize(1100, 650);
        page.show();
        auto *queuesView = child<QTableView>(&page, "rabbitQueues");
        QVERIFY(queuesView);
        QTableView &view = *queuesView;
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view.model());
        QVERIFY(proxy);
        auto *source = dynamic_cast<ui::RabbitQueueModel *>(proxy->sourceModel());
        QVERIFY(source);
        ui::RabbitQueueModel &model = *source;
        QAbstractItemModelTester tester(&model);
        const auto make = [](int generation) {
            QList<rabbit::QueueInfo> queues;
            for (int i = 0; i < kQueues; ++i) {
                rabbit::QueueInfo q;
                q.name = QStringLiteral("q-%1").arg(i + generation, 5, 10, QLatin1Char('0'));
                q.type = rabbit::QueueType::Classic;
                q.messagesReady = qint64 {i} * generation;
                queues.append(q);
            }
            return queues;
        };
        model.update(make(0));
        QCOMPARE(proxy->rowCount(), kQueues);
        view.selectRow(1200);
        view.scrollTo(view.currentIndex(), QAbstractItemView::PositionAtTop);
        const QString selected = view.currentIndex().siblingAtColumn(0).data().toString();
        const int scroll = view.verticalScrollBar()->value();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        GapProbe probe; // the update and the relayout and repaint it causes
        QElapsedTimer clock;
        clock.start();
        model.update(make(1)); // q-00000 goes, q-02500 comes, every count changes
        const qint64 elapsed = clock.elapsed();
        const qint64 gap = probe.finish();
        QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(gap)));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(proxy->rowCount(), kQueues);
        QCOMPARE(view.currentIndex().siblingAtColumn(0).data().toString(), selected);
        // One row left above the selection: the view stays where it was, give or take that row.
        QVERIFY2(std::abs(view.verticalScrollBar()->value() - scroll) <= 1,
            qPrintable(QStringLiteral("%1 -> %2").arg(scroll).arg(view.verticalScrollBar()->value())));
        QVERIFY2(elapsed < kMaxGapMs,
            qPrintable(QStringLiteral("an update of %1 queues took %2 ms").arg(kQueues).arg(elapsed)));
        qInfo("updating %d queues in place took %lld ms (longest GUI gap %lld ms)", kQueues, elapsed, gap);
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-2500-queues"));
    }

    void failuresShowInTheStatusLine_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong password")
            << QStringLiteral("password") << QStringLiteral("user name or password");
        QTest::newRow("closed port") << QStringLiteral("port") << QStringLiteral("refused");
        QTest::newRow("missing vhost") << QStringLiteral("vhost") << QStringLiteral("does not exist");
        QTest::newRow("vhost not permitted")
            << QStringLiteral("limited") << QStringLiteral("may not use the vhost");
        QTest::newRow("not the management API")
            << QStringLiteral("foreign") << QStringLiteral("not RabbitMQ's management API");
        QTest::newRow("timeout") << QStringLiteral("silent") << QStringLiteral("did not answer within");
    }

    void failuresShowInTheStatusLine()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        rabbit::ManagementSettings settings = settings_;
        ForeignServer foreign(what == QLatin1String("silent"));
        if (what == QLatin1String("password")) {
            settings.password = QStringLiteral("not-the-password");
        } else if (what == QLatin1String("port")) {
            settings.url = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        } else if (what == QLatin1String("vhost")) {
            settings.vhost = prefix_ + QStringLiteral("no-such-vhost");
        } else if (what == QLatin1String("limited")) {
            if (test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER").isEmpty()) {
                QFAIL(test::missingRabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER").constData());
            }
            settings.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER");
            settings.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_PASSWORD");
            settings.vhost = QStringLiteral("/");
        } else {
            settings.url = foreign.url();
        }
        ui::RabbitPage page;
        page.resize(1100, 650);
        page.show();
        fill(page, settings);
        GapProbe probe;
        QSignalSpy failed(&page, &ui::RabbitPage::failed);
        if (what == QLatin1String("silent")) {
            // The form has no timeout field: the page is told the same settings with a short one.
            settings.requestTimeout = std::chrono::milliseconds(1500);
            page.connectTo(settings);
        } else {
            QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        }
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, kWaitMs);
        const qint64 gap = probe.finish();
        QVERIFY2(gap < kMaxGapMs, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(gap)));
        auto *status = child<widgets::StatusIndicator>(&page, "rabbitStatus");
        QCOMPARE(status->level(), widgets::StatusIndicator::Level::Bad);
        QVERIFY2(status->text().contains(expected, Qt::CaseInsensitive), qPrintable(status->text()));
        QCOMPARE(child<QTableView>(&page, "rabbitQueues")->model()->rowCount(), 0);
        test::saveScreenshot(&page, QStringLiteral("rabbit-page-error-") + what);
    }

    void limitedUserSeesItsVhostWithoutNodes()
    {
        rabbit::ManagementSettings settings = settings_;
        settings.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER");
        settings.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_PASSWORD");
        if (settings.username.isEmpty()) {
            QFAIL(test::missingRabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER").constData());
        }
        ui::RabbitPage page;
        page.show();
        fill(page, settings);
        QSignalSpy refreshed(&page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(&page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        auto *status = child<widgets::StatusIndicator>(&page, "rabbitStatus");
        QVERIFY2(status->level() == widgets::StatusIndicator::Level::Good, qPrintable(status->text()));
        QVERIFY(page.visibleQueues().contains(classic_));
        QVERIFY(page.overview().has_value());
        const QString overview = child<QLabel>(&page, "rabbitOverview")->text();
        // The management tag alone may not list the nodes: the page says so instead of "no alarms".
        QVERIFY2(overview.contains(QStringLiteral("nodes not visible")) == !page.overview()->nodesVisible,
            qPrintable(overview));
    }

    void mainWindowShowsThePage()
    {
        ui::MainWindow window;
        window.showMaximized(); // a 1366x768 laptop screen under Xvfb
        auto *action = child<QAction>(&window, "rabbitAction");
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        action->trigger();
        auto *page = child<ui::RabbitPage>(&window, "rabbitPage");
        QVERIFY(page);
        QVERIFY(page->isVisible());
        auto *stack = qobject_cast<QStackedWidget *>(page->parentWidget());
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), page);

        fill(*page, settings_);
        QSignalSpy refreshed(page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(child<QPushButton>(page, "rabbitConnect"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(page->visibleQueues().contains(classic_), kWaitMs);
        page->setFilter(prefix_);
        test::saveScreenshot(&window, QStringLiteral("rabbit-page-mainwindow"));
    }

    void savedNodesSitBesideTheClusters()
    {
        ui::MainWindow window;
        window.showMaximized();
        auto *nodes = child<ui::RabbitNodeList>(&window, "rabbitNodes");
        QVERIFY(nodes && nodes->isVisible());
        const int before = nodes->nodeCount();
        ui::RabbitPage *page = window.rabbitPage();
        fill(*page, settings_);
        QVERIFY(page->saveProfile(prefix_ + QStringLiteral("node")));
        const QString id = page->currentProfileId();
        QCOMPARE(nodes->nodeCount(), before + 1);

        // A new form, then the node chosen in the navigation: the page opens on it and connects.
        fill(*page, rabbit::ManagementSettings {});
        window.showClusters();
        QTreeWidgetItem *item = nullptr;
        for (int i = 0; i < nodes->topLevelItemCount(); ++i) {
            if (nodes->topLevelItem(i)->data(0, ui::RabbitNodeList::kProfileIdRole).toString() == id) {
                item = nodes->topLevelItem(i);
            }
        }
        QVERIFY(item);
        QSignalSpy refreshed(page, &ui::RabbitPage::refreshed);
        QTest::mouseClick(nodes->viewport(), Qt::LeftButton, {}, nodes->visualItemRect(item).center());
        QVERIFY(page->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, kWaitMs);
        QCOMPARE(child<QLineEdit>(page, "rabbitUrl")->text(), settings_.url);
        QTRY_VERIFY2_WITH_TIMEOUT(
            item->text(ui::RabbitNodeList::DetailColumn).startsWith(QStringLiteral("connected")),
            qPrintable(item->text(ui::RabbitNodeList::DetailColumn)), kWaitMs);
        test::saveScreenshot(&window, QStringLiteral("rabbit-nodes-navigation"));

        page->forgetProfile(id);
        QCOMPARE(nodes->nodeCount(), before);
    }
};

QTEST_MAIN(TestRabbitPage)
#include "tst_rabbitpage.moc"
