// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"

#include <QHostAddress>

namespace pulso::bench {

/// The server under test, as every scenario sees it: an address, a port and (when known) its process.
struct Target
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    ProcessProbe server; ///< invalid when the pid is unknown: server-side figures are then skipped
};

/// The server's CPU and this process's CPU over one measured phase.
class PhaseMeter final
{
public:
    explicit PhaseMeter(const ProcessProbe &server) : m_server(server) { }
    void start()
    {
        m_tool.start();
        m_serverCpu0 = m_server.isValid() ? m_server.cpuSeconds() : -1;
        m_machine0 = machineBusySeconds();
    }
    double wallSeconds() const { return m_tool.wallSeconds(); }
    double toolCpuSeconds() const { return m_tool.cpuSeconds(); }
    double toolPercent() const { return m_tool.percent(); }
    /// Server CPU seconds since start(), -1 when unknown.
    double serverCpuSeconds() const { return m_serverCpu0 < 0 ? -1 : m_server.cpuSeconds() - m_serverCpu0; }
    double serverPercent() const
    {
        const double cpu = serverCpuSeconds();
        return cpu < 0 || wallSeconds() <= 0 ? -1 : 100.0 * cpu / wallSeconds();
    }

    /// Cores used by everything except the bench and the server during the phase (other engineers'
    /// builds on a shared machine): the context every figure must be read in.
    double otherCores() const
    {
        const double wall = wallSeconds();
        if (wall <= 0 || m_machine0 < 0)
            return -1;
        const double other
            = machineBusySeconds() - m_machine0 - toolCpuSeconds() - qMax(0.0, serverCpuSeconds());
        return qMax(0.0, other / wall);
    }

private:
    ProcessProbe m_server;
    CpuMeter m_tool;
    double m_serverCpu0 = -1;
    double m_machine0 = -1;
};

} // namespace pulso::bench
