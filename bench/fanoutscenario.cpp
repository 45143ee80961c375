// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fanoutscenario.h"

#include "eventtracker.h"
#include "subscriberpool.h"
#include "testeventtrigger.h"
#include "waituntil.h"

#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace pulso::bench {

FanoutScenario::Result FanoutScenario::run(const Target &target, const Options &options)
{
    Result result;
    result.options = options;
    SubscriberPool pool;
    pool.setTarget(target.address, target.port, "/api/v1/ws?channel=" + options.channel + "&user_id=bench");
    pool.open(options.subscribers, options.window);
    waitUntil([&pool] { return pool.pending() == 0; }, 30000 + options.subscribers * 10);
    if (pool.openCount() != options.subscribers) {
        result.error = u"only %1 of %2 subscribers connected: %3"_s.arg(pool.openCount())
                           .arg(options.subscribers)
                           .arg(pool.errors().join(u"; "_s));
        pool.closeAll(2000);
        return result;
    }
    // Stalled clients: subscribed like the others, but they never read a byte after the handshake.
    std::vector<std::unique_ptr<StalledClient>> stalled;
    for (int i = 0; i < options.stalled; ++i) {
        auto client = std::make_unique<StalledClient>();
        QString error;
        if (!client->open(target.address, target.port,
                "/api/v1/ws?channel=" + options.channel + "&user_id=bench-stalled", &error)) {
            result.error = u"stalled client %1 did not connect: %2"_s.arg(i).arg(error);
            pool.closeAll(2000);
            return result;
        }
        stalled.push_back(std::move(client));
    }
    runFor(200); // let the server finish its per-connection bookkeeping before the clock starts

    EventTracker tracker(options.subscribers, options.events);
    pool.setMessageHandler(
        [&tracker](int subscriber, QByteArrayView payload) { tracker.handle(subscriber, payload); });
    const int connections = options.rate > 0 ? qMax(options.inflight, 4) : options.inflight;
    TestEventTrigger trigger(target.address, target.port, options.channel, connections);
    PhaseMeter meter(target.server);
    meter.start();
    // Server memory over the run, once a second (issue 6: "the server's memory flat").
    QTimer rssTimer;
    const auto sampleRss = [&] {
        if (target.server.isValid())
            result.rssKb.append(target.server.rssKb());
    };
    QObject::connect(&rssTimer, &QTimer::timeout, &rssTimer, sampleRss);
    sampleRss();
    rssTimer.start(1000);

    int next = 0;
    const qint64 start = nowNs();
    QTimer pacer;
    if (options.rate <= 0) {
        const auto fill = [&] {
            while (next < options.events && trigger.hasFreeConnection()) {
                trigger.fire(tracker.message(next, nowNs(), options.eventBytes));
                ++next;
            }
        };
        trigger.setAckHandler(fill);
        fill();
    } else {
        // Fixed rate: each event carries its *scheduled* send time, so a server that cannot keep up shows
        // in the latency instead of silently slowing the schedule (no coordinated omission).
        const double intervalNs = 1e9 / options.rate;
        const auto sendDue = [&] {
            const qint64 now = nowNs();
            while (next < options.events && double(now - start) >= double(next) * intervalNs
                && trigger.hasFreeConnection()) {
                trigger.fire(
                    tracker.message(next, start + qint64(double(next) * intervalNs), options.eventBytes));
                ++next;
            }
        };
        pacer.setTimerType(Qt::PreciseTimer);
        pacer.setInterval(qBound(1, int(1000 / options.rate), 10));
        QObject::connect(&pacer, &QTimer::timeout, &pacer, sendDue);
        trigger.setAckHandler(sendDue);
        pacer.start();
        sendDue();
    }

    qint64 lastProgressNs = nowNs();
    quint64 lastDelivered = 0;
    const bool done = waitUntil(
        [&] {
            if (tracker.delivered() != lastDelivered) {
                lastDelivered = tracker.delivered();
                lastProgressNs = nowNs();
            }
            const bool allFinished = next >= options.events && trigger.finished() >= options.events;
            if (allFinished && tracker.complete())
                return true;
            // Stop waiting once nothing has arrived for quietMs after every trigger was answered.
            return allFinished && nowNs() - lastProgressNs > qint64(options.quietMs) * 1000000;
        },
        3600 * 1000);
    pacer.stop();
    rssTimer.stop();
    sampleRss();
    if (!result.rssKb.isEmpty()) {
        result.rssStartKb = result.rssKb.constFirst();
        result.rssEndKb = result.rssKb.constLast();
        result.rssMaxKb = *std::max_element(result.rssKb.cbegin(), result.rssKb.cend());
    }
    for (const auto &client : stalled)
        result.stalled.append(client->drain(1000));
    if (!done)
        result.notes << u"gave up waiting after an hour"_s;
    // Diagnostic: one line per event (first and last arrival), to line a latency tail up with server
    // activity.
    if (const QString log = qEnvironmentVariable("PULSO_BENCH_EVENT_LOG"); !log.isEmpty()) {
        if (!tracker.writeEventLog(log))
            result.notes << u"could not write the event log %1"_s.arg(log);
    }

    result.seconds = double(tracker.lastDeliveryNs() - trigger.firstSendNs()) / 1e9;
    result.toolCpuPercent = 100.0 * meter.toolCpuSeconds() / qMax(1e-9, meter.wallSeconds());
    const double serverCpu = meter.serverCpuSeconds();
    result.serverCpuPercent = meter.serverPercent();
    result.otherCores = meter.otherCores();
    result.expected = tracker.expected();
    result.delivered = tracker.delivered();
    result.lost = tracker.lost();
    result.duplicates = tracker.duplicates();
    result.outOfOrder = tracker.outOfOrder();
    result.otherMessages = tracker.otherMessages();
    result.serverRecipients = trigger.recipients();
    result.triggerFailures = trigger.failures();
    result.unexpectedCloses = pool.unexpectedCloses();
    result.averageEventBytes = tracker.averagePayloadBytes();
    result.deliveriesPerSecond = result.seconds > 0 ? double(result.delivered) / result.seconds : 0;
    result.eventsPerSecond = result.seconds > 0 ? double(trigger.acked()) / result.seconds : 0;
    if (serverCpu >= 0 && result.delivered > 0)
        result.serverUsPerDelivery = serverCpu * 1e6 / double(result.delivered);
    result.latency = tracker.latency().summarize();
    if (!trigger.errors().isEmpty())
        result.notes << u"trigger errors: "_s + trigger.errors().join(u"; "_s);
    if (!pool.errors().isEmpty())
        result.notes << u"subscriber errors: "_s + pool.errors().join(u"; "_s);
    result.ok
        = result.lost == 0 && result.duplicates == 0 && result.outOfOrder == 0 && result.triggerFailures == 0;
    if (!result.ok && result.error.isEmpty())
        result.error
            = u"lost %1, duplicated %2, out of order %3 deliveries; %4 trigger failures"_s.arg(result.lost)
                  .arg(result.duplicates)
                  .arg(result.outOfOrder)
                  .arg(result.triggerFailures);
    pool.closeAll(5000);
    return result;
}

void FanoutScenario::print(const Result &r)
{
    const Options &o = r.options;
    std::printf("fanout: %d subscribers%s on '%s', %d events of ~%.0f bytes, %s\n", o.subscribers,
        o.stalled > 0 ? qPrintable(u" + %1 stalled (never read)"_s.arg(o.stalled)) : "",
        o.channel.constData(), o.events, r.averageEventBytes,
        o.rate > 0 ? qPrintable(u"fixed rate %1/s"_s.arg(o.rate))
                   : qPrintable(u"as fast as acknowledged (%1 in flight)"_s.arg(o.inflight)));
    std::printf("  deliveries      %llu of %llu in %.3f s: %.0f deliveries/s (%.1f events/s)\n",
        static_cast<unsigned long long>(r.delivered), static_cast<unsigned long long>(r.expected), r.seconds,
        r.deliveriesPerSecond, r.eventsPerSecond);
    std::printf("  latency ms      p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  max %.2f  (mean %.2f)\n",
        r.latency.p50Ms, r.latency.p90Ms, r.latency.p95Ms, r.latency.p99Ms, r.latency.maxMs,
        r.latency.meanMs);
    std::printf(
        "  lost deliveries: %llu  (duplicates %llu, out of order %llu, server-reported recipients %llu, "
        "other messages %llu)\n",
        static_cast<unsigned long long>(r.lost), static_cast<unsigned long long>(r.duplicates),
        static_cast<unsigned long long>(r.outOfOrder), static_cast<unsigned long long>(r.serverRecipients),
        static_cast<unsigned long long>(r.otherMessages));
    std::printf("  cpu             bench %.0f%% of a core; other processes %.2f cores; server %s\n",
        r.toolCpuPercent, r.otherCores,
        r.serverCpuPercent < 0
            ? "unknown (no pid)"
            : qPrintable(u"%1% of a core, %2 us per delivery"_s.arg(r.serverCpuPercent, 0, 'f', 0)
                             .arg(r.serverUsPerDelivery, 0, 'f', 2)));
    if (r.rssStartKb >= 0) {
        std::printf("  server RSS      start %.1f MB, max %.1f MB, end %.1f MB (%+.1f%%)\n",
            r.rssStartKb / 1024.0, r.rssMaxKb / 1024.0, r.rssEndKb / 1024.0,
            r.rssStartKb > 0 ? 100.0 * double(r.rssEndKb - r.rssStartKb) / double(r.rssStartKb) : 0.0);
        if (o.stalled > 0 || r.rssKb.size() <= 120) {
            QStringList series;
            for (qint64 kb : r.rssKb)
                series << QString::number(double(kb) / 1024.0, 'f', 1);
            std::printf("  server RSS MB, once a second: %s\n", qPrintable(series.join(u' ')));
        }
    }
    for (qsizetype i = 0; i < r.stalled.size(); ++i) {
        const StalledClient::Outcome &s = r.stalled.at(i);
        std::printf("  stalled client %lld: %s; %lld bytes were waiting for it when it finally read\n",
            static_cast<long long>(i),
            s.closedByServer ? qPrintable(
                u"closed by the server (close code %1 \"%2\")"_s.arg(s.closeCode).arg(s.closeReason))
                             : "still open at the end",
            static_cast<long long>(s.bytesRead));
    }
    for (const QString &note : r.notes)
        std::printf("  note: %s\n", qPrintable(note));
    if (!r.error.isEmpty())
        std::printf("  FAILED: %s\n", qPrintable(r.error));
    std::fflush(stdout);
}

} // namespace pulso::bench
