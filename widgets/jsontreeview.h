#pragma once

// A collapsible JSON tree: an item model over a parsed document with key / value / type columns
// whose child nodes are made only when a view opens them (a 5 MB array costs nothing until
// expanded), and a tree view with expand-all, copy-path and copy-value.

#include <QAbstractItemModel>
#include <QJsonValue>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QLabel;
class QTreeView;

namespace edis::widgets {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, ///< filter-bar path of the node, e.g. value.items[0].sku
        JsonRole, ///< the node as compact JSON text
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /// Parses `json`; on failure the model is empty and the parser's message is returned.
    QString setJson(const QByteArray &json);
    void setRoot(const QJsonValue &root);
    void clear();
    /// Prefix of copied paths ("value" gives value.a.b, matching the filter language).
    void setPathPrefix(const QString &prefix) { pathPrefix_ = prefix; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString pathOf(const QModelIndex &index) const;
    QJsonValue valueOf(const QModelIndex &index) const;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    void populate(Node *node) const;

    std::unique_ptr<Node> root_;
    QString pathPrefix_ = QStringLiteral("value");
};

/// The tree with its actions (also in the context menu): expand all, collapse all, copy path,
/// copy value.
class JsonTreeView : public QWidget {
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

    /// Shows the document; a parse error is shown instead of the tree.
    void setJson(const QByteArray &json);
    void clear();
    JsonTreeModel *model() const { return model_; }
    QTreeView *treeView() const { return tree_; }

    QAction *expandAllAction() const { return expandAll_; }
    QAction *copyPathAction() const { return copyPath_; }
    QAction *copyValueAction() const { return copyValue_; }

    /// Nodes below this many descendants open with expand-all; bigger ones stay closed.
    static constexpr int kExpandAllLimit = 20000;

private:
    void expandEverything();

    JsonTreeModel *model_;
    QTreeView *tree_;
    QLabel *message_;
    QAction *expandAll_;
    QAction *collapseAll_;
    QAction *copyPath_;
    QAction *copyValue_;
};

} // namespace edis::widgets
