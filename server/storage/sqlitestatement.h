// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArrayView>
#include <QSqlQuery>
#include <QString>

#include <map>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace pulso {

class Database;

/// One SQLite statement prepared once on the Database's connection and reused. Where the Database proved
/// that the SQLite we link is the one the Qt driver runs (Database::usesSqliteApi()), it binds through
/// SQLite's own API: for the hot inserts, where QSqlQuery's QVariant binding (it builds a ":N" placeholder
/// name per bound value) and UTF-16 text cost more than SQLite's work. Otherwise it runs a QSqlQuery
/// prepared once. Errors map the same either way (storageError). The Database finalizes it before it
/// closes; it prepares again on next use.
class SqliteStatement final
{
public:
    SqliteStatement(Database &db, QString sql);
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    /// Prepares on first use (or after the database was reopened) and clears the previous bindings.
    Status begin();
    // Parameters count from 1, as in SQLite. Text must stay alive until exec() returned.
    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bindText(int index, QByteArrayView utf8);
    void bindNull(int index);
    /// Runs a statement that returns no rows; the statement is reset afterwards, success or not.
    Status exec(const QString &context);
    /// The rowid of the last successful INSERT on the connection.
    qint64 lastInsertRowId() const;

    /// Called by Database::close().
    void finalize();

private:
    enum Step { Prepare, Run };
    Error error(int code, const QString &context, Step step) const;

    Database &m_db;
    QString m_sql;
    bool m_prepared = false;
    bool m_direct = false; ///< through SQLite's API (else m_query)
    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QSqlQuery m_query;
    int m_parameters = 0; ///< m_query's, all NULL again at each begin()
    qint64 m_lastInsertId = 0; ///< QSqlQuery's, read before finish() (it only answers while active)
};

/// Inserts of many rows into one table, one statement per 64 rows (then 16, 4, 1), each prepared once on
/// first use. Measured with callgrind: per statement SQLite reads and writes sqlite_sequence (AUTOINCREMENT)
/// and halts its VM, so one statement per 64 rows pays that once instead of 64 times.
class MultiRowInsert final
{
public:
    /// `head` is "INSERT INTO table (a, b, c)"; `columns` the number of values per row.
    MultiRowInsert(Database &db, QString head, int columns);
    Q_DISABLE_COPY_MOVE(MultiRowInsert)

    /// Inserts `count` rows in order: `bindRow(statement, first, row)` binds row `row`'s values to
    /// parameters first .. first + columns - 1. Bound text must stay alive until run() returns.
    template<typename BindRow> Status run(qsizetype count, BindRow &&bindRow, const QString &context)
    {
        qsizetype done = 0;
        while (done < count) {
            const qsizetype left = count - done;
            const int rows = left >= 64 ? 64 : left >= 16 ? 16 : left >= 4 ? 4 : 1;
            SqliteStatement &statement = statementFor(rows);
            if (Status s = statement.begin(); !s)
                return s;
            for (int i = 0; i < rows; ++i)
                bindRow(statement, m_columns * i + 1, done + i);
            if (Status s = statement.exec(context); !s)
                return s;
            done += rows;
        }
        return Ok {};
    }

    /// Drops the prepared statements (the store was reset).
    void clear() { m_statements.clear(); }

private:
    SqliteStatement &statementFor(int rows);

    Database &m_db;
    QString m_head;
    int m_columns;
    std::map<int, std::unique_ptr<SqliteStatement>> m_statements; ///< rows per statement -> statement
};

} // namespace pulso
