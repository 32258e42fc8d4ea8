#include "jsontreeview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace edis::widgets {

namespace {

constexpr int kValuePreviewChars = 200;

bool isPlainName(const QString &key)
{
    if (key.isEmpty() || !(key.front().isLetter() || key.front() == u'_' || key.front() == u'$')) {
        return false;
    }
    return std::all_of(key.begin(), key.end(),
        [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'-'; });
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    // A scalar: wrap it so QJsonDocument formats it, then unwrap.
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString displayValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        const qsizetype n = v.toObject().size();
        return n == 1 ? QObject::tr("{1 field}") : QObject::tr("{%1 fields}").arg(n);
    }
    case QJsonValue::Array: {
        const qsizetype n = v.toArray().size();
        return n == 1 ? QObject::tr("[1 item]") : QObject::tr("[%1 items]").arg(n);
    }
    case QJsonValue::String: {
        QString s = v.toString();
        if (s.size() > kValuePreviewChars) {
            s = s.left(kValuePreviewChars) + QChar(0x2026);
        }
        s.replace(u'\n', QStringLiteral("\\n"));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    default:
        return compactJson(v);
    }
}

} // namespace

struct JsonTreeModel::Node {
    QJsonValue value;
    QString key; ///< member name in an object parent
    int index = -1; ///< element index in an array parent (-1: object member or root)
    int row = 0;
    Node *parent = nullptr;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;

    int childCount() const
    {
        if (value.isObject()) {
            return int(value.toObject().size());
        }
        if (value.isArray()) {
            return int(value.toArray().size());
        }
        return 0;
    }
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

JsonTreeModel::~JsonTreeModel() = default;

QString JsonTreeModel::setJson(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        clear();
        return tr("%1 at byte %2").arg(error.errorString()).arg(error.offset);
    }
    setRoot(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    return {};
}

void JsonTreeModel::setRoot(const QJsonValue &root)
{
    beginResetModel();
    root_ = std::make_unique<Node>();
    root_->value = root;
    endResetModel();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    root_.reset();
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : root_.get();
}

void JsonTreeModel::populate(Node *node) const
{
    // Children are made on first access from a view: the model is logically const here.
    if (node->populated) {
        return;
    }
    node->populated = true;
    if (node->value.isObject()) {
        const QJsonObject object = node->value.toObject();
        node->children.reserve(std::size_t(object.size()));
        int row = 0;
        for (auto it = object.begin(); it != object.end(); ++it) {
            auto child = std::make_unique<Node>();
            child->value = it.value();
            child->key = it.key();
            child->row = row++;
            child->parent = node;
            node->children.push_back(std::move(child));
        }
    } else if (node->value.isArray()) {
        const QJsonArray array = node->value.toArray();
        node->children.reserve(std::size_t(array.size()));
        for (int i = 0; i < array.size(); ++i) {
            auto child = std::make_unique<Node>();
            child->value = array.at(i);
            child->index = i;
            child->row = i;
            child->parent = node;
            node->children.push_back(std::move(child));
        }
    }
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!root_ || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    Node *p = nodeOf(parent);
    if (row < 0 || row >= p->childCount()) {
        return {};
    }
    populate(p);
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    Node *p = nodeOf(child)->parent;
    if (!p || p == root_.get()) {
        return {};
    }
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!root_ || (parent.isValid() && parent.column() != 0)) {
        return 0;
    }
    return nodeOf(parent)->childCount();
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return node->index >= 0 ? QStringLiteral("[%1]").arg(node->index) : node->key;
        case ValueColumn:
            return displayValue(node->value);
        case TypeColumn:
            return typeName(node->value);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return pathOf(index);
    case PathRole:
        return pathOf(index);
    case JsonRole:
        return compactJson(node->value);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

QString JsonTreeModel::pathOf(const QModelIndex &index) const
{
    QStringList parts;
    for (const Node *n = index.isValid() ? nodeOf(index) : nullptr; n && n->parent; n = n->parent) {
        if (n->index >= 0) {
            parts.prepend(QStringLiteral("[%1]").arg(n->index));
        } else if (isPlainName(n->key)) {
            parts.prepend(QLatin1Char('.') + n->key);
        } else {
            QString quoted = n->key;
            quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
            parts.prepend(QStringLiteral("[\"%1\"]").arg(quoted));
        }
    }
    return pathPrefix_ + parts.join(QString());
}

QJsonValue JsonTreeModel::valueOf(const QModelIndex &index) const
{
    const Node *n = nodeOf(index);
    return n ? n->value : QJsonValue();
}

JsonTreeView::JsonTreeView(QWidget *parent)
    : QWidget(parent)
    , model_(new JsonTreeModel(this))
    , tree_(new QTreeView(this))
    , message_(new QLabel(this))
{
    tree_->setObjectName(QStringLiteral("jsonTree"));
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true); // lets the view skip measuring rows of big arrays
    tree_->setAlternatingRowColors(true);
    tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    tree_->setColumnWidth(JsonTreeModel::KeyColumn, 220);
    tree_->setColumnWidth(JsonTreeModel::TypeColumn, 70);
    tree_->setContextMenuPolicy(Qt::ActionsContextMenu);
    message_->setObjectName(QStringLiteral("jsonTreeMessage"));
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    message_->setMargin(8);
    message_->hide();

    expandAll_ = new QAction(tr("Expand All"), this);
    collapseAll_ = new QAction(tr("Collapse All"), this);
    copyPath_ = new QAction(tr("Copy Path"), this);
    copyPath_->setToolTip(tr("Copy the node's path in filter syntax, e.g. value.items[0].sku"));
    copyValue_ = new QAction(tr("Copy Value"), this);
    copyValue_->setShortcut(QKeySequence::Copy);
    copyValue_->setShortcutContext(Qt::WidgetShortcut);
    connect(expandAll_, &QAction::triggered, this, &JsonTreeView::expandEverything);
    connect(collapseAll_, &QAction::triggered, tree_, &QTreeView::collapseAll);
    connect(copyPath_, &QAction::triggered, this, [this] {
        const QModelIndex current = tree_->currentIndex();
        if (current.isValid()) {
            QApplication::clipboard()->setText(model_->pathOf(current));
        }
    });
    connect(copyValue_, &QAction::triggered, this, [this] {
        const QModelIndex current = tree_->currentIndex();
        if (!current.isValid()) {
            return;
        }
        const QJsonValue v = model_->valueOf(current);
        // A string is copied as its text, anything else as JSON.
        QApplication::clipboard()->setText(v.isString()
                ? v.toString()
                : current.siblingAtColumn(0).data(JsonTreeModel::JsonRole).toString());
    });
    tree_->addActions({expandAll_, collapseAll_, copyPath_, copyValue_});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(message_);
    layout->addWidget(tree_);
}

void JsonTreeView::setJson(const QByteArray &json)
{
    const QString error = model_->setJson(json);
    message_->setVisible(!error.isEmpty());
    tree_->setVisible(error.isEmpty());
    if (!error.isEmpty()) {
        message_->setText(tr("Not JSON: %1").arg(error));
        return;
    }
    // Open the first level, so a small event is readable at once.
    tree_->expandToDepth(0);
}

void JsonTreeView::clear()
{
    model_->clear();
    message_->hide();
    tree_->show();
}

void JsonTreeView::expandEverything()
{
    // expandAll() on a huge document would populate every node; open breadth-first up to a bound.
    std::vector<QModelIndex> queue {QModelIndex()};
    int opened = 0;
    for (std::size_t i = 0; i < queue.size() && opened < kExpandAllLimit; ++i) {
        const QModelIndex parent = queue[i];
        const int rows = model_->rowCount(parent);
        for (int r = 0; r < rows && opened < kExpandAllLimit; ++r) {
            const QModelIndex child = model_->index(r, 0, parent);
            if (model_->hasChildren(child)) {
                queue.push_back(child);
            }
            ++opened;
        }
        if (parent.isValid()) {
            tree_->expand(parent);
        }
    }
}

} // namespace edis::widgets
