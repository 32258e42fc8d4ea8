#include "dialogs/createtopicdialog.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"
#include "kafka/topicadmin.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace edis::ui {

CreateTopicDialog::CreateTopicDialog(cluster::ClusterSession *session, QWidget *parent)
    : QDialog(parent)
    , session_(session)
    , requests_(new cluster::SessionRequests(this))
    , name_(new QLineEdit(this))
    , partitions_(new QLineEdit(QStringLiteral("1"), this))
    , replicationFactor_(new QLineEdit(this))
    , configs_(new QPlainTextEdit(this))
    , message_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("createTopicDialog"));
    setWindowTitle(tr("Create Topic"));
    requests_->setSession(session);

    name_->setObjectName(QStringLiteral("topicNameEdit"));
    name_->setPlaceholderText(tr("e.g. orders.created"));
    partitions_->setObjectName(QStringLiteral("partitionsEdit"));
    replicationFactor_->setObjectName(QStringLiteral("replicationFactorEdit"));
    replicationFactor_->setPlaceholderText(tr("broker default"));
    configs_->setObjectName(QStringLiteral("configsEdit"));
    configs_->setPlaceholderText(
        tr("One key=value per line, e.g.\nretention.ms=86400000\ncleanup.policy=compact"));
    configs_->setTabChangesFocus(true);
    message_->setObjectName(QStringLiteral("validationMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons_->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("createButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Partitions:"), partitions_);
    form->addRow(tr("&Replication factor:"), replicationFactor_);
    form->addRow(tr("&Configs:"), configs_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(message_);
    layout->addWidget(buttons_);

    connect(buttons_, &QDialogButtonBox::accepted, this, &CreateTopicDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {name_, partitions_, replicationFactor_}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            serverError_.clear();
            validate();
        });
    }
    connect(configs_, &QPlainTextEdit::textChanged, this, [this] {
        serverError_.clear();
        validate();
    });
    connect(requests_, &cluster::SessionRequests::busyChanged, this, &CreateTopicDialog::setBusy);
    validate();
    resize(460, sizeHint().height());
}

bool CreateTopicDialog::parseConfigs(std::map<std::string, std::string> *configs, QString *problem) const
{
    const QStringList lines = configs_->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *problem = tr("Config line %1 is not key=value: \"%2\".").arg(i + 1).arg(line);
            return false;
        }
        (*configs)[line.left(eq).trimmed().toStdString()] = line.mid(eq + 1).trimmed().toStdString();
    }
    return true;
}

QString CreateTopicDialog::problem() const
{
    if (session_ && session_->settings().isSandbox) {
        return kafka::KafkaClient::notSupportedBySandbox(tr("Creating a topic")).message;
    }
    const QString name = name_->text();
    if (QString p = kafka::topicNameProblem(name); !p.isEmpty()) {
        return p;
    }
    if (session_ && session_->metadata().topic(name)) {
        return tr("A topic named \"%1\" already exists.").arg(name);
    }
    bool ok = false;
    const int partitions = partitions_->text().trimmed().toInt(&ok);
    if (!ok || partitions < 1) {
        return tr("Partitions must be a whole number of at least 1.");
    }
    const QString rf = replicationFactor_->text().trimmed();
    if (!rf.isEmpty()) {
        const int replicas = rf.toInt(&ok);
        if (!ok || replicas < 1) {
            return tr("The replication factor must be a whole number of at least 1, or empty for the "
                      "broker's default.");
        }
        const qsizetype brokers = session_ ? session_->metadata().brokers.size() : 0;
        if (brokers > 0 && replicas > brokers) {
            return tr("The replication factor (%1) cannot exceed the number of brokers (%2).")
                .arg(replicas)
                .arg(brokers);
        }
    }
    std::map<std::string, std::string> configs;
    QString configProblem;
    if (!parseConfigs(&configs, &configProblem)) {
        return configProblem;
    }
    return {};
}

void CreateTopicDialog::validate()
{
    const QString p = problem();
    message_->setText(serverError_.isEmpty() ? p : serverError_);
    buttons_->button(QDialogButtonBox::Ok)
        ->setEnabled(p.isEmpty() && serverError_.isEmpty() && !requests_->isBusy());
}

void CreateTopicDialog::setBusy(bool busy)
{
    for (QWidget *w : std::initializer_list<QWidget *> {name_, partitions_, replicationFactor_, configs_}) {
        w->setEnabled(!busy);
    }
    if (busy) {
        message_->setText(tr("Creating topic \"%1\"…").arg(name_->text()));
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
    } else {
        validate();
    }
}

void CreateTopicDialog::accept()
{
    if (!problem().isEmpty() || requests_->isBusy()) {
        return;
    }
    kafka::NewTopic topic;
    topic.name = name_->text();
    topic.partitions = partitions_->text().trimmed().toInt();
    const QString rf = replicationFactor_->text().trimmed();
    topic.replicationFactor = rf.isEmpty() ? -1 : rf.toInt();
    QString ignored;
    parseConfigs(&topic.configs, &ignored);
    requests_->request([topic](kafka::KafkaClient &client,
                           std::chrono::milliseconds timeout) { return client.createTopic(topic, timeout); },
        [this, name = topic.name](const kafka::KafkaError &error) {
            if (error) {
                serverError_ = error.message;
                validate();
                return;
            }
            Q_EMIT topicCreated(name);
            QDialog::accept();
        });
}

} // namespace edis::ui
