// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics.h"

#include <QByteArray>

#include <vector>

namespace pulso::bench {

/// Counts the deliveries of one batch of test events: each event's message carries a run tag, its index
/// and the CLOCK_MONOTONIC time it was sent, which the server echoes in the system_event's "message".
class EventTracker final
{
public:
    /// `subscribers` connections are each expected to receive every one of `events` events.
    EventTracker(int subscribers, int events);

    /// The URL-safe message for event `index` sent at `sentNs`, padded so the whole event is about
    /// `eventBytes` long on the wire.
    QByteArray message(int index, qint64 sentNs, int eventBytes) const;

    /// Feeds one received text message of connection `subscriber`.
    void handle(int subscriber, QByteArrayView payload);

    quint64 expected() const { return quint64(m_subscribers) * quint64(m_perEvent.size()); }
    quint64 delivered() const { return m_delivered; }
    bool complete() const { return m_delivered >= expected(); }
    /// Expected deliveries that never arrived (per event: subscribers - arrivals, never negative).
    quint64 lost() const;
    quint64 duplicates() const;
    quint64 outOfOrder() const { return m_outOfOrder; }
    quint64 otherMessages() const { return m_other; }
    qint64 lastDeliveryNs() const { return m_lastDeliveryNs; }
    double averagePayloadBytes() const
    {
        return m_delivered ? double(m_payloadBytes) / double(m_delivered) : 0;
    }
    LatencyRecorder &latency() { return m_latency; }
    /// Writes one line per event: index, scheduled send time (ns, CLOCK_MONOTONIC), first and last arrival
    /// latency (µs) and arrivals; for finding what a latency tail lines up with. False if the file fails.
    bool writeEventLog(const QString &path) const;

private:
    int m_subscribers;
    QByteArray m_tag; ///< "pb<random>." : tells our events from anything else on the channel
    QByteArray m_needle; ///< "\"message\":\"" + m_tag
    std::vector<quint32> m_perEvent;
    std::vector<qint64> m_sentNs;
    std::vector<qint64> m_firstNs;
    std::vector<qint64> m_lastNs;
    std::vector<qint64> m_lastSeq;
    LatencyRecorder m_latency;
    quint64 m_delivered = 0;
    quint64 m_outOfOrder = 0;
    quint64 m_other = 0;
    quint64 m_payloadBytes = 0;
    qint64 m_lastDeliveryNs = 0;
};

} // namespace pulso::bench
