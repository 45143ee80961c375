// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/event.h"
#include "net/subscription.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QWebSocketProtocol>

class QTcpSocket;
class QWebSocket;

namespace pulso {

class ClientConnection;

/// Where a connection asks to be flushed: once per pass of the event loop, whatever it queued meanwhile.
class FlushScheduler
{
public:
    virtual void scheduleFlush(ClientConnection *client) = 0;

protected:
    ~FlushScheduler() = default;
};

/// A snapshot of one client's subscription, for stats and the console. A client with several
/// subscriptions appears once per subscribed channel.
struct ClientInfo
{
    quint64 id = 0;
    QString userId;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    Channel channel = Channel::General; ///< the subscription this entry describes
    QList<Channel> channels; ///< every channel the client follows
    bool secure = false;
    QDateTime connectedAt;
    quint64 messagesSent = 0;
    qint64 bytesPending = 0;
    qint64 rttMs = -1; ///< last ping round trip; -1 before the first pong
    qint64 lastSeq = 0;
    DeliveryMode mode = DeliveryMode::All;
};

/// Per-client delivery limits.
struct DeliveryLimits
{
    qint64 maxPendingBytes = 4 * 1024 * 1024; ///< beyond this an "all" client is closed with 1013
    qint64 latestThreshold = 64 * 1024; ///< beyond this a "latest" client's readings are coalesced
};

/// One WebSocket client. QWebSocket does the handshake, reads frames and answers control frames; events and
/// replies are pre-built frames queued here (shared bytes, no copy) and written straight to the underlying
/// TCP socket's descriptor when the hub flushes, once per pass of the event loop: every frame queued for a
/// client in that pass leaves in one sendmsg(). Only what the kernel refuses goes to QTcpSocket's buffer.
/// Over TLS the frames go through QSslSocket::write instead (still once per pass).
class ClientConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    enum class Delivery { Sent, Skipped, Held, Coalesced, Overflow };

    /// `tcp` is the socket `socket` was upgraded from: events are written to it directly. May be null.
    ClientConnection(quint64 id, QWebSocket *socket, QTcpSocket *tcp, QString userId, bool secure,
        const DeliveryLimits &limits, FlushScheduler *scheduler, QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }
    const QString &userId() const { return m_userId; }
    QWebSocket *socket() const { return m_socket; }
    QTcpSocket *tcpSocket() const { return m_tcp; }
    bool isOpen() const { return !m_closing; }

    const QList<Subscription> &subscriptions() const { return m_subscriptions; }
    const Subscription *subscriptionFor(Channel channel) const;
    QList<Channel> channels() const;
    /// Adds or replaces the subscription for its channel; returns true when it is new.
    bool subscribe(const Subscription &subscription);
    bool unsubscribe(Channel channel);

    /// Hands an event reached through `subscription` (its filter already checked by the caller).
    Delivery deliver(const Event &event, const QByteArray &frame, const Subscription &subscription);
    /// Sends a reply or notice (pong, ack, error) as one text frame.
    void sendJson(const QByteArray &json);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    /// The hub forgot this client: nothing more is written, the queue is dropped.
    void detach();

    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }
    /// Bytes not yet handed to the kernel: our queue plus QTcpSocket's buffer.
    qint64 bytesPending() const;
    /// Writes the queue: straight to the descriptor while QTcpSocket's own buffer is empty, so nothing can
    /// overtake; the rest (what the kernel refused) is appended to QTcpSocket, which writes it when it can.
    void flush();
    bool hasQueued() const { return !m_out.isEmpty(); }
    /// Set by the hub while the connection waits in its flush list.
    bool isFlushScheduled() const { return m_flushScheduled; }
    void setFlushScheduled(bool scheduled) { m_flushScheduled = scheduled; }

    // Resume: while replaying, live events are held and delivered (minus duplicates) afterwards.
    bool isReplaying() const { return m_replaying; }
    void beginReplay() { m_replaying = true; }
    /// Writes a replayed event (no limits: the replay paces itself on bytesPending()).
    void deliverReplayed(const Event &event, const QByteArray &frame);
    QList<Event> endReplay();
    qint64 replayedCount() const { return m_replayed; }

    /// Writes readings coalesced while the socket was backed up, once it has drained enough.
    void flushCoalesced();
    bool hasCoalesced() const { return !m_coalesced.isEmpty(); }

    void markAlive(qint64 nowMs) { m_lastAliveMs = nowMs; }
    qint64 lastAliveMs() const { return m_lastAliveMs; }
    void setRtt(qint64 ms) { m_rttMs = ms; }

    ClientInfo info(Channel channel) const;

private:
    void write(const QByteArray &frame);

    quint64 m_id;
    QWebSocket *m_socket;
    QTcpSocket *m_tcp = nullptr; ///< the socket under m_socket; null only if Qt's internals change
    QString m_userId;
    bool m_secure;
    const DeliveryLimits &m_limits;
    FlushScheduler *m_scheduler;
    bool m_closing = false;
    bool m_replaying = false;
    bool m_flushScheduled = false;
    bool m_writeToDescriptor = false; ///< plain TCP: flush() may write to the descriptor itself
    QList<QByteArray> m_out; ///< frames queued in this pass of the event loop (shared bytes)
    qint64 m_outBytes = 0;
    QList<Subscription> m_subscriptions;
    QDateTime m_connectedAt;
    quint64 m_messagesSent = 0;
    qint64 m_lastSeq = 0;
    qint64 m_replayed = 0;
    qint64 m_lastAliveMs = 0;
    qint64 m_rttMs = -1;
    QList<Event> m_held;
    QMap<qint64, QByteArray> m_coalesced; ///< seq -> frame, newest reading per sensor
    QHash<qint64, qint64> m_coalescedBySensor; ///< sensor id -> seq in m_coalesced
};

} // namespace pulso

Q_DECLARE_METATYPE(pulso::ClientInfo)
