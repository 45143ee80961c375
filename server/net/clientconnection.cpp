// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientconnection.h"

#include "net/wsframe.h"

#include <QTcpSocket>
#include <QWebSocket>

#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace pulso {

ClientConnection::ClientConnection(quint64 id, QWebSocket *socket, QTcpSocket *tcp, QString userId,
    bool secure, const DeliveryLimits &limits, FlushScheduler *scheduler, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
    , m_tcp(tcp)
    , m_userId(std::move(userId))
    , m_secure(secure)
    , m_limits(limits)
    , m_scheduler(scheduler)
    , m_connectedAt(QDateTime::currentDateTimeUtc())
{
    m_socket->setParent(this);
    // QWebSocket does not own the socket it was upgraded from; we do. It must outlive the QWebSocket.
    if (m_tcp)
        m_tcp->setParent(this);
    // Over TLS the descriptor carries ciphertext: every byte must go through QSslSocket::write.
    m_writeToDescriptor = m_tcp && !m_tcp->inherits("QSslSocket");
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
    return m_outBytes + (m_tcp ? m_tcp->bytesToWrite() : m_socket->bytesToWrite());
}

void ClientConnection::write(const QByteArray &frame)
{
    if (m_tcp) {
        // Shared bytes, no copy; the hub flushes every queued connection once per pass of the event loop.
        m_out.append(frame);
        m_outBytes += frame.size();
        if (!m_flushScheduled && m_scheduler) {
            m_flushScheduled = true;
            m_scheduler->scheduleFlush(this);
        }
    } else {
        // Fallback through QWebSocket's own writer: strip our frame header again.
        const int length = quint8(frame.at(1)) & 0x7f;
        const qsizetype header = length < 126 ? 2 : (length == 126 ? 4 : 10);
        m_socket->sendTextMessage(QString::fromUtf8(QByteArrayView(frame).sliced(header)));
    }
    ++m_messagesSent;
}

void ClientConnection::flush()
{
    if (m_out.isEmpty())
        return;
    qsizetype done = 0; // frames written completely
    qsizetype offset = 0; // bytes of m_out[done] written
    // Straight to the descriptor only while QTcpSocket holds nothing (a ping, a close frame or an earlier
    // refusal), so that nothing is reordered. Saves, per frame, QRingBuffer's copy, the write notifier's
    // enable/disable and the bytesWritten signal; per client, all but one system call.
    const qintptr fd = m_writeToDescriptor ? m_tcp->socketDescriptor() : -1;
    if (fd >= 0 && m_tcp->bytesToWrite() == 0 && m_tcp->state() == QAbstractSocket::ConnectedState) {
        constexpr int MaxIov = 64;
        iovec iov[MaxIov];
        while (done < m_out.size()) {
            int count = 0;
            qsizetype batch = 0;
            for (qsizetype i = done; i < m_out.size() && count < MaxIov; ++i, ++count) {
                const QByteArray &frame = m_out.at(i);
                const qsizetype skip = i == done ? offset : 0;
                iov[count].iov_base = const_cast<char *>(frame.constData() + skip);
                iov[count].iov_len = size_t(frame.size() - skip);
                batch += frame.size() - skip;
            }
            msghdr message {};
            message.msg_iov = iov;
            message.msg_iovlen = size_t(count);
            ssize_t sent;
            do {
                sent = ::sendmsg(int(fd), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
            } while (sent < 0 && errno == EINTR);
            if (sent <= 0)
                break; // EAGAIN, or an error that QTcpSocket will meet and report on its next write
            for (qsizetype left = sent; left > 0;) {
                const qsizetype rest = m_out.at(done).size() - offset;
                if (left >= rest) {
                    left -= rest;
                    ++done;
                    offset = 0;
                } else {
                    offset += left;
                    left = 0;
                }
            }
            if (sent < batch)
                break; // the kernel's buffer is full
        }
    }
    // What the kernel did not take: QTcpSocket keeps it and writes it when the socket is writable.
    for (qsizetype i = done; i < m_out.size(); ++i) {
        const QByteArray &frame = m_out.at(i);
        const qsizetype skip = i == done ? offset : 0;
        m_tcp->write(frame.constData() + skip, frame.size() - skip);
    }
    m_out.clear(); // keeps its capacity for the next pass
    m_outBytes = 0;
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
        flush();
        if (m_tcp->bytesToWrite() > 0)
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
    if (m_tcp)
        flush(); // queued events go before the close frame
    m_socket->close(code, reason);
}

void ClientConnection::detach()
{
    m_closing = true;
    m_out.clear();
    m_outBytes = 0;
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
