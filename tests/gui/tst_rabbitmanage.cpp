// The RabbitMQ write actions (ui/pages/rabbitmanageactions, #19) against the real node
// tests/services/rabbitmq.sh starts (EDIS_TEST_RABBITMQ_*), offscreen, through their dialogs and
// confirmations: a quorum queue with a delivery limit and a topic exchange are created and
// bound, the queue is purged, a cancelled confirmation deletes nothing, then unbind, delete
// exchange and delete queues; checked each time with a separate client. A read-only connection
// disables everything and sends nothing; the limited user's refusals reach failed() and the
// dialog; reserved and malformed input is refused in the dialog.

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "dialogs/rabbitbinddialog.h"
#include "dialogs/rabbitexchangedialog.h"
#include "dialogs/rabbitqueuedialog.h"
#include "guitest.h"
#include "pages/rabbitmanageactions.h"
#include "rabbittest.h"
#include "screenshot.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace edis;
using test::child;

namespace {

constexpr int kWaitMs = 30000;
// The management API's message counts lag by a statistics interval (5 s by default).
constexpr int kStatsWaitMs = 20000;
constexpr int kPublished = 3;

/// The modal dialog or message box named `name` once it is shown, or null.
template <typename T>
T *awaitModal(const char *name)
{
    T *found = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            found = qobject_cast<T *>(QApplication::activeModalWidget());
            return found && found->objectName() == QLatin1String(name) && found->isVisible();
        },
        5000);
    if (!shown) {
        qWarning("no modal %s (the active one is %s)", name,
            QApplication::activeModalWidget() ? qPrintable(QApplication::activeModalWidget()->objectName())
                                              : "none");
        return nullptr;
    }
    return found;
}

/// Whether the dialog is gone or hidden. Out of line: GCC's -Wnull-dereference cannot follow a
/// QPointer checked and dereferenced in one expression.
Q_NEVER_INLINE bool isClosed(const QPointer<QWidget> &dialog)
{
    const QWidget *widget = dialog.data();
    return widget == nullptr || widget->isHidden();
}

void selectText(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
}

} // namespace

class TestRabbitManage : public QObject {
    Q_OBJECT

private:
    rabbit::ManagementSettings settings_;
    rabbit::ManagementSettings limited_;
    std::unique_ptr<rabbit::ManagementClient> admin_; ///< checks what the actions did
    QString prefix_;

    std::optional<rabbit::QueueInfo> queueNow(const QString &name)
    {
        const auto found
            = test::awaitRabbit<rabbit::QueueInfo>([&](auto done) { admin_->queue(name, done); });
        return found.ok() ? std::optional(found.value()) : std::nullopt;
    }
    /// The queue's messages as the API counts them now, or -1 when it cannot be read.
    qint64 messagesOf(const QString &name)
    {
        const auto queue = queueNow(name);
        return queue ? queue->messages : -1;
    }
    std::optional<rabbit::ExchangeInfo> exchangeNow(const QString &name)
    {
        const auto all
            = test::awaitRabbit<QList<rabbit::ExchangeInfo>>([&](auto done) { admin_->exchanges(done); });
        if (!all.ok()) {
            return std::nullopt;
        }
        for (const rabbit::ExchangeInfo &exchange : all.value()) {
            if (exchange.name == name) {
                return exchange;
            }
        }
        return std::nullopt;
    }
    QList<rabbit::BindingInfo> bindingsFrom(const QString &source)
    {
        const auto all
            = test::awaitRabbit<QList<rabbit::BindingInfo>>([&](auto done) { admin_->bindings(done); });
        QList<rabbit::BindingInfo> found;
        for (const rabbit::BindingInfo &binding : all.ok() ? all.value() : QList<rabbit::BindingInfo>()) {
            if (binding.source == source) {
                found.append(binding);
            }
        }
        return found;
    }

    static void publish(const QString &vhost, const QString &queue, int count)
    {
        auto amqpSettings = amqp::Settings::fromUrl(test::rabbitEnv("EDIS_TEST_RABBITMQ_AMQP_URL"));
        QVERIFY2(amqpSettings.ok(), qPrintable(amqpSettings.error().message));
        amqpSettings.value().vhost = vhost;
        amqp::Connection connection(amqpSettings.value());
        const amqp::Error opened = connection.open();
        QVERIFY2(opened.ok(), qPrintable(opened.message + QLatin1String(" / ") + opened.detail));
        amqp::Publisher publisher(connection);
        std::vector<amqp::OutgoingMessage> batch;
        for (int i = 0; i < count; ++i) {
            amqp::OutgoingMessage message;
            message.routingKey = queue; // the default exchange routes to the queue of that name
            message.body = QByteArray("message ") + QByteArray::number(i);
            batch.push_back(message);
        }
        const auto outcomes = publisher.publishAll(batch);
        QVERIFY2(outcomes.ok(), qPrintable(outcomes.error().message));
    }

    /// Presses the confirmation's accept button after checking its text and what it says.
    static void answerConfirmation(bool accept, const QString &verb, const QStringList &mentions)
    {
        auto *box = awaitModal<QMessageBox>("rabbitConfirm");
        QVERIFY(box);
        test::saveScreenshot(box, QStringLiteral("rabbit-confirm-") + verb.toLower());
        for (const QString &mention : mentions) {
            QVERIFY2(box->text().contains(mention), qPrintable(box->text() + QLatin1String(" / ") + mention));
        }
        auto *yes = child<QPushButton>(box, "rabbitConfirmAccept");
        QVERIFY(yes);
        QCOMPARE(yes->text(), verb);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        const QPointer<QWidget> guard(box);
        (accept ? static_cast<QAbstractButton *>(yes) : box->button(QMessageBox::Cancel))->click();
        QTRY_VERIFY(isClosed(guard));
    }

    /// Clicks the dialog's OK button and waits for it to close after RabbitMQ said yes.
    static void submitAndAwaitClose(QDialog *dialog, QSignalSpy &changed)
    {
        const QPointer<QWidget> guard(dialog);
        const int before = int(changed.count());
        auto *ok = child<QPushButton>(dialog, "okButton");
        QVERIFY(ok);
        QVERIFY2(ok->isEnabled(), qPrintable(static_cast<ui::RabbitSubmitDialog *>(dialog)->message()));
        ok->click();
        QTRY_VERIFY_WITH_TIMEOUT(isClosed(guard), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *name : {"EDIS_TEST_RABBITMQ_MANAGEMENT_URL", "EDIS_TEST_RABBITMQ_USER",
                 "EDIS_TEST_RABBITMQ_PASSWORD", "EDIS_TEST_RABBITMQ_VHOST", "EDIS_TEST_RABBITMQ_AMQP_URL",
                 "EDIS_TEST_RABBITMQ_LIMITED_USER", "EDIS_TEST_RABBITMQ_LIMITED_PASSWORD"}) {
            if (test::rabbitEnv(name).isEmpty()) {
                QFAIL(test::missingRabbitEnv(name).constData());
            }
        }
        settings_.url = test::rabbitEnv("EDIS_TEST_RABBITMQ_MANAGEMENT_URL");
        settings_.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_USER");
        settings_.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_PASSWORD");
        settings_.vhost = test::rabbitEnv("EDIS_TEST_RABBITMQ_VHOST");
        limited_ = settings_;
        limited_.username = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_USER");
        limited_.password = test::rabbitEnv("EDIS_TEST_RABBITMQ_LIMITED_PASSWORD");
        admin_ = std::make_unique<rabbit::ManagementClient>(settings_);
        prefix_ = test::uniqueRabbitPrefix("manage");
    }

    /// Whatever a failed run left: every queue and exchange of the prefix, in the test vhost and
    /// in "/" (where the limited user must not have created anything).
    void cleanupTestCase()
    {
        if (!admin_) {
            return;
        }
        rabbit::ManagementSettings root = settings_;
        root.vhost = QStringLiteral("/");
        rabbit::ManagementClient rootClient(root);
        for (rabbit::ManagementClient *client : {admin_.get(), &rootClient}) {
            const auto queues
                = test::awaitRabbit<QList<rabbit::QueueInfo>>([&](auto done) { client->queues(done); });
            for (const rabbit::QueueInfo &queue : queues.ok() ? queues.value() : QList<rabbit::QueueInfo>()) {
                if (queue.name.startsWith(prefix_)) {
                    qWarning("removing the left-over queue %s", qPrintable(queue.name));
                    test::awaitRabbit<rabbit::Done>(
                        [&](auto done) { client->deleteQueue(queue.name, done); });
                }
            }
            const auto exchanges
                = test::awaitRabbit<QList<rabbit::ExchangeInfo>>([&](auto done) { client->exchanges(done); });
            for (const rabbit::ExchangeInfo &exchange :
                exchanges.ok() ? exchanges.value() : QList<rabbit::ExchangeInfo>()) {
                if (exchange.name.startsWith(prefix_)) {
                    qWarning("removing the left-over exchange %s", qPrintable(exchange.name));
                    test::awaitRabbit<rabbit::Done>(
                        [&](auto done) { client->deleteExchange(exchange.name, done); });
                }
            }
        }
    }

    void createBindPurgeUnbindAndDeleteThroughTheActions()
    {
        const QString quorum = prefix_ + QStringLiteral("orders");
        const QString classic = prefix_ + QStringLiteral("audit");
        const QString exchange = prefix_ + QStringLiteral("events");
        QWidget window;
        window.resize(900, 600);
        window.show();
        rabbit::ManagementClient client(settings_);
        ui::RabbitManageActions actions(&window);
        actions.setClient(&client);
        QSignalSpy changed(&actions, &ui::RabbitManageActions::changed);
        QSignalSpy failed(&actions, &ui::RabbitManageActions::failed);
        for (QAction *action :
            {actions.newQueueAction(), actions.newExchangeAction(), actions.bindAction()}) {
            QVERIFY2(action->isEnabled(), qPrintable(action->objectName()));
        }
        for (QAction *action : {actions.deleteQueueAction(), actions.purgeQueueAction(),
                 actions.deleteExchangeAction(), actions.unbindAction()}) {
            QVERIFY2(
                !action->isEnabled(), qPrintable(action->objectName() + QLatin1String(": nothing selected")));
        }

        // New queue: quorum, delivery limit 5. Durable is forced on, auto-delete off.
        actions.newQueueAction()->trigger();
        auto *queueDialog = awaitModal<ui::RabbitQueueDialog>("rabbitQueueDialog");
        QVERIFY(queueDialog);
        child<QLineEdit>(queueDialog, "queueName")->setText(quorum);
        selectText(child<QComboBox>(queueDialog, "queueType"), QStringLiteral("quorum"));
        auto *durable = child<QCheckBox>(queueDialog, "durable");
        QVERIFY(durable->isChecked());
        QVERIFY(!durable->isEnabled());
        QVERIFY(!child<QCheckBox>(queueDialog, "autoDelete")->isEnabled());
        QVERIFY(child<QLineEdit>(queueDialog, "deliveryLimit")->isVisible());
        QVERIFY(!child<QLineEdit>(queueDialog, "segmentSize")->isVisible());
        child<QLineEdit>(queueDialog, "deliveryLimit")->setText(QStringLiteral("5"));
        test::saveScreenshot(queueDialog, QStringLiteral("rabbit-new-quorum-queue"));
        submitAndAwaitClose(queueDialog, changed);
        QCOMPARE(failed.count(), 0);
        const auto created = queueNow(quorum);
        QVERIFY(created);
        QCOMPARE(created->typeName, QStringLiteral("quorum"));
        QVERIFY(created->durable);
        QCOMPARE(created->arguments.value(QStringLiteral("x-delivery-limit")).toInt(), 5);

        // The same name with other arguments: RabbitMQ's 406 ("inequivalent arg") reaches failed().
        rabbit::QueueDraft clash;
        clash.name = quorum;
        clash.type = rabbit::QueueType::Classic;
        actions.createQueue(clash);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
        const QString clashMessage = failed.takeFirst().at(0).toString();
        QVERIFY2(clashMessage.contains(QStringLiteral("inequivalent")), qPrintable(clashMessage));

        // New exchange: topic.
        actions.newExchangeAction()->trigger();
        auto *exchangeDialog = awaitModal<ui::RabbitExchangeDialog>("rabbitExchangeDialog");
        QVERIFY(exchangeDialog);
        child<QLineEdit>(exchangeDialog, "exchangeName")->setText(exchange);
        selectText(child<QComboBox>(exchangeDialog, "exchangeType"), QStringLiteral("topic"));
        submitAndAwaitClose(exchangeDialog, changed);
        const auto madeExchange = exchangeNow(exchange);
        QVERIFY(madeExchange);
        QCOMPARE(madeExchange->type, QStringLiteral("topic"));
        QVERIFY(madeExchange->durable);
        QVERIFY(!madeExchange->internal);

        // Bind: the selected exchange and queue are preselected; the combos list the vhost.
        actions.setSelection({*created}, {*madeExchange}, {});
        actions.bindAction()->trigger();
        auto *bindDialog = awaitModal<ui::RabbitBindDialog>("rabbitBindDialog");
        QVERIFY(bindDialog);
        QSignalSpy loaded(bindDialog, &ui::RabbitBindDialog::listsLoaded);
        QCOMPARE(child<QComboBox>(bindDialog, "source")->currentText(), exchange);
        QCOMPARE(child<QComboBox>(bindDialog, "destination")->currentText(), quorum);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWaitMs);
        QVERIFY(child<QComboBox>(bindDialog, "source")->findText(exchange) >= 0);
        QVERIFY(child<QComboBox>(bindDialog, "destination")->findText(quorum) >= 0);
        QCOMPARE(child<QComboBox>(bindDialog, "source")->currentText(), exchange);
        child<QLineEdit>(bindDialog, "routingKey")->setText(QStringLiteral("orders.*"));
        test::saveScreenshot(bindDialog, QStringLiteral("rabbit-bind"));
        submitAndAwaitClose(bindDialog, changed);
        const QList<rabbit::BindingInfo> bound = bindingsFrom(exchange);
        QCOMPARE(bound.size(), 1);
        QCOMPARE(bound.first().destination, quorum);
        QCOMPARE(bound.first().destinationType, rabbit::DestinationType::Queue);
        QCOMPARE(bound.first().routingKey, QStringLiteral("orders.*"));

        // Purge: 3 messages in, the box counts the ready ones, then none.
        publish(settings_.vhost, quorum, kPublished);
        QTRY_COMPARE_WITH_TIMEOUT(messagesOf(quorum), qint64 {kPublished}, kStatsWaitMs);
        const auto full = queueNow(quorum);
        QVERIFY(full);
        actions.setSelection({*full}, {}, {});
        QVERIFY(actions.purgeQueueAction()->isEnabled());
        int before = int(changed.count());
        actions.purgeQueueAction()->trigger();
        answerConfirmation(true, QStringLiteral("Purge"), {quorum, QStringLiteral("3 ready messages")});
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(messagesOf(quorum), qint64 {0}, kStatsWaitMs);

        // Cancel: nothing is sent, nothing deleted.
        actions.setSelection({*full}, {}, {});
        const quint64 sent = client.requestsSent();
        actions.deleteQueueAction()->trigger();
        answerConfirmation(false, QStringLiteral("Delete"), {quorum, QStringLiteral("3 messages")});
        QTest::qWait(200);
        QCOMPARE(client.requestsSent(), sent);
        QVERIFY(queueNow(quorum));

        // Unbind the binding as the API listed it.
        actions.setSelection({}, {}, bound);
        QVERIFY(actions.unbindAction()->isEnabled());
        before = int(changed.count());
        actions.unbindAction()->trigger();
        answerConfirmation(true, QStringLiteral("Unbind"), {exchange, quorum, QStringLiteral("orders.*")});
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
        QCOMPARE(bindingsFrom(exchange).size(), 0);

        // Delete the exchange.
        actions.setSelection({}, {*madeExchange}, {});
        before = int(changed.count());
        actions.deleteExchangeAction()->trigger();
        answerConfirmation(true, QStringLiteral("Delete"), {exchange, QStringLiteral("binding")});
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
        QVERIFY(!exchangeNow(exchange));

        // Delete two queues with one confirmation that lists both.
        rabbit::QueueDraft second;
        second.name = classic;
        before = int(changed.count());
        actions.createQueue(second);
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
        const auto secondInfo = queueNow(classic);
        QVERIFY(secondInfo);
        actions.setSelection({*full, *secondInfo}, {}, {});
        before = int(changed.count());
        actions.deleteQueueAction()->trigger();
        answerConfirmation(true, QStringLiteral("Delete"), {QStringLiteral("2 queues"), quorum, classic});
        QTRY_COMPARE_WITH_TIMEOUT(int(changed.count()), before + 1, kWaitMs);
        QVERIFY(!queueNow(quorum));
        QVERIFY(!queueNow(classic));
        QCOMPARE(failed.count(), 0);
    }

    void readOnlyDisablesEverythingAndSendsNothing()
    {
        QWidget window;
        rabbit::ManagementClient client(settings_);
        ui::RabbitManageActions actions(&window);
        QSignalSpy failed(&actions, &ui::RabbitManageActions::failed);
        rabbit::QueueInfo queue;
        queue.name = prefix_ + QStringLiteral("ro");
        queue.type = rabbit::QueueType::Classic;
        rabbit::ExchangeInfo exchange;
        exchange.name = prefix_ + QStringLiteral("ro-x");
        exchange.type = QStringLiteral("direct");
        rabbit::BindingInfo binding;
        binding.source = exchange.name;
        binding.destination = queue.name;
        binding.propertiesKey = QStringLiteral("~");

        // No client: everything off, and the slots say so.
        for (QAction *action : actions.actions()) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
        }
        actions.purgeQueue(queue.name);
        QCOMPARE(failed.takeFirst().at(0).toString(), ui::RabbitManageActions::notConnectedMessage());

        actions.setClient(&client);
        actions.setSelection({queue}, {exchange}, {binding});
        for (QAction *action : actions.actions()) {
            QVERIFY2(action->isEnabled(), qPrintable(action->objectName()));
        }
        actions.setReadOnly(true);
        for (QAction *action : actions.actions()) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
            QCOMPARE(action->toolTip(), QStringLiteral("The connection is read-only."));
            action->trigger(); // a disabled action does nothing
        }
        QVERIFY(!QApplication::activeModalWidget());

        const quint64 sent = client.requestsSent();
        rabbit::QueueDraft queueDraft;
        queueDraft.name = queue.name;
        rabbit::ExchangeDraft exchangeDraft;
        exchangeDraft.name = exchange.name;
        rabbit::BindingDraft bindingDraft;
        bindingDraft.source = exchange.name;
        bindingDraft.destination = queue.name;
        actions.createQueue(queueDraft);
        actions.deleteQueues({queue.name});
        actions.purgeQueue(queue.name);
        actions.createExchange(exchangeDraft);
        actions.deleteExchange(exchange.name);
        actions.bind(bindingDraft);
        actions.unbind(binding);
        QCOMPARE(failed.count(), 7);
        for (const QList<QVariant> &args : std::as_const(failed)) {
            QCOMPARE(args.at(0).toString(), QStringLiteral("The connection is read-only."));
        }
        QCOMPARE(client.requestsSent(), sent);
        QCOMPARE(client.pendingRequests(), 0);
        QVERIFY(!queueNow(queue.name));

        actions.setReadOnly(false);
        QVERIFY(actions.deleteQueueAction()->isEnabled());
        QCOMPARE(actions.deleteQueueAction()->toolTip(), actions.deleteQueueAction()->statusTip());
    }

    void actionsSayWhyTheyAreDisabled()
    {
        QWidget window;
        rabbit::ManagementClient client(settings_);
        ui::RabbitManageActions actions(&window);
        actions.setClient(&client);
        rabbit::QueueInfo stream;
        stream.name = QStringLiteral("s");
        stream.type = rabbit::QueueType::Stream;
        rabbit::ExchangeInfo builtIn;
        builtIn.name = QStringLiteral("amq.topic");
        rabbit::BindingInfo implicit; // from the default exchange
        implicit.destination = QStringLiteral("s");
        actions.setSelection({stream}, {builtIn}, {implicit});
        QVERIFY(actions.deleteQueueAction()->isEnabled());
        QVERIFY(!actions.purgeQueueAction()->isEnabled());
        QVERIFY(actions.purgeQueueAction()->toolTip().contains(QStringLiteral("stream")));
        QVERIFY(!actions.deleteExchangeAction()->isEnabled());
        QVERIFY(actions.deleteExchangeAction()->toolTip().contains(QStringLiteral("amq.")));
        QVERIFY(!actions.unbindAction()->isEnabled());
        QVERIFY(actions.unbindAction()->toolTip().contains(QStringLiteral("default exchange")));
    }

    void limitedUserRefusalsAreClear()
    {
        QWidget window;
        window.show();
        // In "/", the limited user has no permissions at all (tests/services/rabbitmq.sh).
        rabbit::ManagementSettings root = limited_;
        root.vhost = QStringLiteral("/");
        rabbit::ManagementClient rootClient(root);
        ui::RabbitManageActions actions(&window);
        actions.setClient(&rootClient);
        QSignalSpy failed(&actions, &ui::RabbitManageActions::failed);
        QSignalSpy changed(&actions, &ui::RabbitManageActions::changed);
        actions.newQueueAction()->trigger();
        auto *dialog = awaitModal<ui::RabbitQueueDialog>("rabbitQueueDialog");
        QVERIFY(dialog);
        child<QLineEdit>(dialog, "queueName")->setText(prefix_ + QStringLiteral("limited"));
        child<QPushButton>(dialog, "okButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
        const QString refused = failed.takeFirst().at(0).toString();
        QVERIFY2(refused.contains(QStringLiteral("may not use the vhost '/'")), qPrintable(refused));
        // The dialog stays open with the refusal, Create disabled until the input changes.
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->message(), refused);
        QVERIFY(!child<QPushButton>(dialog, "okButton")->isEnabled());
        child<QLineEdit>(dialog, "queueName")->setText(prefix_ + QStringLiteral("limited2"));
        QVERIFY(child<QPushButton>(dialog, "okButton")->isEnabled());
        dialog->reject();
        QCOMPARE(changed.count(), 0);

        // In its own vhost it has every permission: a queue is made, and deleted.
        rabbit::ManagementClient ownClient(limited_);
        actions.setClient(&ownClient);
        rabbit::QueueDraft own;
        own.name = prefix_ + QStringLiteral("limited-own");
        actions.createQueue(own);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kWaitMs);
        QVERIFY(queueNow(own.name));
        actions.deleteQueues({own.name});
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kWaitMs);
        QVERIFY(!queueNow(own.name));

        // A reserved name past the dialog (the slot does not check): RabbitMQ refuses it.
        rabbit::QueueDraft reserved;
        reserved.name = QStringLiteral("amq.") + prefix_;
        actions.createQueue(reserved);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kWaitMs);
        const QString denied = failed.takeFirst().at(0).toString();
        QVERIFY2(denied.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(denied));
        QCOMPARE(changed.count(), 2);
    }

    void dialogRefusesBadInput()
    {
        QWidget window;
        window.show();
        rabbit::ManagementClient client(settings_);
        ui::RabbitManageActions actions(&window);
        actions.setClient(&client);
        QSignalSpy failed(&actions, &ui::RabbitManageActions::failed);
        const quint64 sent = client.requestsSent();

        actions.newQueueAction()->trigger();
        auto *queueDialog = awaitModal<ui::RabbitQueueDialog>("rabbitQueueDialog");
        QVERIFY(queueDialog);
        auto *ok = child<QPushButton>(queueDialog, "okButton");
        QVERIFY(!ok->isEnabled()); // no name yet
        QVERIFY(queueDialog->message().contains(QStringLiteral("needs a name")));
        child<QLineEdit>(queueDialog, "queueName")->setText(QStringLiteral("amq.") + prefix_);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(
            queueDialog->message().contains(QStringLiteral("\"amq.\"")), qPrintable(queueDialog->message()));
        queueDialog->accept(); // Enter in the form: still refused
        QVERIFY(queueDialog->isVisible());
        queueDialog->reject();

        actions.newExchangeAction()->trigger();
        auto *exchangeDialog = awaitModal<ui::RabbitExchangeDialog>("rabbitExchangeDialog");
        QVERIFY(exchangeDialog);
        child<QLineEdit>(exchangeDialog, "exchangeName")->setText(QStringLiteral("amq.") + prefix_);
        QVERIFY(!child<QPushButton>(exchangeDialog, "okButton")->isEnabled());
        QVERIFY(exchangeDialog->message().contains(QStringLiteral("reserves")));
        exchangeDialog->reject();

        QTest::qWait(100);
        QCOMPARE(client.requestsSent(), sent);
        QCOMPARE(failed.count(), 0);
    }

    void queueDialogSendsTheTypesArguments_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem"); // empty: accepted
        QTest::addColumn<QJsonObject>("arguments");
        QTest::newRow("classic ttl") << "classic"
                                     << "messageTtl"
                                     << "60000"
                                     << "" << QJsonObject {{"x-message-ttl", 60000}};
        QTest::newRow("classic max length") << "classic"
                                            << "maxLength"
                                            << "10"
                                            << "" << QJsonObject {{"x-max-length", 10}};
        QTest::newRow("quorum delivery limit") << "quorum"
                                               << "deliveryLimit"
                                               << "5"
                                               << "" << QJsonObject {{"x-delivery-limit", 5}};
        QTest::newRow("classic ignores a delivery limit") << "classic"
                                                          << "deliveryLimit"
                                                          << "5"
                                                          << "" << QJsonObject {};
        QTest::newRow("stream segment size")
            << "stream"
            << "segmentSize"
            << "1000000"
            << "" << QJsonObject {{"x-stream-max-segment-size-bytes", 1000000}};
        QTest::newRow("stream max bytes") << "stream"
                                          << "maxLengthBytes"
                                          << "5000000000"
                                          << "" << QJsonObject {{"x-max-length-bytes", 5000000000.0}};
        QTest::newRow("stream ignores a ttl") << "stream"
                                              << "messageTtl"
                                              << "100"
                                              << "" << QJsonObject {};
        QTest::newRow("not a number") << "quorum"
                                      << "deliveryLimit"
                                      << "five"
                                      << "Delivery limit" << QJsonObject {};
        QTest::newRow("negative") << "classic"
                                  << "maxLength"
                                  << "-1"
                                  << "at least 0" << QJsonObject {};
    }

    void queueDialogSendsTheTypesArguments()
    {
        QFETCH(QString, type);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        QFETCH(QJsonObject, arguments);
        ui::RabbitQueueDialog dialog;
        child<QLineEdit>(&dialog, "queueName")->setText(QStringLiteral("orders"));
        selectText(child<QComboBox>(&dialog, "queueType"), type);
        child<QLineEdit>(&dialog, field.toLatin1().constData())->setText(value);
        QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
        QCOMPARE(dialog.problem().isEmpty(), problem.isEmpty());
        QCOMPARE(child<QPushButton>(&dialog, "okButton")->isEnabled(), problem.isEmpty());
        if (problem.isEmpty()) {
            const rabbit::QueueDraft draft = dialog.draft();
            QCOMPARE(toString(draft.type), type);
            QCOMPARE(draft.durable, true);
            QCOMPARE(draft.arguments, arguments);
        }
    }

    void confirmationsNameWhatIsLost()
    {
        rabbit::QueueInfo queue;
        queue.name = QStringLiteral("orders");
        queue.messages = 12;
        queue.messagesReady = 10;
        queue.messagesUnacknowledged = 2;
        const QString del = ui::RabbitManageActions::deleteQueuesQuestion({queue});
        QVERIFY2(
            del.contains(QStringLiteral("deletes queue \"orders\" and its 12 messages")), qPrintable(del));
        const QString purge = ui::RabbitManageActions::purgeQuestion(queue);
        QVERIFY2(
            purge.contains(QStringLiteral("removes the 10 ready messages of \"orders\"")), qPrintable(purge));
        QVERIFY2(purge.contains(QStringLiteral("unacknowledged ones (2) stay")), qPrintable(purge));
        rabbit::ExchangeInfo exchange;
        exchange.name = QStringLiteral("events");
        exchange.type = QStringLiteral("topic");
        QVERIFY(ui::RabbitManageActions::deleteExchangeQuestion(exchange).contains(
            QStringLiteral("every binding")));
    }
};

QTEST_MAIN(TestRabbitManage)
#include "tst_rabbitmanage.moc"
