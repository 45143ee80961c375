// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStatement on both paths: SQLite's API where the probe proves the Qt driver runs our SQLite, and
// QSqlQuery otherwise (or with PULSO_SQLITE_DIRECT=0); same values, same errors.
#include "storage/database.h"
#include "storage/sqlitestatement.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_SqliteStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void probeFindsTheDriversSqlite();
    void unknownVfsIsRefused();
    void environmentForcesQSqlQuery();
    void bindsAndMapsErrors_data();
    void bindsAndMapsErrors();

private:
    void open(bool direct);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void tst_SqliteStatement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>(u"sqlite-statement"_s);
}

void tst_SqliteStatement::cleanup()
{
    m_db.reset();
    m_dir.reset();
    qunsetenv("PULSO_SQLITE_DIRECT");
}

void tst_SqliteStatement::open(bool direct)
{
    if (direct)
        qunsetenv("PULSO_SQLITE_DIRECT");
    else
        qputenv("PULSO_SQLITE_DIRECT", "0");
    QVERIFY(m_db->open(m_dir->filePath(u"statement.db"_s)).ok());
}

void tst_SqliteStatement::probeFindsTheDriversSqlite()
{
#ifdef PULSO_EXPECT_SHARED_SQLITE
    // Built against the system's Qt and SQLite (Debian): the QSQLITE plugin links the same libsqlite3, so
    // the fast path must be in use. A false here is a regression to the slower path.
    QVERIFY(Database::sqliteLibraryShared());
    if (qEnvironmentVariable("PULSO_SQLITE_DIRECT") != u"0") {
        open(true);
        QVERIFY(m_db->usesSqliteApi());
        QVERIFY(m_db->connection());
    }
#else
    QSKIP("Not a build whose Qt driver is expected to run the SQLite this program links");
#endif
}

void tst_SqliteStatement::unknownVfsIsRefused()
{
    // What the probe relies on: the driver's SQLite refuses a URI naming a VFS it does not know.
    bool opened = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"vfs-check"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
        db.setDatabaseName(u"file:pulso-probe?mode=memory&vfs=pulso-no-such-vfs"_s);
        opened = db.open();
        QVERIFY2(db.lastError().databaseText().contains(u"no such vfs"_s), qPrintable(db.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"vfs-check"_s);
    QVERIFY(!opened);
}

void tst_SqliteStatement::environmentForcesQSqlQuery()
{
    open(false);
    QVERIFY(!m_db->usesSqliteApi());
    QVERIFY(!m_db->connection());
    QVERIFY(m_db->isConnected());
    {
        Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        QVERIFY(m_db->inTransaction());
        QVERIFY(tx.commit().ok());
        QVERIFY(!m_db->inTransaction());
    }
    {
        Transaction tx(*m_db);
        QVERIFY(m_db->inTransaction());
    }
    QVERIFY(!m_db->inTransaction());
    // The variable is read at each open: a reopen without it takes the fast path again where it can.
    m_db->close();
    open(true);
    QCOMPARE(m_db->usesSqliteApi(), Database::sqliteLibraryShared());
}

void tst_SqliteStatement::bindsAndMapsErrors_data()
{
    QTest::addColumn<bool>("direct");
    QTest::newRow("sqlite-api") << true;
    QTest::newRow("qsqlquery") << false;
}

void tst_SqliteStatement::bindsAndMapsErrors()
{
    QFETCH(bool, direct);
    if (direct && !Database::sqliteLibraryShared())
        QSKIP("The Qt driver does not run the SQLite this program links");
    open(direct);
    QCOMPARE(m_db->usesSqliteApi(), direct);
    QVERIFY(
        m_db->exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT NOT NULL)"_s).ok());

    SqliteStatement insert(*m_db, u"INSERT INTO t (id, n, x, s) VALUES (?, ?, ?, ?)"_s);
    const QByteArray text = u"température ☃ 20 °C"_s.toUtf8();
    {
        Transaction tx(*m_db);
        QVERIFY(m_db->inTransaction());
        QVERIFY(insert.begin().ok());
        insert.bindNull(1);
        insert.bind(2, qint64(1) << 40);
        insert.bind(3, 21.5);
        insert.bindText(4, text);
        QVERIFY(insert.exec(u"insert"_s).ok());
        QCOMPARE(insert.lastInsertRowId(), qint64(1));
        QVERIFY(tx.commit().ok());
    }
    QVERIFY(!m_db->inTransaction());

    QSqlQuery read(m_db->handle());
    QVERIFY(read.exec(u"SELECT id, n, x, s, typeof(s) FROM t"_s));
    QVERIFY(read.next());
    QCOMPARE(read.value(0).toLongLong(), 1);
    QCOMPARE(read.value(1).toLongLong(), qint64(1) << 40);
    QCOMPARE(read.value(2).toDouble(), 21.5);
    QCOMPARE(read.value(3).toString(), QString::fromUtf8(text));
    QCOMPARE(read.value(4).toString(), u"text"_s);
    read.finish();

    // Errors: same kind, code and message on both paths.
    QVERIFY(insert.begin().ok());
    insert.bind(1, qint64(1));
    insert.bind(2, qint64(0));
    insert.bind(3, 0.0);
    insert.bindText(4, "x");
    Status duplicate = insert.exec(u"insert"_s);
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().kind, ErrorKind::Conflict);
    QCOMPARE(duplicate.error().code, u"constraint_violation"_s);
    QCOMPARE(duplicate.error().message,
        u"The change conflicts with stored data: UNIQUE constraint failed: t.id"_s);

    // A failed run leaves the statement usable; begin() clears the previous bindings (NULL into NOT NULL).
    QVERIFY(insert.begin().ok());
    insert.bind(1, qint64(2));
    Status missing = insert.exec(u"insert"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"constraint_violation"_s);
    QCOMPARE(
        missing.error().message, u"The change conflicts with stored data: NOT NULL constraint failed: t.s"_s);

    SqliteStatement broken(*m_db, u"INSERT INTO nowhere VALUES (?)"_s);
    Status prepared = broken.begin();
    QVERIFY(!prepared);
    QCOMPARE(prepared.error().kind, ErrorKind::Internal);
    QCOMPARE(prepared.error().code, u"storage_error"_s);
    QCOMPARE(
        prepared.error().message, u"Database error: no such table: nowhere Unable to execute statement"_s);

    // Closing finalizes the statement; it prepares again on the reopened connection.
    m_db->close();
    QCOMPARE(insert.begin().error().code, u"storage_unavailable"_s);
    open(direct);
    QVERIFY(insert.begin().ok());
    insert.bind(1, qint64(7));
    insert.bind(2, qint64(0));
    insert.bind(3, 0.0);
    insert.bindText(4, "again");
    QVERIFY(insert.exec(u"insert"_s).ok());
    QCOMPARE(insert.lastInsertRowId(), qint64(7));
}

QTEST_GUILESS_MAIN(tst_SqliteStatement)
#include "tst_sqlitestatement.moc"
