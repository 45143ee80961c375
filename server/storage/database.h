// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

class QThread;
struct sqlite3;

class QSqlError;
class QSqlQuery;

namespace pulso {

class SqliteStatement;

/// One named SQLite connection, owned by the thread that opened it: pragmas, migrations, error mapping.
class Database final
{
public:
    /// `connectionName` must be unique per thread (e.g. "pulso-server").
    explicit Database(QString connectionName);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    /// Opens (creating the file and its folder when missing), sets WAL, foreign keys and the busy timeout,
    /// then applies pending migrations in one transaction.
    Status open(const QString &path);
    /// How long a write waits for another connection's lock before failing with storage_busy (503).
    void setBusyTimeout(int msec) { m_busyTimeoutMs = msec; }
    void close();
    bool isOpen() const;
    /// Moves WAL checkpoints (their page copies and fdatasync calls) off this connection's thread: a
    /// thread with its own connection runs a PASSIVE checkpoint every `intervalMs`, and this connection
    /// checkpoints itself only when the WAL passes `fallbackPages` (the background one fell behind).
    /// Durability is unchanged: with synchronous=NORMAL a commit never waited for a sync anyway.
    /// No-op for ":memory:". Stopped by close().
    void startBackgroundCheckpoints(int intervalMs = 50, int fallbackPages = 16384);

    QSqlDatabase handle() const;
    /// True from the moment open() has the driver's connection until close() (cheaper than isOpen()).
    bool isConnected() const { return m_connected; }
    /// True when SqliteStatement, begin() and commit() go through SQLite's own API on connection(): only
    /// when this program links the very SQLite the Qt driver runs (sqliteLibraryShared()) and
    /// PULSO_SQLITE_DIRECT is not "0". Otherwise they run QSqlQuery statements prepared once.
    bool usesSqliteApi() const { return m_connection != nullptr; }
    /// SQLite's own handle of the open connection (for SqliteStatement), null when closed or when
    /// usesSqliteApi() is false.
    sqlite3 *connection() const { return m_connection; }
    /// Whether the SQLite library linked into this program is the one the QSQLITE plugin uses (Qt's
    /// official Windows and macOS builds compile their own copy into the plugin). Probed once per process.
    static bool sqliteLibraryShared();
    /// Changes each time the database is opened: caches of table rows compare it to drop what they hold.
    quint64 generation() const { return m_generation; }
    /// True while a transaction is open on this connection.
    bool inTransaction() const;
    /// BEGIN and COMMIT as statements prepared once (QSqlDatabase::transaction() prepares "BEGIN" anew each
    /// time); errors map as storageError() does.
    Status begin();
    Status commit();
    /// Rolls the open transaction back.
    void rollback();
    /// Statements finalized by close() (SQLite refuses to close a connection with live statements).
    void track(SqliteStatement *statement) { m_tracked.push_back(statement); }
    void untrack(SqliteStatement *statement);
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    /// Runs one statement without bound values (DDL, pragmas).
    Status exec(const QString &sql);
    /// Prepares a statement on this connection.
    Result<QSqlQuery> prepare(const QString &sql) const;

private:
    void stopBackgroundCheckpoints();

    QString m_connectionName;
    QThread *m_checkpointer = nullptr;
    QSemaphore m_stopCheckpointer;
    QString m_path;
    int m_schemaVersion = 0;
    int m_busyTimeoutMs = 5000;
    bool m_connected = false;
    bool m_inTransaction = false; ///< kept by begin/commit/rollback for the QSqlQuery path
    sqlite3 *m_connection = nullptr;
    quint64 m_generation = 0;
    std::vector<SqliteStatement *> m_tracked;
    std::unique_ptr<SqliteStatement> m_begin;
    std::unique_ptr<SqliteStatement> m_commit;
};

/// Maps a driver error to a typed Error: busy/locked/read-only/full -> Unavailable, constraint -> Conflict.
Error storageError(const QSqlError &error, const QString &context);
/// Executes a prepared query; on failure returns the mapped error.
Status execQuery(QSqlQuery &query, const QString &context);

} // namespace pulso
