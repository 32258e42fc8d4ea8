#pragma once

// The event inspector: reads a topic (from the beginning, a live tail, an offset, a time, the
// last N), shows the records in a virtual table under a memory budget, filters them with the
// filter language, decodes the selected one into a detail pane, and copies, exports, imports,
// produces and searches the whole topic. Each start makes its own ConsumerSession (its own
// consumer thread); nothing here shares the cluster session's thread.

#include "consumerequest.h"
#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "messageexport.h"
#include "messagestore.h"
#include "ratewindow.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolButton;

namespace edis::inspect {
class ConsumerSession;
class DecoderRegistry;
class FilterExpression;
class MessageTableModel;
} // namespace edis::inspect

namespace edis::ui {

class ConsumeControls;
class FilterBar;
class MessageDetailPane;

class InspectorPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPage(QWidget *parent = nullptr);
    ~InspectorPage() override;

    void setConnection(const kafka::ConnectionSettings &settings);
    /// Shows `topic` (stops a running consumption; clears the table when the topic changes).
    void setTopic(const QString &topic, int partitionCount);
    QString topic() const { return topic_; }

    inspect::MessageTableModel *model() const { return model_; }
    QTableView *tableView() const { return table_; }
    MessageDetailPane *detailPane() const { return detail_; }
    FilterBar *filterBar() const { return filter_; }
    ConsumeControls *consumeControls() const { return controls_; }
    bool isConsuming() const;
    bool isSearching() const { return searching_; }
    /// True while a selected row holds the view still during a read (the tail is not followed).
    bool isFollowingHeld() const { return followHeld_; }

    // Actions for menus and toolbars (all also on the page itself, with shortcuts).
    QAction *startAction() const { return start_; }
    QAction *stopAction() const { return stop_; }
    QAction *pauseAction() const { return pause_; }
    QAction *liveTailAction() const { return liveTail_; }
    QAction *searchTopicAction() const { return searchTopic_; }
    QAction *copyValueAction() const { return copyValue_; }
    QAction *copyJsonAction() const { return copyJson_; }
    QAction *copyKcatAction() const { return copyKcat_; }
    QAction *copyEdisAction() const { return copyEdis_; }
    QAction *exportSelectedJsonAction() const { return exportSelectedJson_; }
    QAction *exportAllJsonAction() const { return exportAllJson_; }
    QAction *exportSelectedCsvAction() const { return exportSelectedCsv_; }
    QAction *exportAllCsvAction() const { return exportAllCsv_; }
    QAction *importAction() const { return import_; }
    QAction *produceAction() const { return produce_; }
    QAction *copyToTopicAction() const { return copyToTopic_; }

    /// Ids of the selected rows (in row order), or of every shown row when `all`.
    std::vector<inspect::MessageId> rowsToExport(bool all) const;
    /// Writes those records to `path` off the GUI thread; exportFinished() tells the outcome.
    void exportTo(const QString &path, inspect::ExportFormat format, bool all);
    /// Produces a kcat -J / JSON Lines file to `topic` off the GUI thread; importFinished() tells.
    void importFrom(const QString &path, const QString &topic);
    /// Replays the selected records to another topic off the GUI thread: keys, values and headers
    /// byte for byte, the same partition when the topic has it, the original timestamps when
    /// `keepTimestamps`. copyToTopicFinished() tells the outcome.
    void copySelectedToTopic(const QString &topic, bool keepTimestamps);

public Q_SLOTS:
    /// Starts reading with the toolbar's settings (stops a running consumption first).
    void start();
    void stop();
    void setPaused(bool paused);
    /// Start at the end, never stop: a live tail.
    void startLiveTail();
    /// Scans the whole topic with the filter bar's expression (only matches are kept).
    void searchWholeTopic();

Q_SIGNALS:
    /// Consumption ended (stop condition, user stop or error).
    void consumptionFinished(edis::inspect::FinishReason reason, const QString &message);
    /// The search bar's progress line changed (each progress report of a search, and its end).
    void searchProgressShown(const QString &text);
    void exportFinished(const QString &path, quint64 written, const QString &error);
    void importFinished(const QString &path, quint64 produced, const QString &error);
    void copyToTopicFinished(const QString &topic, quint64 produced, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    QWidget *buildToolbar();
    QWidget *buildReadRow();
    QWidget *buildFilterRow();
    QWidget *buildSearchBar();
    QWidget *buildStatusRow();
    void buildFollowNotice();
    void setUpTable();
    void startRequest(inspect::ConsumeRequest request, bool search);
    void detachSession();
    void onBatches(std::vector<inspect::MessageBatch> &batches);
    void onProgress(const inspect::ConsumerProgress &progress);
    void onFinished(inspect::FinishReason reason, const kafka::KafkaError &error);
    void onFilterChanged(std::shared_ptr<const inspect::FilterExpression> expression);
    void onCurrentRowChanged();
    void restoreCurrent();
    void updateHeldLabel();
    void updateRateLabels(const inspect::ConsumerProgress &progress);
    void updateSearchLabel(const inspect::ConsumerProgress &progress, bool finished);
    void syncPauseAction();
    /// Stops (or starts again) following the tail while a row is selected during a read.
    void setFollowingHeld(bool held);
    void placeFollowNotice();
    void resumeFollowing();
    void updateActions();
    void showColumnMenu(const QPoint &pos);
    void copySelected(int what);
    void exportInteractively(inspect::ExportFormat format, bool all);
    void importInteractively();
    void copyToTopicInteractively();
    void openProduceDialog();
    void setStatus(const QString &text, bool problem = false);

    kafka::ConnectionSettings connection_;
    bool hasConnection_ = false;
    QString topic_;
    int partitionCount_ = 0;
    std::shared_ptr<const inspect::DecoderRegistry> registry_;
    inspect::MessageTableModel *model_;
    QPointer<inspect::ConsumerSession> session_;
    bool searching_ = false;
    bool paused_ = false;
    std::optional<inspect::MessageId> currentId_;
    bool followTail_ = true;
    bool followHeld_ = false;
    /// The search stopped a never-ending read (a live tail): offer it back afterwards.
    bool searchStoppedTail_ = false;
    /// The running read never ends by itself (a live tail, or "from … stop: never").
    bool tailing_ = false;

    // Rates smoothed over a window of the consumer's progress reports (never per record), and
    // what reached the table, for the rate label's tooltip.
    QElapsedTimer sessionClock_;
    inspect::RateWindow readRate_;
    inspect::RateWindow tableRate_;
    uint64_t received_ = 0;
    uint64_t flushes_ = 0;
    inspect::ConsumerProgress lastProgress_;

    ConsumeControls *controls_;
    FilterBar *filter_;
    QTableView *table_;
    MessageDetailPane *detail_;
    QSplitter *splitter_;
    QLabel *topicLabel_;
    QCheckBox *hideHeartbeats_;
    QComboBox *decoderCombo_;
    QSpinBox *budgetSpin_;
    QLabel *heldLabel_;
    QLabel *readLabel_;
    QLabel *memoryLabel_;
    QLabel *rateLabel_;
    QLabel *byteRateLabel_;
    QLabel *statusLabel_;
    QWidget *searchBox_;
    QProgressBar *searchProgress_;
    QLabel *searchLabel_;
    QLabel *searchNote_;
    QPushButton *cancelSearch_;
    QPushButton *backToTail_;
    QToolButton *closeSearch_;
    QToolButton *followNotice_;

    QAction *start_;
    QAction *stop_;
    QAction *pause_;
    QAction *liveTail_;
    QAction *searchTopic_;
    QAction *copyValue_;
    QAction *copyJson_;
    QAction *copyKcat_;
    QAction *copyEdis_;
    QAction *exportSelectedJson_;
    QAction *exportAllJson_;
    QAction *exportSelectedCsv_;
    QAction *exportAllCsv_;
    QAction *import_;
    QAction *copyToTopic_;
    QAction *produce_;
};

} // namespace edis::ui
