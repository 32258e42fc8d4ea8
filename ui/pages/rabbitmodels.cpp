#include "rabbitmodels.h"

#include <QCoreApplication>
#include <QLocale>

namespace edis::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("edis::ui::RabbitPage", text);
}

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString rate(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 1 : 0);
}

QVariant header(const QStringList &names, int section, Qt::Orientation orientation, int role)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= names.size()) {
        return {};
    }
    return names[section];
}

// As an int: what views read from Qt::TextAlignmentRole.
constexpr int kNumber = Qt::AlignRight | Qt::AlignVCenter;

} // namespace

QString exchangeDisplayName(const QString &name)
{
    return name.isEmpty() ? tr("(AMQP default)") : name;
}

QVariant RabbitQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const rabbit::QueueInfo &q = rows()[index.row()];
    const auto column = static_cast<Column>(index.column());
    if (role == Qt::TextAlignmentRole) {
        return column >= Ready ? QVariant(kNumber) : QVariant();
    }
    if (role == Qt::ToolTipRole && column == Name) {
        return q.state.isEmpty() ? q.name : tr("%1 (%2)").arg(q.name, q.state);
    }
    if (role == kRabbitSparklineRole) {
        return column == PublishRate && history_ ? QVariant::fromValue(
                   history_->publishSparkline(rabbit::RateKey::queue(q.vhost, q.name), kSparklinePoints))
                                                 : QVariant();
    }
    if (role != Qt::DisplayRole && role != kRabbitSortRole) {
        return {};
    }
    const bool display = role == Qt::DisplayRole;
    switch (column) {
    case Name:
        return q.name;
    case Type:
        return q.type == rabbit::QueueType::Other ? q.typeName : rabbit::toString(q.type);
    case Ready:
        return display ? QVariant(count(q.messagesReady)) : QVariant(q.messagesReady);
    case Unacked:
        return display ? QVariant(count(q.messagesUnacknowledged)) : QVariant(q.messagesUnacknowledged);
    case Consumers:
        return display ? QVariant(count(q.consumers)) : QVariant(q.consumers);
    case PublishRate:
        return display ? QVariant(rate(q.rates.publish)) : QVariant(q.rates.publish);
    case DeliverRate:
        return display ? QVariant(rate(q.rates.deliver)) : QVariant(q.rates.deliver);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RabbitQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::TextAlignmentRole && orientation == Qt::Horizontal && section >= Ready) {
        return kNumber;
    }
    return header({tr("Name"), tr("Type"), tr("Ready"), tr("Unacked"), tr("Consumers"), tr("Publish/s"),
                      tr("Deliver/s")},
        section, orientation, role);
}

QVariant RabbitExchangeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()
        || (role != Qt::DisplayRole && role != kRabbitSortRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const rabbit::ExchangeInfo &e = rows()[index.row()];
    switch (static_cast<Column>(index.column())) {
    case Name:
        return exchangeDisplayName(e.name);
    case Type:
        return e.type;
    case Durable:
        return e.durable ? tr("yes") : tr("no");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RabbitExchangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header({tr("Name"), tr("Type"), tr("Durable")}, section, orientation, role);
}

QVariant RabbitBindingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()
        || (role != Qt::DisplayRole && role != kRabbitSortRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const rabbit::BindingInfo &b = rows()[index.row()];
    switch (static_cast<Column>(index.column())) {
    case Source:
        return exchangeDisplayName(b.source);
    case Destination:
        return b.destination;
    case DestinationType:
        return b.destinationType == rabbit::DestinationType::Queue ? tr("queue") : tr("exchange");
    case RoutingKey:
        return b.routingKey;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RabbitBindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return header({tr("Source"), tr("Destination"), tr("Destination type"), tr("Routing key")}, section,
        orientation, role);
}

QString RabbitBindingModel::key(const rabbit::BindingInfo &row) const
{
    const QChar sep(0x1f);
    return row.source + sep + row.destination + sep
        + (row.destinationType == rabbit::DestinationType::Queue ? QLatin1Char('q') : QLatin1Char('e')) + sep
        + row.propertiesKey;
}

bool RabbitBindingFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const auto matches = [&](int column) {
        return source->index(sourceRow, column, sourceParent)
            .data()
            .toString()
            .contains(filterRegularExpression());
    };
    return matches(RabbitBindingModel::Source) || matches(RabbitBindingModel::Destination);
}

} // namespace edis::ui
