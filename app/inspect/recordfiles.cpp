#include "recordfiles.h"

#include "messagestore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

namespace edis::inspect {

namespace {

// Room the private store needs beyond the records' own bytes (index, per-record overhead).
constexpr std::size_t kStoreHeadroomBytes = std::size_t(64) << 20;

} // namespace

ExportResult exportToFile(MessageBatch records, ExportFormat format, const QString &path)
{
    // A private store over the copy, so the core's exporter writes exactly its format.
    MessageStore store(records.memoryUsed() * 2 + kStoreHeadroomBytes);
    store.append(records);
    records.clear();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ExportResult {0, file.errorString()};
    }
    ExportResult result = exportRecords(store, {}, format, &file);
    if (result.ok() && !file.commit()) {
        result.error = file.errorString();
    }
    return result;
}

ImportResult importFromFile(const QString &path, const kafka::ConnectionSettings &connection,
    const ImportOptions &options, const std::atomic<bool> *cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportResult failed;
        failed.error = kafka::KafkaError::make(kafka::KafkaError::Kind::Other,
            QCoreApplication::translate("edis::inspect", "Cannot read %1: %2").arg(path, file.errorString()));
        return failed;
    }
    return importKcatJson(&file, connection, options, cancel);
}

} // namespace edis::inspect
