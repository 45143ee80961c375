// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"
#include "target.h"

#include <QList>
#include <QStringList>

namespace pulso::bench {

/// Adds subscribers in steps and fires a burst of broadcasts at each step; stops when the burst's
/// 95th-percentile delivery latency passes a threshold. Reports the largest step that held.
class RampScenario final
{
public:
    struct Options
    {
        QList<int> steps = {100, 500, 1000, 2000, 5000, 10000, 15000};
        int burst = 5; ///< broadcasts fired together at each step (one request in flight per broadcast)
        double thresholdMs = 500;
        QByteArray channel = "general";
        int eventBytes = 300;
        int window = 256;
        int quietMs = 5000;
    };

    struct Step
    {
        int subscribers = 0;
        bool connected = false;
        double connectSeconds = 0;
        quint64 expected = 0, delivered = 0, lost = 0;
        LatencyRecorder::Summary latency;
        double burstSeconds = 0;
        double serverUsPerDelivery = -1;
        double toolCpuPercent = 0;
        double otherCores = -1;
        bool held = false;
        QString error;
    };

    struct Result
    {
        bool ok
            = false; ///< no lost delivery and no error (a step that is too slow is a finding, not an error)
        Options options;
        QList<Step> steps;
        int largestHeld = 0;
        QString error;
        qint64 serverFileLimit = -1;
    };

    static Result run(const Target &target, const Options &options);
    static void print(const Result &result);
};

} // namespace pulso::bench
