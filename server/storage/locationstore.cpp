// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/locationstore.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Columns = u"id, nombre, descripcion, latitud, longitud, created_at, updated_at"_s;

Location readRow(const QSqlQuery &q)
{
    Location l;
    l.id = q.value(0).toLongLong();
    l.nombre = q.value(1).toString();
    l.descripcion = optionalText(q, 2);
    l.latitud = optionalDouble(q, 3);
    l.longitud = optionalDouble(q, 4);
    l.createdAt = q.value(5).toLongLong();
    l.updatedAt = q.value(6).toLongLong();
    return l;
}

} // namespace

Result<Location> LocationStore::insert(const Location &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"INSERT INTO locations (nombre, descripcion, latitud, longitud, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.nombre, nullable(value.descripcion), nullable(value.latitud), nullable(value.longitud),
                value.createdAt, value.updatedAt},
            u"insert location"_s);
        !s)
        return s.error();
    Location stored = value;
    stored.id = q.lastInsertId().toLongLong();
    q.finish();
    return stored;
}

Result<std::optional<Location>> LocationStore::find(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"SELECT "_s + Columns + u" FROM locations WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find location"_s); !s)
        return s.error();
    std::optional<Location> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Result<bool> LocationStore::exists(qint64 id)
{
    return existsRow(m_statements, u"SELECT 1 FROM locations WHERE id = ?"_s, id, u"check location"_s);
}

Status LocationStore::update(const Location &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"UPDATE locations SET nombre = ?, descripcion = ?, latitud = ?, longitud = ?, updated_at = ? "
        "WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.nombre, nullable(value.descripcion), nullable(value.latitud), nullable(value.longitud),
                value.updatedAt, value.id},
            u"update location"_s);
        !s)
        return s;
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed == 0)
        return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No location with id %1."_s.arg(value.id));
    return Ok {};
}

Status LocationStore::remove(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"DELETE FROM locations WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, u"delete location"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<Page<Location>> LocationStore::list(const PageRequest &page)
{
    Result<QSqlQuery *> query
        = m_statements.get(u"SELECT "_s + Columns + u" FROM locations ORDER BY id LIMIT ? OFFSET ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {page.limit + 1, page.offset}, u"list locations"_s); !s)
        return s.error();
    return readPage<Location>(**query, page, readRow);
}

} // namespace pulso
