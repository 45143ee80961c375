// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"
#include "core/event.h"
#include "net/subscription.h"
#include "net/wsframereader.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QWebSocketProtocol>

#include <array>
#include <functional>

class QTcpSocket;

namespace pulso {

class ClientConnection;

/// What a connection needs from the hub that owns it. The connection never deletes itself: it reports
/// connectionFinished() and the owner forgets it and deletes it later.
class ConnectionOwner
{
public:
    /// Flush this connection once, at the start of the next pass of the event loop.
    virtual void scheduleFlush(ClientConnection *client) = 0;
    /// Watch the descriptor for writability (only while bytes wait) or stop.
    virtual void setWriteInterest(ClientConnection *client, bool enabled) = 0;
    virtual void textReceived(ClientConnection *client, const QByteArray &utf8) = 0;
    virtual void binaryReceived(ClientConnection *client) = 0;
    virtual void pongReceived(ClientConnection *client) = 0;
    /// The connection is closing (our close frame or the echo of the peer's is queued): it gets a bounded
    /// time to send it and see the peer's close or EOF, then it is finished even if the frame never left.
    virtual void lingerStarted(ClientConnection *client) = 0;
    /// The connection is over (peer EOF, error, close handshake done, linger expired).
    virtual void connectionFinished(ClientConnection *client) = 0;

protected:
    ~ConnectionOwner() = default;
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

/// One upgraded WebSocket client, a plain object (no QObject, no notifier): after Pulso's own handshake
/// the hub keeps plain TCP clients as raw non-blocking descriptors in one epoll set. Incoming bytes go
/// through a ws::FrameReader; events and replies are pre-built frames queued here (shared bytes, no copy)
/// and written with one sendmsg() per client per pass of the event loop; what the kernel refuses stays
/// queued (frames + offset) until the descriptor is writable. Over TLS the same protocol runs on a
/// QSslSocket (read on readyRead, written with QSslSocket::write).
class ClientConnection final
{
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    enum class Delivery { Sent, Skipped, Held, Coalesced, Overflow };

    /// `release` runs when the connection is deleted (the front listener's connection count).
    ClientConnection(quint64 id, QString userId, bool secure, const QHostAddress &peer, quint16 peerPort,
        const DeliveryLimits &limits, ConnectionOwner *owner, std::function<void()> release);
    ~ClientConnection();

    /// Plain TCP in the hub's epoll set (Linux): the connection owns the non-blocking descriptor from now on.
    void setDescriptor(int fd) { m_fd = fd; }
    int descriptor() const { return m_fd; }
    /// Frames go through `socket` instead (the hub connects its signals and owns it): TLS, and every
    /// connection where the hub has no epoll set (other systems, or PULSO_WS_EPOLL=0).
    void setSocket(QTcpSocket *socket) { m_socket = socket; }
    QTcpSocket *socket() const { return m_socket; }
    void setMaxIncomingMessageSize(quint64 size) { m_reader.setMaxMessageSize(size); }

    quint64 id() const { return m_id; }
    const QString &userId() const { return m_userId; }
    bool isOpen() const { return !m_closing; }
    bool isFinished() const { return m_finished; }

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
    /// Queues raw bytes (the handshake answer) ahead of everything else.
    void sendRaw(const QByteArray &bytes);
    /// Queues a close frame behind what is pending, then shuts the write side once it left.
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    void close(quint16 code, QByteArrayView reason);
    /// Ends the connection now (heartbeat timeout, linger expired); reports connectionFinished().
    void finish();
    void sendPing(qint64 nowMs);
    qint64 pingSentMs() const { return m_pingSentMs; }

    /// Reads what the descriptor has (epoll said readable) and handles the frames.
    void readAvailable();
    /// Handles bytes read from the peer (TLS, or what followed the handshake head).
    void feed(QByteArrayView bytes);

    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }
    /// Bytes not yet handed to the kernel (over TLS: plus QSslSocket's buffer).
    qint64 bytesPending() const;
    /// Writes the queue: as much as the kernel takes in one sendmsg() (over TLS: to QSslSocket).
    void flush();
    bool hasQueued() const { return !m_out.isEmpty(); }
    /// Set by the hub while the connection waits in its flush list.
    bool isFlushScheduled() const { return m_flushScheduled; }
    void setFlushScheduled(bool scheduled) { m_flushScheduled = scheduled; }
    bool wantsWrite() const { return m_wantsWrite; }
    void setWantsWrite(bool wants) { m_wantsWrite = wants; }
    qint64 lingerDeadlineMs() const { return m_lingerDeadlineMs; }
    void setLingerDeadlineMs(qint64 ms) { m_lingerDeadlineMs = ms; }

    /// Where the hub keeps this connection in each of its lists (-1: not in it), so that removing it is O(1)
    /// (swapped with the last entry).
    struct ListIndex
    {
        qsizetype order = -1;
        qsizetype dirty = -1;
        qsizetype lingering = -1;
        std::array<qsizetype, ChannelCount> subscribers = filled(-1);

    private:
        static constexpr std::array<qsizetype, ChannelCount> filled(qsizetype value)
        {
            std::array<qsizetype, ChannelCount> out {};
            for (qsizetype &entry : out)
                entry = value;
            return out;
        }
    };
    ListIndex &listIndex() { return m_listIndex; }

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
    void enqueue(const QByteArray &frame);
    void drained();
    void handleFrames();
    void startLinger();

    quint64 m_id;
    int m_fd = -1;
    QTcpSocket *m_socket = nullptr;
    ConnectionOwner *m_owner;
    const DeliveryLimits &m_limits;
    std::function<void()> m_release;
    QString m_userId;
    QHostAddress m_peer;
    quint16 m_peerPort;
    bool m_secure;
    bool m_closing = false; ///< our close frame is queued (or the connection is over): nothing more is queued
    bool m_closeSent = false; ///< the close frame left; the write side is shut
    bool m_peerClosed = false; ///< the peer's close frame arrived
    bool m_finished = false;
    bool m_replaying = false;
    bool m_flushScheduled = false;
    bool m_wantsWrite = false;
    bool m_lingerStarted = false;
    ListIndex m_listIndex;
    ws::FrameReader m_reader;
    QList<QByteArray> m_out; ///< frames not yet written (shared bytes); m_out[0] from m_outOffset
    qsizetype m_outOffset = 0;
    qint64 m_outBytes = 0;
    QList<Subscription> m_subscriptions;
    QDateTime m_connectedAt;
    quint64 m_messagesSent = 0;
    qint64 m_lastSeq = 0;
    qint64 m_replayed = 0;
    qint64 m_lastAliveMs = 0;
    qint64 m_pingSentMs = -1;
    qint64 m_rttMs = -1;
    qint64 m_lingerDeadlineMs = 0;
    QList<Event> m_held;
    QMap<qint64, QByteArray> m_coalesced; ///< seq -> frame, newest reading per sensor
    QHash<qint64, qint64> m_coalescedBySensor; ///< sensor id -> seq in m_coalesced
};

} // namespace pulso

Q_DECLARE_METATYPE(pulso::ClientInfo)
