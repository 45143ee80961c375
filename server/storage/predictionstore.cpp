// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/predictionstore.h"

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

const QString Select = u"SELECT id, sensor_id, horizonte, valor_predicho, intervalo_inferior, "
                       "intervalo_superior, modelo, created_at FROM predictions"_s;

Prediction readRow(const QSqlQuery &q)
{
    Prediction p;
    p.id = q.value(0).toLongLong();
    p.sensorId = q.value(1).toLongLong();
    p.horizonte = q.value(2).toLongLong();
    p.valorPredicho = q.value(3).toDouble();
    p.intervaloInferior = optionalDouble(q, 4);
    p.intervaloSuperior = optionalDouble(q, 5);
    p.modelo = optionalText(q, 6);
    p.createdAt = q.value(7).toLongLong();
    return p;
}

} // namespace

Result<Prediction> PredictionStore::insert(const Prediction &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"INSERT INTO predictions (sensor_id, horizonte, valor_predicho, intervalo_inferior, "
        "intervalo_superior, modelo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.sensorId, value.horizonte, value.valorPredicho, nullable(value.intervaloInferior),
                nullable(value.intervaloSuperior), nullable(value.modelo), value.createdAt},
            u"insert prediction"_s);
        !s)
        return s.error();
    Prediction stored = value;
    stored.id = q.lastInsertId().toLongLong();
    q.finish();
    return stored;
}

Result<std::optional<Prediction>> PredictionStore::find(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(Select + u" WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q, {id}, u"find prediction"_s); !s)
        return s.error();
    std::optional<Prediction> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

Status PredictionStore::update(const Prediction &value)
{
    Result<QSqlQuery *> query = m_statements.get(
        u"UPDATE predictions SET sensor_id = ?, horizonte = ?, valor_predicho = ?, intervalo_inferior = ?, "
        "intervalo_superior = ?, modelo = ? WHERE id = ?"_s);
    if (!query)
        return query.error();
    QSqlQuery &q = **query;
    if (Status s = run(q,
            {value.sensorId, value.horizonte, value.valorPredicho, nullable(value.intervaloInferior),
                nullable(value.intervaloSuperior), nullable(value.modelo), value.id},
            u"update prediction"_s);
        !s)
        return s;
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed == 0)
        return Error::make(ErrorKind::NotFound, u"not_found"_s, u"No prediction with id %1."_s.arg(value.id));
    return Ok {};
}

Status PredictionStore::remove(qint64 id)
{
    Result<QSqlQuery *> query = m_statements.get(u"DELETE FROM predictions WHERE id = ?"_s);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, u"delete prediction"_s); !s)
        return s;
    (*query)->finish();
    return Ok {};
}

Result<Page<Prediction>> PredictionStore::list(const SeriesFilter &filter, const PageRequest &page)
{
    const SeriesSql sql = seriesSql(Select, u"created_at"_s, filter, page);
    Result<QSqlQuery *> query = m_statements.get(sql.sql);
    if (!query)
        return query.error();
    if (Status s = run(**query, sql.values, u"list predictions"_s); !s)
        return s.error();
    return readPage<Prediction>(**query, page, readRow);
}

Result<bool> PredictionStore::anyForSensor(qint64 sensorId)
{
    return existsRow(m_statements, u"SELECT 1 FROM predictions WHERE sensor_id = ? LIMIT 1"_s, sensorId,
        u"check predictions of sensor"_s);
}

} // namespace pulso
