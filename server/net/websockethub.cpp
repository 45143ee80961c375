// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/websockethub.h"

#include "core/jsonutil.h"
#include "net/clientmessage.h"
#include "net/httphead.h"
#include "net/wsframe.h"
#include "net/wshandshake.h"
#include "services/eventhistoryservice.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cerrno>
#ifdef PULSO_WS_EPOLL
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

// Debug off unless asked for (QT_LOGGING_RULES="pulso.ws.debug=true"): Qt enables every category's debug
// output by default, and the per-connect and per-disconnect lines cost a formatted write(2) each.
Q_LOGGING_CATEGORY(lcWs, "pulso.ws", QtInfoMsg)

namespace pulso {

namespace {

constexpr int ReplayPage = 500;
constexpr qint64 ReplayWatermark = 256 * 1024;
/// After a close (ours or the echo of the peer's): how long the close frame has to leave and the peer to
/// answer with its close frame or EOF before the descriptor is closed anyway.
constexpr qint64 LingerMs = 1500;

/// Appends `client` to `list`, remembering where (`indexOf(client)` is its slot for this list).
template<typename IndexOf>
void appendIndexed(QList<ClientConnection *> &list, ClientConnection *client, IndexOf indexOf)
{
    indexOf(client) = list.size();
    list.append(client);
}

/// O(1) removal: the last entry takes the removed one's place. Returns false when `client` was not in it.
template<typename IndexOf>
bool removeIndexed(QList<ClientConnection *> &list, ClientConnection *client, IndexOf indexOf)
{
    qsizetype &index = indexOf(client);
    if (index < 0)
        return false;
    Q_ASSERT(index < list.size() && list.at(index) == client);
    ClientConnection *last = list.takeLast();
    if (last != client) {
        list[index] = last;
        indexOf(last) = index;
    }
    index = -1;
    return true;
}

qsizetype &orderIndex(ClientConnection *client)
{
    return client->listIndex().order;
}

qsizetype &dirtyIndex(ClientConnection *client)
{
    return client->listIndex().dirty;
}

qsizetype &lingeringIndex(ClientConnection *client)
{
    return client->listIndex().lingering;
}

auto subscriberIndex(Channel channel)
{
    return [channel](ClientConnection *client) -> qsizetype & {
        return client->listIndex().subscribers[static_cast<std::size_t>(channel)];
    };
}

/// Per-client entries in connection order (the hub's lists are unordered after a removal).
void sortById(QList<ClientConnection *> &clients)
{
    std::sort(clients.begin(), clients.end(),
        [](const ClientConnection *a, const ClientConnection *b) { return a->id() < b->id(); });
}

QString normalizedPath(const QString &path)
{
    return path.size() > 1 && path.endsWith(u'/') ? path.chopped(1) : path;
}

/// {"type":...} first, then the rest, so every frame Pulso sends starts with its type.
QByteArray typedFrame(const char *type, const QJsonObject &rest = {})
{
    QByteArray out = "{\"type\":\"";
    out += type;
    out += '"';
    if (!rest.isEmpty()) {
        out += ',';
        const QByteArray body = json::compact(rest);
        out += QByteArrayView(body).sliced(1); // drop the opening brace
    } else {
        out += '}';
    }
    return out;
}

Error queryError(const QString &message)
{
    return Error::make(ErrorKind::BadRequest, u"invalid_query"_s, message);
}

std::optional<qint64> parseSeq(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

} // namespace

WebSocketHub::WebSocketHub(QObject *parent)
    : QObject(parent), m_heartbeat(new QTimer(this)), m_lingerTimer(new QTimer(this))
{
    qRegisterMetaType<pulso::ClientInfo>();
    m_clock.start();
#ifdef PULSO_WS_EPOLL
    // One notifier for every plain client: a pass of the event loop costs the ready sockets only.
    // PULSO_WS_EPOLL=0 keeps every client on its QTcpSocket instead, the path of systems without epoll (the
    // tests run it on Linux too).
    if (qEnvironmentVariable("PULSO_WS_EPOLL") != u"0") {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            qFatal("epoll_create1 failed: %s", strerror(errno));
        m_epollNotifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_epollNotifier, &QSocketNotifier::activated, this, &WebSocketHub::handleEpoll);
    }
#endif
    if (m_epoll < 0)
        qCInfo(lcWs) << "WebSocket clients stay on their Qt sockets (no epoll set)";
    connect(m_heartbeat, &QTimer::timeout, this, &WebSocketHub::handleHeartbeat);
    m_lingerTimer->setInterval(250);
    connect(m_lingerTimer, &QTimer::timeout, this, &WebSocketHub::handleLinger);
    setOptions(m_options);
}

WebSocketHub::~WebSocketHub()
{
    const QList<ClientConnection *> clients = std::exchange(m_order, {});
    for (ClientConnection *client : clients) {
        if (QTcpSocket *socket = client->socket())
            socket->disconnect(this);
    }
    qDeleteAll(clients);
    qDeleteAll(m_finished);
    delete m_epollNotifier;
#ifdef PULSO_WS_EPOLL
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

void WebSocketHub::setOptions(const Options &options)
{
    m_options = options;
    if (m_options.pingIntervalMs > 0)
        m_heartbeat->start(m_options.pingIntervalMs);
    else
        m_heartbeat->stop();
}

Result<Access> WebSocketHub::checkUpgrade(const HttpHead &head, const QHostAddress &peer) const
{
    const QString path = normalizedPath(head.path);
    const bool secure = path == SecurePath;
    if (path != Path && !secure) {
        return Error::make(ErrorKind::NotFound, u"not_found"_s,
            u"No WebSocket endpoint at %1; use %2 or %3."_s.arg(
                head.path, Path.toString(), SecurePath.toString()));
    }
    if (const QString repeated = repeatedQueryKey(head.query); !repeated.isEmpty()) {
        return queryError(
            u"The query parameter \"%1\" appears more than once; send it once."_s.arg(repeated.left(64)));
    }
    const QString channel = head.query.queryItemValue(u"channel"_s, QUrl::FullyDecoded);
    if (head.query.hasQueryItem(u"channel"_s) && !channelFromName(channel)) {
        return Error::make(ErrorKind::BadRequest, u"unknown_channel"_s,
            u"Unknown channel \"%1\"; valid channels: %2."_s.arg(channel.left(64), channelNameList()));
    }
    if (head.query.hasQueryItem(u"since"_s) && !parseSeq(head.query.queryItemValue(u"since"_s)))
        return queryError(u"\"since\" must be the non-negative seq of the last event you received."_s);
    if (head.query.hasQueryItem(u"mode"_s)) {
        const QString mode = head.query.queryItemValue(u"mode"_s);
        if (mode != u"all" && mode != u"latest")
            return queryError(u"\"mode\" must be \"all\" or \"latest\"."_s);
    }
    if (!m_options.auth) {
        if (!secure)
            return Access {};
        return Error::make(ErrorKind::Unauthorized, u"secure_disabled"_s,
            u"The secure endpoint is disabled on this server."_s);
    }
    // Cross-site WebSocket hijacking: a page on another site must not open a socket with this browser's
    // network position (or, later, its cookies).
    if (std::optional<Error> refusal
        = m_options.auth->checkOrigin(head.header("origin"), head.header("host")))
        return *refusal;
    AccessRequest request;
    request.method = head.method;
    request.path = path;
    request.peer = peer;
    request.host = head.header("host");
    request.bearer = head.bearerToken();
    request.queryToken = head.query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8();
    request.upgrade = true;
    return m_options.auth->authorize(request);
}

std::optional<HttpResponse> WebSocketHub::checkHandshake(const HttpHead &head) const
{
    return ws::checkHandshake(head);
}

void WebSocketHub::takeUpgrade(QTcpSocket *socket, const HttpHead &head, std::function<void()> release)
{
    const bool secure = normalizedPath(head.path) == SecurePath;
    Subscription first;
    first.channel = channelFromName(head.query.queryItemValue(u"channel"_s, QUrl::FullyDecoded))
                        .value_or(Channel::General);
    first.mode = head.query.queryItemValue(u"mode"_s) == u"latest" ? DeliveryMode::Latest : DeliveryMode::All;
    QString userId = head.query.queryItemValue(u"user_id"_s, QUrl::FullyDecoded).left(256);
    // The front listener attached the stored token the upgrade authenticated with, if any.
    const qint64 tokenId = attachedTokenId(socket);
    // The head was only peeked: what the socket holds is the head and whatever the client sent after it.
    const QByteArray received = socket->readAll();
    const QByteArrayView rest = QByteArrayView(received).sliced(qMin(head.length, received.size()));

    auto *client = new ClientConnection(m_nextId++, std::move(userId), secure, socket->peerAddress(),
        socket->peerPort(), m_options.delivery, this, std::move(release));
    client->setMaxIncomingMessageSize(m_options.maxIncomingMessageSize);
    client->markAlive(m_clock.elapsed());
    if (qobject_cast<QSslSocket *>(socket) || m_epoll < 0) {
        // Over TLS the descriptor carries ciphertext, and without an epoll set there is nowhere else to watch
        // it: the protocol runs on the QTcpSocket.
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        client->setSocket(socket);
        connect(socket, &QIODevice::readyRead, this, [client, socket] { client->feed(socket->readAll()); });
        connect(socket, &QAbstractSocket::disconnected, this, [client] { client->finish(); });
        connect(socket, &QIODevice::bytesWritten, this, [this, client] { handleBytesWritten(client); });
    } else {
#ifdef PULSO_WS_EPOLL
        // Plain TCP: keep only the descriptor. A duplicate survives the QTcpSocket, which closes its own.
        const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        socket->abort();
        socket->deleteLater(); // we are inside its readyRead
        if (fd < 0) {
            qCWarning(lcWs) << "could not take over a WebSocket descriptor:" << strerror(errno);
            delete client;
            return;
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        // Frames are coalesced per pass of the event loop (see flushClients), so Nagle's algorithm would
        // only add delay (and, with the peer's delayed ACK, up to 40 ms of it).
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        client->setDescriptor(fd);
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.ptr = client;
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) < 0) {
            qCWarning(lcWs) << "epoll_ctl ADD failed:" << strerror(errno);
            delete client;
            return;
        }
#endif
    }
    client->sendRaw(ws::switchingProtocols(head));
    if (tokenId > 0) {
        m_tokenClients[tokenId].insert(client);
        m_clientTokens.insert(client, tokenId);
    }
    appendIndexed(m_order, client, orderIndex);
    subscribe(client, first, false);
    // Debug level: at info, a connection storm paid a write(2) to stderr per connect and per disconnect.
    qCDebug(lcWs).noquote() << "client" << client->id() << "connected to" << channelName(first.channel)
                            << "from" << client->info(first.channel).peerAddress.toString() << "user_id"
                            << client->userId();
    Q_EMIT clientConnected(client->info(first.channel));

    if (head.query.hasQueryItem(u"since"_s)) {
        startResume(client, parseSeq(head.query.queryItemValue(u"since"_s)).value_or(0),
            head.query.queryItemValue(u"epoch"_s));
    }
    if (!rest.isEmpty())
        client->feed(rest);
}

void WebSocketHub::subscribe(ClientConnection *client, const Subscription &subscription, bool acknowledge)
{
    if (client->subscribe(subscription)) {
        appendIndexed(m_subscribers[static_cast<std::size_t>(subscription.channel)], client,
            subscriberIndex(subscription.channel));
        if (!client->userId().isEmpty())
            ++m_channelUsers[static_cast<std::size_t>(subscription.channel)][client->userId()];
    }
    if (acknowledge)
        client->sendJson(typedFrame("subscribed", subscription.toJson()));
}

void WebSocketHub::unsubscribe(ClientConnection *client, Channel channel)
{
    if (!client->unsubscribe(channel)) {
        client->sendJson(errorFrame(Error::make(ErrorKind::BadRequest, u"not_subscribed"_s,
            u"Not subscribed to \"%1\"."_s.arg(channelName(channel)))));
        return;
    }
    forgetSubscription(client, channel);
    client->sendJson(typedFrame("unsubscribed", QJsonObject {{u"channel"_s, channelName(channel)}}));
}

void WebSocketHub::handleTextMessage(ClientConnection *client, const QString &message)
{
    client->markAlive(m_clock.elapsed());
    Result<ClientMessage> parsed = ClientMessage::parse(message);
    if (!parsed) {
        client->sendJson(errorFrame(parsed.error()));
        return;
    }
    switch (parsed->action) {
    case ClientMessage::Action::Ping:
        client->sendJson(typedFrame(
            "pong", QJsonObject {{u"timestamp"_s, json::timestamp(QDateTime::currentDateTimeUtc())}}));
        break;
    case ClientMessage::Action::Subscribe:
        subscribe(client, parsed->subscription, true);
        break;
    case ClientMessage::Action::Unsubscribe:
        unsubscribe(client, parsed->subscription.channel);
        break;
    case ClientMessage::Action::Resume:
        startResume(client, parsed->since, parsed->epoch);
        break;
    }
}

void WebSocketHub::textReceived(ClientConnection *client, const QByteArray &utf8)
{
    handleTextMessage(client, QString::fromUtf8(utf8));
}

void WebSocketHub::binaryReceived(ClientConnection *client)
{
    client->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
        u"Binary frames are not supported; send JSON text frames."_s);
}

void WebSocketHub::pongReceived(ClientConnection *client)
{
    const qint64 now = m_clock.elapsed();
    if (client->pingSentMs() >= 0)
        client->setRtt(now - client->pingSentMs());
    client->markAlive(now);
}

void WebSocketHub::handleBytesWritten(ClientConnection *client)
{
    if (client->isFinished())
        return;
    if (client->isReplaying() && m_replays.contains(client) && client->bytesPending() < ReplayWatermark)
        pumpReplay(client);
    if (client->hasCoalesced())
        client->flushCoalesced();
}

void WebSocketHub::handleHeartbeat()
{
    const qint64 now = m_clock.elapsed();
    const QList<ClientConnection *> clients = m_order;
    for (ClientConnection *client : clients) {
        if (now - client->lastAliveMs() > 2 * qint64(m_options.pingIntervalMs)) {
            qCInfo(lcWs) << "client" << client->id() << "missed two heartbeats; dropping it";
            client->finish();
        } else {
            client->sendPing(now);
        }
    }
}

void WebSocketHub::handleEpoll()
{
#ifdef PULSO_WS_EPOLL
    constexpr int MaxEvents = 256;
    epoll_event events[MaxEvents];
    const int count = ::epoll_wait(m_epoll, events, MaxEvents, 0);
    for (int i = 0; i < count; ++i) {
        auto *client = static_cast<ClientConnection *>(events[i].data.ptr);
        // A client removed earlier in this batch is deleted only in a later pass: the pointer is valid.
        if (client->isFinished())
            continue;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            client->readAvailable();
        if (!client->isFinished() && (events[i].events & EPOLLOUT)) {
            client->flush();
            handleBytesWritten(client);
        }
    }
#endif
}

void WebSocketHub::setWriteInterest(ClientConnection *client, bool enabled)
{
    client->setWantsWrite(enabled);
#ifdef PULSO_WS_EPOLL
    epoll_event event {};
    event.events = enabled ? EPOLLIN | EPOLLOUT : EPOLLIN;
    event.data.ptr = client;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, client->descriptor(), &event);
#endif
}

void WebSocketHub::lingerStarted(ClientConnection *client)
{
    client->setLingerDeadlineMs(m_clock.elapsed() + LingerMs);
    appendIndexed(m_lingering, client, lingeringIndex);
    if (!m_lingerTimer->isActive())
        m_lingerTimer->start();
}

void WebSocketHub::handleLinger()
{
    const qint64 now = m_clock.elapsed();
    const QList<ClientConnection *> lingering = m_lingering;
    for (ClientConnection *client : lingering) {
        if (client->lingerDeadlineMs() <= now)
            client->finish(); // removes it from m_lingering
    }
    if (m_lingering.isEmpty())
        m_lingerTimer->stop();
}

void WebSocketHub::connectionFinished(ClientConnection *client)
{
    removeClient(client);
}

void WebSocketHub::scheduleFlush(ClientConnection *client)
{
    appendIndexed(m_dirty, client, dirtyIndex);
    if (m_flushPosted)
        return;
    m_flushPosted = true;
    // A posted call runs at the start of the next pass of the event loop, after every socket that was ready
    // in this one: events published meanwhile (several requests in flight, a batch) share one write per
    // client.
    QMetaObject::invokeMethod(
        this, [this] { flushClients(); }, Qt::QueuedConnection);
}

void WebSocketHub::flushClients()
{
    m_flushPosted = false;
    std::swap(m_flushing, m_dirty);
    for (ClientConnection *client : std::as_const(m_flushing)) {
        if (!client)
            continue; // removed while it waited
        client->listIndex().dirty = -1;
        client->setFlushScheduled(false);
        client->flush();
        // Everything may have gone straight to the kernel, so no bytesWritten will come: continue a replay or
        // write coalesced readings here.
        if (client->isReplaying() || client->hasCoalesced())
            handleBytesWritten(client);
    }
    m_flushing.clear();
}

void WebSocketHub::removeClient(ClientConnection *client)
{
    if (!removeIndexed(m_order, client, orderIndex))
        return;
    if (client->isFlushScheduled()) {
        // Blanked, not removed: flushClients() may be walking the list (then swapped into m_flushing).
        if (qsizetype &index = dirtyIndex(client); index >= 0) {
            for (QList<ClientConnection *> *list : {&m_dirty, &m_flushing}) {
                if (index < list->size() && list->at(index) == client)
                    (*list)[index] = nullptr;
            }
            index = -1;
        }
        client->setFlushScheduled(false);
    }
    for (const Subscription &subscription : client->subscriptions())
        forgetSubscription(client, subscription.channel);
    if (const auto token = m_clientTokens.constFind(client); token != m_clientTokens.cend()) {
        if (const auto clients = m_tokenClients.find(*token); clients != m_tokenClients.end()) {
            clients->remove(client);
            if (clients->isEmpty())
                m_tokenClients.erase(clients);
        }
        m_clientTokens.erase(token);
    }
    m_replays.remove(client);
    removeIndexed(m_lingering, client, lingeringIndex);
#ifdef PULSO_WS_EPOLL
    if (client->descriptor() >= 0)
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, client->descriptor(), nullptr);
#endif
    if (QTcpSocket *socket = client->socket())
        socket->disconnect(this);
    qCDebug(lcWs) << "client" << client->id() << "disconnected";
    Q_EMIT clientDisconnected(client->id());
    // Deleted later: we may be inside its own reader, or an epoll batch may still name it.
    m_finished.append(client);
    if (!m_deletePosted) {
        m_deletePosted = true;
        QMetaObject::invokeMethod(
            this, [this] { deleteFinished(); }, Qt::QueuedConnection);
    }
}

void WebSocketHub::forgetSubscription(ClientConnection *client, Channel channel)
{
    const auto slot = static_cast<std::size_t>(channel);
    if (!removeIndexed(m_subscribers[slot], client, subscriberIndex(channel)) || client->userId().isEmpty())
        return;
    QMap<QString, int> &users = m_channelUsers[slot];
    if (const auto user = users.find(client->userId()); user != users.end() && --*user <= 0)
        users.erase(user);
}

void WebSocketHub::deleteFinished()
{
    m_deletePosted = false;
    qDeleteAll(std::exchange(m_finished, {}));
}

void WebSocketHub::deliver(ClientConnection *client, const Event &event, const QByteArray &frame, Channel via)
{
    const Subscription *subscription = client->subscriptionFor(via);
    if (!subscription
        || (!subscription->filter.isEmpty() && !subscription->filter.matches(event, m_resolver)))
        return;
    switch (client->deliver(event, frame, *subscription)) {
    case ClientConnection::Delivery::Sent:
        ++m_deliveries;
        break;
    case ClientConnection::Delivery::Overflow:
        ++m_overflowClosures;
        qCInfo(lcWs) << "client" << client->id() << "too slow:" << client->bytesPending() << "bytes waiting";
        // 1013 "try again later" (RFC 6455 registry); Qt's enum predates it.
        client->close(QWebSocketProtocol::CloseCode(1013),
            u"too slow: over %1 bytes waiting; reconnect with ?since=<last seq received>"_s.arg(
                m_options.delivery.maxPendingBytes));
        break;
    case ClientConnection::Delivery::Skipped:
    case ClientConnection::Delivery::Held:
    case ClientConnection::Delivery::Coalesced:
        break;
    }
}

void WebSocketHub::publish(const pulso::Event &event)
{
    // Framed once; every subscriber's socket gets the same shared bytes.
    const QByteArray frame = ws::textFrame(event.json());
    const Channel channel = event.channel();
    const QList<ClientConnection *> own = m_subscribers[static_cast<std::size_t>(channel)];
    for (ClientConnection *client : own)
        deliver(client, event, frame, channel);
    if (channel != Channel::General) {
        const QList<ClientConnection *> general = m_subscribers[static_cast<std::size_t>(Channel::General)];
        for (ClientConnection *client : general)
            deliver(client, event, frame, Channel::General);
    }
}

void WebSocketHub::startResume(ClientConnection *client, qint64 since, const QString &requestedEpoch)
{
    if (!m_history) {
        client->sendJson(errorFrame(Error::make(
            ErrorKind::Unavailable, u"resume_unavailable"_s, u"This server keeps no event history."_s)));
        return;
    }
    if (client->isReplaying()) {
        client->sendJson(errorFrame(Error::make(ErrorKind::Conflict, u"resume_in_progress"_s,
            u"A resume is already running on this connection."_s)));
        return;
    }
    // Writes still in a commit group are committed (and published) first: the replay sees exactly what
    // is durable.
    m_history->settleWrites();
    if (!client->isOpen())
        return;
    const qint64 last = m_history->lastSeq();
    const Result<qint64> oldest = m_history->oldestAvailable();
    if (!oldest) {
        client->sendJson(errorFrame(oldest.error()));
        return;
    }
    if (!requestedEpoch.isEmpty() && requestedEpoch != m_history->epoch()) {
        sendResumeGap(client, u"epoch_changed"_s, since, -1, -1);
        client->setLastSeq(last);
        m_replays.insert(client, since);
        client->beginReplay();
        finishReplay(client, since);
        return;
    }
    if (since > last) {
        sendResumeGap(client, u"since_ahead"_s, since, -1, -1);
        client->setLastSeq(last);
        m_replays.insert(client, since);
        client->beginReplay();
        finishReplay(client, since);
        return;
    }
    qint64 from = since;
    if (since + 1 < *oldest) {
        sendResumeGap(client, u"retention"_s, since, since + 1, *oldest - 1);
        from = *oldest - 1;
    }
    client->setLastSeq(from);
    client->beginReplay();
    m_replays.insert(client, since);
    pumpReplay(client);
}

void WebSocketHub::pumpReplay(ClientConnection *client)
{
    m_history->settleWrites(); // as in startResume(); nothing can open a new group within this loop
    while (client->isOpen() && client->bytesPending() < ReplayWatermark) {
        const Result<QList<Event>> page
            = m_history->eventsAfter(client->lastSeq(), client->channels(), ReplayPage);
        if (!page) {
            client->sendJson(errorFrame(page.error()));
            finishReplay(client, m_replays.value(client));
            return;
        }
        for (const Event &event : *page) {
            bool covered = false;
            for (const Subscription &subscription : client->subscriptions())
                covered = covered || subscription.covers(event, m_resolver);
            if (covered)
                client->deliverReplayed(event, ws::textFrame(event.json()));
            else
                client->setLastSeq(event.seq());
        }
        if (page->size() < ReplayPage) {
            finishReplay(client, m_replays.value(client));
            return;
        }
    }
    // Continues from handleBytesWritten() once the socket drained below the watermark.
}

void WebSocketHub::finishReplay(ClientConnection *client, qint64 since)
{
    m_replays.remove(client);
    const QList<Event> held = client->endReplay();
    client->sendJson(typedFrame("resumed",
        QJsonObject {{u"since"_s, since}, {u"replayed"_s, client->replayedCount()},
            {u"last_seq"_s, client->lastSeq()}, {u"epoch"_s, m_history ? m_history->epoch() : QString()}}));
    // Live events that arrived meanwhile; those already replayed are skipped by seq.
    for (const Event &event : held) {
        const QByteArray frame = ws::textFrame(event.json());
        for (const Subscription &subscription : client->subscriptions()) {
            if (subscription.covers(event, m_resolver)) {
                deliver(client, event, frame, subscription.channel);
                break;
            }
        }
    }
}

void WebSocketHub::sendResumeGap(
    ClientConnection *client, const QString &reason, qint64 since, qint64 missingFrom, qint64 missingTo)
{
    QJsonObject data {{u"reason"_s, reason}, {u"requested_since"_s, since},
        {u"missing_from"_s, missingFrom < 0 ? QJsonValue() : QJsonValue(missingFrom)},
        {u"missing_to"_s, missingTo < 0 ? QJsonValue() : QJsonValue(missingTo)},
        {u"last_seq"_s, m_history->lastSeq()}, {u"epoch"_s, m_history->epoch()}};
    if (const Result<qint64> oldest = m_history->oldestAvailable())
        data.insert(u"oldest_available"_s, *oldest);
    // A notice to this client only: it is not part of the event history and has no seq.
    QByteArray out = "{\"type\":\"system_event\",\"level\":\"warning\",\"message\":\"resume_gap\",\"data\":";
    out += json::compact(data);
    out += ",\"timestamp\":";
    json::appendString(out, json::timestamp(QDateTime::currentDateTimeUtc()));
    out += '}';
    client->sendJson(out);
}

void WebSocketHub::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    QList<ClientConnection *> clients = m_order;
    sortById(clients);
    for (ClientConnection *client : std::as_const(clients))
        client->close(code, reason);
}

bool WebSocketHub::disconnectClient(quint64 id, const QString &reason)
{
    for (ClientConnection *client : std::as_const(m_order)) {
        if (client->id() == id) {
            client->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
            return true;
        }
    }
    return false;
}

int WebSocketHub::closeClientsOfToken(qint64 tokenId, const QString &reason)
{
    QList<ClientConnection *> clients = m_tokenClients.value(tokenId).values();
    sortById(clients);
    for (ClientConnection *client : std::as_const(clients))
        client->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
    if (!clients.isEmpty())
        qCInfo(lcWs) << "closed" << clients.size() << "clients of revoked token" << tokenId;
    return int(clients.size());
}

int WebSocketHub::connectionCount(Channel channel) const
{
    return int(m_subscribers[static_cast<std::size_t>(channel)].size());
}

QList<ClientInfo> WebSocketHub::clients() const
{
    QList<ClientConnection *> clients = m_order;
    sortById(clients);
    QList<ClientInfo> out;
    out.reserve(clients.size());
    for (ClientConnection *client : std::as_const(clients)) {
        for (const Subscription &subscription : client->subscriptions())
            out.append(client->info(subscription.channel));
    }
    return out;
}

QJsonArray WebSocketHub::channelUsers(Channel channel) const
{
    QJsonArray users;
    for (const QString &user : m_channelUsers[static_cast<std::size_t>(channel)].keys())
        users.append(user);
    return users;
}

QJsonObject WebSocketHub::channelStats(Channel channel) const
{
    QList<ClientConnection *> subscribers = m_subscribers[static_cast<std::size_t>(channel)];
    sortById(subscribers);
    QJsonArray clients;
    for (ClientConnection *client : std::as_const(subscribers)) {
        const ClientInfo info = client->info(channel);
        QJsonObject entry {{u"id"_s, qint64(info.id)},
            {u"user_id"_s, info.userId.isEmpty() ? QJsonValue() : QJsonValue(info.userId)},
            {u"peer"_s, info.peerAddress.toString()}, {u"connected_at"_s, json::timestamp(info.connectedAt)},
            {u"messages_sent"_s, qint64(info.messagesSent)}, {u"bytes_pending"_s, info.bytesPending},
            {u"rtt_ms"_s, info.rttMs < 0 ? QJsonValue() : QJsonValue(info.rttMs)},
            {u"last_seq"_s, info.lastSeq}, {u"mode"_s, deliveryModeName(info.mode)}};
        if (const Subscription *subscription = client->subscriptionFor(channel);
            subscription && !subscription->filter.isEmpty())
            entry.insert(u"filter"_s, subscription->filter.toJson());
        clients.append(entry);
    }
    return QJsonObject {{u"channel"_s, channelName(channel)}, {u"connections"_s, int(subscribers.size())},
        {u"users"_s, channelUsers(channel)}, {u"clients"_s, clients}};
}

QJsonObject WebSocketHub::stats() const
{
    // Counts kept as clients come and go: no walk over the clients (pulso-bench polls this during runs).
    QJsonObject channels;
    for (Channel channel : AllChannels) {
        const int connections = connectionCount(channel);
        if (connections == 0)
            continue;
        channels.insert(channelName(channel),
            QJsonObject {{u"connections"_s, connections}, {u"users"_s, channelUsers(channel)}});
    }
    return QJsonObject {{u"total_channels"_s, channels.size()}, {u"total_connections"_s, connectionCount()},
        {u"channels"_s, channels}};
}

} // namespace pulso
