// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/serverhost.h"

#include "net/websockethub.h"
#include "runtime/server.h"
#include "services/eventemitter.h"

#include <QThread>

namespace pulso {

ServerHost::ServerHost(QObject *parent) : QObject(parent) { }

ServerHost::~ServerHost()
{
    stop();
}

void ServerHost::start(const ServerConfig &config)
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("pulso-server"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    m_running = true;

    QMetaObject::invokeMethod(
        m_context,
        [this, config] {
            auto *server = new Server(config);
            connect(&server->emitter(), &EventEmitter::eventEmitted, this, &ServerHost::eventEmitted);
            connect(&server->hub(), &WebSocketHub::clientConnected, this, &ServerHost::clientConnected);
            connect(&server->hub(), &WebSocketHub::clientDisconnected, this, &ServerHost::clientDisconnected);
            const Status status = server->start();
            if (!status) {
                delete server;
                QMetaObject::invokeMethod(this, [this, message = status.error().message] {
                    m_running = false;
                    Q_EMIT startFailed(message);
                });
                return;
            }
            m_server = server;
            const quint16 port = server->port();
            QMetaObject::invokeMethod(this, [this, port] { Q_EMIT started(port); });
        },
        Qt::QueuedConnection);
}

void ServerHost::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            if (m_server) {
                m_server->stop();
                delete m_server;
                m_server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_context = nullptr;
    const bool wasRunning = std::exchange(m_running, false);
    if (wasRunning)
        Q_EMIT stopped();
}

void ServerHost::post(std::function<void(Server &)> task)
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this, task = std::move(task)] {
            if (m_server)
                task(*m_server);
        },
        Qt::QueuedConnection);
}

} // namespace pulso
