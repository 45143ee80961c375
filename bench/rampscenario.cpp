// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rampscenario.h"

#include "eventtracker.h"
#include "subscriberpool.h"
#include "testeventtrigger.h"
#include "waituntil.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

void runBurst(const Target &target, const RampScenario::Options &options, SubscriberPool &pool,
    RampScenario::Step &step)
{
    EventTracker tracker(pool.size(), options.burst);
    pool.setMessageHandler(
        [&tracker](int subscriber, QByteArrayView payload) { tracker.handle(subscriber, payload); });
    TestEventTrigger trigger(target.address, target.port, options.channel, options.burst);
    PhaseMeter meter(target.server);
    meter.start();
    for (int i = 0; i < options.burst; ++i)
        trigger.fire(tracker.message(i, nowNs(), options.eventBytes));
    qint64 lastProgressNs = nowNs();
    quint64 lastDelivered = 0;
    waitUntil(
        [&] {
            if (tracker.delivered() != lastDelivered) {
                lastDelivered = tracker.delivered();
                lastProgressNs = nowNs();
            }
            const bool answered = trigger.finished() >= options.burst;
            if (answered && tracker.complete())
                return true;
            return answered && nowNs() - lastProgressNs > qint64(options.quietMs) * 1000000;
        },
        600 * 1000);
    pool.setMessageHandler({});
    step.expected = tracker.expected();
    step.delivered = tracker.delivered();
    step.lost = tracker.lost();
    step.latency = tracker.latency().summarize();
    step.burstSeconds = double(tracker.lastDeliveryNs() - trigger.firstSendNs()) / 1e9;
    step.toolCpuPercent = meter.toolPercent();
    step.otherCores = meter.otherCores();
    const double serverCpu = meter.serverCpuSeconds();
    if (serverCpu >= 0 && step.delivered > 0)
        step.serverUsPerDelivery = serverCpu * 1e6 / double(step.delivered);
    if (trigger.failures() > 0)
        step.error = u"trigger failed: "_s + trigger.errors().join(u"; "_s);
    else if (step.lost > 0)
        step.error = u"%1 deliveries lost"_s.arg(step.lost);
}

} // namespace

RampScenario::Result RampScenario::run(const Target &target, const Options &options)
{
    Result result;
    result.options = options;
    result.ok = true;
    if (target.server.isValid())
        result.serverFileLimit = target.server.openFileLimit();
    SubscriberPool pool;
    pool.setTarget(target.address, target.port, "/api/v1/ws?channel=" + options.channel + "&user_id=ramp");
    for (int count : options.steps) {
        Step step;
        step.subscribers = count;
        const int more = count - pool.openCount();
        const qint64 t0 = nowNs();
        pool.open(more, options.window);
        waitUntil([&pool] { return pool.pending() == 0; }, 60000 + more * 10);
        step.connectSeconds = double(nowNs() - t0) / 1e9;
        step.connected = pool.openCount() == count && pool.size() == count;
        if (!step.connected) {
            step.error = u"only %1 of %2 subscribers open: %3"_s.arg(pool.openCount())
                             .arg(count)
                             .arg(pool.errors().join(u"; "_s));
            if (result.serverFileLimit >= 0 && result.serverFileLimit < count + 64)
                step.error += u" (the server's open-file limit is %1)"_s.arg(result.serverFileLimit);
            result.steps.append(step);
            result.ok = false;
            result.error = step.error;
            break;
        }
        runFor(300);
        runBurst(target, options, pool, step);
        step.held = step.error.isEmpty() && step.latency.p95Ms <= options.thresholdMs;
        result.steps.append(step);
        if (!step.error.isEmpty()) {
            result.ok = false;
            result.error = step.error;
            break;
        }
        if (!step.held)
            break;
        result.largestHeld = count;
    }
    pool.closeAll(10000);
    return result;
}

void RampScenario::print(const Result &r)
{
    std::printf("ramp: steps of subscribers on '%s', a burst of %d broadcasts (~%d bytes) each, threshold "
                "p95 %.0f ms\n",
        r.options.channel.constData(), r.options.burst, r.options.eventBytes, r.options.thresholdMs);
    std::printf("  %11s %10s %9s %9s %9s %9s %8s %10s %8s %6s %s\n", "subscribers", "connect s", "p50 ms",
        "p95 ms", "p99 ms", "max ms", "lost", "us/deliv", "bench%", "other", "held");
    for (const Step &s : r.steps) {
        std::printf("  %11d %10.2f %9.1f %9.1f %9.1f %9.1f %8llu %10.2f %8.0f %6.2f %s\n", s.subscribers,
            s.connectSeconds, s.latency.p50Ms, s.latency.p95Ms, s.latency.p99Ms, s.latency.maxMs,
            static_cast<unsigned long long>(s.lost), s.serverUsPerDelivery, s.toolCpuPercent, s.otherCores,
            s.held ? "yes" : "NO");
        if (!s.error.isEmpty())
            std::printf("              %s\n", qPrintable(s.error));
    }
    std::printf("  largest step held: %d subscribers%s\n", r.largestHeld,
        r.serverFileLimit >= 0 ? qPrintable(u" (server open-file limit %1)"_s.arg(r.serverFileLimit)) : "");
    if (!r.error.isEmpty())
        std::printf("  FAILED: %s\n", qPrintable(r.error));
    std::fflush(stdout);
}

} // namespace pulso::bench
