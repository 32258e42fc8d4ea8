#pragma once

// A CloudEvent as a card: the type as the title, the required and optional context attributes,
// the extensions, and the data (pretty JSON when it is JSON).

#include "decodedvalue.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace edis::widgets {

class EventCard : public QWidget {
    Q_OBJECT
public:
    explicit EventCard(QWidget *parent = nullptr);

    void setEvent(const inspect::CloudEventCard &event);
    void clear();

    QString typeText() const;
    /// The value shown for a context attribute ("source", "id", …), or a null string.
    QString attribute(const QString &name) const;
    QPlainTextEdit *dataView() const { return data_; }

private:
    QLabel *type_;
    QLabel *mode_;
    QFormLayout *form_;
    QTableWidget *extensions_;
    QLabel *extensionsTitle_;
    QPlainTextEdit *data_;
    QList<QLabel *> valueLabels_;
    QStringList attributeNames_;
};

} // namespace edis::widgets
