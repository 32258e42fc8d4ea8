#pragma once

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

namespace edis::ui {

/// Why `name` cannot name a new queue or exchange (`what`: "queue" or "exchange"), or an empty
/// string: it must not be empty, longer than 255 bytes, or start with "amq." (RabbitMQ reserves
/// the prefix and refuses such a name with "access refused").
QString rabbitNameProblem(const QString &name, const QString &what);

/// What the RabbitMQ write dialogs share: a form, a line under it for the input's problem or
/// RabbitMQ's refusal, and an OK button that stays disabled while anything is wrong. OK calls
/// submit() and waits, the form disabled: the owner closes the dialog with succeed() once
/// RabbitMQ said yes, or shows RabbitMQ's refusal with showServerError() (kept until the input
/// changes; Cancel closes the dialog whatever is in flight).
class RabbitSubmitDialog : public QDialog {
    Q_OBJECT
public:
    /// What is wrong with the input now, or an empty string.
    virtual QString problem() const = 0;
    /// The text under the form: the problem, RabbitMQ's refusal, or what is being done.
    QString message() const;
    bool isBusy() const { return busy_; }

    void showServerError(const QString &message);
    void succeed();

public Q_SLOTS:
    void accept() override;

protected:
    /// `okText` names the action ("Create", "Bind"); `objectName` the dialog, for tests.
    RabbitSubmitDialog(const QString &objectName, const QString &okText, QWidget *parent);

    /// Puts the form, the message line and the buttons in the dialog; call once the rows are in.
    void finishLayout();
    /// Connect every field's change to this: it drops RabbitMQ's refusal and validates again.
    void inputChanged();
    /// Re-applies what the input forces (disabled fields), then validates.
    virtual void refreshState();
    void validate();
    /// Emits the subclass's submitted signal with what the form holds.
    virtual void submit() = 0;
    /// What the line says while the request is in flight.
    virtual QString busyText() const = 0;

    QFormLayout *form_;

private:
    void setBusy(bool busy);

    QLabel *message_;
    QDialogButtonBox *buttons_;
    QString serverError_;
    bool busy_ = false;
};

} // namespace edis::ui
