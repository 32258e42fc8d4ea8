#include "registerschemadialog.h"

#include "registry/registryclient.h"
#include "report.h"
#include "schemadiff.h"
#include "schemahighlighter.h"
#include "statusindicator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace edis::ui {

using registry::SchemaType;
using Level = widgets::StatusIndicator::Level;

schemadiff::SchemaFormat schemaFormatOf(SchemaType type)
{
    // The registry's names are the ones schemadiff reads; its default (an empty name) is Avro.
    return schemadiff::formatFromRegistryType(registry::toString(type))
        .value_or(schemadiff::SchemaFormat::Avro);
}

RegisterSchemaDialog::RegisterSchemaDialog(registry::RegistryClient *client, const QString &subject,
    const std::optional<registry::Schema> &latest, QWidget *parent)
    : QDialog(parent)
    , client_(client)
    , subject_(subject)
    , latest_(latest)
    , type_(new QComboBox(this))
    , editor_(new QPlainTextEdit(this))
    , highlighter_(new widgets::SchemaHighlighter(editor_->document(), palette()))
    , report_(new QPlainTextEdit(this))
    , status_(new widgets::StatusIndicator(this))
    , checkButton_(new QPushButton(tr("&Check compatibility"), this))
    , registerButton_(new QPushButton(tr("&Register"), this))
{
    setObjectName(QStringLiteral("registerSchemaDialog"));
    setWindowTitle(tr("Register a new version of %1").arg(subject));
    for (const SchemaType type : {SchemaType::Avro, SchemaType::Protobuf, SchemaType::Json}) {
        type_->addItem(registry::toString(type), static_cast<int>(type));
    }
    type_->setObjectName(QStringLiteral("schemaType"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    editor_->setObjectName(QStringLiteral("schemaEditor"));
    editor_->setFont(mono);
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor_->setPlaceholderText(tr("The schema's text (Avro or JSON Schema as JSON, Protobuf as .proto)"));
    report_->setObjectName(QStringLiteral("checkReport"));
    report_->setFont(mono);
    report_->setReadOnly(true);
    report_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    report_->setPlaceholderText(tr("“Check compatibility” asks the registry and compares with the latest "
                                   "version here."));
    status_->setObjectName(QStringLiteral("registerStatus"));
    status_->setStatus(Level::Idle,
        latest ? tr("Edit the schema, check it against version %1, then register it.").arg(latest->version)
               : tr("A new subject: its first version."));
    checkButton_->setObjectName(QStringLiteral("checkCompatibilityButton"));
    checkButton_->setEnabled(latest.has_value());
    registerButton_->setObjectName(QStringLiteral("registerButton"));
    registerButton_->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Subject:"), new QLabel(subject.toHtmlEscaped(), this));
    form->addRow(tr("Type:"), type_);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(editor_);
    splitter->addWidget(report_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(checkButton_, QDialogButtonBox::ActionRole);
    buttons->addButton(registerButton_, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    connect(type_, &QComboBox::currentIndexChanged, this, [this] {
        highlighter_->setLanguage(draft().type == SchemaType::Protobuf
                ? widgets::SchemaHighlighter::Language::Protobuf
                : widgets::SchemaHighlighter::Language::Json);
    });
    connect(checkButton_, &QPushButton::clicked, this, &RegisterSchemaDialog::checkCompatibility);
    // Registering closes the dialog only once the registry took the schema.
    connect(registerButton_, &QPushButton::clicked, this, &RegisterSchemaDialog::registerSchema);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (latest) {
        setSchemaType(latest->type);
        setSchemaText(latest->text);
    }
    resize(760, 600);
}

void RegisterSchemaDialog::setSchemaText(const QString &text)
{
    editor_->setPlainText(text);
}

void RegisterSchemaDialog::setSchemaType(SchemaType type)
{
    type_->setCurrentIndex(type_->findData(static_cast<int>(type)));
}

registry::SchemaDraft RegisterSchemaDialog::draft() const
{
    registry::SchemaDraft draft;
    draft.type = static_cast<SchemaType>(type_->currentData().toInt());
    draft.text = editor_->toPlainText();
    if (latest_ && latest_->type == draft.type) {
        draft.references = latest_->references; // the editor keeps the latest version's imports
    }
    return draft;
}

void RegisterSchemaDialog::showLocalReport()
{
    if (!latest_) {
        report_->clear();
        return;
    }
    const registry::SchemaDraft d = draft();
    if (d.type != latest_->type) {
        report_->setPlainText(tr("The type changes from %1 to %2: no semantic comparison.")
                                  .arg(registry::toString(latest_->type), registry::toString(d.type)));
        return;
    }
    const auto result = schemadiff::diffSchemas(schemaFormatOf(d.type), {latest_->text, {}}, {d.text, {}});
    report_->setPlainText(tr("Against version %1 (compared here):\n").arg(latest_->version)
        + (result.ok() ? schemadiff::renderReport(result) : result.error));
}

void RegisterSchemaDialog::setBusy(bool busy)
{
    checkButton_->setEnabled(!busy && latest_.has_value());
    registerButton_->setEnabled(!busy);
}

void RegisterSchemaDialog::showCheckResult(const registry::Result<registry::CompatibilityCheck> &result)
{
    if (!result.ok()) {
        status_->setStatus(Level::Bad, tr("The check failed: %1").arg(result.error().message));
    } else if (result->compatible) {
        status_->setStatus(
            Level::Good, tr("The registry accepts it under the subject's compatibility level."));
    } else {
        const QString reasons = result->messages.isEmpty()
            ? tr("the registry gave no reason; see the comparison above")
            : result->messages.join(QStringLiteral("; "));
        status_->setStatus(
            Level::Bad, tr("Incompatible with the subject's compatibility level: %1").arg(reasons));
    }
}

void RegisterSchemaDialog::checkCompatibility()
{
    showLocalReport();
    const quint64 generation = ++generation_;
    setBusy(true);
    status_->setStatus(Level::Busy, tr("Asking the registry…"));
    client_->checkCompatibility(subject_, registry::kLatestVersion, draft(),
        [this, generation](const registry::Result<registry::CompatibilityCheck> &result) {
            if (generation != generation_) {
                return;
            }
            setBusy(false);
            showCheckResult(result);
            Q_EMIT checkFinished();
        });
}

void RegisterSchemaDialog::registerSchema()
{
    if (editor_->toPlainText().trimmed().isEmpty()) {
        status_->setStatus(Level::Bad, tr("The schema is empty."));
        return;
    }
    const quint64 generation = ++generation_;
    setBusy(true);
    status_->setStatus(Level::Busy, tr("Registering…"));
    client_->registerSchema(subject_, draft(), [this, generation](const registry::Result<int> &result) {
        if (generation != generation_) {
            return;
        }
        setBusy(false);
        if (!result.ok()) {
            const QString message = tr("Not registered: %1").arg(result.error().message);
            status_->setStatus(Level::Bad, message);
            if (result.error().kind == registry::RegistryError::Kind::Incompatible) {
                showLocalReport(); // what the semantic diff says is wrong, beside the refusal
            }
            Q_EMIT registerFailed(message);
            return;
        }
        registeredId_ = result.value();
        Q_EMIT registered(result.value());
        accept();
    });
}

} // namespace edis::ui
