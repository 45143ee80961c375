// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"

#include "storage/migrations.h"
#include "storage/sqlitestatement.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>

#include <atomic>

#ifdef PULSO_SQLITE_API
#include <sqlite3.h>
#endif

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStorage, "pulso.storage")

namespace pulso {

namespace {

#ifdef PULSO_SQLITE_API
// Registers a VFS under a new name with the SQLite we link, then asks the Qt driver to open an in-memory
// database through that VFS (a URI's "vfs=" parameter): SQLite refuses a VFS it does not know, so the
// open succeeds only if the plugin runs the same library. Comparing versions would not do (two copies of
// one version are still two libraries with their own state); dladdr() does not exist on Windows.
bool probeSharedLibrary()
{
    sqlite3_vfs *base = sqlite3_vfs_find(nullptr);
    if (!base) {
        qCWarning(lcStorage) << "SQLite has no default VFS";
        return false;
    }
    static sqlite3_vfs probe; // registered only during the probe
    probe = *base;
    probe.pNext = nullptr;
    const QByteArray name = "pulso-probe-" + QByteArray::number(quintptr(&probe), 16);
    probe.zName = name.constData();
    if (const int rc = sqlite3_vfs_register(&probe, 0); rc != SQLITE_OK) {
        qCWarning(lcStorage) << "cannot register the probe VFS:" << rc;
        return false;
    }
    const QString connection = u"pulso-sqlite-probe"_s;
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        // Read-only too: a driver that did not read URIs would look for a file of that name, not create it.
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
        db.setDatabaseName(u"file:pulso-probe?mode=memory&vfs="_s + QString::fromLatin1(name));
        opened = db.open();
        if (!opened)
            qCDebug(lcStorage) << "probe connection refused:" << db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    sqlite3_vfs_unregister(&probe);
    return opened;
}
#endif

bool directApiAllowed()
{
    return qEnvironmentVariable("PULSO_SQLITE_DIRECT") != u"0";
}

// Says which path the statements take, once, and again only if it changes (tests switch it).
void logPath(bool direct)
{
    static std::atomic<int> logged {-1};
    if (logged.exchange(int(direct)) == int(direct))
        return;
    if (direct)
        qCInfo(lcStorage) << "hot statements through SQLite's API (the Qt driver runs the same SQLite)";
    else if (!directApiAllowed())
        qCInfo(lcStorage) << "hot statements through QSqlQuery (PULSO_SQLITE_DIRECT=0)";
#ifdef PULSO_SQLITE_API
    else
        qCInfo(lcStorage) << "hot statements through QSqlQuery (the Qt driver does not run our SQLite)";
#else
    else
        qCInfo(lcStorage) << "hot statements through QSqlQuery (built without SQLite3)";
#endif
}

} // namespace

bool Database::sqliteLibraryShared()
{
#ifdef PULSO_SQLITE_API
    static const bool shared = probeSharedLibrary();
    return shared;
#else
    return false;
#endif
}

Database::Database(QString connectionName)
    : m_connectionName(std::move(connectionName))
    , m_begin(std::make_unique<SqliteStatement>(*this, u"BEGIN"_s))
    , m_commit(std::make_unique<SqliteStatement>(*this, u"COMMIT"_s))
    , m_savepoint(std::make_unique<SqliteStatement>(*this, u"SAVEPOINT pulso_member"_s))
    , m_release(std::make_unique<SqliteStatement>(*this, u"RELEASE pulso_member"_s))
    , m_rollbackTo(std::make_unique<SqliteStatement>(*this, u"ROLLBACK TO pulso_member"_s))
{ }

Database::~Database()
{
    close();
}

Status Database::open(const QString &path)
{
    close();
    m_path = path;
    if (path != u":memory:") {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            return Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s,
                u"Cannot create the database folder %1"_s.arg(info.absolutePath()));
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(m_busyTimeoutMs));
    if (!db.open()) {
        const Error error = storageError(db.lastError(), u"open %1"_s.arg(path));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return error;
    }
    // WAL: readers never block the writer; NORMAL sync survives a process crash (kill -9), which is the
    // failure Pulso promises to survive; a power cut may lose the last transactions.
    for (const auto &pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
             u"PRAGMA foreign_keys=ON"_s, u"PRAGMA temp_store=MEMORY"_s}) {
        if (Status s = exec(pragma); !s) {
            close();
            return s.error();
        }
    }
    // Say clearly what is wrong with a damaged file instead of failing later on some write.
    {
        QSqlQuery check(db);
        if (!check.exec(u"PRAGMA quick_check(5)"_s)) {
            const Error error = storageError(check.lastError(), u"integrity check"_s);
            close();
            return error;
        }
        QStringList findings;
        while (check.next())
            findings << check.value(0).toString();
        if (findings != QStringList {u"ok"_s}) {
            close();
            return Error::make(ErrorKind::Internal, u"database_corrupt"_s,
                u"The database %1 failed its integrity check (%2); restore a backup or start with "
                "another --database."_s.arg(path, findings.join(u"; ")));
        }
        qCInfo(lcStorage) << "integrity check of" << path << "ok";
    }
    const bool direct = directApiAllowed() && sqliteLibraryShared();
#ifdef PULSO_SQLITE_API
    if (const QVariant native = db.driver()->handle();
        direct && native.isValid() && qstrcmp(native.typeName(), "sqlite3*") == 0)
        m_connection = *static_cast<sqlite3 *const *>(native.constData());
#endif
    ++m_generation;
    if (direct && !m_connection) {
        close();
        return Error::make(ErrorKind::Internal, u"storage_error"_s, u"The SQLite driver gave no handle."_s);
    }
    logPath(direct);
    m_connected = true;
    Result<int> version = applyMigrations(*this);
    if (!version) {
        close();
        return version.error();
    }
    m_schemaVersion = *version;
    qCInfo(lcStorage) << "opened" << path << "schema version" << m_schemaVersion;
    return Ok {};
}

void Database::startBackgroundCheckpoints(int intervalMs, int fallbackPages)
{
    if (m_checkpointer || !isOpen() || m_path == u":memory:")
        return;
    // Measured: with SQLite's automatic checkpoint (every 1,000 pages) the server thread spent about a
    // quarter of a POST /readings run blocked in the checkpoint's fdatasync (13-20 ms each).
    if (Status s = exec(u"PRAGMA wal_autocheckpoint=%1"_s.arg(fallbackPages)); !s)
        return;
    const QString name = m_connectionName + u"-checkpoint"_s;
    const QString path = m_path;
    const int busyTimeoutMs = m_busyTimeoutMs;
    m_checkpointer = QThread::create([this, name, path, busyTimeoutMs, intervalMs] {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
            if (db.open()) {
                QSqlQuery checkpoint(db);
                while (!m_stopCheckpointer.tryAcquire(1, intervalMs)) {
                    if (!checkpoint.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                        qCWarning(lcStorage)
                            << "background checkpoint failed:" << checkpoint.lastError().text();
                    checkpoint.finish();
                }
            } else {
                qCWarning(lcStorage) << "background checkpoints unavailable:" << db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    });
    m_checkpointer->setObjectName(u"pulso-checkpoint"_s);
    m_checkpointer->start(QThread::LowPriority);
}

void Database::stopBackgroundCheckpoints()
{
    if (!m_checkpointer)
        return;
    m_stopCheckpointer.release();
    m_checkpointer->wait();
    delete m_checkpointer;
    m_checkpointer = nullptr;
    m_stopCheckpointer.acquire(m_stopCheckpointer.available());
}

void Database::close()
{
    settle();
    stopBackgroundCheckpoints();
    // Finalized before the connection closes; each prepares again on its next use after a reopen.
    const std::vector<SqliteStatement *> tracked = std::exchange(m_tracked, {});
    for (SqliteStatement *statement : tracked)
        statement->finalize();
    m_connection = nullptr;
    m_connected = false;
    m_inTransaction = false;
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && handle().isOpen();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Database::inTransaction() const
{
#ifdef PULSO_SQLITE_API
    if (m_connection)
        return !sqlite3_get_autocommit(m_connection);
#endif
    return m_inTransaction;
}

void Database::untrack(SqliteStatement *statement)
{
    std::erase(m_tracked, statement);
}

Status Database::begin()
{
    if (Status s = m_begin->begin(); !s)
        return s;
    Status s = m_begin->exec(u"BEGIN"_s);
    m_inTransaction = m_inTransaction || s.ok();
    return s;
}

Status Database::commit()
{
    if (Status s = m_commit->begin(); !s)
        return s;
    Status s = m_commit->exec(u"COMMIT"_s);
    m_inTransaction = m_inTransaction && !s.ok();
    return s;
}

void Database::settle()
{
    if (!m_groupOpen || m_memberActive)
        return;
    endGroup(commit());
}

void Database::whenGroupEnds(GroupCallback done)
{
    if (!m_groupOpen) {
        // Not expected (callers register while their group is open); answered with how the last one ended
        // rather than left waiting for a group that may never come.
        done(m_lastGroupOutcome);
        return;
    }
    m_groupCallbacks.push_back(std::move(done));
}

Status Database::joinGroup()
{
    if (!m_groupOpen) {
        if (Status s = begin(); !s)
            return s;
        m_groupOpen = true;
        const quint64 group = m_groupsEnded; // the count of ended groups names the open one
        if (!m_groupContext)
            m_groupContext = std::make_unique<QObject>(); // in this, the connection's thread
        // Posted: it runs at the start of the next pass of the event loop, after every request that
        // arrived in this one had its turn to join.
        QMetaObject::invokeMethod(
            m_groupContext.get(),
            [this, group] {
                if (m_groupOpen && m_groupsEnded == group)
                    settle();
            },
            Qt::QueuedConnection);
    }
    if (Status s = m_savepoint->begin(); !s)
        return s;
    if (Status s = m_savepoint->exec(u"SAVEPOINT"_s); !s) {
        endGroup(s); // without its savepoint nothing could be undone alone: the group gives up
        return s;
    }
    m_memberActive = true;
    return Ok {};
}

Status Database::releaseMember(std::vector<std::function<void()>> &rollbackHooks)
{
    if (Status s = m_release->begin(); !s)
        return s;
    if (Status s = m_release->exec(u"RELEASE"_s); !s)
        return s;
    m_memberActive = false;
    ++m_groupJoins;
    for (std::function<void()> &hook : rollbackHooks)
        m_groupRollbackHooks.push_back(std::move(hook));
    rollbackHooks.clear();
    return Ok {};
}

void Database::rollbackMember()
{
    m_memberActive = false;
    // ROLLBACK TO fails only when the savepoint is gone: SQLite rolled the whole transaction back (on
    // SQLITE_FULL, SQLITE_IOERR...), and the members already released went with it.
    const bool undone = m_rollbackTo->begin() && m_rollbackTo->exec(u"ROLLBACK TO"_s);
    if (undone && m_release->begin())
        m_release->exec(u"RELEASE"_s);
    if (m_groupOpen && (!undone || !inTransaction())) {
        endGroup(Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s,
            u"The database rolled back a group of writes after an error; nothing of it was stored."_s));
    }
}

void Database::endGroup(const Status &outcome)
{
    m_groupOpen = false;
    ++m_groupsEnded;
    m_lastGroupOutcome = outcome;
    std::vector<std::function<void()>> hooks = std::exchange(m_groupRollbackHooks, {});
    std::vector<GroupCallback> callbacks = std::exchange(m_groupCallbacks, {});
    if (!outcome) {
        rollback();
        for (auto it = hooks.rbegin(); it != hooks.rend(); ++it)
            (*it)();
    }
    // The group is closed before the callbacks run: they may begin transactions of their own.
    for (const GroupCallback &callback : callbacks)
        callback(outcome);
}

void Database::rollback()
{
    m_inTransaction = false;
    handle().rollback(); // fails only when SQLite already rolled back (a failed COMMIT): nothing to do
}

Status Database::exec(const QString &sql)
{
    QSqlQuery query(handle());
    if (!query.exec(sql))
        return storageError(query.lastError(), sql);
    return Ok {};
}

Result<QSqlQuery> Database::prepare(const QString &sql) const
{
    QSqlQuery query(handle());
    if (!query.prepare(sql))
        return storageError(query.lastError(), u"prepare: "_s + sql);
    return query;
}

Error storageError(const QSqlError &error, const QString &context)
{
    const QString native = error.nativeErrorCode();
    const QString text = error.text();
    qCWarning(lcStorage).noquote() << context << "failed:" << native << text;
    // SQLite primary result codes: 5 BUSY, 6 LOCKED, 8 READONLY, 10 IOERR, 13 FULL, 14 CANTOPEN, 19
    // CONSTRAINT.
    const int code = native.toInt() & 0xff;
    switch (code) {
    case 5:
    case 6:
        return Error::make(
            ErrorKind::Unavailable, u"storage_busy"_s, u"The database is busy; retry shortly."_s);
    case 8:
        return Error::make(ErrorKind::Unavailable, u"storage_read_only"_s,
            u"The database is read-only; nothing was written."_s);
    case 10:
    case 13:
    case 14:
        return Error::make(ErrorKind::Unavailable, u"storage_unavailable"_s,
            u"The database cannot be written (disk full or I/O error); nothing was written."_s);
    case 11:
    case 26:
        return Error::make(ErrorKind::Internal, u"database_corrupt"_s,
            u"The database file is damaged or is not a Pulso database (%1); restore a backup or "
            "start with another --database."_s.arg(error.databaseText()));
    case 19:
        return Error::make(ErrorKind::Conflict, u"constraint_violation"_s,
            u"The change conflicts with stored data: %1"_s.arg(error.databaseText()));
    default:
        return Error::make(ErrorKind::Internal, u"storage_error"_s, u"Database error: %1"_s.arg(text));
    }
}

Status execQuery(QSqlQuery &query, const QString &context)
{
    if (!query.exec())
        return storageError(query.lastError(), context);
    return Ok {};
}

} // namespace pulso
