#include "dialogs/connectdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace edis::ui {

namespace {

std::map<std::string, std::string> parseProperties(const QString &text)
{
    std::map<std::string, std::string> out;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        out[line.left(eq).trimmed().toStdString()] = line.mid(eq + 1).trimmed().toStdString();
    }
    return out;
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , name_(new QLineEdit(this))
    , bootstrap_(new QLineEdit(this))
    , properties_(new QPlainTextEdit(this))
    , problem_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a Kafka cluster"));
    setObjectName(QStringLiteral("connectDialog"));
    name_->setObjectName(QStringLiteral("nameEdit"));
    name_->setPlaceholderText(tr("e.g. Production"));
    bootstrap_->setObjectName(QStringLiteral("bootstrapEdit"));
    bootstrap_->setPlaceholderText(QStringLiteral("broker1:9092,broker2:9092"));
    properties_->setObjectName(QStringLiteral("propertiesEdit"));
    properties_->setPlaceholderText(QStringLiteral("security.protocol=SASL_SSL\nsasl.mechanisms=PLAIN"));
    properties_->setTabChangesFocus(true);
    problem_->setObjectName(QStringLiteral("problemLabel"));
    problem_->setStyleSheet(QStringLiteral("color: #c62828"));
    problem_->setWordWrap(true);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Bootstrap servers:"), bootstrap_);
    form->addRow(tr("Client &properties:"), properties_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);

    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(bootstrap_, &QLineEdit::textChanged, this, &ConnectDialog::updateValidity);
    connect(properties_, &QPlainTextEdit::textChanged, this, &ConnectDialog::updateValidity);
    updateValidity();
}

QString ConnectDialog::validate(const QString &bootstrap, const QString &properties)
{
    const QString servers = bootstrap.trimmed();
    if (servers.isEmpty()) {
        return tr("Enter at least one bootstrap server as host:port.");
    }
    static const QRegularExpression hostPort(
        QStringLiteral(R"(^(?:[A-Za-z]+://)?(\[[0-9A-Fa-f:.]+\]|[^\s:,\[\]]+):(\d{1,5})$)"));
    for (const QString &server : servers.split(QLatin1Char(','))) {
        const auto m = hostPort.match(server.trimmed());
        if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(2).toInt() > 65535) {
            return tr("'%1' is not host:port.").arg(server.trimmed());
        }
    }
    int lineNo = 0;
    for (const QString &raw : properties.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')) && line.indexOf(QLatin1Char('=')) <= 0) {
            return tr("Property line %1 is not key=value.").arg(lineNo);
        }
    }
    return {};
}

void ConnectDialog::updateValidity()
{
    const QString problem = validate(bootstrap_->text(), properties_->toPlainText());
    problem_->setText(problem);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

kafka::ConnectionSettings ConnectDialog::settings() const
{
    kafka::ConnectionSettings s;
    s.bootstrapServers = bootstrap_->text().trimmed();
    s.displayName = name_->text().trimmed().isEmpty() ? s.bootstrapServers : name_->text().trimmed();
    s.properties = parseProperties(properties_->toPlainText());
    return s;
}

void ConnectDialog::setSettings(const kafka::ConnectionSettings &settings)
{
    name_->setText(settings.displayName);
    bootstrap_->setText(settings.bootstrapServers);
    QStringList lines;
    for (const auto &[k, v] : settings.properties) {
        lines << QString::fromStdString(k) + QLatin1Char('=') + QString::fromStdString(v);
    }
    properties_->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace edis::ui
