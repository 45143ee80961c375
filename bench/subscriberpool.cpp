// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "subscriberpool.h"

#include "waituntil.h"
#include "wsframe.h"

#include <QRandomGenerator>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {
constexpr qsizetype MaxHandshakeBytes = 16 * 1024;
constexpr quint64 MaxMessageBytes = 16 * 1024 * 1024;
constexpr qsizetype ReadSize = 64 * 1024;
constexpr int EventsPerWait = 256;
/// epoll_wait rounds per wake-up before returning to the Qt loop (timers, HTTP) for a turn.
constexpr int RoundsPerWake = 16;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}
} // namespace

SubscriberPool::SubscriberPool(QObject *parent) : QObject(parent)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        noteError(u"epoll_create1: "_s + errnoText(errno));
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SubscriberPool::handleEpoll);
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
    const QByteArray key = raw.toBase64();
    m_expectedAccept = wsframe::acceptFor(key);
    m_keyLine = "Sec-WebSocket-Key: " + key;
    m_scratch.resize(ReadSize);
}

SubscriberPool::~SubscriberPool()
{
    for (const auto &c : m_connections)
        release(c.get(), true);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void SubscriberPool::setTarget(const QHostAddress &address, quint16 port, const QByteArray &resource)
{
    m_address = address;
    m_port = port;
    m_resource = resource;
    QByteArray host = address.toString().toLatin1();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = '[' + host + ']';
    m_request = "GET " + resource + " HTTP/1.1\r\nHost: " + host + ':' + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + m_keyLine
        + "\r\n\r\n";
}

void SubscriberPool::open(int count, int window)
{
    m_window = qMax(1, window);
    m_toStart += qMax(0, count);
    m_connections.reserve(m_connections.size() + std::size_t(qMax(0, count)));
    startMore();
}

void SubscriberPool::startMore()
{
    while (m_toStart > 0 && m_inFlight < m_window) {
        --m_toStart;
        ++m_inFlight;
        startOne();
    }
}

void SubscriberPool::startOne()
{
    auto owned = std::make_unique<Connection>();
    Connection *c = owned.get();
    c->index = int(m_connections.size());
    c->connectStartNs = nowNs();
    m_connections.push_back(std::move(owned));

    sockaddr_storage storage {};
    socklen_t length = 0;
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(m_port);
        const Q_IPV6ADDR ip = m_address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &ip, sizeof ip);
        length = sizeof *in6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(m_port);
        in4->sin_addr.s_addr = htonl(m_address.toIPv4Address());
        length = sizeof *in4;
    }
    c->fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        fail(c, u"socket: "_s + errnoText(errno));
        return;
    }
    if (::connect(c->fd, reinterpret_cast<sockaddr *>(&storage), length) < 0 && errno != EINPROGRESS) {
        fail(c, u"connect: "_s + errnoText(errno));
        return;
    }
    epoll_event event {};
    event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
    event.data.u32 = quint32(c->index);
    c->wantWrite = true;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, c->fd, &event) < 0)
        fail(c, u"epoll_ctl: "_s + errnoText(errno));
}

void SubscriberPool::handleEpoll()
{
    epoll_event events[EventsPerWait];
    for (int round = 0; round < RoundsPerWake; ++round) {
        const int n = ::epoll_wait(m_epoll, events, EventsPerWait, 0);
        for (int i = 0; i < n; ++i) {
            Connection *c = m_connections[events[i].data.u32].get();
            if (c->fd >= 0)
                handleEvent(c, events[i].events);
        }
        if (n < EventsPerWait)
            break;
    }
}

void SubscriberPool::handleEvent(Connection *c, quint32 events)
{
    if (c->state == State::Connecting) {
        int error = 0;
        socklen_t size = sizeof error;
        ::getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &size);
        if (error != 0) {
            fail(c, u"connect: "_s + errnoText(error));
            return;
        }
        if (!(events & EPOLLOUT))
            return;
        c->state = State::Handshaking;
        setWantWrite(c, false);
        send(c, m_request);
        if (c->fd < 0)
            return;
    } else if ((events & EPOLLOUT) && !c->output.isEmpty()) {
        handleWritable(c);
        if (c->fd < 0)
            return;
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))
        handleReadable(c);
}

void SubscriberPool::send(Connection *c, const QByteArray &bytes)
{
    if (!c->output.isEmpty()) {
        c->output.append(bytes);
        return;
    }
    const ssize_t sent = ::send(c->fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && errno != EAGAIN && errno != EINTR) {
        fail(c, u"send: "_s + errnoText(errno));
        return;
    }
    const qsizetype done = qMax<qsizetype>(0, sent);
    if (done < bytes.size()) {
        c->output = bytes.mid(done);
        setWantWrite(c, true);
    }
}

void SubscriberPool::handleWritable(Connection *c)
{
    const ssize_t sent
        = ::send(c->fd, c->output.constData(), size_t(c->output.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
        if (errno != EAGAIN && errno != EINTR)
            fail(c, u"send: "_s + errnoText(errno));
        return;
    }
    c->output.remove(0, sent);
    if (c->output.isEmpty())
        setWantWrite(c, false);
}

void SubscriberPool::setWantWrite(Connection *c, bool on)
{
    if (c->wantWrite == on || c->fd < 0)
        return;
    c->wantWrite = on;
    epoll_event event {};
    event.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0u);
    event.data.u32 = quint32(c->index);
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c->fd, &event);
}

void SubscriberPool::handleReadable(Connection *c)
{
    const ssize_t got = ::read(c->fd, m_scratch.data(), size_t(ReadSize));
    if (got > 0) {
        consume(c, m_scratch.data(), got);
    } else if (got == 0) {
        closed(c);
    } else if (errno != EAGAIN && errno != EINTR) {
        if (c->state == State::Closing)
            closed(c);
        else
            fail(c, u"read: "_s + errnoText(errno));
    }
}

void SubscriberPool::consume(Connection *c, char *data, qsizetype size)
{
    if (c->state == State::Handshaking) {
        c->buffer.append(data, size);
        if (!readHandshake(c) || c->buffer.isEmpty())
            return;
        data = nullptr; // the rest of the response is already in c->buffer
    } else if (c->state != State::Open && c->state != State::Closing) {
        return;
    }
    if (data && c->buffer.isEmpty()) {
        // The common case: whole frames in this read. Parse them in the shared buffer, keep only a tail.
        const qsizetype used = parseFrames(c, data, size);
        if (used < size && c->fd >= 0)
            c->buffer = QByteArray(data + used, size - used);
        return;
    }
    if (data)
        c->buffer.append(data, size);
    const qsizetype used = parseFrames(c, c->buffer.data(), c->buffer.size());
    if (c->fd >= 0)
        c->buffer.remove(0, used);
}

bool SubscriberPool::readHandshake(Connection *c)
{
    const qsizetype end = c->buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (c->buffer.size() > MaxHandshakeBytes)
            fail(c, u"handshake response head too large"_s);
        return false;
    }
    const QByteArray head = c->buffer.left(end);
    if (!head.startsWith("HTTP/1.1 101")) {
        const QByteArray statusLine = head.left(head.indexOf("\r\n"));
        fail(c,
            u"upgrade refused: %1 %2"_s.arg(
                QString::fromLatin1(statusLine), QString::fromUtf8(c->buffer.mid(end + 4, 200))));
        return false;
    }
    const QByteArray lower = head.toLower();
    const qsizetype at = lower.indexOf("\r\nsec-websocket-accept:");
    const qsizetype valueStart = at + 23;
    const QByteArray accept = at < 0
        ? QByteArray()
        : head.mid(valueStart, head.indexOf("\r\n", valueStart) - valueStart).trimmed();
    if (accept != m_expectedAccept) {
        fail(c, u"bad Sec-WebSocket-Accept '%1'"_s.arg(QString::fromLatin1(accept)));
        return false;
    }
    c->buffer.remove(0, end + 4);
    c->state = State::Open;
    ++m_open;
    m_handshakeNs.add(nowNs() - c->connectStartNs);
    finishHandshake(true);
    return true;
}

qsizetype SubscriberPool::parseFrames(Connection *c, char *data, qsizetype size)
{
    qsizetype offset = 0;
    wsframe::Frame frame;
    while (c->fd >= 0) {
        const qsizetype start = offset;
        const wsframe::ParseResult result = wsframe::parseFrame(data, size, offset, frame, MaxMessageBytes);
        if (result == wsframe::ParseResult::Incomplete)
            return start;
        if (result == wsframe::ParseResult::Invalid) {
            ++m_protocolErrors;
            fail(c, u"invalid WebSocket frame from the server"_s);
            return offset;
        }
        switch (frame.opcode) {
        case wsframe::Text:
        case wsframe::Binary:
            if (!frame.fin) {
                c->fragment = frame.payload.toByteArray();
                break;
            }
            ++c->messages;
            if (m_onMessage)
                m_onMessage(c->index, frame.payload);
            break;
        case wsframe::Continuation:
            c->fragment.append(frame.payload);
            if (frame.fin) {
                ++c->messages;
                const QByteArray whole = std::exchange(c->fragment, QByteArray());
                if (m_onMessage)
                    m_onMessage(c->index, whole);
            }
            break;
        case wsframe::Ping:
            ++m_controlFrames;
            send(c, wsframe::encodeClientFrame(wsframe::Pong, frame.payload));
            break;
        case wsframe::Pong:
            ++m_controlFrames;
            break;
        case wsframe::Close:
            ++m_controlFrames;
            if (c->state == State::Open) {
                // The server closed first (shutdown, slow-consumer policy, ...): answer and count it.
                ++m_unexpectedCloses;
                --m_open;
                noteError(u"server closed a subscriber: %1"_s.arg(
                    QString::fromUtf8(frame.payload.sliced(qMin<qsizetype>(2, frame.payload.size())))));
                c->state = State::Closing;
                send(c, wsframe::encodeClose(1000, {}));
            }
            break;
        default:
            ++m_protocolErrors;
            fail(c, u"unknown opcode %1"_s.arg(frame.opcode));
            return offset;
        }
    }
    return offset;
}

void SubscriberPool::closed(Connection *c)
{
    switch (c->state) {
    case State::Connecting:
    case State::Handshaking:
        fail(c, u"connection closed during the handshake"_s);
        return;
    case State::Open:
        ++m_unexpectedCloses;
        --m_open;
        noteError(u"server dropped a subscriber without a close frame"_s);
        break;
    case State::Closing:
    case State::Closed:
    case State::Failed:
        break;
    }
    c->state = State::Closed;
    release(c, false);
}

void SubscriberPool::fail(Connection *c, const QString &reason)
{
    const State was = c->state;
    c->state = State::Failed;
    noteError(reason);
    if (was == State::Connecting || was == State::Handshaking)
        finishHandshake(false);
    else if (was == State::Open)
        --m_open;
    release(c, true);
}

void SubscriberPool::release(Connection *c, bool reset)
{
    if (c->fd < 0)
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
    if (reset) {
        // SO_LINGER 0: the close sends RST, so no client port is left in TIME_WAIT for the next scenario.
        linger option {1, 0};
        ::setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    ::close(c->fd);
    c->fd = -1;
    c->buffer = QByteArray();
    c->fragment = QByteArray();
    c->output = QByteArray();
}

void SubscriberPool::finishHandshake(bool ok)
{
    --m_inFlight;
    if (!ok)
        ++m_failed;
    startMore();
}

void SubscriberPool::noteError(const QString &reason)
{
    if (m_errors.size() < 5 && !m_errors.contains(reason))
        m_errors.append(reason);
}

void SubscriberPool::sendText(int index, const QByteArray &payload)
{
    Connection *c = m_connections[std::size_t(index)].get();
    if (c->state == State::Open && c->fd >= 0)
        send(c, wsframe::encodeClientFrame(wsframe::Text, payload));
}

void SubscriberPool::closeAll(int timeoutMs)
{
    m_toStart = 0;
    const QByteArray close = wsframe::encodeClose(1000, "bench done");
    for (const auto &c : m_connections) {
        if (c->state == State::Open) {
            c->state = State::Closing;
            --m_open;
            send(c.get(), close);
        }
    }
    waitUntil(
        [this] {
            for (const auto &c : m_connections) {
                if (c->state == State::Closing && c->fd >= 0)
                    return false;
            }
            return true;
        },
        timeoutMs);
    for (const auto &c : m_connections)
        release(c.get(), true);
    m_connections.clear();
    m_inFlight = 0;
    m_open = 0;
}

} // namespace pulso::bench
