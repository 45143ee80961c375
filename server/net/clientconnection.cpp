// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/clientconnection.h"

#include "net/wsframe.h"

#include <QTcpSocket>

#include <cerrno>
#ifdef PULSO_WS_EPOLL
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#endif

namespace pulso {

ClientConnection::ClientConnection(quint64 id, QString userId, bool secure, const QHostAddress &peer,
    quint16 peerPort, const DeliveryLimits &limits, ConnectionOwner *owner, std::function<void()> release)
    : m_id(id)
    , m_owner(owner)
    , m_limits(limits)
    , m_release(std::move(release))
    , m_userId(std::move(userId))
    , m_peer(peer)
    , m_peerPort(peerPort)
    , m_secure(secure)
    , m_connectedAt(QDateTime::currentDateTimeUtc())
{ }

ClientConnection::~ClientConnection()
{
#ifdef PULSO_WS_EPOLL
    if (m_fd >= 0)
        ::close(m_fd);
#endif
    if (m_socket)
        m_socket->deleteLater(); // we may be inside one of its signals
    if (m_release)
        m_release();
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
    return m_outBytes + (m_socket ? m_socket->bytesToWrite() : 0);
}

void ClientConnection::enqueue(const QByteArray &frame)
{
    // Shared bytes, no copy; the hub flushes every queued connection once per pass of the event loop.
    m_out.append(frame);
    m_outBytes += frame.size();
    if (!m_flushScheduled && !m_wantsWrite) {
        m_flushScheduled = true;
        m_owner->scheduleFlush(this);
    }
}

void ClientConnection::write(const QByteArray &frame)
{
    enqueue(frame);
    ++m_messagesSent;
}

void ClientConnection::sendRaw(const QByteArray &bytes)
{
    if (!m_finished)
        enqueue(bytes);
}

void ClientConnection::flush()
{
    if (m_finished)
        return;
    if (m_socket) {
        for (qsizetype i = 0; i < m_out.size(); ++i) {
            const QByteArray &frame = m_out.at(i);
            const qsizetype skip = i == 0 ? m_outOffset : 0;
            m_socket->write(frame.constData() + skip, frame.size() - skip);
        }
        m_out.clear();
        m_outOffset = 0;
        m_outBytes = 0;
        drained();
        return;
    }
#ifdef PULSO_WS_EPOLL
    while (!m_out.isEmpty()) {
        constexpr int MaxIov = 64;
        iovec iov[MaxIov];
        int count = 0;
        qsizetype batch = 0;
        for (qsizetype i = 0; i < m_out.size() && count < MaxIov; ++i, ++count) {
            const QByteArray &frame = m_out.at(i);
            const qsizetype skip = i == 0 ? m_outOffset : 0;
            iov[count].iov_base = const_cast<char *>(frame.constData() + skip);
            iov[count].iov_len = size_t(frame.size() - skip);
            batch += frame.size() - skip;
        }
        msghdr message {};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        ssize_t sent;
        do {
            sent = ::sendmsg(m_fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
        } while (sent < 0 && errno == EINTR);
        if (sent < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                // The connection cannot be written (EPIPE, ECONNRESET, but also ENOBUFS or ENOMEM, after
                // which epoll reports nothing): the client is finished now, not at the next heartbeat.
                finish();
                return;
            }
            break;
        }
        m_outBytes -= sent;
        // Drop the frames that left completely; the offset is into the new first frame.
        qsizetype left = sent;
        qsizetype complete = 0;
        qsizetype offset = m_outOffset;
        while (left > 0) {
            const qsizetype rest = m_out.at(complete).size() - offset;
            if (left >= rest) {
                left -= rest;
                ++complete;
                offset = 0;
            } else {
                offset += left;
                left = 0;
            }
        }
        m_out.remove(0, complete);
        m_outOffset = offset;
        if (sent < batch)
            break; // the kernel's buffer is full
    }
    if (!m_out.isEmpty()) {
        if (!m_wantsWrite)
            m_owner->setWriteInterest(this, true);
        return;
    }
    if (m_wantsWrite)
        m_owner->setWriteInterest(this, false);
    drained();
#endif
}

void ClientConnection::drained()
{
    // m_closing with an empty queue: the close frame, queued last, has left.
    if (!m_closing || m_closeSent || m_finished)
        return;
    m_closeSent = true;
    if (m_socket) {
        m_socket->disconnectFromHost(); // writes what QSslSocket holds, then closes; disconnected() finishes
        return;
    }
    if (m_peerClosed) {
        // Both close frames crossed: the handshake is done, the server closes the TCP connection.
        finish();
        return;
    }
#ifdef PULSO_WS_EPOLL
    ::shutdown(m_fd, SHUT_WR);
#endif
    startLinger();
}

void ClientConnection::startLinger()
{
    // The bounded wait runs from the close, not from the moment the close frame left: a client that stopped
    // reading would otherwise keep its descriptor (and our queue) until the heartbeat drops it.
    if (m_lingerStarted || m_finished)
        return;
    m_lingerStarted = true;
    m_owner->lingerStarted(this);
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
    // Bytes still in our own queue say nothing about the client: the event loop has not had a chance to
    // write them yet (a 10,000-reading batch queues 10,000 frames in one go). Push them to the kernel first;
    // only what the kernel refuses counts against the client.
    // Not while the kernel's buffer is known to be full (write interest armed): that sendmsg would only
    // return EAGAIN, once per event, for every stalled client.
    if (!m_wantsWrite && pending + frame.size() > m_limits.latestThreshold) {
        flush();
        if (m_socket && m_socket->bytesToWrite() > 0)
            m_socket->flush();
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

void ClientConnection::sendPing(qint64 nowMs)
{
    if (m_closing)
        return;
    enqueue(ws::frame(ws::Ping, {}));
    m_pingSentMs = nowMs;
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
    close(quint16(code), reason.toUtf8());
}

void ClientConnection::close(quint16 code, QByteArrayView reason)
{
    if (m_closing)
        return;
    m_closing = true;
    // Behind the queued events; flushed now, so that a close on shutdown leaves before the loop ends.
    enqueue(ws::closeFrame(code, reason));
    flush();
    startLinger();
}

void ClientConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_out.clear();
    m_outBytes = 0;
    m_outOffset = 0;
    m_owner->connectionFinished(this);
}

void ClientConnection::readAvailable()
{
#ifdef PULSO_WS_EPOLL
    // One buffer for every connection of this thread: a connection holds bytes only while a frame is
    // incomplete (in its FrameReader).
    thread_local char buffer[64 * 1024];
    for (int round = 0; round < 4 && !m_finished; ++round) {
        const ssize_t received = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (received > 0) {
            feed(QByteArrayView(buffer, received));
            if (size_t(received) < sizeof buffer)
                return;
            continue;
        }
        if (received < 0 && errno == EINTR)
            continue;
        if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(); // EOF or error
        return;
    }
#endif
}

void ClientConnection::feed(QByteArrayView bytes)
{
    if (m_finished || m_reader.failureCode() != 0 || m_peerClosed)
        return; // after a protocol error or the peer's close, further bytes mean nothing
    m_reader.append(bytes);
    handleFrames();
}

void ClientConnection::handleFrames()
{
    ws::FrameReader::Message message;
    while (!m_finished) {
        switch (m_reader.next(message)) {
        case ws::FrameReader::Result::NeedMore:
            return;
        case ws::FrameReader::Result::Failed:
            close(m_reader.failureCode(), m_reader.failureReason());
            return;
        case ws::FrameReader::Result::Message:
            break;
        }
        switch (message.opcode) {
        case ws::Text:
            if (!m_closing)
                m_owner->textReceived(this, message.payload);
            break;
        case ws::Binary:
            if (!m_closing)
                m_owner->binaryReceived(this);
            break;
        case ws::Ping:
            if (!m_closing)
                enqueue(ws::frame(ws::Pong, message.payload));
            break;
        case ws::Pong:
            m_owner->pongReceived(this);
            break;
        case ws::Close:
            m_peerClosed = true;
            if (!m_closing) {
                // Echo the peer's status code (RFC 6455 5.5.1); then the server closes the connection.
                m_closing = true;
                enqueue(message.payload.size() >= 2 ? ws::frame(ws::Close, message.payload.first(2))
                                                    : ws::frame(ws::Close, {}));
                flush();
                startLinger();
            } else if (m_closeSent) {
                finish();
            }
            return;
        case ws::Continuation:
            break;
        }
    }
}

ClientInfo ClientConnection::info(Channel channel) const
{
    ClientInfo info;
    info.id = m_id;
    info.userId = m_userId;
    info.peerAddress = m_peer;
    info.peerPort = m_peerPort;
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
