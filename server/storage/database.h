// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QPointer>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QObject;
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
    /// Commit groups (docs/ARCHITECTURE.md, "Commit groups"): while a GroupScope is alive, a Transaction
    /// joins the connection's open group (opening it with BEGIN when there is none) as a SAVEPOINT, and its
    /// commit() only RELEASEs it. The group commits once, at the start of the next pass of the event loop
    /// or as soon as anything else needs the connection: every Transaction begun outside a scope, and
    /// settle(), commit it first. whenGroupEnds() callbacks learn the outcome; a member's writes are
    /// durable (and may be acknowledged) only then.
    class GroupScope final
    {
    public:
        explicit GroupScope(Database &db) : m_db(db), m_previous(std::exchange(db.m_grouping, true)) { }
        ~GroupScope() { m_db.m_grouping = m_previous; }
        Q_DISABLE_COPY_MOVE(GroupScope)

    private:
        Database &m_db;
        bool m_previous;
    };
    using GroupCallback = std::function<void(const Status &)>;
    /// True inside a GroupScope: transactions begun now join the group.
    bool grouping() const { return m_grouping; }
    bool groupOpen() const { return m_groupOpen; }
    /// Transactions that have committed into a group so far (a caller compares it before and after).
    quint64 groupJoins() const { return m_groupJoins; }
    /// Groups ended so far (committed or not): groupJoins() / groupsEnded() is the mean group size.
    quint64 groupsEnded() const { return m_groupsEnded; }
    /// Commits the open group now, then runs its callbacks in registration order; a no-op without one, and
    /// while a member is still in progress (its reads see the group anyway).
    /// On a failed COMMIT the group is rolled back, every member's rollback hooks run (last member first)
    /// and the callbacks get the error.
    void settle();
    /// Runs `done` when the open group ends (at once, with the last group's outcome, when none is open).
    void whenGroupEnds(GroupCallback done);
    /// For Transaction: opens the group if needed and starts a member (SAVEPOINT).
    Status joinGroup();
    /// For Transaction: ends a member successfully (RELEASE); its rollback hooks move to the group, which
    /// runs them if it fails. On an error the hooks stay where they are.
    Status releaseMember(std::vector<std::function<void()>> &rollbackHooks);
    /// For Transaction: undoes a member (ROLLBACK TO, RELEASE). When SQLite had already rolled the whole
    /// group back (a full disk, an I/O error), the group fails at once.
    void rollbackMember();

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
    /// Ends the open group: its members' hooks on failure, then the callbacks.
    void endGroup(const Status &outcome);

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
    std::unique_ptr<SqliteStatement> m_savepoint;
    std::unique_ptr<SqliteStatement> m_release;
    std::unique_ptr<SqliteStatement> m_rollbackTo;
    bool m_grouping = false;
    bool m_groupOpen = false;
    bool m_memberActive = false; ///< between joinGroup() and the member's release or rollback
    quint64 m_groupJoins = 0;
    quint64 m_groupsEnded = 0;
    Status m_lastGroupOutcome = Ok {};
    std::vector<std::function<void()>> m_groupRollbackHooks;
    std::vector<GroupCallback> m_groupCallbacks;
    std::unique_ptr<QObject> m_groupContext; ///< receives the posted settle(), in the connection's thread
};

/// Maps a driver error to a typed Error: busy/locked/read-only/full -> Unavailable, constraint -> Conflict.
Error storageError(const QSqlError &error, const QString &context);
/// Executes a prepared query; on failure returns the mapped error.
Status execQuery(QSqlQuery &query, const QString &context);

} // namespace pulso
