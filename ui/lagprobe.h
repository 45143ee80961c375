// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>

class QFile;
class QTimer;

namespace pulso {

/// Measures how late the GUI thread's event loop runs a timer (its "lag"), for the benchmark. Started by
/// the console when PULSO_LAG_PROBE is set; reports every `PULSO_LAG_PROBE` seconds (default 5) on stderr
/// through the pulso.ui.lag logging category. With PULSO_LAG_PROBE_FILE=<path> it also writes every tick as
/// "<ms since the epoch> <lag ms>" to that file, so a benchmark can take percentiles over exactly its run
/// (bench/console-vs-headless.sh).
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
    ~LagProbe() override;

    /// Also writes each tick's lag to `path` (truncated); false when it cannot be opened.
    bool setSampleFile(const QString &path);

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
    QFile *m_samples = nullptr;
};

} // namespace pulso
