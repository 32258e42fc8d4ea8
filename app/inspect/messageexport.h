#pragma once

// Held records to files and back.
//
// JSON Lines in kcat's -J envelope, one record per line:
//   {"topic":"t","partition":0,"offset":5,"tstype":"create","ts":1700000000000,"broker":1,
//    "headers":["name","value",…],"key":"k","payload":"v"}
// as kcat 1.7 writes it ("headers" left out when there are none; null key/payload as null).
// kcat writes non-UTF-8 bytes raw, which is not valid JSON; here such bytes are base64-encoded
// instead, in fields kcat does not have:
//   "key_b64" / "payload_b64" replace "key" / "payload";
//   "headers_b64" replaces "headers" when any header value is not UTF-8 (names stay text,
//   every value is base64, null stays null).
// So an export read back with importKcatJson() gives the same bytes.
//
// CSV (RFC 4180): topic,partition,offset,timestamp,key_encoding,key,value_encoding,value,headers
// where an encoding is "text", "base64" or "null", and headers is the kcat-style JSON array.

#include "kafka/connectionsettings.h"
#include "kafka/kafkaerror.h"
#include "kafka/outgoingmessage.h"
#include "messagestore.h"

#include <QIODevice>
#include <QString>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace edis::inspect {

enum class ExportFormat { KcatJsonLines, Csv };

/// One record as a kcat -J line, without the newline.
std::string toKcatJson(const MessageView &record);
/// One record as a CSV row, without the line break.
std::string toCsvRow(const MessageView &record);
std::string csvHeader();

struct ExportResult {
    uint64_t written = 0;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// Writes the records with these ids (all held records when `ids` is empty).
ExportResult exportRecords(
    const MessageStore &store, const std::vector<MessageId> &ids, ExportFormat format, QIODevice *out);

/// A record read back from a kcat -J line. `partition` and `timestampMs` are as exported.
struct ImportedRecord {
    kafka::OutgoingMessage message;
    int32_t partition = -1;
    int64_t offset = -1; ///< as exported; -1 when the line has none
    int64_t timestampMs = -1;
};

/// Parses one line; nullopt with `*error` when it is not a kcat -J record.
std::optional<ImportedRecord> parseKcatJson(std::string_view line, QString *error);

struct ImportOptions {
    QString topic; ///< target topic; empty: each record's own topic
    bool keepPartitions = true; ///< produce to the exported partition when the topic has it
    bool keepTimestamps = true; ///< keep the exported timestamp (CreateTime)
    int flushTimeoutMs = 30000;
};

struct ImportResult {
    uint64_t read = 0; ///< lines parsed
    uint64_t produced = 0; ///< records delivered
    kafka::KafkaError error; ///< the first failure (a bad line names its number)
    bool ok() const { return !error.isError(); }
};

/// Produces every record of a kcat -J file. Blocking: call it from a worker thread (or a CLI).
ImportResult importKcatJson(QIODevice *in, const kafka::ConnectionSettings &connection,
    const ImportOptions &options, const std::atomic<bool> *cancel = nullptr);

} // namespace edis::inspect
