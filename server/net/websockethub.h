// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/error.h"
#include "core/event.h"
#include "net/authpolicy.h"
#include "net/clientconnection.h"
#include "net/httpresponse.h"
#include "net/subscription.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QWebSocketProtocol>

#include <array>
#include <functional>
#include <optional>

class QJsonArray;
class QSocketNotifier;
class QTcpSocket;
class QTimer;

namespace pulso {

class EventHistoryService;
struct HttpHead;

/// The seed's WebSocketManager: completes the upgrades handed over by the front listener (its own RFC 6455
/// handshake), keeps every plain-TCP client as a raw descriptor in one epoll set watched by one
/// QSocketNotifier on Linux (TLS clients, and every client elsewhere, stay on their QTcpSocket), keeps each
/// client's subscriptions, fans each event out to its channel's and to `general`'s subscribers, replays
/// missed events on resume, handles slow consumers and heartbeats.
class WebSocketHub final : public QObject, private ConnectionOwner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketHub)

public:
    static constexpr QStringView Path = u"/api/v1/ws";
    static constexpr QStringView SecurePath = u"/api/v1/ws/secure";

    struct Options
    {
        /// Who may connect (tokens, --auth, Origin); without a policy /ws/secure refuses everyone.
        const AuthPolicy *auth = nullptr;
        quint64 maxIncomingMessageSize = 64 * 1024;
        DeliveryLimits delivery;
        int pingIntervalMs = 20000; ///< no pong within two intervals closes the connection; 0 disables
    };

    explicit WebSocketHub(QObject *parent = nullptr);
    ~WebSocketHub() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    /// Where resume reads missed events; without it, resume requests get an error.
    void setHistory(EventHistoryService *history) { m_history = history; }
    void setSensorLocationResolver(SensorLocationResolver resolver) { m_resolver = std::move(resolver); }

    /// Decides on an upgrade before it happens: wrong path 404, bad or repeated query parameter 400, browser
    /// origin not allowed 403, missing/bad/revoked token 401, role too low 403. Returns who connects.
    Result<Access> checkUpgrade(const HttpHead &head, const QHostAddress &peer) const;
    /// The RFC 6455 side of an upgrade that passed checkUpgrade: 426 (another version) or 400 (no valid
    /// key, ...), or nothing when the handshake can be answered.
    std::optional<HttpResponse> checkHandshake(const HttpHead &head) const;
    /// Takes a socket whose upgrade passed both checks, `head` still unread in its buffer: answers 101 and
    /// takes the connection over (plain TCP: its descriptor; the QTcpSocket is deleted). `release` runs
    /// when the client is gone (the front listener's connection count).
    void takeUpgrade(QTcpSocket *socket, const HttpHead &head, std::function<void()> release);

    /// Delivers an event to its channel's subscribers and to `general`'s. The fan-out hot path.
    void publish(const pulso::Event &event);

    /// Closes every client with `code` (1001 on shutdown).
    void closeAll(QWebSocketProtocol::CloseCode code, const QString &reason);
    bool disconnectClient(quint64 id, const QString &reason);
    /// Closes (1008, with `reason`) every client that connected with the stored token `tokenId`; returns
    /// how many. Called when the token is revoked.
    int closeClientsOfToken(qint64 tokenId, const QString &reason);

    int connectionCount() const { return int(m_order.size()); }
    int connectionCount(Channel channel) const;
    quint64 deliveries() const { return m_deliveries; }
    quint64 overflowClosures() const { return m_overflowClosures; }
    /// One entry per subscription.
    QList<ClientInfo> clients() const;

    /// The seed's GET /ws/stats body (plus total_connections).
    QJsonObject stats() const;
    /// The seed's GET /ws/stats/{channel} body (plus per-client details).
    QJsonObject channelStats(Channel channel) const;

Q_SIGNALS:
    void clientConnected(const pulso::ClientInfo &client);
    void clientDisconnected(quint64 id);

private:
    void handleTextMessage(ClientConnection *client, const QString &message);
    void handleBytesWritten(ClientConnection *client);
    void handleHeartbeat();
    /// The epoll set is ready: reads and writes the clients it names.
    void handleEpoll();
    void handleLinger();
    // ConnectionOwner
    void scheduleFlush(ClientConnection *client) override;
    void setWriteInterest(ClientConnection *client, bool enabled) override;
    void textReceived(ClientConnection *client, const QByteArray &utf8) override;
    void binaryReceived(ClientConnection *client) override;
    void pongReceived(ClientConnection *client) override;
    void lingerStarted(ClientConnection *client) override;
    void connectionFinished(ClientConnection *client) override;
    /// Writes every connection that queued frames in this pass of the event loop (see ClientConnection).
    void flushClients();
    void removeClient(ClientConnection *client);
    /// Takes `client` out of `channel`'s subscribers and user counts.
    void forgetSubscription(ClientConnection *client, Channel channel);
    /// The distinct non-empty user_ids subscribed to `channel`, sorted.
    QJsonArray channelUsers(Channel channel) const;
    void deleteFinished();

    void subscribe(ClientConnection *client, const Subscription &subscription, bool acknowledge);
    void unsubscribe(ClientConnection *client, Channel channel);
    void deliver(ClientConnection *client, const Event &event, const QByteArray &frame, Channel via);
    void startResume(ClientConnection *client, qint64 since, const QString &epoch);
    void pumpReplay(ClientConnection *client);
    void finishReplay(ClientConnection *client, qint64 since);
    void sendResumeGap(
        ClientConnection *client, const QString &reason, qint64 since, qint64 missingFrom, qint64 missingTo);

    Options m_options;
    EventHistoryService *m_history = nullptr;
    SensorLocationResolver m_resolver;
    /// Every plain-TCP client's descriptor (Linux); EPOLLOUT only while one has unsent bytes. -1 without one:
    /// then every client runs on its QTcpSocket.
    int m_epoll = -1;
    QSocketNotifier *m_epollNotifier = nullptr;
    // The client lists are unordered (O(1) removal, see ClientConnection::ListIndex); what lists clients
    // sorts them by id.
    QList<ClientConnection *> m_order; ///< every client once
    std::array<QList<ClientConnection *>, ChannelCount> m_subscribers;
    std::array<QMap<QString, int>, ChannelCount> m_channelUsers; ///< user_id -> its subscribers, per channel
    QHash<ClientConnection *, qint64> m_replays; ///< client -> the seq it asked to resume after
    QHash<qint64, QSet<ClientConnection *>> m_tokenClients; ///< stored token id -> clients that used it
    QHash<ClientConnection *, qint64> m_clientTokens; ///< client -> stored token id, for those that used one
    QList<ClientConnection *> m_dirty; ///< connections with queued frames (null: removed meanwhile)
    QList<ClientConnection *> m_flushing; ///< the list being flushed (kept for its capacity)
    bool m_flushPosted = false;
    QList<ClientConnection *> m_lingering; ///< closed by us, waiting for the peer's close or EOF
    QList<ClientConnection *> m_finished; ///< removed, deleted at the start of the next loop pass
    bool m_deletePosted = false;
    QTimer *m_heartbeat = nullptr;
    QTimer *m_lingerTimer = nullptr;
    QElapsedTimer m_clock;
    quint64 m_nextId = 1;
    quint64 m_deliveries = 0;
    quint64 m_overflowClosures = 0;
};

} // namespace pulso
