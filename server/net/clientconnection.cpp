// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientconnection.h"

#include "net/wsframe.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace pulso {

ClientConnection::ClientConnection(quint64 id, QWebSocket *socket, QTcpSocket *tcp, QString userId,
    bool secure, const DeliveryLimits &limits, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
    , m_tcp(tcp)
    , m_userId(std::move(userId))
    , m_secure(secure)
    , m_limits(limits)
    , m_connectedAt(QDateTime::currentDateTimeUtc())
{
    m_socket->setParent(this);
    // QWebSocket does not own the socket it was upgraded from; we do. It must outlive the QWebSocket.
    if (m_tcp)
        m_tcp->setParent(this);
}

ClientConnection::~ClientConnection()
{
    delete m_socket; // first: its destructor may still write a close frame to m_tcp
}

const Subscription *ClientConnection::subscriptionFor(Channel channel) const
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.channel == channel)
            return &subscription;
    }
    return nullptr;
}

QList<Channel> ClientConnection::channels() const
{
    QList<Channel> out;
    out.reserve(m_subscriptions.size());
    for (const Subscription &subscription : m_subscriptions)
        out.append(subscription.channel);
    return out;
}

bool ClientConnection::subscribe(const Subscription &subscription)
{
    for (Subscription &existing : m_subscriptions) {
        if (existing.channel == subscription.channel) {
            existing = subscription;
            return false;
        }
    }
    m_subscriptions.append(subscription);
    return true;
}

bool ClientConnection::unsubscribe(Channel channel)
{
    return m_subscriptions.removeIf([channel](const Subscription &s) { return s.channel == channel; }) > 0;
}

qint64 ClientConnection::bytesPending() const
{
    return m_tcp ? m_tcp->bytesToWrite() : m_socket->bytesToWrite();
}

void ClientConnection::write(const QByteArray &frame)
{
    if (m_tcp) {
        m_tcp->write(frame);
    } else {
        // Fallback through QWebSocket's own writer: strip our frame header again.
        const int length = quint8(frame.at(1)) & 0x7f;
        const qsizetype header = length < 126 ? 2 : (length == 126 ? 4 : 10);
        m_socket->sendTextMessage(QString::fromUtf8(QByteArrayView(frame).sliced(header)));
    }
    ++m_messagesSent;
}

ClientConnection::Delivery ClientConnection::deliver(
    const Event &event, const QByteArray &frame, const Subscription &subscription)
{
    if (m_closing || event.seq() <= m_lastSeq)
        return Delivery::Skipped;
    if (m_replaying) {
        m_held.append(event);
        return Delivery::Held;
    }
    qint64 pending = bytesPending();
    // Bytes still in our own buffer say nothing about the client: the event loop has not had a chance to
    // write them yet (a 10,000-reading batch queues 10,000 frames in one go). Push them to the kernel first;
    // only what the kernel refuses counts against the client.
    if (m_tcp && pending + frame.size() > m_limits.latestThreshold) {
        m_tcp->flush();
        pending = bytesPending();
    }
    if (subscription.mode == DeliveryMode::Latest && event.draft().entityType == u"reading"
        && (pending > m_limits.latestThreshold || !m_coalesced.isEmpty())) {
        if (const std::optional<qint64> sensor = eventSensorId(event)) {
            const auto previous = m_coalescedBySensor.constFind(*sensor);
            if (previous != m_coalescedBySensor.cend())
                m_coalesced.remove(*previous);
            m_coalesced.insert(event.seq(), frame);
            m_coalescedBySensor.insert(*sensor, event.seq());
            m_lastSeq = event.seq();
            return Delivery::Coalesced;
        }
    }
    if (pending + frame.size() > m_limits.maxPendingBytes)
        return Delivery::Overflow;
    write(frame);
    m_lastSeq = event.seq();
    return Delivery::Sent;
}

void ClientConnection::flushCoalesced()
{
    if (m_coalesced.isEmpty() || m_closing || bytesPending() > m_limits.latestThreshold / 2)
        return;
    for (const QByteArray &frame : std::as_const(m_coalesced))
        write(frame);
    m_coalesced.clear();
    m_coalescedBySensor.clear();
}

void ClientConnection::sendJson(const QByteArray &json)
{
    if (!m_closing)
        write(ws::textFrame(json));
}

void ClientConnection::deliverReplayed(const Event &event, const QByteArray &frame)
{
    if (m_closing)
        return;
    write(frame);
    m_lastSeq = event.seq();
    ++m_replayed;
}

QList<Event> ClientConnection::endReplay()
{
    m_replaying = false;
    return std::exchange(m_held, {});
}

void ClientConnection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->close(code, reason);
}

ClientInfo ClientConnection::info(Channel channel) const
{
    ClientInfo info;
    info.id = m_id;
    info.userId = m_userId;
    info.peerAddress = m_socket->peerAddress();
    info.peerPort = m_socket->peerPort();
    info.channel = channel;
    info.channels = channels();
    info.secure = m_secure;
    info.connectedAt = m_connectedAt;
    info.messagesSent = m_messagesSent;
    info.bytesPending = bytesPending();
    info.rttMs = m_rttMs;
    info.lastSeq = m_lastSeq;
    if (const Subscription *subscription = subscriptionFor(channel))
        info.mode = subscription->mode;
    return info;
}

} // namespace pulso
