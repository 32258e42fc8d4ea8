#include "inspector/recordactions.h"

#include "dialogs/producedialog.h"
#include "inspector/backgroundjob.h"
#include "inspectorcontroller.h"
#include "messagetablemodel.h"
#include "recordcommands.h"
#include "recordfiles.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

#include <algorithm>

namespace edis::ui {

namespace {

QAction *makeAction(const QString &text, const QString &objectName, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    return action;
}

} // namespace

RecordActions::RecordActions(
    inspect::InspectorController *controller, QTableView *table, CurrentRecord current, QWidget *page)
    : QObject(page)
    , controller_(controller)
    , table_(table)
    , current_(std::move(current))
    , page_(page)
{
    buildActions();
    connectActions();
}

void RecordActions::buildActions()
{
    copyValue_ = makeAction(tr("Copy Value"), QStringLiteral("inspectorCopyValueAction"), page_);
    copyValue_->setShortcut(QKeySequence::Copy);
    copyJson_ = makeAction(tr("Copy as JSON"), QStringLiteral("inspectorCopyJsonAction"), page_);
    copyJson_->setToolTip(tr("The record as a kcat -J envelope"));
    copyJson_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyKcat_ = makeAction(tr("Copy as kcat -P"), QStringLiteral("inspectorCopyKcatAction"), page_);
    copyEdis_ = makeAction(tr("Copy as edis produce"), QStringLiteral("inspectorCopyEdisAction"), page_);
    exportSelectedJson_ = makeAction(
        tr("Export Selected as JSON Lines…"), QStringLiteral("inspectorExportSelectedJsonAction"), page_);
    exportAllJson_ = makeAction(
        tr("Export All Shown as JSON Lines…"), QStringLiteral("inspectorExportAllJsonAction"), page_);
    exportSelectedCsv_ = makeAction(
        tr("Export Selected as CSV…"), QStringLiteral("inspectorExportSelectedCsvAction"), page_);
    exportAllCsv_
        = makeAction(tr("Export All Shown as CSV…"), QStringLiteral("inspectorExportAllCsvAction"), page_);
    import_ = makeAction(tr("Import JSON Lines to Topic…"), QStringLiteral("inspectorImportAction"), page_);
    copyToTopic_
        = makeAction(tr("Copy Selected to Topic…"), QStringLiteral("inspectorCopyToTopicAction"), page_);
    produce_ = makeAction(tr("Produce…"), QStringLiteral("inspectorProduceAction"), page_);
    produce_->setToolTip(tr("Send a record to this topic"));
}

void RecordActions::connectActions()
{
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
    connect(import_, &QAction::triggered, this, &RecordActions::importInteractively);
    connect(copyToTopic_, &QAction::triggered, this, &RecordActions::copyToTopicInteractively);
    connect(produce_, &QAction::triggered, this, &RecordActions::openProduceDialog);
}

void RecordActions::updateEnabled()
{
    const bool running = controller_->isConsuming();
    const bool ready = controller_->canRead();
    const bool readOnly = controller_->connection().readOnly;
    const bool hasCurrent = current_().has_value();
    const bool hasSelection = table_->selectionModel() && table_->selectionModel()->hasSelection();
    const int rows = controller_->model()->rowCount();
    // Records of a RabbitMQ stream are not Kafka records: no kcat or edis produce command
    // reproduces them, and nothing here writes them to a Kafka topic.
    const bool kafka = !controller_->readsRecordSource();
    for (QAction *a : {copyValue_, copyJson_}) {
        a->setEnabled(hasCurrent);
    }
    for (QAction *a : {copyKcat_, copyEdis_}) {
        a->setEnabled(hasCurrent && kafka);
    }
    exportSelectedJson_->setEnabled(hasSelection);
    exportSelectedCsv_->setEnabled(hasSelection);
    exportAllJson_->setEnabled(rows > 0 || running);
    exportAllCsv_->setEnabled(rows > 0 || running);
    // A read-only connection never writes: no import, no produce.
    const bool writable = ready && !readOnly && kafka;
    import_->setEnabled(writable);
    produce_->setEnabled(writable);
    copyToTopic_->setEnabled(writable && hasSelection);
    const QString readOnlyTip = tr("The connection is read-only.");
    copyToTopic_->setToolTip(readOnly ? readOnlyTip : tr("Replay the selected records to a topic"));
    import_->setToolTip(readOnly ? readOnlyTip : QString(import_->text()).remove(QLatin1Char('&')));
    produce_->setToolTip(readOnly ? readOnlyTip : QString(produce_->text()).remove(QLatin1Char('&')));
}

void RecordActions::copySelected(CopyWhat what)
{
    const std::optional<inspect::MessageId> current = current_();
    const inspect::MessageStore &store = controller_->model()->store();
    if (!current || !store.contains(*current)) {
        setStatus(tr("The selected record is no longer held."), true);
        return;
    }
    const inspect::MessageView record = store.view(*current);
    QString text;
    switch (what) {
    case CopyValue:
        text = inspect::valueText(record);
        break;
    case CopyJson:
        text = QString::fromStdString(inspect::toKcatJson(record));
        break;
    case CopyKcat:
        text = inspect::kcatProduceCommand(record, controller_->connection());
        break;
    case CopyEdis:
        text = inspect::edisProduceCommand(record, controller_->connection());
        break;
    }
    QApplication::clipboard()->setText(text);
    setStatus(tr("Copied %L1 characters.").arg(text.size()));
}

std::vector<inspect::MessageId> RecordActions::rowsToExport(bool all) const
{
    const inspect::MessageTableModel *model = controller_->model();
    std::vector<inspect::MessageId> ids;
    if (all) {
        const int rows = model->rowCount();
        ids.reserve(std::size_t(rows));
        for (int r = 0; r < rows; ++r) {
            ids.push_back(*model->idAt(r));
        }
        return ids;
    }
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        if (const auto id = model->idAt(index.row())) {
            ids.push_back(*id);
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

inspect::MessageBatch RecordActions::copyOf(const std::vector<inspect::MessageId> &ids) const
{
    const inspect::MessageStore &store = controller_->model()->store();
    inspect::MessageBatch copy;
    for (const inspect::MessageId id : ids) {
        copy.append(store.view(id));
    }
    return copy;
}

void RecordActions::exportTo(const QString &path, inspect::ExportFormat format, bool all)
{
    const std::vector<inspect::MessageId> ids = rowsToExport(all);
    inspect::MessageBatch copy = copyOf(ids); // written on a worker
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

void RecordActions::exportInteractively(inspect::ExportFormat format, bool all)
{
    const bool csv = format == inspect::ExportFormat::Csv;
    const QString suggested
        = controller_->topic() + (csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl"));
    const QString path = QFileDialog::getSaveFileName(page_,
        all ? tr("Export All Shown Records") : tr("Export Selected Records"), suggested,
        csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.json)"));
    if (!path.isEmpty()) {
        exportTo(path, format, all);
    }
}

void RecordActions::importFrom(const QString &path, const QString &topic)
{
    inspect::ImportOptions options;
    options.topic = topic;
    options.keepPartitions = true;
    options.keepTimestamps = true;
    setStatus(tr("Importing %1 to %2…").arg(path, topic));
    runInBackground<inspect::ImportResult>(
        this,
        [path, connection = controller_->connection(), options] {
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

void RecordActions::copySelectedToTopic(const QString &topic, bool keepTimestamps)
{
    const std::vector<inspect::MessageId> ids = rowsToExport(false);
    // The worker writes the copies as kcat -J lines and produces those, so the replay is the
    // export/import round trip that is tested byte for byte.
    inspect::MessageBatch copy = copyOf(ids);
    inspect::ImportOptions options;
    options.topic = topic;
    options.keepPartitions = true;
    options.keepTimestamps = keepTimestamps;
    setStatus(tr("Copying %L1 records to %2…").arg(ids.size()).arg(topic));
    runInBackground<inspect::ImportResult>(
        this,
        [copy = std::move(copy), connection = controller_->connection(), options]() {
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

void RecordActions::copyToTopicInteractively()
{
    QDialog dialog(page_);
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

void RecordActions::importInteractively()
{
    const QString path = QFileDialog::getOpenFileName(
        page_, tr("Import JSON Lines"), QString(), tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    bool ok = false;
    const QString topic = QInputDialog::getText(page_, tr("Import to Topic"),
        tr("Produce the records of %1 to topic:").arg(QFileInfo(path).fileName()), QLineEdit::Normal,
        controller_->topic(), &ok);
    if (ok && !topic.trimmed().isEmpty()) {
        importFrom(path, topic.trimmed());
    }
}

void RecordActions::openProduceDialog()
{
    auto *dialog = new ProduceDialog(controller_->connection(), controller_->topic(),
        controller_->partitionCount(), page_, controller_->schemas());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const std::optional<inspect::MessageId> current = current_();
    const inspect::MessageStore &store = controller_->model()->store();
    if (current && store.contains(*current)) {
        dialog->loadRecord(store.view(*current));
    }
    dialog->show();
}

void RecordActions::setStatus(const QString &text, bool problem)
{
    controller_->setStatus(text, problem);
}

} // namespace edis::ui
