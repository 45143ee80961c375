// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverstats.h"

#include "httpconnection.h"
#include "metrics.h"
#include "waituntil.h"

namespace pulso::bench {

int serverConnectionCount(const Target &target, int timeoutMs)
{
    HttpConnection http(target.address, target.port);
    const HttpConnection::Response r = blockingRequest(http, "GET", "/api/v1/ws/stats", {}, timeoutMs);
    const qsizetype at = r.body.indexOf("\"total_connections\":");
    if (r.status != 200 || at < 0)
        return -1;
    return r.body.mid(at + 20, 12).split(',').value(0).split('}').value(0).trimmed().toInt();
}

double waitForConnectionsAtMost(const Target &target, int count, int timeoutMs)
{
    const qint64 start = nowNs();
    const qint64 deadline = start + qint64(timeoutMs) * 1000000;
    while (nowNs() < deadline) {
        const int remaining = int((deadline - nowNs()) / 1000000);
        const int now = serverConnectionCount(target, qMax(1, remaining));
        if (now >= 0 && now <= count)
            return double(nowNs() - start) / 1e9;
        runFor(250);
    }
    return -1;
}

} // namespace pulso::bench
