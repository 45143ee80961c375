// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpscenario.h"

#include "httpconnection.h"
#include "subscriberpool.h"
#include "waituntil.h"

#include <QSet>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace pulso::bench {

namespace {

HttpScenario::Phase runPhase(const Target &target, const HttpScenario::Options &options, const QString &name,
    const QByteArray &request, int itemsPerRequest)
{
    HttpScenario::Phase phase;
    phase.name = name;
    LatencyRecorder latency;
    std::vector<std::unique_ptr<HttpConnection>> connections;
    for (int i = 0; i < options.connections; ++i)
        connections.push_back(std::make_unique<HttpConnection>(target.address, target.port));
    // Open the connections first, so connection set-up is not in the measured figures.
    for (auto &c : connections)
        blockingRequest(*c, "GET", "/api/v1/ws/stats", {});

    PhaseMeter meter(target.server);
    meter.start();
    const qint64 deadline = nowNs() + qint64(options.seconds * 1e9);
    int busy = 0;
    std::function<void(HttpConnection *)> sendNext = [&](HttpConnection *c) {
        ++busy;
        c->sendRaw(request, [&, c](const HttpConnection::Response &r) {
            --busy;
            ++phase.requests;
            latency.add(r.latencyNs);
            if (r.status >= 200 && r.status < 300) {
                phase.items += quint64(itemsPerRequest);
            } else {
                ++phase.failures;
                if (phase.firstError.isEmpty())
                    phase.firstError = r.status
                        ? u"HTTP %1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(200)))
                        : r.error;
            }
            if (nowNs() < deadline)
                sendNext(c);
        });
    };
    for (auto &c : connections)
        sendNext(c.get());
    waitUntil([&busy] { return busy == 0; }, int(options.seconds * 1000) + 30000);
    phase.seconds = meter.wallSeconds();
    phase.serverCpuPercent = meter.serverPercent();
    phase.toolCpuPercent = meter.toolPercent();
    phase.otherCores = meter.otherCores();
    phase.requestsPerSecond = double(phase.requests) / phase.seconds;
    phase.itemsPerSecond = double(phase.items) / phase.seconds;
    phase.latency = latency.summarize();
    return phase;
}

/// One subscriber on `readings` that counts distinct `created` reading events by seq. When the server closes
/// it (a slow-consumer close, 1013), it reconnects with `?since=<last seq>`, as issue 6 tells clients to, so
/// the check "every acknowledged reading produced its event" holds whatever the server's send limits.
class ReadingWatcher final
{
public:
    explicit ReadingWatcher(const Target &target) : m_target(target)
    {
        m_pool.setMessageHandler([this](int, QByteArrayView payload) { handle(payload); });
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { resumeIfClosed(); });
    }

    bool open()
    {
        connectFrom(0);
        waitUntil([this] { return m_pool.pending() == 0; }, 10000);
        if (m_pool.openCount() != 1)
            return false;
        m_timer.start(50);
        return true;
    }
    void close()
    {
        m_timer.stop();
        m_pool.closeAll(3000);
    }
    quint64 events() const { return quint64(m_seqs.size()); }
    int resumes() const { return m_resumes; }
    QString errors() const { return m_pool.errors().join(u"; "_s); }

private:
    void connectFrom(qint64 since)
    {
        QByteArray resource = "/api/v1/ws?channel=readings&user_id=http-bench";
        if (since > 0)
            resource += "&since=" + QByteArray::number(since);
        m_pool.setTarget(m_target.address, m_target.port, resource);
        m_pool.open(1, 1);
    }
    void resumeIfClosed()
    {
        if (m_pool.openCount() == 0 && m_pool.pending() == 0) {
            ++m_resumes;
            connectFrom(m_lastSeq);
        }
    }
    void handle(QByteArrayView payload)
    {
        const qsizetype at = payload.lastIndexOf("\"seq\":");
        if (at < 0)
            return;
        qint64 seq = 0;
        for (qsizetype i = at + 6; i < payload.size() && payload[i] >= '0' && payload[i] <= '9'; ++i)
            seq = seq * 10 + (payload[i] - '0');
        m_lastSeq = qMax(m_lastSeq, seq);
        if (payload.contains("\"entity_type\":\"reading\"") && payload.contains("\"event_type\":\"created\""))
            m_seqs.insert(seq);
    }

    Target m_target;
    SubscriberPool m_pool;
    QTimer m_timer;
    QSet<qint64> m_seqs;
    qint64 m_lastSeq = 0;
    int m_resumes = 0;
};

qint64 idFromBody(const QByteArray &body)
{
    const qsizetype at = body.indexOf("\"id\":");
    if (at < 0)
        return -1;
    bool ok = false;
    const qint64 id = body.mid(at + 5, 20).split(',').value(0).split('}').value(0).trimmed().toLongLong(&ok);
    return ok ? id : -1;
}

} // namespace

const HttpScenario::Phase *HttpScenario::Result::phase(QStringView name) const
{
    for (const Phase &p : phases) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

HttpScenario::Result HttpScenario::run(const Target &target, const Options &options)
{
    Result result;
    result.options = options;
    HttpConnection setup(target.address, target.port);
    const HttpConnection::Response created
        = blockingRequest(setup, "POST", "/api/v1/sensors", R"({"tipo":"temperatura","modelo":"DHT22"})");
    if (created.status == 404 || created.status == 405) {
        result.skipped = true;
        result.ok = true;
        result.message
            = u"skipped: the server answers %1 to POST /api/v1/sensors (no sensor domain yet)"_s.arg(
                created.status);
        return result;
    }
    const qint64 sensorId = idFromBody(created.body);
    if (created.status / 100 != 2 || sensorId < 0) {
        result.message = u"cannot create a sensor: HTTP %1 %2 %3"_s.arg(created.status)
                             .arg(QString::fromUtf8(created.body.left(300)), created.error);
        return result;
    }

    // One subscriber on `readings`: every acknowledged reading must reach it.
    ReadingWatcher watcher(target);
    if (!watcher.open()) {
        result.message = u"cannot subscribe to readings: "_s + watcher.errors();
        return result;
    }

    const QByteArray id = QByteArray::number(sensorId);
    const QByteArray reading = R"({"sensor_id":)" + id + R"(,"valor":21.5})";
    QByteArray batch = "[";
    for (int i = 0; i < options.batchSize; ++i) {
        if (i)
            batch += ',';
        batch += reading;
    }
    batch += ']';

    result.phases.append(runPhase(target, options, u"GET /api/v1/sensors/{id}"_s,
        setup.request("GET", QByteArray("/api/v1/sensors/" + id), {}), 1));
    result.phases.append(runPhase(
        target, options, u"POST /api/v1/readings"_s, setup.request("POST", "/api/v1/readings", reading), 1));
    result.phases.append(runPhase(target, options, u"POST /api/v1/readings/batch"_s,
        setup.request("POST", "/api/v1/readings/batch", batch), options.batchSize));

    const HttpScenario::Phase &single = result.phases.at(1);
    const HttpScenario::Phase &batched = result.phases.at(2);
    result.readingsAcknowledged = single.items + batched.items;
    quint64 last = 0;
    qint64 lastProgress = nowNs();
    waitUntil(
        [&] {
            if (watcher.events() != last) {
                last = watcher.events();
                lastProgress = nowNs();
            }
            return watcher.events() >= result.readingsAcknowledged || nowNs() - lastProgress > 5000000000LL;
        },
        300000);
    result.readingEvents = watcher.events();
    result.lostEvents = result.readingEvents >= result.readingsAcknowledged
        ? 0
        : result.readingsAcknowledged - result.readingEvents;
    result.watcherResumes = watcher.resumes();
    result.watcherErrors = watcher.errors();
    watcher.close();

    result.ok = result.lostEvents == 0;
    for (const Phase &p : result.phases) {
        if (p.failures > 0) {
            result.ok = false;
            result.message = u"%1: %2 failed requests (%3)"_s.arg(p.name).arg(p.failures).arg(p.firstError);
        }
    }
    if (result.lostEvents > 0)
        result.message = u"%1 acknowledged readings never produced an event"_s.arg(result.lostEvents);
    return result;
}

void HttpScenario::print(const Result &r)
{
    std::printf("http: %d keep-alive connections, %g s per endpoint, batches of %d readings\n",
        r.options.connections, r.options.seconds, r.options.batchSize);
    if (r.skipped) {
        std::printf("  %s\n", qPrintable(r.message));
        std::fflush(stdout);
        return;
    }
    std::printf("  %-30s %10s %10s %12s %8s %8s %8s %8s %7s %6s\n", "endpoint", "requests", "req/s",
        "items/s", "p50 ms", "p99 ms", "failed", "server%", "bench%", "other");
    for (const Phase &p : r.phases) {
        std::printf("  %-30s %10llu %10.0f %12.0f %8.2f %8.2f %8llu %8.0f %7.0f %6.2f\n", qPrintable(p.name),
            static_cast<unsigned long long>(p.requests), p.requestsPerSecond, p.itemsPerSecond,
            p.latency.p50Ms, p.latency.p99Ms, static_cast<unsigned long long>(p.failures), p.serverCpuPercent,
            p.toolCpuPercent, p.otherCores);
    }
    if (r.watcherResumes > 0) {
        std::printf("  the server closed the readings subscriber %d time(s) (%s); it resumed with ?since=\n",
            r.watcherResumes, qPrintable(r.watcherErrors));
    }
    std::printf("  readings acknowledged %llu, reading events received %llu, lost %llu\n",
        static_cast<unsigned long long>(r.readingsAcknowledged),
        static_cast<unsigned long long>(r.readingEvents), static_cast<unsigned long long>(r.lostEvents));
    if (!r.ok)
        std::printf("  FAILED: %s\n", qPrintable(r.message));
    std::fflush(stdout);
}

} // namespace pulso::bench
