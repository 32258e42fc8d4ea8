#pragma once

// The RabbitMQ page's tables (queues, exchanges, bindings of a vhost) as models over the plain
// values of edis_rabbit. A refresh updates rows in place by key: rows that stay keep their place
// (and so the view's selection and scroll position), gone ones are removed and new ones appended
// in one insert, so a vhost with thousands of queues refreshes without a model reset.

#include "rabbit/managementtypes.h"
#include "rabbit/ratehistory.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>

namespace edis::ui {

/// The raw value of a cell (a count as qint64, a rate as double) for numeric sorting.
inline constexpr int kRabbitSortRole = Qt::UserRole + 1;
/// The last minute of a queue's publish rate (QList<double>), for the Publish/s sparkline.
inline constexpr int kRabbitSparklineRole = Qt::UserRole + 2;

/// Rows of T identified by key(T); columns and cells come from the subclass.
template <typename T>
class KeyedRowModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(rows_.size());
    }
    const QList<T> &rows() const { return rows_; }

    /// Replaces the rows with `fresh`, keeping the place of rows whose key stays.
    void update(const QList<T> &fresh)
    {
        QHash<QString, qsizetype> wanted;
        wanted.reserve(fresh.size());
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            wanted.insert(key(fresh[i]), i);
        }
        // Remove the rows that went, in contiguous runs from the bottom.
        for (qsizetype end = rows_.size(); end > 0;) {
            if (wanted.contains(key(rows_[end - 1]))) {
                --end;
                continue;
            }
            qsizetype begin = end - 1;
            while (begin > 0 && !wanted.contains(key(rows_[begin - 1]))) {
                --begin;
            }
            beginRemoveRows({}, int(begin), int(end - 1));
            rows_.remove(begin, end - begin);
            endRemoveRows();
            end = begin;
        }
        QSet<QString> present;
        present.reserve(rows_.size());
        for (T &row : rows_) {
            const QString k = key(row);
            present.insert(k);
            row = fresh[wanted.value(k)];
        }
        if (!rows_.isEmpty()) {
            Q_EMIT dataChanged(index(0, 0), index(int(rows_.size()) - 1, columnCount() - 1));
        }
        QList<T> added;
        for (const T &row : fresh) {
            if (!present.contains(key(row))) {
                added.append(row);
            }
        }
        if (!added.isEmpty()) {
            beginInsertRows({}, int(rows_.size()), int(rows_.size() + added.size()) - 1);
            rows_.append(added);
            endInsertRows();
        }
    }

    void clear()
    {
        beginResetModel();
        rows_.clear();
        endResetModel();
    }

protected:
    virtual QString key(const T &row) const = 0;

private:
    QList<T> rows_;
};

class RabbitQueueModel : public KeyedRowModel<rabbit::QueueInfo> {
public:
    enum Column { Name, Type, Ready, Unacked, Consumers, PublishRate, DeliverRate, ColumnCount };
    using KeyedRowModel::KeyedRowModel;

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    /// Where the Publish/s sparkline's points come from (null: none); must outlive the model.
    void setRateHistory(const rabbit::RateHistory *history) { history_ = history; }
    /// Points of the sparkline: the last minute at the page's 5 s refresh.
    static constexpr int kSparklinePoints = 12;

protected:
    QString key(const rabbit::QueueInfo &row) const override { return row.name; }

private:
    const rabbit::RateHistory *history_ = nullptr;
};

class RabbitExchangeModel : public KeyedRowModel<rabbit::ExchangeInfo> {
public:
    enum Column { Name, Type, Durable, ColumnCount };
    using KeyedRowModel::KeyedRowModel;

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString key(const rabbit::ExchangeInfo &row) const override { return row.name; }
};

class RabbitBindingModel : public KeyedRowModel<rabbit::BindingInfo> {
public:
    enum Column { Source, Destination, DestinationType, RoutingKey, ColumnCount };
    using KeyedRowModel::KeyedRowModel;

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString key(const rabbit::BindingInfo &row) const override;
};

/// Filters bindings on their names: a row matches when its source or its destination does.
class RabbitBindingFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

/// How the page names the default exchange (whose name is "").
QString exchangeDisplayName(const QString &name);

} // namespace edis::ui
