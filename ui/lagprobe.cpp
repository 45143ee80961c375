// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lagprobe.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLag, "pulso.ui.lag", QtInfoMsg)

namespace pulso {

namespace {
constexpr int TickMs = 20;
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
    qCInfo(lcLag, "GUI event-loop lag over %d s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d ticks)",
        int(m_report->interval() / 1000), s.p50Ms, s.p99Ms, s.maxMs, s.samples);
}

} // namespace pulso
