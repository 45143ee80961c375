// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/frontlistener.h"

#include "net/httpapi.h"
#include "net/websockethub.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFront, "pulso.front")

namespace pulso {

FrontListener::FrontListener(HttpApi &http, WebSocketHub &hub, QObject *parent)
    : QObject(parent), m_http(http), m_hub(hub), m_server(new QTcpServer(this)), m_sweep(new QTimer(this))
{
    m_clock.start();
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FrontListener::handleNewConnection);
    m_sweep->setInterval(250);
    connect(m_sweep, &QTimer::timeout, this, &FrontListener::sweepTimeouts);
}

FrontListener::~FrontListener() = default;

bool FrontListener::listen(const QHostAddress &address, quint16 port)
{
    m_server->setListenBacklogSize(m_limits.listenBacklog);
    if (!m_server->listen(address, port))
        return false;
    m_sweep->start();
    qCInfo(lcFront) << "listening on" << m_server->serverAddress() << m_server->serverPort();
    return true;
}

void FrontListener::close()
{
    m_server->close();
    m_sweep->stop();
    const QList<QTcpSocket *> pending = m_pending.keys();
    m_pending.clear();
    for (QTcpSocket *socket : pending) {
        socket->abort();
        socket->deleteLater();
    }
}

bool FrontListener::isListening() const
{
    return m_server->isListening();
}

quint16 FrontListener::port() const
{
    return m_server->serverPort();
}

QHostAddress FrontListener::address() const
{
    return m_server->serverAddress();
}

QString FrontListener::errorString() const
{
    return m_server->errorString();
}

void FrontListener::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_pending.insert(socket, m_clock.elapsed() + m_limits.headTimeoutMs);
        connect(socket, &QIODevice::readyRead, this, &FrontListener::handleReadyRead);
        connect(socket, &QAbstractSocket::disconnected, this, &FrontListener::handleDisconnected);
        if (socket->bytesAvailable() > 0)
            inspect(socket);
    }
}

void FrontListener::handleReadyRead()
{
    if (auto *socket = qobject_cast<QTcpSocket *>(sender()))
        inspect(socket);
}

void FrontListener::handleDisconnected()
{
    auto *socket = qobject_cast<QTcpSocket *>(sender());
    if (socket && m_pending.remove(socket))
        socket->deleteLater();
}

void FrontListener::sweepTimeouts()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it.value() <= now)
            expired.append(it.key());
    }
    for (QTcpSocket *socket : expired) {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"request_timeout"_s,
            u"The request head did not arrive within %1 ms."_s.arg(m_limits.headTimeoutMs));
        response.status = 408;
        refuse(socket, response);
    }
}

void FrontListener::inspect(QTcpSocket *socket)
{
    if (!m_pending.contains(socket))
        return;
    // peek: the bytes stay in the socket's buffer for whoever serves the connection.
    const QByteArray buffer = socket->peek(m_limits.maxHeadSize);
    HttpHead head;
    switch (HttpHead::parse(buffer, m_limits.maxHeadSize, head)) {
    case HttpHead::Parse::Incomplete:
        return;
    case HttpHead::Parse::TooLarge: {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"header_too_large"_s,
            u"The request head exceeds %1 bytes."_s.arg(m_limits.maxHeadSize));
        response.status = 431;
        refuse(socket, response);
        return;
    }
    case HttpHead::Parse::Invalid:
        refuse(socket,
            HttpResponse::error(ErrorKind::BadRequest, u"bad_request"_s,
                u"Malformed HTTP request: %1."_s.arg(head.invalidReason)));
        return;
    case HttpHead::Parse::Complete:
        break;
    }

    if (head.isWebSocketUpgrade()) {
        if (std::optional<Error> refusal = m_hub.checkUpgrade(head)) {
            refuse(socket, HttpResponse::fromError(*refusal));
            return;
        }
        detach(socket);
        m_hub.takeUpgrade(socket);
        return;
    }

    // Plain HTTP. Refuse a declared oversized body before reading it.
    const QByteArray contentLength = head.header("content-length");
    if (!contentLength.isEmpty()) {
        bool ok = false;
        const qint64 length = contentLength.toLongLong(&ok);
        if (!ok || length < 0) {
            refuse(socket,
                HttpResponse::error(
                    ErrorKind::BadRequest, u"bad_request"_s, u"Invalid Content-Length header."_s));
            return;
        }
        if (length > m_limits.maxBodySize) {
            refuse(socket,
                HttpResponse::error(ErrorKind::PayloadTooLarge, u"payload_too_large"_s,
                    u"The request body is %1 bytes; the limit is %2 bytes."_s.arg(length).arg(
                        m_limits.maxBodySize)));
            return;
        }
    }
    detach(socket);
    if (head.header("expect").toLower() == "100-continue")
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    socket->setParent(&m_http);
    m_http.takeConnection(socket);
}

void FrontListener::refuse(QTcpSocket *socket, const HttpResponse &response)
{
    qCDebug(lcFront) << "refusing" << socket->peerAddress() << response.status;
    detach(socket);
    socket->write(serializeClosingResponse(response));
    socket->disconnectFromHost();
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

void FrontListener::detach(QTcpSocket *socket)
{
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
}

} // namespace pulso
