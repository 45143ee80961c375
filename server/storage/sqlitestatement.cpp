// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitestatement.h"

#include "storage/database.h"

#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace pulso {

SqliteStatement::SqliteStatement(Database &db, QString sql) : m_db(db), m_sql(std::move(sql)) { }

SqliteStatement::~SqliteStatement()
{
    finalize();
}

void SqliteStatement::finalize()
{
    if (m_statement) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        m_db.untrack(this);
    }
    m_connection = nullptr;
}

Status SqliteStatement::begin()
{
    if (m_statement) {
        sqlite3_clear_bindings(m_statement);
        return Ok {};
    }
    m_connection = m_db.connection();
    if (!m_connection) {
        return Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s, u"The database is not open."_s);
    }
    const QByteArray sql = m_sql.toUtf8();
    if (const int rc
        = sqlite3_prepare_v2(m_connection, sql.constData(), int(sql.size()), &m_statement, nullptr);
        rc != SQLITE_OK) {
        const Error e = error(rc, u"prepare: "_s + m_sql);
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return e;
    }
    m_db.track(this);
    return Ok {};
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_statement, index, value);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    sqlite3_bind_text(m_statement, index, utf8.data(), int(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

Status SqliteStatement::exec(const QString &context)
{
    int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) // not meant for queries; finish it like a statement without rows
        rc = SQLITE_DONE;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_statement);
        return Ok {};
    }
    const Error failed = error(rc, context);
    sqlite3_reset(m_statement);
    return failed;
}

qint64 SqliteStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_connection);
}

Error SqliteStatement::error(int code, const QString &context) const
{
    // The same QSqlError the Qt driver builds (its fetch error text, SQLite's message, the result code),
    // so that storageError() maps it to the same kind, code and message.
    const QString message = m_connection ? QString::fromUtf8(sqlite3_errmsg(m_connection)) : QString();
    return storageError(
        QSqlError(u"Unable to fetch row"_s, message, QSqlError::ConnectionError, QString::number(code)),
        context);
}

} // namespace pulso
