#pragma once

// Sends records to a topic: partition (or by key), key, value (with a JSON hint), headers,
// timestamp, tombstone; once, N times, at a rate, or one per line of a file. Templates are
// saved per topic in QSettings (keys, values and headers only: no connection secrets). The
// producing happens on a util::BackgroundWorker (inspect::ProducerWorker's jobs). For a
// connection with a Schema Registry, key and value can be written as JSON and encoded with a
// schema (ProduceSchemaForm); the schemas are fetched asynchronously before the send starts.

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"
#include "messagebatch.h"
#include "registryencoder.h"
#include "util/backgroundworker.h"

#include <QDialog>

#include <memory>
#include <string_view>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace edis::inspect {
class ProducerWorker;
class RegistryDecoding;
} // namespace edis::inspect

namespace edis::ui {

class ProduceSchemaForm;

class ProduceDialog : public QDialog {
    Q_OBJECT
public:
    enum Mode { SendOnce, SendNTimes, SendAtRate };

    /// `schemas`: the connection's Schema Registry (null: none, and no encoding section).
    ProduceDialog(const kafka::ConnectionSettings &connection, const QString &topic, int partitionCount,
        QWidget *parent = nullptr, std::shared_ptr<inspect::RegistryDecoding> schemas = {});
    ~ProduceDialog() override;

    /// Fills the form from a held record (key, value, headers, partition). A key or value in
    /// the Schema Registry framing is shown as JSON once its schema is fetched, with encoding on
    /// and its schema id chosen (for Protobuf also the message its index list names).
    void loadRecord(const inspect::MessageView &record);

    void setKey(const QString &key);
    void setValue(const QString &value);
    void addHeader(const QString &name, const QString &value);
    /// -1: let the partitioner decide by key.
    void setPartition(int partition);
    void setTombstone(bool tombstone);
    void setMode(Mode mode, int count = 1, double perSecond = 10);

    /// The record the form describes.
    kafka::OutgoingMessage message() const;
    bool isSending() const { return sending_; }
    /// "valid JSON", "not JSON: … at byte N" or "" for text.
    QString jsonHint() const;

    // Templates of the current topic (QSettings group produceTemplates/<topic>).
    QStringList templateNames() const;
    void saveTemplate(const QString &name);
    bool loadTemplate(const QString &name);
    void deleteTemplate(const QString &name);

public Q_SLOTS:
    /// Sends with the chosen mode; sendFinished() tells the outcome.
    void send();
    void sendFile(const QString &path);
    void stopSending();

Q_SIGNALS:
    void sendFinished(quint64 delivered, quint64 failed, const QString &error);

private:
    void updateJsonHint();
    void updateModeWidgets();
    void onProgress(quint64 queued, quint64 delivered, quint64 failed);
    void onFinished(quint64 delivered, quint64 failed, const QString &error);
    void setSending(bool sending);
    void refreshTemplates();
    QString templateGroup() const;

    /// Runs `job` with the sender on the worker's thread.
    void postToSender(std::function<void(inspect::ProducerWorker &)> job);
    /// Starts a send: with the schemas the encoding section names prepared first (the status
    /// says why when one cannot be), then `job` on the sender with them.
    using SendJob = std::function<void(inspect::ProducerWorker &, const inspect::RecordEncoders &)>;
    void startSend(const QString &status, SendJob job);
    void onEncodersPrepared(quint64 generation, const QString &status, const SendJob &job,
        const inspect::PreparedEncoders &prepared);
    /// Whether a key or value is in the Schema Registry framing (and there is a registry).
    bool isFramed(std::string_view bytes) const;
    /// Shows a framed key or value as JSON with its schema id (and Protobuf message) chosen, or
    /// as it is, the status saying why it does not decode; false while its schema is being fetched.
    bool showFramed(const QByteArray &bytes, bool isKey);
    /// The registry's schemas changed: shows the key or value that waited for one.
    void decodePending();

    kafka::ConnectionSettings connection_;
    /// Used by the jobs only; the dialog's reference goes to the worker's thread at the end.
    std::shared_ptr<inspect::ProducerWorker> sender_;
    util::BackgroundWorker worker_ {this};
    bool sending_ = false;
    std::shared_ptr<inspect::RegistryDecoding> schemas_;
    /// A loaded record's framed key and value whose schemas are being fetched; Send waits.
    QByteArray pendingKey_;
    QByteArray pendingValue_;
    /// Counts sends started; a stop while the schemas are fetched makes their answer stale.
    quint64 sendGeneration_ = 0;
    bool fetchingSchemas_ = false; ///< a send waits for prepareRecordEncoders

    QLineEdit *topic_;
    QComboBox *partition_;
    QLineEdit *key_;
    QPlainTextEdit *value_;
    ProduceSchemaForm *schemaForm_ = nullptr; ///< with a registry only
    QLabel *jsonHint_;
    QPushButton *formatJson_;
    QTableWidget *headers_;
    QCheckBox *setTimestamp_;
    QDateTimeEdit *timestamp_;
    QCheckBox *tombstone_;
    QComboBox *templates_;
    QComboBox *mode_;
    QSpinBox *count_;
    QDoubleSpinBox *rate_;
    QLabel *status_;
    QPushButton *sendButton_;
    QPushButton *fileButton_;
    QPushButton *stopButton_;
};

} // namespace edis::ui
