// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/eventhistoryservice.h"

#include "storage/eventstore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHistory, "pulso.history")

namespace pulso {

EventHistoryService::EventHistoryService(EventStore &store) : m_store(store) { }

void EventHistoryService::settleWrites()
{
    m_store.settleWrites();
}

qint64 EventHistoryService::lastSeq() const
{
    return m_store.lastSeq();
}

QString EventHistoryService::epoch() const
{
    return m_store.epoch();
}

Result<qint64> EventHistoryService::oldestAvailable() const
{
    Result<qint64> oldest = m_store.oldestSeq();
    if (!oldest)
        return oldest;
    return *oldest == 0 ? m_store.lastSeq() + 1 : *oldest;
}

Result<QList<Event>> EventHistoryService::eventsAfter(
    qint64 after, const QList<Channel> &channels, int limit) const
{
    const bool all = channels.isEmpty() || channels.contains(Channel::General);
    Result<QList<QByteArray>> rows = m_store.readAfter(after, all ? QList<Channel> {} : channels, limit);
    if (!rows)
        return rows.error();
    QList<Event> events;
    events.reserve(rows->size());
    for (const QByteArray &row : *rows) {
        Event event = Event::fromJson(row);
        if (event.isNull()) {
            qCWarning(lcHistory) << "skipping an unreadable stored event after seq" << after;
            continue;
        }
        events.append(event);
    }
    return events;
}

Result<qint64> EventHistoryService::prune()
{
    const QDateTime cutoff = m_retention.maxAgeDays > 0
        ? QDateTime::currentDateTimeUtc().addDays(-m_retention.maxAgeDays)
        : QDateTime();
    Result<qint64> removed = m_store.prune(m_retention.maxEvents, cutoff);
    if (removed && *removed > 0)
        qCInfo(lcHistory) << "retention removed" << *removed << "events";
    return removed;
}

} // namespace pulso
