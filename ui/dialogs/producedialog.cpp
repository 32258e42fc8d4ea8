#include "dialogs/producedialog.h"

#include "dialogs/produceschemaform.h"
#include "producerworker.h"
#include "registrydecoding.h"
#include "registrypayloaddecoder.h"
#include "textformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace edis::ui {

namespace {

/// How often an idle producer is polled (ProducerWorker::pollIdle): the throughput page's
/// bytes/s come from its statistics, emitted once a second.
constexpr int kIdlePollMs = 1000;

QString text(std::string_view bytes)
{
    return inspect::textOf(bytes);
}

} // namespace

ProduceDialog::ProduceDialog(const kafka::ConnectionSettings &connection, const QString &topic,
    int partitionCount, QWidget *parent, std::shared_ptr<inspect::RegistryDecoding> schemas)
    : QDialog(parent)
    , connection_(connection)
    , sender_(std::make_shared<inspect::ProducerWorker>(connection))
    , schemas_(std::move(schemas))
    , topic_(new QLineEdit(topic, this))
    , partition_(new QComboBox(this))
    , key_(new QLineEdit(this))
    , value_(new QPlainTextEdit(this))
    , jsonHint_(new QLabel(this))
    , formatJson_(new QPushButton(tr("Format JSON"), this))
    , headers_(new QTableWidget(0, 2, this))
    , setTimestamp_(new QCheckBox(tr("Set timestamp"), this))
    , timestamp_(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , tombstone_(new QCheckBox(tr("Tombstone (null value)"), this))
    , templates_(new QComboBox(this))
    , mode_(new QComboBox(this))
    , count_(new QSpinBox(this))
    , rate_(new QDoubleSpinBox(this))
    , status_(new QLabel(this))
    , sendButton_(new QPushButton(tr("Send"), this))
    , fileButton_(new QPushButton(tr("Send File…"), this))
    , stopButton_(new QPushButton(tr("Stop"), this))
{
    setObjectName(QStringLiteral("produceDialog"));
    setWindowTitle(tr("Produce to %1").arg(topic));
    resize(720, 640);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    topic_->setObjectName(QStringLiteral("produceTopicEdit"));
    partition_->setObjectName(QStringLiteral("producePartitionCombo"));
    partition_->addItem(tr("By key (partitioner)"), -1);
    for (int p = 0; p < partitionCount; ++p) {
        partition_->addItem(tr("Partition %1").arg(p), p);
    }
    key_->setObjectName(QStringLiteral("produceKeyEdit"));
    key_->setFont(mono);
    key_->setPlaceholderText(tr("empty: null key"));
    value_->setObjectName(QStringLiteral("produceValueEdit"));
    value_->setFont(mono);
    value_->setLineWrapMode(QPlainTextEdit::NoWrap);
    value_->setPlaceholderText(
        tr(R"({"orderId": {{i}}, "id": "{{uuid}}"}   ({{i}}, {{uuid}}, {{now}} are filled in per record))"));
    jsonHint_->setObjectName(QStringLiteral("produceJsonHint"));
    headers_->setObjectName(QStringLiteral("produceHeadersTable"));
    headers_->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    headers_->horizontalHeader()->setStretchLastSection(true);
    headers_->setColumnWidth(0, 180);
    headers_->verticalHeader()->hide();
    headers_->verticalHeader()->setDefaultSectionSize(headers_->fontMetrics().height() + 6);
    headers_->setFont(mono);
    headers_->setMaximumHeight(130);
    timestamp_->setObjectName(QStringLiteral("produceTimestampEdit"));
    timestamp_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    timestamp_->setEnabled(false);
    tombstone_->setObjectName(QStringLiteral("produceTombstoneCheck"));
    templates_->setObjectName(QStringLiteral("produceTemplateCombo"));
    templates_->setMinimumWidth(180);
    mode_->setObjectName(QStringLiteral("produceModeCombo"));
    mode_->addItem(tr("Once"), SendOnce);
    mode_->addItem(tr("N times"), SendNTimes);
    mode_->addItem(tr("At a rate"), SendAtRate);
    count_->setObjectName(QStringLiteral("produceCountSpin"));
    count_->setRange(0, 100'000'000);
    count_->setValue(10);
    count_->setSpecialValueText(tr("until stopped"));
    rate_->setObjectName(QStringLiteral("produceRateSpin"));
    rate_->setRange(0.1, 100000);
    rate_->setValue(10);
    rate_->setSuffix(tr(" msg/s"));
    status_->setObjectName(QStringLiteral("produceStatusLabel"));
    status_->setWordWrap(true);
    sendButton_->setObjectName(QStringLiteral("produceSendButton"));
    sendButton_->setDefault(true);
    fileButton_->setObjectName(QStringLiteral("produceFileButton"));
    fileButton_->setToolTip(
        tr("Send each line of a file as a record's value (key and headers from the form)"));
    stopButton_->setObjectName(QStringLiteral("produceStopButton"));
    stopButton_->setEnabled(false);

    auto *addHeaderButton = new QPushButton(tr("Add"), this);
    auto *removeHeaderButton = new QPushButton(tr("Remove"), this);
    auto *saveTemplateButton = new QPushButton(tr("Save…"), this);
    saveTemplateButton->setObjectName(QStringLiteral("produceSaveTemplateButton"));
    auto *deleteTemplateButton = new QPushButton(tr("Delete"), this);

    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(templates_, 1);
    templateRow->addWidget(saveTemplateButton);
    templateRow->addWidget(deleteTemplateButton);
    auto *valueHintRow = new QHBoxLayout;
    valueHintRow->addWidget(jsonHint_, 1);
    valueHintRow->addWidget(formatJson_);
    auto *headerButtons = new QVBoxLayout;
    headerButtons->addWidget(addHeaderButton);
    headerButtons->addWidget(removeHeaderButton);
    headerButtons->addStretch(1);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(headers_, 1);
    headerRow->addLayout(headerButtons);
    auto *timeRow = new QHBoxLayout;
    timeRow->addWidget(setTimestamp_);
    timeRow->addWidget(timestamp_);
    timeRow->addStretch(1);
    timeRow->addWidget(tombstone_);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(mode_);
    modeRow->addWidget(count_);
    modeRow->addWidget(rate_);
    modeRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("Template"), templateRow);
    form->addRow(tr("Topic"), topic_);
    form->addRow(tr("Partition"), partition_);
    form->addRow(tr("Key"), key_);
    form->addRow(tr("Value"), value_);
    form->addRow(QString(), valueHintRow);
    if (schemas_) {
        schemaForm_ = new ProduceSchemaForm(topic, this);
        form->addRow(QString(), schemaForm_);
        connect(
            schemas_.get(), &inspect::RegistryDecoding::schemasChanged, this, &ProduceDialog::decodePending);
    }
    form->addRow(tr("Headers"), headerRow);
    form->addRow(QString(), timeRow);
    form->addRow(tr("Send"), modeRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(sendButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(fileButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(stopButton_, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(sendButton_, &QPushButton::clicked, this, &ProduceDialog::send);
    connect(stopButton_, &QPushButton::clicked, this, &ProduceDialog::stopSending);
    connect(fileButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send Lines of a File"));
        if (!path.isEmpty()) {
            sendFile(path);
        }
    });
    connect(value_, &QPlainTextEdit::textChanged, this, &ProduceDialog::updateJsonHint);
    connect(formatJson_, &QPushButton::clicked, this, [this] {
        const QJsonDocument doc = QJsonDocument::fromJson(value_->toPlainText().toUtf8());
        if (!doc.isNull()) {
            value_->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
        }
    });
    connect(addHeaderButton, &QPushButton::clicked, this, [this] {
        addHeader(QString(), QString());
        headers_->editItem(headers_->item(headers_->rowCount() - 1, 0));
    });
    connect(removeHeaderButton, &QPushButton::clicked, this, [this] {
        const int row = headers_->currentRow();
        if (row >= 0) {
            headers_->removeRow(row);
        }
    });
    connect(setTimestamp_, &QCheckBox::toggled, timestamp_, &QWidget::setEnabled);
    connect(tombstone_, &QCheckBox::toggled, this, [this](bool on) {
        value_->setEnabled(!on);
        updateJsonHint();
    });
    connect(mode_, &QComboBox::currentIndexChanged, this, &ProduceDialog::updateModeWidgets);
    connect(topic_, &QLineEdit::editingFinished, this, &ProduceDialog::refreshTemplates);
    connect(templates_, &QComboBox::activated, this, [this] { loadTemplate(templates_->currentText()); });
    connect(saveTemplateButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Template"),
            tr("Template name for %1:").arg(topic_->text()), QLineEdit::Normal, templates_->currentText(),
            &ok);
        if (ok && !name.trimmed().isEmpty()) {
            saveTemplate(name.trimmed());
        }
    });
    connect(deleteTemplateButton, &QPushButton::clicked, this, [this] {
        if (!templates_->currentText().isEmpty()) {
            deleteTemplate(templates_->currentText());
        }
    });

    // Queued: the sender emits on the worker's thread.
    connect(sender_.get(), &inspect::ProducerWorker::progress, this, &ProduceDialog::onProgress,
        Qt::QueuedConnection);
    connect(sender_.get(), &inspect::ProducerWorker::finished, this, &ProduceDialog::onFinished,
        Qt::QueuedConnection);
    auto *idlePoll = new QTimer(this);
    connect(idlePoll, &QTimer::timeout, this, [this] {
        if (!worker_.isBusy()) {
            postToSender([](inspect::ProducerWorker &sender) { sender.pollIdle(); });
        }
    });
    idlePoll->start(kIdlePollMs);

    updateModeWidgets();
    updateJsonHint();
    refreshTemplates();
}

ProduceDialog::~ProduceDialog()
{
    // Never waits: a send in progress drops what is not delivered, and the producer is destroyed
    // on the worker's thread after it.
    sender_->requestAbandon();
    disconnect(sender_.get(), nullptr, this, nullptr);
    worker_.disposeOnThread(std::move(sender_));
}

void ProduceDialog::postToSender(std::function<void(inspect::ProducerWorker &)> job)
{
    worker_.post(
        [sender = sender_, job = std::move(job)](const util::BackgroundWorker::Context &) { job(*sender); });
}

bool ProduceDialog::isFramed(std::string_view bytes) const
{
    return schemaForm_ && schemas_->payloadDecoder()->recognises(bytes);
}

bool ProduceDialog::showFramed(const QByteArray &bytes, bool isKey)
{
    const std::string_view view(bytes.constData(), std::size_t(bytes.size()));
    const inspect::RegistryPayloadDecoder::Decoded d = schemas_->payloadDecoder()->decodeFramed(view, !isKey);
    if (d.pending) {
        return false;
    }
    if (!d.json) { // left as it is; the status says why
        status_->setText(
            tr("The record's %1 does not decode: %2").arg(isKey ? tr("key") : tr("value"), d.error));
        if (isKey) {
            key_->setText(text(view));
        } else {
            value_->setPlainText(text(view));
        }
        return true;
    }
    // The Protobuf message too: encoding with the file's first one would send another type.
    if (isKey) {
        key_->setText(QString::fromStdString(*d.json));
        schemaForm_->useKeySchemaId(d.schemaId);
        schemaForm_->setKeyMessageType(d.messageType);
    } else {
        value_->setPlainText(QString::fromStdString(*d.json));
        schemaForm_->useValueSchemaId(d.schemaId);
        schemaForm_->setMessageType(d.messageType);
    }
    return true;
}

void ProduceDialog::decodePending()
{
    if (!pendingKey_.isEmpty() && showFramed(pendingKey_, true)) {
        pendingKey_.clear();
    }
    if (!pendingValue_.isEmpty() && showFramed(pendingValue_, false)) {
        pendingValue_.clear();
    }
    if (pendingKey_.isEmpty() && pendingValue_.isEmpty()
        && status_->text() == tr("Fetching the record's schemas…")) {
        status_->clear();
    }
    setSending(sending_); // Send waits for them
}

void ProduceDialog::loadRecord(const inspect::MessageView &record)
{
    pendingKey_.clear();
    pendingValue_.clear();
    key_->setText(record.hasKey() ? text(record.key()) : QString());
    if (record.hasKey() && isFramed(record.key())) {
        const QByteArray key(record.key().data(), qsizetype(record.key().size()));
        if (!showFramed(key, true)) {
            pendingKey_ = key;
            key_->clear();
        }
    }
    const QByteArray value(record.value().data(), qsizetype(record.value().size()));
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    value_->setPlainText(
        doc.isNull() ? text(record.value()) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    if (record.hasValue() && isFramed(record.value()) && !showFramed(value, false)) {
        pendingValue_ = value;
        value_->clear();
    }
    if (!pendingKey_.isEmpty() || !pendingValue_.isEmpty()) {
        status_->setText(tr("Fetching the record's schemas…"));
    }
    setSending(sending_);
    tombstone_->setChecked(!record.hasValue());
    headers_->setRowCount(0);
    record.forEachHeader([this](const inspect::HeaderRef &h) {
        addHeader(text(h.name), h.value ? text(*h.value) : QString());
        return true;
    });
}

void ProduceDialog::setKey(const QString &key)
{
    key_->setText(key);
}

void ProduceDialog::setValue(const QString &value)
{
    value_->setPlainText(value);
}

void ProduceDialog::addHeader(const QString &name, const QString &value)
{
    const int row = headers_->rowCount();
    headers_->insertRow(row);
    headers_->setItem(row, 0, new QTableWidgetItem(name));
    headers_->setItem(row, 1, new QTableWidgetItem(value));
}

void ProduceDialog::setPartition(int partition)
{
    partition_->setCurrentIndex(std::max(0, partition_->findData(partition)));
}

void ProduceDialog::setTombstone(bool tombstone)
{
    tombstone_->setChecked(tombstone);
}

void ProduceDialog::setMode(Mode mode, int count, double perSecond)
{
    mode_->setCurrentIndex(mode_->findData(mode));
    count_->setValue(count);
    rate_->setValue(perSecond);
}

void ProduceDialog::updateModeWidgets()
{
    const auto mode = Mode(mode_->currentData().toInt());
    count_->setVisible(mode != SendOnce);
    count_->setMinimum(mode == SendAtRate ? 0 : 1);
    rate_->setVisible(mode == SendAtRate);
}

QString ProduceDialog::jsonHint() const
{
    return jsonHint_->text();
}

void ProduceDialog::updateJsonHint()
{
    const QString v = value_->toPlainText();
    const QString trimmed = v.trimmed();
    QString hint;
    QString color = QStringLiteral("palette(dark)");
    if (tombstone_->isChecked()) {
        hint = tr("A tombstone has no value.");
    } else if (trimmed.startsWith(u'{') || trimmed.startsWith(u'[')) {
        QJsonParseError error {};
        QJsonDocument::fromJson(v.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError) {
            hint = tr("✓ valid JSON");
            color = QStringLiteral("#2e7d32");
        } else {
            // The offset is in UTF-8 bytes; close enough to point at the spot for a person.
            hint = tr("✗ not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset);
            color = QStringLiteral("#d32f2f");
        }
    } else if (!trimmed.isEmpty()) {
        hint = tr("text (%L1 bytes)").arg(v.toUtf8().size());
    }
    jsonHint_->setText(hint);
    jsonHint_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(color));
    formatJson_->setEnabled(hint.startsWith(QStringLiteral("✓")));
}

kafka::OutgoingMessage ProduceDialog::message() const
{
    kafka::OutgoingMessage m;
    m.topic = topic_->text().trimmed().toStdString();
    if (!key_->text().isEmpty()) {
        m.key = key_->text().toUtf8();
    }
    if (!tombstone_->isChecked()) {
        m.value = value_->toPlainText().toUtf8();
    }
    for (int r = 0; r < headers_->rowCount(); ++r) {
        const QString name = headers_->item(r, 0) ? headers_->item(r, 0)->text().trimmed() : QString();
        if (!name.isEmpty()) {
            m.headers.emplace_back(name.toStdString(),
                headers_->item(r, 1) ? headers_->item(r, 1)->text().toUtf8() : QByteArray());
        }
    }
    if (setTimestamp_->isChecked()) {
        m.timestampMs = timestamp_->dateTime().toMSecsSinceEpoch();
    }
    const int p = partition_->currentData().toInt();
    m.partition = p >= 0 ? p : kafka::kAnyPartition;
    return m;
}

void ProduceDialog::send()
{
    if (sending_ || !pendingKey_.isEmpty() || !pendingValue_.isEmpty()) {
        return;
    }
    const kafka::OutgoingMessage m = message();
    if (m.topic.empty()) {
        status_->setText(tr("Name a topic."));
        return;
    }
    const auto mode = Mode(mode_->currentData().toInt());
    const quint64 count = mode == SendOnce ? 1 : quint64(count_->value());
    const double rate = mode == SendAtRate ? rate_->value() : 0;
    startSend(
        tr("Sending…"), [m, count, rate](inspect::ProducerWorker &sender, const inspect::RecordEncoders &e) {
            sender.send(m, count, rate, e);
        });
}

void ProduceDialog::sendFile(const QString &path)
{
    if (sending_) {
        return;
    }
    const kafka::OutgoingMessage m = message();
    startSend(tr("Sending the lines of %1…").arg(path),
        [m, path](inspect::ProducerWorker &sender, const inspect::RecordEncoders &e) {
            sender.sendLines(m, path, e);
        });
}

void ProduceDialog::startSend(const QString &status, SendJob job)
{
    status_->setStyleSheet(QString());
    if (!schemaForm_ || !schemaForm_->isChecked()) {
        setSending(true);
        status_->setText(status);
        postToSender([job = std::move(job)](inspect::ProducerWorker &sender) { job(sender, {}); });
        return;
    }
    if (const QString problem = schemaForm_->problem(); !problem.isEmpty()) {
        status_->setText(problem);
        return;
    }
    setSending(true);
    status_->setText(tr("Fetching the schemas…"));
    fetchingSchemas_ = true;
    const quint64 generation = ++sendGeneration_;
    QPointer<ProduceDialog> self(this);
    inspect::prepareRecordEncoders(*schemas_->client(), *schemas_->cache(), schemaForm_->keyChoice(),
        schemaForm_->valueChoice(),
        [self, generation, status, job = std::move(job)](const inspect::PreparedEncoders &prepared) {
            if (ProduceDialog *dialog = self.data()) {
                dialog->onEncodersPrepared(generation, status, job, prepared);
            }
        });
}

void ProduceDialog::onEncodersPrepared(
    quint64 generation, const QString &status, const SendJob &job, const inspect::PreparedEncoders &prepared)
{
    if (generation != sendGeneration_) {
        return; // stopped while the schemas were fetched
    }
    fetchingSchemas_ = false;
    if (!prepared.error.ok()) {
        setSending(false);
        status_->setText(tr("Not sent: the %1 schema: %2").arg(prepared.field, prepared.error.message));
        status_->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
        return;
    }
    status_->setText(status);
    postToSender(
        [job, encoders = prepared.encoders](inspect::ProducerWorker &sender) { job(sender, encoders); });
}

void ProduceDialog::stopSending()
{
    if (fetchingSchemas_) {
        fetchingSchemas_ = false;
        ++sendGeneration_; // nothing reached the sender yet
        setSending(false);
        status_->setText(tr("Stopped before sending."));
        return;
    }
    sender_->requestStop();
}

void ProduceDialog::setSending(bool sending)
{
    sending_ = sending;
    const bool ready = pendingKey_.isEmpty() && pendingValue_.isEmpty();
    sendButton_->setEnabled(!sending && ready);
    fileButton_->setEnabled(!sending && ready);
    stopButton_->setEnabled(sending);
}

void ProduceDialog::onProgress(quint64 queued, quint64 delivered, quint64 failed)
{
    status_->setText(tr("Queued %L1 · delivered %L2 · failed %L3").arg(queued).arg(delivered).arg(failed));
}

void ProduceDialog::onFinished(quint64 delivered, quint64 failed, const QString &error)
{
    setSending(false);
    QString s = tr("Delivered %L1 record(s)").arg(delivered);
    if (failed > 0) {
        s += tr(", %L1 failed").arg(failed);
    }
    if (!error.isEmpty()) {
        s += QStringLiteral(": ") + error;
    }
    status_->setText(s + QLatin1Char('.'));
    status_->setStyleSheet(
        error.isEmpty() && failed == 0 ? QString() : QStringLiteral("QLabel { color: #d32f2f; }"));
    Q_EMIT sendFinished(delivered, failed, error);
}

QString ProduceDialog::templateGroup() const
{
    // Topic names may hold '/', which QSettings reads as nesting.
    return QStringLiteral("produceTemplates/")
        + QString::fromLatin1(topic_->text().trimmed().toUtf8().toPercentEncoding());
}

QStringList ProduceDialog::templateNames() const
{
    QSettings settings;
    settings.beginGroup(templateGroup());
    QStringList names;
    for (const QString &g : settings.childGroups()) {
        names << QString::fromUtf8(QByteArray::fromPercentEncoding(g.toLatin1()));
    }
    return names;
}

void ProduceDialog::refreshTemplates()
{
    const QString current = templates_->currentText();
    templates_->clear();
    templates_->addItems(templateNames());
    templates_->setCurrentIndex(templates_->findText(current));
}

void ProduceDialog::saveTemplate(const QString &name)
{
    QSettings settings;
    settings.beginGroup(
        templateGroup() + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toPercentEncoding()));
    settings.setValue(QStringLiteral("key"), key_->text());
    settings.setValue(QStringLiteral("value"), value_->toPlainText());
    settings.setValue(QStringLiteral("tombstone"), tombstone_->isChecked());
    settings.setValue(QStringLiteral("partition"), partition_->currentData().toInt());
    QStringList headers;
    for (int r = 0; r < headers_->rowCount(); ++r) {
        headers << (headers_->item(r, 0) ? headers_->item(r, 0)->text() : QString())
                << (headers_->item(r, 1) ? headers_->item(r, 1)->text() : QString());
    }
    settings.setValue(QStringLiteral("headers"), headers);
    settings.endGroup();
    refreshTemplates();
    templates_->setCurrentIndex(templates_->findText(name));
    status_->setText(tr("Saved template '%1'.").arg(name));
}

bool ProduceDialog::loadTemplate(const QString &name)
{
    QSettings settings;
    settings.beginGroup(
        templateGroup() + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toPercentEncoding()));
    if (!settings.contains(QStringLiteral("value"))) {
        return false;
    }
    key_->setText(settings.value(QStringLiteral("key")).toString());
    value_->setPlainText(settings.value(QStringLiteral("value")).toString());
    tombstone_->setChecked(settings.value(QStringLiteral("tombstone")).toBool());
    setPartition(settings.value(QStringLiteral("partition"), -1).toInt());
    headers_->setRowCount(0);
    const QStringList headers = settings.value(QStringLiteral("headers")).toStringList();
    for (qsizetype i = 0; i + 1 < headers.size(); i += 2) {
        addHeader(headers[i], headers[i + 1]);
    }
    return true;
}

void ProduceDialog::deleteTemplate(const QString &name)
{
    QSettings settings;
    settings.beginGroup(templateGroup());
    settings.remove(QString::fromLatin1(name.toUtf8().toPercentEncoding()));
    settings.endGroup();
    refreshTemplates();
}

} // namespace edis::ui
