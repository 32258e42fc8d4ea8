#pragma once

#include "dialogs/rabbitsubmitdialog.h"
#include "rabbit/managementtypes.h"

#include <QStringList>

class QComboBox;
class QLineEdit;

namespace edis::rabbit {
class ManagementClient;
} // namespace edis::rabbit

namespace edis::ui {

/// Asks for a binding: the source exchange, the destination (a queue or an exchange) and the
/// routing key. The combo boxes list the vhost's exchanges and queues, fetched from `client`
/// when the dialog opens (a name may also be typed); the hints are selected from the start.
/// Bind emits submitted() (see RabbitSubmitDialog).
class RabbitBindDialog : public RabbitSubmitDialog {
    Q_OBJECT
public:
    struct Hints {
        QString source;
        QString destination;
        rabbit::DestinationType destinationType = rabbit::DestinationType::Queue;
    };

    RabbitBindDialog(rabbit::ManagementClient *client, const Hints &hints, QWidget *parent = nullptr);

    rabbit::BindingDraft draft() const;
    QString problem() const override;

Q_SIGNALS:
    void submitted(const rabbit::BindingDraft &draft);
    /// The lists of exchanges and queues came (or failed), for tests.
    void listsLoaded();

protected:
    void submit() override;
    QString busyText() const override;

private:
    void load(rabbit::ManagementClient *client);
    void listArrived();
    void fillDestinations();
    static void fill(QComboBox *combo, const QStringList &names);

    QComboBox *source_;
    QComboBox *destinationType_;
    QComboBox *destination_;
    QLineEdit *routingKey_;
    QStringList exchanges_;
    QStringList queues_;
    int loading_ = 0;
};

} // namespace edis::ui
