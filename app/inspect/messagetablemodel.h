#pragma once

// The record list: a virtual table over the MessageStore. Batches arrive whole (one insert per
// batch), text is made only in data() for the rows a view asks for, the oldest rows leave at
// the top when the memory budget trims, and a filter expression selects the visible rows.

#include "decodedvalue.h"
#include "decoderregistry.h"
#include "filterexpression.h"
#include "messagestore.h"

#include <QAbstractTableModel>

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace edis::inspect {

class MessageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PartitionColumn,
        OffsetColumn,
        TimestampColumn,
        KeyColumn,
        ValueColumn, ///< a one-line preview by the record's decoder
        HeadersColumn, ///< number of headers
        SizeColumn, ///< bytes of key + value + headers
        DecoderColumn, ///< the decoder in use (auto-detected or chosen for the topic)
        ColumnCount
    };
    enum Role {
        MessageIdRole = Qt::UserRole + 1, ///< quint64 id in the store
        TopicRole,
        IsTombstoneRole,
        IsHeartbeatRole,
        DecoderIdRole,
        RawValueRole, ///< sort-friendly value: numbers as numbers
    };
    Q_ENUM(Column)

    explicit MessageTableModel(std::shared_ptr<const DecoderRegistry> registry = DecoderRegistry::shared(),
        QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Appends batches, in order, as one run: at most one removal (oldest rows, when the budget
    /// trims) and one insert, however many batches.
    void appendBatches(std::span<const MessageBatch> batches);
    void appendBatch(const MessageBatch &batch) { appendBatches({&batch, 1}); }
    /// Like appendBatches(), but the store keeps the batches that can be chunks as they are
    /// (MessageStore::adoptable) instead of copying their records: those are left empty.
    void adoptBatches(std::span<MessageBatch> batches);
    void clear();

    const MessageStore &store() const { return store_; }
    const DecoderRegistry &registry() const { return *registry_; }
    /// Decodes with `registry` from now on (a connection with a Schema Registry brings its
    /// own). Empties the table: a held record's detection is an index into the registry.
    void setRegistry(std::shared_ptr<const DecoderRegistry> registry);
    /// How the filter reads framed (Schema Registry) keys and values; null: as raw bytes.
    void setPayloads(std::shared_ptr<const PayloadJson> payloads);
    /// What held records decode to may have changed (schemas arrived): a filter runs again (one
    /// reset), otherwise the views are told that the key, value and decoder columns changed.
    void refreshDecoded();
    void setMemoryBudget(std::size_t bytes);

    /// Shows only records the expression matches (nullptr or an empty expression: all).
    void setFilter(std::shared_ptr<const FilterExpression> filter);
    /// Parses and applies; on a parse error the current filter stays and the error is returned.
    FilterError setFilterText(const QString &text);
    std::shared_ptr<const FilterExpression> filter() const { return filter_; }
    void setHideHeartbeats(bool hide);
    bool hidesHeartbeats() const { return hideHeartbeats_; }
    bool isFiltered() const { return filtering_; }

    /// Sorts the visible rows by a column (Qt's sort(); -1 restores arrival order). Partition,
    /// offset, timestamp, headers and size sort by value, key and value by their bytes; ties keep
    /// arrival order. The decoder column does not sort (it would decode every record): asking
    /// for it keeps the current sort. While
    /// sorted, each batch merges its records into place and the view is reset once per batch.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }
    bool isSorted() const { return sortColumn_ >= 0; }
    static bool isSortable(int column)
    {
        return column >= 0 && column < ColumnCount && column != DecoderColumn;
    }

    /// Decoder for every record of a topic; an empty id restores auto-detection.
    void setDecoderOverride(const QString &topic, const QString &decoderId);
    QString decoderOverride(std::string_view topic) const;

    std::optional<MessageId> idAt(int row) const;
    /// Row of a held, visible record; -1 otherwise.
    int rowOf(MessageId id) const;
    /// Valid until the next appendBatch()/clear()/setMemoryBudget().
    MessageView viewAt(int row) const;
    /// Full decoding for a details pane.
    DecodedValue decode(int row) const;

Q_SIGNALS:
    /// Held/dropped/memory figures changed (after each batch, trim or clear).
    void storeStatsChanged();

private:
    bool visible(const MessageView &record) const;
    /// rows_ holds the visible ids in display order (filtered or sorted).
    bool indexed() const { return filtering_ || sortColumn_ >= 0; }
    /// Orders ids by the sort column (ties by id).
    void sortIds(std::vector<MessageId> &ids) const;
    bool sortsBefore(MessageId a, MessageId b) const;
    int64_t numericSortKey(const MessageView &record) const;
    bool sortsByBytes() const { return sortColumn_ == KeyColumn || sortColumn_ == ValueColumn; }
    std::string_view bytesSortKey(const MessageView &record) const
    {
        return sortColumn_ == KeyColumn ? record.key() : record.value();
    }
    void insertBatches(std::span<const MessageBatch> batches, MessageBatch *owned);
    void appendSorted(std::span<const MessageBatch> batches, MessageBatch *owned);
    void rebuildRows();
    void compactRows();
    QVariant display(const MessageView &record, int column) const;

    std::shared_ptr<const DecoderRegistry> registry_;
    MessageStore store_;
    std::shared_ptr<const FilterExpression> filter_;
    std::shared_ptr<const PayloadJson> payloads_;
    bool hideHeartbeats_ = false;
    bool filtering_ = false;
    /// Visible ids when indexed(): ascending when only filtering, in sort order when sorted
    /// (then head_ stays 0); rows start at rows_[head_].
    std::vector<MessageId> rows_;
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    std::size_t head_ = 0;
    std::map<std::string, QString, std::less<>> decoderOverrides_;
};

} // namespace edis::inspect
