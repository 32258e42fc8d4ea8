#pragma once

// What a decoder makes of a record: plain values a view can render (a text pane, an event card,
// a change with before/after). No widgets, no references into the store.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace edis::inspect {

using Attribute = std::pair<QString, QString>;

/// A CloudEvent as a card. Mode says where the attributes came from.
struct CloudEventCard {
    enum class Mode { Structured, Binary };
    Mode mode = Mode::Structured;
    /// Binary mode: the headers' prefix the attributes came under ("ce_" on Kafka,
    /// "cloudEvents:" or "cloudEvents_" on AMQP).
    QString attributePrefix;
    QString specversion;
    QString type;
    QString source;
    QString id;
    QString time;
    QString subject;
    QString datacontenttype;
    QString dataschema;
    QList<Attribute> extensions; ///< any other attribute, in the order found
    QString data; ///< pretty-printed when JSON, else text (or a hex dump)
};

/// A Debezium change event.
struct ChangeEvent {
    QChar op; ///< c, u, d, r (snapshot read), t (truncate), m (message)
    QString operation; ///< "create", "update", "delete", "read", "truncate", "message"
    QString connector; ///< source.connector, e.g. "postgresql"
    QString serverName; ///< source.name (the topic prefix)
    QString database; ///< source.db
    QString schema; ///< source.schema (absent for MySQL)
    QString table; ///< source.table (or source.collection for MongoDB)
    QString snapshot; ///< source.snapshot ("true", "last", "false", …)
    QString lsn; ///< source.lsn, or the connector's position (binlog file/pos, …)
    QString txId; ///< source.txId / source.gtid / transaction.id
    QString transaction; ///< the transaction block as compact JSON, when present
    std::optional<qint64> tsMs; ///< envelope ts_ms: when the connector processed it
    std::optional<qint64> sourceTsMs; ///< source.ts_ms: when the database made the change
    bool hasBefore = false;
    bool hasAfter = false;
    QString before; ///< pretty JSON of the row before (empty when null)
    QString after; ///< pretty JSON of the row after
    QStringList changedFields; ///< fields whose value differs between before and after
    /// The Connect logical type of each row field, from the envelope's schema ("updated_at" →
    /// "io.debezium.time.MicroTimestamp"; "" for a field without one). Empty without a schema.
    QList<Attribute> fieldTypes;
    bool schemaWrapped = false; ///< the value had the JsonConverter {schema, payload} wrapper
};

struct DecodedValue {
    enum class Kind {
        Null, ///< no value, no key
        Tombstone, ///< null value with a key: a compaction delete marker
        Text,
        Json,
        Binary,
        CloudEvent,
        Change, ///< a Debezium change event
        Heartbeat, ///< a Debezium heartbeat
        Framed, ///< Schema Registry framed (magic byte + schema id), no schema decoder
        Error, ///< the chosen decoder could not make sense of the bytes; text shows why
    };
    Kind kind = Kind::Null;
    QString decoderId;
    QString summary; ///< one line, for a list or a status bar
    QString text; ///< the full rendering: pretty JSON, text, hex dump
    QString error; ///< why decoding fell short (malformed JSON at byte N, …)
    bool truncated = false; ///< `text` stops before the end of a very large value
    std::optional<CloudEventCard> cloudEvent;
    std::optional<ChangeEvent> change;
    std::optional<int> schemaId; ///< Schema Registry framed: the schema id
    QList<Attribute> fields; ///< extra key/value facts for a details pane (e.g. heartbeat ts)
};

} // namespace edis::inspect

Q_DECLARE_METATYPE(edis::inspect::DecodedValue)
