// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stalledclient.h"

#include "wsframe.h"

#include <QRandomGenerator>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {
/// The smallest receive buffer Linux grants (it doubles and rounds the request): the client's window closes
/// after a few kilobytes, so the backlog builds up on the server's side, where issue 6 wants it bounded.
constexpr int ReceiveBufferBytes = 2048;

bool waitFor(int fd, short events, int timeoutMs)
{
    pollfd p {fd, events, 0};
    return ::poll(&p, 1, timeoutMs) > 0;
}
} // namespace

StalledClient::~StalledClient()
{
    if (m_fd >= 0) {
        linger option {1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
        ::close(m_fd);
    }
}

bool StalledClient::open(
    const QHostAddress &address, quint16 port, const QByteArray &resource, QString *error)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        *error = u"socket: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    // Before connect, so the window the client announces is small from the start.
    const int size = ReceiveBufferBytes;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_in in4 {};
    in4.sin_family = AF_INET;
    in4.sin_port = htons(port);
    in4.sin_addr.s_addr = htonl(address.toIPv4Address());
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&in4), sizeof in4) < 0) {
        *error = u"connect: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    QByteArray raw(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 4);
    const QByteArray key = raw.toBase64();
    const QByteArray request = "GET " + resource + " HTTP/1.1\r\nHost: " + address.toString().toLatin1() + ':'
        + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + key + "\r\n\r\n";
    if (::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size()) {
        *error = u"send: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    // Read the response head byte by byte, so not one byte of the first events is consumed with it.
    QByteArray head;
    while (!head.endsWith("\r\n\r\n")) {
        if (!waitFor(m_fd, POLLIN, 10000) || head.size() > 16384) {
            *error = u"no handshake response"_s;
            return false;
        }
        char c = 0;
        if (::recv(m_fd, &c, 1, 0) != 1) {
            *error = u"connection closed during the handshake"_s;
            return false;
        }
        head.append(c);
    }
    if (!head.startsWith("HTTP/1.1 101") || !head.contains(wsframe::acceptFor(key))) {
        *error = u"upgrade refused: "_s + QString::fromLatin1(head.left(head.indexOf("\r\n")));
        return false;
    }
    return true;
}

StalledClient::Outcome StalledClient::drain(int timeoutMs)
{
    Outcome outcome;
    if (m_fd < 0)
        return outcome;
    QByteArray data;
    char buffer[65536];
    while (waitFor(m_fd, POLLIN, timeoutMs)) {
        const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got <= 0) {
            outcome.closedByServer = true; // EOF or reset
            break;
        }
        outcome.bytesRead += got;
        data.append(buffer, got);
    }
    // Walk the frames: the last one is a close frame when the server closed it properly.
    qsizetype offset = 0;
    wsframe::Frame frame;
    while (wsframe::parseFrame(data.data(), data.size(), offset, frame, quint64(1) << 30)
        == wsframe::ParseResult::Frame) {
        if (frame.opcode == wsframe::Close) {
            outcome.closedByServer = true;
            if (frame.payload.size() >= 2) {
                outcome.closeCode = (quint8(frame.payload[0]) << 8) | quint8(frame.payload[1]);
                outcome.closeReason = QString::fromUtf8(frame.payload.sliced(2));
            }
        }
    }
    return outcome;
}

} // namespace pulso::bench
