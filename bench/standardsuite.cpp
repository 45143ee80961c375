// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "standardsuite.h"

#include "serverstats.h"
#include "waituntil.h"

#include <QList>
#include <QLocale>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

struct Row
{
    QString figure;
    QString target;
    QString measured;
    QString met; ///< "yes", "NO" or "-" (not measured)
};

QString number(double value, int decimals = 0)
{
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QString verdict(bool known, bool met)
{
    return known ? (met ? u"yes"_s : u"NO"_s) : u"-"_s;
}

void printTable(const QList<Row> &rows)
{
    qsizetype w[3] = {6, 6, 8};
    for (const Row &r : rows) {
        w[0] = qMax(w[0], r.figure.size());
        w[1] = qMax(w[1], r.target.size());
        w[2] = qMax(w[2], r.measured.size());
    }
    const auto line = [&](const QString &a, const QString &b, const QString &c, const QString &d) {
        std::printf("| %s | %s | %s | %s |\n", qPrintable(a.leftJustified(w[0])),
            qPrintable(b.leftJustified(w[1])), qPrintable(c.leftJustified(w[2])),
            qPrintable(d.leftJustified(4)));
    };
    line(u"figure"_s, u"target"_s, u"measured"_s, u"met"_s);
    std::printf("|%s|%s|%s|%s|\n", QByteArray(w[0] + 2, '-').constData(),
        QByteArray(w[1] + 2, '-').constData(), QByteArray(w[2] + 2, '-').constData(),
        QByteArray(6, '-').constData());
    for (const Row &r : rows)
        line(r.figure, r.target, r.measured, r.met);
}

} // namespace

StandardSuite::Options StandardSuite::Options::defaults(bool quick)
{
    Options o;
    o.quick = quick;
    o.throughput.subscribers = 1000;
    o.throughput.events = 2000;
    o.throughput.inflight = 4;
    o.latency.subscribers = 1000;
    o.latency.rate = 100;
    o.latency.events = 1000; // 10 s at 100 events/s
    if (quick) {
        o.conns.connections = 50;
        o.conns.warmup = 10;
        o.throughput.subscribers = 20;
        o.throughput.events = 100;
        o.latency.subscribers = 20;
        o.latency.events = 50;
        o.ramp.steps = {10, 50};
        o.ramp.burst = 3;
        o.http.connections = 4;
        o.http.seconds = 0.5;
        o.http.batchSize = 10;
        o.noise.seconds = 0.5;
    }
    return o;
}

int StandardSuite::run(const Target &target, const Options &options)
{
    const auto section = [](const char *title) {
        std::printf("\n== %s ==\n", title);
        std::fflush(stdout);
    };
    // Each scenario starts once the server has let go of the previous one's connections.
    const int idleConnections = qMax(0, serverConnectionCount(target));
    const auto settle = [&target, idleConnections] {
        const double waited = waitForConnectionsAtMost(target, idleConnections, 600000);
        if (waited < 0)
            std::printf("(the server still counts the previous scenario's connections after 10 minutes)\n");
        else if (waited > 1)
            std::printf(
                "(waited %.1f s for the server to drop the previous scenario's connections)\n", waited);
        runFor(1000);
    };
    // First, with the server idle: how steady the machine itself is (latency tails sit on top of it).
    section("noise");
    const MachineNoise::Result noise = MachineNoise::run(options.noise);
    MachineNoise::print(noise);
    section("conns");
    const ConnsScenario::Result conns = ConnsScenario::run(target, options.conns);
    ConnsScenario::print(conns);
    settle();
    section("fanout, as fast as acknowledged");
    const FanoutScenario::Result throughput = FanoutScenario::run(target, options.throughput);
    FanoutScenario::print(throughput);
    settle();
    section("fanout, fixed rate");
    const FanoutScenario::Result latency = FanoutScenario::run(target, options.latency);
    FanoutScenario::print(latency);
    settle();
    section("ramp");
    const RampScenario::Result ramp = RampScenario::run(target, options.ramp);
    RampScenario::print(ramp);
    settle();
    section("http");
    const HttpScenario::Result http = HttpScenario::run(target, options.http);
    HttpScenario::print(http);

    QList<Row> rows;
    const bool tp = throughput.error.isEmpty() || throughput.delivered > 0;
    rows.append({u"deliveries/s, %1 subscribers, ~%2-byte events"_s.arg(options.throughput.subscribers)
                     .arg(number(throughput.averageEventBytes)),
        u">= 200,000"_s, tp ? number(throughput.deliveriesPerSecond) : u"failed"_s,
        verdict(tp, throughput.deliveriesPerSecond >= 200000)});
    rows.append({u"p99 latency, %1 subscribers at %2 events/s"_s.arg(options.latency.subscribers)
                     .arg(number(options.latency.rate)),
        u"< 10 ms"_s, u"%1 ms"_s.arg(number(latency.latency.p99Ms, 2)),
        verdict(latency.delivered > 0, latency.latency.p99Ms < 10)});
    const RampScenario::Step *lastStep = ramp.steps.isEmpty() ? nullptr : &ramp.steps.last();
    rows.append({u"subscribers held, p95 of a %1-broadcast burst < %2 ms"_s.arg(options.ramp.burst)
                     .arg(number(options.ramp.thresholdMs)),
        u">= 15,000"_s,
        number(ramp.largestHeld)
            + (lastStep && !lastStep->held
                    ? u" (p95 %1 ms at %2)"_s.arg(number(lastStep->latency.p95Ms)).arg(lastStep->subscribers)
                    : QString()),
        verdict(!ramp.steps.isEmpty(), ramp.largestHeld >= 15000)});
    rows.append({u"server RSS per idle connection"_s, u"< 8 KB"_s,
        conns.bytesPerConnection >= 0 ? u"%1 KB"_s.arg(number(conns.bytesPerConnection / 1024, 1))
                                      : u"unknown"_s,
        verdict(conns.bytesPerConnection >= 0, conns.bytesPerConnection < 8192)});
    rows.append({u"handshakes per second"_s, u">= 10,000"_s, number(conns.handshakesPerSecond),
        verdict(conns.opened > 0, conns.handshakesPerSecond >= 10000)});
    const auto httpRow = [&](QStringView name, double minRate, const QString &target) {
        const HttpScenario::Phase *p = http.phase(name);
        if (!p) {
            rows.append({name.toString(), target, http.skipped ? u"skipped (404)"_s : u"not run"_s, u"-"_s});
            return;
        }
        rows.append({name.toString() + u" (req/s, p99)"_s, target,
            u"%1/s, p99 %2 ms"_s.arg(number(p->requestsPerSecond)).arg(number(p->latency.p99Ms, 2)),
            verdict(true, p->failures == 0 && p->requestsPerSecond >= minRate && p->latency.p99Ms < 5)});
    };
    httpRow(u"GET /api/v1/sensors/{id}", 20000, u">= 20,000/s, p99 < 5 ms"_s);
    httpRow(u"POST /api/v1/readings", 10000, u">= 10,000/s, p99 < 5 ms"_s);
    if (const HttpScenario::Phase *p = http.phase(u"POST /api/v1/readings/batch")) {
        rows.append({u"readings/s through /readings/batch (issue 3)"_s, u">= 200,000"_s,
            number(p->itemsPerSecond), verdict(true, p->failures == 0 && p->itemsPerSecond >= 200000)});
    } else {
        rows.append({u"readings/s through /readings/batch (issue 3)"_s, u">= 200,000"_s,
            http.skipped ? u"skipped (404)"_s : u"not run"_s, u"-"_s});
    }
    quint64 lost = throughput.lost + latency.lost + http.lostEvents;
    for (const RampScenario::Step &s : ramp.steps)
        lost += s.lost;
    rows.append(
        {u"lost deliveries, all scenarios"_s, u"0"_s, number(double(lost)), verdict(true, lost == 0)});
    rows.append({u"server busy dropping %1 closed connections"_s.arg(number(conns.opened)), u"(info)"_s,
        conns.releaseSeconds >= 0 ? u"%1 s"_s.arg(number(conns.releaseSeconds, 1)) : u"over 10 minutes"_s,
        u"-"_s});
    rows.append({u"server CPU per delivery (%1 subscribers)"_s.arg(number(options.throughput.subscribers)),
        u"(info)"_s,
        throughput.serverUsPerDelivery >= 0 ? u"%1 us"_s.arg(number(throughput.serverUsPerDelivery, 2))
                                            : u"unknown"_s,
        u"-"_s});
    rows.append({u"machine steadiness: p99 / fastest of a fixed %1 us of work"_s.arg(qRound(noise.fastestUs)),
        u"(info; 1.0 = steady)"_s,
        u"%1x (%2% of tries over 2x)"_s.arg(number(noise.p99Us / qMax(noise.fastestUs, 1.0), 1))
            .arg(number(100 * noise.slowShare, 1)),
        u"-"_s});
    rows.append({u"bench CPU during fan-out (its own core)"_s, u"(info)"_s,
        u"%1% of a core"_s.arg(number(throughput.toolCpuPercent)), u"-"_s});

    section(options.quick ? "summary (quick run: sizes too small to compare with the targets)" : "summary");
    printTable(rows);
    std::fflush(stdout);

    const bool ok = conns.ok && throughput.ok && latency.ok && ramp.ok && http.ok;
    if (!ok) {
        std::printf("\nFAILED:");
        for (const QString &e :
            {conns.error, throughput.error, latency.error, ramp.error, http.ok ? QString() : http.message}) {
            if (!e.isEmpty())
                std::printf(" [%s]", qPrintable(e));
        }
        std::printf("\n");
    }
    return ok ? 0 : 1;
}

} // namespace pulso::bench
