// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/eventstore.h"

#include "core/jsonutil.h"
#include "storage/database.h"
#include "storage/transaction.h"

#include <QSqlError>

#include <optional>

using namespace Qt::StringLiterals;

namespace pulso {

EventStore::EventStore(Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
    , m_insert(db, u"INSERT INTO events (seq, channel, created_at, payload) VALUES (?, ?, ?, ?)"_s)
    , m_insertMany(db, u"INSERT INTO events (seq, channel, created_at, payload)"_s, 4)
{
    if (!m_clock)
        m_clock = [] { return QDateTime::currentDateTimeUtc(); };
}

Status EventStore::load()
{
    QSqlQuery query(m_db.handle());
    // sqlite_sequence remembers the highest seq ever used, even when retention deleted it.
    if (!query.exec(u"SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)"_s)
        || !query.next())
        return storageError(query.lastError(), u"read last seq"_s);
    m_lastSeq = query.value(0).toLongLong();
    if (!query.exec(u"SELECT value FROM meta WHERE key = 'epoch'"_s) || !query.next())
        return storageError(query.lastError(), u"read epoch"_s);
    m_epoch = query.value(0).toString();
    return m_insert.begin();
}

Result<Event> EventStore::append(Transaction &tx, EventDraft draft)
{
    if (!tx.isActive())
        return tx.beginError();
    if (!draft.timestamp.isValid())
        draft.timestamp = m_clock();
    const qint64 seq = m_lastSeq + 1;
    Event event = Event::make(seq, std::move(draft), m_epoch);

    // Bound as UTF-8 through SQLite's API: the payload is the event's own bytes, no UTF-16 round trip.
    if (Status s = m_insert.begin(); !s)
        return s.error();
    const QByteArray channel = channelName(event.channel()).toUtf8();
    const QByteArray createdAt = json::timestamp(event.draft().timestamp).toUtf8();
    m_insert.bind(1, seq);
    m_insert.bindText(2, channel);
    m_insert.bindText(3, createdAt);
    m_insert.bindText(4, event.json());
    if (Status s = m_insert.exec(u"insert event"_s); !s)
        return s.error();

    const qint64 before = m_lastSeq;
    m_lastSeq = seq;
    tx.onRollback([this, before] { m_lastSeq = before; });
    return event;
}

Result<QList<Event>> EventStore::appendAll(Transaction &tx, QList<EventDraft> drafts)
{
    if (!tx.isActive())
        return tx.beginError();
    QList<Event> events;
    events.reserve(drafts.size());
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        EventDraft &draft = drafts[i];
        if (!draft.timestamp.isValid())
            draft.timestamp = m_clock();
        events.append(Event::make(m_lastSeq + 1 + i, std::move(draft), m_epoch));
    }
    // The bound text must live until the statements ran.
    QList<QByteArray> channels;
    QList<QByteArray> createdAt;
    channels.reserve(events.size());
    createdAt.reserve(events.size());
    // A batch's events share their channel and usually their timestamp: each text is made once per run of
    // equal values and shared (measured: formatting them per event was 6 % of a 1,000-reading batch).
    std::optional<Channel> lastChannel;
    std::optional<qint64> lastMs;
    for (const Event &event : std::as_const(events)) {
        if (event.channel() != lastChannel) {
            lastChannel = event.channel();
            channels.append(channelName(event.channel()).toUtf8());
        } else {
            channels.append(channels.constLast());
        }
        const QDateTime &when = event.draft().timestamp;
        const std::optional<qint64> ms
            = when.isValid() ? std::optional<qint64>(when.toMSecsSinceEpoch()) : std::nullopt;
        if (ms && ms == lastMs) {
            createdAt.append(createdAt.constLast());
        } else {
            createdAt.append(json::timestamp(when).toUtf8());
            lastMs = ms;
        }
    }
    if (Status s = m_insertMany.run(
            events.size(),
            [&](SqliteStatement &statement, int first, qsizetype row) {
                const Event &event = events[row];
                statement.bind(first, event.seq());
                statement.bindText(first + 1, channels[row]);
                statement.bindText(first + 2, createdAt[row]);
                statement.bindText(first + 3, event.json());
            },
            u"insert events"_s);
        !s)
        return s.error();

    const qint64 before = m_lastSeq;
    m_lastSeq += events.size();
    tx.onRollback([this, before] { m_lastSeq = before; });
    return events;
}

Result<QList<QByteArray>> EventStore::readAfter(qint64 after, const QList<Channel> &channels, int limit) const
{
    QString sql = u"SELECT payload FROM events WHERE seq > ?"_s;
    if (!channels.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < channels.size(); ++i)
            marks << u"?"_s;
        sql += u" AND channel IN ("_s + marks.join(u',') + u')';
    }
    sql += u" ORDER BY seq LIMIT ?"_s;
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return storageError(query.lastError(), u"prepare readAfter"_s);
    query.addBindValue(after);
    for (Channel channel : channels)
        query.addBindValue(channelName(channel));
    query.addBindValue(limit);
    if (Status s = execQuery(query, u"read events"_s); !s)
        return s.error();
    QList<QByteArray> rows;
    while (query.next())
        rows.append(query.value(0).toString().toUtf8());
    return rows;
}

void EventStore::settleWrites()
{
    m_db.settle();
}

Result<qint64> EventStore::oldestSeq() const
{
    QSqlQuery query(m_db.handle());
    if (!query.exec(u"SELECT COALESCE(MIN(seq), 0) FROM events"_s) || !query.next())
        return storageError(query.lastError(), u"read oldest seq"_s);
    return query.value(0).toLongLong();
}

Result<qint64> EventStore::prune(qint64 keepLast, const QDateTime &olderThan)
{
    qint64 removed = 0;
    QSqlQuery query(m_db.handle());
    if (keepLast > 0) {
        query.prepare(u"DELETE FROM events WHERE seq <= ?"_s);
        query.addBindValue(m_lastSeq - keepLast);
        if (Status s = execQuery(query, u"prune events by count"_s); !s)
            return s.error();
        removed += query.numRowsAffected();
    }
    if (olderThan.isValid()) {
        query.prepare(u"DELETE FROM events WHERE created_at < ?"_s);
        query.addBindValue(json::timestamp(olderThan));
        if (Status s = execQuery(query, u"prune events by age"_s); !s)
            return s.error();
        removed += query.numRowsAffected();
    }
    return removed;
}

} // namespace pulso
