#include "registrypage.h"

#include "registerschemadialog.h"
#include "registry/registryclient.h"
#include "registry/subjectnaming.h"
#include "report.h"
#include "schemadiff.h"
#include "schemahighlighter.h"
#include "schemasightings.h"
#include "statusindicator.h"
#include "textdiff.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <memory>

namespace edis::ui {

using registry::CompatibilityLevel;
using registry::RegistryError;
using registry::Result;
using registry::SchemaType;
using Level = widgets::StatusIndicator::Level;

namespace {

constexpr int kDeletedRole = Qt::UserRole + 1;
constexpr int kSubjectRole = Qt::UserRole + 2;

const QList<CompatibilityLevel> kLevels {CompatibilityLevel::None, CompatibilityLevel::Backward,
    CompatibilityLevel::BackwardTransitive, CompatibilityLevel::Forward,
    CompatibilityLevel::ForwardTransitive, CompatibilityLevel::Full, CompatibilityLevel::FullTransitive};

QPlainTextEdit *makeReadOnlyText(const QString &objectName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

RegistryPage::RegistryPage(QWidget *parent)
    : QWidget(parent)
    , title_(new QLabel(this))
    , helpButton_(new QToolButton(this))
    , help_(new QTextBrowser(this))
    , status_(new widgets::StatusIndicator(this))
    , filter_(new QLineEdit(this))
    , showDeleted_(new QCheckBox(tr("Show &deleted"), this))
    , refreshButton_(new QPushButton(tr("Refresh"), this))
    , count_(new QLabel(this))
    , subjects_(new QStandardItemModel(this))
    , subjectsProxy_(new QSortFilterProxyModel(this))
    , subjectList_(new QListView(this))
    , subjectTitle_(new QLabel(this))
    , compatibilityLabel_(new QLabel(this))
    , compatibility_(new QComboBox(this))
    , applyCompatibility_(new QPushButton(tr("Set…"), this))
    , registerButton_(new QPushButton(tr("Register new version…"), this))
    , deleteVersionButton_(new QPushButton(tr("Delete version…"), this))
    , deleteSubjectButton_(new QPushButton(tr("Delete subject…"), this))
    , versionCombo_(new QComboBox(this))
    , tabs_(new QTabWidget(this))
    , schemaInfo_(new QLabel(this))
    , schemaText_(makeReadOnlyText(QStringLiteral("schemaText"), this))
    , highlighter_(new widgets::SchemaHighlighter(schemaText_->document(), palette()))
    , oldVersion_(new QComboBox(this))
    , newVersion_(new QComboBox(this))
    , compareButton_(new QPushButton(tr("Compare"), this))
    , report_(makeReadOnlyText(QStringLiteral("compareReport"), this))
    , textDiff_(makeReadOnlyText(QStringLiteral("compareTextDiff"), this))
{
    setObjectName(QStringLiteral("registryPage"));
    title_->setObjectName(QStringLiteral("registryTitle"));
    title_->setTextFormat(Qt::PlainText);
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    status_->setObjectName(QStringLiteral("registryStatus"));

    auto *splitter = new QSplitter(this);
    auto *left = new QWidget(splitter);
    buildSubjectsPane(left);
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    subjectTitle_->setObjectName(QStringLiteral("subjectTitle"));
    subjectTitle_->setTextFormat(Qt::PlainText);
    subjectTitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    subjectTitle_->setWordWrap(true);
    QFont subjectFont = subjectTitle_->font();
    subjectFont.setBold(true);
    subjectTitle_->setFont(subjectFont);
    compatibilityLabel_->setObjectName(QStringLiteral("compatibilityLabel"));
    compatibilityLabel_->setWordWrap(true);
    compatibility_->setObjectName(QStringLiteral("compatibilityCombo"));
    for (const CompatibilityLevel level : kLevels) {
        compatibility_->addItem(registry::toString(level), static_cast<int>(level));
    }
    applyCompatibility_->setObjectName(QStringLiteral("applyCompatibility"));
    applyCompatibility_->setToolTip(tr("Set the subject's own compatibility level"));
    registerButton_->setObjectName(QStringLiteral("registerVersionButton"));
    deleteVersionButton_->setObjectName(QStringLiteral("deleteVersionButton"));
    deleteSubjectButton_->setObjectName(QStringLiteral("deleteSubjectButton"));
    versionCombo_->setObjectName(QStringLiteral("versionCombo"));
    versionCombo_->setMinimumContentsLength(14);

    auto *controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Compatibility:"), right), 0, 0);
    controls->addWidget(compatibility_, 0, 1);
    controls->addWidget(applyCompatibility_, 0, 2);
    controls->addWidget(compatibilityLabel_, 0, 3, 1, 3);
    controls->addWidget(new QLabel(tr("Version:"), right), 1, 0);
    controls->addWidget(versionCombo_, 1, 1);
    controls->addWidget(registerButton_, 1, 2, 1, 2);
    controls->addWidget(deleteVersionButton_, 1, 4);
    controls->addWidget(deleteSubjectButton_, 1, 5);
    controls->setColumnStretch(3, 1);
    tabs_->setObjectName(QStringLiteral("registryTabs"));
    tabs_->addTab(buildSchemaTab(), tr("Schema"));
    tabs_->addTab(buildCompareTab(), tr("Compare versions"));
    rightLayout->addWidget(subjectTitle_);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(tabs_, 1);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 700});
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, false);

    // The registry's own configuration, from the seed's Schema Registry section: on demand.
    helpButton_->setObjectName(QStringLiteral("registryHelpButton"));
    helpButton_->setText(tr("Registry configuration…"));
    helpButton_->setCheckable(true);
    helpButton_->setToolTip(tr("How the registry itself is configured (schema-registry.properties)"));
    help_->setObjectName(QStringLiteral("registryHelp"));
    help_->setHtml(configurationHelp());
    help_->setOpenExternalLinks(false);
    help_->setMaximumHeight(help_->fontMetrics().height() * 14);
    help_->hide();
    connect(helpButton_, &QToolButton::toggled, this, &RegistryPage::setConfigurationHelpShown);
    auto *header = new QHBoxLayout;
    header->addWidget(title_, 1);
    header->addWidget(helpButton_);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(status_);
    layout->addWidget(help_);
    layout->addWidget(splitter, 1);

    connect(versionCombo_, &QComboBox::activated, this, [this] { loadSchema(currentVersion()); });
    connect(applyCompatibility_, &QPushButton::clicked, this, &RegistryPage::applyCompatibility);
    connect(registerButton_, &QPushButton::clicked, this, &RegistryPage::showRegisterDialog);
    connect(deleteVersionButton_, &QPushButton::clicked, this, &RegistryPage::deleteVersion);
    connect(deleteSubjectButton_, &QPushButton::clicked, this, &RegistryPage::deleteSubject);
    connect(compareButton_, &QPushButton::clicked, this, &RegistryPage::runCompare);
    updateActions();
}

RegistryPage::~RegistryPage() = default;

void RegistryPage::buildSubjectsPane(QWidget *pane)
{
    filter_->setObjectName(QStringLiteral("subjectFilter"));
    filter_->setPlaceholderText(tr("Filter subjects…"));
    filter_->setClearButtonEnabled(true);
    showDeleted_->setObjectName(QStringLiteral("showDeleted"));
    showDeleted_->setToolTip(tr("Also list soft-deleted subjects and versions"));
    refreshButton_->setObjectName(QStringLiteral("registryRefresh"));
    count_->setObjectName(QStringLiteral("subjectCount"));
    subjectsProxy_->setSourceModel(subjects_);
    subjectsProxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    subjectsProxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
    subjectList_->setObjectName(QStringLiteral("subjectList"));
    subjectList_->setModel(subjectsProxy_);
    subjectList_->setUniformItemSizes(true);
    subjectList_->setTextElideMode(Qt::ElideMiddle);
    // Long subject names (topic-value with a namespace) elide in the middle; the tooltip has them whole.
    subjectList_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    subjectList_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *row = new QHBoxLayout;
    row->addWidget(showDeleted_);
    row->addStretch(1);
    row->addWidget(refreshButton_);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_);
    layout->addLayout(row);
    layout->addWidget(subjectList_, 1);
    layout->addWidget(count_);

    connect(filter_, &QLineEdit::textChanged, this, [this](const QString &text) {
        subjectsProxy_->setFilterFixedString(text);
        updateCount();
    });
    connect(showDeleted_, &QCheckBox::toggled, this, &RegistryPage::refresh);
    connect(refreshButton_, &QPushButton::clicked, this, &RegistryPage::refresh);
    connect(subjectList_->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RegistryPage::onSubjectSelected);
}

QWidget *RegistryPage::buildSchemaTab()
{
    auto *tab = new QWidget(this);
    schemaInfo_->setObjectName(QStringLiteral("schemaInfo"));
    schemaInfo_->setWordWrap(true);
    // The references are links that open the referenced subject and version.
    schemaInfo_->setTextFormat(Qt::RichText);
    schemaInfo_->setTextInteractionFlags(
        Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(schemaInfo_, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const int index = link.toInt(&ok);
        if (ok && schema_ && index >= 0 && index < schema_->references.size()) {
            // A copy: opening the referenced subject drops the schema that holds the reference.
            const registry::SchemaReference ref = schema_->references.at(index);
            openReference(ref.subject, ref.version);
        }
    });
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(schemaInfo_);
    layout->addWidget(schemaText_, 1);
    return tab;
}

QWidget *RegistryPage::buildCompareTab()
{
    auto *tab = new QWidget(this);
    oldVersion_->setObjectName(QStringLiteral("compareOld"));
    newVersion_->setObjectName(QStringLiteral("compareNew"));
    compareButton_->setObjectName(QStringLiteral("compareButton"));
    report_->setPlaceholderText(tr("Pick two versions and press Compare."));
    // The explanations are sentences: they wrap rather than scroll sideways.
    report_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    new widgets::DiffHighlighter(textDiff_->document(), palette());
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Old:"), tab));
    row->addWidget(oldVersion_);
    row->addWidget(new QLabel(tr("New:"), tab));
    row->addWidget(newVersion_);
    row->addWidget(compareButton_);
    row->addStretch(1);
    auto *split = new QSplitter(Qt::Vertical, tab);
    split->addWidget(report_);
    split->addWidget(textDiff_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(row);
    layout->addWidget(split, 1);
    return tab;
}

void RegistryPage::setRegistry(const registry::RegistrySettings &settings, const QString &name)
{
    name_ = name;
    if (settings_ && *settings_ == settings && client_) {
        return;
    }
    settings_ = settings;
    // Destroying the client aborts its requests; none of their callbacks runs afterwards.
    delete client_;
    client_ = new registry::RegistryClient(settings, this);
    ++registryGeneration_;
    subjects_->clear();
    subject_.clear();
    ++subjectGeneration_;
    onSubjectSelected();
    title_->setText(tr("Schema Registry of %1 — %2").arg(name, client_->endpoint()));
    refresh();
}

void RegistryPage::refresh()
{
    if (!client_) {
        return;
    }
    loadSubjects(StatusAfterLoad::Count);
    if (!subject_.isEmpty()) {
        loadSubject();
    }
}

void RegistryPage::reloadAfterChange()
{
    loadSubjects(StatusAfterLoad::Keep);
    if (!subject_.isEmpty()) {
        loadSubject();
    }
}

void RegistryPage::loadSubjects(StatusAfterLoad after)
{
    const quint64 generation = ++registryGeneration_;
    const bool withDeleted = showDeleted_->isChecked();
    announceCount_ = after == StatusAfterLoad::Count;
    if (announceCount_) {
        status_->setStatus(Level::Busy, tr("Loading subjects from %1…").arg(client_->endpoint()));
    }
    refreshButton_->setEnabled(false);
    client_->subjects(false, [this, generation, withDeleted](const Result<QStringList> &active) {
        if (generation != registryGeneration_) {
            return;
        }
        if (!active.ok()) {
            refreshButton_->setEnabled(true);
            showError(tr("Could not list the subjects"), active.error());
            return;
        }
        if (!withDeleted) {
            showSubjects(active.value(), active.value());
            return;
        }
        const QStringList &activeSubjects = active.value();
        client_->subjects(true, [this, generation, activeSubjects](const Result<QStringList> &all) {
            if (generation != registryGeneration_) {
                return;
            }
            if (!all.ok()) {
                refreshButton_->setEnabled(true);
                showError(tr("Could not list the deleted subjects"), all.error());
                return;
            }
            showSubjects(activeSubjects, all.value());
        });
    });
}

void RegistryPage::showSubjects(const QStringList &active, const QStringList &all)
{
    refreshButton_->setEnabled(true);
    const QSet<QString> activeSet(active.cbegin(), active.cend());
    QStringList sorted = all;
    sorted.sort(Qt::CaseInsensitive);
    QSignalBlocker blocker(subjectList_->selectionModel());
    subjects_->clear();
    QFont deletedFont = font();
    deletedFont.setItalic(true);
    for (const QString &subject : sorted) {
        const bool deleted = !activeSet.contains(subject);
        auto *item = new QStandardItem(deleted ? tr("%1 (deleted)").arg(subject) : subject);
        item->setData(subject, kSubjectRole);
        item->setData(deleted, kDeletedRole);
        item->setToolTip(subject);
        if (deleted) {
            item->setFont(deletedFont);
            item->setForeground(palette().color(QPalette::PlaceholderText));
        }
        subjects_->appendRow(item);
    }
    updateCount();
    // Keep the shown subject selected across a refresh; a subject that is gone is deselected.
    bool found = false;
    for (int row = 0; row < subjectsProxy_->rowCount() && !subject_.isEmpty(); ++row) {
        const QModelIndex index = subjectsProxy_->index(row, 0);
        if (index.data(kSubjectRole).toString() == subject_) {
            subjectList_->setCurrentIndex(index);
            found = true;
            break;
        }
    }
    blocker.unblock();
    if (!found && !subject_.isEmpty()) {
        subjectList_->setCurrentIndex({});
        onSubjectSelected();
    }
    // After a change the status keeps saying what the change did; a plain load reports the count.
    if (announceCount_ && status_->level() == Level::Busy) {
        showInfo(
            tr("%n subject(s) in %1.", nullptr, static_cast<int>(active.size())).arg(client_->endpoint()));
    }
    Q_EMIT subjectsLoaded();
}

void RegistryPage::updateCount()
{
    const int total = subjects_->rowCount();
    const int shown = subjectsProxy_->rowCount();
    count_->setText(shown == total ? tr("%n subject(s)", nullptr, total)
                                   : tr("%1 of %n subject(s)", nullptr, total).arg(shown));
}

QStringList RegistryPage::visibleSubjects() const
{
    QStringList shown;
    for (int row = 0; row < subjectsProxy_->rowCount(); ++row) {
        shown.append(subjectsProxy_->index(row, 0).data(kSubjectRole).toString());
    }
    return shown;
}

void RegistryPage::setFilter(const QString &text)
{
    filter_->setText(text);
}

void RegistryPage::setShowDeleted(bool show)
{
    showDeleted_->setChecked(show);
}

void RegistryPage::selectSubject(const QString &subject)
{
    for (int row = 0; row < subjectsProxy_->rowCount(); ++row) {
        const QModelIndex index = subjectsProxy_->index(row, 0);
        if (index.data(kSubjectRole).toString() == subject) {
            subjectList_->setCurrentIndex(index);
            return;
        }
    }
}

void RegistryPage::onSubjectSelected()
{
    const QModelIndex current = subjectList_->currentIndex();
    const QString subject = current.isValid() ? current.data(kSubjectRole).toString() : QString();
    if (subject == subject_ && !subject.isEmpty()) {
        return;
    }
    subject_ = subject;
    ++subjectGeneration_; // what is in flight for the previous subject is dropped
    versions_.clear();
    deletedVersions_.clear();
    schema_.reset();
    subjectLevel_.reset();
    versionCombo_->clear();
    oldVersion_->clear();
    newVersion_->clear();
    schemaText_->clear();
    schemaInfo_->clear();
    report_->clear();
    textDiff_->clear();
    compatibilityLabel_->clear();
    subjectTitle_->setText(subject.isEmpty() ? tr("Select a subject on the left.") : subject);
    updateActions();
    if (!subject.isEmpty() && client_) {
        loadSubject();
    }
}

void RegistryPage::loadSubject()
{
    loadVersions();
    loadCompatibility();
}

void RegistryPage::loadVersions()
{
    const quint64 generation = subjectGeneration_;
    const QString subject = subject_;
    const bool withDeleted = showDeleted_->isChecked();
    client_->versions(
        subject, false, [this, generation, subject, withDeleted](const Result<QList<int>> &active) {
            if (generation != subjectGeneration_) {
                return;
            }
            // A soft-deleted subject has no active versions: the deleted ones are what there is.
            if (!active.ok() && !(withDeleted && active.error().isNotFound())) {
                showError(tr("Could not read the versions of %1").arg(subject), active.error());
                return;
            }
            const QList<int> activeVersions = active.ok() ? active.value() : QList<int>();
            auto show = [this](const QList<int> &activeList, const QList<int> &all) {
                const int previous = currentVersion();
                versions_ = all;
                std::sort(versions_.begin(), versions_.end(), std::greater<>());
                deletedVersions_.clear();
                for (const int v : all) {
                    if (!activeList.contains(v)) {
                        deletedVersions_.insert(v);
                    }
                }
                versionCombo_->clear();
                oldVersion_->clear();
                newVersion_->clear();
                for (const int v : std::as_const(versions_)) {
                    QString label = v == versions_.first() ? tr("%1 (latest)").arg(v) : QString::number(v);
                    if (deletedVersions_.contains(v)) {
                        label = tr("%1 (deleted)").arg(v);
                    }
                    versionCombo_->addItem(label, v);
                    oldVersion_->addItem(label, v);
                    newVersion_->addItem(label, v);
                }
                if (versions_.size() > 1) {
                    oldVersion_->setCurrentIndex(1); // the one before the latest
                }
                int wanted = previous;
                if (pendingReference_ && pendingReference_->subject == subject_) {
                    wanted = pendingReference_->version;
                }
                pendingReference_.reset();
                const int keep = versionCombo_->findData(wanted);
                versionCombo_->setCurrentIndex(keep >= 0 ? keep : 0);
                updateActions();
                Q_EMIT versionsLoaded();
                if (!versions_.isEmpty()) {
                    loadSchema(currentVersion());
                }
            };
            if (!withDeleted) {
                show(activeVersions, activeVersions);
                return;
            }
            client_->versions(subject, true,
                [this, generation, subject, activeVersions, show](const Result<QList<int>> &all) {
                    if (generation != subjectGeneration_) {
                        return;
                    }
                    if (!all.ok()) {
                        showError(tr("Could not read the deleted versions of %1").arg(subject), all.error());
                        return;
                    }
                    show(activeVersions, all.value());
                });
        });
}

void RegistryPage::loadCompatibility()
{
    const quint64 generation = subjectGeneration_;
    const QString subject = subject_;
    client_->compatibility({}, [this, generation](const Result<CompatibilityLevel> &global) {
        if (generation != subjectGeneration_) {
            return;
        }
        globalLevel_ = global.ok() ? std::optional(global.value()) : std::nullopt;
    });
    client_->compatibility(subject, [this, generation](const Result<CompatibilityLevel> &level) {
        if (generation != subjectGeneration_) {
            return;
        }
        // A subject without its own level follows the global one (the registry answers 404).
        subjectLevelIsOwn_ = level.ok();
        if (!level.ok() && !level.error().isNotFound()) {
            showError(tr("Could not read the compatibility of %1").arg(subject_), level.error());
        }
        subjectLevel_ = level.ok() ? std::optional(level.value()) : globalLevel_;
        const QString global = globalLevel_ ? registry::toString(*globalLevel_) : tr("unknown");
        compatibilityLabel_->setText(subjectLevelIsOwn_
                ? tr("The subject's own level; the registry's default is %1.").arg(global)
                : tr("The subject follows the registry's default, %1.").arg(global));
        if (subjectLevel_) {
            compatibility_->setCurrentIndex(compatibility_->findData(static_cast<int>(*subjectLevel_)));
        }
        Q_EMIT compatibilityLoaded();
    });
}

int RegistryPage::currentVersion() const
{
    return versionCombo_->currentIndex() >= 0 ? versionCombo_->currentData().toInt() : 0;
}

void RegistryPage::selectVersion(int version)
{
    const int index = versionCombo_->findData(version);
    if (index >= 0) {
        versionCombo_->setCurrentIndex(index);
        loadSchema(version);
    }
}

void RegistryPage::openReference(const QString &subject, int version)
{
    if (subject == subject_) {
        selectVersion(version);
        return;
    }
    if (!visibleSubjects().contains(subject)) {
        setFilter(QString());
    }
    pendingReference_ = registry::SubjectVersion {subject, version};
    selectSubject(subject);
    if (subject_ != subject) {
        pendingReference_.reset();
        status_->setStatus(Level::Info,
            tr("%1 is not in the list of subjects; Refresh loads it if it is new.").arg(subject));
    }
}

void RegistryPage::loadSchema(int version)
{
    if (!client_ || subject_.isEmpty() || version <= 0) {
        return;
    }
    const quint64 generation = subjectGeneration_;
    schemaInfo_->setText(tr("Loading version %1…").arg(version));
    client_->schemaVersion(
        subject_, version, [this, generation, version](const Result<registry::Schema> &schema) {
            if (generation != subjectGeneration_ || version != currentVersion()) {
                return; // another subject or version was picked meanwhile
            }
            if (!schema.ok()) {
                schemaInfo_->clear();
                showError(tr("Could not read version %1 of %2").arg(version).arg(subject_), schema.error());
                return;
            }
            schema_ = schema.value();
            showSchema();
            updateActions();
            Q_EMIT schemaLoaded();
        });
}

void RegistryPage::showSchema()
{
    const registry::Schema &schema = *schema_;
    // Each reference a link; its href is its index in the schema's list, not the subject's name.
    QStringList references;
    for (qsizetype i = 0; i < schema.references.size(); ++i) {
        const registry::SchemaReference &ref = schema.references.at(i);
        references.append(QStringLiteral("<a href=\"%1\">%2</a>")
                              .arg(i)
                              .arg(tr("%1 → %2 v%3")
                                       .arg(ref.name.toHtmlEscaped(), ref.subject.toHtmlEscaped())
                                       .arg(ref.version)));
    }
    schemaInfo_->setText(tr("Version %1 · id %2 · %3 · references: %4")
                             .arg(schema.version)
                             .arg(schema.id)
                             .arg(registry::toString(schema.type),
                                 references.isEmpty() ? tr("none") : references.join(QStringLiteral(", ")))
        + QStringLiteral("<br>") + usedByText().toHtmlEscaped());
    highlighter_->setLanguage(schema.type == SchemaType::Protobuf
            ? widgets::SchemaHighlighter::Language::Protobuf
            : widgets::SchemaHighlighter::Language::Json);
    schemaText_->setPlainText(schemadiff::canonicalText(schemaFormatOf(schema.type), {schema.text, {}}));
}

void RegistryPage::setTopics(const QStringList &topics)
{
    topics_ = topics;
    if (schema_) {
        showSchema();
    }
}

void RegistryPage::setSightings(std::shared_ptr<const inspect::SchemaSightings> sightings)
{
    sightings_ = std::move(sightings);
    if (schema_) {
        showSchema();
    }
}

QString RegistryPage::usedByText() const
{
    if (subject_.isEmpty()) {
        return {};
    }
    QStringList uses;
    for (const registry::SubjectTopic &use : registry::topicsOfSubject(subject_, topics_)) {
        uses << registry::describe(use);
    }
    // What the inspector saw says it whatever the naming strategy.
    const QStringList seen = sightings_ && schema_ ? sightings_->topicsOf(schema_->id) : QStringList();
    if (!seen.isEmpty()) {
        uses << tr("seen in the inspector with id %1 on %2")
                    .arg(schema_->id)
                    .arg(seen.join(QStringLiteral(", ")));
    }
    if (uses.isEmpty() && topics_.isEmpty()) {
        return tr("Used by: the cluster's topics are not known yet.");
    }
    if (uses.isEmpty()) {
        return tr("Used by: no topic of this cluster by its name (TopicNameStrategy: <topic>-key / "
                  "<topic>-value; TopicRecordNameStrategy: <topic>-<record>). Under RecordNameStrategy "
                  "only the records' schema ids tell: the inspector shows them.");
    }
    return tr("Used by: %1").arg(uses.join(QStringLiteral(", ")));
}

void RegistryPage::setConfigurationHelpShown(bool shown)
{
    help_->setVisible(shown);
    const QSignalBlocker block(helpButton_);
    helpButton_->setChecked(shown);
}

bool RegistryPage::isConfigurationHelpShown() const
{
    return !help_->isHidden();
}

QString RegistryPage::configurationHelp()
{
    return tr(
        "<h3>The registry's own configuration</h3>"
        "<p>A Confluent-compatible Schema Registry keeps its schemas in a Kafka topic (<code>_schemas</code> "
        "by default) and is configured in <code>schema-registry.properties</code> "
        "(<code>/etc/schema-registry/</code> in the Confluent Platform layout).</p>"
        "<p><b>kafkastore.bootstrap.servers</b> — the brokers the registry's own Kafka clients use. "
        "What it does depends on <b>kafkastore.connection.url</b>:</p>"
        "<ul><li>Without <code>kafkastore.connection.url</code>, the Kafka cluster behind these "
        "bootstrap servers both stores the schemas and coordinates the registry instances (the "
        "election of the primary). This is the setting of current versions.</li>"
        "<li>With <code>kafkastore.connection.url</code> (ZooKeeper, older versions), ZooKeeper "
        "coordinates, and <code>kafkastore.bootstrap.servers</code> says how the registry reaches Kafka "
        "to store the schemas. Left out, the registry takes the brokers' list from ZooKeeper and uses "
        "every listener that matches <code>kafkastore.security.protocol</code>; set it to pick one "
        "endpoint — for instance the one with the security protocol the registry must use.</li></ul>"
        "<p><b>Security</b> — <code>kafkastore.security.protocol</code> (PLAINTEXT, SSL, SASL_PLAINTEXT, "
        "SASL_SSL), <code>kafkastore.sasl.mechanism</code> and <code>kafkastore.sasl.jaas.config</code>, "
        "<code>kafkastore.ssl.truststore.location</code> / <code>.password</code> and, for client "
        "certificates, <code>kafkastore.ssl.keystore.location</code> / <code>.password</code>: the same "
        "settings as a Kafka client's, prefixed <code>kafkastore.</code>.</p>"
        "<p><b>Its own API</b> — <code>listeners</code> (e.g. <code>http://0.0.0.0:8081</code>), "
        "<code>schema.compatibility.level</code> (the default compatibility: BACKWARD on Confluent's "
        "registry; Apicurio defaults to none), and for HTTPS <code>ssl.keystore.*</code>. What EDIS needs "
        "is the URL of <code>listeners</code>, set on the connection's Schema Registry tab.</p>");
}

void RegistryPage::compareVersions(int oldVersion, int newVersion)
{
    oldVersion_->setCurrentIndex(oldVersion_->findData(oldVersion));
    newVersion_->setCurrentIndex(newVersion_->findData(newVersion));
    tabs_->setCurrentIndex(1);
    runCompare();
}

QString RegistryPage::compareReport() const
{
    return report_->toPlainText();
}

QString RegistryPage::compareTextDiff() const
{
    return textDiff_->toPlainText();
}

void RegistryPage::runCompare()
{
    if (!client_ || subject_.isEmpty() || oldVersion_->currentIndex() < 0
        || newVersion_->currentIndex() < 0) {
        return;
    }
    const int oldVersion = oldVersion_->currentData().toInt();
    const int newVersion = newVersion_->currentData().toInt();
    const quint64 generation = subjectGeneration_;
    report_->setPlainText(tr("Reading versions %1 and %2…").arg(oldVersion).arg(newVersion));
    textDiff_->clear();
    // Both versions are fetched; the second answer does the comparison.
    auto pair
        = std::make_shared<std::pair<std::optional<registry::Schema>, std::optional<registry::Schema>>>();
    auto done = [this, generation, pair, oldVersion, newVersion](
                    bool isOld, const Result<registry::Schema> &result) {
        if (generation != subjectGeneration_) {
            return;
        }
        if (!result.ok()) {
            report_->setPlainText(tr("Could not read version %1: %2")
                                      .arg(isOld ? oldVersion : newVersion)
                                      .arg(result.error().message));
            Q_EMIT compareFinished();
            return;
        }
        (isOld ? pair->first : pair->second) = result.value();
        if (!pair->first || !pair->second) {
            return;
        }
        const registry::Schema &a = *pair->first;
        const registry::Schema &b = *pair->second;
        if (a.type != b.type) {
            report_->setPlainText(tr("Version %1 is %2 and version %3 is %4: no semantic comparison.")
                                      .arg(oldVersion)
                                      .arg(registry::toString(a.type))
                                      .arg(newVersion)
                                      .arg(registry::toString(b.type)));
            Q_EMIT compareFinished();
            return;
        }
        const schemadiff::SchemaFormat format = schemaFormatOf(a.type);
        const auto semantic = schemadiff::diffSchemas(format, {a.text, {}}, {b.text, {}});
        report_->setPlainText(tr("Version %1 → version %2\n\n").arg(oldVersion).arg(newVersion)
            + (semantic.ok() ? schemadiff::renderReport(semantic) : semantic.error));
        const auto text = schemadiff::diffCanonical(format, {a.text, {}}, {b.text, {}});
        textDiff_->setPlainText(!text.error.isEmpty() ? text.error
                : text.identical()                    ? tr("The texts are the same.")
                                   : schemadiff::renderUnified(text, tr("version %1").arg(oldVersion),
                                       tr("version %1").arg(newVersion)));
        Q_EMIT compareFinished();
    };
    client_->schemaVersion(
        subject_, oldVersion, [done](const Result<registry::Schema> &r) { done(true, r); });
    client_->schemaVersion(
        subject_, newVersion, [done](const Result<registry::Schema> &r) { done(false, r); });
}

void RegistryPage::updateActions()
{
    const bool hasSubject = client_ && !subject_.isEmpty();
    compatibility_->setEnabled(hasSubject);
    applyCompatibility_->setEnabled(hasSubject);
    registerButton_->setEnabled(hasSubject);
    deleteSubjectButton_->setEnabled(hasSubject);
    deleteVersionButton_->setEnabled(hasSubject && !versions_.isEmpty());
    versionCombo_->setEnabled(!versions_.isEmpty());
    compareButton_->setEnabled(versions_.size() > 1);
}

void RegistryPage::applyCompatibility()
{
    if (!client_ || subject_.isEmpty()) {
        return;
    }
    const auto level = static_cast<CompatibilityLevel>(compatibility_->currentData().toInt());
    const QString subject = subject_;
    if (QMessageBox::question(this, tr("Set compatibility"),
            tr("Set the compatibility level of %1 to %2?\n\nThe registry checks new versions of the "
               "subject against it from now on.")
                .arg(subject, registry::toString(level)))
        != QMessageBox::Yes) {
        if (subjectLevel_) {
            compatibility_->setCurrentIndex(compatibility_->findData(static_cast<int>(*subjectLevel_)));
        }
        return;
    }
    const quint64 generation = subjectGeneration_;
    status_->setStatus(Level::Busy, tr("Setting the compatibility of %1…").arg(subject));
    client_->setCompatibility(
        subject, level, [this, generation, subject](const Result<CompatibilityLevel> &set) {
            if (!set.ok()) {
                showError(tr("Could not set the compatibility of %1").arg(subject), set.error());
                return;
            }
            showInfo(tr("%1 now has compatibility %2.").arg(subject, registry::toString(set.value())));
            if (generation == subjectGeneration_) {
                loadCompatibility();
            }
        });
}

void RegistryPage::showRegisterDialog()
{
    if (!client_ || subject_.isEmpty()) {
        return;
    }
    // Prefilled with the latest version when the shown one is it.
    std::optional<registry::Schema> latest;
    if (schema_ && !versions_.isEmpty() && schema_->version == versions_.first()) {
        latest = schema_;
    }
    auto *dialog = new RegisterSchemaDialog(client_, subject_, latest, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString subject = subject_;
    connect(dialog, &RegisterSchemaDialog::registered, this, [this, subject](int id) {
        showInfo(tr("Registered in %1 with schema id %2.").arg(subject).arg(id));
        if (subject == subject_) {
            loadVersions();
        }
        loadSubjects(StatusAfterLoad::Keep);
    });
    dialog->open();
}

void RegistryPage::deleteVersion()
{
    if (!client_ || subject_.isEmpty() || versions_.isEmpty()) {
        return;
    }
    const int version = currentVersion();
    const QString subject = subject_;
    QMessageBox box(QMessageBox::Warning, tr("Delete version"),
        tr("Delete version %1 of %2?\n\nA soft delete keeps the schema readable by id (consumers of "
           "old records still decode them) and can be seen with “Show deleted”.")
            .arg(version)
            .arg(subject),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDeleteVersion"));
    auto *permanent = new QCheckBox(tr("Delete permanently (cannot be undone)"), &box);
    permanent->setObjectName(QStringLiteral("deletePermanently"));
    box.setCheckBox(permanent);
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes) {
        return;
    }
    const bool hard = permanent->isChecked();
    status_->setStatus(Level::Busy, tr("Deleting version %1 of %2…").arg(version).arg(subject));
    auto finished = [this, subject, version, hard](const Result<int> &result) {
        if (!result.ok()) {
            showError(tr("Could not delete version %1 of %2").arg(version).arg(subject), result.error());
            return;
        }
        showInfo(hard ? tr("Version %1 of %2 deleted permanently.").arg(version).arg(subject)
                      : tr("Version %1 of %2 deleted (soft).").arg(version).arg(subject));
        reloadAfterChange();
    };
    // A permanent delete needs a soft one first; an already soft-deleted version goes straight on.
    if (hard && deletedVersions_.contains(version)) {
        client_->deleteVersion(subject, version, registry::DeleteMode::Permanent, finished);
        return;
    }
    client_->deleteVersion(subject, version, registry::DeleteMode::Soft,
        [this, subject, version, hard, finished](const Result<int> &soft) {
            if (!soft.ok() || !hard) {
                finished(soft);
                return;
            }
            client_->deleteVersion(subject, version, registry::DeleteMode::Permanent, finished);
        });
}

void RegistryPage::deleteSubject()
{
    if (!client_ || subject_.isEmpty()) {
        return;
    }
    const QString subject = subject_;
    QMessageBox box(QMessageBox::Warning, tr("Delete subject"),
        tr("Delete the subject %1 with all its versions?\n\nA soft delete keeps the schemas readable "
           "by id and can be seen with “Show deleted”.")
            .arg(subject),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("confirmDeleteSubject"));
    auto *permanent = new QCheckBox(tr("Delete permanently (cannot be undone)"), &box);
    permanent->setObjectName(QStringLiteral("deletePermanently"));
    box.setCheckBox(permanent);
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes) {
        return;
    }
    const bool hard = permanent->isChecked();
    const bool alreadySoft = subjectList_->currentIndex().data(kDeletedRole).toBool();
    status_->setStatus(Level::Busy, tr("Deleting %1…").arg(subject));
    auto finished = [this, subject, hard](const Result<QList<int>> &result) {
        if (!result.ok()) {
            showError(tr("Could not delete %1").arg(subject), result.error());
            return;
        }
        showInfo(hard ? tr("%1 deleted permanently.").arg(subject) : tr("%1 deleted (soft).").arg(subject));
        loadSubjects(StatusAfterLoad::Keep);
    };
    if (hard && alreadySoft) {
        client_->deleteSubject(subject, registry::DeleteMode::Permanent, finished);
        return;
    }
    client_->deleteSubject(
        subject, registry::DeleteMode::Soft, [this, subject, hard, finished](const Result<QList<int>> &soft) {
            if (!soft.ok() || !hard) {
                finished(soft);
                return;
            }
            client_->deleteSubject(subject, registry::DeleteMode::Permanent, finished);
        });
}

void RegistryPage::showError(const QString &context, const RegistryError &error)
{
    const QString message = tr("%1: %2").arg(context, error.message);
    status_->setStatus(
        Level::Bad, message, error.detail.isEmpty() ? message : message + QLatin1Char('\n') + error.detail);
    Q_EMIT failed(message);
}

void RegistryPage::showInfo(const QString &text)
{
    status_->setStatus(Level::Good, text);
}

} // namespace edis::ui
