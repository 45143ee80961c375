// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/settingsdialog.h"

#include "ui/language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const Values &values, const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_port(new QSpinBox(this))
    , m_bind(new QComboBox(this))
    , m_autoStart(new QCheckBox(this))
    , m_language(new QComboBox(this))
    , m_closeToTray(new QCheckBox(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    auto *layout = new QVBoxLayout(this);

    // Notes go below each group's form: word-wrapped labels inside a QFormLayout get clipped.
    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverBox = new QVBoxLayout(server);
    auto *serverForm = new QFormLayout;
    serverBox->addLayout(serverForm);
    m_port->setObjectName(u"portSpinBox"_s);
    m_port->setRange(0, 65535);
    m_port->setValue(values.port);
    m_port->setSpecialValueText(tr("any free port"));
    serverForm->addRow(tr("&Port:"), m_port);
    m_bind->setObjectName(u"bindAddressCombo"_s);
    m_bind->setEditable(true);
    m_bind->addItem(tr("0.0.0.0 — every network interface (LAN)"), u"0.0.0.0"_s);
    m_bind->addItem(tr("127.0.0.1 — this computer only"), u"127.0.0.1"_s);
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            m_bind->addItem(tr("%1 — this address only").arg(address.toString()), address.toString());
    }
    const int known = m_bind->findData(values.bindAddress.toString());
    if (known >= 0)
        m_bind->setCurrentIndex(known);
    else
        m_bind->setEditText(values.bindAddress.toString());
    serverForm->addRow(tr("&Listen on:"), m_bind);
    m_autoStart->setText(tr("Start the server when the console opens"));
    m_autoStart->setChecked(values.autoStart);
    serverForm->addRow(QString(), m_autoStart);
    auto *database = new QLabel(databasePath, server);
    database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    serverForm->addRow(tr("Database:"), database);
    serverBox->addWidget(note(tr("Changing the port or address restarts the server; connected clients "
                                 "are told to reconnect (code 1001)."),
        server));
    layout->addWidget(server);

    auto *console = new QGroupBox(tr("Console"), this);
    auto *consoleBox = new QVBoxLayout(console);
    auto *consoleForm = new QFormLayout;
    consoleBox->addLayout(consoleForm);
    m_language->setObjectName(u"languageCombo"_s);
    for (const Language::Option &option : Language::options())
        m_language->addItem(option.label, option.code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(values.language)));
    consoleForm->addRow(tr("L&anguage:"), m_language);
    consoleForm->addRow(
        QString(), new QLabel(tr("The language changes the next time Pulso starts."), console));
    m_closeToTray->setObjectName(u"closeToTrayCheck"_s);
    m_closeToTray->setText(tr("Closing the window keeps the server running in the system tray"));
    m_closeToTray->setChecked(values.closeToTray);
    consoleForm->addRow(QString(), m_closeToTray);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        consoleBox->addWidget(note(tr("No system tray was found: closing the window quits Pulso."), console));
    layout->addWidget(console);

    m_error->setObjectName(u"settingsError"_s);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_bind, &QComboBox::editTextChanged, m_error, &QLabel::hide);
}

std::optional<QHostAddress> SettingsDialog::parsedBindAddress() const
{
    // A listed entry carries its address as data; typed text is the address itself.
    QString text = m_bind->currentText().trimmed();
    const int index = m_bind->findText(text);
    if (index >= 0)
        text = m_bind->itemData(index).toString();
    if (text == u"localhost")
        text = u"127.0.0.1"_s;
    const QHostAddress address(text);
    if (address.isNull())
        return std::nullopt;
    return address;
}

SettingsDialog::Values SettingsDialog::values() const
{
    Values v;
    v.port = quint16(m_port->value());
    v.bindAddress = parsedBindAddress().value_or(QHostAddress(QHostAddress::AnyIPv4));
    v.autoStart = m_autoStart->isChecked();
    v.language = m_language->currentData().toString();
    v.closeToTray = m_closeToTray->isChecked();
    return v;
}

void SettingsDialog::setBindAddressText(const QString &text)
{
    m_bind->setEditText(text);
}

void SettingsDialog::setPort(quint16 port)
{
    m_port->setValue(port);
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::accept()
{
    if (!parsedBindAddress()) {
        m_error->setText(
            tr("\"%1\" is not an IP address. Use 0.0.0.0 for every interface, 127.0.0.1 for this "
               "computer only, or one of this computer's addresses.")
                .arg(m_bind->currentText().trimmed()));
        m_error->show();
        adjustSize(); // make room for the message instead of squeezing the form
        m_bind->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace pulso
