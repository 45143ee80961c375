// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

namespace pulso {

/// One address clients can use to reach the server.
struct ListenUrl
{
    QString interfaceName; ///< "lo", "eth0", ... (human-readable where the OS has one)
    bool loopback = false;
    QUrl http; ///< http://host:port
    QUrl webSocket; ///< ws://host:port/api/v1/ws
};

/// The URLs a server bound to `bind`:`port` answers on: for 0.0.0.0 (and ::) every running interface's
/// addresses (LAN first, loopback last), otherwise the bound address alone.
QList<ListenUrl> listenUrls(const QHostAddress &bind, quint16 port);

} // namespace pulso
