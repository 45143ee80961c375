// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/event.h"
#include "storage/sqlitestatement.h"

#include <QList>
#include <QSqlQuery>
#include <functional>
#include <map>
#include <memory>

namespace pulso {

class Database;
class Transaction;

/// The `events` table (the outbox): assigns each event its seq and stores its wire JSON in the caller's
/// transaction. Single writer: the thread that owns the Database.
class EventStore final
{
public:
    using Clock = std::function<QDateTime()>;

    explicit EventStore(Database &db, Clock clock = {});
    Q_DISABLE_COPY_MOVE(EventStore)

    /// Reads the last seq and the epoch; call after the database is open.
    Status load();

    /// Assigns the next seq (and the timestamp when the draft has none), serializes and inserts the event.
    /// A rollback of `tx` gives the seq back, so committed seqs have no gaps.
    Result<Event> append(Transaction &tx, EventDraft draft);
    /// The same for many events, with consecutive seqs in the drafts' order, inserted with multi-row
    /// statements (a readings batch).
    Result<QList<Event>> appendAll(Transaction &tx, QList<EventDraft> drafts);

    /// The last seq handed out (committed or pending).
    /// The last seq handed out, including those of a commit group not yet committed.
    qint64 lastSeq() const { return m_lastSeq; }
    /// Commits the connection's open commit group (Database::settle()).
    void settleWrites();
    QString epoch() const { return m_epoch; }

    /// Stored wire JSON of events with seq > `after` on any of `channels` (all when empty), oldest first.
    Result<QList<QByteArray>> readAfter(qint64 after, const QList<Channel> &channels, int limit) const;

    /// The oldest seq still stored, or 0 when the table is empty.
    Result<qint64> oldestSeq() const;

    /// Retention: deletes events beyond the newest `keepLast` and those created before `olderThan`
    /// (each ignored when <= 0 / invalid). Returns how many rows went.
    Result<qint64> prune(qint64 keepLast, const QDateTime &olderThan);

private:
    Database &m_db;
    Clock m_clock;
    qint64 m_lastSeq = 0;
    QString m_epoch;
    SqliteStatement m_insert;
    MultiRowInsert m_insertMany;
};

} // namespace pulso
