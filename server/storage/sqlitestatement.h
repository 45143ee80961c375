// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArrayView>
#include <QSqlQuery>
#include <QString>

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

} // namespace pulso
