#include "propertyeditor.h"

#include "pipelinemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFocusEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace edis::ui {

using namespace pipeline;

namespace {

/// A list property, one entry per line; committed when the user leaves the field.
class ListEdit : public QPlainTextEdit {
public:
    using QPlainTextEdit::QPlainTextEdit;
    std::function<void()> onEditingFinished;

    QStringList entries() const
    {
        QStringList lines = toPlainText().split(QLatin1Char('\n'));
        lines.removeIf([](const QString &line) { return line.trimmed().isEmpty(); });
        return lines;
    }

protected:
    void focusOutEvent(QFocusEvent *event) override
    {
        QPlainTextEdit::focusOutEvent(event);
        if (onEditingFinished) {
            onEditingFinished();
        }
    }
};

QString messageStyle(bool error)
{
    return error ? QStringLiteral("color: #c62828; font-size: 8.5pt;")
                 : QStringLiteral("color: #a86b00; font-size: 8.5pt;");
}

} // namespace

PropertyEditor::PropertyEditor(PipelineModel *model, QWidget *parent)
    : QWidget(parent)
    , model_(model)
    , placeholder_(new QLabel(tr("Select one node to edit its settings."), this))
{
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setStyleSheet(QStringLiteral("color: #6b7280; padding: 24px;"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(placeholder_);
    layout->addStretch(1);

    connect(model_, &PipelineModel::propertyChanged, this, [this](NodeId id, const QString &key) {
        if (id == node_ && fields_.contains(key)) {
            showValue(fields_.value(key));
        }
    });
    connect(model_, &PipelineModel::nodeRenamed, this, [this](NodeId id, const QString &name) {
        if (id == node_ && nameEdit_) {
            nameEdit_->setText(name);
        }
    });
    connect(model_, &PipelineModel::nodeRemoved, this, [this](NodeId id) {
        if (id == node_) {
            setNode(InvalidNodeId);
        }
    });
    connect(model_, &PipelineModel::modelReset, this,
        [this] { setNode(model_->hasNode(node_) ? node_ : InvalidNodeId); });
}

void PropertyEditor::setNode(NodeId id)
{
    if (!model_->hasNode(id)) {
        id = InvalidNodeId;
    }
    if (id == node_ && (id == InvalidNodeId || content_)) {
        return;
    }
    node_ = id;
    rebuild();
}

QWidget *PropertyEditor::editorFor(const QString &key) const
{
    return fields_.value(key).editor;
}

QLabel *PropertyEditor::messageFor(const QString &key) const
{
    return fields_.value(key).message;
}

void PropertyEditor::rebuild()
{
    delete content_;
    content_ = nullptr;
    fields_.clear();
    nameEdit_ = nullptr;
    const NodeDescriptor *descriptor = model_->descriptor(node_);
    const Node *node = model_->node(node_);
    placeholder_->setVisible(!node);
    if (!node) {
        return;
    }

    content_ = new QWidget(this);
    auto *outer = new QVBoxLayout(content_);
    outer->setContentsMargins(8, 8, 8, 8);
    title_ = new QLabel(descriptor ? descriptor->displayName : node->type, content_);
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() + 1.5);
    title_->setFont(titleFont);
    outer->addWidget(title_);
    description_ = new QLabel(descriptor ? descriptor->description : QString(), content_);
    description_->setWordWrap(true);
    description_->setStyleSheet(QStringLiteral("color: #6b7280;"));
    outer->addWidget(description_);
    nodeMessage_ = new QLabel(content_);
    nodeMessage_->setWordWrap(true);
    nodeMessage_->setObjectName(QStringLiteral("nodeProblems"));
    nodeMessage_->hide();
    outer->addWidget(nodeMessage_);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // A narrow pane puts a long label above its field instead of pushing the field out of view.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    outer->addLayout(form);

    // The name first: it is what the canvas and every message call the node.
    nameEdit_ = new QLineEdit(node->name, content_);
    nameEdit_->setObjectName(QStringLiteral("nodeNameEdit"));
    nameMessage_ = new QLabel(content_);
    nameMessage_->setWordWrap(true);
    nameMessage_->setStyleSheet(messageStyle(true));
    nameMessage_->hide();
    auto *nameBox = new QWidget(content_);
    auto *nameLayout = new QVBoxLayout(nameBox);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->setSpacing(2);
    nameLayout->addWidget(nameEdit_);
    nameLayout->addWidget(nameMessage_);
    form->addRow(tr("Name *"), nameBox);
    connect(nameEdit_, &QLineEdit::editingFinished, this, &PropertyEditor::commitName);

    if (descriptor) {
        for (const PropertyDescriptor &property : descriptor->properties) {
            Field field;
            field.descriptor = property;
            field.editor = createEditor(property);
            field.editor->setObjectName(QStringLiteral("property_") + property.key);
            field.editor->setToolTip(property.help);
            field.message = new QLabel(content_);
            field.message->setWordWrap(true);
            field.message->hide();
            auto *box = new QWidget(content_);
            auto *boxLayout = new QVBoxLayout(box);
            boxLayout->setContentsMargins(0, 0, 0, 0);
            boxLayout->setSpacing(2);
            boxLayout->addWidget(field.editor);
            boxLayout->addWidget(field.message);
            const QString labelText = (property.label.isEmpty() ? property.key : property.label)
                + (property.required ? QStringLiteral(" *") : QString());
            auto *label = new QLabel(labelText, content_);
            label->setToolTip(property.help + (property.required ? tr("\nRequired.") : QString()));
            if (property.required) {
                QFont bold = label->font();
                bold.setBold(true);
                label->setFont(bold);
            }
            form->addRow(label, box);
            fields_.insert(property.key, field);
            showValue(field);
        }
    }
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, content_);
}

QWidget *PropertyEditor::createEditor(const PropertyDescriptor &property)
{
    const QString key = property.key;
    const QString placeholder = property.required ? tr("Required") : property.defaultValue.toString();
    switch (property.type) {
    case PropertyType::String:
    case PropertyType::Secret: {
        auto *edit = new QLineEdit(content_);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        if (property.type == PropertyType::Secret) {
            // Masked on screen; the help suggests a ${env:…} reference instead of the secret.
            edit->setEchoMode(QLineEdit::Password);
            if (placeholder.isEmpty()) {
                edit->setPlaceholderText(QStringLiteral("${env:VARIABLE}"));
            }
        }
        connect(edit, &QLineEdit::editingFinished, this, [this, edit, key] {
            const QString text = edit->text();
            commit(key, isEmptyPropertyValue(text) ? QVariant() : QVariant(text));
        });
        return edit;
    }
    case PropertyType::Int: {
        auto *spin = new QSpinBox(content_);
        spin->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        spin->setKeyboardTracking(false);
        // editingFinished also comes when the focus merely passes through: an unset property
        // that still shows its default is not an edit (it would mark a just-opened file modified).
        const QVariant defaultValue = property.defaultValue;
        connect(spin, &QSpinBox::editingFinished, this, [this, spin, key, defaultValue] {
            const QVariant stored = currentValue(key);
            if ((stored.isValid() ? stored : defaultValue).toLongLong() == spin->value()) {
                return;
            }
            commit(key, qint64(spin->value()));
        });
        return spin;
    }
    case PropertyType::Bool: {
        auto *check = new QCheckBox(content_);
        connect(check, &QCheckBox::toggled, this, [this, key](bool on) { commit(key, on); });
        return check;
    }
    case PropertyType::Enum: {
        auto *combo = new QComboBox(content_);
        if (!property.required) {
            combo->addItem(QString()); // "not set"
        }
        combo->addItems(property.values);
        connect(combo, &QComboBox::activated, this, [this, combo, key](int) {
            const QString text = combo->currentText();
            commit(key, text.isEmpty() ? QVariant() : QVariant(text));
        });
        return combo;
    }
    case PropertyType::List: {
        auto *list = new ListEdit(content_);
        list->setPlaceholderText(tr("One entry per line"));
        list->setTabChangesFocus(true);
        list->setFixedHeight(list->fontMetrics().lineSpacing() * 4 + 12);
        list->onEditingFinished = [this, list, key] {
            const QStringList entries = list->entries();
            commit(key, entries.isEmpty() ? QVariant() : QVariant(entries));
        };
        return list;
    }
    }
    return new QWidget(content_);
}

QVariant PropertyEditor::currentValue(const QString &key) const
{
    const Node *node = model_->node(node_);
    return node ? node->properties.value(key) : QVariant();
}

void PropertyEditor::showValue(const Field &field)
{
    const QVariant value = currentValue(field.descriptor.key);
    QWidget *editor = field.editor;
    const QSignalBlocker blocker(editor);
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        if (edit->text() != value.toString()) {
            edit->setText(value.toString());
        }
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        const QVariant shown = value.isValid() ? value : field.descriptor.defaultValue;
        spin->setValue(static_cast<int>(shown.toLongLong()));
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        const QVariant shown = value.isValid() ? value : field.descriptor.defaultValue;
        check->setChecked(shown.toBool());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString text = value.toString();
        int index = combo->findText(text);
        if (index < 0) {
            combo->addItem(text); // a value the catalogue does not know: show it, validation says why
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    } else if (auto *list = dynamic_cast<ListEdit *>(editor)) {
        const QStringList entries = value.toStringList();
        if (list->entries() != entries) {
            list->setPlainText(entries.join(QLatin1Char('\n')));
        }
    }
}

bool PropertyEditor::sameValue(const QVariant &a, const QVariant &b)
{
    if (isEmptyPropertyValue(a) || isEmptyPropertyValue(b)) {
        return isEmptyPropertyValue(a) && isEmptyPropertyValue(b);
    }
    return a == b;
}

void PropertyEditor::commit(const QString &key, const QVariant &value)
{
    if (node_ == InvalidNodeId || sameValue(currentValue(key), value)) {
        return;
    }
    Q_EMIT propertyEditRequested(node_, key, value);
}

void PropertyEditor::commitName()
{
    if (!nameEdit_ || node_ == InvalidNodeId) {
        return;
    }
    const Node *node = model_->node(node_);
    const QString name = nameEdit_->text().trimmed();
    if (!node || name == node->name) {
        nameMessage_->hide();
        return;
    }
    nameMessage_->hide();
    Q_EMIT renameRequested(node_, name);
}

void PropertyEditor::showNameError(const QString &message)
{
    if (!nameEdit_) {
        return;
    }
    nameMessage_->setText(message);
    nameMessage_->show();
    if (const Node *node = model_->node(node_)) {
        nameEdit_->setText(node->name);
    }
}

void PropertyEditor::setProblems(const QList<Problem> &problems)
{
    if (!content_) {
        return;
    }
    QHash<QString, QStringList> perProperty;
    QHash<QString, bool> propertyHasError;
    QStringList nodeLevel;
    bool nodeLevelError = false;
    for (const Problem &problem : problems) {
        if (problem.node != node_ || problem.edge != InvalidEdgeId) {
            continue;
        }
        if (!problem.property.isEmpty() && fields_.contains(problem.property)) {
            perProperty[problem.property].append(problem.message);
            propertyHasError[problem.property]
                = propertyHasError.value(problem.property) || problem.isError();
        } else {
            nodeLevel.append(problem.message);
            nodeLevelError = nodeLevelError || problem.isError();
        }
    }
    for (auto it = fields_.cbegin(); it != fields_.cend(); ++it) {
        const QStringList messages = perProperty.value(it.key());
        it.value().message->setStyleSheet(messageStyle(propertyHasError.value(it.key())));
        it.value().message->setText(messages.join(QLatin1Char('\n')));
        it.value().message->setVisible(!messages.isEmpty());
    }
    nodeMessage_->setStyleSheet(messageStyle(nodeLevelError));
    nodeMessage_->setText(nodeLevel.join(QLatin1Char('\n')));
    nodeMessage_->setVisible(!nodeLevel.isEmpty());
}

} // namespace edis::ui
