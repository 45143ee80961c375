// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include "metrics.h"
#include "waituntil.h"

#include <QTcpSocket>

#include <optional>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

/// The value of a header in a response head, matched case-insensitively; nullopt when absent.
std::optional<QByteArrayView> headerValue(QByteArrayView head, QByteArrayView name)
{
    qsizetype at = head.indexOf("\r\n");
    while (at >= 0) {
        at += 2;
        const qsizetype next = head.indexOf("\r\n", at);
        const QByteArrayView line = next < 0 ? head.sliced(at) : head.sliced(at, next - at);
        at = next;
        if (line.size() > name.size() && line[name.size()] == ':'
            && equalsIgnoringCase(line.first(name.size()), name))
            return line.sliced(name.size() + 1).trimmed();
    }
    return std::nullopt;
}

enum class BodyState { Complete, Incomplete, Invalid };

/// Decodes a chunked body starting at `from`; on success sets `end` past the last chunk.
BodyState dechunk(QByteArrayView data, qsizetype from, QByteArray &body, qsizetype &end)
{
    qsizetype at = from;
    body.clear();
    while (true) {
        const qsizetype lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0)
            return BodyState::Incomplete;
        bool ok = false;
        QByteArrayView sizeField = data.sliced(at, lineEnd - at);
        if (const qsizetype semicolon = sizeField.indexOf(';'); semicolon >= 0)
            sizeField = sizeField.first(semicolon);
        const qsizetype size = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok)
            return BodyState::Invalid;
        at = lineEnd + 2;
        if (size == 0) {
            const qsizetype trailerEnd = data.indexOf("\r\n", at);
            if (trailerEnd < 0)
                return BodyState::Incomplete;
            end = trailerEnd + 2;
            return BodyState::Complete;
        }
        if (data.size() < at + size + 2)
            return BodyState::Incomplete;
        body.append(data.sliced(at, size));
        at += size + 2;
    }
}

} // namespace

HttpConnection::HttpConnection(const QHostAddress &address, quint16 port, QObject *parent)
    : QObject(parent)
    , m_address(address)
    , m_port(port)
    , m_hostHeader(address.toString().toLatin1() + ':' + QByteArray::number(port))
{ }

HttpConnection::~HttpConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

QByteArray HttpConnection::request(QByteArrayView method, QByteArrayView target, const QByteArray &body) const
{
    QByteArray out;
    out.reserve(160 + target.size() + body.size());
    out.append(method);
    out.append(' ');
    out.append(target);
    out.append(" HTTP/1.1\r\nHost: ");
    out.append(m_hostHeader);
    if (!body.isEmpty())
        out.append("\r\nContent-Type: application/json");
    out.append("\r\nContent-Length: ");
    out.append(QByteArray::number(body.size()));
    out.append("\r\n\r\n");
    out.append(body);
    return out;
}

void HttpConnection::send(
    QByteArrayView method, QByteArrayView target, const QByteArray &body, Callback callback)
{
    sendRaw(request(method, target, body), std::move(callback));
}

void HttpConnection::sendRaw(const QByteArray &request, Callback callback)
{
    Q_ASSERT(!m_callback);
    m_callback = std::move(callback);
    ensureConnected();
    m_sentNs = nowNs();
    // Written while still connecting is fine: QAbstractSocket sends it once connected.
    m_socket->write(request);
}

void HttpConnection::ensureConnected()
{
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_buffer.clear();
    m_socket = new QTcpSocket(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::handleReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::handleDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError && m_callback)
            complete(Response {0, {}, nowNs() - m_sentNs, m_socket->errorString()});
    });
    m_socket->connectToHost(m_address, m_port);
    ++m_connects;
}

void HttpConnection::handleReadyRead()
{
    m_buffer.append(m_socket->readAll());
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QByteArrayView head = QByteArrayView(m_buffer).first(headEnd + 2);
    Response response;
    if (!head.startsWith("HTTP/1.") || head.size() < 12) {
        response.error = u"malformed response"_s;
        failWith(std::move(response));
        return;
    }
    response.status = head.sliced(9, 3).toInt();
    const qsizetype bodyStart = headEnd + 4;
    qsizetype end = bodyStart;
    const auto chunked = headerValue(head, "transfer-encoding");
    if (chunked && chunked->contains("chunked")) {
        switch (dechunk(m_buffer, bodyStart, response.body, end)) {
        case BodyState::Incomplete:
            return;
        case BodyState::Invalid:
            response.status = 0;
            response.error = u"malformed chunked body"_s;
            failWith(std::move(response));
            return;
        case BodyState::Complete:
            break;
        }
    } else {
        const qsizetype length = headerValue(head, "content-length").value_or("0").toLongLong();
        if (m_buffer.size() < bodyStart + length)
            return;
        response.body = m_buffer.mid(bodyStart, length);
        end = bodyStart + length;
    }
    const auto connection = headerValue(head, "connection");
    const bool closing = connection && equalsIgnoringCase(*connection, "close");
    m_buffer.remove(0, end);
    response.latencyNs = nowNs() - m_sentNs;
    if (closing)
        m_socket->disconnectFromHost();
    complete(std::move(response));
}

void HttpConnection::handleDisconnected()
{
    if (m_callback)
        complete(Response {0, {}, nowNs() - m_sentNs, u"connection closed before the response"_s});
}

void HttpConnection::abort()
{
    m_callback = Callback();
    if (m_socket)
        m_socket->abort();
    m_buffer.clear();
}

void HttpConnection::failWith(Response response)
{
    Callback callback = std::exchange(m_callback, Callback());
    m_socket->abort();
    m_buffer.clear();
    if (callback)
        callback(response);
}

void HttpConnection::complete(Response response)
{
    // The callback may send the next request on this connection: clear ours first.
    Callback callback = std::exchange(m_callback, Callback());
    if (callback)
        callback(response);
}

HttpConnection::Response blockingRequest(HttpConnection &connection, QByteArrayView method,
    QByteArrayView target, const QByteArray &body, int timeoutMs)
{
    std::optional<HttpConnection::Response> result;
    connection.send(method, target, body, [&result](const HttpConnection::Response &r) { result = r; });
    if (!waitUntil([&result] { return result.has_value(); }, timeoutMs)) {
        connection.abort(); // drops the callback that refers to `result`
        return HttpConnection::Response {0, {}, 0, u"no response within %1 ms"_s.arg(timeoutMs)};
    }
    return *result;
}

} // namespace pulso::bench
