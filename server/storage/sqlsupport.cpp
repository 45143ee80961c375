// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlsupport.h"

#include "storage/database.h"

#include <QSqlError>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace pulso {

Result<QSqlQuery *> StatementCache::get(const QString &sql)
{
    if (m_generation != m_db.generation()) {
        // Statements of a closed connection no longer run (Qt finalized them): prepare anew.
        m_statements.clear();
        m_generation = m_db.generation();
    }
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        Result<QSqlQuery> prepared = m_db.prepare(sql);
        if (!prepared)
            return prepared.error();
        QSqlQuery query = std::move(prepared).value();
        query.setForwardOnly(true);
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return &it->second;
}

Status run(QSqlQuery &query, const QVariantList &values, const QString &context)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values[i]);
    if (!query.exec()) {
        const Error error = storageError(query.lastError(), context);
        query.finish();
        return error;
    }
    return Ok {};
}

SeriesSql seriesSql(
    const QString &select, const QString &timeColumn, const SeriesFilter &filter, const PageRequest &page)
{
    SeriesSql out;
    QStringList where;
    if (filter.sensorId) {
        where << u"sensor_id = ?"_s;
        out.values << *filter.sensorId;
    }
    if (filter.from) {
        where << timeColumn + u" >= ?"_s;
        out.values << *filter.from;
    }
    if (filter.to) {
        where << timeColumn + u" < ?"_s;
        out.values << *filter.to;
    }
    out.sql = select;
    if (!where.isEmpty())
        out.sql += u" WHERE "_s + where.join(u" AND ");
    out.sql += u" ORDER BY "_s + timeColumn + u" DESC, id DESC LIMIT ? OFFSET ?"_s;
    out.values << page.limit + 1 << page.offset;
    return out;
}

Result<bool> existsRow(StatementCache &cache, const QString &sql, qint64 id, const QString &context)
{
    Result<QSqlQuery *> query = cache.get(sql);
    if (!query)
        return query.error();
    if (Status s = run(**query, {id}, context); !s)
        return s.error();
    const bool found = (*query)->next();
    (*query)->finish();
    return found;
}

} // namespace pulso
