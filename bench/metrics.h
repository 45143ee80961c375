// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace pulso::bench {

/// CLOCK_MONOTONIC in nanoseconds: one clock for the sender and the receivers (same machine).
qint64 nowNs();

/// Latency samples in nanoseconds; percentiles by nearest rank.
class LatencyRecorder final
{
public:
    void reserve(std::size_t n) { m_samples.reserve(n); }
    void add(qint64 ns) { m_samples.push_back(ns); }
    void clear() { m_samples.clear(); }
    std::size_t count() const { return m_samples.size(); }

    struct Summary
    {
        std::size_t count = 0;
        double p50Ms = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0, meanMs = 0;
    };
    /// Sorts the samples (once) and summarizes them.
    Summary summarize();

private:
    std::vector<qint64> m_samples;
};

/// This process's CPU time (user + system) and wall time between start() and now.
class CpuMeter final
{
public:
    void start();
    double cpuSeconds() const;
    double wallSeconds() const;
    /// CPU as a percentage of one core.
    double percent() const;

private:
    double m_cpu0 = 0;
    qint64 m_wall0 = 0;
};

/// Reads another process's figures from /proc (the server under test).
class ProcessProbe final
{
public:
    ProcessProbe() = default;
    explicit ProcessProbe(qint64 pid) : m_pid(pid) { }

    bool isValid() const { return m_pid > 0; }
    qint64 pid() const { return m_pid; }
    /// user + system CPU seconds, -1 when unreadable.
    double cpuSeconds() const;
    /// Seconds its threads spent runnable but waiting for a CPU (schedstat), -1 when unreadable.
    double runQueueWaitSeconds() const;
    /// VmRSS in KiB, -1 when unreadable.
    qint64 rssKb() const;
    /// Soft RLIMIT_NOFILE of the process, -1 when unknown.
    qint64 openFileLimit() const;
    /// Open file descriptors.
    qint64 openFiles() const;

    /// The process listening on a TCP port (via /proc/net/tcp{,6} and /proc/<pid>/fd), 0 when not found.
    static qint64 pidListeningOn(quint16 port);

private:
    qint64 m_pid = 0;
};

/// Raises this process's RLIMIT_NOFILE to at least `wanted` (soft and, as root, hard); returns the soft
/// limit.
qint64 raiseOpenFileLimit(qint64 wanted);

/// Pins the calling process to one CPU; false (and a message) on failure.
bool pinToCpu(int cpu, QString *error);

/// CPU seconds all processes spent busy since boot (from /proc/stat), for "what else ran meanwhile".
double machineBusySeconds();

/// One line describing the machine: nproc, CPU model, kernel, Qt version, load average.
QString machineDescription();
/// The 1-minute load average.
double loadAverage1();

} // namespace pulso::bench
