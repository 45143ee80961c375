// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"
#include "runtime/serverconfig.h"

#include <QList>
#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;

namespace pulso {

class ServerHost;
struct ClientInfo;

/// The console's main window: server status, connection count, a live event log and the test event.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(ServerHost &host, const ServerConfig &config, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void handleStarted(quint16 port);
    void handleEvent(const pulso::Event &event);
    void handleClientConnected(const pulso::ClientInfo &client);
    void handleClientDisconnected(quint64 id);
    void flushEvents();
    void sendTestEvent();
    void updateCounters();

    ServerHost &m_host;
    ServerConfig m_config;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_countersLabel = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QComboBox *m_testChannel = nullptr;
    QLineEdit *m_testMessage = nullptr;
    QTimer *m_flushTimer = nullptr;
    QList<Event> m_pendingEvents;
    int m_connections = 0;
    quint64 m_eventCount = 0;
};

} // namespace pulso
