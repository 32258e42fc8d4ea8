#pragma once

#include "registry/registryerror.h"
#include "registry/registrytypes.h"
#include "schemadiff.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace edis::registry {
class RegistryClient;
}
namespace edis::widgets {
class SchemaHighlighter;
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

/// The schemadiff format of a registry schema type.
schemadiff::SchemaFormat schemaFormatOf(registry::SchemaType type);

/// Registers a new version of a subject: a schema editor (prefilled with the latest version),
/// its type, "Check compatibility" (the registry's check under the subject's level, and the
/// local semantic report against the latest version) and "Register". The registry's refusal
/// (an incompatible or invalid schema) is shown in the dialog, which then stays open.
class RegisterSchemaDialog : public QDialog {
    Q_OBJECT
public:
    /// `latest` is the subject's newest version, or nullopt for a new subject. The client must
    /// outlive the dialog (the page owns both).
    RegisterSchemaDialog(registry::RegistryClient *client, const QString &subject,
        const std::optional<registry::Schema> &latest, QWidget *parent = nullptr);

    void setSchemaText(const QString &text);
    void setSchemaType(registry::SchemaType type);
    registry::SchemaDraft draft() const;
    /// The id the registry gave, once registered.
    std::optional<int> registeredId() const { return registeredId_; }

public Q_SLOTS:
    void checkCompatibility();
    void registerSchema();

Q_SIGNALS:
    /// The check's answer came (compatible or not) or failed.
    void checkFinished();
    void registered(int id);
    /// Registering failed; the reason is shown in the dialog.
    void registerFailed(const QString &message);

private:
    void showLocalReport();
    void showCheckResult(const registry::Result<registry::CompatibilityCheck> &result);
    void setBusy(bool busy);

    registry::RegistryClient *client_;
    QString subject_;
    std::optional<registry::Schema> latest_;
    std::optional<int> registeredId_;
    quint64 generation_ = 0; ///< answers of an older check/register are dropped
    QComboBox *type_;
    QPlainTextEdit *editor_;
    widgets::SchemaHighlighter *highlighter_;
    QPlainTextEdit *report_;
    widgets::StatusIndicator *status_;
    QPushButton *checkButton_;
    QPushButton *registerButton_;
};

} // namespace edis::ui
