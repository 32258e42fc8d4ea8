// edis-studio: the desktop application.

#include "cluster/clustersession.h"
#include "mainwindow.h"
#include "sandbox/sandboxcluster.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

#include <memory>

// Milestones of a launch and an exit, with the wall clock in ms, for tests/bench/startup. Off
// unless QT_LOGGING_RULES="edis.timing.debug=true".
Q_LOGGING_CATEGORY(lcTiming, "edis.timing", QtWarningMsg)

namespace {
void milestone(const char *what)
{
    qCDebug(lcTiming, "%s %lld", what, static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
}
} // namespace

int main(int argc, char *argv[])
{
    milestone("start");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EDIS Studio"));
    QApplication::setOrganizationName(QStringLiteral("EDIS Studio"));
    QApplication::setApplicationVersion(QStringLiteral(EDIS_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    QTranslator translator;
    if (translator.load(
            QLocale(), QStringLiteral("edis_studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&translator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Event-driven integration studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("bootstrap-server"),
            QApplication::translate("main", "Also connect to this Kafka cluster."),
            QStringLiteral("host:port")},
        {QStringLiteral("no-sandbox"),
            QApplication::translate("main", "Do not start the embedded sandbox cluster.")},
        {QStringLiteral("sandbox-rate"),
            QApplication::translate("main", "Sandbox traffic in messages per second (default 300)."),
            QStringLiteral("msgs"), QStringLiteral("300")},
        {QStringLiteral("screenshot"),
            QApplication::translate("main",
                "Save a screenshot of the window to this PNG file after --screenshot-delay ms, then quit."),
            QStringLiteral("file")},
        {QStringLiteral("screenshot-delay"),
            QApplication::translate("main", "Delay before the screenshot (default 4000 ms)."),
            QStringLiteral("ms"), QStringLiteral("4000")},
    });
    parser.process(app);

    std::unique_ptr<edis::sandbox::SandboxCluster> sandbox;
    // Owned here so that the exit can be timed part by part: the window (and its sessions) go
    // before the sandbox cluster they talk to.
    auto windowOwner = std::make_unique<edis::ui::MainWindow>();
    edis::ui::MainWindow &window = *windowOwner;
    if (!parser.isSet(QStringLiteral("no-sandbox"))) {
        edis::sandbox::SandboxCluster::Options options;
        options.messagesPerSecond = parser.value(QStringLiteral("sandbox-rate")).toDouble();
        QString error;
        sandbox = edis::sandbox::SandboxCluster::start(options, &error);
        if (sandbox) {
            window.attachSandbox(sandbox.get());
            window.openConnection(sandbox->connectionSettings());
        } else {
            QMessageBox::warning(&window, QApplication::translate("main", "Sandbox"), error);
        }
    }
    if (parser.isSet(QStringLiteral("bootstrap-server"))) {
        edis::kafka::ConnectionSettings settings;
        settings.bootstrapServers = parser.value(QStringLiteral("bootstrap-server"));
        window.openConnection(settings);
    }
    window.show();
    milestone("shown");
    if (edis::cluster::ClusterSession *first = window.session(0)) {
        QObject::connect(first, &edis::cluster::ClusterSession::metadataChanged, &window,
            [](const edis::kafka::ClusterMetadata &metadata) {
                static bool once = false;
                if (!once && !metadata.topics.empty()) {
                    once = true;
                    milestone("populated");
                }
            });
    }

    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        QTimer::singleShot(
            parser.value(QStringLiteral("screenshot-delay")).toInt(), &window, [&window, file] {
                const bool saved = window.grab().save(file, "PNG");
                QApplication::exit(saved ? 0 : 1);
            });
    }
    QObject::connect(&app, &QGuiApplication::lastWindowClosed, [] { milestone("closed"); });
    const int rc = QApplication::exec();
    milestone("loop-finished");
    windowOwner.reset();
    milestone("window-destroyed");
    edis::sandbox::SandboxCluster::abandonAtExit(std::move(sandbox));
    milestone("sandbox-stopped");
    return rc;
}
