// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "core/listquery.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <optional>
#include <unordered_map>

namespace pulso {

class Database;

/// The prepared statements of one store, each prepared once on first use and reused afterwards.
/// Owned by the store; emptied before the database closes, and in any case once it was reopened.
class StatementCache final
{
public:
    explicit StatementCache(Database &db) : m_db(db) { }
    Q_DISABLE_COPY_MOVE(StatementCache)

    /// The statement for `sql`, prepared on first call. The pointer stays valid until clear().
    Result<QSqlQuery *> get(const QString &sql);
    void clear() { m_statements.clear(); }

private:
    Database &m_db;
    quint64 m_generation = 0; ///< Database::generation() the statements were prepared on
    std::unordered_map<QString, QSqlQuery> m_statements;
};

/// Binds the values in order, runs the statement, and leaves it ready for next(); call finish() after.
Status run(QSqlQuery &query, const QVariantList &values, const QString &context);

template<typename T> QVariant nullable(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<T>());
}
inline std::optional<double> optionalDouble(const QSqlQuery &query, int column)
{
    return query.isNull(column) ? std::nullopt : std::optional<double>(query.value(column).toDouble());
}
inline std::optional<qint64> optionalInt(const QSqlQuery &query, int column)
{
    return query.isNull(column) ? std::nullopt : std::optional<qint64>(query.value(column).toLongLong());
}
inline std::optional<QString> optionalText(const QSqlQuery &query, int column)
{
    return query.isNull(column) ? std::nullopt : std::optional<QString>(query.value(column).toString());
}

/// SELECT for a page of a time series: "<select> WHERE ... ORDER BY <time> DESC, id DESC LIMIT ? OFFSET ?",
/// with only the filters that are set, so every variant can use its index.
struct SeriesSql
{
    QString sql;
    QVariantList values;
};
SeriesSql seriesSql(
    const QString &select, const QString &timeColumn, const SeriesFilter &filter, const PageRequest &page);

/// Runs a page query that asked for limit + 1 rows; `read` turns the current row into an item.
template<typename T, typename Read>
Result<Page<T>> readPage(QSqlQuery &query, const PageRequest &page, Read read)
{
    Page<T> out;
    out.limit = page.limit;
    out.offset = page.offset;
    while (query.next()) {
        if (out.items.size() == page.limit) {
            out.hasMore = true;
            break;
        }
        out.items.append(read(query));
    }
    query.finish();
    return out;
}

/// true when `sql` (a SELECT with one bound id) finds a row.
Result<bool> existsRow(StatementCache &cache, const QString &sql, qint64 id, const QString &context);

} // namespace pulso
