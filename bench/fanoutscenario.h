// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"
#include "stalledclient.h"
#include "target.h"

#include <QList>
#include <QStringList>

namespace pulso::bench {

/// N subscribers on one channel, M test events; deliveries per second, latency from the timestamp each
/// event carries, and lost deliveries. "As fast as acknowledged" (K requests in flight) or a fixed rate.
class FanoutScenario final
{
public:
    struct Options
    {
        int subscribers = 1000;
        int events = 1000;
        int inflight = 4; ///< trigger requests in flight ("as fast as acknowledged")
        double rate = 0; ///< events per second; 0: as fast as acknowledged
        QByteArray channel = "general";
        int eventBytes = 300;
        int window = 256; ///< handshakes in flight while connecting
        int quietMs = 5000; ///< give up waiting for missing deliveries after this long without one
        int stalled
            = 0; ///< extra clients on the channel that never read (issue 6); not counted as subscribers
    };

    struct Result
    {
        bool ok = false;
        QString error;
        Options options;
        quint64 expected = 0, delivered = 0, lost = 0, duplicates = 0, outOfOrder = 0, otherMessages = 0;
        quint64 serverRecipients = 0;
        int triggerFailures = 0;
        int unexpectedCloses = 0;
        double seconds = 0; ///< first trigger sent to last delivery received
        double deliveriesPerSecond = 0;
        double eventsPerSecond = 0;
        double averageEventBytes = 0;
        LatencyRecorder::Summary latency;
        double toolCpuPercent = 0;
        double serverCpuPercent = -1;
        double otherCores = -1; ///< CPU used by other processes meanwhile, in cores
        double serverUsPerDelivery
            = -1; ///< server CPU per delivery (the event's HTTP request and commit included)
        QList<qint64> rssKb; ///< server VmRSS once a second from the first trigger on (empty: pid unknown)
        qint64 rssStartKb = -1, rssEndKb = -1, rssMaxKb = -1;
        QList<StalledClient::Outcome> stalled;
        QStringList notes;
    };

    static Result run(const Target &target, const Options &options);
    static void print(const Result &result);
};

} // namespace pulso::bench
