// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "subscriberpool.h"

#include "metrics.h"
#include "waituntil.h"
#include "wsframe.h"

#include <QRandomGenerator>
#include <QTcpSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {
constexpr qsizetype MaxHandshakeBytes = 16 * 1024;
constexpr quint64 MaxMessageBytes = 16 * 1024 * 1024;

void abortWithoutTimeWait(QTcpSocket *socket)
{
    // SO_LINGER 0: the close sends RST, so no client port is left in TIME_WAIT for the next scenario.
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        linger option {1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    socket->abort();
}
} // namespace

SubscriberPool::SubscriberPool(QObject *parent) : QObject(parent)
{
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
    m_key = raw.toBase64();
    m_expectedAccept = wsframe::acceptFor(m_key);
}

SubscriberPool::~SubscriberPool()
{
    for (const auto &c : m_connections) {
        if (c->socket) {
            c->socket->disconnect(this);
            abortWithoutTimeWait(c->socket);
        }
    }
}

void SubscriberPool::setTarget(const QHostAddress &address, quint16 port, const QByteArray &resource)
{
    m_address = address;
    m_port = port;
    m_resource = resource;
}

void SubscriberPool::open(int count, int window)
{
    m_window = qMax(1, window);
    m_toStart += qMax(0, count);
    m_connections.reserve(m_connections.size() + std::size_t(count));
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
    c->socket = new QTcpSocket(this);
    m_connections.push_back(std::move(owned));
    connect(c->socket, &QAbstractSocket::connected, this, [this, c] { handleConnected(c); });
    connect(c->socket, &QIODevice::readyRead, this, [this, c] { handleReadyRead(c); });
    connect(c->socket, &QAbstractSocket::disconnected, this, [this, c] { handleDisconnected(c); });
    connect(c->socket, &QAbstractSocket::errorOccurred, this, [this, c] { handleError(c); });
    c->connectStartNs = nowNs();
    c->socket->connectToHost(m_address, m_port);
}

void SubscriberPool::handleConnected(Connection *c)
{
    c->state = State::Handshaking;
    QByteArray request;
    request.reserve(256);
    request += "GET " + m_resource + " HTTP/1.1\r\nHost: " + m_address.toString().toLatin1() + ':'
        + QByteArray::number(m_port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + m_key + "\r\n\r\n";
    c->socket->write(request);
}

void SubscriberPool::handleReadyRead(Connection *c)
{
    const qint64 available = c->socket->bytesAvailable();
    if (available <= 0)
        return;
    const qsizetype old = c->buffer.size();
    c->buffer.resize(old + available);
    const qint64 got = c->socket->read(c->buffer.data() + old, available);
    c->buffer.resize(old + qMax<qint64>(got, 0));
    if (c->state == State::Handshaking && !readHandshake(c))
        return;
    if (c->state == State::Open || c->state == State::Closing)
        readFrames(c);
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

void SubscriberPool::readFrames(Connection *c)
{
    qsizetype offset = 0;
    wsframe::Frame frame;
    while (true) {
        const wsframe::ParseResult result = wsframe::parseFrame(c->buffer, offset, frame, MaxMessageBytes);
        if (result == wsframe::ParseResult::Incomplete)
            break;
        if (result == wsframe::ParseResult::Invalid) {
            ++m_protocolErrors;
            fail(c, u"invalid WebSocket frame from the server"_s);
            return;
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
            c->socket->write(wsframe::encodeClientFrame(wsframe::Pong, frame.payload));
            break;
        case wsframe::Pong:
            ++m_controlFrames;
            break;
        case wsframe::Close:
            ++m_controlFrames;
            if (c->state == State::Open) {
                // The server closed first (shutdown, slow-consumer policy, ...): answer and count it.
                ++m_unexpectedCloses;
                noteError(u"server closed a subscriber: %1"_s.arg(
                    QString::fromUtf8(frame.payload.sliced(qMin<qsizetype>(2, frame.payload.size())))));
                c->socket->write(wsframe::encodeClose(1000, {}));
                c->state = State::Closing;
                --m_open;
            }
            break;
        default:
            ++m_protocolErrors;
            fail(c, u"unknown opcode %1"_s.arg(frame.opcode));
            return;
        }
    }
    if (offset >= c->buffer.size())
        c->buffer.resize(0); // keeps the capacity: the next read does not allocate
    else
        c->buffer.remove(0, offset);
}

void SubscriberPool::handleDisconnected(Connection *c)
{
    switch (c->state) {
    case State::Connecting:
    case State::Handshaking:
        fail(c, u"connection closed during the handshake"_s);
        break;
    case State::Open:
        ++m_unexpectedCloses;
        --m_open;
        noteError(u"server dropped a subscriber without a close frame"_s);
        c->state = State::Closed;
        break;
    case State::Closing:
        c->state = State::Closed;
        break;
    case State::Closed:
    case State::Failed:
        break;
    }
}

void SubscriberPool::handleError(Connection *c)
{
    if (c->state == State::Connecting || c->state == State::Handshaking)
        fail(c, c->socket->errorString());
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
    c->socket->disconnect(this);
    abortWithoutTimeWait(c->socket);
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

void SubscriberPool::closeAll(int timeoutMs)
{
    m_toStart = 0;
    const QByteArray close = wsframe::encodeClose(1000, "bench done");
    for (const auto &c : m_connections) {
        if (c->state == State::Open) {
            c->state = State::Closing;
            --m_open;
            c->socket->write(close);
        }
    }
    waitUntil(
        [this] {
            for (const auto &c : m_connections) {
                if (c->state == State::Closing)
                    return false;
            }
            return true;
        },
        timeoutMs);
    for (const auto &c : m_connections) {
        c->socket->disconnect(this);
        if (c->socket->state() != QAbstractSocket::UnconnectedState)
            abortWithoutTimeWait(c->socket);
        c->socket->deleteLater();
    }
    m_connections.clear();
    m_inFlight = 0;
    m_open = 0;
}

} // namespace pulso::bench
