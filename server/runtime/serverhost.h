// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/event.h"
#include "net/clientconnection.h"
#include "runtime/serverconfig.h"

#include <QObject>
#include <functional>

class QThread;

namespace pulso {

class Server;

/// Runs a Server in its own thread for the console, so painting never delays delivery.
/// Everything crosses threads as queued signals; the GUI never touches the Server directly.
class ServerHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHost)

public:
    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override;

    /// Starts asynchronously; emits started() or startFailed().
    void start(const ServerConfig &config);
    /// Stops the server (closing clients with 1001) and its thread; blocks until done.
    void stop();
    bool isRunning() const { return m_running; }

    /// Runs `task` in the server thread with the Server, if one is running.
    void post(std::function<void(Server &)> task);

Q_SIGNALS:
    void started(quint16 port);
    void startFailed(const QString &message);
    void stopped();
    void eventEmitted(const pulso::Event &event);
    void clientConnected(const pulso::ClientInfo &client);
    void clientDisconnected(quint64 id);

private:
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; ///< lives in m_thread; target of queued calls
    Server *m_server = nullptr; ///< owned and used only in m_thread
    bool m_running = false;
};

} // namespace pulso
