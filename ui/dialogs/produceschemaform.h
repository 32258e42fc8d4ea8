#pragma once

// The produce dialog's "Encode with the Schema Registry" section, shown for a connection whose
// profile has a registry: a checkable group (off: key and value are sent as typed) naming the
// value's schema by subject and version or by id, the key's by subject or by id, and for Protobuf
// the message of each. The choices go to inspect::prepareRecordEncoders; the dialog does the
// sending.

#include "registryencoder.h"

#include <QGroupBox>

class QLineEdit;
class QSpinBox;

namespace edis::ui {

class ProduceSchemaForm : public QGroupBox {
    Q_OBJECT
public:
    /// The value's subject starts as the topic name strategy's, "<topic>-value".
    explicit ProduceSchemaForm(const QString &topic, QWidget *parent = nullptr);

    /// Turns encoding on with the schema `schemaId` for the value or the key (a held record's).
    void useValueSchemaId(int schemaId);
    void useKeySchemaId(int schemaId);
    void setValueSubject(const QString &subject, int version = registry::kLatestVersion);
    void setKeySubject(const QString &subject);
    /// The Protobuf message of the value and of the key, by full name (empty: the file's first).
    void setMessageType(const QString &fullName);
    void setKeyMessageType(const QString &fullName);

    /// What to encode with; both unset when the group is off.
    inspect::SchemaChoice valueChoice() const;
    inspect::SchemaChoice keyChoice() const;
    /// Empty, or what is missing to encode (the group is on and names nothing).
    QString problem() const;

private:
    QWidget *body_;
    QLineEdit *valueSubject_;
    QSpinBox *valueVersion_;
    QSpinBox *valueId_;
    QLineEdit *keySubject_;
    QSpinBox *keyId_;
    QLineEdit *messageType_;
    QLineEdit *keyMessageType_;
};

} // namespace edis::ui
