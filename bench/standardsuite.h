// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connsscenario.h"
#include "fanoutscenario.h"
#include "httpscenario.h"
#include "machinenoise.h"
#include "rampscenario.h"
#include "target.h"

namespace pulso::bench {

/// The standard set of issue 8 (conns, fanout throughput, fanout latency at a fixed rate, ramp, http)
/// and the table of each figure next to its target.
class StandardSuite final
{
public:
    struct Options
    {
        ConnsScenario::Options conns;
        FanoutScenario::Options throughput;
        FanoutScenario::Options latency;
        RampScenario::Options ramp;
        HttpScenario::Options http;
        MachineNoise::Options noise;
        bool quick = false; ///< tiny sizes (smoke test): the table is printed but says nothing about targets

        /// The sizes of issue 8's targets; `quick` shrinks them to seconds.
        static Options defaults(bool quick);
    };

    /// Runs everything in order and prints each scenario's block, then the table. Returns 0 when no
    /// delivery was lost and nothing failed (targets missed are reported, not an error).
    static int run(const Target &target, const Options &options);
};

} // namespace pulso::bench
