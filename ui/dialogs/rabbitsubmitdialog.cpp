#include "dialogs/rabbitsubmitdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace edis::ui {

namespace {

// RabbitMQ's limit on queue and exchange names (a short string in AMQP 0-9-1).
constexpr int kMaxNameBytes = 255;

} // namespace

QString rabbitNameProblem(const QString &name, const QString &what)
{
    if (name.trimmed().isEmpty()) {
        return QDialog::tr("The %1 needs a name.").arg(what);
    }
    if (name.startsWith(QLatin1String("amq."))) {
        return QDialog::tr("A %1 name cannot start with \"amq.\": RabbitMQ reserves that prefix.").arg(what);
    }
    if (name.toUtf8().size() > kMaxNameBytes) {
        return QDialog::tr("A %1 name is at most %2 bytes long.").arg(what).arg(kMaxNameBytes);
    }
    return {};
}

RabbitSubmitDialog::RabbitSubmitDialog(const QString &objectName, const QString &okText, QWidget *parent)
    : QDialog(parent)
    , form_(new QFormLayout)
    , message_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(objectName);
    message_->setObjectName(QStringLiteral("validationMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons_->button(QDialogButtonBox::Ok)->setText(okText);
    buttons_->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &RabbitSubmitDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RabbitSubmitDialog::finishLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form_);
    layout->addWidget(message_);
    layout->addWidget(buttons_);
    refreshState();
    resize(480, sizeHint().height());
}

QString RabbitSubmitDialog::message() const
{
    return message_->text();
}

void RabbitSubmitDialog::inputChanged()
{
    serverError_.clear();
    refreshState();
}

void RabbitSubmitDialog::refreshState()
{
    validate();
}

void RabbitSubmitDialog::validate()
{
    if (busy_) {
        return;
    }
    const QString p = problem();
    message_->setText(serverError_.isEmpty() ? p : serverError_);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty() && serverError_.isEmpty());
}

void RabbitSubmitDialog::setBusy(bool busy)
{
    busy_ = busy;
    for (QWidget *w : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (w != buttons_ && w != message_) {
            w->setEnabled(!busy);
        }
    }
    if (busy) {
        message_->setText(busyText());
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    } else {
        refreshState();
    }
}

void RabbitSubmitDialog::showServerError(const QString &message)
{
    serverError_ = message;
    setBusy(false);
}

void RabbitSubmitDialog::succeed()
{
    busy_ = false;
    QDialog::accept();
}

void RabbitSubmitDialog::accept()
{
    if (busy_ || !problem().isEmpty()) {
        return;
    }
    setBusy(true);
    submit();
}

} // namespace edis::ui
