#pragma once

// The event inspector's consumption, headless: which topic of which connection is read, the
// read's lifecycle (start, stop, pause, live tail, whole-topic search) on its own
// ConsumerSession, the table model it feeds, and the words and figures the page shows for it
// (status line, rates smoothed by RateWindow, search progress). The inspector page is a view of
// this object: it forwards the user's actions here and shows what the signals report. No
// widget here, so the state machine is tested without a window (tests/inspect).

#include "consumerequest.h"
#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "ratewindow.h"
#include "recordsource.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace edis::inspect {

class ConsumerSession;
class DecoderRegistry;
class FilterExpression;
class MessageBatch;
class MessageTableModel;
class RegistryDecoding;

/// The status row's read figures, worded.
struct ReadFigures {
    QString recordRate; ///< "1,234 msg/s", "paused", or "– msg/s" while no rate is known
    QString byteRate; ///< "1.2 MiB/s" or "– /s"
    QString rateToolTip;
    QString readCount; ///< "12,345 read this session"
};

/// The search bar's progress: a fraction in thousandths and the line under it.
struct SearchFigures {
    int permille = 0;
    QString text;
};

class InspectorController : public QObject {
    Q_OBJECT
public:
    explicit InspectorController(QObject *parent = nullptr);
    ~InspectorController() override;

    MessageTableModel *model() const { return model_; }
    const std::shared_ptr<const DecoderRegistry> &registry() const { return registry_; }

    /// Reads from `settings` from now on, decoding Schema Registry framed records with
    /// `schemas` (the connection's registry; null: none, framed records show their bytes). A
    /// different connection or registry stops the read and empties the table. Returns whether
    /// anything changed.
    bool setConnection(
        const kafka::ConnectionSettings &settings, std::shared_ptr<RegistryDecoding> schemas = {});
    const std::shared_ptr<RegistryDecoding> &schemas() const { return schemas_; }
    /// Reads from the record sources `factory` makes instead of a Kafka connection (a RabbitMQ
    /// stream); `identity` tells one such origin from another: a different one stops the read
    /// and empties the table. Returns whether anything changed. setConnection() returns to Kafka.
    bool setRecordSource(RecordSourceFactory factory, const QString &identity);
    /// Reads come from a record source set by setRecordSource(), not a Kafka connection: what
    /// writes to Kafka (produce, import, copy to a topic, kcat commands) does not apply.
    bool readsRecordSource() const { return bool(sourceFactory_); }
    const kafka::ConnectionSettings &connection() const { return connection_; }
    bool hasConnection() const { return hasConnection_; }
    /// Shows `topic`; another topic than before stops the read and empties the table. Returns
    /// whether the topic changed.
    bool setTopic(const QString &topic, int partitionCount);
    QString topic() const { return topic_; }
    int partitionCount() const { return partitionCount_; }
    /// A topic and a connection to read it from are set.
    bool canRead() const { return hasConnection_ && !topic_.isEmpty(); }

    /// Reads `request`'s topics (the connection is this one's), after stopping a running read;
    /// `description` says where from in the status line. False (and a status saying why) when
    /// there is nothing to read from.
    bool start(ConsumeRequest request, const QString &description);
    /// Scans the whole topic (those `partitions`; empty: all) keeping what `filter` matches.
    /// False, with the reason in the status line, without a topic or a filter that selects.
    bool searchWholeTopic(std::shared_ptr<const FilterExpression> filter, std::vector<int32_t> partitions);
    /// Asks the read to stop; finished() follows.
    void stop();
    /// Pauses fetching of the running read (with none, nothing is paused).
    void setPaused(bool paused);

    bool isConsuming() const;
    bool isPaused() const { return paused_; }
    bool isSearching() const { return searching_; }
    /// The running read never ends by itself (a live tail, or "from … stop: never").
    bool isTailing() const { return tailing_; }
    /// The running (or last) search stopped a live tail, which the user may want back.
    bool searchStoppedTail() const { return searchStoppedTail_; }
    /// What the search bar says under its progress about the tail it stopped (or nothing).
    QString searchNote() const;

    QString statusText() const { return status_; }
    bool statusIsProblem() const { return statusProblem_; }
    void setStatus(const QString &text, bool problem = false);

    ReadFigures readFigures() const;
    SearchFigures searchFigures() const;

    /// The status line when a read ends: `held` records in the table, `wasSearch` for a search.
    static QString finishMessage(FinishReason reason, bool wasSearch, qsizetype held, const QString &error);
    /// "0", "3.5", "1,234": a rate as the status row shows it.
    static QString rateText(double perSecond);
    /// "4.2 s", "12 s", "3 min 5 s", "2 h 10 min".
    static QString durationText(double seconds);
    /// The search bar's line: while scanning (`rate`/`etaSeconds` when known) or when finished
    /// after `elapsedSeconds`.
    static QString searchText(const ConsumerProgress &progress, bool finished, double elapsedSeconds,
        std::optional<double> rate, std::optional<double> etaSeconds);

Q_SIGNALS:
    void statusChanged(const QString &text, bool problem);
    /// Running, paused, searching or tailing changed.
    void stateChanged();
    /// The table was emptied for a new read, topic or connection.
    void cleared();
    /// A running read was dropped for a new read, topic or connection; its late reports are
    /// ignored (a finished read is not dropped: its search bar keeps the outcome).
    void readAbandoned();
    /// A read began; `search` for a whole-topic search.
    void readStarted(bool search);
    /// The model took a flush of records.
    void batchesAdopted();
    /// Schemas of the registry arrived or failed: the model refreshed, a shown record may
    /// decode differently now (at most once per event-loop turn).
    void decodedChanged();
    /// readFigures() changed (a progress report, a start or an end).
    void figuresChanged();
    /// searchFigures() changed while a search runs, and once at its end.
    void searchProgressChanged();
    /// The read ended (stop condition, user stop or error); `message` is the status line.
    void finished(edis::inspect::FinishReason reason, const QString &message);

private:
    void startSession(ConsumeRequest request, bool search);
    void detachSession();
    void clearTable();
    void resetFigures(bool running);
    void onBatches(std::vector<MessageBatch> &batches);
    void onProgress(const ConsumerProgress &progress);
    void onFinished(FinishReason reason, const kafka::KafkaError &error);

    kafka::ConnectionSettings connection_;
    bool hasConnection_ = false;
    RecordSourceFactory sourceFactory_;
    QString sourceIdentity_;
    bool noticeShown_ = false; ///< the status line shows the source's notice
    QString topic_;
    int partitionCount_ = 0;
    std::shared_ptr<const DecoderRegistry> registry_;
    std::shared_ptr<RegistryDecoding> schemas_;
    MessageTableModel *model_;
    QPointer<ConsumerSession> session_;
    bool searching_ = false;
    bool paused_ = false;
    bool tailing_ = false;
    bool searchStoppedTail_ = false;
    /// A progress report came since the read started (the search bar has figures to show).
    bool progressSeen_ = false;
    /// When the search completed, from sessionClock_ (its duration); unset while it runs and
    /// after a cancelled or failed search, whose bar keeps the last progress line.
    std::optional<qint64> searchEndedAtMs_;
    QString status_;
    bool statusProblem_ = false;

    // Rates smoothed over a window of the consumer's progress reports (never per record), and
    // what reached the table, for the rate label's tooltip.
    QElapsedTimer sessionClock_;
    RateWindow readRate_;
    RateWindow tableRate_;
    uint64_t received_ = 0;
    ConsumerProgress lastProgress_;
};

} // namespace edis::inspect
