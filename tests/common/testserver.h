// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runtime/server.h"
#include "runtime/serverconfig.h"

#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace pulso::test {

/// A real Pulso server on 127.0.0.1, port 0, with its own temporary SQLite file.
class TestServer final
{
public:
    /// `config` may set limits and tokens; address, port and database are filled in unless already set.
    explicit TestServer(ServerConfig config = {});
    ~TestServer();

    /// Starts; returns false (with a QWARN) on failure.
    bool start();
    void stop();
    /// Stops and starts again on the same database file (the port may change).
    bool restart();

    Server &server() { return *m_server; }
    quint16 port() const;
    QString databasePath() const { return m_config.databasePath; }
    QUrl httpUrl(const QString &pathAndQuery) const;
    QUrl wsUrl(const QString &pathAndQuery) const;

private:
    QTemporaryDir m_dir;
    ServerConfig m_config;
    std::unique_ptr<Server> m_server;
};

} // namespace pulso::test
