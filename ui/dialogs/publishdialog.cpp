#include "dialogs/publishdialog.h"

#include "amqp/connection.h"
#include "amqp/publisher.h"
#include "ratepacer.h"
#include "recordtemplate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace edis::ui {

namespace {

/// Messages per publishAll: its confirms are awaited before the next chunk, so a Stop ends the
/// send after at most one chunk, and a chunk's outcomes are counted together.
constexpr quint64 kChunkSize = 500;
/// The job reports its counts at most this often (10 updates a second).
constexpr qint64 kProgressIntervalMs = 100;
/// How long a chunk waits for its last confirm before the send fails with Timeout.
constexpr std::chrono::milliseconds kConfirmTimeout {10000};

/// What a send needs, copied to the worker's thread.
struct PublishRequest {
    amqp::Settings settings;
    amqp::OutgoingMessage templ;
    bool timestampNow = false;
    quint64 count = 1;
    double perSecond = 0; ///< 0: unpaced
};

/// Where a send is: messages handed to publishAll and answered, counted, and why it ended.
struct PublishRun {
    quint64 sent = 0;
    PublishTotals totals;
    amqp::Error error;
};

QString expanded(const QString &text, const inspect::TemplateFields &fields)
{
    return QString::fromUtf8(inspect::expandTemplate(text.toUtf8(), fields));
}

/// Message number `sequence` of a send: the templated fields filled in.
amqp::OutgoingMessage expandMessage(const amqp::OutgoingMessage &templ, quint64 sequence, bool timestampNow)
{
    amqp::OutgoingMessage m = templ;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const inspect::TemplateFields fields {sequence, nowMs, {}};
    m.body = inspect::expandTemplate(templ.body, fields);
    m.routingKey = expanded(templ.routingKey, fields);
    if (templ.properties.messageId) {
        m.properties.messageId = expanded(*templ.properties.messageId, fields);
    }
    if (templ.properties.correlationId) {
        m.properties.correlationId = expanded(*templ.properties.correlationId, fields);
    }
    if (timestampNow) {
        m.properties.timestamp = uint64_t(nowMs / 1000); // AMQP timestamps are seconds
    }
    return m;
}

void addOutcomes(PublishTotals &totals, const std::vector<amqp::PublishOutcome> &outcomes)
{
    for (const amqp::PublishOutcome &o : outcomes) {
        switch (o.status) {
        case amqp::PublishOutcome::Status::Confirmed:
            ++totals.confirmed;
            break;
        case amqp::PublishOutcome::Status::Nacked:
            ++totals.nacked;
            break;
        case amqp::PublishOutcome::Status::Returned:
            ++totals.returned;
            if (totals.returnReply.isEmpty()) {
                totals.returnReply = QStringLiteral("%1 %2").arg(o.replyCode).arg(o.replyText);
            }
            break;
        }
    }
}

amqp::Error stopped()
{
    return amqp::Error::make(amqp::Error::Kind::Cancelled, PublishDialog::tr("Stopped"));
}

/// The send, on the worker's thread: connects, publishes in chunks (as the pacer allows) and
/// calls `progress` at most every kProgressIntervalMs. The connection is closed on return.
PublishRun runPublish(const PublishRequest &request, const std::stop_token &stop,
    const std::function<void(const PublishRun &)> &progress)
{
    PublishRun run;
    amqp::Connection connection(request.settings);
    if (amqp::Error e = connection.open(stop); !e.ok()) {
        run.error = e;
        return run;
    }
    amqp::Publisher publisher(connection);
    QElapsedTimer clock;
    clock.start();
    std::optional<inspect::RatePacer> pacer;
    if (request.perSecond > 0) {
        pacer.emplace(request.perSecond, clock.elapsed());
    }
    qint64 lastProgressMs = 0;
    std::vector<amqp::OutgoingMessage> chunk;
    while (run.sent < request.count) {
        if (stop.stop_requested()) {
            run.error = stopped();
            break;
        }
        quint64 n = std::min(kChunkSize, request.count - run.sent);
        if (pacer) {
            if (const qint64 waitMs = pacer->msUntilNext(clock.elapsed()); waitMs > 0) {
                util::waitUnlessStopped(stop, std::chrono::milliseconds(waitMs));
                continue;
            }
            n = std::min(n, pacer->take(clock.elapsed()));
            if (n == 0) {
                continue;
            }
        }
        chunk.clear();
        for (quint64 i = 0; i < n; ++i) {
            chunk.push_back(expandMessage(request.templ, run.sent + i, request.timestampNow));
        }
        const auto outcomes = publisher.publishAll(chunk, kConfirmTimeout, stop);
        if (!outcomes.ok()) {
            run.error = outcomes.error().kind == amqp::Error::Kind::Cancelled ? stopped() : outcomes.error();
            break;
        }
        run.sent += n;
        addOutcomes(run.totals, outcomes.value());
        if (const qint64 now = clock.elapsed(); now - lastProgressMs >= kProgressIntervalMs) {
            lastProgressMs = now;
            progress(run);
        }
    }
    return run;
}

/// The error's sentence, with the server's or the library's words when they add something.
QString errorText(const amqp::Error &error)
{
    if (error.detail.isEmpty() || error.message.contains(error.detail)) {
        return error.message;
    }
    return QStringLiteral("%1 (%2)").arg(error.message, error.detail);
}

} // namespace

PublishDialog::PublishDialog(
    amqp::Settings settings, const QString &exchange, const QString &routingKey, QWidget *parent)
    : QDialog(parent)
    , settings_(std::move(settings))
    , exchange_(new QLineEdit(exchange, this))
    , routingKey_(new QLineEdit(routingKey, this))
    , body_(new QPlainTextEdit(this))
    , headers_(new QTableWidget(0, 2, this))
    , contentType_(new QComboBox(this))
    , contentEncoding_(new QLineEdit(this))
    , correlationId_(new QLineEdit(this))
    , messageId_(new QLineEdit(this))
    , type_(new QLineEdit(this))
    , appId_(new QLineEdit(this))
    , replyTo_(new QLineEdit(this))
    , expiration_(new QLineEdit(this))
    , priority_(new QComboBox(this))
    , deliveryMode_(new QComboBox(this))
    , timestampNow_(new QCheckBox(tr("Now"), this))
    , mandatory_(new QCheckBox(tr("Mandatory: return the message when no queue takes it"), this))
    , count_(new QSpinBox(this))
    , rate_(new QDoubleSpinBox(this))
    , progress_(new QProgressBar(this))
    , status_(new QLabel(this))
    , sendButton_(new QPushButton(tr("Send"), this))
    , stopButton_(new QPushButton(tr("Stop"), this))
{
    setObjectName(QStringLiteral("publishDialog"));
    setWindowTitle(tr("Publish to %1").arg(exchange.isEmpty() ? tr("the default exchange") : exchange));
    resize(720, 720);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    exchange_->setObjectName(QStringLiteral("exchange"));
    exchange_->setPlaceholderText(tr("empty: the default exchange (the routing key is a queue's name)"));
    routingKey_->setObjectName(QStringLiteral("routingKey"));
    routingKey_->setFont(mono);
    body_->setObjectName(QStringLiteral("body"));
    body_->setFont(mono);
    body_->setLineWrapMode(QPlainTextEdit::NoWrap);
    body_->setPlaceholderText(
        tr(R"({"n": {{i}}, "id": "{{uuid}}"}   ({{i}}, {{uuid}}, {{now}} are filled in per message))"));
    headers_->setObjectName(QStringLiteral("headers"));
    headers_->setHorizontalHeaderLabels({tr("Header"), tr("Value (string)")});
    headers_->horizontalHeader()->setStretchLastSection(true);
    headers_->setColumnWidth(0, 180);
    headers_->verticalHeader()->hide();
    headers_->verticalHeader()->setDefaultSectionSize(headers_->fontMetrics().height() + 6);
    headers_->setFont(mono);
    headers_->setMaximumHeight(110);

    contentType_->setObjectName(QStringLiteral("contentType"));
    contentType_->setEditable(true);
    contentType_->addItems({QString(), QStringLiteral("application/json"), QStringLiteral("text/plain"),
        QStringLiteral("application/cloudevents+json")});
    contentType_->lineEdit()->setPlaceholderText(tr("none"));
    contentEncoding_->setObjectName(QStringLiteral("contentEncoding"));
    correlationId_->setObjectName(QStringLiteral("correlationId"));
    correlationId_->setPlaceholderText(tr("none ({{i}}, {{uuid}}, {{now}} are filled in)"));
    messageId_->setObjectName(QStringLiteral("messageId"));
    messageId_->setPlaceholderText(tr("none ({{i}}, {{uuid}}, {{now}} are filled in)"));
    type_->setObjectName(QStringLiteral("type"));
    appId_->setObjectName(QStringLiteral("appId"));
    replyTo_->setObjectName(QStringLiteral("replyTo"));
    expiration_->setObjectName(QStringLiteral("expiration"));
    expiration_->setPlaceholderText(tr("none (per-message TTL in ms)"));
    expiration_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,10}")), this));
    priority_->setObjectName(QStringLiteral("priority"));
    priority_->addItem(tr("none"), -1);
    for (int p = 0; p <= 9; ++p) {
        priority_->addItem(QString::number(p), p);
    }
    deliveryMode_->setObjectName(QStringLiteral("deliveryMode"));
    deliveryMode_->addItem(tr("Persistent"), 2);
    deliveryMode_->addItem(tr("Transient"), 1);
    timestampNow_->setObjectName(QStringLiteral("timestampNow"));
    timestampNow_->setToolTip(tr("Set the timestamp property to the time of sending (seconds)"));
    mandatory_->setObjectName(QStringLiteral("mandatory"));

    count_->setObjectName(QStringLiteral("count"));
    count_->setRange(1, kMaxCount);
    count_->setGroupSeparatorShown(true);
    count_->setSuffix(tr(" messages"));
    rate_->setObjectName(QStringLiteral("rate"));
    rate_->setRange(0, 100000);
    rate_->setDecimals(1);
    rate_->setSuffix(tr(" msg/s"));
    rate_->setSpecialValueText(tr("as fast as confirmed"));
    progress_->setObjectName(QStringLiteral("progress"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sendButton_->setObjectName(QStringLiteral("send"));
    sendButton_->setDefault(true);
    stopButton_->setObjectName(QStringLiteral("stop"));
    stopButton_->setEnabled(false);

    auto *addHeaderButton = new QPushButton(tr("Add"), this);
    addHeaderButton->setObjectName(QStringLiteral("addHeader"));
    auto *removeHeaderButton = new QPushButton(tr("Remove"), this);
    removeHeaderButton->setObjectName(QStringLiteral("removeHeader"));
    auto *headerButtons = new QVBoxLayout;
    headerButtons->addWidget(addHeaderButton);
    headerButtons->addWidget(removeHeaderButton);
    headerButtons->addStretch(1);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(headers_, 1);
    headerRow->addLayout(headerButtons);

    auto *properties = new QGroupBox(tr("Properties"), this);
    auto *left = new QFormLayout;
    left->addRow(tr("Content type"), contentType_);
    left->addRow(tr("Content encoding"), contentEncoding_);
    left->addRow(tr("Correlation id"), correlationId_);
    left->addRow(tr("Message id"), messageId_);
    left->addRow(tr("Type"), type_);
    left->addRow(tr("App id"), appId_);
    auto *right = new QFormLayout;
    right->addRow(tr("Reply to"), replyTo_);
    right->addRow(tr("Expiration (ms)"), expiration_);
    right->addRow(tr("Priority"), priority_);
    right->addRow(tr("Delivery mode"), deliveryMode_);
    right->addRow(tr("Timestamp"), timestampNow_);
    auto *columns = new QHBoxLayout(properties);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(count_);
    sendRow->addWidget(new QLabel(tr("at"), this));
    sendRow->addWidget(rate_);
    sendRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("Exchange (empty: default)"), exchange_);
    form->addRow(tr("Routing key"), routingKey_);
    form->addRow(tr("Body"), body_);
    form->addRow(tr("Headers"), headerRow);
    form->addRow(properties);
    form->addRow(QString(), mandatory_);
    form->addRow(tr("Send"), sendRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(sendButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(stopButton_, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(sendButton_, &QPushButton::clicked, this, &PublishDialog::send);
    connect(stopButton_, &QPushButton::clicked, this, &PublishDialog::stop);
    connect(addHeaderButton, &QPushButton::clicked, this, [this] {
        addHeader(QString(), QString());
        headers_->editItem(headers_->item(headers_->rowCount() - 1, 0));
    });
    connect(removeHeaderButton, &QPushButton::clicked, this, [this] {
        if (const int row = headers_->currentRow(); row >= 0) {
            headers_->removeRow(row);
        }
    });
}

PublishDialog::~PublishDialog()
{
    // Explicit for the comment: the worker's destructor stops the send and hands a thread still
    // inside a network call to the reaper instead of joining it here.
    worker_.reset();
}

void PublishDialog::addHeader(const QString &name, const QString &value)
{
    const int row = headers_->rowCount();
    headers_->insertRow(row);
    headers_->setItem(row, 0, new QTableWidgetItem(name));
    headers_->setItem(row, 1, new QTableWidgetItem(value));
}

amqp::OutgoingMessage PublishDialog::messageTemplate() const
{
    const auto optionalText = [](const QString &text) -> std::optional<QString> {
        if (text.isEmpty()) {
            return std::nullopt;
        }
        return text;
    };
    amqp::OutgoingMessage m;
    m.exchange = exchange_->text().trimmed();
    m.routingKey = routingKey_->text();
    m.body = body_->toPlainText().toUtf8();
    m.mandatory = mandatory_->isChecked();
    for (int row = 0; row < headers_->rowCount(); ++row) {
        const QTableWidgetItem *name = headers_->item(row, 0);
        const QTableWidgetItem *value = headers_->item(row, 1);
        if (name && !name->text().trimmed().isEmpty()) {
            m.headers.push_back(
                {name->text().trimmed(), amqp::FieldValue::string(value ? value->text() : QString())});
        }
    }
    amqp::Properties &p = m.properties;
    p.contentType = optionalText(contentType_->currentText().trimmed());
    p.contentEncoding = optionalText(contentEncoding_->text().trimmed());
    p.correlationId = optionalText(correlationId_->text());
    p.messageId = optionalText(messageId_->text());
    p.type = optionalText(type_->text().trimmed());
    p.appId = optionalText(appId_->text().trimmed());
    p.replyTo = optionalText(replyTo_->text().trimmed());
    p.expiration = optionalText(expiration_->text().trimmed());
    if (const int priority = priority_->currentData().toInt(); priority >= 0) {
        p.priority = uint8_t(priority);
    }
    p.deliveryMode = uint8_t(deliveryMode_->currentData().toInt());
    return m;
}

void PublishDialog::send()
{
    if (sending_) {
        return;
    }
    PublishRequest request;
    request.settings = settings_;
    request.templ = messageTemplate();
    request.timestampNow = timestampNow_->isChecked();
    request.count = quint64(count_->value());
    request.perSecond = rate_->value();

    totals_ = {};
    error_ = {};
    progress_->setRange(0, count_->value());
    progress_->setValue(0);
    status_->setText(tr("Connecting to %1…").arg(settings_.displayUrl()));
    setSending(true);

    // A new worker per send: the previous one (idle, or ending after a Stop) goes without a wait.
    worker_ = std::make_unique<util::BackgroundWorker>(this);
    worker_->post([this, request = std::move(request)](const util::BackgroundWorker::Context &context) {
        // Only the deliveries touch the dialog, on its thread and only while this worker lives.
        const PublishRun run
            = runPublish(request, context.stopToken(), [this, &context](const PublishRun &now) {
                  context.deliver([this, now] { onProgress(now.sent, now.totals); });
              });
        context.deliver([this, run] { onFinished(run.sent, run.totals, run.error); });
    });
}

void PublishDialog::stop()
{
    if (!sending_ || !worker_) {
        return;
    }
    worker_->requestStop();
    stopButton_->setEnabled(false);
    status_->setText(tr("Stopping… %1").arg(countsText(totals_)));
}

void PublishDialog::done(int result)
{
    stop();
    QDialog::done(result);
}

void PublishDialog::onProgress(quint64 sent, const PublishTotals &totals)
{
    totals_ = totals;
    progress_->setValue(int(totals.answered()));
    if (stopButton_->isEnabled()) { // a Stop's status stays until the send ends
        status_->setText(
            tr("Sending… %L1 of %L2 sent: %3").arg(sent).arg(count_->value()).arg(countsText(totals)));
    }
}

void PublishDialog::onFinished(quint64 sent, const PublishTotals &totals, const amqp::Error &error)
{
    totals_ = totals;
    error_ = error;
    worker_.reset(); // its job is returning: the thread ends on its own
    progress_->setValue(int(totals.answered()));
    QString text;
    if (error.ok()) {
        text = tr("Published %L1: %2").arg(sent).arg(countsText(totals));
    } else if (error.kind == amqp::Error::Kind::Cancelled) {
        text = tr("Stopped after %L1 sent: %2").arg(sent).arg(countsText(totals));
    } else if (sent == 0) {
        text = tr("Failed: %1").arg(errorText(error));
    } else {
        text = tr("Failed after %L1 sent: %2. %3").arg(sent).arg(errorText(error), countsText(totals));
    }
    status_->setText(text);
    setSending(false);
    const bool failed = !error.ok() && error.kind != amqp::Error::Kind::Cancelled;
    Q_EMIT publishFinished(totals.confirmed, totals.nacked, totals.returned, failed ? text : QString());
}

void PublishDialog::setSending(bool sending)
{
    sending_ = sending;
    sendButton_->setEnabled(!sending);
    stopButton_->setEnabled(sending);
}

QString PublishDialog::countsText(const PublishTotals &totals) const
{
    QString text = tr("%L1 confirmed, %L2 nacked, %L3 returned")
                       .arg(totals.confirmed)
                       .arg(totals.nacked)
                       .arg(totals.returned);
    if (!totals.returnReply.isEmpty()) {
        text += tr(" (%1: no queue took them)").arg(totals.returnReply);
    }
    return text;
}

} // namespace edis::ui
