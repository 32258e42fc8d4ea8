#include "changeview.h"

#include "temporalvalue.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edis::widgets {

namespace {

QString timeText(std::optional<qint64> ms)
{
    if (!ms) {
        return QStringLiteral("–");
    }
    return QDateTime::fromMSecsSinceEpoch(*ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QColor badgeColor(QChar op)
{
    switch (op.unicode()) {
    case 'c':
        return QColor(0x2e, 0x7d, 0x32);
    case 'u':
        return QColor(0x15, 0x65, 0xc0);
    case 'd':
        return QColor(0xc6, 0x28, 0x28);
    case 'r':
        return QColor(0x6a, 0x1b, 0x9a);
    default:
        return QColor(0x61, 0x61, 0x61);
    }
}

QJsonObject objectOf(const QString &json)
{
    return json.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(json.toUtf8()).object();
}

QString cellText(const QJsonObject &row, const QString &field, bool *present)
{
    const auto it = row.constFind(field);
    *present = it != row.constEnd();
    if (!*present) {
        return {};
    }
    const QJsonValue v = *it;
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

/// The logical type the envelope's schema gives `field`; nullopt when the record has no schema.
std::optional<QString> logicalTypeOf(const inspect::ChangeEvent &change, const QString &field)
{
    if (!change.schemaWrapped) {
        return std::nullopt;
    }
    for (const auto &[name, type] : change.fieldTypes) {
        if (name == field) {
            return type;
        }
    }
    return QString();
}

/// A cell of `row`: a temporal value as a readable date (the raw value on hover), else as is.
QTableWidgetItem *cellItem(
    const QJsonObject &row, const QString &field, const std::optional<QString> &logicalType)
{
    bool present = false;
    auto *item = new QTableWidgetItem(cellText(row, field, &present));
    item->setToolTip(item->text());
    if (!present) {
        return item;
    }
    if (const auto readable = inspect::readableTemporal(row.value(field), field, logicalType)) {
        item->setToolTip(
            ChangeView::tr("%1\nRaw value: %2\n%3").arg(readable->text, item->text(), readable->explanation));
        item->setData(ChangeView::RawValueRole, item->text());
        item->setText(readable->text);
    }
    return item;
}

} // namespace

ChangeView::ChangeView(QWidget *parent)
    : QWidget(parent)
    , badge_(new QLabel(this))
    , title_(new QLabel(this))
    , details_(new QLabel(this))
    , changedLabel_(new QLabel(this))
    , fields_(new QTableWidget(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("changeView"));
    badge_->setObjectName(QStringLiteral("changeOpBadge"));
    badge_->setAlignment(Qt::AlignCenter);
    badge_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    title_->setObjectName(QStringLiteral("changeTitle"));
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setObjectName(QStringLiteral("changeDetails"));
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setWordWrap(false);
    changedLabel_->setObjectName(QStringLiteral("changedFieldsLabel"));
    changedLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    changedLabel_->setWordWrap(true);

    fields_->setObjectName(QStringLiteral("changeFields"));
    fields_->setHorizontalHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    fields_->verticalHeader()->hide();
    fields_->verticalHeader()->setDefaultSectionSize(fields_->fontMetrics().height() + 6);
    fields_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    fields_->setSelectionBehavior(QAbstractItemView::SelectRows);
    fields_->setWordWrap(false);
    fields_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fields_->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::Interactive);
    fields_->horizontalHeader()->setSectionResizeMode(BeforeColumn, QHeaderView::Stretch);
    fields_->horizontalHeader()->setSectionResizeMode(AfterColumn, QHeaderView::Stretch);
    fields_->setColumnWidth(FieldColumn, 160);

    auto *head = new QHBoxLayout;
    head->addWidget(badge_);
    head->addWidget(title_, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(head);
    layout->addWidget(details_);
    layout->addWidget(changedLabel_);
    layout->addWidget(fields_, 1);
    clear();
}

void ChangeView::clear()
{
    badge_->clear();
    badge_->setStyleSheet({});
    title_->clear();
    details_->clear();
    changedLabel_->clear();
    fields_->setRowCount(0);
    fields_->show();
    changed_.clear();
}

void ChangeView::setChange(const inspect::ChangeEvent &change)
{
    clear();
    changed_ = change.changedFields;
    badge_->setText(QStringLiteral("%1 · %2").arg(change.op).arg(change.operation.toUpper()));
    badge_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 3px;"
                                         " padding: 2px 6px; font-weight: bold; }")
                              .arg(badgeColor(change.op).name()));
    QStringList where;
    for (const QString &part : {change.database, change.schema, change.table}) {
        if (!part.isEmpty()) {
            where << part;
        }
    }
    title_->setText(where.isEmpty() ? tr("(unknown table)") : where.join(QLatin1Char('.')));

    QStringList facts;
    if (!change.connector.isEmpty()) {
        facts << tr("connector: %1").arg(change.connector);
    }
    if (!change.serverName.isEmpty()) {
        facts << tr("server: %1").arg(change.serverName);
    }
    facts << tr("tx: %1").arg(change.txId.isEmpty() ? QStringLiteral("–") : change.txId);
    if (!change.lsn.isEmpty()) {
        facts << tr("position: %1").arg(change.lsn);
    }
    if (!change.snapshot.isEmpty() && change.snapshot != QLatin1String("false")) {
        facts << tr("snapshot: %1").arg(change.snapshot);
    }
    QString times = tr("changed in database: %1 · captured: %2")
                        .arg(timeText(change.sourceTsMs), timeText(change.tsMs));
    if (change.sourceTsMs && change.tsMs) {
        times += tr(" (lag %1 ms)").arg(*change.tsMs - *change.sourceTsMs);
    }
    details_->setText(facts.join(QStringLiteral("  ·  ")) + QLatin1Char('\n') + times);
    changedLabel_->setText(change.changedFields.isEmpty()
            ? (change.hasBefore && change.hasAfter ? tr("No field changed.") : QString())
            : tr("Changed: %1").arg(change.changedFields.join(QStringLiteral(", "))));
    changedLabel_->setVisible(!changedLabel_->text().isEmpty());

    const QJsonObject before = objectOf(change.before);
    const QJsonObject after = objectOf(change.after);
    QStringList names = after.keys();
    for (const QString &k : before.keys()) {
        if (!after.contains(k)) {
            names << k;
        }
    }
    fields_->setRowCount(int(names.size()));
    const QColor changedBackground = QColor(255, 236, 179);
    QFont bold = fields_->font();
    bold.setBold(true);
    for (int r = 0; r < names.size(); ++r) {
        const QString &name = names[r];
        const bool isChanged = change.changedFields.contains(name);
        const std::optional<QString> logicalType = logicalTypeOf(change, name);
        auto *field = new QTableWidgetItem(name);
        auto *b = cellItem(before, name, logicalType);
        auto *a = cellItem(after, name, logicalType);
        if (!change.hasBefore) {
            b->setForeground(palette().color(QPalette::PlaceholderText));
        }
        if (isChanged) {
            for (QTableWidgetItem *item : {field, b, a}) {
                item->setBackground(changedBackground);
                item->setForeground(Qt::black);
            }
            field->setFont(bold);
            field->setData(Qt::UserRole, true);
        }
        fields_->setItem(r, FieldColumn, field);
        fields_->setItem(r, BeforeColumn, b);
        fields_->setItem(r, AfterColumn, a);
    }
    fields_->horizontalHeaderItem(BeforeColumn)
        ->setText(change.hasBefore ? tr("Before") : tr("Before (none)"));
    fields_->horizontalHeaderItem(AfterColumn)->setText(change.hasAfter ? tr("After") : tr("After (none)"));
}

void ChangeView::setTombstone(const QString &key)
{
    clear();
    badge_->setText(tr("TOMBSTONE"));
    badge_->setStyleSheet(QStringLiteral("QLabel { background: #424242; color: white; border-radius: 3px;"
                                         " padding: 2px 6px; font-weight: bold; }"));
    title_->setText(tr("Key %1").arg(key));
    details_->setText(tr("A null value: the compaction marker that follows a delete. Log compaction removes "
                         "every earlier record with this key."));
    changedLabel_->hide();
    fields_->hide();
}

QString ChangeView::headerText() const
{
    return badge_->text() + QLatin1Char('\n') + title_->text() + QLatin1Char('\n') + details_->text()
        + QLatin1Char('\n') + changedLabel_->text();
}

} // namespace edis::widgets
