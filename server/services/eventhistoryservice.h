// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/event.h"

#include <QList>

namespace pulso {

class EventStore;

/// Read side of the events outbox: what a resuming client missed, and the retention limits.
class EventHistoryService final
{
public:
    struct Retention
    {
        qint64 maxEvents = 1000000;
        int maxAgeDays = 7;
    };

    explicit EventHistoryService(EventStore &store);
    Q_DISABLE_COPY_MOVE(EventHistoryService)

    /// Commits the storage's open commit group, if any (its events are emitted now): a resume reads only
    /// what is durable, and sees it all. Call it where the hub is ready for events to arrive.
    void settleWrites();
    qint64 lastSeq() const;
    QString epoch() const;
    /// The oldest seq still stored (lastSeq()+1 when nothing is).
    Result<qint64> oldestAvailable() const;
    /// Up to `limit` events after `after` on `channels` (general: every channel), oldest first.
    Result<QList<Event>> eventsAfter(qint64 after, const QList<Channel> &channels, int limit) const;

    void setRetention(const Retention &retention) { m_retention = retention; }
    const Retention &retention() const { return m_retention; }
    /// Applies the retention limits now; returns how many events were removed.
    Result<qint64> prune();

private:
    EventStore &m_store;
    Retention m_retention;
};

} // namespace pulso
