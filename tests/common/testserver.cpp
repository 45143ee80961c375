// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testserver.h"

#include "runtime/logfilter.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace pulso::test {

TestServer::TestServer(ServerConfig config) : m_config(std::move(config))
{
    installQtNoiseFilter();
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    if (m_config.databasePath.isEmpty())
        m_config.databasePath = m_dir.filePath(u"pulso-test.db"_s);
    m_config.shutdownGraceMs = 1000;
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    m_server = std::make_unique<Server>(m_config);
    const Status status = m_server->start();
    if (!status) {
        qWarning("server failed to start: %s", qPrintable(status.error().message));
        return false;
    }
    return true;
}

void TestServer::stop()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
}

bool TestServer::restart()
{
    stop();
    return start();
}

quint16 TestServer::port() const
{
    return m_server ? m_server->port() : 0;
}

QUrl TestServer::httpUrl(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

QUrl TestServer::wsUrl(const QString &pathAndQuery) const
{
    return QUrl(u"ws://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

} // namespace pulso::test
