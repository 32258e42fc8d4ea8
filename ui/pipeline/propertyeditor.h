#pragma once

#include "catalogue.h"
#include "graphtypes.h"
#include "validation.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace edis::pipeline {
class PipelineModel;
}

namespace edis::ui {

/// The settings of one node, generated from its catalogue descriptor: a line edit, spin box,
/// check box, combo box or list editor per property; secrets masked, required ones marked,
/// help as tooltips, validation problems under the field they concern. Edits come out as
/// requests (the page turns them into undo commands); the form follows the model's signals.
class PropertyEditor : public QWidget {
    Q_OBJECT
public:
    explicit PropertyEditor(pipeline::PipelineModel *model, QWidget *parent = nullptr);

    pipeline::NodeId node() const { return node_; }
    void setNode(pipeline::NodeId id);
    void setProblems(const QList<pipeline::Problem> &problems);

    QLineEdit *nameEdit() const { return nameEdit_; }
    /// The editor widget of a property (QLineEdit, QSpinBox, QCheckBox, QComboBox or
    /// QPlainTextEdit), or nullptr.
    QWidget *editorFor(const QString &key) const;
    /// The inline message under a property's editor.
    QLabel *messageFor(const QString &key) const;
    /// Shows why a rename was refused and puts the current name back.
    void showNameError(const QString &message);

    /// Whether two property values mean the same (unset, "" and [] are all "empty").
    static bool sameValue(const QVariant &a, const QVariant &b);

Q_SIGNALS:
    void renameRequested(edis::pipeline::NodeId id, const QString &name);
    void propertyEditRequested(edis::pipeline::NodeId id, const QString &key, const QVariant &value);

private:
    struct Field {
        pipeline::PropertyDescriptor descriptor;
        QWidget *editor = nullptr;
        QLabel *message = nullptr;
    };

    void rebuild();
    QWidget *createEditor(const pipeline::PropertyDescriptor &property);
    void showValue(const Field &field);
    QVariant currentValue(const QString &key) const;
    void commit(const QString &key, const QVariant &value);
    void commitName();

    pipeline::PipelineModel *model_;
    pipeline::NodeId node_ = pipeline::InvalidNodeId;
    QWidget *content_ = nullptr;
    QLabel *placeholder_;
    QLabel *title_ = nullptr;
    QLabel *description_ = nullptr;
    QLabel *nodeMessage_ = nullptr;
    QLineEdit *nameEdit_ = nullptr;
    QLabel *nameMessage_ = nullptr;
    QHash<QString, Field> fields_;
};

} // namespace edis::ui
