// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>

class QTimer;

namespace pulso {

/// Measures how late the GUI thread's event loop runs a timer (its "lag"), for the benchmark. Started by
/// the console when PULSO_LAG_PROBE is set; reports every `PULSO_LAG_PROBE` seconds (default 5) on stderr
/// through the pulso.ui.lag logging category.
class LagProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagProbe)

public:
    struct Summary
    {
        int samples = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        double maxMs = 0;
    };

    explicit LagProbe(int reportSeconds, QObject *parent = nullptr);

    /// Creates and starts a probe if the environment asks for one.
    static LagProbe *fromEnvironment(QObject *parent);
    Summary takeSummary();

private:
    void handleTick();
    void report();

    QTimer *m_tick;
    QTimer *m_report;
    QElapsedTimer m_clock;
    qint64 m_expectedNs = 0;
    QList<double> m_lagsMs;
    Summary m_total;
};

} // namespace pulso
