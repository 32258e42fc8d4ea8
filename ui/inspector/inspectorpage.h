#pragma once

// The event inspector: reads a topic (from the beginning, a live tail, an offset, a time, the
// last N), shows the records in a virtual table under a memory budget, filters them with the
// filter language, decodes the selected one into a detail pane, and copies, exports, imports,
// produces and searches the whole topic. The page is a view: the consumption itself (its state,
// status line and figures) is the headless InspectorController's, and what is done with the
// records (copy, export, import, copy to a topic, produce) is RecordActions'.

#include "consumerequest.h"
#include "kafka/connectionsettings.h"
#include "messageexport.h"
#include "messagestore.h"
#include "recordsource.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolButton;

namespace edis::inspect {
class FilterExpression;
class InspectorController;
class MessageTableModel;
class RegistryDecoding;
} // namespace edis::inspect

namespace edis::ui {

class ConsumeControls;
class FilterBar;
class MessageDetailPane;
class InspectorStatusRow;
class RecordActions;
class SearchBar;

class InspectorPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPage(QWidget *parent = nullptr);
    ~InspectorPage() override;

    /// Reads from `settings`; `schemas` decodes Schema Registry framed records (null: none).
    void setConnection(
        const kafka::ConnectionSettings &settings, std::shared_ptr<inspect::RegistryDecoding> schemas = {});
    /// Shows `topic` (stops a running consumption; clears the table when the topic changes).
    void setTopic(const QString &topic, int partitionCount);
    /// Reads `name` (one partition) from the record sources `factory` makes instead of a Kafka
    /// connection: a RabbitMQ stream or a queue's peek. `identity` tells such origins apart.
    /// What writes to Kafka (produce, import, copy to a topic, kcat commands) is off.
    void setRecordSource(inspect::RecordSourceFactory factory, const QString &identity, const QString &name);
    QString topic() const;

    /// The consumption this page shows.
    inspect::InspectorController *controller() const { return controller_; }
    inspect::MessageTableModel *model() const;
    QTableView *tableView() const { return table_; }
    MessageDetailPane *detailPane() const { return detail_; }
    FilterBar *filterBar() const { return filter_; }
    ConsumeControls *consumeControls() const { return controls_; }
    bool isConsuming() const;
    bool isSearching() const;
    /// True while a selected row holds the view still during a read (the tail is not followed).
    bool isFollowingHeld() const { return followHeld_; }

    // Actions for menus and toolbars (all also on the page itself, with shortcuts).
    QAction *startAction() const { return start_; }
    QAction *stopAction() const { return stop_; }
    QAction *pauseAction() const { return pause_; }
    QAction *liveTailAction() const { return liveTail_; }
    QAction *searchTopicAction() const { return searchTopic_; }
    QAction *copyValueAction() const;
    QAction *copyJsonAction() const;
    QAction *copyKcatAction() const;
    QAction *copyEdisAction() const;
    QAction *exportSelectedJsonAction() const;
    QAction *exportAllJsonAction() const;
    QAction *exportSelectedCsvAction() const;
    QAction *exportAllCsvAction() const;
    QAction *importAction() const;
    QAction *produceAction() const;
    QAction *copyToTopicAction() const;

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
    void connectFilterRow();
    void buildFollowNotice();
    void setUpTable();
    void setUpHeader();
    void setColumnWidths();
    void connectController();
    void connectModel();
    void onCleared();
    void onReadStarted(bool search);
    void onStateChanged();
    void onFilterChanged(std::shared_ptr<const inspect::FilterExpression> expression);
    void onCurrentRowChanged();
    /// Decodes the shown record again when it waited for (or failed on) its schema.
    void refreshDetail();
    void restoreCurrent();
    void updateHeldLabel();
    void updateSearchBar();
    void syncPauseAction();
    /// Stops (or starts again) following the tail while a row is selected during a read.
    void setFollowingHeld(bool held);
    void placeFollowNotice();
    void resumeFollowing();
    void updateActions();
    void showColumnMenu(const QPoint &pos);

    inspect::InspectorController *controller_;
    inspect::MessageTableModel *model_;
    std::optional<inspect::MessageId> currentId_;
    // Following the tail is the view's: where the scroll bar is and whether a row is selected.
    bool followTail_ = true;
    bool followHeld_ = false;

    ConsumeControls *controls_;
    FilterBar *filter_;
    QTableView *table_;
    MessageDetailPane *detail_;
    QSplitter *splitter_;
    RecordActions *records_;
    SearchBar *searchBar_ = nullptr;
    InspectorStatusRow *statusRow_ = nullptr;
    QLabel *topicLabel_;
    QCheckBox *hideHeartbeats_;
    QComboBox *decoderCombo_;
    QSpinBox *budgetSpin_;
    QToolButton *followNotice_;

    QAction *start_;
    QAction *stop_;
    QAction *pause_;
    QAction *liveTail_;
    QAction *searchTopic_;
};

} // namespace edis::ui
