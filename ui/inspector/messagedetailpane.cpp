#include "inspector/messagedetailpane.h"

#include "builtindecoders.h"
#include "changeview.h"
#include "eventcard.h"
#include "hexview.h"
#include "jsontreeview.h"
#include "textformat.h"

#include <QAction>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace edis::ui {

using inspect::DecodedValue;

namespace {

std::string_view viewOf(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

QString bounded(QString text, qsizetype maxChars)
{
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text
            += MessageDetailPane::tr("\n… (cut at %L1 characters; the Hex tab has every byte)").arg(maxChars);
    }
    return text;
}

QPlainTextEdit *makeTextView(const QString &objectName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return edit;
}

QTableWidget *makeTable(const QString &objectName, const QStringList &labels, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(labels.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(labels);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    return table;
}

QString timeText(int64_t ms)
{
    return ms < 0 ? QStringLiteral("–")
                  : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
}

QString kindName(DecodedValue::Kind kind)
{
    switch (kind) {
    case DecodedValue::Kind::Null:
        return MessageDetailPane::tr("null");
    case DecodedValue::Kind::Tombstone:
        return MessageDetailPane::tr("tombstone");
    case DecodedValue::Kind::Text:
        return MessageDetailPane::tr("text");
    case DecodedValue::Kind::Json:
        return MessageDetailPane::tr("JSON");
    case DecodedValue::Kind::Binary:
        return MessageDetailPane::tr("binary");
    case DecodedValue::Kind::CloudEvent:
        return MessageDetailPane::tr("CloudEvent");
    case DecodedValue::Kind::Change:
        return MessageDetailPane::tr("Debezium change");
    case DecodedValue::Kind::Heartbeat:
        return MessageDetailPane::tr("Debezium heartbeat");
    case DecodedValue::Kind::Framed:
        return MessageDetailPane::tr("Schema Registry framed");
    case DecodedValue::Kind::Error:
        return MessageDetailPane::tr("undecodable");
    }
    return {};
}

/// Header bytes as text when they are, else hex.
QString readable(const QByteArray &bytes)
{
    const std::string_view v = viewOf(bytes);
    return inspect::looksLikeText(v) ? inspect::textOf(v)
                                     : QStringLiteral("0x") + QString::fromLatin1(bytes.toHex());
}

/// Why the JSON tabs do not apply to a value, or an empty string when they do. A value that
/// looks like JSON but does not parse keeps them: the Pretty JSON tab says where it breaks.
QString notJsonReason(const RecordDetail &r)
{
    const auto looksLikeJson = [&r] {
        const QByteArray start = r.value ? r.value->left(64).trimmed() : QByteArray();
        return start.startsWith('{') || start.startsWith('[');
    };
    switch (r.decoded.kind) {
    case DecodedValue::Kind::Json:
    case DecodedValue::Kind::CloudEvent:
    case DecodedValue::Kind::Change:
    case DecodedValue::Kind::Heartbeat:
        return {};
    case DecodedValue::Kind::Binary:
        return MessageDetailPane::tr("The value is binary, not JSON: the Hex tab shows its bytes.");
    case DecodedValue::Kind::Framed:
        return MessageDetailPane::tr("The value is Schema Registry framed binary, not JSON: the Hex tab "
                                     "shows its bytes.");
    case DecodedValue::Kind::Null:
    case DecodedValue::Kind::Tombstone:
        return MessageDetailPane::tr("The record has no value.");
    case DecodedValue::Kind::Text:
        return looksLikeJson() ? QString()
                               : MessageDetailPane::tr("The value is plain text, not JSON: the Text tab "
                                                       "shows it.");
    case DecodedValue::Kind::Error:
        break;
    }
    return looksLikeJson() ? QString()
                           : MessageDetailPane::tr("The value is not JSON: the Text and Hex tabs show it.");
}

} // namespace

RecordDetail RecordDetail::from(const inspect::MessageView &record, DecodedValue decoded)
{
    RecordDetail d;
    d.topic = QString::fromUtf8(record.topic().data(), qsizetype(record.topic().size()));
    d.partition = record.partition();
    d.offset = record.offset();
    d.timestamp = record.timestamp();
    d.timestampType = record.meta().timestampType;
    d.brokerId = record.brokerId();
    d.key = record.keyBytes();
    d.value = record.valueBytes();
    record.forEachHeader([&](const inspect::HeaderRef &h) {
        std::optional<QByteArray> value;
        if (h.value) {
            value = QByteArray(h.value->data(), qsizetype(h.value->size()));
        }
        d.headers.append({QByteArray(h.name.data(), qsizetype(h.name.size())), value});
        return true;
    });
    d.decoded = std::move(decoded);
    return d;
}

MessageDetailPane::MessageDetailPane(QWidget *parent)
    : QWidget(parent)
    , summary_(new QLabel(this))
    , header_(new QHBoxLayout)
    , tabs_(new QTabWidget(this))
    , text_(makeTextView(QStringLiteral("detailText"), this))
    , prettyJson_(makeTextView(QStringLiteral("detailPrettyJson"), this))
    , jsonTree_(new widgets::JsonTreeView(this))
    , hex_(new widgets::HexView(this))
    , eventCard_(new widgets::EventCard(this))
    , changeView_(new widgets::ChangeView(this))
    , headers_(makeTable(QStringLiteral("detailHeaders"), {tr("Header"), tr("Value")}, this))
    , metadata_(makeTable(QStringLiteral("detailMetadata"), {tr("Field"), tr("Value")}, this))
{
    setObjectName(QStringLiteral("messageDetailPane"));
    summary_->setObjectName(QStringLiteral("detailSummary"));
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setTextFormat(Qt::PlainText);
    summary_->setMinimumWidth(100);
    summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    tabs_->setObjectName(QStringLiteral("detailTabs"));
    tabs_->setDocumentMode(true);
    jsonTree_->setObjectName(QStringLiteral("detailJsonTree"));
    headers_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    headers_->setColumnWidth(0, 200);
    metadata_->setColumnWidth(0, 160);

    tabs_->insertTab(TextTab, text_, tr("Text"));
    tabs_->insertTab(PrettyJsonTab, prettyJson_, tr("Pretty JSON"));
    tabs_->insertTab(JsonTreeTab, jsonTree_, tr("JSON Tree"));
    tabs_->insertTab(HexTab, hex_, tr("Hex"));
    tabs_->insertTab(EventTab, eventCard_, tr("Event"));
    tabs_->insertTab(ChangeTab, changeView_, tr("Change"));
    tabs_->insertTab(HeadersTab, headers_, tr("Headers"));
    tabs_->insertTab(MetadataTab, metadata_, tr("Metadata"));
    connect(tabs_, &QTabWidget::currentChanged, this, &MessageDetailPane::fillTab);
    connect(tabs_->tabBar(), &QTabBar::tabBarClicked, this, [this] { userChoseTab_ = true; });

    header_->setContentsMargins(4, 2, 4, 2);
    header_->setSpacing(2);
    header_->addWidget(summary_, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header_);
    layout->addWidget(tabs_, 1);
    clear();
}

void MessageDetailPane::addHeaderAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    header_->addWidget(button);
}

void MessageDetailPane::clear()
{
    record_.reset();
    std::fill(std::begin(filled_), std::end(filled_), false);
    summary_->setText(tr("Select a record to see its details."));
    text_->clear();
    prettyJson_->clear();
    jsonTree_->clear();
    hex_->clear();
    eventCard_->clear();
    changeView_->clear();
    headers_->setRowCount(0);
    metadata_->setRowCount(0);
    tabs_->setTabVisible(EventTab, false);
    tabs_->setTabVisible(ChangeTab, false);
    setJsonTabsEnabled(QString());
}

void MessageDetailPane::setJsonTabsEnabled(const QString &reason)
{
    for (const Tab tab : {PrettyJsonTab, JsonTreeTab}) {
        tabs_->setTabEnabled(tab, reason.isEmpty());
        tabs_->setTabToolTip(tab, reason);
    }
}

bool MessageDetailPane::isTabEnabled(Tab tab) const
{
    return tabs_->isTabEnabled(tab);
}

QString MessageDetailPane::keyText() const
{
    if (!record_ || !record_->key) {
        return tr("(null)");
    }
    return readable(*record_->key);
}

void MessageDetailPane::showRecord(RecordDetail detail)
{
    record_ = std::move(detail);
    std::fill(std::begin(filled_), std::end(filled_), false);
    const RecordDetail &r = *record_;
    const DecodedValue::Kind kind = r.decoded.kind;
    QString summary
        = tr("%1 · p%2 · offset %3 · %4").arg(r.topic).arg(r.partition).arg(r.offset).arg(kindName(kind));
    if (!r.decoded.summary.isEmpty()) {
        summary += QStringLiteral(" · ") + r.decoded.summary;
    }
    if (!r.decoded.error.isEmpty()) {
        summary += QStringLiteral(" · ⚠ ") + r.decoded.error;
    }
    summary_->setText(summary);
    summary_->setToolTip(summary);
    tabs_->setTabVisible(
        EventTab, kind == DecodedValue::Kind::CloudEvent && r.decoded.cloudEvent.has_value());
    tabs_->setTabVisible(ChangeTab,
        (kind == DecodedValue::Kind::Change && r.decoded.change.has_value())
            || kind == DecodedValue::Kind::Tombstone);
    {
        // Disabling the current tab would make the tab bar pick (and fill) another one first.
        const QSignalBlocker block(tabs_);
        setJsonTabsEnabled(notJsonReason(r));
    }
    chooseTab();
    fillTab(tabs_->currentIndex());
}

void MessageDetailPane::chooseTab()
{
    const DecodedValue::Kind kind = record_->decoded.kind;
    if (userChoseTab_ && tabs_->isTabVisible(tabs_->currentIndex())
        && tabs_->isTabEnabled(tabs_->currentIndex())) {
        return;
    }
    Tab tab = TextTab;
    switch (kind) {
    case DecodedValue::Kind::CloudEvent:
        tab = tabs_->isTabVisible(EventTab) ? EventTab : PrettyJsonTab;
        break;
    case DecodedValue::Kind::Change:
    case DecodedValue::Kind::Tombstone:
        tab = tabs_->isTabVisible(ChangeTab) ? ChangeTab : TextTab;
        break;
    case DecodedValue::Kind::Json:
    case DecodedValue::Kind::Heartbeat:
        tab = PrettyJsonTab;
        break;
    case DecodedValue::Kind::Binary:
    case DecodedValue::Kind::Framed:
        tab = HexTab;
        break;
    default:
        tab = TextTab;
        break;
    }
    const QSignalBlocker block(tabs_); // filled right after by showRecord
    tabs_->setCurrentIndex(tab);
}

void MessageDetailPane::setCurrentTab(Tab tab)
{
    userChoseTab_ = true;
    tabs_->setCurrentIndex(tab);
}

bool MessageDetailPane::isTabVisible(Tab tab) const
{
    return tabs_->isTabVisible(tab);
}

void MessageDetailPane::fillTab(int index)
{
    if (!record_ || index < 0 || index >= TabCount || filled_[index]) {
        return;
    }
    filled_[index] = true;
    const RecordDetail &r = *record_;
    const DecodedValue &d = r.decoded;
    switch (Tab(index)) {
    case TextTab:
        if (!r.value) {
            text_->setPlainText(r.key ? tr("(null value: a tombstone)") : tr("(null value)"));
        } else {
            // The raw text of the value; a binary value shows the decoder's hex dump instead.
            const std::string_view bytes = viewOf(r.value->left(kMaxTextChars * 2));
            text_->setPlainText(
                bounded(inspect::looksLikeText(bytes) ? inspect::textOf(bytes) : d.text, kMaxTextChars));
        }
        break;
    case PrettyJsonTab: {
        QString pretty;
        QString error;
        if (d.kind == DecodedValue::Kind::Json && !d.text.isEmpty()) {
            pretty = d.text;
        } else if (r.value) {
            pretty = inspect::prettyJson(viewOf(*r.value), &error).value_or(QString());
        }
        prettyJson_->setPlainText(pretty.isEmpty()
                ? tr("Not JSON%1").arg(error.isEmpty() ? QString() : QStringLiteral(": ") + error)
                : bounded(pretty, kMaxTextChars));
        break;
    }
    case JsonTreeTab:
        if (r.value) {
            jsonTree_->setJson(*r.value);
        } else {
            jsonTree_->clear();
        }
        break;
    case HexTab:
        hex_->setData(r.value.value_or(QByteArray()));
        break;
    case EventTab:
        if (d.cloudEvent) {
            eventCard_->setEvent(*d.cloudEvent);
        }
        break;
    case ChangeTab:
        if (d.kind == DecodedValue::Kind::Tombstone) {
            changeView_->setTombstone(keyText());
        } else if (d.change) {
            changeView_->setChange(*d.change);
        }
        break;
    case HeadersTab:
        headers_->setRowCount(int(r.headers.size()));
        for (int i = 0; i < r.headers.size(); ++i) {
            const auto &[name, value] = r.headers[i];
            headers_->setItem(i, 0, new QTableWidgetItem(readable(name)));
            auto *item = new QTableWidgetItem(value ? readable(*value) : tr("(null)"));
            item->setToolTip(item->text());
            headers_->setItem(i, 1, item);
        }
        break;
    case MetadataTab: {
        QList<QPair<QString, QString>> rows = {
            {tr("Topic"), r.topic},
            {tr("Partition"), QString::number(r.partition)},
            {tr("Offset"), QString::number(r.offset)},
            {tr("Timestamp"), timeText(r.timestamp)},
            {tr("Timestamp (epoch ms)"), QString::number(r.timestamp)},
            {tr("Timestamp type"),
                r.timestampType == inspect::TimestampType::CreateTime          ? tr("CreateTime")
                    : r.timestampType == inspect::TimestampType::LogAppendTime ? tr("LogAppendTime")
                                                                               : tr("not available")},
            {tr("Leader broker"), r.brokerId >= 0 ? QString::number(r.brokerId) : QStringLiteral("–")},
            {tr("Key"), keyText()},
            {tr("Key size"), r.key ? tr("%L1 bytes").arg(r.key->size()) : tr("null")},
            {tr("Value size"), r.value ? tr("%L1 bytes").arg(r.value->size()) : tr("null")},
            {tr("Headers"), QString::number(r.headers.size())},
            {tr("Decoded as"), kindName(d.kind) + QStringLiteral(" (") + d.decoderId + QLatin1Char(')')},
        };
        if (d.schemaId) {
            rows.append({tr("Schema id"), QString::number(*d.schemaId)});
        }
        if (!d.error.isEmpty()) {
            rows.append({tr("Decoding problem"), d.error});
        }
        for (const auto &field : d.fields) {
            rows.append({field.first, field.second});
        }
        metadata_->setRowCount(int(rows.size()));
        for (int i = 0; i < rows.size(); ++i) {
            metadata_->setItem(i, 0, new QTableWidgetItem(rows[i].first));
            metadata_->setItem(i, 1, new QTableWidgetItem(rows[i].second));
        }
        break;
    }
    case TabCount:
        break;
    }
}

} // namespace edis::ui
