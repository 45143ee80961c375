// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonutil.h"
#include "services/eventemitter.h"
#include "services/systemeventservice.h"
#include "services/unitofwork.h"
#include "storage/database.h"
#include "storage/eventstore.h"
#include "storage/migrations.h"
#include "storage/transaction.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_EventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void migrationsCreateSchema();
    void seqIncreasesByOne();
    void rollbackGivesSeqBack();
    void eventsEmittedOnlyAfterCommit();
    void surviveReopen();
    void readAfterFiltersByChannel();
    void timestampFilledFromClock();
    void appendAllWritesEachRowsChannelAndTime();
    void refusesNewerSchema();
    void unwritableLocationIsAnError();
    void damagedFileIsNamed();
    void backgroundCheckpointsCopyTheWal();
    void commitGroupCommitsOnceAtTheNextPass();
    void commitGroupMemberRollbackKeepsTheOthers();
    void commitGroupSettlesBeforeAnotherTransaction();
    void commitGroupLostBySqliteFailsEveryMember();

private:
    QString dbPath() const { return m_dir->filePath(u"events.db"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_EventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_EventStore::cleanup()
{
    m_dir.reset();
}

void tst_EventStore::migrationsCreateSchema()
{
    Database db(u"t1"_s);
    QVERIFY(db.open(dbPath()).ok());
    QCOMPARE(db.schemaVersion(), migrations().constLast().version);
    QSqlQuery query(db.handle());
    QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
    QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(u"SELECT value FROM meta WHERE key = 'epoch'"_s) && query.next());
    QCOMPARE(query.value(0).toString().size(), 16);
}

void tst_EventStore::seqIncreasesByOne()
{
    Database db(u"t2"_s);
    QVERIFY(db.open(dbPath()).ok());
    EventStore store(db);
    QVERIFY(store.load().ok());
    QCOMPARE(store.lastSeq(), 0);
    Transaction tx(db);
    for (int i = 1; i <= 5; ++i) {
        Result<Event> event = store.append(tx, EventDraft::system(SystemLevel::Info, u"e%1"_s.arg(i)));
        QVERIFY(event.ok());
        QCOMPARE(event->seq(), i);
        QCOMPARE(event->toJsonObject()[u"seq"_s].toInteger(), i);
    }
    QVERIFY(tx.commit().ok());
    QCOMPARE(store.lastSeq(), 5);
}

void tst_EventStore::rollbackGivesSeqBack()
{
    Database db(u"t3"_s);
    QVERIFY(db.open(dbPath()).ok());
    EventStore store(db);
    QVERIFY(store.load().ok());
    {
        Transaction tx(db);
        QVERIFY(store.append(tx, EventDraft::system(SystemLevel::Info, u"kept"_s)).ok());
        QVERIFY(tx.commit().ok());
    }
    {
        Transaction tx(db);
        QVERIFY(store.append(tx, EventDraft::system(SystemLevel::Info, u"lost 1"_s)).ok());
        QVERIFY(store.append(tx, EventDraft::system(SystemLevel::Info, u"lost 2"_s)).ok());
        QCOMPARE(store.lastSeq(), 3);
        // destroyed without commit: rolls back
    }
    QCOMPARE(store.lastSeq(), 1);
    Transaction tx(db);
    Result<Event> next = store.append(tx, EventDraft::system(SystemLevel::Info, u"next"_s));
    QVERIFY(next.ok());
    QCOMPARE(next->seq(), 2); // no gap
    QVERIFY(tx.commit().ok());
    QSqlQuery query(db.handle());
    QVERIFY(query.exec(u"SELECT COUNT(*), MAX(seq) FROM events"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 2);
    QCOMPARE(query.value(1).toInt(), 2);
}

void tst_EventStore::eventsEmittedOnlyAfterCommit()
{
    Database db(u"t4"_s);
    QVERIFY(db.open(dbPath()).ok());
    EventStore store(db);
    QVERIFY(store.load().ok());
    EventEmitter emitter;
    const ServiceContext context {db, store, emitter};
    QSignalSpy spy(&emitter, &EventEmitter::eventEmitted);
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"a"_s)).ok());
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"b"_s)).ok());
        QCOMPARE(spy.count(), 0);
        QVERIFY(work.commit().ok());
    }
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).value<Event>().seq(), 1);
    QCOMPARE(spy.at(1).at(0).value<Event>().seq(), 2);
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"abandoned"_s)).ok());
    }
    QCOMPARE(spy.count(), 2);

    SystemEventService service(context);
    Result<Event> test = service.publishTestEvent(Channel::Sensors, u"hola"_s);
    QVERIFY(test.ok());
    QCOMPARE(test->seq(), 3);
    QCOMPARE(test->channel(), Channel::Sensors);
    QCOMPARE(test->toJsonObject()[u"data"_s].toObject()[u"test"_s].toBool(), true);
    QCOMPARE(spy.count(), 3);
}

void tst_EventStore::surviveReopen()
{
    {
        Database db(u"t5"_s);
        QVERIFY(db.open(dbPath()).ok());
        EventStore store(db);
        QVERIFY(store.load().ok());
        Transaction tx(db);
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.append(tx, EventDraft::system(SystemLevel::Info, u"x"_s)).ok());
        QVERIFY(tx.commit().ok());
    }
    Database db(u"t5b"_s);
    QVERIFY(db.open(dbPath()).ok());
    EventStore store(db);
    QVERIFY(store.load().ok());
    QCOMPARE(store.lastSeq(), 3);
    // Even after every row is deleted, seq is never reused.
    QVERIFY(db.exec(u"DELETE FROM events"_s).ok());
    QVERIFY(store.load().ok());
    Transaction tx(db);
    Result<Event> event = store.append(tx, EventDraft::system(SystemLevel::Info, u"after"_s));
    QVERIFY(event.ok());
    QCOMPARE(event->seq(), 4);
    QVERIFY(tx.commit().ok());
}

void tst_EventStore::readAfterFiltersByChannel()
{
    Database db(u"t6"_s);
    QVERIFY(db.open(dbPath()).ok());
    EventStore store(db);
    QVERIFY(store.load().ok());
    Transaction tx(db);
    QVERIFY(store.append(tx, EventDraft::system(SystemLevel::Info, u"g"_s)).ok());
    QVERIFY(store.append(tx, EventDraft::entity(u"sensor"_s, EventType::Created, 1, {}, {})).ok());
    QVERIFY(store.append(tx, EventDraft::entity(u"reading"_s, EventType::Created, 1, {}, {})).ok());
    QVERIFY(store.append(tx, EventDraft::entity(u"sensor"_s, EventType::Updated, 1, {}, {})).ok());
    QVERIFY(tx.commit().ok());

    Result<QList<QByteArray>> sensors = store.readAfter(0, {Channel::Sensors}, 100);
    QVERIFY(sensors.ok());
    QCOMPARE(sensors->size(), 2);
    QCOMPARE(QJsonDocument::fromJson(sensors->at(0)).object()[u"seq"_s].toInteger(), 2);
    QCOMPARE(QJsonDocument::fromJson(sensors->at(1)).object()[u"seq"_s].toInteger(), 4);
    Result<QList<QByteArray>> after2 = store.readAfter(2, {}, 100);
    QVERIFY(after2.ok());
    QCOMPARE(after2->size(), 2);
    Result<QList<QByteArray>> limited = store.readAfter(0, {}, 1);
    QCOMPARE(limited->size(), 1);
}

void tst_EventStore::timestampFilledFromClock()
{
    Database db(u"t7"_s);
    QVERIFY(db.open(dbPath()).ok());
    const QDateTime fixed = QDateTime::fromString(u"2026-03-04T05:06:07.089Z"_s, Qt::ISODateWithMs);
    EventStore store(db, [fixed] { return fixed; });
    QVERIFY(store.load().ok());
    Transaction tx(db);
    Result<Event> event = store.append(tx, EventDraft::system(SystemLevel::Info, u"t"_s));
    QVERIFY(event.ok());
    QCOMPARE(event->toJsonObject()[u"timestamp"_s].toString(), u"2026-03-04T05:06:07.089Z"_s);
}

void tst_EventStore::appendAllWritesEachRowsChannelAndTime()
{
    // appendAll shares the text of equal neighbours (a batch's events): rows whose channel or time differ
    // from the row before must still get their own.
    Database db(u"t7b"_s);
    QVERIFY(db.open(dbPath()).ok());
    const QDateTime clock = QDateTime::fromString(u"2026-03-04T05:06:07.089Z"_s, Qt::ISODateWithMs);
    EventStore store(db, [clock] { return clock; });
    QVERIFY(store.load().ok());
    const QDateTime later = clock.addMSecs(1);
    const auto draft = [](Channel channel, const QDateTime &when) {
        EventDraft d = EventDraft::system(SystemLevel::Info, u"t"_s);
        d.channel = channel;
        d.timestamp = when;
        return d;
    };
    const QList<std::pair<Channel, QDateTime>> rows {{Channel::Readings, clock}, {Channel::Readings, clock},
        {Channel::Readings, later}, {Channel::Sensors, later}, {Channel::Sensors, QDateTime()},
        {Channel::Sensors, clock}, {Channel::Readings, clock}};
    QList<EventDraft> drafts;
    for (const auto &[channel, when] : rows)
        drafts.append(draft(channel, when));
    Transaction tx(db);
    QVERIFY(store.appendAll(tx, drafts).ok());
    QVERIFY(tx.commit().ok());
    QSqlQuery query(db.handle());
    QVERIFY(query.exec(u"SELECT channel, created_at, payload FROM events ORDER BY seq"_s));
    for (const auto &[channel, when] : rows) {
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), channelName(channel));
        // An empty time is the store's clock, in the row as in the event.
        const QString expected = json::timestamp(when.isValid() ? when : clock);
        QCOMPARE(query.value(1).toString(), expected);
        QCOMPARE(QJsonDocument::fromJson(query.value(2).toByteArray()).object()[u"timestamp"_s].toString(),
            expected);
    }
    QVERIFY(!query.next());
}

void tst_EventStore::refusesNewerSchema()
{
    {
        Database db(u"t8"_s);
        QVERIFY(db.open(dbPath()).ok());
        QVERIFY(db.exec(u"INSERT INTO schema_version (version) VALUES (9999)"_s).ok());
    }
    Database db(u"t8b"_s);
    const Status status = db.open(dbPath());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, u"schema_too_new"_s);
    QVERIFY(!db.isOpen());
}

void tst_EventStore::unwritableLocationIsAnError()
{
    QFile blocker(m_dir->filePath(u"not-a-dir"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Database db(u"t9"_s);
    const Status status = db.open(m_dir->filePath(u"not-a-dir/sub/pulso.db"_s));
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, ErrorKind::Unavailable);
}

void tst_EventStore::damagedFileIsNamed()
{
    QFile garbage(dbPath());
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, 'x'));
    garbage.close();
    Database db(u"t10"_s);
    const Status status = db.open(dbPath());
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, u"database_corrupt"_s);
    QVERIFY(status.error().message.contains(u"--database"_s));
    QVERIFY(!db.isOpen());
}

void tst_EventStore::backgroundCheckpointsCopyTheWal()
{
    Database db(u"t-checkpoint"_s);
    QVERIFY(db.open(dbPath()).ok());
    db.startBackgroundCheckpoints(10, 100000);
    QSqlQuery query(db.handle());
    QVERIFY(query.exec(u"PRAGMA wal_autocheckpoint"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 100000); // this connection no longer checkpoints by itself
    query.finish();
    QVERIFY(db.exec(u"CREATE TABLE filler (x BLOB)"_s).ok());
    const qint64 before = QFileInfo(dbPath()).size();
    {
        Transaction tx(db);
        QSqlQuery insert(db.handle());
        QVERIFY(insert.prepare(u"INSERT INTO filler (x) VALUES (?)"_s));
        for (int i = 0; i < 256; ++i) {
            insert.bindValue(0, QByteArray(4096, char('a' + i % 26)));
            QVERIFY(insert.exec());
        }
        QVERIFY(tx.commit().ok());
    }
    // The pages reach the database file only through a checkpoint, and only the background one runs.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(dbPath()).size() > before + 256 * 4096, 10000);
    db.close(); // stops the thread
    Database again(u"t-checkpoint-2"_s);
    QVERIFY(again.open(dbPath()).ok());
    QSqlQuery count(again.handle());
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM filler"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 256);
}

namespace {
/// A database with its event store and emitter, as the services see them.
struct Outbox
{
    explicit Outbox(const QString &name) : db(name), store(db) { }
    bool open(const QString &path) { return db.open(path).ok() && store.load().ok(); }
    Database db;
    EventStore store;
    EventEmitter emitter;
    const ServiceContext context {db, store, emitter};
};

/// Rows in `table` as another connection sees them: only what is committed.
int committedRows(const QString &path, const QString &table)
{
    const QString name = u"observer-"_s + QString::number(QRandomGenerator::global()->generate());
    int rows = -1;
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        other.setDatabaseName(path);
        if (other.open()) {
            QSqlQuery query(other);
            if (query.exec(u"SELECT COUNT(*) FROM "_s + table) && query.next())
                rows = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}
} // namespace

void tst_EventStore::commitGroupCommitsOnceAtTheNextPass()
{
    Outbox outbox(u"g1"_s);
    QVERIFY(outbox.open(dbPath()));
    auto &[db, store, emitter, context] = outbox;
    QSignalSpy spy(&emitter, &EventEmitter::eventEmitted);
    QList<bool> outcomes;
    for (int i = 0; i < 3; ++i) {
        const Database::GroupScope scope(db);
        UnitOfWork work(context);
        QVERIFY(work.isActive());
        QVERIFY(work.transaction().isGrouped());
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"member %1"_s.arg(i))).ok());
        QVERIFY(work.commit().ok());
        db.whenGroupEnds([&outcomes](const Status &s) { outcomes.append(s.ok()); });
    }
    QVERIFY(db.groupOpen());
    QCOMPARE(db.groupJoins(), 3u);
    QCOMPARE(spy.count(), 0); // not durable yet: nothing announced
    QCOMPARE(committedRows(dbPath(), u"events"_s), 0);
    QCOMPARE(store.lastSeq(), 3);

    // The group commits by itself once the event loop turns.
    QTRY_VERIFY(!db.groupOpen());
    QCOMPARE(outcomes, (QList<bool> {true, true, true}));
    QCOMPARE(committedRows(dbPath(), u"events"_s), 3);
    QCOMPARE(spy.count(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(spy.at(i).at(0).value<Event>().seq(), i + 1);
    QCOMPARE(db.groupsEnded(), 1u);
    QVERIFY(!db.inTransaction());
}

void tst_EventStore::commitGroupMemberRollbackKeepsTheOthers()
{
    Outbox outbox(u"g2"_s);
    QVERIFY(outbox.open(dbPath()));
    auto &[db, store, emitter, context] = outbox;
    QSignalSpy spy(&emitter, &EventEmitter::eventEmitted);
    const Database::GroupScope scope(db);
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"kept"_s)).ok());
        QVERIFY(work.commit().ok());
    }
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"abandoned"_s)).ok());
        QCOMPARE(store.lastSeq(), 2);
        // destroyed uncommitted: only this member is undone
    }
    QCOMPARE(store.lastSeq(), 1);
    {
        UnitOfWork work(context);
        Result<Event> next = work.record(EventDraft::system(SystemLevel::Info, u"next"_s));
        QVERIFY(next.ok());
        QCOMPARE(next->seq(), 2); // no gap
        QVERIFY(work.commit().ok());
    }
    QVERIFY(db.groupOpen());
    db.settle();
    QVERIFY(!db.groupOpen());
    QCOMPARE(spy.count(), 2);
    QSqlQuery query(db.handle());
    QVERIFY(query.exec(u"SELECT COUNT(*), MAX(seq) FROM events"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 2);
    QCOMPARE(query.value(1).toInt(), 2);
}

void tst_EventStore::commitGroupSettlesBeforeAnotherTransaction()
{
    Outbox outbox(u"g3"_s);
    QVERIFY(outbox.open(dbPath()));
    auto &[db, store, emitter, context] = outbox;
    QList<qint64> order;
    connect(&emitter, &EventEmitter::eventEmitted, this, [&order](const Event &e) { order.append(e.seq()); });
    {
        const Database::GroupScope scope(db);
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"grouped"_s)).ok());
        QVERIFY(work.commit().ok());
    }
    QVERIFY(db.groupOpen());
    {
        // Outside a scope: the group commits (and announces) first, then this transaction runs on its own.
        UnitOfWork work(context);
        QVERIFY(!db.groupOpen());
        QCOMPARE(order, (QList<qint64> {1}));
        QVERIFY(!work.transaction().isGrouped());
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"alone"_s)).ok());
        QVERIFY(work.commit().ok());
    }
    QCOMPARE(order, (QList<qint64> {1, 2}));
    QCOMPARE(committedRows(dbPath(), u"events"_s), 2);
    QCOMPARE(db.groupsEnded(), 1u);
}

void tst_EventStore::commitGroupLostBySqliteFailsEveryMember()
{
    Outbox outbox(u"g4"_s);
    QVERIFY(outbox.open(dbPath()));
    auto &[db, store, emitter, context] = outbox;
    QSignalSpy spy(&emitter, &EventEmitter::eventEmitted);
    QList<Status> outcomes;
    const Database::GroupScope scope(db);
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"released"_s)).ok());
        QVERIFY(work.commit().ok());
        db.whenGroupEnds([&outcomes](const Status &s) { outcomes.append(s); });
    }
    {
        UnitOfWork work(context);
        QVERIFY(work.record(EventDraft::system(SystemLevel::Info, u"failing"_s)).ok());
        QCOMPARE(store.lastSeq(), 2);
        // What SQLite does on SQLITE_FULL or SQLITE_IOERR: the whole transaction is rolled back under us.
        QSqlQuery rollback(db.handle());
        QVERIFY(rollback.exec(u"ROLLBACK"_s));
        // destroyed uncommitted: its rollback finds the group gone, so the group fails at once
    }
    QVERIFY(!db.groupOpen());
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(!outcomes.first().ok());
    QCOMPARE(outcomes.first().error().kind, ErrorKind::Unavailable);
    QCOMPARE(spy.count(), 0); // the released member's event is never announced
    QCOMPARE(store.lastSeq(), 0); // every member's seqs are given back: no gap later
    QCOMPARE(committedRows(dbPath(), u"events"_s), 0);
    {
        UnitOfWork work(context);
        Result<Event> next = work.record(EventDraft::system(SystemLevel::Info, u"after"_s));
        QVERIFY(next.ok());
        QCOMPARE(next->seq(), 1);
        QVERIFY(work.commit().ok());
    }
    db.settle();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(committedRows(dbPath(), u"events"_s), 1);
}

QTEST_GUILESS_MAIN(tst_EventStore)
#include "tst_eventstore.moc"
