#include "nodepalette.h"

#include "catalogue.h"
#include "dagcanvas/dagmimedata.h"
#include "dagcanvas/dagstyle.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace edis::ui {

using namespace pipeline;

namespace {

QIcon categoryIcon(NodeCategory category)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(widgets::dagstyle::categoryColor(category));
    painter.drawRoundedRect(QRectF(2, 3, 12, 10), 3, 3);
    return QIcon(pixmap);
}

QString categoryTitle(NodeCategory category)
{
    switch (category) {
    case NodeCategory::Source:
        return NodeCatalogueModel::tr("Sources");
    case NodeCategory::Processor:
        return NodeCatalogueModel::tr("Processors");
    case NodeCategory::Sink:
        return NodeCatalogueModel::tr("Sinks");
    }
    return {};
}

} // namespace

NodeCatalogueModel::NodeCatalogueModel(const Catalogue &catalogue, QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Node")});
    for (NodeCategory category : {NodeCategory::Source, NodeCategory::Processor, NodeCategory::Sink}) {
        auto *group = new QStandardItem(categoryTitle(category));
        QFont bold = group->font();
        bold.setBold(true);
        group->setFont(bold);
        group->setEditable(false);
        group->setData(categoryTitle(category), SearchTextRole);
        QList<const NodeDescriptor *> members;
        for (const NodeDescriptor &node : catalogue.nodes()) {
            if (node.category == category) {
                members.append(&node);
            }
        }
        std::sort(members.begin(), members.end(), [](const NodeDescriptor *a, const NodeDescriptor *b) {
            return a->displayName.localeAwareCompare(b->displayName) < 0;
        });
        for (const NodeDescriptor *node : std::as_const(members)) {
            auto *item = new QStandardItem(categoryIcon(category), node->displayName);
            item->setEditable(false);
            // The name first: a narrow palette elides it ("Flatten CDC envelo…").
            item->setToolTip(QStringLiteral("<b>%1</b><br>%2")
                                 .arg(node->displayName.toHtmlEscaped(), node->description.toHtmlEscaped()));
            item->setData(node->id, TypeIdRole);
            item->setData(
                QStringList {node->displayName, node->id, node->description, categoryTitle(category)}.join(
                    QLatin1Char(' ')),
                SearchTextRole);
            group->appendRow(item);
        }
        appendRow(group);
    }
}

Qt::ItemFlags NodeCatalogueModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QStandardItemModel::flags(index) & ~Qt::ItemIsEditable;
    if (index.isValid() && !index.data(TypeIdRole).toString().isEmpty()) {
        flags |= Qt::ItemIsDragEnabled;
    } else {
        flags &= ~Qt::ItemIsDragEnabled;
    }
    return flags & ~Qt::ItemIsDropEnabled;
}

QStringList NodeCatalogueModel::mimeTypes() const
{
    return {QLatin1String(widgets::NodeTypeMimeType)};
}

QMimeData *NodeCatalogueModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        const QString typeId = index.data(TypeIdRole).toString();
        if (!typeId.isEmpty()) {
            auto *mime = new QMimeData;
            mime->setData(QLatin1String(widgets::NodeTypeMimeType), typeId.toUtf8());
            mime->setText(typeId);
            return mime;
        }
    }
    return nullptr;
}

NodePalette::NodePalette(const Catalogue &catalogue, QWidget *parent)
    : QWidget(parent)
    , search_(new QLineEdit(this))
    , tree_(new QTreeView(this))
    , model_(new NodeCatalogueModel(catalogue, this))
    , proxy_(new QSortFilterProxyModel(this))
{
    search_->setObjectName(QStringLiteral("nodePaletteSearch"));
    search_->setPlaceholderText(tr("Search nodes…"));
    search_->setClearButtonEnabled(true);
    proxy_->setSourceModel(model_);
    proxy_->setFilterRole(NodeCatalogueModel::SearchTextRole);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setRecursiveFilteringEnabled(true);
    tree_->setObjectName(QStringLiteral("nodePaletteTree"));
    tree_->setModel(proxy_);
    tree_->setHeaderHidden(true);
    tree_->setDragEnabled(true);
    tree_->setDragDropMode(QAbstractItemView::DragOnly);
    tree_->setDefaultDropAction(Qt::CopyAction);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    tree_->setUniformRowHeights(true);
    tree_->setRootIsDecorated(true);
    tree_->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(search_);
    layout->addWidget(tree_);

    connect(search_, &QLineEdit::textChanged, this, &NodePalette::applyFilter);
    connect(tree_, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString typeId = index.data(NodeCatalogueModel::TypeIdRole).toString();
        if (!typeId.isEmpty()) {
            Q_EMIT nodeTypeActivated(typeId);
        }
    });
    // Enter in the search field adds the first match.
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        for (int g = 0; g < proxy_->rowCount(); ++g) {
            const QModelIndex group = proxy_->index(g, 0);
            if (proxy_->rowCount(group) > 0) {
                Q_EMIT nodeTypeActivated(
                    proxy_->index(0, 0, group).data(NodeCatalogueModel::TypeIdRole).toString());
                return;
            }
        }
    });
}

void NodePalette::applyFilter(const QString &text)
{
    proxy_->setFilterFixedString(text.trimmed());
    tree_->expandAll();
}

} // namespace edis::ui
