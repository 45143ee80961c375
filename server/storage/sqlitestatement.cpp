// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitestatement.h"

#include "storage/database.h"

#include <QSqlError>

#ifdef PULSO_SQLITE_API
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;

namespace pulso {

SqliteStatement::SqliteStatement(Database &db, QString sql) : m_db(db), m_sql(std::move(sql)) { }

SqliteStatement::~SqliteStatement()
{
    finalize();
}

void SqliteStatement::finalize()
{
    if (m_prepared) {
#ifdef PULSO_SQLITE_API
        if (m_statement)
            sqlite3_finalize(m_statement);
#endif
        m_statement = nullptr;
        m_query = QSqlQuery();
        m_prepared = false;
        m_db.untrack(this);
    }
    m_connection = nullptr;
}

Status SqliteStatement::begin()
{
    if (m_prepared) {
#ifdef PULSO_SQLITE_API
        if (m_direct) {
            sqlite3_clear_bindings(m_statement);
            return Ok {};
        }
#endif
        // As sqlite3_clear_bindings(): a parameter not bound again is NULL (Qt would refuse the count).
        for (int i = 0; i < m_parameters; ++i)
            m_query.bindValue(i, QVariant());
        return Ok {};
    }
    if (!m_db.isConnected()) {
        return Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s, u"The database is not open."_s);
    }
    m_direct = m_db.usesSqliteApi();
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        m_connection = m_db.connection();
        const QByteArray sql = m_sql.toUtf8();
        if (const int rc
            = sqlite3_prepare_v2(m_connection, sql.constData(), int(sql.size()), &m_statement, nullptr);
            rc != SQLITE_OK) {
            const Error e = error(rc, u"prepare: "_s + m_sql, Prepare);
            sqlite3_finalize(m_statement);
            m_statement = nullptr;
            return e;
        }
    }
#endif
    if (!m_direct) {
        Result<QSqlQuery> prepared = m_db.prepare(m_sql);
        if (!prepared)
            return prepared.error();
        m_query = std::move(prepared).value();
        m_parameters = int(m_sql.count(u'?')); // our statements use "?" only, never "?" in literals
        for (int i = 0; i < m_parameters; ++i)
            m_query.bindValue(i, QVariant());
    }
    m_prepared = true;
    m_db.track(this);
    return Ok {};
}

void SqliteStatement::bind(int index, qint64 value)
{
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        sqlite3_bind_int64(m_statement, index, value);
        return;
    }
#endif
    m_query.bindValue(index - 1, value);
}

void SqliteStatement::bind(int index, double value)
{
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        sqlite3_bind_double(m_statement, index, value);
        return;
    }
#endif
    m_query.bindValue(index - 1, value);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        sqlite3_bind_text(m_statement, index, utf8.data(), int(utf8.size()), SQLITE_STATIC);
        return;
    }
#endif
    m_query.bindValue(index - 1, QString::fromUtf8(utf8));
}

void SqliteStatement::bindNull(int index)
{
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        sqlite3_bind_null(m_statement, index);
        return;
    }
#endif
    m_query.bindValue(index - 1, QVariant());
}

Status SqliteStatement::exec(const QString &context)
{
#ifdef PULSO_SQLITE_API
    if (m_direct) {
        int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW) // not meant for queries; finish it like a statement without rows
            rc = SQLITE_DONE;
        if (rc == SQLITE_DONE) {
            sqlite3_reset(m_statement);
            return Ok {};
        }
        const Error failed = error(rc, context, Run);
        sqlite3_reset(m_statement);
        return failed;
    }
#endif
    // The Qt driver's own errors: error() below builds the same QSqlError for the direct path.
    if (!m_query.exec()) {
        const Error failed = storageError(m_query.lastError(), context);
        m_query.finish();
        return failed;
    }
    m_lastInsertId = m_query.lastInsertId().toLongLong();
    m_query.finish();
    return Ok {};
}

qint64 SqliteStatement::lastInsertRowId() const
{
#ifdef PULSO_SQLITE_API
    if (m_direct)
        return sqlite3_last_insert_rowid(m_connection);
#endif
    return m_lastInsertId;
}

Error SqliteStatement::error(int code, const QString &context, Step step) const
{
    // The same QSqlError the Qt driver builds (its prepare or fetch error text, SQLite's message, the result
    // code), so that storageError() maps it to the same kind, code and message.
#ifdef PULSO_SQLITE_API
    const QString message = m_connection ? QString::fromUtf8(sqlite3_errmsg(m_connection)) : QString();
#else
    const QString message;
#endif
    return storageError(step == Prepare
            ? QSqlError(
                u"Unable to execute statement"_s, message, QSqlError::StatementError, QString::number(code))
            : QSqlError(u"Unable to fetch row"_s, message, QSqlError::ConnectionError, QString::number(code)),
        context);
}

MultiRowInsert::MultiRowInsert(Database &db, QString head, int columns)
    : m_db(db), m_head(std::move(head)), m_columns(columns)
{ }

SqliteStatement &MultiRowInsert::statementFor(int rows)
{
    std::unique_ptr<SqliteStatement> &statement = m_statements[rows];
    if (!statement) {
        QString row = u"(?"_s;
        for (int i = 1; i < m_columns; ++i)
            row += u", ?"_s;
        row += u')';
        QString sql = m_head + u" VALUES "_s;
        for (int i = 0; i < rows; ++i) {
            if (i)
                sql += u", "_s;
            sql += row;
        }
        statement = std::make_unique<SqliteStatement>(m_db, std::move(sql));
    }
    return *statement;
}

} // namespace pulso
