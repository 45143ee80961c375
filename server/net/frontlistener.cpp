// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/frontlistener.h"

#include "net/authpolicy.h"
#include "net/httpapi.h"
#include "net/websockethub.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFront, "pulso.front")

namespace pulso {

namespace {
/// How long a connection over a limit may take to send its head before it gets its refusal anyway.
constexpr int RefusalHeadWaitMs = 2000;
/// TLS handshakes that may be in progress at once (QSslServer counts them as pending connections).
constexpr int MaxTlsHandshakes = 256;
} // namespace

FrontListener::FrontListener(HttpApi &http, WebSocketHub &hub, QObject *parent)
    : QObject(parent), m_http(http), m_hub(hub), m_sweep(new QTimer(this))
{
    m_clock.start();
    createServer();
    m_sweep->setInterval(250);
    connect(m_sweep, &QTimer::timeout, this, &FrontListener::sweepTimeouts);
    setLimits(m_limits);
}

FrontListener::~FrontListener() = default;

void FrontListener::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_handshakes.setRate(limits.handshakesPerSecond, limits.handshakeBurst);
}

void FrontListener::createServer()
{
    if (m_server)
        m_server->deleteLater();
    m_server = m_tls ? new QSslServer(this) : new QTcpServer(this);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FrontListener::handleNewConnection);
}

void FrontListener::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = true;
    createServer();
    auto *server = static_cast<QSslServer *>(m_server);
    server->setSslConfiguration(configuration);
    server->setHandshakeTimeout(m_limits.headTimeoutMs);
    server->setMaxPendingConnections(MaxTlsHandshakes);
    // A failed handshake is the client's business (a plain-HTTP request to the TLS port, an untrusted
    // certificate), unless they all fail: then the key probably does not match the certificate.
    connect(
        server, &QSslServer::errorOccurred, this, [](QSslSocket *socket, QAbstractSocket::SocketError error) {
            qCDebug(lcFront) << "TLS connection from" << socket->peerAddress() << "failed:" << error
                             << socket->errorString();
        });
    connect(server, &QSslServer::handshakeInterruptedOnError, this,
        [](QSslSocket *socket, const QSslError &error) {
            qCDebug(lcFront) << "TLS handshake with" << socket->peerAddress()
                             << "interrupted:" << error.errorString();
        });
}

bool FrontListener::listen(const QHostAddress &address, quint16 port)
{
    m_server->setListenBacklogSize(m_limits.listenBacklog);
    if (!m_server->listen(address, port))
        return false;
    m_sweep->start();
    qCInfo(lcFront) << "listening on" << m_server->serverAddress() << m_server->serverPort()
                    << (m_tls ? "(TLS)" : "");
    return true;
}

void FrontListener::close()
{
    m_server->close();
    m_sweep->stop();
    const QList<QTcpSocket *> pending = m_pending.keys();
    m_pending.clear();
    for (QTcpSocket *socket : pending) {
        socket->abort();
        socket->deleteLater();
    }
}

bool FrontListener::isListening() const
{
    return m_server->isListening();
}

quint16 FrontListener::port() const
{
    return m_server->serverPort();
}

QHostAddress FrontListener::address() const
{
    return m_server->serverAddress();
}

QString FrontListener::errorString() const
{
    return m_server->errorString();
}

bool FrontListener::isExempt(const QHostAddress &peer) const
{
    return m_policy && m_policy->isLoopback(peer);
}

std::optional<HttpResponse> FrontListener::admit(const QHostAddress &peer) const
{
    if (m_limits.maxConnections > 0 && m_connections >= m_limits.maxConnections) {
        HttpResponse response = refusalResponse(
            Error::make(ErrorKind::Unavailable, u"server_busy"_s,
                u"The server has its maximum of %1 open connections; retry in a few seconds."_s.arg(
                    m_limits.maxConnections)),
            5);
        return response;
    }
    if (m_limits.maxConnectionsPerAddress > 0 && !isExempt(peer)
        && m_perAddress.value(addressKey(peer)) >= m_limits.maxConnectionsPerAddress) {
        return refusalResponse(
            Error::make(ErrorKind::TooManyRequests, u"too_many_connections"_s,
                u"Your address already has %1 open connections, the most allowed; close some or retry "
                "after 5 s."_s.arg(m_limits.maxConnectionsPerAddress)),
            5);
    }
    return std::nullopt;
}

namespace {

/// A child of a counted socket: it goes when the socket goes, whoever deletes it and whatever signal
/// connections others cut on the way. A WebSocket upgrade takes the release with it (the hub keeps the
/// connection after the QTcpSocket is gone).
class ConnectionSlot final : public QObject
{
public:
    ConnectionSlot(QTcpSocket *socket, std::function<void()> release)
        : QObject(socket), m_release(std::move(release))
    { }
    ~ConnectionSlot() override
    {
        if (m_release)
            m_release();
    }
    std::function<void()> take() { return std::exchange(m_release, nullptr); }
    Q_DISABLE_COPY_MOVE(ConnectionSlot)

private:
    std::function<void()> m_release;
};

} // namespace

void FrontListener::track(QTcpSocket *socket)
{
    const QString key = addressKey(socket->peerAddress());
    ++m_connections;
    ++m_perAddress[key];
    new ConnectionSlot(socket, [self = QPointer<FrontListener>(this), key] {
        if (!self)
            return;
        --self->m_connections;
        auto it = self->m_perAddress.find(key);
        if (it != self->m_perAddress.end() && --*it <= 0)
            self->m_perAddress.erase(it);
    });
}

void FrontListener::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        Pending pending;
        pending.refusal = admit(socket->peerAddress());
        if (pending.refusal) {
            qCInfo(lcFront) << "connection from" << socket->peerAddress() << "over the limits";
            pending.deadline = m_clock.elapsed() + qMin(m_limits.headTimeoutMs, RefusalHeadWaitMs);
        } else {
            track(socket);
            pending.deadline = m_clock.elapsed() + m_limits.headTimeoutMs;
        }
        m_pending.insert(socket, pending);
        // Lambdas that capture their socket rather than slots that ask QObject::sender(), whose cost grows
        // with the number of connections to this object. detach() cuts both (same sender and receiver).
        connect(socket, &QIODevice::readyRead, this, [this, socket] { inspect(socket); });
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { handleDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            inspect(socket);
    }
}

void FrontListener::handleDisconnected(QTcpSocket *socket)
{
    if (m_pending.remove(socket))
        socket->deleteLater();
}

void FrontListener::sweepTimeouts()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadline <= now)
            expired.append(it.key());
    }
    for (QTcpSocket *socket : expired) {
        if (std::optional<HttpResponse> refusal = m_pending.value(socket).refusal) {
            refuse(socket, *refusal);
            continue;
        }
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"request_timeout"_s,
            u"The request head did not arrive within %1 ms."_s.arg(m_limits.headTimeoutMs));
        response.status = 408;
        refuse(socket, response);
    }
}

void FrontListener::inspect(QTcpSocket *socket)
{
    const auto pending = m_pending.constFind(socket);
    if (pending == m_pending.cend())
        return;
    // peek: the bytes stay in the socket's buffer for whoever serves the connection (with TLS, the
    // QSslSocket's buffer of decrypted bytes).
    const QByteArray buffer = socket->peek(m_limits.maxHeadSize);
    HttpHead head;
    const HttpHead::Parse parsed = HttpHead::parse(buffer, m_limits.maxHeadSize, head);
    if (parsed == HttpHead::Parse::Incomplete)
        return;
    if (pending->refusal) {
        const HttpResponse refusal = *pending->refusal; // refuse() removes the entry it lives in
        refuse(socket, refusal);
        return;
    }
    switch (parsed) {
    case HttpHead::Parse::Incomplete:
        return;
    case HttpHead::Parse::TooLarge: {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"header_too_large"_s,
            u"The request head exceeds %1 bytes."_s.arg(m_limits.maxHeadSize));
        response.status = 431;
        refuse(socket, response);
        return;
    }
    case HttpHead::Parse::Invalid:
        refuse(socket,
            HttpResponse::error(ErrorKind::BadRequest, u"bad_request"_s,
                u"Malformed HTTP request: %1."_s.arg(head.invalidReason)));
        return;
    case HttpHead::Parse::Complete:
        break;
    }

    if (head.isWebSocketUpgrade()) {
        inspectUpgrade(socket, head);
        return;
    }
    if (std::optional<HttpResponse> refusal = checkPlainHead(head)) {
        // A page from an allowed origin must be able to read why (413 and 411 come from here).
        m_http.addCorsHeaders(head.header("origin"), *refusal);
        refuse(socket, *refusal);
        return;
    }
    detach(socket);
    if (head.header("expect").toLower() == "100-continue")
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    socket->setParent(&m_http);
    m_http.takeConnection(socket);
}

void FrontListener::inspectUpgrade(QTcpSocket *socket, const HttpHead &head)
{
    const QHostAddress peer = socket->peerAddress();
    if (!isExempt(peer)) {
        if (const int retry = m_handshakes.acquire(addressKey(peer)); retry > 0) {
            refuse(socket,
                refusalResponse(tooManyRequests(u"WebSocket handshakes from your address"_s, retry), retry));
            return;
        }
    }
    Result<Access> access = m_hub.checkUpgrade(head, peer);
    if (!access) {
        refuse(socket, refusalResponse(access.error()));
        return;
    }
    if (std::optional<HttpResponse> refusal = m_hub.checkHandshake(head)) {
        refuse(socket, *refusal);
        return;
    }
    attachTokenId(socket, access->tokenId);
    detach(socket);
    std::function<void()> release;
    for (QObject *child : socket->children()) {
        if (auto *slot = dynamic_cast<ConnectionSlot *>(child))
            release = slot->take();
    }
    m_hub.takeUpgrade(socket, head, std::move(release));
}

std::optional<HttpResponse> FrontListener::checkPlainHead(const HttpHead &head) const
{
    // Bodies must declare their length, so that oversized ones are refused before a byte is read (a
    // chunked body's size is known only at its end). Both headers at once is a request-smuggling pattern.
    if (head.hasHeader("transfer-encoding")) {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"length_required"_s,
            u"Transfer-Encoding is not accepted; send the body with a Content-Length header."_s);
        response.status = 411;
        return response;
    }
    QByteArray contentLength;
    for (const auto &[name, value] : head.headers) {
        if (name != "content-length")
            continue;
        if (!contentLength.isNull() && value != contentLength) {
            return HttpResponse::error(
                ErrorKind::BadRequest, u"bad_request"_s, u"Conflicting Content-Length headers."_s);
        }
        contentLength = value;
    }
    if (contentLength.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 length = contentLength.toLongLong(&ok);
    if (!ok || length < 0 || contentLength.startsWith('+')) {
        return HttpResponse::error(
            ErrorKind::BadRequest, u"bad_request"_s, u"Invalid Content-Length header."_s);
    }
    const qint64 limit = m_http.maxBodySizeFor(head.path);
    if (length > limit) {
        return HttpResponse::error(ErrorKind::PayloadTooLarge, u"payload_too_large"_s,
            u"The request body is %1 bytes; the limit for %2 is %3 bytes."_s.arg(length)
                .arg(head.path.left(200))
                .arg(limit));
    }
    return std::nullopt;
}

void FrontListener::refuse(QTcpSocket *socket, const HttpResponse &response)
{
    qCDebug(lcFront) << "refusing" << socket->peerAddress() << response.status;
    detach(socket);
    socket->write(serializeClosingResponse(response));
    socket->disconnectFromHost();
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

void FrontListener::detach(QTcpSocket *socket)
{
    m_pending.remove(socket);
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    disconnect(socket, &QAbstractSocket::disconnected, this, nullptr);
}

} // namespace pulso
