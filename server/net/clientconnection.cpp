// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientconnection.h"

#include <QWebSocket>

namespace pulso {

ClientConnection::ClientConnection(
    quint64 id, QWebSocket *socket, Channel channel, QString userId, bool secure, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
    , m_channel(channel)
    , m_userId(std::move(userId))
    , m_secure(secure)
    , m_connectedAt(QDateTime::currentDateTimeUtc())
{
    m_socket->setParent(this);
}

ClientConnection::~ClientConnection() = default;

ClientInfo ClientConnection::info() const
{
    ClientInfo info;
    info.id = m_id;
    info.userId = m_userId;
    info.peerAddress = m_socket->peerAddress();
    info.peerPort = m_socket->peerPort();
    info.channel = m_channel;
    info.secure = m_secure;
    info.connectedAt = m_connectedAt;
    info.messagesSent = m_messagesSent;
    info.bytesPending = m_socket->bytesToWrite();
    return info;
}

bool ClientConnection::deliver(const Event &event)
{
    if (m_closing || event.seq() <= m_lastSeq)
        return false;
    m_lastSeq = event.seq();
    m_socket->sendTextMessage(event.text());
    ++m_messagesSent;
    return true;
}

void ClientConnection::sendText(const QString &text)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(text);
    ++m_messagesSent;
}

void ClientConnection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->close(code, reason);
}

} // namespace pulso
