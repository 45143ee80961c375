// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/error.h"
#include "core/event.h"
#include "net/clientconnection.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocketProtocol>

#include <array>
#include <optional>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace pulso {

struct HttpHead;

/// The seed's WebSocketManager: accepts upgrades handed over by the front listener, groups clients by
/// channel, and fans each event out to its channel and to `general`.
class WebSocketHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketHub)

public:
    static constexpr QStringView Path = u"/api/v1/ws";
    static constexpr QStringView SecurePath = u"/api/v1/ws/secure";

    struct Options
    {
        QByteArray secureToken; ///< the token /ws/secure accepts; empty: the secure endpoint refuses all
        quint64 maxIncomingMessageSize = 64 * 1024;
    };

    explicit WebSocketHub(QObject *parent = nullptr);
    ~WebSocketHub() override;

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    /// Decides on an upgrade before it happens: wrong path 404, unknown channel 400, bad token 401.
    std::optional<Error> checkUpgrade(const HttpHead &head) const;
    /// Takes a socket whose upgrade passed checkUpgrade; its handshake is still unread.
    void takeUpgrade(QTcpSocket *socket);

    /// Delivers an event to its channel's clients and to `general`'s. The fan-out hot path.
    void publish(const pulso::Event &event);

    /// Closes every client with `code` (1001 on shutdown).
    void closeAll(QWebSocketProtocol::CloseCode code, const QString &reason);
    bool disconnectClient(quint64 id, const QString &reason);

    int connectionCount() const { return int(m_clients.size()); }
    int connectionCount(Channel channel) const;
    quint64 deliveries() const { return m_deliveries; }
    QList<ClientInfo> clients() const;

    /// The seed's GET /ws/stats body.
    QJsonObject stats() const;
    /// The seed's GET /ws/stats/{channel} body.
    QJsonObject channelStats(Channel channel) const;

Q_SIGNALS:
    void clientConnected(const pulso::ClientInfo &client);
    void clientDisconnected(quint64 id);

private:
    void handleNewConnections();
    void handleTextMessage(const QString &message);
    void handleBinaryMessage(const QByteArray &message);
    void handleDisconnected();
    void addClient(QWebSocket *socket);
    void removeClient(ClientConnection *client);
    ClientConnection *clientFor(QObject *socket) const;

    Options m_options;
    QWebSocketServer *m_server = nullptr;
    QHash<QWebSocket *, ClientConnection *> m_clients;
    std::array<QList<ClientConnection *>, ChannelCount> m_subscribers;
    quint64 m_nextId = 1;
    quint64 m_deliveries = 0;
};

/// Constant-time comparison for secrets.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace pulso
