#include "deploypanel.h"

#include "connectdeployment.h"
#include "connectstatuspoller.h"
#include "exporter.h"
#include "pipelineeditor.h"
#include "pipelinemodel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

using exporting::ConnectorStatus;

namespace {
const QString UrlKey = QStringLiteral("deploy/connectUrl");
const QString UserKey = QStringLiteral("deploy/connectUser");
enum Column { NameColumn, NodesColumn, StateColumn, TasksColumn, WorkerColumn, ColumnCount };

pipeline::Problem toProblem(const exporting::ExportProblem &p)
{
    pipeline::Problem problem;
    problem.severity
        = p.isError() ? pipeline::Problem::Severity::Error : pipeline::Problem::Severity::Warning;
    problem.code = p.code;
    problem.message = p.message;
    problem.node = p.node;
    problem.property = p.property;
    return problem;
}
} // namespace

widgets::NodeItem::RuntimeLevel cardLevel(exporting::NodeRuntime::Level level)
{
    using In = exporting::NodeRuntime::Level;
    using Out = widgets::NodeItem::RuntimeLevel;
    switch (level) {
    case In::Good:
        return Out::Good;
    case In::Busy:
        return Out::Busy;
    case In::Warning:
        return Out::Warning;
    case In::Bad:
        return Out::Bad;
    case In::Unknown:
        break;
    }
    return Out::Unknown;
}

DeployPanel::DeployPanel(PipelineEditor *editor, QWidget *parent)
    : QWidget(parent)
    , editor_(editor)
    , url_(new QLineEdit)
    , user_(new QLineEdit)
    , password_(new QLineEdit)
    , validate_(new QPushButton(tr("&Validate")))
    , deploy_(new QPushButton(tr("De&ploy")))
    , watch_(new QPushButton(tr("&Watch")))
    , pause_(new QPushButton(tr("Pause")))
    , resume_(new QPushButton(tr("Resume")))
    , restart_(new QPushButton(tr("Restart")))
    , delete_(new QPushButton(tr("Delete")))
    , table_(new QTableWidget(0, ColumnCount))
    , trace_(new QPlainTextEdit)
    , status_(new QLabel)
{
    setObjectName(QStringLiteral("deployPanel"));
    buildUi();
    const QSettings settings;
    url_->setText(settings.value(UrlKey, QStringLiteral("http://localhost:8083")).toString());
    user_->setText(settings.value(UserKey).toString());
    confirm_ = [this](const QString &question) {
        return QMessageBox::question(this, tr("Delete connector"), question) == QMessageBox::Yes;
    };
    connect(validate_, &QPushButton::clicked, this, &DeployPanel::validateOnly);
    connect(deploy_, &QPushButton::clicked, this, &DeployPanel::deploy);
    connect(watch_, &QPushButton::toggled, this, &DeployPanel::setWatching);
    connect(pause_, &QPushButton::clicked, this, &DeployPanel::pauseSelected);
    connect(resume_, &QPushButton::clicked, this, &DeployPanel::resumeSelected);
    connect(restart_, &QPushButton::clicked, this, &DeployPanel::restartSelected);
    connect(delete_, &QPushButton::clicked, this, &DeployPanel::deleteSelected);
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        refreshTrace();
        refreshButtons();
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const auto nodes = table_->item(row, NameColumn)->data(Qt::UserRole).value<QList<qulonglong>>();
        if (!nodes.isEmpty()) {
            editor_->focusProblem(nodes.first(), pipeline::InvalidEdgeId);
        }
    });
    // Any change of the connection drops the client: the next action makes a new one.
    for (QLineEdit *edit : {url_, user_, password_}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            if (!deployment_) {
                setWatching(false);
                client_.reset();
            }
        });
    }
    refreshButtons();
    showStatus(tr("Not deployed from here yet. Validate checks every connector on Kafka Connect without "
                  "changing anything."));
}

DeployPanel::~DeployPanel()
{
    delete poller_;
    delete deployment_.data();
}

void DeployPanel::buildUi()
{
    url_->setObjectName(QStringLiteral("deployUrl"));
    url_->setPlaceholderText(QStringLiteral("http://connect:8083"));
    url_->setToolTip(tr("The REST URL of a Kafka Connect worker (distributed mode)."));
    user_->setObjectName(QStringLiteral("deployUser"));
    user_->setPlaceholderText(tr("optional"));
    password_->setObjectName(QStringLiteral("deployPassword"));
    password_->setEchoMode(QLineEdit::Password);
    password_->setPlaceholderText(tr("not stored"));
    validate_->setObjectName(QStringLiteral("deployValidate"));
    deploy_->setObjectName(QStringLiteral("deployDeploy"));
    watch_->setObjectName(QStringLiteral("deployWatch"));
    watch_->setCheckable(true);
    watch_->setToolTip(tr("Follow the state of this pipeline's connectors on the cluster."));
    pause_->setObjectName(QStringLiteral("deployPause"));
    resume_->setObjectName(QStringLiteral("deployResume"));
    restart_->setObjectName(QStringLiteral("deployRestart"));
    restart_->setToolTip(tr("Restarts the connector and its tasks."));
    delete_->setObjectName(QStringLiteral("deployDelete"));
    table_->setObjectName(QStringLiteral("deployConnectors"));
    table_->setHorizontalHeaderLabels({tr("Connector"), tr("Nodes"), tr("State"), tr("Tasks"), tr("Worker")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    trace_->setObjectName(QStringLiteral("deployTrace"));
    trace_->setReadOnly(true);
    trace_->setLineWrapMode(QPlainTextEdit::NoWrap);
    trace_->setPlaceholderText(tr("Select a connector: its failure traces appear here."));
    status_->setObjectName(QStringLiteral("deployStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Connect &URL:"), url_);
    auto *auth = new QHBoxLayout;
    auth->addWidget(user_);
    auth->addWidget(password_);
    form->addRow(tr("User / password:"), auth);

    auto *mainButtons = new QHBoxLayout;
    mainButtons->addWidget(validate_);
    mainButtons->addWidget(deploy_);
    mainButtons->addWidget(watch_);
    mainButtons->addStretch();
    auto *rowButtons = new QHBoxLayout;
    for (QPushButton *b : {pause_, resume_, restart_, delete_}) {
        rowButtons->addWidget(b);
    }
    rowButtons->addStretch();

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(trace_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addLayout(mainButtons);
    layout->addWidget(status_);
    layout->addWidget(split, 1);
    layout->addLayout(rowButtons);
}

void DeployPanel::setPollInterval(int milliseconds)
{
    pollMs_ = milliseconds;
    if (poller_) {
        poller_->setInterval(milliseconds);
    }
}

void DeployPanel::showStatus(const QString &text, bool isError)
{
    status_->setText(text);
    status_->setStyleSheet(isError ? QStringLiteral("color: #b71c1c;") : QString());
}

void DeployPanel::rememberSettings()
{
    QSettings settings;
    settings.setValue(UrlKey, url_->text().trimmed());
    settings.setValue(UserKey, user_->text().trimmed());
}

bool DeployPanel::prepare()
{
    const QUrl url = QUrl::fromUserInput(url_->text().trimmed());
    if (url_->text().trimmed().isEmpty() || !url.isValid() || url.host().isEmpty()) {
        showStatus(tr("Give the REST URL of a Kafka Connect worker, e.g. http://localhost:8083."), true);
        url_->setFocus();
        return false;
    }
    exporting::ExportOptions options;
    options.bootstrapServers = bootstrap_;
    const exporting::ExportResult result
        = exporting::exportPipeline(*editor_->model(), exporting::Target::KafkaConnect, options);
    QList<pipeline::Problem> problems;
    for (const exporting::ExportProblem &p : result.report.problems) {
        // Validation errors are in the problems list already.
        if (p.code != QLatin1String("invalid-pipeline") && p.isError()) {
            problems << toProblem(p);
        }
    }
    Q_EMIT engineProblems(problems);
    if (result.report.hasErrors()) {
        showStatus(tr("Kafka Connect cannot run this pipeline as designed: fix the errors in the Problems "
                      "list first."),
            true);
        return false;
    }
    if (result.connectors.isEmpty()) {
        showStatus(tr("Nothing to deploy: the pipeline has no Kafka Connect connector."), true);
        return false;
    }
    connectors_ = result.connectors;
    QHash<QString, ConnectorStatus> kept;
    for (const auto &c : std::as_const(connectors_)) {
        if (statuses_.contains(c.name)) {
            kept.insert(c.name, statuses_.value(c.name));
        }
    }
    statuses_ = kept;
    if (!client_ || client_->baseUrl() != url) {
        delete poller_;
        poller_ = nullptr;
        client_ = std::make_unique<exporting::ConnectClient>(url);
        connect(client_.get(), &exporting::ConnectClient::actionDone, this,
            [this](const QString &connector, const QString &action) {
                showStatus(tr("%1: %2 accepted.").arg(connector, action));
                if (poller_) {
                    poller_->start(); // a round now shows the effect
                }
            });
        connect(client_.get(), &exporting::ConnectClient::failed, this,
            [this](const QString &connector, const QString &action, const QString &message) {
                // Deployment and poller report their own requests; the buttons' are reported here.
                if (!deployment_ && action != QLatin1String("status")) {
                    showStatus(tr("%1 %2 failed: %3").arg(action, connector, message), true);
                }
            });
    }
    client_->setBasicAuth(user_->text().trimmed(), password_->text());
    rememberSettings();
    refreshTable();
    return true;
}

void DeployPanel::validateOnly()
{
    start(true);
}

void DeployPanel::deploy()
{
    start(false);
}

void DeployPanel::start(bool validateOnly)
{
    if (deployment_ || !prepare()) {
        return;
    }
    auto *deployment = new exporting::ConnectDeployment(client_.get(), connectors_, this);
    deployment_ = deployment;
    deployment->setValidateOnly(validateOnly);
    deployment->setPollInterval(std::max(250, pollMs_ / 4));
    connect(deployment, &exporting::ConnectDeployment::progress, this,
        [this](const QString &m) { showStatus(m); });
    connect(deployment, &exporting::ConnectDeployment::validationFailed, this,
        [this](const QList<exporting::ExportProblem> &rejected) {
            QList<pipeline::Problem> problems;
            for (const auto &p : rejected) {
                problems << toProblem(p);
            }
            Q_EMIT engineProblems(problems);
        });
    connect(deployment, &exporting::ConnectDeployment::finished, this,
        [this, validateOnly](bool ok, const QList<ConnectorStatus> &statuses, const QString &error) {
            if (validateOnly && ok) {
                Q_EMIT engineProblems({});
                showStatus(tr("Kafka Connect accepts all %n connector(s). Nothing was changed.", nullptr,
                    int(connectors_.size())));
            }
            onFinished(!validateOnly, ok, statuses, ok ? QString() : error);
        });
    showStatus(validateOnly ? tr("Validating %n connector(s)…", nullptr, int(connectors_.size()))
                            : tr("Deploying %n connector(s)…", nullptr, int(connectors_.size())));
    refreshButtons();
    deployment->start();
}

void DeployPanel::onFinished(
    bool deployRun, bool ok, const QList<ConnectorStatus> &statuses, const QString &error)
{
    if (deployment_) {
        deployment_->deleteLater();
        deployment_ = nullptr;
    }
    applyStatuses(statuses);
    if (!error.isEmpty()) {
        showStatus(error, true);
    } else if (deployRun && ok) {
        Q_EMIT engineProblems({});
        showStatus(tr("Deployed %n connector(s); following their state.", nullptr, int(connectors_.size())));
    }
    // Connectors that exist (running or failed) stay followed: a failed task is restarted from here.
    if (deployRun && !statuses.isEmpty()) {
        setWatching(true);
    }
    refreshButtons();
}

void DeployPanel::setWatching(bool on)
{
    if (on == isWatching()) {
        if (watch_->isChecked() != on) {
            const QSignalBlocker blocker(watch_);
            watch_->setChecked(on);
        }
        return;
    }
    if (!on) {
        delete poller_;
        poller_ = nullptr;
    } else if (prepare()) {
        QStringList names;
        for (const auto &c : std::as_const(connectors_)) {
            names << c.name;
        }
        poller_ = new exporting::ConnectStatusPoller(client_.get(), names, this);
        poller_->setInterval(pollMs_);
        connect(poller_, &exporting::ConnectStatusPoller::updated, this, &DeployPanel::applyStatuses);
        poller_->start();
    }
    const QSignalBlocker blocker(watch_);
    watch_->setChecked(isWatching());
    refreshButtons();
}

bool DeployPanel::isWatching() const
{
    return poller_ != nullptr && poller_->isActive();
}

void DeployPanel::applyStatuses(const QList<ConnectorStatus> &statuses)
{
    for (const ConnectorStatus &s : statuses) {
        statuses_.insert(s.name, s);
    }
    refreshTable();
    refreshTrace();
    refreshButtons();
    Q_EMIT runtimesChanged(exporting::nodeRuntimes(connectors_, this->statuses()));
}

ConnectorStatus DeployPanel::statusOf(const QString &connector) const
{
    ConnectorStatus s = statuses_.value(connector);
    s.name = connector; // also when never asked: then the state is empty
    return s;
}

QList<ConnectorStatus> DeployPanel::statuses() const
{
    QList<ConnectorStatus> out;
    for (const auto &c : connectors_) {
        out << statusOf(c.name);
    }
    return out;
}

void DeployPanel::refreshTable()
{
    const QString selected = selectedConnector();
    const QSignalBlocker blocker(table_);
    table_->setRowCount(int(connectors_.size()));
    for (int row = 0; row < connectors_.size(); ++row) {
        const auto &c = connectors_.at(row);
        const ConnectorStatus s = statusOf(c.name);
        const exporting::NodeRuntime runtime = exporting::connectorRuntime(s);
        QStringList nodeNames;
        QList<qulonglong> nodeIds;
        for (const pipeline::NodeId id : c.nodes) {
            if (const pipeline::Node *n = editor_->model()->node(id)) {
                nodeNames << n->name;
                nodeIds << id;
            }
        }
        QStringList tasks;
        for (const auto &t : s.tasks) {
            tasks << QStringLiteral("%1:%2").arg(t.id).arg(t.state);
        }
        // Never asked (only validated so far) is not the same as asked and not found.
        const QString state = !statuses_.contains(c.name) ? tr("not checked")
            : s.state.isEmpty()                           ? tr("not deployed")
                                                          : s.state;
        const QStringList cells {
            c.name, nodeNames.join(QStringLiteral(", ")), state, tasks.join(QLatin1Char(' ')), s.workerId};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = table_->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                table_->setItem(row, column, item);
            }
            item->setText(cells.at(column));
        }
        table_->item(row, NameColumn)->setData(Qt::UserRole, QVariant::fromValue(nodeIds));
        table_->item(row, NameColumn)->setToolTip(c.isSource ? tr("Source connector") : tr("Sink connector"));
        table_->item(row, StateColumn)
            ->setForeground(widgets::NodeItem::runtimeColor(cardLevel(runtime.level)));
        table_->item(row, StateColumn)->setToolTip(runtime.text);
    }
    if (!selected.isEmpty()) {
        selectConnector(selected);
    } else if (table_->rowCount() > 0 && !table_->currentItem()) {
        table_->selectRow(0);
    }
}

QString DeployPanel::selectedConnector() const
{
    const auto rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= connectors_.size()) {
        return {};
    }
    return connectors_.at(rows.first().row()).name;
}

void DeployPanel::selectConnector(const QString &name)
{
    for (int row = 0; row < connectors_.size(); ++row) {
        if (connectors_.at(row).name == name) {
            table_->selectRow(row);
            return;
        }
    }
}

void DeployPanel::refreshTrace()
{
    const QString name = selectedConnector();
    if (name.isEmpty()) {
        trace_->clear();
        return;
    }
    const exporting::NodeRuntime runtime = exporting::connectorRuntime(statusOf(name));
    const QString text = runtime.detail.isEmpty() ? tr("%1: %2").arg(name, runtime.text) : runtime.detail;
    if (trace_->toPlainText() != text) {
        trace_->setPlainText(text);
    }
}

void DeployPanel::refreshButtons()
{
    const bool busy = deployment_ != nullptr;
    validate_->setEnabled(!busy);
    deploy_->setEnabled(!busy);
    watch_->setEnabled(!busy);
    const QString name = selectedConnector();
    const QString state = statuses_.value(name).state;
    const bool deployed = !name.isEmpty() && !state.isEmpty() && client_;
    pause_->setEnabled(!busy && deployed && state != QLatin1String("PAUSED"));
    resume_->setEnabled(!busy && deployed && state == QLatin1String("PAUSED"));
    restart_->setEnabled(!busy && deployed);
    delete_->setEnabled(!busy && deployed);
}

void DeployPanel::act(const QString &action)
{
    const QString name = selectedConnector();
    if (name.isEmpty() || !client_) {
        return;
    }
    if (action == QLatin1String("pause")) {
        client_->pause(name);
    } else if (action == QLatin1String("resume")) {
        client_->resume(name);
    } else if (action == QLatin1String("restart")) {
        client_->restart(name);
    } else if (action == QLatin1String("delete")) {
        client_->remove(name);
    }
    showStatus(tr("%1: asking Kafka Connect to %2…").arg(name, action));
}

void DeployPanel::pauseSelected()
{
    act(QStringLiteral("pause"));
}

void DeployPanel::resumeSelected()
{
    act(QStringLiteral("resume"));
}

void DeployPanel::restartSelected()
{
    act(QStringLiteral("restart"));
}

void DeployPanel::deleteSelected()
{
    const QString name = selectedConnector();
    if (name.isEmpty()
        || !confirm_(
            tr("Delete the connector %1 from %2? Its offsets stay; deploying again resumes from them.")
                .arg(name, url_->text()))) {
        return;
    }
    act(QStringLiteral("delete"));
}

} // namespace edis::ui
