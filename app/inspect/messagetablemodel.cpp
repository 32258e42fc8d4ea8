#include "messagetablemodel.h"

#include "builtindecoders.h"
#include "textformat.h"

#include <QDateTime>

#include <algorithm>
#include <numeric>

namespace edis::inspect {

namespace {

constexpr int kPreviewChars = 160;
constexpr int kKeyChars = 64;

QString keyText(const MessageView &r)
{
    if (!r.hasKey()) {
        return QStringLiteral("(null)");
    }
    return looksLikeText(r.key(), 4096) ? oneLine(r.key(), kKeyChars) : hexPreview(r.key(), 16);
}

QString timeText(int64_t ms)
{
    if (ms < 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace

MessageTableModel::MessageTableModel(std::shared_ptr<const DecoderRegistry> registry, QObject *parent)
    : QAbstractTableModel(parent)
    , registry_(std::move(registry))
{
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return int(indexed() ? rows_.size() - head_ : store_.size());
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<MessageId> MessageTableModel::idAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    return indexed() ? rows_[head_ + std::size_t(row)] : store_.firstId() + MessageId(row);
}

int MessageTableModel::rowOf(MessageId id) const
{
    if (!store_.contains(id)) {
        return -1;
    }
    if (!indexed()) {
        return int(id - store_.firstId());
    }
    if (isSorted()) {
        const auto it = std::find(rows_.begin(), rows_.end(), id);
        return it != rows_.end() ? int(it - rows_.begin()) : -1;
    }
    const auto begin = rows_.begin() + std::ptrdiff_t(head_);
    const auto it = std::lower_bound(begin, rows_.end(), id);
    return it != rows_.end() && *it == id ? int(it - begin) : -1;
}

MessageView MessageTableModel::viewAt(int row) const
{
    const auto id = idAt(row);
    return id ? store_.view(*id) : MessageView();
}

DecodedValue MessageTableModel::decode(int row) const
{
    const MessageView r = viewAt(row);
    if (!r.isValid()) {
        return {};
    }
    return registry_->decode(r, decoderOverride(r.topic()));
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto id = idAt(index.row());
    if (!id) {
        return {};
    }
    const MessageView r = store_.view(*id);
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionColumn || index.column() == OffsetColumn
            || index.column() == HeadersColumn || index.column() == SizeColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case MessageIdRole:
        return QVariant::fromValue(quint64(*id));
    case TopicRole:
        return QString::fromUtf8(r.topic().data(), qsizetype(r.topic().size()));
    case IsTombstoneRole:
        return r.isTombstone();
    case IsHeartbeatRole:
        return r.isHeartbeat() || isDebeziumHeartbeat(r);
    case DecoderIdRole: {
        const Decoder *d = registry_->decoderFor(r, decoderOverride(r.topic()));
        return d ? d->id() : QString();
    }
    case RawValueRole:
        switch (index.column()) {
        case PartitionColumn:
            return r.partition();
        case OffsetColumn:
            return qint64(r.offset());
        case TimestampColumn:
            return qint64(r.timestamp());
        case HeadersColumn:
            return r.headerCount();
        case SizeColumn:
            return quint64(r.payloadBytes());
        default:
            return display(r, index.column());
        }
    default:
        return {};
    }
}

QVariant MessageTableModel::display(const MessageView &r, int column) const
{
    switch (column) {
    case PartitionColumn:
        return r.partition();
    case OffsetColumn:
        return qint64(r.offset());
    case TimestampColumn:
        return timeText(r.timestamp());
    case KeyColumn:
        return keyText(r);
    case ValueColumn: {
        const Decoder *d = registry_->decoderFor(r, decoderOverride(r.topic()));
        return d ? d->preview(r, kPreviewChars) : QString();
    }
    case HeadersColumn:
        return r.headerCount();
    case SizeColumn:
        return quint64(r.payloadBytes());
    case DecoderColumn: {
        const Decoder *d = registry_->decoderFor(r, decoderOverride(r.topic()));
        return d ? d->name() : QString();
    }
    default:
        return {};
    }
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case PartitionColumn:
        return tr("Partition");
    case OffsetColumn:
        return tr("Offset");
    case TimestampColumn:
        return tr("Timestamp");
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case HeadersColumn:
        return tr("Headers");
    case SizeColumn:
        return tr("Size");
    case DecoderColumn:
        return tr("Decoded as");
    default:
        return {};
    }
}

bool MessageTableModel::visible(const MessageView &record) const
{
    // Records are not classified on arrival (see MessageConsumer::poll): heartbeats are
    // recognised here, only while they are hidden.
    if (hideHeartbeats_ && (record.isHeartbeat() || isDebeziumHeartbeat(record))) {
        return false;
    }
    return !filter_ || filter_->matches(record, payloads_.get());
}

void MessageTableModel::appendBatches(std::span<const MessageBatch> batches)
{
    insertBatches(batches, nullptr);
}

void MessageTableModel::adoptBatches(std::span<MessageBatch> batches)
{
    insertBatches(batches, batches.data());
}

void MessageTableModel::insertBatches(std::span<const MessageBatch> batches, MessageBatch *owned)
{
    if (std::all_of(batches.begin(), batches.end(), [](const MessageBatch &b) { return b.isEmpty(); })) {
        return;
    }
    if (isSorted()) {
        appendSorted(batches, owned);
        return;
    }
    const MessageStore::AppendPlan plan = store_.planAppend(
        batches, owned != nullptr ? MessageStore::Ownership::Adopt : MessageStore::Ownership::Copy);
    const auto put = [&] {
        return owned != nullptr ? store_.adoptPlanned({owned, batches.size()}, plan)
                                : store_.appendPlanned(batches, plan);
    };
    if (plan.dropMessages > 0) {
        const MessageId newFirst = store_.firstId() + plan.dropMessages;
        std::size_t goneRows = 0;
        if (filtering_) {
            const auto begin = rows_.begin() + std::ptrdiff_t(head_);
            goneRows = std::size_t(std::lower_bound(begin, rows_.end(), newFirst) - begin);
        } else {
            goneRows = std::size_t(plan.dropMessages);
        }
        if (goneRows > 0) {
            beginRemoveRows({}, 0, int(goneRows) - 1);
        }
        store_.dropPlanned(plan);
        head_ += filtering_ ? goneRows : 0;
        if (goneRows > 0) {
            endRemoveRows();
        }
        compactRows();
    }
    if (!filtering_) {
        if (plan.keptFromBatch > 0) {
            const int first = rowCount();
            beginInsertRows({}, first, first + int(plan.keptFromBatch) - 1);
            put();
            endInsertRows();
        } else {
            put();
        }
    } else {
        const MessageStore::AppendResult result = put();
        std::vector<MessageId> matched;
        store_.forEach(
            result.firstNewId, result.firstNewId + result.kept, [&](MessageId id, const MessageView &r) {
                if (visible(r)) {
                    matched.push_back(id);
                }
            });
        if (!matched.empty()) {
            const int first = rowCount();
            beginInsertRows({}, first, first + int(matched.size()) - 1);
            rows_.insert(rows_.end(), matched.begin(), matched.end());
            endInsertRows();
        }
    }
    Q_EMIT storeStatsChanged();
}

void MessageTableModel::compactRows()
{
    // Erasing the front of the vector on every trim would be quadratic; do it now and then.
    if (head_ > 4096 && head_ * 2 > rows_.size()) {
        rows_.erase(rows_.begin(), rows_.begin() + std::ptrdiff_t(head_));
        head_ = 0;
    }
}

void MessageTableModel::clear()
{
    beginResetModel();
    store_.clear();
    rows_.clear();
    head_ = 0;
    endResetModel();
    Q_EMIT storeStatsChanged();
}

void MessageTableModel::appendSorted(std::span<const MessageBatch> batches, MessageBatch *owned)
{
    // New records land anywhere in a sorted view: one reset per flush instead of many inserts.
    beginResetModel();
    const MessageStore::AppendResult result
        = owned != nullptr ? store_.adopt({owned, batches.size()}) : store_.append(batches);
    const MessageId first = store_.firstId();
    std::erase_if(rows_, [first](MessageId id) { return id < first; }); // trimmed by the budget
    std::vector<MessageId> added;
    store_.forEach(
        result.firstNewId, result.firstNewId + result.kept, [&](MessageId id, const MessageView &r) {
            if (visible(r)) {
                added.push_back(id);
            }
        });
    sortIds(added);
    // Both parts are in sort order: one linear merge (a flush adds few records to many).
    const auto middle = std::ptrdiff_t(rows_.size());
    rows_.insert(rows_.end(), added.begin(), added.end());
    std::inplace_merge(rows_.begin(), rows_.begin() + middle, rows_.end(),
        [this](MessageId a, MessageId b) { return sortsBefore(a, b); });
    endResetModel();
    Q_EMIT storeStatsChanged();
}

int64_t MessageTableModel::numericSortKey(const MessageView &r) const
{
    switch (sortColumn_) {
    case PartitionColumn:
        return r.partition();
    case OffsetColumn:
        return r.offset();
    case TimestampColumn:
        return r.timestamp();
    case HeadersColumn:
        return r.headerCount();
    case SizeColumn:
        return int64_t(r.payloadBytes());
    default:
        return 0;
    }
}

bool MessageTableModel::sortsBefore(MessageId a, MessageId b) const
{
    const MessageView ra = store_.view(a);
    const MessageView rb = store_.view(b);
    const bool descending = sortOrder_ == Qt::DescendingOrder;
    if (sortsByBytes()) {
        const std::string_view ka = bytesSortKey(ra);
        const std::string_view kb = bytesSortKey(rb);
        if (ka != kb) {
            return descending ? kb < ka : ka < kb;
        }
        return a < b;
    }
    const int64_t ka = numericSortKey(ra);
    const int64_t kb = numericSortKey(rb);
    if (ka != kb) {
        return descending ? kb < ka : ka < kb;
    }
    return a < b;
}

void MessageTableModel::sortIds(std::vector<MessageId> &ids) const
{
    if (sortColumn_ < 0 || ids.size() < 2) {
        return;
    }
    const bool descending = sortOrder_ == Qt::DescendingOrder;
    // Each id's key is read once, then sorted with the id; ties keep arrival order whatever
    // the direction.
    const auto sortBy = [&](auto keyOf) {
        using Key = decltype(keyOf(MessageView()));
        std::vector<std::pair<Key, MessageId>> keyed;
        keyed.reserve(ids.size());
        for (const MessageId id : ids) {
            keyed.emplace_back(keyOf(store_.view(id)), id);
        }
        std::sort(keyed.begin(), keyed.end(), [descending](const auto &a, const auto &b) {
            if (a.first != b.first) {
                return descending ? b.first < a.first : a.first < b.first;
            }
            return a.second < b.second;
        });
        std::transform(keyed.begin(), keyed.end(), ids.begin(), [](const auto &k) { return k.second; });
    };
    if (sortsByBytes()) {
        sortBy([this](const MessageView &r) { return bytesSortKey(r); });
    } else {
        sortBy([this](const MessageView &r) { return numericSortKey(r); });
    }
}

void MessageTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= 0 && !isSortable(column)) {
        return; // keeps the sort there is
    }
    const int wanted = column;
    if (wanted == sortColumn_ && (wanted < 0 || order == sortOrder_)) {
        return;
    }
    sortColumn_ = wanted;
    sortOrder_ = order;
    rebuildRows();
}

void MessageTableModel::setMemoryBudget(std::size_t bytes)
{
    if (isSorted()) {
        beginResetModel();
        store_.setMemoryBudget(bytes);
        const MessageId first = store_.firstId();
        std::erase_if(rows_, [first](MessageId id) { return id < first; });
        endResetModel();
        Q_EMIT storeStatsChanged();
        return;
    }
    const uint64_t gone = store_.recordsDroppedByBudget(bytes);
    const MessageId newFirst = store_.firstId() + gone;
    std::size_t goneRows = 0;
    if (filtering_) {
        const auto begin = rows_.begin() + std::ptrdiff_t(head_);
        goneRows = std::size_t(std::lower_bound(begin, rows_.end(), newFirst) - begin);
    } else {
        goneRows = std::size_t(gone);
    }
    if (goneRows > 0) {
        beginRemoveRows({}, 0, int(goneRows) - 1);
    }
    store_.setMemoryBudget(bytes);
    head_ += filtering_ ? goneRows : 0;
    if (goneRows > 0) {
        endRemoveRows();
    }
    compactRows();
    Q_EMIT storeStatsChanged();
}

void MessageTableModel::rebuildRows()
{
    beginResetModel();
    filtering_ = hideHeartbeats_ || (filter_ && !filter_->matchesEverything());
    rows_.clear();
    head_ = 0;
    if (filtering_) {
        store_.forEach(store_.firstId(), store_.endId(), [&](MessageId id, const MessageView &r) {
            if (visible(r)) {
                rows_.push_back(id);
            }
        });
    } else if (isSorted()) {
        rows_.resize(store_.size());
        std::iota(rows_.begin(), rows_.end(), store_.firstId());
    }
    sortIds(rows_);
    endResetModel();
}

void MessageTableModel::setRegistry(std::shared_ptr<const DecoderRegistry> registry)
{
    registry_ = std::move(registry);
    clear();
}

void MessageTableModel::setPayloads(std::shared_ptr<const PayloadJson> payloads)
{
    payloads_ = std::move(payloads);
    if (filter_ && !filter_->matchesEverything()) {
        rebuildRows();
    }
}

void MessageTableModel::refreshDecoded()
{
    if (filter_ && !filter_->matchesEverything() && payloads_) {
        rebuildRows(); // a field that was missing while its schema was fetched may match now
        return;
    }
    const int rows = rowCount();
    if (rows > 0) {
        Q_EMIT dataChanged(index(0, KeyColumn), index(rows - 1, DecoderColumn));
    }
}

void MessageTableModel::setFilter(std::shared_ptr<const FilterExpression> filter)
{
    filter_ = std::move(filter);
    rebuildRows();
}

FilterError MessageTableModel::setFilterText(const QString &text)
{
    FilterError error;
    auto expr = FilterExpression::parse(text, &error);
    if (expr) {
        setFilter(std::move(expr));
    }
    return error;
}

void MessageTableModel::setHideHeartbeats(bool hide)
{
    if (hide != hideHeartbeats_) {
        hideHeartbeats_ = hide;
        rebuildRows();
    }
}

void MessageTableModel::setDecoderOverride(const QString &topic, const QString &decoderId)
{
    const std::string name = topic.toStdString();
    if (decoderId.isEmpty()) {
        decoderOverrides_.erase(name);
    } else {
        decoderOverrides_[name] = decoderId;
    }
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, ValueColumn), index(rowCount() - 1, DecoderColumn));
    }
}

QString MessageTableModel::decoderOverride(std::string_view topic) const
{
    if (decoderOverrides_.empty()) {
        return {};
    }
    const auto it = decoderOverrides_.find(topic);
    return it == decoderOverrides_.end() ? QString() : it->second;
}

} // namespace edis::inspect
