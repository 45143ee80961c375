// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httphead.h"
#include "net/httpresponse.h"
#include "net/ratelimiter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace pulso {

class AuthPolicy;
class HttpApi;
class WebSocketHub;

/// The one listening socket (plain TCP, or TLS when configured: https and wss on the same port). It reads
/// each new connection's first request head without consuming it, answers refusals itself
/// (400/404/408/411/413/429/431/503, and the hub's 400/401/403), then hands plain HTTP to the HttpApi and
/// WebSocket upgrades to the WebSocketHub. Connection counts and the WebSocket handshake rate are limited
/// here, once for every route.
class FrontListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrontListener)

public:
    struct Limits
    {
        qsizetype maxHeadSize = 16 * 1024;
        int headTimeoutMs = 10000;
        int listenBacklog = 1024;
        int maxConnections = 20000; ///< open connections in total; 0 = no limit
        int maxConnectionsPerAddress = 64; ///< per remote address (IPv6: per /64); loopback exempt
        double handshakesPerSecond = 10; ///< WebSocket upgrades per remote address; 0 = no limit
        double handshakeBurst = 20;
    };

    FrontListener(HttpApi &http, WebSocketHub &hub, QObject *parent = nullptr);
    ~FrontListener() override;

    void setLimits(const Limits &limits);
    const Limits &limits() const { return m_limits; }
    /// Which peers count as this machine (exempt from per-address limits). Without one, none is.
    void setAuthPolicy(const AuthPolicy *policy) { m_policy = policy; }
    /// Serve TLS on the listening port (call before listen()).
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls; }

    bool listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;

    /// Connections accepted but not yet handed over.
    int pendingCount() const { return int(m_pending.size()); }
    /// Open connections counted against the limits (pending, HTTP and WebSocket).
    int connectionCount() const { return m_connections; }

private:
    struct Pending
    {
        qint64 deadline = 0; ///< on m_clock
        std::optional<HttpResponse> refusal; ///< over a connection limit: answered once the head is read
    };

    void handleNewConnection();
    void handleDisconnected(QTcpSocket *socket);
    void sweepTimeouts();
    void inspect(QTcpSocket *socket);
    void inspectUpgrade(QTcpSocket *socket, const HttpHead &head);
    std::optional<HttpResponse> checkPlainHead(const HttpHead &head) const;
    std::optional<HttpResponse> admit(const QHostAddress &peer) const;
    void track(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const HttpResponse &response);
    void detach(QTcpSocket *socket);
    bool isExempt(const QHostAddress &peer) const;
    void createServer();

    HttpApi &m_http;
    WebSocketHub &m_hub;
    const AuthPolicy *m_policy = nullptr;
    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QTimer *m_sweep = nullptr;
    QElapsedTimer m_clock;
    QHash<QTcpSocket *, Pending> m_pending;
    Limits m_limits;
    RateLimiter m_handshakes;
    int m_connections = 0;
    QHash<QString, int> m_perAddress; ///< addressKey -> open connections
};

} // namespace pulso
