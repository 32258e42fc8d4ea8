#pragma once

// The details of the selected record: text, pretty JSON, a JSON tree, hex, the CloudEvent card
// or the Debezium change (whichever the decoded kind calls for), headers and metadata. The pane
// holds its own copy of the record, so the store may drop it meanwhile; each tab is filled only
// when it is shown.

#include "decodedvalue.h"
#include "messagebatch.h"

#include <QWidget>

#include <optional>

class QAction;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;

namespace edis::widgets {
class ChangeView;
class EventCard;
class HexView;
class JsonTreeView;
} // namespace edis::widgets

namespace edis::ui {

/// A self-contained copy of one record and its decoding.
struct RecordDetail {
    QString topic;
    int32_t partition = -1;
    int64_t offset = -1;
    int64_t timestamp = -1;
    inspect::TimestampType timestampType = inspect::TimestampType::NotAvailable;
    int32_t brokerId = -1;
    std::optional<QByteArray> key;
    std::optional<QByteArray> value;
    QList<QPair<QByteArray, std::optional<QByteArray>>> headers;
    inspect::DecodedValue decoded;

    static RecordDetail from(const inspect::MessageView &record, inspect::DecodedValue decoded);
};

class MessageDetailPane : public QWidget {
    Q_OBJECT
public:
    enum Tab {
        TextTab,
        PrettyJsonTab,
        JsonTreeTab,
        HexTab,
        EventTab,
        ChangeTab,
        HeadersTab,
        MetadataTab,
        TabCount
    };

    /// Text panes show at most this much; the hex tab always has every byte.
    static constexpr qsizetype kMaxTextChars = qsizetype {2} * 1024 * 1024;

    explicit MessageDetailPane(QWidget *parent = nullptr);

    void showRecord(RecordDetail detail);
    void clear();
    const std::optional<RecordDetail> &record() const { return record_; }

    /// Adds a tool button for `action` to the pane's header row.
    void addHeaderAction(QAction *action);

    QTabWidget *tabs() const { return tabs_; }
    void setCurrentTab(Tab tab);
    bool isTabVisible(Tab tab) const;
    bool isTabEnabled(Tab tab) const;

private:
    void fillTab(int index);
    void chooseTab();
    /// Enables the Pretty JSON and JSON Tree tabs when `reason` is empty, else disables them
    /// with `reason` as their tooltip.
    void setJsonTabsEnabled(const QString &reason);
    QString keyText() const;

    std::optional<RecordDetail> record_;
    bool filled_[TabCount] = {};
    bool userChoseTab_ = false;
    QLabel *summary_;
    QHBoxLayout *header_;
    QTabWidget *tabs_;
    QPlainTextEdit *text_;
    QPlainTextEdit *prettyJson_;
    widgets::JsonTreeView *jsonTree_;
    widgets::HexView *hex_;
    widgets::EventCard *eventCard_;
    widgets::ChangeView *changeView_;
    QTableWidget *headers_;
    QTableWidget *metadata_;
};

} // namespace edis::ui
