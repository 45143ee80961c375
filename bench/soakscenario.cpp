// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "soakscenario.h"

#include "httpconnection.h"
#include "subscriberpool.h"
#include "waituntil.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

/// How long after a reading was due its deliveries must have arrived before the missing ones count as lost
/// in the running total (the final count waits until nothing arrives any more).
constexpr qint64 GraceNs = 5'000'000'000;

/// Parses the non-negative JSON number after `key` in `text` as an integer, -1 when absent or not integral.
/// Qt's JSON writer prints some integral doubles with an exponent ("valor":1e+05), so this reads exponents.
qint64 numberAfter(QByteArrayView text, QByteArrayView key, bool last = false)
{
    const qsizetype found = last ? text.lastIndexOf(key) : text.indexOf(key);
    if (found < 0)
        return -1;
    const qsizetype start = found + key.size();
    qsizetype end = start;
    while (end < text.size()
        && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.' || text[end] == 'e' || text[end] == 'E'
            || text[end] == '+' || text[end] == '-'))
        ++end;
    if (end == start)
        return -1;
    const std::string digits(text.data() + start, std::size_t(end - start));
    char *stop = nullptr;
    const double value = std::strtod(digits.c_str(), &stop);
    if (stop != digits.c_str() + digits.size() || !(value >= 0) || value > 9.0e15
        || value != std::floor(value))
        return -1;
    return qint64(value);
}

void printSample(const SoakScenario::Sample &s, double intervalSeconds)
{
    std::printf(
        "  %6.0f s  %6.0f readings/s  %8.0f deliveries/s  p50 %6.2f  p99 %7.2f  max %8.2f ms  lost %llu  "
        "RSS %7.1f MB  server %3.0f%% (waited %3.0f%%)  bench waited %3.0f%%  other %.2f cores\n",
        s.atSeconds, double(s.readings) / intervalSeconds, double(s.deliveries) / intervalSeconds,
        s.latency.p50Ms, s.latency.p99Ms, s.latency.maxMs, static_cast<unsigned long long>(s.lostSoFar),
        double(s.rssKb) / 1024.0, s.serverCpuPercent, s.serverWaitPercent, s.benchWaitPercent, s.otherCores);
    std::fflush(stdout);
}

} // namespace

SoakScenario::Result SoakScenario::run(const Target &target, const Options &options)
{
    Result result;
    result.options = options;
    const int sensorCount = qMax(1, options.sensors);
    const int follow = qBound(1, options.follow, sensorCount);

    // Sensors to read from.
    HttpConnection setup(target.address, target.port);
    QList<qint64> sensorIds;
    QHash<qint64, int> sensorIndex;
    for (int i = 0; i < sensorCount; ++i) {
        const HttpConnection::Response r
            = blockingRequest(setup, "POST", "/api/v1/sensors", R"({"tipo":"temperatura","modelo":"soak"})");
        const qint64 id = QJsonDocument::fromJson(r.body).object().value(u"id"_s).toInteger(-1);
        if (r.status != 201 || id < 0) {
            result.error = u"cannot create sensor %1: HTTP %2 %3"_s.arg(i).arg(r.status).arg(
                QString::fromUtf8(r.body.left(200)));
            return result;
        }
        sensorIndex.insert(id, i);
        sensorIds.append(id);
    }

    // Client c follows sensors (c * follow + j) % sensors, j < follow: every sensor has the same number of
    // followers when clients * follow is a multiple of the sensor count.
    std::vector<std::vector<int>> follows(std::size_t(options.clients));
    std::vector<int> followers(std::size_t(sensorCount), 0);
    for (int c = 0; c < options.clients; ++c) {
        for (int j = 0; j < follow; ++j) {
            const int s = (c * follow + j) % sensorCount;
            follows[std::size_t(c)].push_back(s);
            ++followers[std::size_t(s)];
        }
    }

    const quint64 total = quint64(options.rate * options.seconds);
    std::vector<quint16> arrivals(total, 0);
    std::vector<qint64> dueNs(total, 0);
    std::vector<quint8> state(total, 0); // 0 not sent or in flight, 1 acknowledged, 2 refused
    std::vector<qint64> lastSeq(std::size_t(options.clients), 0);
    LatencyRecorder interval, overall;
    overall.reserve(std::size_t(double(total) * options.clients * follow / sensorCount));
    int subscribed = 0;
    quint64 delivered = 0;

    SubscriberPool pool;
    pool.setTarget(target.address, target.port, "/api/v1/ws?channel=readings&user_id=soak");
    pool.setMessageHandler([&](int client, QByteArrayView payload) {
        const qint64 now = nowNs();
        if (payload.contains("\"type\":\"subscribed\"")) {
            ++subscribed;
            return;
        }
        const qint64 index = numberAfter(payload, "\"valor\":");
        const qint64 sensor = numberAfter(payload, "\"sensor_id\":");
        if (index < 0 || quint64(index) >= total || sensor < 0
            || !payload.contains("\"event_type\":\"created\"")) {
            if (result.otherMessages++ == 0)
                result.notes << u"first unexpected message: "_s
                        + QString::fromUtf8(payload.first(qMin<qsizetype>(300, payload.size())));
            return;
        }
        const int s = sensorIndex.value(sensor, -1);
        const std::vector<int> &mine = follows[std::size_t(client)];
        if (s < 0 || std::find(mine.begin(), mine.end(), s) == mine.end())
            ++result.filterViolations;
        ++arrivals[std::size_t(index)];
        ++delivered;
        const qint64 latency = now - dueNs[std::size_t(index)];
        interval.add(latency);
        overall.add(latency);
        const qint64 seq = numberAfter(payload, "\"seq\":", true);
        qint64 &last = lastSeq[std::size_t(client)];
        if (seq >= 0) {
            if (seq <= last)
                ++result.outOfOrder;
            last = seq;
        }
    });
    pool.open(options.clients, options.window);
    waitUntil([&pool] { return pool.pending() == 0; }, 30000 + options.clients * 10);
    if (pool.openCount() != options.clients) {
        result.error = u"only %1 of %2 clients connected: %3"_s.arg(pool.openCount())
                           .arg(options.clients)
                           .arg(pool.errors().join(u"; "_s));
        pool.closeAll(2000);
        return result;
    }
    // Replace each client's subscription to readings with a filtered one.
    for (int c = 0; c < options.clients; ++c) {
        QByteArray ids;
        for (int s : follows[std::size_t(c)])
            ids += (ids.isEmpty() ? "" : ",") + QByteArray::number(sensorIds.at(s));
        pool.sendText(
            c, R"({"action":"subscribe","channel":"readings","filter":{"sensor_ids":[)" + ids + "]}}");
    }
    if (!waitUntil([&] { return subscribed >= options.clients; }, 30000)) {
        result.error
            = u"only %1 of %2 filtered subscriptions acknowledged"_s.arg(subscribed).arg(options.clients);
        pool.closeAll(2000);
        return result;
    }
    const double perReading = double(options.clients) * follow / sensorCount;
    std::printf(
        "soak: %d clients on 'readings', each filtered to %d of %d sensors (%.1f recipients per reading), "
        "%.0f readings/s in batches every %d ms over %d HTTP connections, %.0f s, a sample every %.0f s; "
        "%.0f deliveries/s expected\n",
        options.clients, follow, sensorCount, perReading, options.rate, options.batchMs,
        options.httpConnections, options.seconds, options.sampleSeconds, options.rate * perReading);
    std::printf(
        "  latency: from the moment a batch was due (its last reading's scheduled time) to delivery\n");
    std::fflush(stdout);
    runFor(200);

    // The load: every batchMs, the readings due so far in one POST /api/v1/readings/batch.
    std::vector<std::unique_ptr<HttpConnection>> http;
    for (int i = 0; i < qMax(1, options.httpConnections); ++i)
        http.push_back(std::make_unique<HttpConnection>(target.address, target.port));
    PhaseMeter meter(target.server);
    meter.start();
    const qint64 start = nowNs();
    const double intervalNs = 1e9 / options.rate;
    quint64 next = 0;
    int busy = 0;
    QString firstFailure;
    const auto sendDue = [&] {
        const qint64 now = nowNs();
        const quint64 due = std::min<quint64>(total, quint64(double(now - start) / intervalNs) + 1);
        for (auto &connection : http) {
            if (next >= due)
                break;
            if (connection->isBusy())
                continue;
            const quint64 first = next;
            const quint64 end = std::min<quint64>(due, first + 10000);
            const qint64 reference = start + qint64(double(end - 1) * intervalNs);
            QByteArray body = "[";
            for (quint64 i = first; i < end; ++i) {
                dueNs[std::size_t(i)] = reference;
                if (i != first)
                    body += ',';
                body += R"({"sensor_id":)" + QByteArray::number(sensorIds.at(int(i % quint64(sensorCount))))
                    + R"(,"valor":)" + QByteArray::number(i) + '}';
            }
            body += ']';
            next = end;
            ++busy;
            connection->send(
                "POST", "/api/v1/readings/batch", body, [&, first, end](const HttpConnection::Response &r) {
                    --busy;
                    const bool ok = r.status == 201;
                    for (quint64 i = first; i < end; ++i)
                        state[std::size_t(i)] = ok ? 1 : 2;
                    if (ok) {
                        result.readingsAcked += end - first;
                    } else {
                        ++result.batchFailures;
                        if (firstFailure.isEmpty())
                            firstFailure = r.status
                                ? u"HTTP %1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(200)))
                                : r.error;
                    }
                });
        }
    };
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, &pacer, sendDue);
    pacer.start(qMax(1, options.batchMs));

    // Samples.
    quint64 finalized = 0; // readings [0, finalized) are counted in lost/expected
    const auto finalizeUpTo = [&](qint64 olderThanNs, bool all) {
        while (finalized < next) {
            const std::size_t i = std::size_t(finalized);
            if (!all && (state[i] == 0 || dueNs[i] > olderThanNs))
                break;
            if (state[i] == 1) {
                const quint64 want = quint64(followers[std::size_t(i % std::size_t(sensorCount))]);
                result.expected += want;
                if (arrivals[i] < want)
                    result.lost += want - arrivals[i];
                else
                    result.duplicates += arrivals[i] - want;
            }
            ++finalized;
        }
    };
    quint64 lastAcked = 0, lastDelivered = 0;
    double lastServerCpu = target.server.isValid() ? target.server.cpuSeconds() : -1;
    double lastMachine = machineBusySeconds();
    double lastToolCpu = 0;
    const ProcessProbe self(QCoreApplication::applicationPid());
    double lastServerWait = target.server.isValid() ? target.server.runQueueWaitSeconds() : -1;
    double lastBenchWait = self.runQueueWaitSeconds();
    qint64 lastSampleNs = start;
    const auto takeSample = [&] {
        const qint64 now = nowNs();
        finalizeUpTo(now - GraceNs, false);
        Sample s;
        s.atSeconds = double(now - start) / 1e9;
        s.readings = result.readingsAcked - lastAcked;
        s.deliveries = delivered - lastDelivered;
        s.latency = interval.summarize();
        interval.clear();
        s.lostSoFar = result.lost;
        s.rssKb = target.server.isValid() ? target.server.rssKb() : -1;
        const double wall = double(now - lastSampleNs) / 1e9;
        const double serverCpu = target.server.isValid() ? target.server.cpuSeconds() : -1;
        const double machine = machineBusySeconds();
        const double toolCpu = meter.toolCpuSeconds();
        if (serverCpu >= 0 && lastServerCpu >= 0)
            s.serverCpuPercent = 100.0 * (serverCpu - lastServerCpu) / wall;
        const double serverWait = target.server.isValid() ? target.server.runQueueWaitSeconds() : -1;
        const double benchWait = self.runQueueWaitSeconds();
        if (serverWait >= 0 && lastServerWait >= 0)
            s.serverWaitPercent = 100.0 * (serverWait - lastServerWait) / wall;
        if (benchWait >= 0 && lastBenchWait >= 0)
            s.benchWaitPercent = 100.0 * (benchWait - lastBenchWait) / wall;
        lastServerWait = serverWait;
        lastBenchWait = benchWait;
        s.otherCores = qMax(0.0,
            (machine - lastMachine - (toolCpu - lastToolCpu) - qMax(0.0, serverCpu - lastServerCpu)) / wall);
        lastAcked = result.readingsAcked;
        lastDelivered = delivered;
        lastServerCpu = serverCpu;
        lastMachine = machine;
        lastToolCpu = toolCpu;
        printSample(s, wall);
        lastSampleNs = now;
        result.samples.append(s);
    };
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler, takeSample);
    sampler.start(int(options.sampleSeconds * 1000));

    waitUntil([&] { return next >= total && busy == 0; }, int(options.seconds * 1000) + 120000);
    pacer.stop();
    // Wait for the last deliveries: until all arrived, or nothing arrived for 5 s.
    quint64 expectedAll = 0;
    for (quint64 i = 0; i < next; ++i) {
        if (state[std::size_t(i)] == 1)
            expectedAll += quint64(followers[std::size_t(i % std::size_t(sensorCount))]);
    }
    qint64 lastProgress = nowNs();
    quint64 seen = delivered;
    waitUntil(
        [&] {
            if (delivered != seen) {
                seen = delivered;
                lastProgress = nowNs();
            }
            return delivered >= expectedAll || nowNs() - lastProgress > GraceNs;
        },
        60000);
    sampler.stop();
    takeSample();
    finalizeUpTo(0, true);

    result.seconds = double(nowNs() - start) / 1e9;
    result.delivered = delivered;
    result.unexpectedCloses = pool.unexpectedCloses();
    result.latency = overall.summarize();
    result.serverCpuPercent = meter.serverPercent();
    result.otherCores = meter.otherCores();
    for (const Sample &s : std::as_const(result.samples)) {
        if (s.rssKb < 0)
            continue;
        if (result.rssWarmKb < 0 && s.atSeconds >= options.warmupSeconds)
            result.rssWarmKb = s.rssKb;
        result.rssMaxKb = qMax(result.rssMaxKb, s.rssKb);
        result.rssEndKb = s.rssKb;
    }
    if (!firstFailure.isEmpty())
        result.notes << u"first refused batch: "_s + firstFailure;
    if (!pool.errors().isEmpty())
        result.notes << u"subscriber errors: "_s + pool.errors().join(u"; "_s);
    result.ok = result.lost == 0 && result.duplicates == 0 && result.outOfOrder == 0
        && result.filterViolations == 0 && result.batchFailures == 0 && result.readingsAcked == total;
    if (!result.ok)
        result.error = u"lost %1, duplicated %2, out of order %3, outside the filter %4 deliveries; %5 "
                       u"refused batches; "
                       "%6 of %7 readings acknowledged"_s.arg(result.lost)
                           .arg(result.duplicates)
                           .arg(result.outOfOrder)
                           .arg(result.filterViolations)
                           .arg(result.batchFailures)
                           .arg(result.readingsAcked)
                           .arg(total);
    pool.closeAll(5000);
    return result;
}

void SoakScenario::print(const Result &r)
{
    if (r.samples.isEmpty() && !r.error.isEmpty()) {
        std::printf("soak: FAILED: %s\n", qPrintable(r.error));
        return;
    }
    double p99Min = 0, p99Max = 0;
    bool any = false;
    for (const Sample &s : r.samples) {
        if (s.latency.count == 0)
            continue;
        p99Min = any ? qMin(p99Min, s.latency.p99Ms) : s.latency.p99Ms;
        p99Max = qMax(p99Max, s.latency.p99Ms);
        any = true;
    }
    std::printf("soak totals over %.0f s:\n", r.seconds);
    std::printf("  readings        %llu acknowledged, %llu batches refused\n",
        static_cast<unsigned long long>(r.readingsAcked), static_cast<unsigned long long>(r.batchFailures));
    std::printf(
        "  deliveries      %llu of %llu expected: lost %llu, duplicates %llu, out of order %llu, outside the "
        "filter %llu, other messages %llu, server closes %d\n",
        static_cast<unsigned long long>(r.delivered), static_cast<unsigned long long>(r.expected),
        static_cast<unsigned long long>(r.lost), static_cast<unsigned long long>(r.duplicates),
        static_cast<unsigned long long>(r.outOfOrder), static_cast<unsigned long long>(r.filterViolations),
        static_cast<unsigned long long>(r.otherMessages), r.unexpectedCloses);
    std::printf(
        "  latency ms      whole run p50 %.2f  p99 %.2f  max %.2f; p99 per sample from %.2f to %.2f\n",
        r.latency.p50Ms, r.latency.p99Ms, r.latency.maxMs, p99Min, p99Max);
    if (r.rssWarmKb > 0)
        std::printf(
            "  server RSS      %.1f MB after the %.0f s warm-up, %.1f MB at the end (%+.2f%%), max %.1f MB\n",
            r.rssWarmKb / 1024.0, r.options.warmupSeconds, r.rssEndKb / 1024.0,
            100.0 * double(r.rssEndKb - r.rssWarmKb) / double(r.rssWarmKb), r.rssMaxKb / 1024.0);
    std::printf("  cpu             server %.0f%% of a core; other processes %.2f cores\n", r.serverCpuPercent,
        r.otherCores);
    for (const QString &note : r.notes)
        std::printf("  note: %s\n", qPrintable(note));
    if (!r.error.isEmpty())
        std::printf("  FAILED: %s\n", qPrintable(r.error));
    std::fflush(stdout);
}

} // namespace pulso::bench
