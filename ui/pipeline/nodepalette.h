#pragma once

#include <QStandardItemModel>
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace edis::pipeline {
class Catalogue;
}

namespace edis::ui {

/// The catalogue as a tree of categories and node types. Node types drag out as
/// NodeTypeMimeType carrying their type id, which the canvas accepts as a drop.
class NodeCatalogueModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { TypeIdRole = Qt::UserRole + 1, SearchTextRole };

    explicit NodeCatalogueModel(const pipeline::Catalogue &catalogue, QObject *parent = nullptr);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }
};

/// The palette beside the canvas: a search field over the catalogue tree. Drag a type onto the
/// canvas, or double-click / press Enter to add it in the middle of the view.
class NodePalette : public QWidget {
    Q_OBJECT
public:
    explicit NodePalette(const pipeline::Catalogue &catalogue, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return search_; }
    QTreeView *tree() const { return tree_; }
    NodeCatalogueModel *catalogueModel() const { return model_; }
    QSortFilterProxyModel *filterModel() const { return proxy_; }

Q_SIGNALS:
    void nodeTypeActivated(const QString &typeId);

private:
    void applyFilter(const QString &text);

    QLineEdit *search_;
    QTreeView *tree_;
    NodeCatalogueModel *model_;
    QSortFilterProxyModel *proxy_;
};

} // namespace edis::ui
