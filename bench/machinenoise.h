// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace pulso::bench {

/// How steady the machine's CPU is, independent of Pulso: a fixed piece of work (about 0.5 ms) timed again
/// and again at a low duty cycle on the bench's own core. On a quiet bare-metal core its p99 stays near its
/// p50; on a shared virtual machine the host's other guests show up as chunks that take several times
/// longer. Every latency percentile the other scenarios report sits on top of this.
class MachineNoise final
{
public:
    struct Options
    {
        double seconds = 5;
        int periodMs = 10; ///< one chunk of work per period
    };
    struct Result
    {
        int samples = 0;
        double fastestUs = 0; ///< the chunk at full speed
        double p50Us = 0;
        double p95Us = 0;
        double p99Us = 0;
        double maxUs = 0;
        double slowShare = 0; ///< chunks that took more than twice the fastest
    };
    static Result run(const Options &options);
    static void print(const Result &result);
    /// One line for the standard suite's header.
    static QString summary(const Result &result);
};

} // namespace pulso::bench
