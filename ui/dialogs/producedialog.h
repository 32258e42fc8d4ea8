#pragma once

// Sends records to a topic: partition (or by key), key, value (with a JSON hint), headers,
// timestamp, tombstone; once, N times, at a rate, or one per line of a file. Templates are
// saved per topic in QSettings (keys, values and headers only: no connection secrets). The
// producing happens on a util::BackgroundWorker (inspect::ProducerWorker's jobs).

#include "kafka/connectionsettings.h"
#include "kafka/outgoingmessage.h"
#include "messagebatch.h"
#include "util/backgroundworker.h"

#include <QDialog>

#include <memory>

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
}

namespace edis::ui {

class ProduceDialog : public QDialog {
    Q_OBJECT
public:
    enum Mode { SendOnce, SendNTimes, SendAtRate };

    ProduceDialog(const kafka::ConnectionSettings &connection, const QString &topic, int partitionCount,
        QWidget *parent = nullptr);
    ~ProduceDialog() override;

    /// Fills the form from a held record (key, value, headers, partition).
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

    kafka::ConnectionSettings connection_;
    /// Used by the jobs only; the dialog's reference goes to the worker's thread at the end.
    std::shared_ptr<inspect::ProducerWorker> sender_;
    util::BackgroundWorker worker_ {this};
    bool sending_ = false;

    QLineEdit *topic_;
    QComboBox *partition_;
    QLineEdit *key_;
    QPlainTextEdit *value_;
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
