#include "dialogs/produceschemaform.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace edis::ui {

ProduceSchemaForm::ProduceSchemaForm(const QString &topic, QWidget *parent)
    : QGroupBox(tr("Encode with the Schema Registry"), parent)
    , body_(new QWidget(this))
    , valueSubject_(new QLineEdit(topic.isEmpty() ? QString() : topic + QStringLiteral("-value"), body_))
    , valueVersion_(new QSpinBox(body_))
    , valueId_(new QSpinBox(body_))
    , keySubject_(new QLineEdit(body_))
    , keyId_(new QSpinBox(body_))
    , messageType_(new QLineEdit(body_))
    , keyMessageType_(new QLineEdit(body_))
{
    setObjectName(QStringLiteral("produceSchemaGroup"));
    setCheckable(true);
    setChecked(false);
    setToolTip(tr("Key and value are written as JSON and sent in the Confluent wire format of the "
                  "schema (its id first), as Confluent serializers write them"));
    valueSubject_->setObjectName(QStringLiteral("produceValueSubjectEdit"));
    valueSubject_->setPlaceholderText(tr("subject, e.g. %1-value").arg(topic));
    valueVersion_->setObjectName(QStringLiteral("produceValueVersionSpin"));
    valueVersion_->setRange(0, 1'000'000);
    valueVersion_->setSpecialValueText(tr("latest"));
    valueVersion_->setPrefix(tr("v"));
    valueId_->setObjectName(QStringLiteral("produceValueSchemaIdSpin"));
    valueId_->setRange(0, std::numeric_limits<int>::max());
    valueId_->setSpecialValueText(tr("by subject"));
    valueId_->setPrefix(tr("id "));
    valueId_->setToolTip(tr("A schema id instead of the subject and version"));
    keyId_->setObjectName(QStringLiteral("produceKeySchemaIdSpin"));
    keyId_->setRange(0, std::numeric_limits<int>::max());
    keyId_->setSpecialValueText(tr("by subject"));
    keyId_->setPrefix(tr("id "));
    keySubject_->setObjectName(QStringLiteral("produceKeySubjectEdit"));
    keySubject_->setPlaceholderText(tr("empty: the key as typed"));
    messageType_->setObjectName(QStringLiteral("produceMessageTypeEdit"));
    messageType_->setPlaceholderText(tr("Protobuf only; empty: the schema's first message"));
    keyMessageType_->setObjectName(QStringLiteral("produceKeyMessageTypeEdit"));
    keyMessageType_->setPlaceholderText(messageType_->placeholderText());

    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(valueSubject_, 1);
    valueRow->addWidget(valueVersion_);
    valueRow->addWidget(new QLabel(tr("or"), this));
    valueRow->addWidget(valueId_);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(keySubject_, 1);
    keyRow->addWidget(new QLabel(tr("or"), body_));
    keyRow->addWidget(keyId_);
    auto *form = new QFormLayout(body_);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Value schema"), valueRow);
    form->addRow(tr("Message"), messageType_);
    form->addRow(tr("Key schema"), keyRow);
    form->addRow(tr("Key message"), keyMessageType_);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(body_);

    const auto updateEnabled = [this] {
        valueSubject_->setEnabled(valueId_->value() == 0);
        valueVersion_->setEnabled(valueId_->value() == 0);
        keySubject_->setEnabled(keyId_->value() == 0);
    };
    connect(valueId_, &QSpinBox::valueChanged, this, updateEnabled);
    connect(keyId_, &QSpinBox::valueChanged, this, updateEnabled);
    connect(this, &QGroupBox::toggled, body_, &QWidget::setVisible);
    body_->setVisible(false);
    updateEnabled();
}

void ProduceSchemaForm::useValueSchemaId(int schemaId)
{
    setChecked(true);
    valueId_->setValue(schemaId);
}

void ProduceSchemaForm::useKeySchemaId(int schemaId)
{
    setChecked(true);
    keyId_->setValue(schemaId);
}

void ProduceSchemaForm::setValueSubject(const QString &subject, int version)
{
    valueId_->setValue(0);
    valueSubject_->setText(subject);
    valueVersion_->setValue(version == registry::kLatestVersion ? 0 : version);
}

void ProduceSchemaForm::setKeySubject(const QString &subject)
{
    keyId_->setValue(0);
    keySubject_->setText(subject);
}

void ProduceSchemaForm::setMessageType(const QString &fullName)
{
    messageType_->setText(fullName);
}

void ProduceSchemaForm::setKeyMessageType(const QString &fullName)
{
    keyMessageType_->setText(fullName);
}

inspect::SchemaChoice ProduceSchemaForm::valueChoice() const
{
    inspect::SchemaChoice choice;
    if (!isChecked()) {
        return choice;
    }
    choice.schemaId = valueId_->value();
    if (choice.schemaId == 0) {
        choice.subject = valueSubject_->text().trimmed();
        choice.version = valueVersion_->value() == 0 ? registry::kLatestVersion : valueVersion_->value();
    }
    choice.messageType = messageType_->text().trimmed();
    return choice;
}

inspect::SchemaChoice ProduceSchemaForm::keyChoice() const
{
    inspect::SchemaChoice choice;
    if (isChecked()) {
        choice.schemaId = keyId_->value();
        if (choice.schemaId == 0) {
            choice.subject = keySubject_->text().trimmed();
        }
        choice.messageType = keyMessageType_->text().trimmed();
    }
    return choice;
}

QString ProduceSchemaForm::problem() const
{
    if (isChecked() && !valueChoice().isSet() && !keyChoice().isSet()) {
        return tr("Name the value's schema (a subject or an id) or the key's subject, or turn "
                  "Schema Registry encoding off.");
    }
    return {};
}

} // namespace edis::ui
