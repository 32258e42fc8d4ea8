#include "inspector/inspectorpage.h"

#include "elidedlabel.h"

#include "consumersession.h"
#include "decoderregistry.h"
#include "dialogs/producedialog.h"
#include "filterexpression.h"
#include "inspector/backgroundjob.h"
#include "inspector/consumecontrols.h"
#include "inspector/filterbar.h"
#include "inspector/messagedetailpane.h"
#include "messagetablemodel.h"
#include "recordcommands.h"
#include "recordfiles.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace edis::ui {

using inspect::MessageTableModel;

namespace {

constexpr int kDefaultBudgetMb = 512;
const char *const kHiddenColumnsKey = "inspector/hiddenColumns";

enum CopyWhat { CopyValue, CopyJson, CopyKcat, CopyEdis };

/// Payload columns in a monospace font; tombstones and heartbeats greyed out.
class MessageRowDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int column = index.column();
        if (column == MessageTableModel::KeyColumn || column == MessageTableModel::ValueColumn
            || column == MessageTableModel::OffsetColumn) {
            option->font = mono_;
        }
        if (index.data(MessageTableModel::IsTombstoneRole).toBool()) {
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            if (column == MessageTableModel::ValueColumn) {
                option->text = QObject::tr("⌫ tombstone");
            }
        } else if (index.data(MessageTableModel::IsHeartbeatRole).toBool()) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        }
    }

private:
    QFont mono_ = QFontDatabase::systemFont(QFontDatabase::FixedFont);
};

QString dataSize(uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString rateText(double perSecond)
{
    if (perSecond < 0.05) {
        return QStringLiteral("0");
    }
    return perSecond >= 10 ? QLocale().toString(qlonglong(perSecond + 0.5))
                           : QLocale().toString(perSecond, 'f', 1);
}

QString durationText(double seconds)
{
    if (seconds < 9.95) {
        return InspectorPage::tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    }
    const qint64 s = qint64(seconds + 0.5);
    return s >= 3600 ? InspectorPage::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
        : s >= 60    ? InspectorPage::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                     : InspectorPage::tr("%1 s").arg(s);
}

/// Sets `text` on `label` with a minimum width that fits `widest` (the same text with the
/// largest numbers it may show), so that the labels after it do not move as numbers grow.
void setSteadyText(QLabel *label, const QString &text, const QString &widest)
{
    label->setText(text);
    const int width = label->fontMetrics().horizontalAdvance(widest) + 4;
    if (label->minimumWidth() < width) {
        label->setMinimumWidth(width);
    }
}

QAction *makeAction(const QString &text, const QString &objectName, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    return action;
}

} // namespace

InspectorPage::InspectorPage(QWidget *parent)
    : QWidget(parent)
    , registry_(inspect::DecoderRegistry::shared())
    , model_(new MessageTableModel(registry_, this))
    , controls_(new ConsumeControls(this))
    , filter_(new FilterBar(this))
    , table_(new QTableView(this))
    , detail_(new MessageDetailPane(this))
    , splitter_(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("inspectorPage"));
    buildActions();
    setUpTable();

    splitter_->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(detail_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    // Two rows of controls (what to show and what to do, then where to read), so that the page
    // fits a 1366 px screen next to the tree whatever the topic's name or the settings shown.
    layout->addWidget(buildToolbar());
    layout->addWidget(buildReadRow());
    layout->addWidget(buildFilterRow());
    layout->addWidget(buildSearchBar());
    layout->addWidget(splitter_, 1);
    layout->addWidget(buildStatusRow());
    buildFollowNotice();

    for (QAction *a : {copyValue_, copyJson_, copyKcat_, copyEdis_}) {
        detail_->addHeaderAction(a);
    }

    connect(filter_, &FilterBar::filterChanged, this, &InspectorPage::onFilterChanged);
    connect(model_, &MessageTableModel::storeStatsChanged, this, &InspectorPage::updateHeldLabel);
    connect(model_, &QAbstractItemModel::modelReset, this, &InspectorPage::restoreCurrent);
    connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = table_->verticalScrollBar();
        followTail_ = !followHeld_ && bar->value() >= bar->maximum();
    });
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (followTail_ && !searching_) {
            table_->scrollToBottom();
        } else if (followHeld_) {
            // Older rows may have been dropped above it: the selected row stays in view.
            table_->scrollTo(table_->selectionModel()->currentIndex(), QAbstractItemView::EnsureVisible);
        }
    });
    updateHeldLabel();
    updateActions();
    setStatus(tr("Choose a topic, then Start (or Live Tail)."));
}

InspectorPage::~InspectorPage()
{
    detachSession();
}

void InspectorPage::buildActions()
{
    start_ = makeAction(tr("Start"), QStringLiteral("inspectorStartAction"), this);
    // Not F5: that refreshes the cluster, window-wide.
    start_->setToolTip(tr("Read the topic with these settings (Ctrl+Return)"));
    start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    stop_ = makeAction(tr("Stop"), QStringLiteral("inspectorStopAction"), this);
    stop_->setToolTip(tr("Stop reading (Ctrl+Shift+Return)"));
    stop_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    pause_ = makeAction(tr("Pause"), QStringLiteral("inspectorPauseAction"), this);
    pause_->setCheckable(true);
    pause_->setToolTip(tr("Pause fetching (the table keeps what it has)"));
    liveTail_ = makeAction(tr("Live Tail"), QStringLiteral("inspectorLiveTailAction"), this);
    liveTail_->setToolTip(tr("Show only new records, as they arrive"));
    searchTopic_ = makeAction(tr("Search Whole Topic"), QStringLiteral("inspectorSearchAction"), this);
    searchTopic_->setToolTip(tr("Scan every record of the topic with the filter; only matches are kept"));
    copyValue_ = makeAction(tr("Copy Value"), QStringLiteral("inspectorCopyValueAction"), this);
    copyValue_->setShortcut(QKeySequence::Copy);
    copyJson_ = makeAction(tr("Copy as JSON"), QStringLiteral("inspectorCopyJsonAction"), this);
    copyJson_->setToolTip(tr("The record as a kcat -J envelope"));
    copyJson_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyKcat_ = makeAction(tr("Copy as kcat -P"), QStringLiteral("inspectorCopyKcatAction"), this);
    copyEdis_ = makeAction(tr("Copy as edis produce"), QStringLiteral("inspectorCopyEdisAction"), this);
    exportSelectedJson_ = makeAction(
        tr("Export Selected as JSON Lines…"), QStringLiteral("inspectorExportSelectedJsonAction"), this);
    exportAllJson_ = makeAction(
        tr("Export All Shown as JSON Lines…"), QStringLiteral("inspectorExportAllJsonAction"), this);
    exportSelectedCsv_
        = makeAction(tr("Export Selected as CSV…"), QStringLiteral("inspectorExportSelectedCsvAction"), this);
    exportAllCsv_
        = makeAction(tr("Export All Shown as CSV…"), QStringLiteral("inspectorExportAllCsvAction"), this);
    import_ = makeAction(tr("Import JSON Lines to Topic…"), QStringLiteral("inspectorImportAction"), this);
    copyToTopic_
        = makeAction(tr("Copy Selected to Topic…"), QStringLiteral("inspectorCopyToTopicAction"), this);
    produce_ = makeAction(tr("Produce…"), QStringLiteral("inspectorProduceAction"), this);
    produce_->setToolTip(tr("Send a record to this topic"));

    for (QAction *a : {start_, stop_, liveTail_, copyValue_, copyJson_}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    connect(start_, &QAction::triggered, this, &InspectorPage::start);
    connect(stop_, &QAction::triggered, this, &InspectorPage::stop);
    connect(pause_, &QAction::toggled, this, &InspectorPage::setPaused);
    connect(liveTail_, &QAction::triggered, this, &InspectorPage::startLiveTail);
    connect(searchTopic_, &QAction::triggered, this, &InspectorPage::searchWholeTopic);
    connect(copyValue_, &QAction::triggered, this, [this] { copySelected(CopyValue); });
    connect(copyJson_, &QAction::triggered, this, [this] { copySelected(CopyJson); });
    connect(copyKcat_, &QAction::triggered, this, [this] { copySelected(CopyKcat); });
    connect(copyEdis_, &QAction::triggered, this, [this] { copySelected(CopyEdis); });
    connect(exportSelectedJson_, &QAction::triggered, this,
        [this] { exportInteractively(inspect::ExportFormat::KcatJsonLines, false); });
    connect(exportAllJson_, &QAction::triggered, this,
        [this] { exportInteractively(inspect::ExportFormat::KcatJsonLines, true); });
    connect(exportSelectedCsv_, &QAction::triggered, this,
        [this] { exportInteractively(inspect::ExportFormat::Csv, false); });
    connect(exportAllCsv_, &QAction::triggered, this,
        [this] { exportInteractively(inspect::ExportFormat::Csv, true); });
    connect(import_, &QAction::triggered, this, &InspectorPage::importInteractively);
    connect(copyToTopic_, &QAction::triggered, this, &InspectorPage::copyToTopicInteractively);
    connect(produce_, &QAction::triggered, this, &InspectorPage::openProduceDialog);
}

QWidget *InspectorPage::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *title = new widgets::ElidedLabel(bar, Qt::ElideMiddle); // topic names differ at both ends
    topicLabel_ = title;
    topicLabel_->setObjectName(QStringLiteral("inspectorTopicLabel"));
    topicLabel_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QFont bold = topicLabel_->font();
    bold.setBold(true);
    topicLabel_->setFont(bold);

    const auto button = [bar](QAction *action, const QString &objectName) {
        auto *b = new QToolButton(bar);
        b->setObjectName(objectName);
        b->setDefaultAction(action);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return b;
    };
    // Export, import and copying to a topic are used now and then: one menu holds them.
    auto *exportButton = new QToolButton(bar);
    exportButton->setObjectName(QStringLiteral("inspectorExportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Export, import or copy records to a topic"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addActions({exportSelectedJson_, exportAllJson_});
    exportMenu->addSeparator();
    exportMenu->addActions({exportSelectedCsv_, exportAllCsv_});
    exportMenu->addSeparator();
    exportMenu->addActions({import_, copyToTopic_});
    exportButton->setMenu(exportMenu);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(topicLabel_, 1);
    layout->addSpacing(10);
    layout->addWidget(button(start_, QStringLiteral("inspectorStartButton")));
    layout->addWidget(button(stop_, QStringLiteral("inspectorStopButton")));
    layout->addWidget(button(pause_, QStringLiteral("inspectorPauseButton")));
    layout->addWidget(button(liveTail_, QStringLiteral("inspectorLiveTailButton")));
    layout->addSpacing(10);
    layout->addWidget(button(searchTopic_, QStringLiteral("inspectorSearchButton")));
    layout->addWidget(button(produce_, QStringLiteral("inspectorProduceButton")));
    layout->addWidget(exportButton);
    return bar;
}

QWidget *InspectorPage::buildReadRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(controls_);
    layout->addStretch(1);
    return row;
}

QWidget *InspectorPage::buildFilterRow()
{
    auto *row = new QWidget(this);
    hideHeartbeats_ = new QCheckBox(tr("Hide heartbeats"), row);
    hideHeartbeats_->setObjectName(QStringLiteral("hideHeartbeatsCheck"));
    hideHeartbeats_->setToolTip(tr("Hide Debezium heartbeat records"));
    decoderCombo_ = new QComboBox(row);
    decoderCombo_->setObjectName(QStringLiteral("decoderOverrideCombo"));
    decoderCombo_->setToolTip(tr("Decode every record of this topic as…"));
    decoderCombo_->addItem(tr("Auto-detect"), QString());
    for (int i = 0; i < registry_->count(); ++i) {
        decoderCombo_->addItem(registry_->at(i)->name(), registry_->at(i)->id());
    }
    budgetSpin_ = new QSpinBox(row);
    budgetSpin_->setObjectName(QStringLiteral("memoryBudgetSpin"));
    budgetSpin_->setRange(16, 16384);
    budgetSpin_->setSingleStep(64);
    budgetSpin_->setSuffix(tr(" MB"));
    budgetSpin_->setValue(kDefaultBudgetMb);
    budgetSpin_->setToolTip(tr("Memory for held records; the oldest are dropped beyond it"));
    budgetSpin_->setKeyboardTracking(false);
    model_->setMemoryBudget(std::size_t(kDefaultBudgetMb) << 20);

    connect(hideHeartbeats_, &QCheckBox::toggled, this, [this](bool hide) {
        model_->setHideHeartbeats(hide);
        restoreCurrent();
    });
    connect(decoderCombo_, &QComboBox::currentIndexChanged, this, [this] {
        model_->setDecoderOverride(topic_, decoderCombo_->currentData().toString());
        currentId_.reset(); // decode the selected record again with the new decoder
        onCurrentRowChanged();
    });
    connect(budgetSpin_, &QSpinBox::valueChanged, this,
        [this](int mb) { model_->setMemoryBudget(std::size_t(mb) << 20); });

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(filter_, 1, Qt::AlignTop);
    layout->addWidget(hideHeartbeats_, 0, Qt::AlignTop);
    auto *decoderLabel = new QLabel(tr("Decode as"), row);
    layout->addWidget(decoderLabel, 0, Qt::AlignTop);
    layout->addWidget(decoderCombo_, 0, Qt::AlignTop);
    auto *budgetLabel = new QLabel(tr("Budget"), row);
    layout->addWidget(budgetLabel, 0, Qt::AlignTop);
    layout->addWidget(budgetSpin_, 0, Qt::AlignTop);
    // Align the labels with the line edit's text rather than the top of the row (the filter's
    // error line may add height below it).
    const int lineHeight = filter_->lineEdit()->sizeHint().height();
    for (QWidget *w : {static_cast<QWidget *>(decoderLabel), static_cast<QWidget *>(budgetLabel),
             static_cast<QWidget *>(hideHeartbeats_)}) {
        w->setMinimumHeight(lineHeight);
    }
    decoderCombo_->setMaximumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("Schema Registry (framed)")) + 40);
    return row;
}

QWidget *InspectorPage::buildSearchBar()
{
    // Above the table, where the user looks while a search runs: progress, what the search
    // stopped, and the way back to the live tail afterwards.
    searchBox_ = new QWidget(this);
    searchBox_->setObjectName(QStringLiteral("searchBox"));
    searchProgress_ = new QProgressBar(searchBox_);
    searchProgress_->setObjectName(QStringLiteral("searchProgress"));
    searchProgress_->setRange(0, 1000);
    searchProgress_->setTextVisible(false);
    searchProgress_->setFixedWidth(140);
    searchProgress_->setMaximumHeight(14);
    searchLabel_ = new QLabel(searchBox_);
    searchLabel_->setObjectName(QStringLiteral("searchLabel"));
    searchNote_ = new QLabel(searchBox_);
    searchNote_->setObjectName(QStringLiteral("searchNote"));
    searchNote_->setWordWrap(true);
    searchNote_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    cancelSearch_ = new QPushButton(tr("Cancel"), searchBox_);
    cancelSearch_->setObjectName(QStringLiteral("cancelSearchButton"));
    connect(cancelSearch_, &QPushButton::clicked, this, &InspectorPage::stop);
    backToTail_ = new QPushButton(tr("Back to Live Tail"), searchBox_);
    backToTail_->setObjectName(QStringLiteral("backToLiveTailButton"));
    backToTail_->setToolTip(tr("Leave the search results and follow the newest records again"));
    connect(backToTail_, &QPushButton::clicked, this, &InspectorPage::startLiveTail);
    closeSearch_ = new QToolButton(searchBox_);
    closeSearch_->setObjectName(QStringLiteral("closeSearchButton"));
    closeSearch_->setText(QStringLiteral("✕"));
    closeSearch_->setAutoRaise(true);
    closeSearch_->setToolTip(tr("Hide this bar (the matches stay in the table)"));
    connect(closeSearch_, &QToolButton::clicked, searchBox_, &QWidget::hide);
    auto *searchLayout = new QHBoxLayout(searchBox_);
    searchLayout->setContentsMargins(0, 0, 0, 0);
    searchLayout->addWidget(searchProgress_);
    searchLayout->addWidget(searchLabel_);
    searchLayout->addWidget(searchNote_, 1);
    searchLayout->addWidget(cancelSearch_);
    searchLayout->addWidget(backToTail_);
    searchLayout->addWidget(closeSearch_);
    searchBox_->hide();
    return searchBox_;
}

QWidget *InspectorPage::buildStatusRow()
{
    auto *row = new QWidget(this);
    // The figures that change every second come first, each in its own label with room for its
    // largest value, right-aligned: nothing after them moves when a number gains a digit.
    rateLabel_ = new QLabel(row);
    rateLabel_->setObjectName(QStringLiteral("rateLabel"));
    byteRateLabel_ = new QLabel(row);
    byteRateLabel_->setObjectName(QStringLiteral("byteRateLabel"));
    for (QLabel *label : {rateLabel_, byteRateLabel_}) {
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    setSteadyText(rateLabel_, tr("– msg/s"), tr("%1 msg/s").arg(QLocale().toString(888888)));
    setSteadyText(
        byteRateLabel_, tr("– /s"), tr("%1/s").arg(QLocale().toString(8888.8, 'f', 1) + tr(" MiB")));
    heldLabel_ = new QLabel(row);
    heldLabel_->setObjectName(QStringLiteral("heldLabel"));
    readLabel_ = new QLabel(row);
    readLabel_->setObjectName(QStringLiteral("readLabel"));
    readLabel_->setToolTip(tr("Records read from the broker since this read started"));
    memoryLabel_ = new QLabel(row);
    memoryLabel_->setObjectName(QStringLiteral("memoryLabel"));
    statusLabel_ = new widgets::ElidedLabel(row, Qt::ElideRight);
    statusLabel_->setObjectName(QStringLiteral("inspectorStatusLabel"));
    statusLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    const auto separator = [row] {
        auto *line = new QLabel(QStringLiteral("│"), row);
        line->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); }"));
        return line;
    };
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(rateLabel_);
    layout->addWidget(byteRateLabel_);
    layout->addWidget(separator());
    layout->addWidget(heldLabel_);
    layout->addWidget(readLabel_);
    layout->addWidget(memoryLabel_);
    layout->addWidget(separator());
    layout->addWidget(statusLabel_, 1);
    return row;
}

void InspectorPage::buildFollowNotice()
{
    // Over the bottom of the table, as chat windows show "new messages below": it says why the
    // view stands still without moving the rows the user is looking at.
    followNotice_ = new QToolButton(table_);
    followNotice_->setObjectName(QStringLiteral("followNotice"));
    followNotice_->setText(tr("Following paused — row selected · Resume following"));
    followNotice_->setToolTip(tr("New records keep arriving below the selected row. Click here, or clear "
                                 "the selection (Esc), to follow the newest records again."));
    followNotice_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    followNotice_->setCursor(Qt::PointingHandCursor);
    connect(followNotice_, &QToolButton::clicked, this, &InspectorPage::resumeFollowing);
    followNotice_->hide();
    table_->installEventFilter(this);
}

bool InspectorPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == table_) {
        if (event->type() == QEvent::Resize && followNotice_->isVisible()) {
            placeFollowNotice();
        } else if (event->type() == QEvent::KeyPress
            && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape
            && table_->selectionModel()->hasSelection()) {
            table_->selectionModel()->clear(); // Esc clears the selection (and follows again)
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void InspectorPage::placeFollowNotice()
{
    followNotice_->adjustSize();
    const QRect viewport = table_->viewport()->geometry();
    const QSize size = followNotice_->sizeHint().boundedTo(viewport.size());
    followNotice_->setGeometry(
        QRect(QPoint(viewport.center().x() - size.width() / 2, viewport.bottom() - size.height() - 8), size));
    followNotice_->raise();
}

void InspectorPage::setFollowingHeld(bool held)
{
    held = held && isConsuming() && !searching_;
    followHeld_ = held;
    if (held) {
        followTail_ = false;
        followNotice_->show();
        placeFollowNotice();
    } else {
        followNotice_->hide();
    }
}

void InspectorPage::resumeFollowing()
{
    setFollowingHeld(false);
    followTail_ = true;
    table_->scrollToBottom();
}

void InspectorPage::setUpTable()
{
    table_->setObjectName(QStringLiteral("inspectorTable"));
    table_->setModel(model_);
    table_->setItemDelegate(new MessageRowDelegate(table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setShowGrid(false);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *vertical = table_->verticalHeader();
    vertical->hide();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(fontMetrics().height() + 4);
    QHeaderView *header = table_->horizontalHeader();
    // Arrival order until a header is clicked; a third click returns to it. The model merges
    // each live batch into the sorted rows (see MessageTableModel::sort).
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setSortIndicatorClearable(true);
    table_->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (column >= 0 && !MessageTableModel::isSortable(column)) {
            // "Decoded as" would decode every record: keep the sort there was.
            header->setSortIndicator(model_->sortColumn(), model_->sortOrder());
            setStatus(tr("The decoder column does not sort."));
        }
    });
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics fm(font());
    const QFontMetrics mono(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    table_->setColumnWidth(
        MessageTableModel::PartitionColumn, fm.horizontalAdvance(QStringLiteral("Partition")) + 16);
    table_->setColumnWidth(
        MessageTableModel::OffsetColumn, mono.horizontalAdvance(QStringLiteral("0000000000")) + 12);
    table_->setColumnWidth(MessageTableModel::TimestampColumn,
        fm.horizontalAdvance(QStringLiteral("2026-11-28 23:59:59.999")) + 14);
    table_->setColumnWidth(MessageTableModel::KeyColumn, mono.horizontalAdvance(QLatin1Char('0')) * 22);
    table_->setColumnWidth(
        MessageTableModel::HeadersColumn, fm.horizontalAdvance(QStringLiteral("Headers")) + 16);
    table_->setColumnWidth(
        MessageTableModel::SizeColumn, fm.horizontalAdvance(QStringLiteral("000000000")) + 8);
    table_->setColumnWidth(
        MessageTableModel::DecoderColumn, fm.horizontalAdvance(QStringLiteral("Debezium change")) + 28);
    // The value preview gets the room that is left: shown last, stretched.
    header->moveSection(
        header->visualIndex(MessageTableModel::ValueColumn), MessageTableModel::ColumnCount - 1);
    header->setStretchLastSection(true);
    const QVariantList hidden = QSettings().value(QLatin1String(kHiddenColumnsKey)).toList();
    for (const QVariant &c : hidden) {
        if (c.toInt() >= 0 && c.toInt() < MessageTableModel::ColumnCount) {
            table_->setColumnHidden(c.toInt(), true);
        }
    }
    connect(header, &QWidget::customContextMenuRequested, this, &InspectorPage::showColumnMenu);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &InspectorPage::onCurrentRowChanged);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &InspectorPage::updateActions);

    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addActions({copyValue_, copyJson_, copyKcat_, copyEdis_});
        menu.addSeparator();
        menu.addActions({exportSelectedJson_, exportSelectedCsv_});
        menu.addSeparator();
        menu.addAction(copyToTopic_);
        menu.exec(table_->viewport()->mapToGlobal(pos));
    });
}

void InspectorPage::showColumnMenu(const QPoint &pos)
{
    QMenu menu(this);
    QVariantList hidden;
    for (int c = 0; c < MessageTableModel::ColumnCount; ++c) {
        QAction *a = menu.addAction(model_->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!table_->isColumnHidden(c));
        connect(a, &QAction::toggled, this, [this, c](bool shown) {
            table_->setColumnHidden(c, !shown);
            QVariantList list;
            for (int i = 0; i < MessageTableModel::ColumnCount; ++i) {
                if (table_->isColumnHidden(i)) {
                    list << i;
                }
            }
            QSettings().setValue(QLatin1String(kHiddenColumnsKey), list);
        });
    }
    menu.exec(table_->horizontalHeader()->mapToGlobal(pos));
}

void InspectorPage::setConnection(const kafka::ConnectionSettings &settings)
{
    if (hasConnection_ && settings == connection_) {
        return;
    }
    detachSession();
    connection_ = settings;
    hasConnection_ = true;
    model_->clear();
    detail_->clear();
    currentId_.reset();
    updateActions();
}

void InspectorPage::setTopic(const QString &topic, int partitionCount)
{
    const bool changed = topic != topic_;
    if (changed) {
        detachSession();
        model_->clear();
        detail_->clear();
        currentId_.reset();
        // Until a read starts (the window starts one itself when it opens the tab), say what
        // the buttons will do with this topic rather than ask for a topic that is already chosen.
        setStatus(topic.isEmpty()
                ? tr("Choose a topic, then Start (or Live Tail).")
                : tr("Start reads %1 from the chosen position; Live Tail follows its new records.")
                      .arg(topic));
    }
    topic_ = topic;
    partitionCount_ = partitionCount;
    controls_->setPartitionCount(partitionCount);
    static_cast<widgets::ElidedLabel *>(topicLabel_)
        ->setFullText(
            partitionCount > 0 ? tr("%1  ·  %n partition(s)", nullptr, partitionCount).arg(topic) : topic);
    syncPauseAction();
    {
        const QSignalBlocker block(decoderCombo_);
        const int i = decoderCombo_->findData(model_->decoderOverride(topic.toStdString()));
        decoderCombo_->setCurrentIndex(std::max(0, i));
    }
    updateActions();
}

bool InspectorPage::isConsuming() const
{
    // One read of the QPointer: checking it and dereferencing it again would read it twice.
    const inspect::ConsumerSession *session = session_.data();
    return session != nullptr && session->isRunning();
}

void InspectorPage::start()
{
    if (topic_.isEmpty() || !hasConnection_) {
        setStatus(tr("No topic or connection to read from."), true);
        return;
    }
    inspect::ConsumeRequest request;
    request.connection = connection_;
    controls_->fill(request, topic_);
    setStatus(tr("Reading %1 (%2)…").arg(topic_, controls_->describe()));
    startRequest(std::move(request), false);
}

void InspectorPage::startLiveTail()
{
    controls_->setStartKind(inspect::StartPosition::Kind::End);
    controls_->setStopCondition(ConsumeControls::StopNever);
    start();
}

void InspectorPage::searchWholeTopic()
{
    if (topic_.isEmpty() || !hasConnection_) {
        setStatus(tr("No topic or connection to search."), true);
        return;
    }
    filter_->apply();
    const auto expression = filter_->expression();
    if (filter_->error().isError() || !expression || expression->matchesEverything()) {
        setStatus(tr("Type a filter first: the search keeps only the records it matches."), true);
        filter_->lineEdit()->setFocus();
        return;
    }
    inspect::ConsumeRequest request;
    request.connection = connection_;
    request.topics
        = {inspect::TopicSelection {topic_, inspect::StartPosition::beginning(), controls_->partitions()}};
    request.stopAtEnd = true;
    request.filter = expression;
    // The search reads the topic on its own consumer: a live tail running now stops. Say so in
    // the search bar and offer the tail back when the search is over.
    const bool tailRunning = isConsuming() && !searching_ && tailing_;
    setStatus(tr("Searching all of %1 for %2…").arg(topic_, expression->text()));
    startRequest(std::move(request), true);
    searchStoppedTail_ = tailRunning;
    searchNote_->setText(tailRunning ? tr("The live tail is stopped while the search runs; you can go "
                                          "back to it when the search is over.")
                                     : QString());
}

void InspectorPage::startRequest(inspect::ConsumeRequest request, bool search)
{
    detachSession();
    model_->clear();
    detail_->clear();
    currentId_.reset();
    followTail_ = true;
    setFollowingHeld(false);
    searching_ = search;
    searchStoppedTail_ = false;
    tailing_ = !search && !request.stopAtEnd && !request.maxMessages && !request.stopAtTimestampMs;
    paused_ = false;
    syncPauseAction();
    received_ = 0;
    flushes_ = 0;
    sessionClock_.start();
    readRate_.reset(0);
    tableRate_.reset(0);
    lastProgress_ = {};
    updateRateLabels(lastProgress_);
    searchBox_->setVisible(search);
    searchProgress_->setValue(0);
    searchLabel_->setText(tr("Starting the search…"));
    searchNote_->clear();
    cancelSearch_->setVisible(search);
    cancelSearch_->setEnabled(true);
    backToTail_->hide();
    closeSearch_->hide();

    session_ = new inspect::ConsumerSession(this);
    connect(session_, &inspect::ConsumerSession::batchesReady, this, &InspectorPage::onBatches);
    connect(session_, &inspect::ConsumerSession::progressChanged, this, &InspectorPage::onProgress);
    connect(session_, &inspect::ConsumerSession::finished, this, &InspectorPage::onFinished);
    session_->start(request);
    updateActions();
}

void InspectorPage::detachSession()
{
    inspect::ConsumerSession *old = session_.data();
    if (old == nullptr) {
        return;
    }
    // The old session finishes on its own; none of its late signals reach this page.
    session_ = nullptr;
    disconnect(old, nullptr, this, nullptr);
    if (old->isRunning()) {
        old->stop();
        connect(old, &inspect::ConsumerSession::finished, old, &QObject::deleteLater);
    } else {
        old->deleteLater();
    }
    searching_ = false;
    tailing_ = false;
    searchBox_->hide();
    setFollowingHeld(false);
    paused_ = false;
    syncPauseAction();
}

void InspectorPage::stop()
{
    if (session_) {
        session_->stop();
        setStatus(tr("Stopping…"));
    }
}

void InspectorPage::setPaused(bool paused)
{
    // Pausing belongs to the read that runs; with none, there is nothing to pause.
    paused_ = paused && session_;
    if (session_) {
        session_->setPaused(paused_);
    }
    syncPauseAction();
    updateActions();
}

void InspectorPage::syncPauseAction()
{
    // The one place the button is set from: it shows the state the read is really in.
    const QSignalBlocker block(pause_);
    pause_->setChecked(paused_);
    pause_->setText(paused_ ? tr("Resume") : tr("Pause"));
    pause_->setToolTip(paused_ ? tr("Fetching is paused: resume reading")
                               : tr("Pause fetching (the table keeps what it has)"));
}

void InspectorPage::onBatches(std::vector<inspect::MessageBatch> &batches)
{
    ++flushes_;
    for (const inspect::MessageBatch &batch : batches) {
        received_ += batch.size();
    }
    model_->adoptBatches(batches);
    if (!currentId_ && table_->selectionModel()->currentIndex().isValid()) {
        onCurrentRowChanged();
    }
}

void InspectorPage::onProgress(const inspect::ConsumerProgress &p)
{
    // A few reports a second: the rates are smoothed over their window here, not per record.
    const qint64 now = sessionClock_.elapsed();
    readRate_.add(now, p.scanned, p.bytes);
    tableRate_.add(now, received_, 0);
    lastProgress_ = p;
    updateRateLabels(p);
    if (searching_) {
        updateSearchLabel(p, false);
    }
}

void InspectorPage::updateRateLabels(const inspect::ConsumerProgress &p)
{
    const std::optional<double> records = readRate_.recordsPerSecond();
    const std::optional<double> bytes = readRate_.bytesPerSecond();
    rateLabel_->setText(p.paused ? tr("paused")
            : records            ? tr("%1 msg/s").arg(rateText(*records))
                                 : tr("– msg/s"));
    byteRateLabel_->setText(bytes ? tr("%1/s").arg(dataSize(uint64_t(*bytes + 0.5))) : tr("– /s"));
    const std::optional<double> shown = tableRate_.recordsPerSecond();
    const QString tip = tr("Read rate over the last %1 s; %2 records/s reached the table.%3")
                            .arg(readRate_.windowMs() / 1000)
                            .arg(shown ? rateText(*shown) : QStringLiteral("–"))
                            .arg(p.paused ? tr(" Reading is paused.") : QString());
    rateLabel_->setToolTip(tip);
    byteRateLabel_->setToolTip(tip);
    const QString widest = QLocale().toString(9999999);
    setSteadyText(
        readLabel_, tr("%L1 read this session").arg(p.scanned), tr("%1 read this session").arg(widest));
}

void InspectorPage::updateSearchLabel(const inspect::ConsumerProgress &p, bool finished)
{
    const double total = double(p.scanned) + double(std::max<int64_t>(0, p.remaining));
    searchProgress_->setValue(finished ? 1000 : total > 0 ? int(1000.0 * double(p.scanned) / total) : 0);
    QString text;
    if (finished) {
        const double seconds = double(sessionClock_.elapsed()) / 1000.0;
        text = tr("Scanned %L1 records in %2 (%3 rec/s) · %L4 matches")
                   .arg(p.scanned)
                   .arg(durationText(seconds))
                   .arg(rateText(seconds > 0 ? double(p.scanned) / seconds : 0))
                   .arg(p.delivered);
    } else {
        const std::optional<double> rate = readRate_.recordsPerSecond();
        const std::optional<double> eta = readRate_.secondsFor(p.remaining);
        text = tr("Scanned %L1").arg(p.scanned);
        if (p.remaining >= 0) {
            text += tr(" of %L1").arg(p.scanned + uint64_t(p.remaining));
        }
        text += tr(" · %L1 matches · %2")
                    .arg(p.delivered)
                    .arg(rate ? tr("%1 rec/s").arg(rateText(*rate)) : tr("measuring the rate…"));
        if (eta) {
            text += tr(" · about %1 left").arg(durationText(*eta));
        }
    }
    searchLabel_->setText(text);
    Q_EMIT searchProgressShown(text);
}

void InspectorPage::onFinished(inspect::FinishReason reason, const kafka::KafkaError &error)
{
    const bool wasSearch = searching_;
    if (session_) {
        session_->deleteLater();
        session_ = nullptr;
    }
    searching_ = false;
    QString message;
    switch (reason) {
    case inspect::FinishReason::Completed:
        message = wasSearch
            ? tr("Search finished: %L1 matches.").arg(model_->store().size())
            : tr("Finished: the stop condition was met (%L1 records).").arg(model_->store().size());
        break;
    case inspect::FinishReason::Stopped:
        message = wasSearch ? tr("Search cancelled (%L1 matches so far).").arg(model_->store().size())
                            : tr("Stopped.");
        break;
    case inspect::FinishReason::Failed:
        message = tr("Reading failed: %1").arg(error.message);
        break;
    }
    tailing_ = false;
    setFollowingHeld(false);
    paused_ = false;
    syncPauseAction();
    readRate_.reset(); // nothing is read any more: no rate, rather than the last one
    tableRate_.reset();
    lastProgress_.paused = false;
    updateRateLabels(lastProgress_);
    if (wasSearch) {
        // The bar stays with the outcome until the user closes it or reads again.
        inspect::ConsumerProgress last = lastProgress_;
        last.delivered = std::max<uint64_t>(last.delivered, model_->store().size());
        updateSearchLabel(last, reason == inspect::FinishReason::Completed);
        cancelSearch_->hide();
        closeSearch_->show();
        backToTail_->setVisible(searchStoppedTail_);
        searchNote_->setText(searchStoppedTail_
                ? tr("The live tail was stopped for the search: go back to it when you are done here.")
                : QString());
    }
    setStatus(message, reason == inspect::FinishReason::Failed);
    updateActions();
    Q_EMIT consumptionFinished(reason, message);
}

void InspectorPage::onFilterChanged(std::shared_ptr<const inspect::FilterExpression> expression)
{
    model_->setFilter(std::move(expression));
    restoreCurrent();
    updateHeldLabel(); // "shown by filter" changed
}

void InspectorPage::restoreCurrent()
{
    // A reset (filter, heartbeats) loses the selection; bring back the record it was on.
    if (!currentId_) {
        return;
    }
    const int row = model_->rowOf(*currentId_);
    if (row < 0) {
        currentId_.reset();
        detail_->clear();
        return;
    }
    const QModelIndex index = model_->index(row, MessageTableModel::ValueColumn);
    const QSignalBlocker block(table_->selectionModel());
    table_->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index, QAbstractItemView::PositionAtCenter);
    table_->viewport()->update();
}

void InspectorPage::onCurrentRowChanged()
{
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const auto id = current.isValid() ? model_->idAt(current.row()) : std::nullopt;
    if (!id) {
        currentId_.reset();
        detail_->clear();
        if (followHeld_) {
            resumeFollowing(); // the selection is gone: follow the newest records again
        }
        updateActions();
        return;
    }
    if (id == currentId_) {
        return; // the same record moved up because older rows were dropped
    }
    currentId_ = id;
    // A row the user picked during a read stays where it is: the tail is not followed.
    setFollowingHeld(true);
    // Only the selected record is decoded fully.
    detail_->showRecord(RecordDetail::from(model_->viewAt(current.row()), model_->decode(current.row())));
    updateActions();
}

void InspectorPage::updateHeldLabel()
{
    const inspect::MessageStore &store = model_->store();
    const QString widest = QLocale().toString(9999999);
    QString text = tr("%L1 held").arg(store.size());
    QString widestText = tr("%1 held").arg(widest);
    if (model_->isFiltered()) {
        text += tr(" · %L1 shown by filter").arg(model_->rowCount());
        widestText += tr(" · %1 shown by filter").arg(widest);
    }
    if (store.droppedCount() > 0) {
        text += tr(" · %L1 oldest dropped").arg(store.droppedCount());
        widestText += tr(" · %1 oldest dropped").arg(widest);
    }
    setSteadyText(heldLabel_, text, widestText);
    heldLabel_->setToolTip(tr("Records held in memory; the filter shows those it matches. The oldest "
                              "are dropped when the memory budget is reached."));
    // What the records weigh follows every record; the store reserves its memory a chunk at a
    // time (several MB at once), and the budget counts what is reserved.
    setSteadyText(memoryLabel_,
        tr("%1 of %2").arg(dataSize(store.payloadBytes()), dataSize(store.memoryBudget())),
        tr("%1 of %2").arg(tr("888.8 MB"), dataSize(store.memoryBudget())));
    memoryLabel_->setToolTip(tr("The held records weigh %1 (keys, values and headers). The store reserves "
                                "memory a chunk at a time, %2 now; when the reserved memory would pass "
                                "the %3 budget, the oldest records are dropped.")
                                 .arg(dataSize(store.payloadBytes()), dataSize(store.memoryUsed()),
                                     dataSize(store.memoryBudget())));
}

void InspectorPage::updateActions()
{
    const bool running = isConsuming();
    const bool ready = hasConnection_ && !topic_.isEmpty();
    const bool hasCurrent = currentId_.has_value();
    const bool hasSelection = table_->selectionModel() && table_->selectionModel()->hasSelection();
    start_->setEnabled(ready);
    liveTail_->setEnabled(ready);
    searchTopic_->setEnabled(ready);
    stop_->setEnabled(running);
    pause_->setEnabled(running);
    for (QAction *a : {copyValue_, copyJson_, copyKcat_, copyEdis_}) {
        a->setEnabled(hasCurrent);
    }
    exportSelectedJson_->setEnabled(hasSelection);
    exportSelectedCsv_->setEnabled(hasSelection);
    exportAllJson_->setEnabled(model_->rowCount() > 0 || running);
    exportAllCsv_->setEnabled(model_->rowCount() > 0 || running);
    // A read-only connection never writes: no import, no produce.
    const bool writable = ready && !connection_.readOnly;
    import_->setEnabled(writable);
    produce_->setEnabled(writable);
    copyToTopic_->setEnabled(writable && hasSelection);
    copyToTopic_->setToolTip(connection_.readOnly ? tr("The connection is read-only.")
                                                  : tr("Replay the selected records to a topic"));
    const QString readOnlyTip = tr("The connection is read-only.");
    import_->setToolTip(
        connection_.readOnly ? readOnlyTip : QString(import_->text()).remove(QLatin1Char('&')));
    produce_->setToolTip(
        connection_.readOnly ? readOnlyTip : QString(produce_->text()).remove(QLatin1Char('&')));
    controls_->setEnabled(!running);
}

void InspectorPage::copySelected(int what)
{
    if (!currentId_ || !model_->store().contains(*currentId_)) {
        setStatus(tr("The selected record is no longer held."), true);
        return;
    }
    const inspect::MessageView record = model_->store().view(*currentId_);
    QString text;
    switch (what) {
    case CopyValue:
        text = inspect::valueText(record);
        break;
    case CopyJson:
        text = QString::fromStdString(inspect::toKcatJson(record));
        break;
    case CopyKcat:
        text = inspect::kcatProduceCommand(record, connection_);
        break;
    case CopyEdis:
        text = inspect::edisProduceCommand(record, connection_);
        break;
    default:
        return;
    }
    QApplication::clipboard()->setText(text);
    setStatus(tr("Copied %L1 characters.").arg(text.size()));
}

std::vector<inspect::MessageId> InspectorPage::rowsToExport(bool all) const
{
    std::vector<inspect::MessageId> ids;
    if (all) {
        const int rows = model_->rowCount();
        ids.reserve(std::size_t(rows));
        for (int r = 0; r < rows; ++r) {
            ids.push_back(*model_->idAt(r));
        }
        return ids;
    }
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        if (const auto id = model_->idAt(index.row())) {
            ids.push_back(*id);
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void InspectorPage::exportTo(const QString &path, inspect::ExportFormat format, bool all)
{
    const std::vector<inspect::MessageId> ids = rowsToExport(all);
    // Copy the records now (the store keeps changing while tailing); write them on a worker.
    inspect::MessageBatch copy;
    for (const inspect::MessageId id : ids) {
        copy.append(model_->store().view(id));
    }
    setStatus(tr("Exporting %L1 records to %2…").arg(ids.size()).arg(path));
    runInBackground<inspect::ExportResult>(
        this,
        [copy = std::move(copy), format, path]() mutable {
            return inspect::exportToFile(std::move(copy), format, path);
        },
        [this, path](inspect::ExportResult result) {
            setStatus(result.ok() ? tr("Exported %L1 records to %2.").arg(result.written).arg(path)
                                  : tr("Export to %1 failed: %2").arg(path, result.error),
                !result.ok());
            Q_EMIT exportFinished(path, result.written, result.error);
        });
}

void InspectorPage::exportInteractively(inspect::ExportFormat format, bool all)
{
    const bool csv = format == inspect::ExportFormat::Csv;
    const QString suggested = topic_ + (csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl"));
    const QString path = QFileDialog::getSaveFileName(this,
        all ? tr("Export All Shown Records") : tr("Export Selected Records"), suggested,
        csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.json)"));
    if (!path.isEmpty()) {
        exportTo(path, format, all);
    }
}

void InspectorPage::importFrom(const QString &path, const QString &topic)
{
    inspect::ImportOptions options;
    options.topic = topic;
    options.keepPartitions = true;
    options.keepTimestamps = true;
    setStatus(tr("Importing %1 to %2…").arg(path, topic));
    runInBackground<inspect::ImportResult>(
        this,
        [path, connection = connection_, options] {
            return inspect::importFromFile(path, connection, options);
        },
        [this, path, topic](inspect::ImportResult result) {
            const QString error = result.ok() ? QString() : result.error.message;
            setStatus(result.ok()
                    ? tr("Imported %L1 records from %2 to %3.").arg(result.produced).arg(path, topic)
                    : tr("Import stopped after %L1 records: %2").arg(result.produced).arg(error),
                !result.ok());
            Q_EMIT importFinished(path, result.produced, error);
        });
}

void InspectorPage::copySelectedToTopic(const QString &topic, bool keepTimestamps)
{
    const std::vector<inspect::MessageId> ids = rowsToExport(false);
    // Copy the records now (the store keeps changing while tailing); the worker writes them as
    // kcat -J lines and produces those, so the replay is the export/import round trip that is
    // tested byte for byte.
    inspect::MessageBatch copy;
    for (const inspect::MessageId id : ids) {
        copy.append(model_->store().view(id));
    }
    inspect::ImportOptions options;
    options.topic = topic;
    options.keepPartitions = true;
    options.keepTimestamps = keepTimestamps;
    setStatus(tr("Copying %L1 records to %2…").arg(ids.size()).arg(topic));
    runInBackground<inspect::ImportResult>(
        this,
        [copy = std::move(copy), connection = connection_, options]() {
            QByteArray lines;
            for (std::size_t i = 0; i < copy.size(); ++i) {
                lines += QByteArray::fromStdString(inspect::toKcatJson(copy.at(i)));
                lines += '\n';
            }
            QBuffer buffer(&lines);
            buffer.open(QIODevice::ReadOnly);
            return inspect::importKcatJson(&buffer, connection, options);
        },
        [this, topic](inspect::ImportResult result) {
            const QString error = result.ok() ? QString() : result.error.message;
            setStatus(result.ok() ? tr("Copied %L1 records to %2.").arg(result.produced).arg(topic)
                                  : tr("Copy to %1 stopped after %L2 records: %3")
                                        .arg(topic)
                                        .arg(result.produced)
                                        .arg(error),
                !result.ok());
            Q_EMIT copyToTopicFinished(topic, result.produced, error);
        });
}

void InspectorPage::copyToTopicInteractively()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Copy Selected to Topic"));
    auto *topic = new QLineEdit(&dialog);
    topic->setPlaceholderText(tr("target topic"));
    auto *timestamps = new QCheckBox(tr("Keep the original timestamps"), &dialog);
    timestamps->setChecked(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(new QLabel(
        tr("Produce the %n selected record(s), with their keys, headers and partitions, to:", nullptr,
            int(rowsToExport(false).size())),
        &dialog));
    form->addRow(tr("Topic:"), topic);
    form->addRow(timestamps);
    form->addRow(buttons);
    if (dialog.exec() == QDialog::Accepted && !topic->text().trimmed().isEmpty()) {
        copySelectedToTopic(topic->text().trimmed(), timestamps->isChecked());
    }
}

void InspectorPage::importInteractively()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import JSON Lines"), QString(), tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    bool ok = false;
    const QString topic = QInputDialog::getText(this, tr("Import to Topic"),
        tr("Produce the records of %1 to topic:").arg(QFileInfo(path).fileName()), QLineEdit::Normal, topic_,
        &ok);
    if (ok && !topic.trimmed().isEmpty()) {
        importFrom(path, topic.trimmed());
    }
}

void InspectorPage::openProduceDialog()
{
    auto *dialog = new ProduceDialog(connection_, topic_, partitionCount_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (currentId_ && model_->store().contains(*currentId_)) {
        dialog->loadRecord(model_->store().view(*currentId_));
    }
    dialog->show();
}

void InspectorPage::setStatus(const QString &text, bool problem)
{
    static_cast<widgets::ElidedLabel *>(statusLabel_)->setFullText(text);
    statusLabel_->setStyleSheet(problem ? QStringLiteral("QLabel { color: #d32f2f; }") : QString());
}

} // namespace edis::ui
