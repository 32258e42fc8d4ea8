#include "inspector/inspectorpage.h"

#include "elidedlabel.h"

#include "decoderregistry.h"
#include "filterexpression.h"
#include "inspector/consumecontrols.h"
#include "inspector/filterbar.h"
#include "inspector/inspectorstatusrow.h"
#include "inspector/messagedetailpane.h"
#include "inspector/recordactions.h"
#include "inspector/searchbar.h"
#include "inspectorcontroller.h"
#include "messagetablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace edis::ui {

using inspect::MessageTableModel;

namespace {

constexpr int kDefaultBudgetMb = 512;
const char *const kHiddenColumnsKey = "inspector/hiddenColumns";

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

QAction *makeAction(const QString &text, const QString &objectName, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    return action;
}

} // namespace

InspectorPage::InspectorPage(QWidget *parent)
    : QWidget(parent)
    , controller_(new inspect::InspectorController(this))
    , model_(controller_->model())
    , controls_(new ConsumeControls(this))
    , filter_(new FilterBar(this))
    , table_(new QTableView(this))
    , detail_(new MessageDetailPane(this))
    , splitter_(new QSplitter(Qt::Vertical, this))
    , records_(new RecordActions(
          controller_, table_, [this] { return currentId_; }, this))
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
    // Created here rather than with the members above: the keyboard focus goes through the
    // page's widgets in the order they were created.
    searchBar_ = new SearchBar(this);
    layout->addWidget(searchBar_);
    layout->addWidget(splitter_, 1);
    statusRow_ = new InspectorStatusRow(this);
    layout->addWidget(statusRow_);
    buildFollowNotice();

    for (QAction *a : {copyValueAction(), copyJsonAction(), copyKcatAction(), copyEdisAction()}) {
        detail_->addHeaderAction(a);
    }
    connect(filter_, &FilterBar::filterChanged, this, &InspectorPage::onFilterChanged);
    connectModel();
    connectController();
    updateHeldLabel();
    updateActions();
    statusRow_->showStatus(controller_->statusText(), controller_->statusIsProblem());
}

InspectorPage::~InspectorPage()
{
    // The controller (a child) stops its read when it goes; nothing of that reaches this page,
    // which is half destroyed by then.
    disconnect(controller_, nullptr, this, nullptr);
    disconnect(model_, nullptr, this, nullptr);
}

void InspectorPage::connectModel()
{
    connect(model_, &MessageTableModel::storeStatsChanged, this, &InspectorPage::updateHeldLabel);
    connect(model_, &QAbstractItemModel::modelReset, this, &InspectorPage::restoreCurrent);
    connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = table_->verticalScrollBar();
        followTail_ = !followHeld_ && bar->value() >= bar->maximum();
    });
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (followTail_ && !controller_->isSearching()) {
            table_->scrollToBottom();
        } else if (followHeld_) {
            // Older rows may have been dropped above it: the selected row stays in view.
            table_->scrollTo(table_->selectionModel()->currentIndex(), QAbstractItemView::EnsureVisible);
        }
    });
}

void InspectorPage::connectController()
{
    using inspect::InspectorController;
    connect(controller_, &InspectorController::statusChanged, statusRow_, &InspectorStatusRow::showStatus);
    connect(controller_, &InspectorController::stateChanged, this, &InspectorPage::onStateChanged);
    connect(controller_, &InspectorController::cleared, this, &InspectorPage::onCleared);
    connect(controller_, &InspectorController::readAbandoned, searchBar_, &QWidget::hide);
    connect(controller_, &InspectorController::readStarted, this, &InspectorPage::onReadStarted);
    connect(controller_, &InspectorController::figuresChanged, this,
        [this] { statusRow_->showFigures(controller_->readFigures()); });
    connect(controller_, &InspectorController::searchProgressChanged, this, &InspectorPage::updateSearchBar);
    connect(controller_, &InspectorController::batchesAdopted, this, [this] {
        if (!currentId_ && table_->selectionModel()->currentIndex().isValid()) {
            onCurrentRowChanged();
        }
    });
    connect(controller_, &InspectorController::decodedChanged, this, &InspectorPage::refreshDetail);
    connect(controller_, &InspectorController::finished, this, &InspectorPage::consumptionFinished);
    connect(searchBar_, &SearchBar::cancelRequested, this, &InspectorPage::stop);
    connect(searchBar_, &SearchBar::backToTailRequested, this, &InspectorPage::startLiveTail);
    connect(records_, &RecordActions::exportFinished, this, &InspectorPage::exportFinished);
    connect(records_, &RecordActions::importFinished, this, &InspectorPage::importFinished);
    connect(records_, &RecordActions::copyToTopicFinished, this, &InspectorPage::copyToTopicFinished);
}

QString InspectorPage::topic() const
{
    return controller_->topic();
}

inspect::MessageTableModel *InspectorPage::model() const
{
    return model_;
}

bool InspectorPage::isConsuming() const
{
    return controller_->isConsuming();
}

bool InspectorPage::isSearching() const
{
    return controller_->isSearching();
}

// clang-format off
QAction *InspectorPage::copyValueAction() const { return records_->copyValueAction(); }
QAction *InspectorPage::copyJsonAction() const { return records_->copyJsonAction(); }
QAction *InspectorPage::copyKcatAction() const { return records_->copyKcatAction(); }
QAction *InspectorPage::copyEdisAction() const { return records_->copyEdisAction(); }
QAction *InspectorPage::exportSelectedJsonAction() const { return records_->exportSelectedJsonAction(); }
QAction *InspectorPage::exportAllJsonAction() const { return records_->exportAllJsonAction(); }
QAction *InspectorPage::exportSelectedCsvAction() const { return records_->exportSelectedCsvAction(); }
QAction *InspectorPage::exportAllCsvAction() const { return records_->exportAllCsvAction(); }
QAction *InspectorPage::importAction() const { return records_->importAction(); }
QAction *InspectorPage::produceAction() const { return records_->produceAction(); }
QAction *InspectorPage::copyToTopicAction() const { return records_->copyToTopicAction(); }
// clang-format on

std::vector<inspect::MessageId> InspectorPage::rowsToExport(bool all) const
{
    return records_->rowsToExport(all);
}

void InspectorPage::exportTo(const QString &path, inspect::ExportFormat format, bool all)
{
    records_->exportTo(path, format, all);
}

void InspectorPage::importFrom(const QString &path, const QString &topic)
{
    records_->importFrom(path, topic);
}

void InspectorPage::copySelectedToTopic(const QString &topic, bool keepTimestamps)
{
    records_->copySelectedToTopic(topic, keepTimestamps);
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

    for (QAction *a : {start_, stop_, liveTail_, copyValueAction(), copyJsonAction()}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    connect(start_, &QAction::triggered, this, &InspectorPage::start);
    connect(stop_, &QAction::triggered, this, &InspectorPage::stop);
    connect(pause_, &QAction::toggled, this, &InspectorPage::setPaused);
    connect(liveTail_, &QAction::triggered, this, &InspectorPage::startLiveTail);
    connect(searchTopic_, &QAction::triggered, this, &InspectorPage::searchWholeTopic);
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
    exportMenu->addActions({records_->exportSelectedJsonAction(), records_->exportAllJsonAction()});
    exportMenu->addSeparator();
    exportMenu->addActions({records_->exportSelectedCsvAction(), records_->exportAllCsvAction()});
    exportMenu->addSeparator();
    exportMenu->addActions({records_->importAction(), records_->copyToTopicAction()});
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
    layout->addWidget(button(records_->produceAction(), QStringLiteral("inspectorProduceButton")));
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
    const inspect::DecoderRegistry &registry = *controller_->registry();
    for (int i = 0; i < registry.count(); ++i) {
        decoderCombo_->addItem(registry.at(i)->name(), registry.at(i)->id());
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
    connectFilterRow();

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

void InspectorPage::connectFilterRow()
{
    connect(hideHeartbeats_, &QCheckBox::toggled, this, [this](bool hide) {
        model_->setHideHeartbeats(hide);
        restoreCurrent();
    });
    connect(decoderCombo_, &QComboBox::currentIndexChanged, this, [this] {
        model_->setDecoderOverride(controller_->topic(), decoderCombo_->currentData().toString());
        currentId_.reset(); // decode the selected record again with the new decoder
        onCurrentRowChanged();
    });
    connect(budgetSpin_, &QSpinBox::valueChanged, this,
        [this](int mb) { model_->setMemoryBudget(std::size_t(mb) << 20); });
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
    held = held && controller_->isConsuming() && !controller_->isSearching();
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
    setUpHeader();
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &InspectorPage::onCurrentRowChanged);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &InspectorPage::updateActions);

    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addActions({copyValueAction(), copyJsonAction(), copyKcatAction(), copyEdisAction()});
        menu.addSeparator();
        menu.addActions({exportSelectedJsonAction(), exportSelectedCsvAction()});
        menu.addSeparator();
        menu.addAction(copyToTopicAction());
        menu.exec(table_->viewport()->mapToGlobal(pos));
    });
}

void InspectorPage::setUpHeader()
{
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
            controller_->setStatus(tr("The decoder column does not sort."));
        }
    });
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setColumnWidths();
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
}

void InspectorPage::setColumnWidths()
{
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

void InspectorPage::setConnection(
    const kafka::ConnectionSettings &settings, std::shared_ptr<inspect::RegistryDecoding> schemas)
{
    controller_->setConnection(settings, std::move(schemas));
}

void InspectorPage::setRecordSource(
    inspect::RecordSourceFactory factory, const QString &identity, const QString &name)
{
    controller_->setRecordSource(std::move(factory), identity);
    setTopic(name, 1);
}

void InspectorPage::setTopic(const QString &topic, int partitionCount)
{
    controller_->setTopic(topic, partitionCount);
    controls_->setPartitionCount(partitionCount);
    static_cast<widgets::ElidedLabel *>(topicLabel_)
        ->setFullText(
            partitionCount > 0 ? tr("%1  ·  %n partition(s)", nullptr, partitionCount).arg(topic) : topic);
    {
        const QSignalBlocker block(decoderCombo_);
        const int i = decoderCombo_->findData(model_->decoderOverride(topic.toStdString()));
        decoderCombo_->setCurrentIndex(std::max(0, i));
    }
    updateActions();
}

void InspectorPage::start()
{
    inspect::ConsumeRequest request;
    controls_->fill(request, controller_->topic());
    controller_->start(std::move(request), controls_->describe());
}

void InspectorPage::startLiveTail()
{
    controls_->setStartKind(inspect::StartPosition::Kind::End);
    controls_->setStopCondition(ConsumeControls::StopNever);
    start();
}

void InspectorPage::searchWholeTopic()
{
    if (controller_->canRead()) {
        filter_->apply();
    }
    const bool valid = !filter_->error().isError();
    if (!controller_->searchWholeTopic(valid ? filter_->expression() : nullptr, controls_->partitions())
        && controller_->canRead()) {
        filter_->lineEdit()->setFocus(); // the filter is what is missing
    }
}

void InspectorPage::stop()
{
    controller_->stop();
}

void InspectorPage::setPaused(bool paused)
{
    controller_->setPaused(paused);
}

void InspectorPage::onCleared()
{
    detail_->clear();
    currentId_.reset();
}

void InspectorPage::onReadStarted(bool search)
{
    followTail_ = true;
    setFollowingHeld(false);
    searchBar_->showStarted(search, controller_->searchFigures(), controller_->searchNote());
}

void InspectorPage::onStateChanged()
{
    if (followHeld_) {
        setFollowingHeld(true); // only while a read that is not a search runs
    }
    syncPauseAction();
    updateActions();
}

void InspectorPage::syncPauseAction()
{
    // The one place the button is set from: it shows the state the read is really in.
    const bool paused = controller_->isPaused();
    const QSignalBlocker block(pause_);
    pause_->setChecked(paused);
    pause_->setText(paused ? tr("Resume") : tr("Pause"));
    pause_->setToolTip(paused ? tr("Fetching is paused: resume reading")
                              : tr("Pause fetching (the table keeps what it has)"));
}

void InspectorPage::updateSearchBar()
{
    const inspect::SearchFigures figures = controller_->searchFigures();
    searchBar_->showProgress(figures);
    if (!controller_->isSearching()) {
        // The bar stays with the outcome until the user closes it or reads again.
        searchBar_->showOutcome(controller_->searchStoppedTail(), controller_->searchNote());
    }
    Q_EMIT searchProgressShown(figures.text);
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

void InspectorPage::refreshDetail()
{
    const auto &shown = detail_->record();
    if (!currentId_ || !shown || !shown->decoded.schemaId
        || (shown->decoded.kind != inspect::DecodedValue::Kind::Framed
            && shown->decoded.kind != inspect::DecodedValue::Kind::Error)) {
        return;
    }
    const int row = model_->rowOf(*currentId_);
    if (row >= 0) {
        detail_->showRecord(RecordDetail::from(model_->viewAt(row), model_->decode(row)));
    }
}

void InspectorPage::updateHeldLabel()
{
    statusRow_->showHeld(*model_);
}

void InspectorPage::updateActions()
{
    const bool running = controller_->isConsuming();
    const bool ready = controller_->canRead();
    start_->setEnabled(ready);
    liveTail_->setEnabled(ready);
    searchTopic_->setEnabled(ready);
    stop_->setEnabled(running);
    pause_->setEnabled(running);
    records_->updateEnabled();
    controls_->setEnabled(!running);
}

} // namespace edis::ui
