// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace pulso::bench {

/// A WebSocket client that connects, completes the handshake and then never reads again (issue 6's "stalled
/// client"): a plain blocking socket with a tiny receive buffer, so the server's send path backs up after a
/// few kilobytes. At the end, drain() reads what is waiting and tells how the server treated it.
class StalledClient final
{
public:
    StalledClient() = default;
    ~StalledClient();
    Q_DISABLE_COPY_MOVE(StalledClient)

    /// Connects and upgrades `resource`; false with `error` set on failure.
    bool open(const QHostAddress &address, quint16 port, const QByteArray &resource, QString *error);

    struct Outcome
    {
        qint64 bytesRead = 0; ///< what was waiting for it, in the kernel's buffers, when it finally read
        bool closedByServer = false; ///< EOF or a close frame seen
        int closeCode = -1; ///< the close frame's status code, -1 when none was seen
        QString closeReason;
    };
    /// Reads everything waiting (up to `timeoutMs` without new data) and reports how the connection ended.
    Outcome drain(int timeoutMs);

private:
    int m_fd = -1;
};

} // namespace pulso::bench
