#include "dialogs/rabbitbinddialog.h"

#include "rabbit/managementclient.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPointer>

#include <algorithm>

namespace edis::ui {

RabbitBindDialog::RabbitBindDialog(rabbit::ManagementClient *client, const Hints &hints, QWidget *parent)
    : RabbitSubmitDialog(QStringLiteral("rabbitBindDialog"), tr("Bind"), parent)
    , source_(new QComboBox(this))
    , destinationType_(new QComboBox(this))
    , destination_(new QComboBox(this))
    , routingKey_(new QLineEdit(this))
{
    setWindowTitle(tr("Bind"));
    source_->setObjectName(QStringLiteral("source"));
    destinationType_->setObjectName(QStringLiteral("destinationType"));
    destination_->setObjectName(QStringLiteral("destination"));
    routingKey_->setObjectName(QStringLiteral("routingKey"));
    routingKey_->setPlaceholderText(tr("e.g. orders.* (ignored by fanout exchanges)"));
    for (QComboBox *combo : {source_, destination_}) {
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->setMinimumContentsLength(30);
        connect(combo, &QComboBox::currentTextChanged, this, &RabbitBindDialog::inputChanged);
    }
    destinationType_->addItem(tr("Queue"), static_cast<int>(rabbit::DestinationType::Queue));
    destinationType_->addItem(tr("Exchange"), static_cast<int>(rabbit::DestinationType::Exchange));
    destinationType_->setCurrentIndex(destinationType_->findData(static_cast<int>(hints.destinationType)));
    source_->setEditText(hints.source);
    destination_->setEditText(hints.destination);
    form_->addRow(tr("&Source exchange:"), source_);
    form_->addRow(tr("Destination &type:"), destinationType_);
    form_->addRow(tr("&Destination:"), destination_);
    form_->addRow(tr("&Routing key:"), routingKey_);
    connect(destinationType_, &QComboBox::currentIndexChanged, this, [this] {
        destination_->setEditText(QString());
        fillDestinations();
        inputChanged();
    });
    connect(routingKey_, &QLineEdit::textChanged, this, &RabbitBindDialog::inputChanged);
    finishLayout();
    load(client);
}

void RabbitBindDialog::load(rabbit::ManagementClient *client)
{
    if (!client) {
        return;
    }
    loading_ = 2;
    client->exchanges(
        [self = QPointer<RabbitBindDialog>(this)](const rabbit::Result<QList<rabbit::ExchangeInfo>> &result) {
            RabbitBindDialog *dialog = self.data(); // read once: the dialog may be gone by now
            if (!dialog) {
                return;
            }
            if (result.ok()) {
                for (const rabbit::ExchangeInfo &exchange : result.value()) {
                    if (!exchange.name.isEmpty()) { // the default exchange takes no bindings
                        dialog->exchanges_.append(exchange.name);
                    }
                }
            }
            dialog->listArrived();
        });
    client->queues(
        [self = QPointer<RabbitBindDialog>(this)](const rabbit::Result<QList<rabbit::QueueInfo>> &result) {
            RabbitBindDialog *dialog = self.data();
            if (!dialog) {
                return;
            }
            if (result.ok()) {
                for (const rabbit::QueueInfo &queue : result.value()) {
                    dialog->queues_.append(queue.name);
                }
            }
            dialog->listArrived();
        });
}

void RabbitBindDialog::listArrived()
{
    if (--loading_ == 0) {
        fill(source_, exchanges_);
        fillDestinations();
        Q_EMIT listsLoaded();
    }
}

void RabbitBindDialog::fill(QComboBox *combo, const QStringList &names)
{
    const QString current = combo->currentText();
    const QSignalBlocker blocker(combo);
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    combo->clear();
    combo->addItems(sorted);
    combo->setEditText(current);
}

void RabbitBindDialog::fillDestinations()
{
    const bool queue
        = destinationType_->currentData().toInt() == static_cast<int>(rabbit::DestinationType::Queue);
    fill(destination_, queue ? queues_ : exchanges_);
}

rabbit::BindingDraft RabbitBindDialog::draft() const
{
    rabbit::BindingDraft d;
    d.source = source_->currentText().trimmed();
    d.destination = destination_->currentText().trimmed();
    d.destinationType = static_cast<rabbit::DestinationType>(destinationType_->currentData().toInt());
    d.routingKey = routingKey_->text();
    return d;
}

QString RabbitBindDialog::problem() const
{
    const rabbit::BindingDraft d = draft();
    if (d.source.isEmpty()) {
        return tr("Choose the source exchange (the default exchange takes no bindings).");
    }
    if (d.destination.isEmpty()) {
        return d.destinationType == rabbit::DestinationType::Queue ? tr("Choose the destination queue.")
                                                                   : tr("Choose the destination exchange.");
    }
    return {};
}

void RabbitBindDialog::submit()
{
    Q_EMIT submitted(draft());
}

QString RabbitBindDialog::busyText() const
{
    const rabbit::BindingDraft d = draft();
    return tr("Binding \"%1\" to \"%2\"…").arg(d.source, d.destination);
}

} // namespace edis::ui
