// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/websockethub.h"

#include "core/jsonutil.h"
#include "net/clientmessage.h"
#include "net/httphead.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWs, "pulso.ws")

namespace pulso {

namespace {

QString normalizedPath(const QString &path)
{
    return path.size() > 1 && path.endsWith(u'/') ? path.chopped(1) : path;
}

QByteArray pongFrame()
{
    QByteArray out = "{\"type\":\"pong\",\"timestamp\":";
    json::appendString(out, json::timestamp(QDateTime::currentDateTimeUtc()));
    out += '}';
    return out;
}

} // namespace

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Length is not secret; the content comparison takes the same time wherever the first difference is.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

WebSocketHub::WebSocketHub(QObject *parent)
    : QObject(parent), m_server(new QWebSocketServer(u"Pulso"_s, QWebSocketServer::NonSecureMode, this))
{
    qRegisterMetaType<pulso::ClientInfo>();
    connect(m_server, &QWebSocketServer::newConnection, this, &WebSocketHub::handleNewConnections);
}

WebSocketHub::~WebSocketHub()
{
    // Sockets die with their ClientConnection children; stop signals reaching a half-destroyed hub.
    for (ClientConnection *client : std::as_const(m_clients))
        client->socket()->disconnect(this);
}

std::optional<Error> WebSocketHub::checkUpgrade(const HttpHead &head) const
{
    const QString path = normalizedPath(head.path);
    const bool secure = path == SecurePath;
    if (path != Path && !secure) {
        return Error::make(ErrorKind::NotFound, u"not_found"_s,
            u"No WebSocket endpoint at %1; use %2 or %3."_s.arg(
                head.path, Path.toString(), SecurePath.toString()));
    }
    const QString channel = head.query.queryItemValue(u"channel"_s, QUrl::FullyDecoded);
    if (head.query.hasQueryItem(u"channel"_s) && !channelFromName(channel)) {
        return Error::make(ErrorKind::BadRequest, u"unknown_channel"_s,
            u"Unknown channel \"%1\"; valid channels: %2."_s.arg(channel.left(64), channelNameList()));
    }
    if (secure) {
        QByteArray token = head.bearerToken();
        if (token.isEmpty())
            token = head.query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8();
        if (m_options.secureToken.isEmpty()) {
            return Error::make(ErrorKind::Unauthorized, u"secure_disabled"_s,
                u"The secure endpoint needs a server token; start Pulso with --token or "
                "PULSO_TOKEN."_s);
        }
        if (token.isEmpty()) {
            return Error::make(ErrorKind::Unauthorized, u"missing_token"_s,
                u"A token is required: pass ?token=... or an Authorization: Bearer header."_s);
        }
        if (!constantTimeEquals(token, m_options.secureToken))
            return Error::make(ErrorKind::Unauthorized, u"invalid_token"_s, u"The token is not valid."_s);
    }
    return std::nullopt;
}

void WebSocketHub::takeUpgrade(QTcpSocket *socket)
{
    socket->setParent(nullptr);
    m_server->handleConnection(socket);
    // The handshake bytes are already buffered; make the WebSocket server read them.
    QMetaObject::invokeMethod(
        socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void WebSocketHub::handleNewConnections()
{
    // Drain here: QWebSocketServer keeps at most 30 pending connections.
    while (QWebSocket *socket = m_server->nextPendingConnection())
        addClient(socket);
}

void WebSocketHub::addClient(QWebSocket *socket)
{
    const QUrl url = socket->requestUrl();
    const QUrlQuery query(url);
    const bool secure = normalizedPath(url.path()) == SecurePath;
    const Channel channel
        = channelFromName(query.queryItemValue(u"channel"_s, QUrl::FullyDecoded)).value_or(Channel::General);
    QString userId = query.queryItemValue(u"user_id"_s, QUrl::FullyDecoded);

    socket->setMaxAllowedIncomingMessageSize(m_options.maxIncomingMessageSize);
    auto *client = new ClientConnection(m_nextId++, socket, channel, std::move(userId), secure, this);
    m_clients.insert(socket, client);
    m_subscribers[static_cast<std::size_t>(channel)].append(client);

    connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketHub::handleTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &WebSocketHub::handleBinaryMessage);
    connect(socket, &QWebSocket::disconnected, this, &WebSocketHub::handleDisconnected);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), socket,
        [socket](QAbstractSocket::SocketError error) {
            qCDebug(lcWs) << "socket error" << error << socket->errorString();
        });
    qCInfo(lcWs).noquote() << "client" << client->id() << "connected to" << channelName(channel) << "from"
                           << socket->peerAddress().toString() << "user_id" << client->userId();
    Q_EMIT clientConnected(client->info());
}

ClientConnection *WebSocketHub::clientFor(QObject *socket) const
{
    return m_clients.value(static_cast<QWebSocket *>(socket), nullptr);
}

void WebSocketHub::handleTextMessage(const QString &message)
{
    ClientConnection *client = clientFor(sender());
    if (!client)
        return;
    Result<ClientMessage> parsed = ClientMessage::parse(message);
    if (!parsed) {
        client->sendText(QString::fromUtf8(errorFrame(parsed.error())));
        return;
    }
    switch (parsed->action) {
    case ClientMessage::Action::Ping:
        client->sendText(QString::fromUtf8(pongFrame()));
        break;
    }
}

void WebSocketHub::handleBinaryMessage(const QByteArray &)
{
    if (ClientConnection *client = clientFor(sender())) {
        client->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
            u"Binary frames are not supported; send JSON text frames."_s);
    }
}

void WebSocketHub::handleDisconnected()
{
    if (ClientConnection *client = clientFor(sender()))
        removeClient(client);
}

void WebSocketHub::removeClient(ClientConnection *client)
{
    m_clients.remove(client->socket());
    m_subscribers[static_cast<std::size_t>(client->channel())].removeOne(client);
    client->socket()->disconnect(this);
    qCInfo(lcWs) << "client" << client->id() << "disconnected";
    Q_EMIT clientDisconnected(client->id());
    // Deferred: we may be inside one of the socket's own signals.
    client->deleteLater();
}

void WebSocketHub::publish(const pulso::Event &event)
{
    const auto deliverTo = [this, &event](const QList<ClientConnection *> &subscribers) {
        for (ClientConnection *client : subscribers) {
            if (client->deliver(event))
                ++m_deliveries;
        }
    };
    deliverTo(m_subscribers[static_cast<std::size_t>(event.channel())]);
    if (event.channel() != Channel::General)
        deliverTo(m_subscribers[static_cast<std::size_t>(Channel::General)]);
}

void WebSocketHub::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    const QList<ClientConnection *> clients = m_clients.values();
    for (ClientConnection *client : clients)
        client->close(code, reason);
}

bool WebSocketHub::disconnectClient(quint64 id, const QString &reason)
{
    for (ClientConnection *client : std::as_const(m_clients)) {
        if (client->id() == id) {
            client->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
            return true;
        }
    }
    return false;
}

int WebSocketHub::connectionCount(Channel channel) const
{
    return int(m_subscribers[static_cast<std::size_t>(channel)].size());
}

QList<ClientInfo> WebSocketHub::clients() const
{
    QList<ClientInfo> out;
    out.reserve(m_clients.size());
    for (const auto &subscribers : m_subscribers) {
        for (ClientConnection *client : subscribers)
            out.append(client->info());
    }
    return out;
}

QJsonObject WebSocketHub::channelStats(Channel channel) const
{
    const auto &subscribers = m_subscribers[static_cast<std::size_t>(channel)];
    QJsonArray users;
    QStringList seen;
    for (ClientConnection *client : subscribers) {
        if (!client->userId().isEmpty() && !seen.contains(client->userId())) {
            seen << client->userId();
            users.append(client->userId());
        }
    }
    return QJsonObject {{u"channel"_s, channelName(channel)}, {u"connections"_s, int(subscribers.size())},
        {u"users"_s, users}};
}

QJsonObject WebSocketHub::stats() const
{
    QJsonObject channels;
    for (Channel channel : AllChannels) {
        if (connectionCount(channel) == 0)
            continue;
        QJsonObject entry = channelStats(channel);
        entry.remove(u"channel"_s);
        channels.insert(channelName(channel), entry);
    }
    return QJsonObject {{u"total_channels"_s, channels.size()}, {u"total_connections"_s, connectionCount()},
        {u"channels"_s, channels}};
}

} // namespace pulso
