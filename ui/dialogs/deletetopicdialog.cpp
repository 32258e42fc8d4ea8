#include "dialogs/deletetopicdialog.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edis::ui {

DeleteTopicDialog::DeleteTopicDialog(cluster::ClusterSession *session, const QString &topic, QWidget *parent)
    : QDialog(parent)
    , topic_(topic)
    , requests_(new cluster::SessionRequests(this))
    , confirm_(new QLineEdit(this))
    , message_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("deleteTopicDialog"));
    setWindowTitle(tr("Delete Topic"));
    requests_->setSession(session);

    auto *explanation
        = new QLabel(tr("<p>Deleting <b>%1</b> removes all its messages and cannot be undone. "
                        "Consumers of the topic will fail.</p><p>Type the topic's name to confirm:</p>")
                         .arg(topic.toHtmlEscaped()),
            this);
    explanation->setWordWrap(true);
    confirm_->setObjectName(QStringLiteral("confirmNameEdit"));
    confirm_->setPlaceholderText(topic);
    message_->setObjectName(QStringLiteral("deleteMessage"));
    message_->setWordWrap(true);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Delete"));
    buttons_->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("deleteButton"));
    buttons_->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(confirm_);
    layout->addWidget(message_);
    layout->addWidget(buttons_);

    connect(buttons_, &QDialogButtonBox::accepted, this, &DeleteTopicDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(confirm_, &QLineEdit::textChanged, this, &DeleteTopicDialog::updateButton);
    connect(requests_, &cluster::SessionRequests::busyChanged, this, [this](bool busy) {
        confirm_->setEnabled(!busy);
        if (busy) {
            message_->setText(tr("Deleting…"));
        }
        updateButton();
    });
    if (session && session->settings().isSandbox) {
        message_->setText(kafka::KafkaClient::notSupportedBySandbox(tr("Deleting a topic")).message);
        confirm_->setEnabled(false);
    }
    updateButton();
}

void DeleteTopicDialog::updateButton()
{
    buttons_->button(QDialogButtonBox::Ok)
        ->setEnabled(confirm_->isEnabled() && confirm_->text() == topic_ && !requests_->isBusy());
}

void DeleteTopicDialog::accept()
{
    if (confirm_->text() != topic_ || requests_->isBusy()) {
        return;
    }
    requests_->request([name = topic_](kafka::KafkaClient &client,
                           std::chrono::milliseconds timeout) { return client.deleteTopic(name, timeout); },
        [this](const kafka::KafkaError &error) {
            if (error) {
                message_->setText(error.message);
                return;
            }
            Q_EMIT topicDeleted(topic_);
            QDialog::accept();
        });
}

} // namespace edis::ui
