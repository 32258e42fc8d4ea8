#pragma once

#include "rabbit/managementclient.h"
#include "rabbit/managementtypes.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QDialog;
class QMessageBox;
class QWidget;

namespace edis::ui {

/// The write actions of the RabbitMQ page: new queue / exchange, delete, purge, bind and
/// unbind, as QActions the page puts in its toolbar or context menus. The page tells what is
/// selected (setSelection) and which client to use; creating asks in a dialog that stays open
/// until RabbitMQ said yes (or shows its refusal), destroying asks first in a message box naming
/// what is lost. Every call is asynchronous; changed() follows a success (the page refreshes),
/// failed() carries RabbitMQ's refusal (the page shows it in its status line). A read-only
/// connection disables every action, and the slots refuse without calling the API.
class RabbitManageActions : public QObject {
    Q_OBJECT
public:
    /// `dialogParent` parents the dialogs and message boxes, and this object.
    explicit RabbitManageActions(QWidget *dialogParent);
    ~RabbitManageActions() override;

    /// The client of the connected node, or null (every action disabled). Closes an open dialog.
    void setClient(rabbit::ManagementClient *client);
    rabbit::ManagementClient *client() const { return client_; }
    /// Disables every write action, with readOnlyMessage() as their tooltip. Closes an open dialog.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return readOnly_; }
    /// What is selected now in the page's three tables: what the actions act on.
    void setSelection(const QList<rabbit::QueueInfo> &queues, const QList<rabbit::ExchangeInfo> &exchanges,
        const QList<rabbit::BindingInfo> &bindings);

    QAction *newQueueAction() const { return newQueue_; }
    QAction *deleteQueueAction() const { return deleteQueue_; }
    QAction *purgeQueueAction() const { return purgeQueue_; }
    QAction *newExchangeAction() const { return newExchange_; }
    QAction *deleteExchangeAction() const { return deleteExchange_; }
    QAction *bindAction() const { return bind_; }
    QAction *unbindAction() const { return unbind_; }
    /// Every action, in toolbar order.
    QList<QAction *> actions() const;

    static QString readOnlyMessage();
    static QString notConnectedMessage();
    // What the confirmations say (and the tests check).
    static QString deleteQueuesQuestion(const QList<rabbit::QueueInfo> &queues);
    static QString purgeQuestion(const rabbit::QueueInfo &queue);
    static QString deleteExchangeQuestion(const rabbit::ExchangeInfo &exchange);
    static QString unbindQuestion(const QList<rabbit::BindingInfo> &bindings);

public Q_SLOTS:
    // The calls the actions make once confirmed, without a dialog (tests, scripts). Each
    // refuses with failed(readOnlyMessage()) on a read-only connection and sends nothing.
    void createQueue(const rabbit::QueueDraft &draft);
    void deleteQueues(const QStringList &names);
    void purgeQueue(const QString &name);
    void createExchange(const rabbit::ExchangeDraft &draft);
    void deleteExchange(const QString &name);
    void bind(const rabbit::BindingDraft &draft);
    void unbind(const rabbit::BindingInfo &binding);

Q_SIGNALS:
    /// A call succeeded: what the page lists changed.
    void changed();
    /// A call failed (or was refused); the API's sentence, one line per failed object.
    void failed(const QString &message);

private:
    using Call
        = std::function<void(rabbit::ManagementClient &, rabbit::ManagementClient::Callback<rabbit::Done>)>;
    /// Called with the failures' sentences (empty when all succeeded).
    using Finished = std::function<void(const QString &errors)>;

    QAction *makeAction(const QString &text, const char *objectName, const QString &tip);
    void updateActions();
    /// Emits failed() and returns false when no call may be made now.
    bool mayWrite();
    /// Runs the calls at once; when the last answered, emits changed() if any succeeded and
    /// failed() with every refusal, then `finished`.
    void run(const QList<Call> &calls, const Finished &finished = {});
    /// Shows `dialog` modal (not blocking) as the open dialog; it deletes itself when closed.
    void openDialog(QDialog *dialog);
    /// Asks `question`; `accept` runs if the user pressed the button named `verb`.
    void confirm(const QString &title, const QString &question, const QString &verb,
        const std::function<void()> &accept);
    void closeDialog();

    void onNewQueue();
    void onDeleteQueue();
    void onPurgeQueue();
    void onNewExchange();
    void onDeleteExchange();
    void onBind();
    void onUnbind();

    QWidget *dialogParent_;
    QPointer<rabbit::ManagementClient> client_;
    bool readOnly_ = false;
    QList<rabbit::QueueInfo> queues_;
    QList<rabbit::ExchangeInfo> exchanges_;
    QList<rabbit::BindingInfo> bindings_;
    QPointer<QWidget> open_; ///< the dialog or message box shown now

    QAction *newQueue_;
    QAction *deleteQueue_;
    QAction *purgeQueue_;
    QAction *newExchange_;
    QAction *deleteExchange_;
    QAction *bind_;
    QAction *unbind_;
};

} // namespace edis::ui
