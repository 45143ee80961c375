// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtracker.h"

#include <QFile>
#include <QRandomGenerator>

namespace pulso::bench {

namespace {
/// The system_event around a message of length 0 is about this long (seq, timestamp and data included).
constexpr int EnvelopeBytes = 140;

/// Parses the decimal digits at `at`, advancing past them; -1 when there are none.
qint64 parseNumber(QByteArrayView text, qsizetype &at)
{
    qint64 value = 0;
    const qsizetype start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
        value = value * 10 + (text[at++] - '0');
    return at == start ? -1 : value;
}
} // namespace

EventTracker::EventTracker(int subscribers, int events)
    : m_subscribers(subscribers)
    , m_perEvent(std::size_t(qMax(0, events)), 0)
    , m_sentNs(m_perEvent.size(), 0)
    , m_firstNs(m_perEvent.size(), 0)
    , m_lastNs(m_perEvent.size(), 0)
    , m_lastSeq(std::size_t(qMax(0, subscribers)), 0)
{
    m_tag = "pb" + QByteArray::number(QRandomGenerator::global()->generate() % 1000000000u) + '.';
    m_needle = "\"message\":\"" + m_tag;
    m_latency.reserve(std::size_t(expected()));
}

QByteArray EventTracker::message(int index, qint64 sentNs, int eventBytes) const
{
    QByteArray out = m_tag + QByteArray::number(index) + '.' + QByteArray::number(sentNs) + '.';
    const qsizetype padding = eventBytes - EnvelopeBytes - out.size();
    if (padding > 0)
        out.append(padding, 'x');
    return out;
}

void EventTracker::handle(int subscriber, QByteArrayView payload)
{
    const qint64 now = nowNs();
    const qsizetype found = payload.indexOf(m_needle);
    if (found < 0) {
        ++m_other;
        return;
    }
    qsizetype at = found + m_needle.size();
    const qint64 index = parseNumber(payload, at);
    if (index < 0 || at >= payload.size() || payload[at] != '.' || quint64(index) >= m_perEvent.size()) {
        ++m_other;
        return;
    }
    ++at;
    const qint64 sent = parseNumber(payload, at);
    if (sent < 0) {
        ++m_other;
        return;
    }
    const auto slot = std::size_t(index);
    if (m_perEvent[slot]++ == 0) {
        m_sentNs[slot] = sent;
        m_firstNs[slot] = now;
    }
    m_lastNs[slot] = now;
    ++m_delivered;
    m_payloadBytes += quint64(payload.size());
    m_latency.add(now - sent);
    m_lastDeliveryNs = now;

    // "seq" is the last field the server writes: per connection it must only grow.
    const qsizetype seqAt = payload.lastIndexOf("\"seq\":");
    if (seqAt >= 0 && std::size_t(subscriber) < m_lastSeq.size()) {
        qsizetype p = seqAt + 6;
        const qint64 seq = parseNumber(payload, p);
        qint64 &last = m_lastSeq[std::size_t(subscriber)];
        if (seq >= 0) {
            if (seq <= last)
                ++m_outOfOrder;
            last = seq;
        }
    }
}

bool EventTracker::writeEventLog(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write("# index sent_ns first_us last_us arrivals\n");
    for (std::size_t i = 0; i < m_perEvent.size(); ++i) {
        file.write(QByteArray::number(qulonglong(i)) + ' ' + QByteArray::number(m_sentNs[i]) + ' '
            + QByteArray::number((m_firstNs[i] - m_sentNs[i]) / 1000) + ' '
            + QByteArray::number((m_lastNs[i] - m_sentNs[i]) / 1000) + ' ' + QByteArray::number(m_perEvent[i])
            + '\n');
    }
    return file.flush();
}

quint64 EventTracker::lost() const
{
    quint64 lost = 0;
    for (quint32 n : m_perEvent) {
        if (int(n) < m_subscribers)
            lost += quint64(m_subscribers) - n;
    }
    return lost;
}

quint64 EventTracker::duplicates() const
{
    quint64 dups = 0;
    for (quint32 n : m_perEvent) {
        if (int(n) > m_subscribers)
            dups += n - quint64(m_subscribers);
    }
    return dups;
}

} // namespace pulso::bench
