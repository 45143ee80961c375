// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connsscenario.h"

#include "serverstats.h"
#include "subscriberpool.h"
#include "waituntil.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pulso::bench {

ConnsScenario::Result ConnsScenario::run(const Target &target, const Options &options)
{
    Result result;
    result.options = options;
    const QByteArray resource = "/api/v1/ws?channel=" + options.channel + "&user_id=idle";
    {
        // Warm-up: the first connections grow pools and caches that later ones reuse.
        SubscriberPool warm;
        warm.setTarget(target.address, target.port, resource);
        warm.open(options.warmup, options.window);
        waitUntil([&warm] { return warm.pending() == 0; }, 30000);
        warm.closeAll(5000);
        runFor(500);
    }
    result.rssBeforeKb = target.server.isValid() ? target.server.rssKb() : -1;
    const int before = qMax(0, serverConnectionCount(target));

    SubscriberPool pool;
    pool.setTarget(target.address, target.port, resource);
    PhaseMeter meter(target.server);
    meter.start();
    pool.open(options.connections, options.window);
    waitUntil([&pool] { return pool.pending() == 0; }, 60000 + options.connections * 10);
    result.seconds = meter.wallSeconds();
    const double serverCpu = meter.serverCpuSeconds();
    result.toolCpuPercent = meter.toolPercent();
    result.otherCores = meter.otherCores();
    result.opened = pool.openCount();
    result.failed = pool.failedCount();
    result.handshakesPerSecond = result.seconds > 0 ? result.opened / result.seconds : 0;
    result.handshake = pool.handshakeLatency().summarize();
    if (serverCpu >= 0 && result.opened > 0)
        result.serverUsPerHandshake = serverCpu * 1e6 / result.opened;

    runFor(1000); // idle: let deferred work (logging, deleteLater, timers) settle before reading the RSS
    result.serverCountedConnections = serverConnectionCount(target);
    if (target.server.isValid()) {
        result.rssAfterKb = target.server.rssKb();
        if (result.opened > 0)
            result.bytesPerConnection
                = double(result.rssAfterKb - result.rssBeforeKb) * 1024.0 / result.opened;
    }
    if (!pool.errors().isEmpty())
        result.notes << u"errors: "_s + pool.errors().join(u"; "_s);
    const qint64 closing = nowNs();
    pool.closeAll(10000);
    const double waited = waitForConnectionsAtMost(target, before, 600000);
    if (waited >= 0)
        result.releaseSeconds = double(nowNs() - closing) / 1e9;
    runFor(500);
    if (target.server.isValid())
        result.rssAfterCloseKb = target.server.rssKb();

    result.ok = result.opened == options.connections
        && (result.serverCountedConnections < 0 || result.serverCountedConnections >= options.connections);
    if (!result.ok) {
        result.error = u"%1 of %2 connections opened (%3 failed), the server counted %4"_s.arg(result.opened)
                           .arg(options.connections)
                           .arg(result.failed)
                           .arg(result.serverCountedConnections);
    }
    return result;
}

void ConnsScenario::print(const Result &r)
{
    std::printf("conns: %d idle subscribers on '%s', %d handshakes in flight\n", r.options.connections,
        r.options.channel.constData(), r.options.window);
    std::printf("  handshakes      %d in %.3f s: %.0f per second (failed %d); handshake ms p50 %.2f p99 %.2f "
                "max %.2f\n",
        r.opened, r.seconds, r.handshakesPerSecond, r.failed, r.handshake.p50Ms, r.handshake.p99Ms,
        r.handshake.maxMs);
    if (r.bytesPerConnection >= 0) {
        std::printf(
            "  server RSS      %lld KiB before, %lld KiB with %d open: %.0f bytes per connection; %lld KiB "
            "after closing them\n",
            static_cast<long long>(r.rssBeforeKb), static_cast<long long>(r.rssAfterKb), r.opened,
            r.bytesPerConnection, static_cast<long long>(r.rssAfterCloseKb));
    } else {
        std::printf("  server RSS      unknown (no pid: pass --server-pid)\n");
    }
    std::printf(
        "  server counted  %d connections; server CPU %.1f us per handshake; bench %.0f%% of a core; other "
        "processes %.2f cores\n",
        r.serverCountedConnections, r.serverUsPerHandshake, r.toolCpuPercent, r.otherCores);
    std::printf("  closing         the server counted them gone %s after the close frames were sent\n",
        r.releaseSeconds < 0 ? "not within 10 minutes"
                             : qPrintable(u"%1 s"_s.arg(r.releaseSeconds, 0, 'f', 2)));
    for (const QString &note : r.notes)
        std::printf("  note: %s\n", qPrintable(note));
    if (!r.error.isEmpty())
        std::printf("  FAILED: %s\n", qPrintable(r.error));
    std::fflush(stdout);
}

} // namespace pulso::bench
