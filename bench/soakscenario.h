// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"
#include "target.h"

#include <QStringList>

namespace pulso::bench {

/// Issue 6's soak: many clients on `readings`, each with a server-side filter on a few sensors, and readings
/// ingested at a fixed rate in small batches for a long time. Every `sampleSeconds` it prints the interval's
/// deliveries, latency, lost deliveries so far and the server's RSS; at the end, totals and the RSS growth
/// after the warm-up. Every reading carries its index as `valor`, so each delivery is counted against the
/// clients whose filter names its sensor.
class SoakScenario final
{
public:
    struct Options
    {
        int clients = 1000;
        int sensors = 100;
        int follow = 1; ///< sensors in each client's filter
        double rate = 1000; ///< readings per second
        double seconds = 600;
        double sampleSeconds = 10;
        double warmupSeconds = 60; ///< RSS growth is measured from the first sample after this
        int batchMs = 20; ///< a batch of the readings due every batchMs
        int httpConnections = 4;
        int window = 256;
    };

    struct Sample
    {
        double atSeconds = 0;
        quint64 readings = 0; ///< acknowledged in the interval
        quint64 deliveries = 0;
        LatencyRecorder::Summary latency;
        quint64 lostSoFar = 0;
        qint64 rssKb = -1;
        double serverCpuPercent = -1;
        double serverWaitPercent = -1; ///< server threads runnable but not running (waiting for a CPU)
        double benchWaitPercent = -1; ///< the same for the bench
        double otherCores = -1;
    };

    struct Result
    {
        bool ok = false;
        QString error;
        Options options;
        QList<Sample> samples;
        quint64 readingsAcked = 0, batchFailures = 0, expected = 0, delivered = 0, lost = 0, duplicates = 0,
                outOfOrder = 0, filterViolations = 0, otherMessages = 0;
        int unexpectedCloses = 0;
        double seconds = 0;
        LatencyRecorder::Summary latency;
        qint64 rssWarmKb = -1, rssEndKb = -1, rssMaxKb = -1;
        double serverCpuPercent = -1;
        double otherCores = -1;
        QStringList notes;
    };

    static Result run(const Target &target, const Options &options);
    static void print(const Result &result);
};

} // namespace pulso::bench
