// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"
#include "target.h"

#include <QList>
#include <QStringList>

namespace pulso::bench {

/// CRUD throughput over keep-alive connections (built-in HTTP/1.1 client, no pipelining): GET one sensor,
/// POST single readings, POST reading batches; with one WebSocket client on `readings` counting that every
/// acknowledged reading's event arrives.
class HttpScenario final
{
public:
    struct Options
    {
        int connections = 16;
        double seconds = 5; ///< per endpoint
        int batchSize = 100;
    };

    struct Phase
    {
        QString name;
        quint64 requests = 0, failures = 0, items = 0;
        double seconds = 0;
        double requestsPerSecond = 0, itemsPerSecond = 0;
        LatencyRecorder::Summary latency;
        double serverCpuPercent = -1;
        double toolCpuPercent = 0;
        double otherCores = -1;
        QString firstError;
    };

    struct Result
    {
        bool ok = false;
        bool skipped = false;
        QString message; ///< why it was skipped or failed
        Options options;
        QList<Phase> phases;
        quint64 readingsAcknowledged = 0, readingEvents = 0, lostEvents = 0;
        int watcherResumes = 0; ///< times the server closed the readings subscriber and it resumed
        QString watcherErrors;

        const Phase *phase(QStringView name) const;
    };

    static Result run(const Target &target, const Options &options);
    static void print(const Result &result);
};

} // namespace pulso::bench
