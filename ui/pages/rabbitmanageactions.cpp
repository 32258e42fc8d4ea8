#include "pages/rabbitmanageactions.h"

#include "dialogs/rabbitbinddialog.h"
#include "dialogs/rabbitexchangedialog.h"
#include "dialogs/rabbitqueuedialog.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

#include <algorithm>
#include <memory>

namespace edis::ui {

namespace {

QString messagesPhrase(qint64 count)
{
    return count == 1 ? QObject::tr("1 message") : QObject::tr("%1 messages").arg(count);
}

/// "exchange "a" → queue "b" (routing key "k")"; the default exchange shows as such.
QString describe(const rabbit::BindingInfo &binding)
{
    const QString source = binding.source.isEmpty() ? QObject::tr("the default exchange")
                                                    : QObject::tr("exchange \"%1\"").arg(binding.source);
    const QString destination = binding.destinationType == rabbit::DestinationType::Queue
        ? QObject::tr("queue \"%1\"").arg(binding.destination)
        : QObject::tr("exchange \"%1\"").arg(binding.destination);
    const QString key = binding.routingKey.isEmpty()
        ? QObject::tr("no routing key")
        : QObject::tr("routing key \"%1\"").arg(binding.routingKey);
    return QObject::tr("%1 → %2 (%3)").arg(source, destination, key);
}

/// The exchanges RabbitMQ will not let anyone delete: the default one and its own amq.* ones.
bool isBuiltIn(const rabbit::ExchangeInfo &exchange)
{
    return exchange.name.isEmpty() || exchange.name.startsWith(QLatin1String("amq."));
}

} // namespace

RabbitManageActions::RabbitManageActions(QWidget *dialogParent)
    : QObject(dialogParent)
    , dialogParent_(dialogParent)
    , newQueue_(makeAction(tr("New queue…"), "rabbitNewQueue", tr("Create a queue in the vhost")))
    , deleteQueue_(makeAction(tr("Delete queue…"), "rabbitDeleteQueue",
          tr("Delete the selected queues and the messages in them")))
    , purgeQueue_(
          makeAction(tr("Purge…"), "rabbitPurgeQueue", tr("Remove the ready messages of the selected queue")))
    , newExchange_(
          makeAction(tr("New exchange…"), "rabbitNewExchange", tr("Create an exchange in the vhost")))
    , deleteExchange_(makeAction(tr("Delete exchange…"), "rabbitDeleteExchange",
          tr("Delete the selected exchange and its bindings")))
    , bind_(makeAction(tr("Bind…"), "rabbitBind", tr("Bind a queue or an exchange to an exchange")))
    , unbind_(makeAction(tr("Unbind…"), "rabbitUnbind", tr("Remove the selected bindings")))
{
    connect(newQueue_, &QAction::triggered, this, &RabbitManageActions::onNewQueue);
    connect(deleteQueue_, &QAction::triggered, this, &RabbitManageActions::onDeleteQueue);
    connect(purgeQueue_, &QAction::triggered, this, &RabbitManageActions::onPurgeQueue);
    connect(newExchange_, &QAction::triggered, this, &RabbitManageActions::onNewExchange);
    connect(deleteExchange_, &QAction::triggered, this, &RabbitManageActions::onDeleteExchange);
    connect(bind_, &QAction::triggered, this, &RabbitManageActions::onBind);
    connect(unbind_, &QAction::triggered, this, &RabbitManageActions::onUnbind);
    updateActions();
}

RabbitManageActions::~RabbitManageActions()
{
    closeDialog();
}

QAction *RabbitManageActions::makeAction(const QString &text, const char *objectName, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(objectName));
    action->setStatusTip(tip);
    return action;
}

QList<QAction *> RabbitManageActions::actions() const
{
    return {newQueue_, deleteQueue_, purgeQueue_, newExchange_, deleteExchange_, bind_, unbind_};
}

QString RabbitManageActions::readOnlyMessage()
{
    return tr("The connection is read-only.");
}

QString RabbitManageActions::notConnectedMessage()
{
    return tr("Not connected to RabbitMQ.");
}

void RabbitManageActions::setClient(rabbit::ManagementClient *client)
{
    if (client_ != client) {
        closeDialog();
    }
    client_ = client;
    updateActions();
}

void RabbitManageActions::setReadOnly(bool readOnly)
{
    if (readOnly && !readOnly_) {
        closeDialog();
    }
    readOnly_ = readOnly;
    updateActions();
}

void RabbitManageActions::setSelection(const QList<rabbit::QueueInfo> &queues,
    const QList<rabbit::ExchangeInfo> &exchanges, const QList<rabbit::BindingInfo> &bindings)
{
    queues_ = queues;
    exchanges_ = exchanges;
    bindings_ = bindings;
    updateActions();
}

void RabbitManageActions::updateActions()
{
    const bool writable = client_ && !readOnly_;
    const QString blocked = !client_ ? notConnectedMessage() : readOnlyMessage();
    const auto set = [&](QAction *action, bool enabled, const QString &why = {}) {
        action->setEnabled(writable && enabled);
        action->setToolTip(!writable ? blocked : why.isEmpty() ? action->statusTip() : why);
    };
    set(newQueue_, true);
    set(newExchange_, true);
    set(bind_, true);
    set(deleteQueue_, !queues_.isEmpty(), queues_.isEmpty() ? tr("Select the queues to delete.") : QString());
    const bool oneQueue = queues_.size() == 1;
    const bool stream = oneQueue && queues_.first().type == rabbit::QueueType::Stream;
    set(purgeQueue_, oneQueue && !stream,
        stream         ? tr("A stream cannot be purged: its retention settings remove old messages.")
            : oneQueue ? QString()
                       : tr("Select one queue to purge."));
    const bool oneExchange = exchanges_.size() == 1;
    const bool builtIn = oneExchange && isBuiltIn(exchanges_.first());
    set(deleteExchange_, oneExchange && !builtIn,
        builtIn           ? tr("RabbitMQ's own exchanges (the default one and amq.*) cannot be deleted.")
            : oneExchange ? QString()
                          : tr("Select one exchange to delete."));
    const bool fromDefault = std::any_of(bindings_.cbegin(), bindings_.cend(),
        [](const rabbit::BindingInfo &binding) { return binding.source.isEmpty(); });
    set(unbind_, !bindings_.isEmpty() && !fromDefault,
        fromDefault ? tr("The default exchange's bindings are implicit: they go with their queue.")
            : bindings_.isEmpty() ? tr("Select the bindings to remove.")
                                  : QString());
}

bool RabbitManageActions::mayWrite()
{
    if (readOnly_) {
        Q_EMIT failed(readOnlyMessage());
        return false;
    }
    if (!client_) {
        Q_EMIT failed(notConnectedMessage());
        return false;
    }
    return true;
}

void RabbitManageActions::run(const QList<Call> &calls, const Finished &finished)
{
    struct Batch {
        qsizetype remaining = 0;
        bool anySucceeded = false;
        QStringList errors;
    };
    auto batch = std::make_shared<Batch>();
    batch->remaining = calls.size();
    QPointer<RabbitManageActions> self(this);
    for (const Call &call : calls) {
        call(*client_, [self, batch, finished](const rabbit::Result<rabbit::Done> &result) {
            if (result.ok()) {
                batch->anySucceeded = true;
            } else if (result.error().kind != rabbit::ManagementError::Kind::Cancelled) {
                batch->errors.append(result.error().message);
            }
            if (--batch->remaining > 0 || !self) {
                return;
            }
            const QString errors = batch->errors.join(QLatin1Char('\n'));
            if (batch->anySucceeded) {
                Q_EMIT self->changed();
            }
            if (!errors.isEmpty()) {
                Q_EMIT self->failed(errors);
            }
            if (finished) {
                finished(errors);
            }
        });
    }
}

// The slots.

void RabbitManageActions::createQueue(const rabbit::QueueDraft &draft)
{
    if (mayWrite()) {
        run({[draft](rabbit::ManagementClient &c, auto done) { c.createQueue(draft, done); }});
    }
}

void RabbitManageActions::deleteQueues(const QStringList &names)
{
    if (!mayWrite()) {
        return;
    }
    QList<Call> calls;
    for (const QString &name : names) {
        calls.append([name](rabbit::ManagementClient &c, auto done) { c.deleteQueue(name, done); });
    }
    run(calls);
}

void RabbitManageActions::purgeQueue(const QString &name)
{
    if (mayWrite()) {
        run({[name](rabbit::ManagementClient &c, auto done) { c.purgeQueue(name, done); }});
    }
}

void RabbitManageActions::createExchange(const rabbit::ExchangeDraft &draft)
{
    if (mayWrite()) {
        run({[draft](rabbit::ManagementClient &c, auto done) { c.createExchange(draft, done); }});
    }
}

void RabbitManageActions::deleteExchange(const QString &name)
{
    if (mayWrite()) {
        run({[name](rabbit::ManagementClient &c, auto done) { c.deleteExchange(name, done); }});
    }
}

void RabbitManageActions::bind(const rabbit::BindingDraft &draft)
{
    if (mayWrite()) {
        run({[draft](rabbit::ManagementClient &c, auto done) { c.bind(draft, done); }});
    }
}

void RabbitManageActions::unbind(const rabbit::BindingInfo &binding)
{
    if (mayWrite()) {
        run({[binding](rabbit::ManagementClient &c, auto done) { c.unbind(binding, done); }});
    }
}

// The confirmations.

QString RabbitManageActions::deleteQueuesQuestion(const QList<rabbit::QueueInfo> &queues)
{
    if (queues.size() == 1) {
        const rabbit::QueueInfo &queue = queues.first();
        return tr("Delete queue \"%1\"?\n\nThis deletes queue \"%1\" and its %2, and its bindings. "
                  "It cannot be undone.")
            .arg(queue.name, messagesPhrase(queue.messages));
    }
    qint64 total = 0;
    QStringList lines;
    for (const rabbit::QueueInfo &queue : queues) {
        total += queue.messages;
        lines.append(tr("• %1 (%2)").arg(queue.name, messagesPhrase(queue.messages)));
    }
    return tr("Delete %1 queues?\n\nThis deletes these queues, their %2 in all, and their bindings. "
              "It cannot be undone.\n\n%3")
        .arg(queues.size())
        .arg(messagesPhrase(total), lines.join(QLatin1Char('\n')));
}

QString RabbitManageActions::purgeQuestion(const rabbit::QueueInfo &queue)
{
    const QString ready = queue.messagesReady == 1 ? tr("the 1 ready message")
                                                   : tr("the %1 ready messages").arg(queue.messagesReady);
    return tr("Purge queue \"%1\"?\n\nThis removes %2 of \"%1\"; unacknowledged ones (%3) stay with "
              "their consumers. It cannot be undone.")
        .arg(queue.name, ready)
        .arg(queue.messagesUnacknowledged);
}

QString RabbitManageActions::deleteExchangeQuestion(const rabbit::ExchangeInfo &exchange)
{
    return tr("Delete exchange \"%1\"?\n\nThis deletes the %2 exchange \"%1\" and every binding from "
              "or to it; publishing to it fails from then on. Queues and their messages stay.")
        .arg(exchange.name, exchange.type);
}

QString RabbitManageActions::unbindQuestion(const QList<rabbit::BindingInfo> &bindings)
{
    QStringList lines;
    for (const rabbit::BindingInfo &binding : bindings) {
        lines.append(QStringLiteral("• ") + describe(binding));
    }
    const QString what = bindings.size() == 1 ? tr("Remove this binding?")
                                              : tr("Remove these %1 bindings?").arg(bindings.size());
    return tr("%1\n\n%2\n\nMessages routed this way no longer reach the destination.")
        .arg(what, lines.join(QLatin1Char('\n')));
}

void RabbitManageActions::confirm(
    const QString &title, const QString &question, const QString &verb, const std::function<void()> &accept)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, question, QMessageBox::Cancel, dialogParent_);
    box->setObjectName(QStringLiteral("rabbitConfirm"));
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = box->addButton(verb, QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("rabbitConfirmAccept"));
    box->setDefaultButton(QMessageBox::Cancel);
    QPointer<RabbitManageActions> self(this);
    // The box closes itself after any button.
    connect(box, &QMessageBox::buttonClicked, this, [self, yes, accept](QAbstractButton *clicked) {
        if (clicked == yes && self) {
            accept();
        }
    });
    openDialog(box);
}

void RabbitManageActions::openDialog(QDialog *dialog)
{
    closeDialog();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Modal but not blocking: no nested event loop in which the client or the page could go away.
    dialog->setWindowModality(Qt::ApplicationModal);
    open_ = dialog;
    dialog->show();
}

void RabbitManageActions::closeDialog()
{
    if (open_) {
        open_->close();
    }
}

// The actions.

void RabbitManageActions::onNewQueue()
{
    if (!mayWrite()) {
        return;
    }
    auto *dialog = new RabbitQueueDialog(dialogParent_);
    QPointer<RabbitQueueDialog> guard(dialog);
    connect(dialog, &RabbitQueueDialog::submitted, this, [this, guard](const rabbit::QueueDraft &draft) {
        if (!mayWrite()) {
            guard->showServerError(client_ ? readOnlyMessage() : notConnectedMessage());
            return;
        }
        run({[draft](rabbit::ManagementClient &c, auto done) { c.createQueue(draft, done); }},
            [guard](const QString &errors) {
                if (guard && errors.isEmpty()) {
                    guard->succeed();
                } else if (guard) {
                    guard->showServerError(errors);
                }
            });
    });
    openDialog(dialog);
}

void RabbitManageActions::onNewExchange()
{
    if (!mayWrite()) {
        return;
    }
    auto *dialog = new RabbitExchangeDialog(dialogParent_);
    QPointer<RabbitExchangeDialog> guard(dialog);
    connect(
        dialog, &RabbitExchangeDialog::submitted, this, [this, guard](const rabbit::ExchangeDraft &draft) {
            if (!mayWrite()) {
                guard->showServerError(client_ ? readOnlyMessage() : notConnectedMessage());
                return;
            }
            run({[draft](rabbit::ManagementClient &c, auto done) { c.createExchange(draft, done); }},
                [guard](const QString &errors) {
                    if (guard && errors.isEmpty()) {
                        guard->succeed();
                    } else if (guard) {
                        guard->showServerError(errors);
                    }
                });
        });
    openDialog(dialog);
}

void RabbitManageActions::onBind()
{
    if (!mayWrite()) {
        return;
    }
    RabbitBindDialog::Hints hints;
    if (!exchanges_.isEmpty() && !exchanges_.first().name.isEmpty()) {
        hints.source = exchanges_.first().name;
    } else if (!bindings_.isEmpty()) {
        hints.source = bindings_.first().source;
    }
    if (!queues_.isEmpty()) {
        hints.destination = queues_.first().name;
    } else if (exchanges_.size() > 1) {
        hints.destination = exchanges_.at(1).name;
        hints.destinationType = rabbit::DestinationType::Exchange;
    }
    auto *dialog = new RabbitBindDialog(client_, hints, dialogParent_);
    QPointer<RabbitBindDialog> guard(dialog);
    connect(dialog, &RabbitBindDialog::submitted, this, [this, guard](const rabbit::BindingDraft &draft) {
        if (!mayWrite()) {
            guard->showServerError(client_ ? readOnlyMessage() : notConnectedMessage());
            return;
        }
        run({[draft](rabbit::ManagementClient &c, auto done) { c.bind(draft, done); }},
            [guard](const QString &errors) {
                if (guard && errors.isEmpty()) {
                    guard->succeed();
                } else if (guard) {
                    guard->showServerError(errors);
                }
            });
    });
    openDialog(dialog);
}

void RabbitManageActions::onDeleteQueue()
{
    if (queues_.isEmpty() || !mayWrite()) {
        return;
    }
    QStringList names;
    for (const rabbit::QueueInfo &queue : std::as_const(queues_)) {
        names.append(queue.name);
    }
    const QString title = names.size() == 1 ? tr("Delete Queue") : tr("Delete Queues");
    confirm(title, deleteQueuesQuestion(queues_), tr("Delete"), [this, names] { deleteQueues(names); });
}

void RabbitManageActions::onPurgeQueue()
{
    if (queues_.size() != 1 || !mayWrite()) {
        return;
    }
    const QString name = queues_.first().name;
    confirm(
        tr("Purge Queue"), purgeQuestion(queues_.first()), tr("Purge"), [this, name] { purgeQueue(name); });
}

void RabbitManageActions::onDeleteExchange()
{
    if (exchanges_.size() != 1 || !mayWrite()) {
        return;
    }
    const QString name = exchanges_.first().name;
    confirm(tr("Delete Exchange"), deleteExchangeQuestion(exchanges_.first()), tr("Delete"),
        [this, name] { deleteExchange(name); });
}

void RabbitManageActions::onUnbind()
{
    if (bindings_.isEmpty() || !mayWrite()) {
        return;
    }
    const QList<rabbit::BindingInfo> bindings = bindings_;
    confirm(tr("Unbind"), unbindQuestion(bindings), tr("Unbind"), [this, bindings] {
        if (!mayWrite()) {
            return;
        }
        QList<Call> calls;
        for (const rabbit::BindingInfo &binding : bindings) {
            calls.append([binding](rabbit::ManagementClient &c, auto done) { c.unbind(binding, done); });
        }
        run(calls);
    });
}

} // namespace edis::ui
