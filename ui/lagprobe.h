// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

class QEvent;
class QFile;
class QTimer;

namespace pulso {

/// Measures how late the GUI thread's event loop runs a timer (its "lag"), for the benchmark. Started by
/// the console when PULSO_LAG_PROBE is set; reports every `PULSO_LAG_PROBE` seconds (default 5) on stderr
/// through the pulso.ui.lag logging category, with the longest busy stretch of the loop (from waking up to
/// waiting again) in wall-clock and GUI-thread CPU time. With PULSO_LAG_PROBE_FILE=<path> it also writes
/// every tick as "<ms since the epoch> <lag ms>" to that file, so a benchmark can take percentiles over
/// exactly its run (bench/console-vs-headless.sh). With PULSO_LAG_TRACE=<ms> it logs every busy stretch
/// longer than that with the events delivered in it that took 1 ms or more (receiver, event type, wall and
/// CPU time): what runs long on the GUI thread, by name.
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
    void handleAwake();
    void handleAboutToBlock();
    bool eventFilter(QObject *watched, QEvent *event) override;

    /// An event delivered during the current busy stretch (only while tracing).
    struct Delivery
    {
        qint64 startNs = 0;
        qint64 cpuStartNs = 0;
        const char *className = nullptr;
        QString objectName;
        int type = 0;
    };

    QTimer *m_tick;
    QTimer *m_report;
    QElapsedTimer m_clock;
    qint64 m_expectedNs = 0;
    QList<double> m_lagsMs;
    QFile *m_samples = nullptr;
    // Busy stretches of the loop: started at awake(), ended at aboutToBlock().
    qint64 m_busySinceNs = -1;
    qint64 m_busyCpuSinceNs = 0;
    double m_longestBusyMs = 0;
    double m_longestBusyCpuMs = 0;
    qint64 m_traceThresholdNs = 0; ///< 0: no tracing
    QList<Delivery> m_deliveries;
};

} // namespace pulso
