#include "dialogs/rabbitexchangedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace edis::ui {

RabbitExchangeDialog::RabbitExchangeDialog(QWidget *parent)
    : RabbitSubmitDialog(QStringLiteral("rabbitExchangeDialog"), tr("Create"), parent)
    , name_(new QLineEdit(this))
    , type_(new QComboBox(this))
    , durable_(new QCheckBox(tr("Durable (survives a restart of the node)"), this))
    , autoDelete_(new QCheckBox(tr("Auto-delete (when its last binding goes)"), this))
    , internal_(new QCheckBox(tr("Internal (only other exchanges publish to it)"), this))
{
    setWindowTitle(tr("New Exchange"));
    name_->setObjectName(QStringLiteral("exchangeName"));
    name_->setPlaceholderText(tr("e.g. orders"));
    type_->setObjectName(QStringLiteral("exchangeType"));
    type_->addItems({QStringLiteral("direct"), QStringLiteral("fanout"), QStringLiteral("topic"),
        QStringLiteral("headers")});
    type_->setItemData(0, tr("Routes to the bindings whose key equals the routing key."), Qt::ToolTipRole);
    type_->setItemData(1, tr("Routes to every binding; the routing key is ignored."), Qt::ToolTipRole);
    type_->setItemData(2, tr("Routes by pattern: * is one word, # any number of words."), Qt::ToolTipRole);
    type_->setItemData(3, tr("Routes by the message's headers, not its routing key."), Qt::ToolTipRole);
    durable_->setObjectName(QStringLiteral("durable"));
    durable_->setChecked(true);
    autoDelete_->setObjectName(QStringLiteral("autoDelete"));
    internal_->setObjectName(QStringLiteral("internal"));
    form_->addRow(tr("&Name:"), name_);
    form_->addRow(tr("&Type:"), type_);
    form_->addRow(QString(), durable_);
    form_->addRow(QString(), autoDelete_);
    form_->addRow(QString(), internal_);
    connect(name_, &QLineEdit::textChanged, this, &RabbitExchangeDialog::inputChanged);
    connect(type_, &QComboBox::currentIndexChanged, this, &RabbitExchangeDialog::inputChanged);
    for (QCheckBox *box : {durable_, autoDelete_, internal_}) {
        connect(box, &QCheckBox::toggled, this, &RabbitExchangeDialog::inputChanged);
    }
    finishLayout();
}

rabbit::ExchangeDraft RabbitExchangeDialog::draft() const
{
    rabbit::ExchangeDraft d;
    d.name = name_->text();
    d.type = type_->currentText();
    d.durable = durable_->isChecked();
    d.autoDelete = autoDelete_->isChecked();
    d.internal = internal_->isChecked();
    return d;
}

QString RabbitExchangeDialog::problem() const
{
    return rabbitNameProblem(name_->text(), tr("exchange"));
}

void RabbitExchangeDialog::submit()
{
    Q_EMIT submitted(draft());
}

QString RabbitExchangeDialog::busyText() const
{
    return tr("Creating exchange \"%1\"…").arg(name_->text());
}

} // namespace edis::ui
