// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace pulso {

class Database;

/// One SQLite statement prepared once on the Database's connection and reused, bound through SQLite's own
/// API: for the hot inserts, where QSqlQuery's QVariant binding (it builds a ":N" placeholder name per
/// bound value) and UTF-16 text cost more than SQLite's work. Errors map exactly as the Qt driver's do
/// (storageError). The Database finalizes it before it closes; it prepares again on next use.
class SqliteStatement final
{
public:
    SqliteStatement(Database &db, QString sql);
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    /// Prepares on first use (or after the database was reopened) and clears the previous bindings.
    Status begin();
    // Parameters count from 1, as in SQLite. Text must stay alive until step() returned.
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
    Error error(int code, const QString &context) const;

    Database &m_db;
    QString m_sql;
    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace pulso
