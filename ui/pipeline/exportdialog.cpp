#include "exportdialog.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"
#include "exporter.h"
#include "kafka/kafkaclient.h"
#include "pipelineeditor.h"
#include "pipelinemodel.h"
#include "topicsmanifest.h"
#include "util/backgroundjob.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

using exporting::Target;

namespace {
constexpr int NodeRole = Qt::UserRole + 1;
enum TopicColumn { TopicName, TopicPartitions, TopicState, TopicPurpose, TopicColumns };

struct WriteOutcome {
    bool ok = false;
    QStringList written;
    QString error;
};
} // namespace

ExportDialog::ExportDialog(PipelineEditor *editor, QWidget *parent)
    : QDialog(parent)
    , editor_(editor)
    , target_(new QComboBox)
    , secrets_(new QComboBox)
    , secretsFile_(new QLineEdit)
    , bootstrap_(new QLineEdit)
    , directory_(new QLineEdit)
    , problems_(new QListWidget)
    , files_(new QListWidget)
    , preview_(new QPlainTextEdit)
    , topics_(new QTableWidget(0, TopicColumns))
    , createTopics_(new QPushButton(tr("&Create Missing Topics")))
    , export_(new QPushButton(tr("&Export")))
    , switchTarget_(new QPushButton)
    , message_(new QLabel)
    , topicsNote_(new QLabel)
    , requests_(new cluster::SessionRequests(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1 for an Engine").arg(editor->displayName()));
    buildUi();
    connect(target_, &QComboBox::currentIndexChanged, this, [this] {
        if (!directoryTouched_) {
            directory_->setText(defaultDirectory(Target(target_->currentData().toInt())));
        }
        refresh();
    });
    connect(secrets_, &QComboBox::currentIndexChanged, this, [this] {
        secretsFile_->setEnabled(secrets_->currentIndex() == 1);
        refresh();
    });
    connect(secretsFile_, &QLineEdit::editingFinished, this, &ExportDialog::refresh);
    connect(bootstrap_, &QLineEdit::editingFinished, this, &ExportDialog::refresh);
    connect(directory_, &QLineEdit::textEdited, this, [this] { directoryTouched_ = true; });
    connect(files_, &QListWidget::currentRowChanged, this, &ExportDialog::showFile);
    connect(problems_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const auto node = item->data(NodeRole).toULongLong();
        if (node != pipeline::InvalidNodeId) {
            editor_->focusProblem(node, pipeline::InvalidEdgeId);
        }
    });
    connect(export_, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(createTopics_, &QPushButton::clicked, this, &ExportDialog::createMissingTopics);
    connect(switchTarget_, &QPushButton::clicked, this, [this] {
        const std::optional<Target> other = exportableTarget();
        if (other) {
            target_->setCurrentIndex(target_->findData(int(*other)));
        }
    });
    // Open on a target the pipeline can be exported to as designed (the sample's filter is not
    // expressible on Kafka Connect, but Redpanda Connect runs it); the first one when none can.
    const std::optional<Target> initial = exportableTarget();
    const QSignalBlocker blocker(target_);
    target_->setCurrentIndex(initial ? target_->findData(int(*initial)) : 0);
    directory_->setText(defaultDirectory(Target(target_->currentData().toInt())));
    refresh();
}

std::optional<Target> ExportDialog::exportableTarget() const
{
    for (int i = 0; i < target_->count(); ++i) {
        const Target target = Target(target_->itemData(i).toInt());
        if (!exporting::exportPipeline(*editor_->model(), target, options()).report.hasErrors()) {
            return target;
        }
    }
    return std::nullopt;
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::buildUi()
{
    target_->setObjectName(QStringLiteral("exportTarget"));
    target_->addItem(tr("Kafka Connect (+ Debezium)"), int(Target::KafkaConnect));
    target_->addItem(tr("Redpanda Connect"), int(Target::RedpandaConnect));
    secrets_->setObjectName(QStringLiteral("exportSecrets"));
    secrets_->addItem(tr("Environment variables (${env:…})"));
    secrets_->addItem(tr("Secrets file (${file:…})"));
    secrets_->setToolTip(tr("Secrets are never written in plain text: the configs refer to them, and a "
                            "template lists what the deployment must provide."));
    secretsFile_->setText(exporting::ExportOptions {}.secretsFile);
    secretsFile_->setEnabled(false);
    secretsFile_->setToolTip(tr("The secrets file as the Connect workers see it."));
    bootstrap_->setObjectName(QStringLiteral("exportBootstrap"));
    bootstrap_->setPlaceholderText(tr("from KAFKA_BOOTSTRAP_SERVERS at deployment"));
    directory_->setObjectName(QStringLiteral("exportDirectory"));
    auto *browse = new QPushButton(tr("&Browse…"));
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseDirectory);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(directory_, 1);
    dirRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Target:"), target_);
    form->addRow(tr("&Secrets:"), secrets_);
    form->addRow(tr("Secrets &file:"), secretsFile_);
    form->addRow(tr("&Kafka bootstrap:"), bootstrap_);
    auto *dirLabel = new QLabel(tr("&Directory:"));
    dirLabel->setBuddy(directory_);
    form->addRow(dirLabel, dirRow);

    problems_->setObjectName(QStringLiteral("exportProblems"));
    problems_->setWordWrap(true);
    problems_->setAlternatingRowColors(true);
    files_->setObjectName(QStringLiteral("exportFiles"));
    preview_->setObjectName(QStringLiteral("exportPreview"));
    preview_->setReadOnly(true);
    preview_->setLineWrapMode(QPlainTextEdit::NoWrap);
    preview_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *filesSplit = new QSplitter(Qt::Horizontal);
    filesSplit->addWidget(files_);
    filesSplit->addWidget(preview_);
    filesSplit->setStretchFactor(1, 3);
    filesSplit->setSizes({220, 560});

    topics_->setObjectName(QStringLiteral("exportTopics"));
    topics_->setHorizontalHeaderLabels({tr("Topic"), tr("Partitions"), tr("On the cluster"), tr("Why")});
    topics_->verticalHeader()->hide();
    topics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    topics_->horizontalHeader()->setStretchLastSection(true);
    createTopics_->setObjectName(QStringLiteral("exportCreateTopics"));
    topicsNote_->setWordWrap(true);
    auto *topicsPane = new QWidget;
    auto *topicsLayout = new QVBoxLayout(topicsPane);
    topicsLayout->addWidget(topicsNote_);
    topicsLayout->addWidget(topics_, 1);
    auto *topicsButtons = new QHBoxLayout;
    topicsButtons->addStretch();
    topicsButtons->addWidget(createTopics_);
    topicsLayout->addLayout(topicsButtons);

    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("exportTabs"));
    tabs->addTab(problems_, tr("Problems"));
    tabs->addTab(filesSplit, tr("Files"));
    tabs->addTab(topicsPane, tr("Topics"));

    message_->setObjectName(QStringLiteral("exportMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    switchTarget_->setObjectName(QStringLiteral("exportSwitchTarget"));
    switchTarget_->hide();
    export_->setObjectName(QStringLiteral("exportWrite"));
    export_->setDefault(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(switchTarget_, QDialogButtonBox::ActionRole);
    buttons->addButton(export_, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(tabs, 1);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    resize(900, 640);
}

void ExportDialog::setSession(cluster::ClusterSession *session)
{
    if (session_) {
        disconnect(session_, nullptr, this, nullptr);
    }
    session_ = session;
    requests_->setSession(session);
    if (session) {
        connect(session, &cluster::ClusterSession::metadataChanged, this, &ExportDialog::refreshTopics);
    }
    refreshTopics();
}

void ExportDialog::setBootstrapServers(const QString &servers)
{
    bootstrap_->setText(servers);
    refresh();
}

exporting::ExportOptions ExportDialog::options() const
{
    exporting::ExportOptions o;
    o.secretStyle = secrets_->currentIndex() == 1 ? exporting::SecretStyle::File
                                                  : exporting::SecretStyle::EnvironmentVariable;
    if (!secretsFile_->text().trimmed().isEmpty()) {
        o.secretsFile = secretsFile_->text().trimmed();
    }
    o.bootstrapServers = bootstrap_->text().trimmed();
    return o;
}

QString ExportDialog::defaultDirectory(Target target) const
{
    const QString file = editor_->filePath();
    const QString base = file.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                        : QFileInfo(file).absolutePath();
    QString name = QFileInfo(file).fileName();
    name = name.isEmpty() ? editor_->model()->name() : name.section(QLatin1Char('.'), 0, 0);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
    return QDir(base).filePath(QStringLiteral("%1-%2").arg(
        name.isEmpty() ? QStringLiteral("pipeline") : name, exporting::targetId(target)));
}

void ExportDialog::refresh()
{
    const Target target = Target(target_->currentData().toInt());
    result_ = exporting::exportPipeline(*editor_->model(), target, options());
    fileContents_ = result_.files(options());

    problems_->clear();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const exporting::ExportProblem &p : result_.report.problems) {
        auto *item = new QListWidgetItem(p.isError() ? errorIcon : warningIcon, p.message);
        item->setData(NodeRole, QVariant::fromValue<qulonglong>(p.node));
        item->setToolTip(QStringLiteral("%1 (%2)").arg(p.message, p.code));
        problems_->addItem(item);
    }
    if (result_.report.problems.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Every node is expressed as designed."));
        item->setFlags(Qt::ItemIsEnabled);
        problems_->addItem(item);
    }

    const int row = files_->currentRow();
    files_->clear();
    for (const exporting::ExportFile &f : std::as_const(fileContents_)) {
        files_->addItem(f.path);
    }
    files_->setCurrentRow(fileContents_.isEmpty() ? -1 : std::clamp(row, 0, int(fileContents_.size()) - 1));
    showFile(files_->currentRow());

    const qsizetype errors = std::count_if(result_.report.problems.cbegin(), result_.report.problems.cend(),
        [](const exporting::ExportProblem &p) { return p.isError(); });
    export_->setEnabled(errors == 0 && !writing_);
    // Another target that runs the pipeline as designed is offered in one click.
    QString otherName;
    if (errors > 0) {
        if (const std::optional<Target> other = exportableTarget()) {
            otherName = target_->itemText(target_->findData(int(*other)));
        }
    }
    switchTarget_->setVisible(!otherName.isEmpty());
    switchTarget_->setText(tr("Use %1").arg(otherName));
    if (errors > 0) {
        QString text = tr("%n problem(s) keep this pipeline from running on %1 as designed; nothing can be "
                          "exported until they are fixed (double-click one to go to its node).",
            nullptr, int(errors))
                           .arg(target_->currentText());
        if (!otherName.isEmpty()) {
            text += QLatin1Char(' ') + tr("%1 runs it as designed.").arg(otherName);
        }
        showMessage(text, true);
    } else {
        showMessage(tr("%n file(s) to write.", nullptr, int(fileContents_.size())), false);
    }
    refreshTopics();
}

void ExportDialog::showFile(int row)
{
    preview_->setPlainText(row >= 0 && row < fileContents_.size()
            ? QString::fromUtf8(fileContents_.at(row).content)
            : QString());
}

void ExportDialog::refreshTopics()
{
    cluster::ClusterSession *session = session_.data();
    const bool connected = session && !session->metadata().topics.isEmpty();
    topics_->setRowCount(int(result_.topics.size()));
    int missing = 0;
    for (int row = 0; row < result_.topics.size(); ++row) {
        const exporting::TopicSpec &t = result_.topics.at(row);
        QString state = tr("?");
        if (connected) {
            const auto info = session->metadata().topic(t.name);
            if (!info) {
                state = tr("missing");
                ++missing;
            } else if (t.partitions > 0 && int(info->partitions.size()) != t.partitions) {
                state = tr("exists, %1 partitions").arg(info->partitions.size());
            } else {
                state = tr("exists");
            }
        }
        const QStringList cells {
            t.name, t.partitions > 0 ? QString::number(t.partitions) : tr("default"), state, t.purpose};
        for (int c = 0; c < TopicColumns; ++c) {
            topics_->setItem(row, c, new QTableWidgetItem(cells.at(c)));
        }
    }
    topics_->resizeColumnToContents(TopicName);
    if (!connected) {
        topicsNote_->setText(
            tr("Not bound to a cluster: select one in Clusters to compare these topics with it."));
    } else {
        topicsNote_->setText(missing > 0
                ? tr("%n topic(s) missing on %1.", nullptr, missing).arg(session->settings().bootstrapServers)
                : tr("Every topic exists on %1.").arg(session->settings().bootstrapServers));
    }
    const bool readOnly = connected && session->isReadOnly();
    const QString sandboxLimit = sandboxLimitation();
    createTopics_->setEnabled(
        connected && missing > 0 && !readOnly && sandboxLimit.isEmpty() && !requests_->isBusy());
    createTopics_->setToolTip(!sandboxLimit.isEmpty() ? sandboxLimit
            : readOnly                                ? tr("The connection is read-only.")
                                                      : QString());
}

QString ExportDialog::sandboxLimitation() const
{
    // The sandbox serves no admin requests: say so where the button is, as the topic page does.
    const cluster::ClusterSession *session = session_.data();
    return session && session->settings().isSandbox
        ? kafka::KafkaClient::notSupportedBySandbox(tr("Creating topics")).message
        : QString();
}

void ExportDialog::createMissingTopics()
{
    cluster::ClusterSession *session = session_.data();
    if (!session) {
        return;
    }
    if (const QString limit = sandboxLimitation(); !limit.isEmpty()) {
        showMessage(limit, false); // an expected limitation: said once, as information
        return;
    }
    QList<exporting::TopicSpec> missing;
    for (const exporting::TopicSpec &t : std::as_const(result_.topics)) {
        if (!session->metadata().topic(t.name)) {
            missing << t;
        }
    }
    createTopics_->setEnabled(false);
    showMessage(tr("Creating %n topic(s)…", nullptr, int(missing.size())), false);
    requests_->request(
        [missing](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::Result<exporting::TopicsOutcome> {
                exporting::ensureTopics(client, missing, true, timeout), {}};
        },
        [this](const exporting::TopicsOutcome &outcome, const kafka::KafkaError &error) {
            const QStringList &created = outcome.created;
            QStringList errors = outcome.errors;
            if (error) {
                errors << error.message;
            }
            if (errors.isEmpty()) {
                showMessage(tr("Created %1.").arg(created.join(QStringLiteral(", "))), false);
            } else {
                showMessage(tr("Some topics could not be created: %1").arg(groupedErrors(errors)), true);
            }
            Q_EMIT topicsCreated(created, errors);
            refreshTopics();
        },
        cluster::ClusterSession::Access::Change);
}

QString ExportDialog::groupedErrors(const QStringList &errors)
{
    // "topic: reason" per topic; one reason for many topics is said once, naming them all.
    QStringList reasons;
    QHash<QString, QStringList> topicsFor;
    for (const QString &error : errors) {
        const qsizetype colon = error.indexOf(QStringLiteral(": "));
        const QString topic = colon > 0 ? error.left(colon) : QString();
        const QString reason = colon > 0 ? error.mid(colon + 2) : error;
        if (!topicsFor.contains(reason)) {
            reasons << reason;
        }
        if (!topic.isEmpty()) {
            topicsFor[reason] << topic;
        } else {
            topicsFor[reason];
        }
    }
    QStringList parts;
    for (const QString &reason : std::as_const(reasons)) {
        const QStringList topics = topicsFor.value(reason);
        parts << (topics.isEmpty() ? reason
                                   : QStringLiteral("%1: %2").arg(topics.join(QStringLiteral(", ")), reason));
    }
    return parts.join(QLatin1Char('\n'));
}

void ExportDialog::chooseDirectory()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export into"), directory_->text());
    if (!dir.isEmpty()) {
        directory_->setText(dir);
        directoryTouched_ = true;
    }
}

void ExportDialog::showMessage(const QString &text, bool isError)
{
    message_->setText(text);
    message_->setStyleSheet(isError ? QStringLiteral("color: #b71c1c;") : QString());
}

void ExportDialog::exportNow()
{
    const QString directory = directory_->text().trimmed();
    if (directory.isEmpty()) {
        showMessage(tr("Choose a directory to export into."), true);
        return;
    }
    if (result_.report.hasErrors() || writing_) {
        return;
    }
    writing_ = true;
    export_->setEnabled(false);
    showMessage(tr("Writing to %1…").arg(directory), false);
    util::runInBackground<WriteOutcome>(
        this,
        [result = result_, options = options(), directory] {
            WriteOutcome outcome;
            outcome.ok = exporting::writeExport(result, directory, options, &outcome.written, &outcome.error);
            return outcome;
        },
        [this, directory](WriteOutcome outcome) {
            writing_ = false;
            export_->setEnabled(!result_.report.hasErrors());
            if (!outcome.ok) {
                showMessage(outcome.error, true);
                Q_EMIT failed(outcome.error);
                return;
            }
            showMessage(
                tr("Wrote %n file(s) to %1.", nullptr, int(outcome.written.size())).arg(directory), false);
            Q_EMIT exported(outcome.written);
        });
}

} // namespace edis::ui
