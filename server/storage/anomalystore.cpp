// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/anomalystore.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Select
    = u"SELECT id, sensor_id, reading_id, valor, score, severidad, descripcion, detected_at, "
      "created_at FROM anomalies"_s;

Anomaly readRow(const QSqlQuery &q)
{
    Anomaly a;
    a.id = q.value(0).toLongLong();
    a.sensorId = q.value(1).toLongLong();
    a.readingId = optionalInt(q, 2);
    a.valor = q.value(3).toDouble();
    a.score = optionalDouble(q, 4);
    a.severidad = severityFromName(q.value(5).toString()).value_or(Severity::Warning);
    a.descripcion = optionalText(q, 6);
    a.detectedAt = q.value(7).toLongLong();
    a.createdAt = q.value(8).toLongLong();
    return a;
}

} // namespace

Result<Anomaly> AnomalyStore::insert(const Anomaly &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"INSERT INTO anomalies (sensor_id, reading_id, valor, score, severidad, descripcion, detected_at, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.sensorId, nullable(value.readingId), value.valor, nullable(value.score),
                severityName(value.severidad), nullable(value.descripcion), value.detectedAt,
                value.createdAt},
            u"insert anomaly"_s);
        !s)
        return s.error();
    Anomaly stored = value;
    stored.id = q.lastInsertId().toLongLong();
    q.finish();
    return stored;
}

Result<std::optional<Anomaly>> AnomalyStore::find(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(Select + u" WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find anomaly"_s); !s)
        return s.error();
    std::optional<Anomaly> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Status AnomalyStore::update(const Anomaly &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"UPDATE anomalies SET sensor_id = ?, reading_id = ?, valor = ?, score = ?, severidad = ?, "
        "descripcion = ?, detected_at = ? WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.sensorId, nullable(value.readingId), value.valor, nullable(value.score),
                severityName(value.severidad), nullable(value.descripcion), value.detectedAt, value.id},
            u"update anomaly"_s);
        !s)
        return s;
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed == 0)
        return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No anomaly with id %1."_s.arg(value.id));
    return Ok {};
}

Status AnomalyStore::remove(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"DELETE FROM anomalies WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, u"delete anomaly"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<Page<Anomaly>> AnomalyStore::list(const SeriesFilter &filter, const PageRequest &page)
{
    const SeriesSql sql = seriesSql(Select, u"detected_at"_s, filter, page);
    Result<QSqlQuery *> query = m_statements.get(sql.sql);
    if (!query)
        return query.error();
    if (Status s = run(**query, sql.values, u"list anomalies"_s); !s)
        return s.error();
    return readPage<Anomaly>(**query, page, readRow);
}

Result<bool> AnomalyStore::anyForSensor(qint64 sensorId)
{
    return existsRow(m_statements, u"SELECT 1 FROM anomalies WHERE sensor_id = ? LIMIT 1"_s, sensorId,
        u"check anomalies of sensor"_s);
}

Result<bool> AnomalyStore::anyForReading(qint64 readingId)
{
    return existsRow(m_statements, u"SELECT 1 FROM anomalies WHERE reading_id = ? LIMIT 1"_s, readingId,
        u"check anomalies of reading"_s);
}

} // namespace pulso
