// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/serverconfig.h"
#include "runtime/serverhost.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace pulso {
class ConsoleSettings;
class MainWindow;
} // namespace pulso

namespace pulso::test {

/// A ServerHost on 127.0.0.1 port 0 with a temporary database and settings file, optionally with the
/// console window on top: the console as the operator runs it, minus the display.
class ConsoleFixture final
{
public:
    explicit ConsoleFixture(bool withWindow = true);
    ~ConsoleFixture();
    Q_DISABLE_COPY_MOVE(ConsoleFixture)

    /// Starts the server (through the window when there is one) and waits until it runs.
    bool start();
    ServerHost &host() { return m_host; }
    MainWindow &window() { return *m_window; }
    ConsoleSettings &settings() { return *m_settings; }
    ServerConfig config() const { return m_config; }
    void setConfig(const ServerConfig &config) { m_config = config; }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    quint16 port() const { return m_host.port(); }
    QUrl wsUrl(const QString &pathAndQuery) const;
    QUrl httpUrl(const QString &pathAndQuery) const;

private:
    QTemporaryDir m_dir;
    ServerConfig m_config;
    std::unique_ptr<ConsoleSettings> m_settings;
    ServerHost m_host;
    std::unique_ptr<MainWindow> m_window;
    bool m_withWindow;
};

} // namespace pulso::test
