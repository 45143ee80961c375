// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lagprobe.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <ctime>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLag, "pulso.ui.lag", QtInfoMsg)

namespace pulso {

namespace {

constexpr int TickMs = 20;

/// CPU time of the calling thread: tells the GUI thread's own work from time it waited for a CPU.
qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

LagProbe::LagProbe(int reportSeconds, QObject *parent)
    : QObject(parent), m_tick(new QTimer(this)), m_report(new QTimer(this))
{
    m_tick->setTimerType(Qt::PreciseTimer);
    m_tick->setInterval(TickMs);
    connect(m_tick, &QTimer::timeout, this, &LagProbe::handleTick);
    m_report->setInterval(qMax(1, reportSeconds) * 1000);
    connect(m_report, &QTimer::timeout, this, &LagProbe::report);
    m_clock.start();
    m_expectedNs = m_clock.nsecsElapsed() + qint64(TickMs) * 1000000;
    m_tick->start();
    m_report->start();
    if (auto *dispatcher = QAbstractEventDispatcher::instance(thread())) {
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &LagProbe::handleAwake);
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &LagProbe::handleAboutToBlock);
    }
}

LagProbe::~LagProbe()
{
    if (m_samples)
        m_samples->flush();
}

bool LagProbe::setSampleFile(const QString &path)
{
    delete m_samples;
    m_samples = new QFile(path, this);
    if (m_samples->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return true;
    qCWarning(lcLag) << "cannot write" << path << m_samples->errorString();
    delete m_samples;
    m_samples = nullptr;
    return false;
}

LagProbe *LagProbe::fromEnvironment(QObject *parent)
{
    if (!qEnvironmentVariableIsSet("PULSO_LAG_PROBE"))
        return nullptr;
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("PULSO_LAG_PROBE", &ok);
    qCInfo(lcLag) << "event-loop lag probe on, tick" << TickMs << "ms";
    auto *probe = new LagProbe(ok && seconds > 0 ? seconds : 5, parent);
    const QString file = qEnvironmentVariable("PULSO_LAG_PROBE_FILE");
    if (!file.isEmpty())
        probe->setSampleFile(file);
    if (const int traceMs = qEnvironmentVariableIntValue("PULSO_LAG_TRACE"); traceMs > 0) {
        // Every event of the GUI thread passes the application's filters: only while diagnosing.
        qCInfo(lcLag) << "tracing busy stretches over" << traceMs << "ms";
        probe->m_traceThresholdNs = qint64(traceMs) * 1000000;
        QCoreApplication::instance()->installEventFilter(probe);
    }
    return probe;
}

void LagProbe::handleTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    // How long after its due time the timer fired: the time the loop was busy with something else.
    const double lagMs = double(std::max<qint64>(0, now - m_expectedNs)) / 1e6;
    m_lagsMs.append(lagMs);
    m_expectedNs = now + qint64(TickMs) * 1000000;
    if (m_samples) {
        m_samples->write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' '
            + QByteArray::number(lagMs, 'f', 2) + '\n');
    }
}

LagProbe::Summary LagProbe::takeSummary()
{
    Summary s;
    if (m_lagsMs.isEmpty())
        return s;
    std::sort(m_lagsMs.begin(), m_lagsMs.end());
    s.samples = int(m_lagsMs.size());
    s.p50Ms = m_lagsMs.at(m_lagsMs.size() / 2);
    s.p99Ms = m_lagsMs.at(std::min<qsizetype>(m_lagsMs.size() - 1, m_lagsMs.size() * 99 / 100));
    s.maxMs = m_lagsMs.last();
    m_lagsMs.clear();
    return s;
}

void LagProbe::report()
{
    const Summary s = takeSummary();
    if (m_samples)
        m_samples->flush();
    qCInfo(lcLag,
        "GUI event-loop lag over %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d ticks); "
        "longest busy stretch %.1f ms (%.1f ms of GUI-thread CPU)",
        int(m_report->interval() / 1000), s.p50Ms, s.p99Ms, s.maxMs, s.samples, m_longestBusyMs,
        m_longestBusyCpuMs);
    m_longestBusyMs = 0;
    m_longestBusyCpuMs = 0;
}

void LagProbe::handleAwake()
{
    if (m_busySinceNs >= 0)
        return; // woken again without having waited: the same stretch
    m_busySinceNs = m_clock.nsecsElapsed();
    m_busyCpuSinceNs = threadCpuNs();
    m_deliveries.clear();
}

void LagProbe::handleAboutToBlock()
{
    if (m_busySinceNs < 0)
        return;
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpuNow = threadCpuNs();
    const qint64 busyNs = now - m_busySinceNs;
    const double busyMs = double(busyNs) / 1e6;
    if (busyMs > m_longestBusyMs) {
        m_longestBusyMs = busyMs;
        m_longestBusyCpuMs = double(cpuNow - m_busyCpuSinceNs) / 1e6;
    }
    if (m_traceThresholdNs > 0 && busyNs >= m_traceThresholdNs) {
        qCInfo(lcLag, "busy for %.1f ms (%.1f ms CPU), %d events:", busyMs,
            double(cpuNow - m_busyCpuSinceNs) / 1e6, int(m_deliveries.size()));
        // An event's time runs to the next event's start, so nested events (a paint inside an update request)
        // are listed in order, each with its own share.
        for (qsizetype i = 0; i < m_deliveries.size(); ++i) {
            const Delivery &d = m_deliveries.at(i);
            const bool last = i + 1 == m_deliveries.size();
            const qint64 endNs = last ? now : m_deliveries.at(i + 1).startNs;
            const qint64 endCpuNs = last ? cpuNow : m_deliveries.at(i + 1).cpuStartNs;
            if (endNs - d.startNs < 1000000)
                continue;
            qCInfo(lcLag, "  +%.1f ms: %.1f ms (%.1f ms CPU) %s(%s) event %d",
                double(d.startNs - m_busySinceNs) / 1e6, double(endNs - d.startNs) / 1e6,
                double(endCpuNs - d.cpuStartNs) / 1e6, d.className, qPrintable(d.objectName), d.type);
        }
    }
    m_busySinceNs = -1;
    m_deliveries.clear();
}

bool LagProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (m_busySinceNs < 0)
        handleAwake();
    Delivery d;
    d.startNs = m_clock.nsecsElapsed();
    d.cpuStartNs = threadCpuNs();
    d.className = watched->metaObject()->className();
    d.objectName = watched->objectName();
    // Timers and queued calls are named by their owner ("QTimer(<pulso::EventLogModel)").
    if ((event->type() == QEvent::Timer || event->type() == QEvent::MetaCall) && watched->parent())
        d.objectName += u'<' + QLatin1StringView(watched->parent()->metaObject()->className());
    d.type = int(event->type());
    m_deliveries.append(std::move(d));
    return false;
}

} // namespace pulso
