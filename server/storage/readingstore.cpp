// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/readingstore.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Select = u"SELECT id, sensor_id, valor, ts, created_at FROM readings"_s;

Reading readRow(const QSqlQuery &q)
{
    Reading r;
    r.id = q.value(0).toLongLong();
    r.sensorId = q.value(1).toLongLong();
    r.valor = q.value(2).toDouble();
    r.timestamp = q.value(3).toLongLong();
    r.createdAt = q.value(4).toLongLong();
    return r;
}

} // namespace

ReadingStore::ReadingStore(Database &db)
    : m_db(db)
    , m_statements(db)
    , m_insert(db, u"INSERT INTO readings (sensor_id, valor, ts, created_at) VALUES (?, ?, ?, ?)"_s)
    , m_insertMany(db, u"INSERT INTO readings (id, sensor_id, valor, ts, created_at)"_s, 5)
{ }

Status ReadingStore::insert(Reading &value)
{
    // Through SQLite's API (SqliteStatement): measured, QSqlQuery's binding was a quarter of this insert.
    // The id comes from the last rowid: measured with callgrind, "RETURNING id" more than doubles the
    // instructions of this insert (SQLite builds an ephemeral table for it).
    if (Status s = m_insert.begin(); !s)
        return s;
    m_insert.bind(1, value.sensorId);
    m_insert.bind(2, value.valor);
    m_insert.bind(3, value.timestamp);
    m_insert.bind(4, value.createdAt);
    if (Status s = m_insert.exec(u"insert reading"_s); !s)
        return s;
    value.id = m_insert.lastInsertRowId();
    return Ok {};
}

Status ReadingStore::insertAll(QList<Reading> &values)
{
    // The next id AUTOINCREMENT would give: above the largest ever used (sqlite_sequence) and any row.
    Result<QSqlQuery *> last = m_statements.get(
        u"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'readings'), 0), "
        "COALESCE((SELECT MAX(id) FROM readings), 0))"_s);
    if (!last)
        return last.error();
    if (Status s = run(**last, {}, u"read last reading id"_s); !s)
        return s;
    if (!(*last)->next()) {
        (*last)->finish();
        return Error::make(ErrorKind::Internal, u"storage_error"_s, u"No last reading id."_s);
    }
    qint64 nextId = (*last)->value(0).toLongLong() + 1;
    (*last)->finish();

    // Explicit ids, given in order, are the ones single inserts would have got; AUTOINCREMENT records the
    // largest.
    return m_insertMany.run(
        values.size(),
        [&](SqliteStatement &statement, int first, qsizetype row) {
            Reading &value = values[row];
            value.id = nextId + row;
            statement.bind(first, value.id);
            statement.bind(first + 1, value.sensorId);
            statement.bind(first + 2, value.valor);
            statement.bind(first + 3, value.timestamp);
            statement.bind(first + 4, value.createdAt);
        },
        u"insert readings"_s);
}

Result<std::optional<Reading>> ReadingStore::find(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(Select + u" WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find reading"_s); !s)
        return s.error();
    std::optional<Reading> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Status ReadingStore::update(const Reading &value)
{
    Result<QSqlQuery *> query
        = m_statements.get(u"UPDATE readings SET sensor_id = ?, valor = ?, ts = ? WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {value.sensorId, value.valor, value.timestamp, value.id}, u"update reading"_s); !s)
        return s;
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed == 0)
        return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No reading with id %1."_s.arg(value.id));
    return Ok {};
}

Status ReadingStore::remove(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"DELETE FROM readings WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, u"delete reading"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<Page<Reading>> ReadingStore::list(const SeriesFilter &filter, const PageRequest &page)
{
    const SeriesSql sql = seriesSql(Select, u"ts"_s, filter, page);
    Result<QSqlQuery *> query = m_statements.get(sql.sql);
    if (!query)
        return query.error();
    if (Status s = run(**query, sql.values, u"list readings"_s); !s)
        return s.error();
    return readPage<Reading>(**query, page, readRow);
}

Result<bool> ReadingStore::anyForSensor(qint64 sensorId)
{
    return existsRow(m_statements, u"SELECT 1 FROM readings WHERE sensor_id = ? LIMIT 1"_s, sensorId,
        u"check readings of sensor"_s);
}

} // namespace pulso
