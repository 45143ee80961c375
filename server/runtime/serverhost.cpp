// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/serverhost.h"

#include "net/websockethub.h"
#include "runtime/server.h"
#include "services/eventemitter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHost, "pulso.host")

namespace pulso {

/// The server-thread half of the host: the Server, the event batch and the counters behind the stats.
struct ServerHost::Runtime
{
    Server *server = nullptr;
    QTimer *batchTimer = nullptr;
    QTimer *statsTimer = nullptr;
    QList<Event> pending;
    QDateTime startedAt;
    QElapsedTimer clock;
    quint64 events = 0;
    /// Recent (uptime ms, events, deliveries) samples: rates are taken over about two seconds, so a
    /// 500 ms snapshot does not jump with every event that fell on either side of it.
    struct Sample
    {
        qint64 ms = 0;
        quint64 events = 0;
        quint64 deliveries = 0;
    };
    QList<Sample> samples;
};

namespace {

constexpr qint64 RateWindowMs = 2000;

ServerHost::StartFailure classify(const Error &error, const ServerConfig &config)
{
    if (error.code != u"listen_failed")
        return ServerHost::StartFailure::Other;
    // The server reports only a message; ask the OS again with a throwaway socket to learn why.
    QTcpServer probe;
    if (probe.listen(config.bindAddress, config.port))
        return ServerHost::StartFailure::Other;
    switch (probe.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return ServerHost::StartFailure::AddressInUse;
    case QAbstractSocket::SocketAddressNotAvailableError:
        return ServerHost::StartFailure::AddressNotAvailable;
    case QAbstractSocket::SocketAccessError:
        return ServerHost::StartFailure::AccessDenied;
    default:
        return ServerHost::StartFailure::Other;
    }
}

} // namespace

ServerHost::ServerHost(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<pulso::Event>();
    qRegisterMetaType<QList<pulso::Event>>();
    qRegisterMetaType<pulso::ClientInfo>();
    qRegisterMetaType<pulso::ServerStats>();
}

ServerHost::~ServerHost()
{
    stop();
}

void ServerHost::ensureThread()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(u"pulso-server"_s);
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
}

void ServerHost::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServerHost::start(const ServerConfig &config)
{
    if (m_state != State::Stopped)
        return;
    ensureThread();
    m_config = config;
    setState(State::Starting);
    QMetaObject::invokeMethod(
        m_context, [this, config] { startInThread(config); }, Qt::QueuedConnection);
}

void ServerHost::requestStop()
{
    if (m_state != State::Running && m_state != State::Starting)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_context, [this] { stopInThread(); }, Qt::QueuedConnection);
}

void ServerHost::restart(const ServerConfig &config)
{
    if (m_state == State::Stopped) {
        start(config);
        return;
    }
    m_config = config;
    setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_context,
        [this, config] {
            stopInThread();
            QMetaObject::invokeMethod(
                this, [this] { setState(State::Starting); }, Qt::QueuedConnection);
            startInThread(config);
        },
        Qt::QueuedConnection);
}

void ServerHost::stop()
{
    if (!m_thread)
        return;
    if (m_state != State::Stopped)
        setState(State::Stopping);
    QMetaObject::invokeMethod(
        m_context, [this] { stopInThread(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_context = nullptr;
    // Deliver what stopInThread() queued for us (stopped(), the last batch) before returning.
    QCoreApplication::sendPostedEvents(this);
    m_port = 0;
    setState(State::Stopped);
}

void ServerHost::post(std::function<void(Server &)> task)
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this, task = std::move(task)] {
            if (m_runtime && m_runtime->server)
                task(*m_runtime->server);
        },
        Qt::QueuedConnection);
}

void ServerHost::runInThread(std::function<void(Server *)> task)
{
    if (!m_context) {
        task(nullptr);
        return;
    }
    QMetaObject::invokeMethod(
        m_context, [this, task = std::move(task)] { task(m_runtime ? m_runtime->server : nullptr); },
        Qt::QueuedConnection);
}

Error ServerHost::notRunningError()
{
    return Error::make(ErrorKind::Unavailable, u"server_stopped"_s, u"The server is not running."_s);
}

void ServerHost::disconnectClient(quint64 id, const QString &reason)
{
    post([id, reason](Server &server) { server.hub().disconnectClient(id, reason); });
}

void ServerHost::startInThread(const ServerConfig &config)
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    auto *server = new Server(config);
    connect(&server->hub(), &WebSocketHub::clientConnected, this, &ServerHost::clientConnected);
    connect(&server->hub(), &WebSocketHub::clientDisconnected, this, &ServerHost::clientDisconnected);
    auto runtime = std::make_unique<Runtime>();
    runtime->server = server;
    // Counted and batched here, in the server thread: the GUI gets one queued call per batch, not per event.
    connect(&server->emitter(), &EventEmitter::eventEmitted, m_context, [this](const pulso::Event &event) {
        if (!m_runtime)
            return;
        m_runtime->pending.append(event);
        ++m_runtime->events;
    });
    m_runtime = runtime.get();
    const Status status = server->start();
    if (!status) {
        const StartFailure reason = classify(status.error(), config);
        qCInfo(lcHost) << "start failed:" << status.error().message << reason;
        m_runtime = nullptr;
        delete server;
        QMetaObject::invokeMethod(
            this,
            [this, message = status.error().message, reason] {
                setState(State::Stopped);
                Q_EMIT startFailed(message, reason);
            },
            Qt::QueuedConnection);
        return;
    }
    runtime->startedAt = QDateTime::currentDateTimeUtc();
    runtime->clock.start();
    runtime->batchTimer = new QTimer(m_context);
    runtime->batchTimer->setInterval(m_eventBatchIntervalMs);
    connect(runtime->batchTimer, &QTimer::timeout, m_context, [this] { flushEventsInThread(); });
    runtime->batchTimer->start();
    runtime->statsTimer = new QTimer(m_context);
    runtime->statsTimer->setInterval(m_statsIntervalMs);
    connect(runtime->statsTimer, &QTimer::timeout, m_context, [this] { takeStatsInThread(); });
    runtime->statsTimer->start();
    runtime.release();

    const quint16 port = server->port();
    QMetaObject::invokeMethod(
        this,
        [this, port] {
            m_port = port;
            setState(State::Running);
            Q_EMIT started(port);
        },
        Qt::QueuedConnection);
    // The start-up event is already pending; send it and a first snapshot right away.
    flushEventsInThread();
    takeStatsInThread();
}

void ServerHost::stopInThread()
{
    if (!m_runtime) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_state == State::Stopping)
                    setState(State::Stopped);
            },
            Qt::QueuedConnection);
        return;
    }
    std::unique_ptr<Runtime> runtime(m_runtime);
    delete runtime->batchTimer;
    delete runtime->statsTimer;
    runtime->server->stop();
    flushEventsInThread();
    m_runtime = nullptr;
    delete runtime->server;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_port = 0;
            setState(State::Stopped);
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
}

void ServerHost::flushEventsInThread()
{
    if (!m_runtime || m_runtime->pending.isEmpty())
        return;
    QMetaObject::invokeMethod(
        this, [this, batch = std::exchange(m_runtime->pending, {})] { Q_EMIT eventsEmitted(batch); },
        Qt::QueuedConnection);
}

void ServerHost::takeStatsInThread()
{
    if (!m_runtime)
        return;
    Runtime &rt = *m_runtime;
    WebSocketHub &hub = rt.server->hub();
    ServerStats stats;
    stats.port = rt.server->port();
    stats.startedAt = rt.startedAt;
    stats.uptimeMs = rt.clock.elapsed();
    stats.connections = hub.connectionCount();
    for (Channel channel : AllChannels)
        stats.channelConnections[static_cast<std::size_t>(channel)] = hub.connectionCount(channel);
    stats.eventsTotal = rt.events;
    stats.deliveriesTotal = hub.deliveries();
    rt.samples.append({stats.uptimeMs, stats.eventsTotal, stats.deliveriesTotal});
    while (rt.samples.size() > 2 && stats.uptimeMs - rt.samples.at(1).ms >= RateWindowMs)
        rt.samples.removeFirst();
    const Runtime::Sample &oldest = rt.samples.first();
    if (const qint64 elapsed = stats.uptimeMs - oldest.ms; elapsed > 0) {
        stats.eventsPerSecond = double(stats.eventsTotal - oldest.events) * 1000.0 / double(elapsed);
        stats.deliveriesPerSecond
            = double(stats.deliveriesTotal - oldest.deliveries) * 1000.0 / double(elapsed);
    }
    stats.clients = hub.clients();
    QMetaObject::invokeMethod(
        this, [this, stats = std::move(stats)] { Q_EMIT statsUpdated(stats); }, Qt::QueuedConnection);
}

} // namespace pulso
