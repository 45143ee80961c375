// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/error.h"
#include "core/event.h"
#include "net/clientconnection.h"
#include "runtime/serverconfig.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>

#include <array>
#include <functional>

class QThread;

namespace pulso {

class Server;

/// A snapshot of a running server, taken in the server thread and handed to the console.
struct ServerStats
{
    quint16 port = 0;
    QDateTime startedAt; ///< UTC
    qint64 uptimeMs = 0;
    int connections = 0;
    std::array<int, ChannelCount> channelConnections {};
    quint64 eventsTotal = 0; ///< events emitted since this server started
    quint64 deliveriesTotal = 0; ///< frames queued to clients since this server started
    double eventsPerSecond = 0; ///< over about the last two seconds
    double deliveriesPerSecond = 0;
    QList<ClientInfo> clients;
};

/// Runs a Server in its own thread for the console, so painting never delays delivery.
/// Everything crosses threads as queued signals, always emitted in the host's own (GUI) thread;
/// the GUI never touches the Server directly.
class ServerHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHost)

public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    /// Why a start failed, so the console can say what to do about it.
    enum class StartFailure { AddressInUse, AddressNotAvailable, AccessDenied, Other };
    Q_ENUM(StartFailure)

    explicit ServerHost(QObject *parent = nullptr);
    ~ServerHost() override;

    /// Starts asynchronously; emits started() or startFailed(). No-op unless stopped.
    void start(const ServerConfig &config);
    /// Stops asynchronously (clients get 1001); emits stopped(). The thread stays up for a later start.
    void requestStop();
    /// Stops the running server (if any) and starts one with `config`; emits stopped() then started() or
    /// startFailed().
    void restart(const ServerConfig &config);
    /// Stops the server (closing clients with 1001) and its thread; blocks until done.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    /// The configuration of the last start (the port asked for, not necessarily the one bound).
    const ServerConfig &config() const { return m_config; }
    /// The bound port while running, else 0.
    quint16 port() const { return m_port; }

    /// Runs `task` in the server thread with the Server, if one is running.
    void post(std::function<void(Server &)> task);
    /// Runs `task` (returning a Result<T>) in the server thread and hands its result to `done` in this
    /// thread, unless `receiver` is gone by then. When no server runs, `done` gets an Unavailable
    /// "server_stopped".
    template<typename T, typename Task, typename Done> void call(QObject *receiver, Task task, Done done)
    {
        runInThread([this, guard = QPointer<QObject>(receiver), task = std::move(task),
                        done = std::move(done)](Server *server) {
            Result<T> result = server ? Result<T>(task(*server)) : Result<T>(notRunningError());
            QMetaObject::invokeMethod(
                this,
                [guard, done, result] {
                    if (guard)
                        done(result);
                },
                Qt::QueuedConnection);
        });
    }
    /// Closes one WebSocket client (1008 with `reason`); clientDisconnected() follows.
    void disconnectClient(quint64 id, const QString &reason);

    /// How often statsUpdated() is emitted (default 500 ms) and how often events are batched (50 ms).
    /// Takes effect at the next start.
    void setStatsInterval(int ms) { m_statsIntervalMs = ms; }
    void setEventBatchInterval(int ms) { m_eventBatchIntervalMs = ms; }

Q_SIGNALS:
    void stateChanged(pulso::ServerHost::State state);
    void started(quint16 port);
    void startFailed(const QString &message, pulso::ServerHost::StartFailure reason);
    void stopped();
    /// Every event since the last batch, in seq order; at most one emission per batch interval.
    void eventsEmitted(const QList<pulso::Event> &events);
    void statsUpdated(const pulso::ServerStats &stats);
    void clientConnected(const pulso::ClientInfo &client);
    void clientDisconnected(quint64 id);

private:
    struct Runtime;

    static Error notRunningError();
    /// Runs `task` in the server thread with the running Server, or with nullptr when none runs.
    void runInThread(std::function<void(Server *)> task);
    void ensureThread();
    void setState(State state);
    // These run in the server thread.
    void startInThread(const ServerConfig &config);
    void stopInThread();
    void flushEventsInThread();
    void takeStatsInThread();

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; ///< lives in m_thread; target of queued calls
    Runtime *m_runtime = nullptr; ///< owned by and used only in m_thread
    State m_state = State::Stopped;
    ServerConfig m_config;
    quint16 m_port = 0;
    int m_statsIntervalMs = 500;
    int m_eventBatchIntervalMs = 50;
};

} // namespace pulso

Q_DECLARE_METATYPE(pulso::ServerStats)
