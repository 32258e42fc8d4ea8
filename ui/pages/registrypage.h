#pragma once

#include "registry/registrysettings.h"
#include "registry/registrytypes.h"

#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTextBrowser;
class QToolButton;

namespace edis::registry {
class RegistryClient;
struct RegistryError;
} // namespace edis::registry
namespace edis::inspect {
class SchemaSightings;
} // namespace edis::inspect
namespace edis::widgets {
class SchemaHighlighter;
class StatusIndicator;
} // namespace edis::widgets

namespace edis::ui {

/// The Schema Registry of a connection: its subjects (filter, deleted ones on request), a
/// subject's versions, compatibility level and schemas, a comparison of two versions (the
/// semantic report of edis_schemadiff and the text diff), and the actions: set the subject's
/// compatibility, register a version, delete a version or the subject. Every call is
/// asynchronous; answers for a subject or registry no longer shown are dropped.
class RegistryPage : public QWidget {
    Q_OBJECT
public:
    explicit RegistryPage(QWidget *parent = nullptr);
    ~RegistryPage() override;

    /// Shows the registry `settings` (named after the connection `name`) and loads its subjects.
    /// The same settings again keep what is shown; other ones drop everything in flight.
    void setRegistry(const registry::RegistrySettings &settings, const QString &name);
    registry::RegistryClient *client() const { return client_; }

    /// The subjects the list shows (after the filter), and what is selected.
    QStringList visibleSubjects() const;
    QString currentSubject() const { return subject_; }
    /// The shown subject's versions, newest first.
    QList<int> versions() const { return versions_; }
    int currentVersion() const;
    const std::optional<registry::Schema> &currentSchema() const { return schema_; }
    std::optional<registry::CompatibilityLevel> subjectCompatibility() const { return subjectLevel_; }

    /// The topics of the cluster beside the registry: a schema says which of them its subject
    /// belongs to (by the serializers' naming strategies).
    void setTopics(const QStringList &topics);
    /// The schema ids the inspector has seen, per topic (null: none known).
    void setSightings(std::shared_ptr<const inspect::SchemaSightings> sightings);
    /// What the shown schema's subject belongs to, as the schema tab says it.
    QString usedByText() const;
    /// The help on the registry's own configuration (schema-registry.properties), shown or not.
    void setConfigurationHelpShown(bool shown);
    bool isConfigurationHelpShown() const;
    /// Its text (translated), for tests and for the panel.
    static QString configurationHelp();

    void setFilter(const QString &text);
    void setShowDeleted(bool show);
    void selectSubject(const QString &subject);
    void selectVersion(int version);
    /// Shows `version` of `subject`, as a click on a reference of the shown schema does; the
    /// filter is cleared when it hides the subject.
    void openReference(const QString &subject, int version);
    /// Compares two versions of the shown subject (the Compare tab).
    void compareVersions(int oldVersion, int newVersion);
    QString compareReport() const;
    QString compareTextDiff() const;

public Q_SLOTS:
    void refresh();
    /// Sets the subject's compatibility to the combo's level, after a confirmation.
    void applyCompatibility();
    /// Opens the register dialog for the shown subject.
    void showRegisterDialog();
    void deleteVersion();
    void deleteSubject();

Q_SIGNALS:
    /// Each answer the page shows (tests wait on these instead of sleeping).
    void subjectsLoaded();
    void versionsLoaded();
    void schemaLoaded();
    void compatibilityLoaded();
    void compareFinished();
    /// A call failed; the message is shown in the page's status line.
    void failed(const QString &message);

private:
    void buildSubjectsPane(QWidget *pane);
    QWidget *buildSchemaTab();
    QWidget *buildCompareTab();
    /// Whether a finished subject list replaces the status with its count, or keeps what an action said.
    enum class StatusAfterLoad { Count, Keep };
    void loadSubjects(StatusAfterLoad after);
    /// Reloads the list and the shown subject after a change, keeping the change's message.
    void reloadAfterChange();
    void showSubjects(const QStringList &active, const QStringList &all);
    void loadSubject();
    void loadVersions();
    void loadCompatibility();
    void loadSchema(int version);
    void showSchema();
    void runCompare();
    void updateCount();
    void updateActions();
    void showError(const QString &context, const registry::RegistryError &error);
    void showInfo(const QString &text);
    void onSubjectSelected();

    registry::RegistryClient *client_ = nullptr;
    std::optional<registry::RegistrySettings> settings_;
    QString name_;
    /// Bumped when the registry changes (subjects) and when the subject changes (the rest):
    /// answers carrying an older number are for something no longer shown.
    quint64 registryGeneration_ = 0;
    bool announceCount_ = true;
    quint64 subjectGeneration_ = 0;
    QString subject_;
    QList<int> versions_; ///< newest first
    QSet<int> deletedVersions_;
    std::optional<registry::Schema> schema_;
    /// The version to show once the versions of its subject arrive (a reference opened).
    std::optional<registry::SubjectVersion> pendingReference_;
    std::optional<registry::CompatibilityLevel> subjectLevel_;
    std::optional<registry::CompatibilityLevel> globalLevel_;
    bool subjectLevelIsOwn_ = false;

    QStringList topics_;
    std::shared_ptr<const inspect::SchemaSightings> sightings_;
    QLabel *title_;
    QToolButton *helpButton_;
    QTextBrowser *help_;
    widgets::StatusIndicator *status_;
    QLineEdit *filter_;
    QCheckBox *showDeleted_;
    QPushButton *refreshButton_;
    QLabel *count_;
    QStandardItemModel *subjects_;
    QSortFilterProxyModel *subjectsProxy_;
    QListView *subjectList_;
    QLabel *subjectTitle_;
    QLabel *compatibilityLabel_;
    QComboBox *compatibility_;
    QPushButton *applyCompatibility_;
    QPushButton *registerButton_;
    QPushButton *deleteVersionButton_;
    QPushButton *deleteSubjectButton_;
    QComboBox *versionCombo_;
    QTabWidget *tabs_;
    QLabel *schemaInfo_;
    QPlainTextEdit *schemaText_;
    widgets::SchemaHighlighter *highlighter_;
    QComboBox *oldVersion_;
    QComboBox *newVersion_;
    QPushButton *compareButton_;
    QPlainTextEdit *report_;
    QPlainTextEdit *textDiff_;
};

} // namespace edis::ui
