#pragma once

#include "dialogs/rabbitsubmitdialog.h"
#include "rabbit/managementtypes.h"

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace edis::ui {

/// Asks for a new exchange: name, type (direct / fanout / topic / headers), durable,
/// auto-delete (when its last binding goes) and internal (no direct publishing). Create emits
/// submitted() (see RabbitSubmitDialog).
class RabbitExchangeDialog : public RabbitSubmitDialog {
    Q_OBJECT
public:
    explicit RabbitExchangeDialog(QWidget *parent = nullptr);

    rabbit::ExchangeDraft draft() const;
    QString problem() const override;

Q_SIGNALS:
    void submitted(const rabbit::ExchangeDraft &draft);

protected:
    void submit() override;
    QString busyText() const override;

private:
    QLineEdit *name_;
    QComboBox *type_;
    QCheckBox *durable_;
    QCheckBox *autoDelete_;
    QCheckBox *internal_;
};

} // namespace edis::ui
