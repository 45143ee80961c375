// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QHostAddress>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace pulso {

/// Port, bind address, start-up, language and tray behaviour.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    struct Values
    {
        quint16 port = 8000;
        QHostAddress bindAddress;
        bool autoStart = true;
        QString language; ///< "system", "es", "en"
        bool closeToTray = true;
    };

    explicit SettingsDialog(const Values &values, const QString &databasePath, QWidget *parent = nullptr);

    Values values() const;
    /// Sets the bind address text (for tests); accept() validates it.
    void setBindAddressText(const QString &text);
    void setPort(quint16 port);
    QString errorText() const;

    void accept() override;

private:
    std::optional<QHostAddress> parsedBindAddress() const;

    QSpinBox *m_port;
    QComboBox *m_bind;
    QCheckBox *m_autoStart;
    QComboBox *m_language;
    QCheckBox *m_closeToTray;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace pulso
