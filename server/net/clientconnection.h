// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/event.h"

#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QObject>
#include <QWebSocketProtocol>

class QWebSocket;

namespace pulso {

/// A snapshot of one client, for stats and the console.
struct ClientInfo
{
    quint64 id = 0;
    QString userId;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    Channel channel = Channel::General;
    bool secure = false;
    QDateTime connectedAt;
    quint64 messagesSent = 0;
    qint64 bytesPending = 0;
};

/// One subscribed WebSocket client. Owns its QWebSocket; the hub keeps it in its channel's list.
/// This is the seam where a custom frame writer can replace QWebSocket without touching the hub.
class ClientConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    ClientConnection(quint64 id, QWebSocket *socket, Channel channel, QString userId, bool secure,
        QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    Channel channel() const { return m_channel; }
    const QString &userId() const { return m_userId; }
    QWebSocket *socket() const { return m_socket; }
    bool isOpen() const { return !m_closing; }
    ClientInfo info() const;

    /// Sends an event unless it was already delivered (seq dedupe across overlapping subscriptions).
    /// Returns true when a frame was queued.
    bool deliver(const Event &event);
    void sendText(const QString &text);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

private:
    quint64 m_id;
    QWebSocket *m_socket;
    Channel m_channel;
    QString m_userId;
    bool m_secure;
    bool m_closing = false;
    QDateTime m_connectedAt;
    quint64 m_messagesSent = 0;
    qint64 m_lastSeq = 0;
};

} // namespace pulso

Q_DECLARE_METATYPE(pulso::ClientInfo)
