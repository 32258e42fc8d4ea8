#pragma once

#include "dialogs/rabbitsubmitdialog.h"
#include "rabbit/managementtypes.h"

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace edis::ui {

/// Asks for a new queue: name, type (classic / quorum / stream), durable (forced on for quorum
/// queues and streams), auto-delete (classic only) and the optional limits the type supports:
/// max length and message TTL (not streams), delivery limit (quorum), max length in bytes, and
/// segment size (streams). Create emits submitted() (see RabbitSubmitDialog).
class RabbitQueueDialog : public RabbitSubmitDialog {
    Q_OBJECT
public:
    explicit RabbitQueueDialog(QWidget *parent = nullptr);

    /// What the form holds now, as the request sends it (limits hidden for the type left out).
    rabbit::QueueDraft draft() const;
    QString problem() const override;

Q_SIGNALS:
    void submitted(const rabbit::QueueDraft &draft);

protected:
    void refreshState() override;
    void submit() override;
    QString busyText() const override;

private:
    rabbit::QueueType type() const;
    QList<std::pair<QLineEdit *, QString>> limits() const;

    QLineEdit *name_;
    QComboBox *type_;
    QCheckBox *durable_;
    QCheckBox *autoDelete_;
    QLineEdit *maxLength_;
    QLineEdit *messageTtl_;
    QLineEdit *deliveryLimit_;
    QLineEdit *maxLengthBytes_;
    QLineEdit *segmentSize_;
};

} // namespace edis::ui
