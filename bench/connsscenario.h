// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"
#include "target.h"

#include <QStringList>

namespace pulso::bench {

/// N idle subscribers: how fast the server completes handshakes and how much memory each idle
/// connection costs it (VmRSS before and after, after a warm-up).
class ConnsScenario final
{
public:
    struct Options
    {
        int connections = 10000;
        int window = 256; ///< handshakes in flight
        QByteArray channel = "general";
        int warmup = 200;
    };

    struct Result
    {
        bool ok = false;
        QString error;
        Options options;
        int opened = 0;
        int failed = 0;
        double seconds = 0;
        double handshakesPerSecond = 0;
        LatencyRecorder::Summary handshake;
        qint64 rssBeforeKb = -1, rssAfterKb = -1, rssAfterCloseKb = -1;
        double bytesPerConnection = -1;
        int serverCountedConnections = -1; ///< total_connections from GET /api/v1/ws/stats
        double releaseSeconds
            = -1; ///< close frames sent until the server counts none of them (-1: timed out)
        double serverUsPerHandshake = -1;
        double toolCpuPercent = 0;
        double otherCores = -1;
        QStringList notes;
    };

    static Result run(const Target &target, const Options &options);
    static void print(const Result &result);
};

} // namespace pulso::bench
