// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sensorstore.h"

#include "storage/database.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Columns = u"id, tipo, modelo, location_id, unidad, activo, umbral_min, umbral_max, "
                        "created_at, updated_at"_s;

Sensor readRow(const QSqlQuery &q)
{
    Sensor s;
    s.id = q.value(0).toLongLong();
    s.tipo = q.value(1).toString();
    s.modelo = q.value(2).toString();
    s.locationId = optionalInt(q, 3);
    s.unidad = optionalText(q, 4);
    s.activo = q.value(5).toInt() != 0;
    s.umbralMin = optionalDouble(q, 6);
    s.umbralMax = optionalDouble(q, 7);
    s.createdAt = q.value(8).toLongLong();
    s.updatedAt = q.value(9).toLongLong();
    return s;
}

} // namespace

QHash<qint64, Sensor> &SensorStore::cache()
{
    if (m_cacheGeneration != m_db.generation()) {
        m_cache.clear();
        m_cacheGeneration = m_db.generation();
    }
    return m_cache;
}

Result<Sensor> SensorStore::insert(const Sensor &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"INSERT INTO sensors (tipo, modelo, location_id, unidad, activo, umbral_min, umbral_max, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.tipo, value.modelo, nullable(value.locationId), nullable(value.unidad), int(value.activo),
                nullable(value.umbralMin), nullable(value.umbralMax), value.createdAt, value.updatedAt},
            u"insert sensor"_s);
        !s)
        return s.error();
    Sensor stored = value;
    stored.id = q.lastInsertId().toLongLong();
    q.finish();
    return stored;
}

Result<std::optional<Sensor>> SensorStore::find(qint64 id)
{
    QHash<qint64, Sensor> &cached = cache();
    if (auto it = cached.constFind(id); it != cached.constEnd())
        return std::optional<Sensor>(*it);
    Result<QSqlQuery *> query = m_statements.get(u"SELECT "_s + Columns + u" FROM sensors WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find sensor"_s); !s)
        return s.error();
    std::optional<Sensor> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    // Only committed rows are kept: inside a transaction the row may be one this transaction wrote.
    if (found && !m_db.inTransaction()) {
        if (cached.size() >= CacheLimit)
            cached.clear();
        cached.insert(id, *found);
    }
    return found;
}

Result<bool> SensorStore::exists(qint64 id)
{
    if (cache().contains(id))
        return true;
    return existsRow(m_statements, u"SELECT 1 FROM sensors WHERE id = ?"_s, id, u"check sensor"_s);
}

Status SensorStore::update(const Sensor &value)
{
    cache().remove(value.id); // before the write, whether it commits or not
    Result<QSqlQuery *> query = m_statements.get(
        u"UPDATE sensors SET tipo = ?, modelo = ?, location_id = ?, unidad = ?, activo = ?, umbral_min = ?, "
        "umbral_max = ?, updated_at = ? WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.tipo, value.modelo, nullable(value.locationId), nullable(value.unidad), int(value.activo),
                nullable(value.umbralMin), nullable(value.umbralMax), value.updatedAt, value.id},
            u"update sensor"_s);
        !s)
        return s;
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed == 0)
        return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No sensor with id %1."_s.arg(value.id));
    return Ok {};
}

Status SensorStore::remove(qint64 id)
{
    cache().remove(id); // before the write, whether it commits or not
    Result<QSqlQuery *> query = m_statements.get(u"DELETE FROM sensors WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, u"delete sensor"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<Page<Sensor>> SensorStore::list(const SensorFilter &filter, const PageRequest &page)
{
    QStringList where;
    QVariantList values;
    if (filter.locationId) {
        where << u"location_id = ?"_s;
        values << *filter.locationId;
    }
    if (filter.tipo) {
        where << u"tipo = ?"_s;
        values << *filter.tipo;
    }
    QString sql = u"SELECT "_s + Columns + u" FROM sensors"_s;
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND ");
    sql += u" ORDER BY id LIMIT ? OFFSET ?"_s;
    values << page.limit + 1 << page.offset;
    Result<QSqlQuery *> query = m_statements.get(sql);
    if (!query)
        return query.error();
    if (Status s = run(**query, values, u"list sensors"_s); !s)
        return s.error();
    return readPage<Sensor>(**query, page, readRow);
}

Result<bool> SensorStore::anyAtLocation(qint64 locationId)
{
    return existsRow(m_statements, u"SELECT 1 FROM sensors WHERE location_id = ? LIMIT 1"_s, locationId,
        u"check sensors at location"_s);
}

} // namespace pulso
