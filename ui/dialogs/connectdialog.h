#pragma once

#include "kafka/connectionsettings.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QLabel;
class QDialogButtonBox;

namespace edis::ui {

/// Asks for a cluster to connect to: a name, bootstrap servers, and extra client properties.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    kafka::ConnectionSettings settings() const;
    void setSettings(const kafka::ConnectionSettings &settings);

    /// Checks the input; returns an empty string when it is usable.
    static QString validate(const QString &bootstrap, const QString &properties);

private:
    void updateValidity();

    QLineEdit *name_;
    QLineEdit *bootstrap_;
    QPlainTextEdit *properties_;
    QLabel *problem_;
    QDialogButtonBox *buttons_;
};

} // namespace edis::ui
