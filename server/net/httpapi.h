// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/ratelimiter.h"
#include "net/router.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace pulso {

class AuthPolicy;
class Database;
class HandoffServer;

/// Pulso's HTTP API on top of QAbstractHttpServer: one router, and everything that is done once around the
/// routes (405/404 JSON, body limits, path and query sanity, Origin and token checks, write rate, HEAD,
/// access log, idle keep-alive timeout). Connections are handed in by the FrontListener; this server never
/// listens itself.
class HttpApi final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpApi)

public:
    explicit HttpApi(QObject *parent = nullptr);
    ~HttpApi() override;

    Router &router() { return m_router; }
    const Router &router() const { return m_router; }

    /// Takes over a connection whose first request head is buffered but unread.
    void takeConnection(QTcpSocket *socket);

    void setMaxBodySize(qint64 bytes) { m_maxBodySize = bytes; }
    qint64 maxBodySize() const { return m_maxBodySize; }
    /// A body limit of its own for one path (e.g. the readings batch endpoint).
    void setBodyLimit(const QString &path, qint64 bytes) { m_bodyLimits.insert(path, bytes); }
    /// The body limit that applies to `path`.
    qint64 maxBodySizeFor(const QString &path) const;
    /// Bytes a keep-alive connection may send beyond what was answered before it is closed with 413: bounds
    /// what QHttpServer buffers for requests after the first (the front listener checks only the first).
    void setMaxHeadSize(qsizetype bytes) { m_maxHeadSize = bytes; }
    /// Who may do what; without a policy every request is let through.
    void setAuthPolicy(const AuthPolicy *policy) { m_auth = policy; }
    /// Writes (POST/PUT/PATCH/DELETE) per second per token, or per address without one; loopback requests
    /// without a token are exempt. 0 disables.
    void setWriteRate(double perSecond, double burst) { m_writes.setRate(perSecond, burst); }
    /// Keep-alive connections idle for longer are closed (QHttpServer 6.4 never closes them).
    void setIdleTimeout(int msec) { m_idleTimeoutMs = msec; }

    /// Commit groups (docs/ARCHITECTURE.md): a POST to one of `paths` (exact, e.g. "/api/v1/readings") runs
    /// inside a Database::GroupScope, and its answer waits for the group's commit (a 503 if the group fails).
    /// Every other request first commits the open group, and an answer on a connection with an answer still
    /// waiting queues behind it, so each connection's answers keep the order of its requests.
    void setCommitGroups(Database *db, const QStringList &paths);

    /// Closes every HTTP connection (server stop).
    void closeAll();
    int connectionCount() const { return int(m_lastActivity.size()); }

    /// Runs a request through the router and the shared checks, CORS headers included; what handleRequest
    /// writes.
    HttpResponse respond(HttpRequest &request) const;
    /// Access-Control-Allow-Origin and friends when `origin` is in the allowlist (--allowed-origin); also
    /// used for the refusals the front listener makes before a request reaches this server.
    void addCorsHeaders(QByteArrayView origin, HttpResponse &response) const;

Q_SIGNALS:
    /// One per answered request, for the access log and statistics.
    void requestServed(const QByteArray &method, const QString &path, int status, qint64 durationUs);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void handleSocketActivity(QTcpSocket *socket);
    void handleSocketReadyRead(QTcpSocket *socket);
    std::optional<HttpResponse> checkAccess(const HttpRequest &request) const;
    /// The answer to a CORS preflight from an allowed origin (or its refusal); nullopt when not one.
    std::optional<HttpResponse> preflight(const HttpRequest &request) const;
    HttpResponse route(HttpRequest &request) const;
    void handleSocketGone(QObject *socket);
    /// Writes an answer: the access summary, the debug line, requestServed and Connection: close.
    void finishRequest(QTcpSocket *socket, const QByteArray &method, const QString &path, int status,
        bool close, qint64 startNs);
    /// Writes `response` once the open commit group ends; a 503 instead when the group failed and
    /// `joined` (this request's writes were in it).
    void deferAnswer(QTcpSocket *socket, HttpResponse response, qint64 contentLength, bool joined,
        const QByteArray &method, const QString &path, bool close, qint64 startNs);
    void sweepIdle();
    /// The access log's summary line (pulso.http, info): requests per status class and time spent.
    void logSummary();

    Router m_router;
    Database *m_groups = nullptr;
    QSet<QString> m_groupedPaths;
    QHash<QObject *, int> m_waiting; ///< socket -> answers waiting for the commit group
    HandoffServer *m_backend = nullptr;
    QTimer *m_idleTimer = nullptr;
    QHash<QObject *, qint64> m_lastActivity; ///< socket -> msecs of m_clock
    QElapsedTimer m_clock;
    qint64 m_maxBodySize = 4 * 1024 * 1024;
    QHash<QString, qint64> m_bodyLimits;
    qsizetype m_maxHeadSize = 16 * 1024;
    QHash<QObject *, qint64> m_unanswered; ///< socket -> bytes received since its last response
    const AuthPolicy *m_auth = nullptr;
    mutable RateLimiter m_writes;
    int m_idleTimeoutMs = 60000;
    static constexpr int SummaryIntervalSeconds = 60;
    int m_summaryTicks = 0;
    struct Summary
    {
        qint64 requests = 0;
        qint64 byClass[6] = {};
        qint64 totalUs = 0;
        qint64 maxUs = 0;
    } m_summary;
    quint64 m_groupJoinsLogged = 0; ///< Database::groupJoins() at the previous summary
    quint64 m_groupsEndedLogged = 0; ///< Database::groupsEnded() at the previous summary
};

} // namespace pulso
