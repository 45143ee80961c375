// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverconfig.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

class QSettings;

namespace pulso {

/// The console's persistent settings (QSettings under Pulso/pulso), typed. Window layout keys live here too,
/// so every key the console writes is listed in one place.
class ConsoleSettings final
{
public:
    ConsoleSettings();
    /// For tests: a settings file of their own.
    explicit ConsoleSettings(const QString &iniFile);
    ~ConsoleSettings();
    Q_DISABLE_COPY_MOVE(ConsoleSettings)

    static constexpr quint16 DefaultPort = 8000;

    quint16 port() const;
    void setPort(quint16 port);
    QHostAddress bindAddress() const;
    void setBindAddress(const QHostAddress &address);
    /// Start the server when the console opens (default true).
    bool autoStart() const;
    void setAutoStart(bool on);

    /// "system", "es" or "en".
    QString language() const;
    void setLanguage(const QString &language);
    /// Closing the window keeps serving in the tray (when a tray exists). Default true.
    bool closeToTray() const;
    void setCloseToTray(bool on);
    /// The tray notice "still running" is shown once.
    bool trayNoticeShown() const;
    void setTrayNoticeShown(bool shown);

    QByteArray value(const QString &key) const;
    void setValue(const QString &key, const QByteArray &value);
    QString text(const QString &key, const QString &fallback = {}) const;
    void setText(const QString &key, const QString &value);

    /// Applies the saved port and bind address to `config`.
    void applyTo(ServerConfig &config) const;
    void sync();

private:
    QSettings *m_settings;
};

} // namespace pulso
