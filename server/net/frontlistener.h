// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httphead.h"
#include "net/httpresponse.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <optional>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace pulso {

class HttpApi;
class WebSocketHub;

/// The one listening socket. It reads each new connection's first request head without consuming it,
/// answers refusals itself (400/404/408/413/431, and the hub's 400/401), then hands plain HTTP to the
/// HttpApi and WebSocket upgrades to the WebSocketHub.
class FrontListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrontListener)

public:
    struct Limits
    {
        qsizetype maxHeadSize = 16 * 1024;
        int headTimeoutMs = 10000;
        qint64 maxBodySize = 4 * 1024 * 1024;
        int listenBacklog = 1024;
    };

    FrontListener(HttpApi &http, WebSocketHub &hub, QObject *parent = nullptr);
    ~FrontListener() override;

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    bool listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const;
    QString errorString() const;

    /// Connections accepted but not yet handed over.
    int pendingCount() const { return int(m_pending.size()); }

private:
    void handleNewConnection();
    void handleReadyRead();
    void handleDisconnected();
    void sweepTimeouts();
    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const HttpResponse &response);
    void detach(QTcpSocket *socket);

    HttpApi &m_http;
    WebSocketHub &m_hub;
    QTcpServer *m_server = nullptr;
    QTimer *m_sweep = nullptr;
    QElapsedTimer m_clock;
    QHash<QTcpSocket *, qint64> m_pending; ///< socket -> deadline on m_clock
    Limits m_limits;
};

} // namespace pulso
