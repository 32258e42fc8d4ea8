#include "inspector/recordfiles.h"

#include "inspector/backgroundjob.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace edis::ui {

void exportInBackground(inspect::MessageBatch records, inspect::ExportFormat format, const QString &path,
    QObject *context, std::function<void(inspect::ExportResult)> done)
{
    auto shared = std::make_shared<inspect::MessageBatch>(std::move(records));
    runInBackground<inspect::ExportResult>(
        context,
        [shared, format, path]() {
            // A private store over the copy, so the core's exporter writes exactly its format.
            inspect::MessageStore store(shared->memoryUsed() * 2 + (std::size_t(64) << 20));
            store.append(*shared);
            shared->clear();
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                return inspect::ExportResult {0, file.errorString()};
            }
            inspect::ExportResult result = inspect::exportRecords(store, {}, format, &file);
            if (result.ok() && !file.commit()) {
                result.error = file.errorString();
            }
            return result;
        },
        std::move(done));
}

void importInBackground(const QString &path, const kafka::ConnectionSettings &connection,
    const inspect::ImportOptions &options, std::shared_ptr<std::atomic<bool>> cancel, QObject *context,
    std::function<void(inspect::ImportResult)> done)
{
    runInBackground<inspect::ImportResult>(
        context,
        [path, connection, options, cancel]() {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                inspect::ImportResult failed;
                failed.error = kafka::KafkaError::make(kafka::KafkaError::Kind::Other,
                    QCoreApplication::translate("edis::ui", "Cannot read %1: %2")
                        .arg(path, file.errorString()));
                return failed;
            }
            return inspect::importKcatJson(&file, connection, options, cancel.get());
        },
        std::move(done));
}

} // namespace edis::ui
