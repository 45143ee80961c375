// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "consolefixture.h"

#include "ui/consolesettings.h"
#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pulso::test {

ConsoleFixture::ConsoleFixture(bool withWindow) : m_withWindow(withWindow)
{
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.databasePath = m_dir.filePath(u"console.db"_s);
    m_config.shutdownGraceMs = 1000;
    m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(u"console.ini"_s));
    // Short intervals keep the tests quick; the behaviour does not depend on them.
    m_host.setStatsInterval(100);
    m_host.setEventBatchInterval(20);
}

ConsoleFixture::~ConsoleFixture()
{
    m_window.reset();
    m_host.stop();
}

bool ConsoleFixture::start()
{
    QSignalSpy started(&m_host, &ServerHost::started);
    QSignalSpy failed(&m_host, &ServerHost::startFailed);
    if (m_withWindow) {
        if (!m_window)
            m_window = std::make_unique<MainWindow>(m_host, *m_settings, m_config);
        m_window->startServer();
    } else {
        m_host.start(m_config);
    }
    (void)QTest::qWaitFor([&] { return started.size() + failed.size() > 0; }, 10000);
    if (!failed.isEmpty())
        qWarning("console server failed to start: %s", qPrintable(failed.first().first().toString()));
    return !started.isEmpty();
}

QUrl ConsoleFixture::wsUrl(const QString &pathAndQuery) const
{
    return QUrl(u"ws://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

QUrl ConsoleFixture::httpUrl(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
}

} // namespace pulso::test
