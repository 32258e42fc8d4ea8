#pragma once

// Publishes messages to a RabbitMQ exchange: exchange (empty: the default exchange), routing
// key, body, headers (strings) and the basic properties, once or N times, optionally at a rate.
// Body, routing key, message id and correlation id are record templates ({{i}}, {{now}},
// {{uuid}}). The sending runs on a util::BackgroundWorker with its own AMQP connection and
// publisher confirms; the dialog shows the confirmed, nacked and returned counts (a return with
// the server's reply, 312 NO_ROUTE) and errors in their own sentence. Stop and Close cancel at
// once and never wait for the network on the GUI thread.

#include "amqp/amqperror.h"
#include "amqp/message.h"
#include "amqp/settings.h"
#include "util/backgroundworker.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace edis::ui {

/// What a send has counted so far: each message is confirmed, nacked or returned.
struct PublishTotals {
    quint64 confirmed = 0;
    quint64 nacked = 0;
    quint64 returned = 0;
    /// The first return's reply ("312 NO_ROUTE"); empty when nothing was returned.
    QString returnReply;

    quint64 answered() const { return confirmed + nacked + returned; }
};

class PublishDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int kMaxCount = 1'000'000;

    PublishDialog(amqp::Settings settings, const QString &exchange, const QString &routingKey,
        QWidget *parent = nullptr);
    /// Never waits: a send in progress is stopped and its thread ends on its own.
    ~PublishDialog() override;

    void addHeader(const QString &name, const QString &value);
    /// The message the form describes, before its templates are filled in.
    amqp::OutgoingMessage messageTemplate() const;
    bool isSending() const { return sending_; }
    /// The counts of the last send (or of the one running, as last reported).
    const PublishTotals &lastTotals() const { return totals_; }
    /// Why the last send ended early; Kind::None when it sent everything (or a Stop ended it:
    /// Kind::Cancelled).
    const amqp::Error &lastError() const { return error_; }

public Q_SLOTS:
    /// Starts sending the form's message `count` times; publishFinished() tells the outcome.
    void send();
    /// Cancels the send; publishFinished() follows shortly with what was counted.
    void stop();
    /// Close and Escape stop a send before the dialog goes.
    void done(int result) override;

Q_SIGNALS:
    /// A send ended: all sent, stopped (`error` empty) or failed (`error` is the status shown).
    /// Not named finished(): QDialog has a finished(int) that this would hide.
    void publishFinished(quint64 confirmed, quint64 nacked, quint64 returned, const QString &error);

private:
    void onProgress(quint64 sent, const PublishTotals &totals);
    void onFinished(quint64 sent, const PublishTotals &totals, const amqp::Error &error);
    void setSending(bool sending);
    QString countsText(const PublishTotals &totals) const;

    amqp::Settings settings_;
    /// One per send, so a stopped one never holds up the next; replacing it never blocks.
    std::unique_ptr<util::BackgroundWorker> worker_;
    bool sending_ = false;
    PublishTotals totals_;
    amqp::Error error_;

    QLineEdit *exchange_;
    QLineEdit *routingKey_;
    QPlainTextEdit *body_;
    QTableWidget *headers_;
    QComboBox *contentType_;
    QLineEdit *contentEncoding_;
    QLineEdit *correlationId_;
    QLineEdit *messageId_;
    QLineEdit *type_;
    QLineEdit *appId_;
    QLineEdit *replyTo_;
    QLineEdit *expiration_;
    QComboBox *priority_;
    QComboBox *deliveryMode_;
    QCheckBox *timestampNow_;
    QCheckBox *mandatory_;
    QSpinBox *count_;
    QDoubleSpinBox *rate_; ///< 0: as fast as the confirms come
    QProgressBar *progress_;
    QLabel *status_;
    QPushButton *sendButton_;
    QPushButton *stopButton_;
};

} // namespace edis::ui
