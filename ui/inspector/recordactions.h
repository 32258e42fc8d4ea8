#pragma once

// What the inspector does with the records it holds: copy one (value, kcat -J envelope, a kcat
// or edis produce command), export the selected or shown ones, import a file to a topic, replay
// the selected ones to a topic, open the produce dialog. The actions live here with their
// dialogs; the files and commands themselves are app/inspect's (recordfiles, recordcommands,
// messageexport), and every write runs off the GUI thread.

#include "messageexport.h"
#include "messagestore.h"

#include <QObject>

#include <functional>
#include <optional>
#include <vector>

class QAction;
class QTableView;
class QWidget;

namespace edis::inspect {
class InspectorController;
}

namespace edis::ui {

class RecordActions : public QObject {
    Q_OBJECT
public:
    using CurrentRecord = std::function<std::optional<inspect::MessageId>()>;

    /// `table` shows the controller's model; `current` tells the record the detail pane shows.
    /// Dialogs open over `page`, which is also the actions' parent.
    RecordActions(
        inspect::InspectorController *controller, QTableView *table, CurrentRecord current, QWidget *page);

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

    /// Enables what applies to the current record, the selection and the connection.
    void updateEnabled();

    /// Ids of the selected rows (in row order), or of every shown row when `all`.
    std::vector<inspect::MessageId> rowsToExport(bool all) const;
    void exportTo(const QString &path, inspect::ExportFormat format, bool all);
    void importFrom(const QString &path, const QString &topic);
    void copySelectedToTopic(const QString &topic, bool keepTimestamps);

Q_SIGNALS:
    void exportFinished(const QString &path, quint64 written, const QString &error);
    void importFinished(const QString &path, quint64 produced, const QString &error);
    void copyToTopicFinished(const QString &topic, quint64 produced, const QString &error);

private:
    enum CopyWhat { CopyValue, CopyJson, CopyKcat, CopyEdis };

    void buildActions();
    void connectActions();
    void copySelected(CopyWhat what);
    /// Copies the records of `ids` out of the store (which keeps changing while tailing).
    inspect::MessageBatch copyOf(const std::vector<inspect::MessageId> &ids) const;
    void exportInteractively(inspect::ExportFormat format, bool all);
    void importInteractively();
    void copyToTopicInteractively();
    void openProduceDialog();
    void setStatus(const QString &text, bool problem = false);

    inspect::InspectorController *controller_;
    QTableView *table_;
    CurrentRecord current_;
    QWidget *page_;

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
