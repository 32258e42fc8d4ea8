#include "dialogs/rabbitqueuedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

#include <optional>

namespace edis::ui {

namespace {

/// A whole number >= 0 in `edit`, nothing when it is empty; sets `problem` when it is neither.
std::optional<qint64> wholeNumber(const QLineEdit *edit, QString *problem)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0) {
        *problem = QDialog::tr("%1 must be a whole number of at least 0, or empty for none.")
                       .arg(edit->accessibleName());
        return std::nullopt;
    }
    return value;
}

} // namespace

RabbitQueueDialog::RabbitQueueDialog(QWidget *parent)
    : RabbitSubmitDialog(QStringLiteral("rabbitQueueDialog"), tr("Create"), parent)
    , name_(new QLineEdit(this))
    , type_(new QComboBox(this))
    , durable_(new QCheckBox(tr("Durable (survives a restart of the node)"), this))
    , autoDelete_(new QCheckBox(tr("Auto-delete (when its last consumer goes)"), this))
    , maxLength_(new QLineEdit(this))
    , messageTtl_(new QLineEdit(this))
    , deliveryLimit_(new QLineEdit(this))
    , maxLengthBytes_(new QLineEdit(this))
    , segmentSize_(new QLineEdit(this))
{
    setWindowTitle(tr("New Queue"));
    name_->setObjectName(QStringLiteral("queueName"));
    name_->setPlaceholderText(tr("e.g. orders.created"));
    type_->setObjectName(QStringLiteral("queueType"));
    for (rabbit::QueueType t :
        {rabbit::QueueType::Classic, rabbit::QueueType::Quorum, rabbit::QueueType::Stream}) {
        type_->addItem(rabbit::toString(t), static_cast<int>(t));
    }
    durable_->setObjectName(QStringLiteral("durable"));
    durable_->setChecked(true);
    autoDelete_->setObjectName(QStringLiteral("autoDelete"));
    form_->addRow(tr("&Name:"), name_);
    form_->addRow(tr("&Type:"), type_);
    form_->addRow(QString(), durable_);
    form_->addRow(QString(), autoDelete_);

    const struct {
        QLineEdit *edit;
        const char *objectName;
        QString label;
        QString unit;
    } rows[] = {
        {maxLength_, "maxLength", tr("Max length"), tr("messages")},
        {messageTtl_, "messageTtl", tr("Message TTL"), tr("milliseconds")},
        {deliveryLimit_, "deliveryLimit", tr("Delivery limit"),
            tr("deliveries, then dropped or dead-lettered")},
        {maxLengthBytes_, "maxLengthBytes", tr("Max length in bytes"), tr("bytes")},
        {segmentSize_, "segmentSize", tr("Segment size"), tr("bytes per segment file")},
    };
    for (const auto &row : rows) {
        row.edit->setObjectName(QLatin1String(row.objectName));
        row.edit->setAccessibleName(row.label);
        row.edit->setPlaceholderText(tr("none (%1)").arg(row.unit));
        form_->addRow(row.label + QLatin1Char(':'), row.edit);
        connect(row.edit, &QLineEdit::textChanged, this, &RabbitQueueDialog::inputChanged);
    }
    for (const auto &[edit, key] : limits()) {
        edit->setToolTip(key);
    }
    connect(name_, &QLineEdit::textChanged, this, &RabbitQueueDialog::inputChanged);
    connect(type_, &QComboBox::currentIndexChanged, this, &RabbitQueueDialog::inputChanged);
    connect(autoDelete_, &QCheckBox::toggled, this, &RabbitQueueDialog::inputChanged);
    connect(durable_, &QCheckBox::toggled, this, &RabbitQueueDialog::inputChanged);
    finishLayout();
}

QList<std::pair<QLineEdit *, QString>> RabbitQueueDialog::limits() const
{
    return {
        {maxLength_, QStringLiteral("x-max-length")},
        {messageTtl_, QStringLiteral("x-message-ttl")},
        {deliveryLimit_, QStringLiteral("x-delivery-limit")},
        {maxLengthBytes_, QStringLiteral("x-max-length-bytes")},
        {segmentSize_, QStringLiteral("x-stream-max-segment-size-bytes")},
    };
}

rabbit::QueueType RabbitQueueDialog::type() const
{
    return static_cast<rabbit::QueueType>(type_->currentData().toInt());
}

void RabbitQueueDialog::refreshState()
{
    const rabbit::QueueType t = type();
    const bool classic = t == rabbit::QueueType::Classic;
    const bool stream = t == rabbit::QueueType::Stream;
    // Quorum queues and streams are replicated logs on disk: RabbitMQ refuses them transient or
    // auto-deleted.
    if (!classic) {
        const QSignalBlocker durableBlocker(durable_);
        const QSignalBlocker autoDeleteBlocker(autoDelete_);
        durable_->setChecked(true);
        autoDelete_->setChecked(false);
    }
    const bool editable = !isBusy();
    durable_->setEnabled(classic && editable);
    autoDelete_->setEnabled(classic && editable);
    const QString forced = classic
        ? QString()
        : tr("A %1 queue is always durable and never auto-deleted.").arg(rabbit::toString(t));
    durable_->setToolTip(forced);
    autoDelete_->setToolTip(forced);
    form_->setRowVisible(maxLength_, !stream);
    form_->setRowVisible(messageTtl_, !stream);
    form_->setRowVisible(deliveryLimit_, t == rabbit::QueueType::Quorum);
    form_->setRowVisible(segmentSize_, stream);
    validate();
}

rabbit::QueueDraft RabbitQueueDialog::draft() const
{
    rabbit::QueueDraft d;
    d.name = name_->text();
    d.type = type();
    d.durable = durable_->isChecked();
    d.autoDelete = autoDelete_->isChecked();
    for (const auto &[edit, key] : limits()) {
        QString ignored;
        // A hidden row does not apply to the type: what it still holds is not sent.
        if (form_->isRowVisible(edit)) {
            if (const std::optional<qint64> value = wholeNumber(edit, &ignored)) {
                d.arguments.insert(key, *value);
            }
        }
    }
    return d;
}

QString RabbitQueueDialog::problem() const
{
    if (QString p = rabbitNameProblem(name_->text(), tr("queue")); !p.isEmpty()) {
        return p;
    }
    for (const auto &[edit, key] : limits()) {
        QString p;
        if (form_->isRowVisible(edit)) {
            wholeNumber(edit, &p);
        }
        if (!p.isEmpty()) {
            return p;
        }
    }
    return {};
}

void RabbitQueueDialog::submit()
{
    Q_EMIT submitted(draft());
}

QString RabbitQueueDialog::busyText() const
{
    return tr("Creating queue \"%1\"…").arg(name_->text());
}

} // namespace edis::ui
