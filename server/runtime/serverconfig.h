// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

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
    // WebSocket delivery (issue: reliability)
    int pingIntervalMs = 20000; ///< heartbeat; no pong within two intervals drops the client
    qint64 maxPendingBytes = 4 * 1024 * 1024; ///< per client; an "all" client beyond it is closed with 1013
    qint64 latestThresholdBytes = 64 * 1024; ///< a "latest" client's readings coalesce beyond this
    // Event history kept for resume
    qint64 retentionEvents = 1000000;
    int retentionDays = 7;
};

} // namespace pulso
