// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/authpolicy.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace pulso {

/// Everything a Server needs to start; filled from the command line (and, in the console, QSettings).
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 8000;
    QString databasePath; ///< SQLite file; ":memory:" for throwaway servers
    QByteArray secureToken; ///< --token / PULSO_TOKEN
    qint64 maxBodySize = 4 * 1024 * 1024;
    qsizetype maxHeadSize = 16 * 1024;
    int headTimeoutMs = 10000;
    int httpIdleTimeoutMs = 60000;
    quint64 maxIncomingMessageSize = 64 * 1024;
    int shutdownGraceMs = 2000;
    int busyTimeoutMs = 5000; ///< a write waits this long for a lock held elsewhere, then answers 503
    bool commitGroups
        = true; ///< POST /api/v1/readings share one COMMIT per event-loop pass (ARCHITECTURE.md)
    // WebSocket delivery (issue: reliability)
    int pingIntervalMs = 20000; ///< heartbeat; no pong within two intervals drops the client
    qint64 maxPendingBytes = 4 * 1024 * 1024; ///< per client; an "all" client beyond it is closed with 1013
    qint64 latestThresholdBytes = 64 * 1024; ///< a "latest" client's readings coalesce beyond this
    // Event history kept for resume
    qint64 retentionEvents = 1000000;
    int retentionDays = 7;
    // Security (issue: security; docs/SECURITY.md)
    AuthMode authMode = AuthMode::Remote; ///< --auth
    /// Tests only: loopback peers count as other machines, so the remote rules can be tested on 127.0.0.1.
    bool loopbackIsRemote = false;
    QString tlsCertPath; ///< --tls-cert (PEM); with tlsKeyPath, https and wss on the same port
    QString tlsKeyPath; ///< --tls-key (PEM, unencrypted)
    QStringList allowedOrigins; ///< --allowed-origin, repeatable: browser origins besides the server's own
    /// POST /api/v1/readings/batch; 0 = the same as maxBodySize (10,000 compact readings take ~0.7 MB).
    qint64 maxBatchBodySize = 0;
    int maxConnections = 20000; ///< open connections in total; 0 = no limit
    int maxConnectionsPerAddress = 64; ///< per remote address; loopback is exempt
    double handshakesPerSecond = 10; ///< WebSocket upgrades per remote address (burst twice that)
    double writesPerSecond = 50; ///< writes per token, or per remote address without one (burst twice that)
};

} // namespace pulso
