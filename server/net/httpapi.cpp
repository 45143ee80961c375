// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httpapi.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include "net/authpolicy.h"
#include "net/httphead.h"
#include "storage/database.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

// One line per request only at debug level (QT_LOGGING_RULES="pulso.http.debug=true"): measured, writing it
// to stderr was several % of a request. The operator gets a summary per minute and each 5xx instead.
Q_LOGGING_CATEGORY(lcHttp, "pulso.http", QtInfoMsg)

namespace pulso {

/// A QTcpServer that never listens: the front listener pushes accepted sockets into it.
class HandoffServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    void handOff(QTcpSocket *socket) { addPendingConnection(socket); }
};

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

/// A "." or ".." segment, a backslash or a NUL anywhere in `path` (scanned in place: no list of segments).
bool hasUnsafeSegment(QStringView path)
{
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf(u'/', start);
        if (end < 0)
            end = path.size();
        const QStringView segment = path.sliced(start, end - start);
        if (segment == u"." || segment == u".." || segment.contains(u'\\') || segment.contains(QChar(0)))
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

HttpApi::HttpApi(QObject *parent) : QAbstractHttpServer(parent), m_backend(new HandoffServer(this))
{
    m_clock.start();
    bind(m_backend);
    m_idleTimer = new QTimer(this);
    m_idleTimer->setInterval(1000);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        sweepIdle();
        if (++m_summaryTicks >= SummaryIntervalSeconds) {
            m_summaryTicks = 0;
            logSummary();
        }
    });
    m_idleTimer->start();
}

HttpApi::~HttpApi() = default;

void HttpApi::takeConnection(QTcpSocket *socket)
{
    m_lastActivity.insert(socket, m_clock.elapsed());
    m_unanswered.insert(socket, 0);
    // Connected before QHttpServer's own handler, so it sees the bytes before they are parsed. Each lambda
    // captures its socket (QObject::sender() is a search over the receiver's connections); the connections
    // go with the socket, so the pointer is valid whenever they run.
    connect(socket, &QIODevice::readyRead, this, [this, socket] {
        handleSocketReadyRead(socket);
        handleSocketActivity(socket);
    });
    connect(socket, &QIODevice::bytesWritten, this, [this, socket] { handleSocketActivity(socket); });
    connect(socket, &QObject::destroyed, this, &HttpApi::handleSocketGone);
    m_backend->handOff(socket);
    // The head is already in the socket's buffer, so no new readyRead will come for it: replay it once
    // QHttpServer has connected its handlers (queued, after pendingConnectionAvailable was handled).
    QMetaObject::invokeMethod(
        socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void HttpApi::closeAll()
{
    logSummary();
    const QList<QObject *> sockets = m_lastActivity.keys();
    for (QObject *object : sockets) {
        if (auto *socket = qobject_cast<QTcpSocket *>(object))
            socket->disconnectFromHost();
    }
}

void HttpApi::handleSocketActivity(QTcpSocket *socket)
{
    auto it = m_lastActivity.find(socket);
    if (it != m_lastActivity.end())
        *it = m_clock.elapsed();
}

void HttpApi::handleSocketReadyRead(QTcpSocket *socket)
{
    auto it = m_unanswered.find(socket);
    if (it == m_unanswered.end())
        return;
    // The replayed head of the first request was checked by the front listener and is counted here too.
    *it += socket->bytesAvailable();
    qint64 largestBody = m_maxBodySize;
    for (qint64 limit : std::as_const(m_bodyLimits))
        largestBody = std::max(largestBody, limit);
    if (*it <= largestBody + m_maxHeadSize)
        return;
    qCInfo(lcHttp) << "closing a connection from" << socket->peerAddress() << "that sent" << *it
                   << "bytes without an answer";
    m_unanswered.erase(it);
    const HttpResponse response = HttpResponse::error(ErrorKind::PayloadTooLarge, u"payload_too_large"_s,
        u"More than %1 bytes arrived for one request; the connection is closed."_s.arg(
            largestBody + m_maxHeadSize));
    socket->readAll(); // what QHttpServer would otherwise buffer
    socket->write(serializeClosingResponse(response));
    socket->disconnectFromHost();
}

void HttpApi::handleSocketGone(QObject *socket)
{
    m_lastActivity.remove(socket);
    m_unanswered.remove(socket);
    m_waiting.remove(socket);
}

qint64 HttpApi::maxBodySizeFor(const QString &path) const
{
    QString normalized = path;
    while (normalized.size() > 1 && normalized.endsWith(u'/'))
        normalized.chop(1);
    return m_bodyLimits.value(normalized, m_maxBodySize);
}

std::optional<HttpResponse> HttpApi::checkAccess(const HttpRequest &request) const
{
    if (!m_auth)
        return std::nullopt;
    const bool write = AuthPolicy::isWrite(request.method);
    if (write) {
        // A browser page from another site may send simple cross-site writes without a preflight; the
        // Origin header it cannot hide gives it away.
        if (std::optional<Error> refusal
            = m_auth->checkOrigin(request.header("origin"), request.header("host")))
            return refusalResponse(*refusal);
    }
    AccessRequest asked;
    asked.method = request.method;
    asked.path = request.path;
    asked.peer = request.peer;
    asked.host = request.header("host");
    const QByteArray authorization = request.header("authorization");
    if (authorization.size() > 7 && authorization.first(7).toLower() == "bearer ")
        asked.bearer = authorization.mid(7).trimmed();
    Result<Access> access = m_auth->authorize(asked);
    if (!access)
        return refusalResponse(access.error());
    if (write && m_writes.isEnabled() && (access->role || !m_auth->isLoopback(request.peer))) {
        if (const int retry = m_writes.acquire(access->rateKey(request.peer)); retry > 0) {
            const QString who = access->role ? u"writes with this token"_s : u"writes from your address"_s;
            return refusalResponse(tooManyRequests(who, retry), retry);
        }
    }
    return std::nullopt;
}

void HttpApi::logSummary()
{
    if (m_summary.requests == 0)
        return;
    QString groups;
    if (m_groups) {
        const quint64 joins = m_groups->groupJoins() - m_groupJoinsLogged;
        const quint64 ended = m_groups->groupsEnded() - m_groupsEndedLogged;
        if (ended > 0)
            groups = u"; %1 writes in %2 commit groups"_s.arg(joins).arg(ended);
        m_groupJoinsLogged = m_groups->groupJoins();
        m_groupsEndedLogged = m_groups->groupsEnded();
    }
    qCInfo(lcHttp).noquote() << u"%1 requests in the last %2 s (2xx %3, 3xx %4, 4xx %5, 5xx %6), mean %7 us, "
                                "slowest %8 us%9"_s.arg(m_summary.requests)
                                    .arg(SummaryIntervalSeconds)
                                    .arg(m_summary.byClass[2])
                                    .arg(m_summary.byClass[3])
                                    .arg(m_summary.byClass[4])
                                    .arg(m_summary.byClass[5])
                                    .arg(m_summary.totalUs / m_summary.requests)
                                    .arg(m_summary.maxUs)
                                    .arg(groups);
    m_summary = {};
}

void HttpApi::sweepIdle()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> idle;
    for (auto it = m_lastActivity.cbegin(); it != m_lastActivity.cend(); ++it) {
        if (now - it.value() > m_idleTimeoutMs)
            idle.append(static_cast<QTcpSocket *>(it.key()));
    }
    for (QTcpSocket *socket : idle) {
        qCDebug(lcHttp) << "closing idle keep-alive connection from" << socket->peerAddress();
        m_lastActivity.remove(socket);
        socket->disconnectFromHost();
    }
}

std::optional<HttpResponse> HttpApi::preflight(const HttpRequest &request) const
{
    // A browser asks before a cross-origin request that is not "simple" (a JSON body, an Authorization
    // header, PUT/PATCH/DELETE). Answered before the token checks: a preflight never carries credentials.
    if (request.method != "OPTIONS" || request.header("origin").isEmpty()
        || request.header("access-control-request-method").isEmpty() || !m_auth)
        return std::nullopt;
    const QByteArray origin = request.header("origin");
    if (!m_auth->isAllowedOrigin(origin)) {
        if (std::optional<Error> refusal = m_auth->checkOrigin(origin, request.header("host")))
            return refusalResponse(*refusal);
        return std::nullopt; // same origin: no CORS needed, an ordinary OPTIONS answer
    }
    const QList<QByteArray> allowed = m_router.allowedMethods(request.path);
    if (allowed.isEmpty())
        return HttpResponse::error(
            ErrorKind::NotFound, u"not_found"_s, u"No route for %1"_s.arg(request.path));
    QByteArray methods;
    for (const QByteArray &m : allowed)
        methods += (methods.isEmpty() ? "" : ", ") + m;
    methods += ", OPTIONS";
    HttpResponse response {204, {}, "application/json", {}};
    response.headers.append({QByteArray("Allow"), methods});
    response.headers.append({QByteArray("Access-Control-Allow-Methods"), methods});
    response.headers.append(
        {QByteArray("Access-Control-Allow-Headers"), QByteArray("Authorization, Content-Type")});
    response.headers.append({QByteArray("Access-Control-Max-Age"), QByteArray("600")});
    return response;
}

void HttpApi::addCorsHeaders(QByteArrayView origin, HttpResponse &response) const
{
    if (!m_auth || origin.isEmpty() || !m_auth->isAllowedOrigin(origin))
        return;
    response.headers.append({QByteArray("Access-Control-Allow-Origin"), origin.trimmed().toByteArray()});
    response.headers.append(
        {QByteArray("Access-Control-Expose-Headers"), QByteArray("Location, Retry-After, WWW-Authenticate")});
    response.headers.append({QByteArray("Vary"), QByteArray("Origin")});
}

HttpResponse HttpApi::respond(HttpRequest &request) const
{
    HttpResponse response = route(request);
    addCorsHeaders(request.header("origin"), response);
    return response;
}

HttpResponse HttpApi::route(HttpRequest &request) const
{
    if (request.method == "UNKNOWN") {
        return HttpResponse::error(
            ErrorKind::MethodNotAllowed, u"method_not_allowed"_s, u"Unsupported HTTP method"_s);
    }
    if (!request.header("transfer-encoding").isEmpty()) {
        HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"length_required"_s,
            u"Transfer-Encoding is not accepted; send the body with a Content-Length header."_s);
        response.status = 411;
        return response;
    }
    if (!request.body.isEmpty()) { // an empty body is within every limit: no path lookup per GET
        if (const qint64 limit = maxBodySizeFor(request.path); request.body.size() > limit) {
            return HttpResponse::error(ErrorKind::PayloadTooLarge, u"payload_too_large"_s,
                u"The request body is %1 bytes; the limit is %2 bytes."_s.arg(request.body.size())
                    .arg(limit));
        }
    }
    // Around every route, including static ones: no dot segments (decoded "%2e%2e" included), backslashes
    // or NUL in a path, so no handler can be led outside its directory.
    if (hasUnsafeSegment(request.path)) {
        return HttpResponse::error(ErrorKind::BadRequest, u"invalid_path"_s,
            u"The path may not contain \".\" or \"..\" segments, backslashes or NUL characters."_s);
    }
    if (const QString repeated = repeatedQueryKey(request.query); !repeated.isEmpty()) {
        return HttpResponse::error(ErrorKind::BadRequest, u"repeated_parameter"_s,
            u"The query parameter \"%1\" appears more than once; send it once."_s.arg(repeated.left(64)));
    }
    if (std::optional<HttpResponse> answer = preflight(request))
        return *answer;
    if (std::optional<HttpResponse> refusal = checkAccess(request))
        return *refusal;
    if (request.method == "OPTIONS") {
        const QList<QByteArray> allowed = m_router.allowedMethods(request.path);
        if (allowed.isEmpty()) {
            return HttpResponse::error(
                ErrorKind::NotFound, u"not_found"_s, u"No route for %1"_s.arg(request.path));
        }
        QByteArray allow;
        for (const QByteArray &m : allowed)
            allow += (allow.isEmpty() ? "" : ", ") + m;
        allow += ", OPTIONS";
        HttpResponse response {204, {}, "application/json", {{"Allow", allow}}};
        return response;
    }
    return m_router.dispatch(request);
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 startNs = m_clock.nsecsElapsed();
    const QUrl url = request.url();
    HttpRequest req;
    req.method = methodName(request.method());
    req.path = url.path(QUrl::FullyDecoded);
    req.query = parseQuery(url.query(QUrl::FullyEncoded).toUtf8());
    for (const auto &[name, value] : request.headers())
        req.headers.append({name.toLower(), value});
    req.body = request.body();
    req.peer = request.remoteAddress();

    const bool grouped = m_groups && req.method == "POST" && m_groupedPaths.contains(req.path);
    if (m_groups && !grouped)
        m_groups->settle(); // what this request reads or writes comes after every acknowledged write
    const quint64 joinsBefore = m_groups ? m_groups->groupJoins() : 0;
    std::optional<Database::GroupScope> scope;
    if (grouped)
        scope.emplace(*m_groups);
    HttpResponse response = respond(req);
    scope.reset();
    const bool joined = m_groups && m_groups->groupJoins() != joinsBefore;
    // HEAD: the GET's headers, Content-Length included, without the body.
    const qint64 contentLength = response.body.size();
    if (req.method == "HEAD")
        response.body.clear();

    // QHttpServer 6.4 keeps the connection open even when the client asked to close it; honour the
    // request, so that a client's connection slot is given back as soon as it is done.
    bool close = false;
    for (const QByteArray &token : req.header("connection").split(','))
        close = close || token.trimmed().toLower() == "close";
    if (close)
        response.headers.append({QByteArray("Connection"), QByteArray("close")});
    if (joined || m_waiting.value(socket) > 0) {
        deferAnswer(socket, std::move(response), contentLength, joined, req.method, req.path, close, startNs);
        return true;
    }
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        if (response.status != 204)
            responder.writeHeader("Content-Type", response.contentType);
        for (const auto &[name, value] : std::as_const(response.headers))
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(contentLength));
        responder.writeBody(response.body);
    }
    finishRequest(socket, req.method, req.path, response.status, close, startNs);
    return true;
}

void HttpApi::deferAnswer(QTcpSocket *socket, HttpResponse response, qint64 contentLength, bool joined,
    const QByteArray &method, const QString &path, bool close, qint64 startNs)
{
    ++m_waiting[socket];
    m_groups->whenGroupEnds([this, guard = QPointer<QTcpSocket>(socket), response = std::move(response),
                                contentLength, joined, method, path, close, startNs](const Status &outcome) {
        if (!guard)
            return; // gone meanwhile: its m_waiting entry went with it
        QTcpSocket *socket = guard.data();
        if (auto it = m_waiting.find(socket); it != m_waiting.end() && --*it <= 0)
            m_waiting.erase(it);
        if (joined && !outcome) {
            // Stored in a group that failed to commit: nothing of this request is stored.
            HttpResponse failed = HttpResponse::fromError(outcome.error());
            if (close)
                failed.headers.append({QByteArray("Connection"), QByteArray("close")});
            socket->write(serializeResponse(failed, failed.body.size()));
            finishRequest(socket, method, path, failed.status, close, startNs);
            return;
        }
        socket->write(serializeResponse(response, contentLength));
        finishRequest(socket, method, path, response.status, close, startNs);
    });
}

void HttpApi::finishRequest(
    QTcpSocket *socket, const QByteArray &method, const QString &path, int status, bool close, qint64 startNs)
{
    if (auto it = m_unanswered.find(socket); it != m_unanswered.end())
        *it = 0;
    if (close)
        socket->disconnectFromHost();
    const qint64 us = (m_clock.nsecsElapsed() - startNs) / 1000;
    ++m_summary.requests;
    ++m_summary.byClass[std::clamp(status / 100, 0, 5)];
    m_summary.totalUs += us;
    m_summary.maxUs = std::max(m_summary.maxUs, us);
    if (status >= 500)
        qCWarning(lcHttp).noquote() << method << path << status << us << "us";
    else
        qCDebug(lcHttp).noquote() << method << path << status << us << "us";
    Q_EMIT requestServed(method, path, status, us);
}

void HttpApi::setCommitGroups(Database *db, const QStringList &paths)
{
    m_groups = db;
    m_groupedPaths = QSet<QString>(paths.cbegin(), paths.cend());
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Reached only for a WebSocket upgrade sent after other requests on a keep-alive connection.
    const HttpResponse response = HttpResponse::error(ErrorKind::BadRequest, u"upgrade_not_first"_s,
        u"A WebSocket upgrade must be the first request on its connection."_s);
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace pulso
