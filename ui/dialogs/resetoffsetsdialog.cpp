#include "dialogs/resetoffsetsdialog.h"

#include "cluster/clustersession.h"
#include "cluster/sessionrequests.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::ui {

using Target = kafka::OffsetResetSpec::Target;

ResetOffsetsDialog::ResetOffsetsDialog(
    cluster::ClusterSession *session, const QString &groupId, const QStringList &topics, QWidget *parent)
    : QDialog(parent)
    , groupId_(groupId)
    , requests_(new cluster::SessionRequests(this))
    , topic_(new QComboBox(this))
    , target_(new QComboBox(this))
    , dateTime_(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this))
    , offset_(new QLineEdit(this))
    , previewButton_(new QPushButton(tr("&Preview"), this))
    , applyButton_(new QPushButton(tr("&Apply"), this))
    , table_(new QTableWidget(0, 5, this))
    , message_(new QLabel(this))
{
    setObjectName(QStringLiteral("resetOffsetsDialog"));
    setWindowTitle(tr("Reset Offsets of %1").arg(groupId));
    requests_->setSession(session);

    topic_->setObjectName(QStringLiteral("topicCombo"));
    topic_->addItem(tr("All topics of the group"), QString());
    for (const QString &t : topics) {
        topic_->addItem(t, t);
    }
    target_->setObjectName(QStringLiteral("targetCombo"));
    target_->addItem(tr("Earliest (first message still kept)"), int(Target::Earliest));
    target_->addItem(tr("Latest (skip everything not yet read)"), int(Target::Latest));
    target_->addItem(tr("Date and time"), int(Target::Timestamp));
    target_->addItem(tr("Offset"), int(Target::Offset));
    dateTime_->setObjectName(QStringLiteral("dateTimeEdit"));
    dateTime_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    dateTime_->setCalendarPopup(true);
    offset_->setObjectName(QStringLiteral("offsetEdit"));
    offset_->setPlaceholderText(tr("e.g. 1000 (clamped to each partition's log)"));
    previewButton_->setObjectName(QStringLiteral("previewButton"));
    applyButton_->setObjectName(QStringLiteral("applyButton"));
    table_->setObjectName(QStringLiteral("previewTable"));
    table_->setHorizontalHeaderLabels({tr("Topic"), tr("Partition"), tr("Current"), tr("New"), tr("Change")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    message_->setObjectName(QStringLiteral("resetMessage"));
    message_->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Topics:"), topic_);
    form->addRow(tr("&Reset to:"), target_);
    form->addRow(tr("&Time:"), dateTime_);
    form->addRow(tr("O&ffset:"), offset_);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(previewButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(applyButton_, QDialogButtonBox::ApplyRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(table_, 1);
    layout->addWidget(message_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(previewButton_, &QPushButton::clicked, this, &ResetOffsetsDialog::showPreview);
    connect(applyButton_, &QPushButton::clicked, this, &ResetOffsetsDialog::apply);
    connect(topic_, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::inputChanged);
    connect(target_, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::inputChanged);
    connect(dateTime_, &QDateTimeEdit::dateTimeChanged, this, &ResetOffsetsDialog::inputChanged);
    connect(offset_, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputChanged);
    connect(requests_, &cluster::SessionRequests::busyChanged, this, &ResetOffsetsDialog::updateButtons);
    inputChanged();
    resize(620, 460);
}

bool ResetOffsetsDialog::specFromInput(kafka::OffsetResetSpec *spec, QString *problem) const
{
    spec->target = static_cast<Target>(target_->currentData().toInt());
    const QString topic = topic_->currentData().toString();
    spec->topics = topic.isEmpty() ? QStringList() : QStringList {topic};
    if (spec->target == Target::Timestamp) {
        spec->value = dateTime_->dateTime().toMSecsSinceEpoch();
    } else if (spec->target == Target::Offset) {
        bool ok = false;
        spec->value = offset_->text().trimmed().toLongLong(&ok);
        if (!ok || spec->value < 0) {
            *problem = tr("Enter an offset (a whole number of at least 0).");
            return false;
        }
    }
    return true;
}

void ResetOffsetsDialog::inputChanged()
{
    const auto target = static_cast<Target>(target_->currentData().toInt());
    dateTime_->setEnabled(target == Target::Timestamp);
    offset_->setEnabled(target == Target::Offset);
    // A preview is only valid for the input it was made from.
    requests_->dropPending();
    preview_.clear();
    table_->setRowCount(0);
    kafka::OffsetResetSpec spec;
    QString problem;
    message_->setText(
        specFromInput(&spec, &problem) ? tr("Preview the new offsets before applying them.") : problem);
    updateButtons();
}

void ResetOffsetsDialog::updateButtons()
{
    kafka::OffsetResetSpec spec;
    QString problem;
    const bool busy = requests_->isBusy();
    previewButton_->setEnabled(!busy && specFromInput(&spec, &problem));
    applyButton_->setEnabled(!busy && !preview_.isEmpty());
}

void ResetOffsetsDialog::showPreview()
{
    kafka::OffsetResetSpec spec;
    QString problem;
    if (!specFromInput(&spec, &problem)) {
        return;
    }
    message_->setText(tr("Computing the new offsets…"));
    requests_->request(
        [group = groupId_, spec](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::planOffsetReset(client, group, spec, timeout);
        },
        [this](const QList<kafka::OffsetResetRow> &plan, const kafka::KafkaError &error) {
            if (error) {
                message_->setText(error.message);
                return;
            }
            preview_ = plan;
            table_->setRowCount(static_cast<int>(preview_.size()));
            for (int r = 0; r < preview_.size(); ++r) {
                const auto &row = preview_.at(r);
                const QString current = row.current >= 0 ? QString::number(row.current) : tr("none");
                const QString change = row.current >= 0
                    ? QString::asprintf("%+lld", static_cast<long long>(row.target - row.current))
                    : QString();
                const QStringList cells {
                    row.topic, QString::number(row.partition), current, QString::number(row.target), change};
                for (int c = 0; c < cells.size(); ++c) {
                    auto *item = new QTableWidgetItem(cells.at(c));
                    if (c > 0) {
                        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    }
                    table_->setItem(r, c, item);
                }
            }
            message_->setText(
                tr("%n partition(s) will move as shown. Apply commits these offsets for the group.", nullptr,
                    static_cast<int>(preview_.size())));
            updateButtons();
        });
}

void ResetOffsetsDialog::apply()
{
    if (preview_.isEmpty()) {
        return;
    }
    message_->setText(tr("Applying…"));
    requests_->request(
        [group = groupId_, plan = preview_](kafka::KafkaClient &client, std::chrono::milliseconds timeout) {
            return kafka::applyOffsetReset(client, group, plan, timeout);
        },
        [this](const kafka::KafkaError &error) {
            if (error) {
                message_->setText(error.message);
                return;
            }
            Q_EMIT offsetsReset(groupId_);
            accept();
        });
}

} // namespace edis::ui
