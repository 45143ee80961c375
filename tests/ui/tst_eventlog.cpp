// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The event log's ring-buffer model, its filter and export.
#include "core/jsonutil.h"
#include "ui/models/eventlogexport.h"
#include "ui/models/eventlogfilter.h"
#include "ui/models/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pulso::test {

namespace {

const QDateTime BaseTime = QDateTime(QDate(2025, 7, 20), QTime(0, 5, 37, 123), Qt::UTC);

Event entityEvent(qint64 seq, const QString &entity, EventType type, qint64 id, const QJsonObject &data)
{
    EventDraft draft = EventDraft::entity(
        entity, type, id, data, QJsonObject {{u"action"_s, QString(u"create_"_s + entity)}});
    draft.timestamp = BaseTime.addSecs(seq);
    return Event::make(seq, draft);
}

Event systemEvent(qint64 seq, const QString &message, Channel channel = Channel::General)
{
    EventDraft draft = EventDraft::system(SystemLevel::Info, message, {}, channel);
    draft.timestamp = BaseTime.addSecs(seq);
    return Event::make(seq, draft);
}

/// seq 1..n: sensors, readings, locations and system events in turn.
QList<Event> mixedEvents(int n)
{
    QList<Event> events;
    for (int seq = 1; seq <= n; ++seq) {
        switch (seq % 4) {
        case 0:
            events << entityEvent(seq, u"sensor"_s, EventType::Created, seq,
                {{u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"DHT22"_s}});
            break;
        case 1:
            events << entityEvent(seq, u"reading"_s, EventType::Created, seq, {{u"valor"_s, 21.5}});
            break;
        case 2:
            events << entityEvent(
                seq, u"location"_s, EventType::Updated, seq, {{u"nombre"_s, u"Almacén, 2ª planta"_s}});
            break;
        default:
            events << systemEvent(seq, u"mensaje %1"_s.arg(seq));
            break;
        }
    }
    return events;
}

} // namespace

class TestEventLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendIsBatchedUntilFlush();
    void keepsOnlyTheLastCapacityEvents();
    void pauseHoldsEventsUntilResume();
    void timerAppliesABacklogInSlices();
    void clearEmptiesTheLog();
    void displaysColumns();
    void timeIsLocalClockText_data();
    void timeIsLocalClockText();
    void filters_data();
    void filters();
    void exportsVisibleRowsAsJsonLines();
    void exportsVisibleRowsAsCsv();
    void exportReportsUnwritablePath();
};

void TestEventLog::appendIsBatchedUntilFlush()
{
    EventLogModel model;
    model.setFlushInterval(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(mixedEvents(10));
    model.append(mixedEvents(5));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 15);
    model.flush();
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(inserted.size(), 1); // one insert for both batches
    QCOMPARE(model.totalReceived(), quint64(15));
}

void TestEventLog::keepsOnlyTheLastCapacityEvents()
{
    EventLogModel model;
    model.setFlushInterval(0);
    model.setCapacity(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Event> events = mixedEvents(37);
    // Arrive in uneven batches, wrapping the ring several times.
    for (int from = 0; from < events.size(); from += 7) {
        model.append(events.mid(from, 7));
        model.flush();
        QVERIFY(model.rowCount() <= 10);
    }
    QCOMPARE(model.rowCount(), 10);
    for (int row = 0; row < 10; ++row)
        QCOMPARE(model.entry(row).seq, qint64(28 + row));
    // A batch larger than the capacity keeps its tail.
    EventLogModel big;
    big.setFlushInterval(0);
    big.setCapacity(5);
    big.append(mixedEvents(12));
    big.flush();
    QCOMPARE(big.rowCount(), 5);
    QCOMPARE(big.entry(0).seq, qint64(8));
    QCOMPARE(big.entry(4).seq, qint64(12));
}

void TestEventLog::pauseHoldsEventsUntilResume()
{
    EventLogModel model;
    model.setFlushInterval(0);
    model.append(mixedEvents(3));
    model.flush();
    model.setPaused(true);
    QSignalSpy pending(&model, &EventLogModel::pendingCountChanged);
    model.append(mixedEvents(4));
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.pendingCount(), 4);
    QCOMPARE(pending.last().first().toInt(), 4);
    model.setPaused(false);
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.pendingCount(), 0);
}

void TestEventLog::timerAppliesABacklogInSlices()
{
    EventLogModel model;
    model.setFlushInterval(0);
    model.setCapacity(10);
    model.setRowsPerSlice(3);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy appended(&model, &EventLogModel::rowsAppended);
    model.append(mixedEvents(4));
    model.flush();
    model.setPaused(true);
    model.append(mixedEvents(30).mid(4)); // seq 5..30 wait while paused; the log could show only 10
    QCOMPARE(model.pendingCount(), 10);
    inserted.clear();
    model.setPaused(false); // resumes through the timer's path: slices of at most 3 rows
    QTRY_COMPARE(model.pendingCount(), 0);
    QCOMPARE(inserted.size(), 4);
    for (const QList<QVariant> &args : std::as_const(inserted))
        QVERIFY(args.at(2).toInt() - args.at(1).toInt() + 1 <= 3);
    QCOMPARE(model.rowCount(), 10);
    for (int row = 0; row < 10; ++row)
        QCOMPARE(model.entry(row).seq, qint64(21 + row));
    int announced = 0;
    for (const QList<QVariant> &args : std::as_const(appended))
        announced += args.first().toInt();
    QCOMPARE(announced, 4 + 10);
    // More than the capacity arriving at the timer keeps the newest, in order, in slices too.
    model.setFlushInterval(1);
    model.append(mixedEvents(55).mid(30)); // seq 31..55
    QTRY_COMPARE(model.pendingCount(), 0);
    QCOMPARE(model.rowCount(), 10);
    for (int row = 0; row < 10; ++row)
        QCOMPARE(model.entry(row).seq, qint64(46 + row));
}

void TestEventLog::clearEmptiesTheLog()
{
    EventLogModel model;
    model.setFlushInterval(0);
    model.setCapacity(4);
    model.append(mixedEvents(9));
    model.flush();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalReceived(), quint64(0));
    model.append(mixedEvents(2));
    model.flush();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.entry(0).seq, qint64(1));
}

void TestEventLog::displaysColumns()
{
    EventLogModel model;
    model.setFlushInterval(0);
    model.append(mixedEvents(4));
    model.flush();
    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    // seq 4: sensor created
    QCOMPARE(text(3, EventLogModel::SeqColumn), u"4"_s);
    QCOMPARE(text(3, EventLogModel::ChannelColumn), u"sensors"_s);
    QCOMPARE(text(3, EventLogModel::EntityColumn), u"sensor"_s);
    QCOMPARE(text(3, EventLogModel::EventColumn), u"created"_s);
    QCOMPARE(text(3, EventLogModel::IdColumn), u"4"_s);
    QCOMPARE(text(3, EventLogModel::SummaryColumn), u"tipo=temperatura · modelo=DHT22"_s);
    // seq 3: system event
    QCOMPARE(text(2, EventLogModel::EntityColumn), u"system"_s);
    QCOMPARE(text(2, EventLogModel::EventColumn), u"info"_s);
    QCOMPARE(text(2, EventLogModel::IdColumn), QString());
    QCOMPARE(text(2, EventLogModel::SummaryColumn), u"mensaje 3"_s);
    // The detail role is the exact wire JSON.
    const QJsonObject json
        = QJsonDocument::fromJson(model.index(3, 0).data(EventLogModel::JsonRole).toByteArray()).object();
    QCOMPARE(json.value(u"entity_type"_s).toString(), u"sensor"_s);
    QCOMPARE(json.value(u"seq"_s).toInt(), 4);
}

void TestEventLog::timeIsLocalClockText_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("time");
    // Either side of daylight-saving changes, a zone a quarter hour off the hour, and before 1970.
    const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
    };
    QTest::newRow("Madrid, before spring forward") << "Europe/Madrid"_ba << utc(2025, 3, 30, 0, 59, 59, 999);
    QTest::newRow("Madrid, after spring forward") << "Europe/Madrid"_ba << utc(2025, 3, 30, 1, 0, 0, 0);
    QTest::newRow("Madrid, before fall back") << "Europe/Madrid"_ba << utc(2025, 10, 26, 0, 59, 59, 999);
    QTest::newRow("Madrid, after fall back") << "Europe/Madrid"_ba << utc(2025, 10, 26, 1, 0, 0, 1);
    QTest::newRow("Kathmandu") << "Asia/Kathmandu"_ba << utc(2025, 7, 20, 18, 14, 59, 5);
    QTest::newRow("Sao Paulo, 1969") << "America/Sao_Paulo"_ba << utc(1969, 12, 31, 23, 59, 58, 250);
    QTest::newRow("UTC") << "UTC"_ba << utc(2025, 7, 20, 23, 59, 59, 999);
}

void TestEventLog::timeIsLocalClockText()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, time);
    const QByteArray oldZone = qgetenv("TZ");
    qputenv("TZ", zone);
    EventDraft draft = EventDraft::system(SystemLevel::Info, u"tick"_s);
    draft.timestamp = time;
    const Event event = Event::make(1, draft);
    const LogEntry entry = LogEntry::fromEvent(event);
    const QString expected = time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
    EventLogModel model;
    model.setFlushInterval(0);
    model.append({event});
    model.flush();
    const QString shown = model.index(0, EventLogModel::TimeColumn).data().toString();
    const QString entryText = entry.timeText();
    if (oldZone.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", oldZone);
    QCOMPARE(entryText, expected);
    QCOMPARE(shown, expected);
    QCOMPARE(entry.timeMs, time.toMSecsSinceEpoch());
}

void TestEventLog::filters_data()
{
    QTest::addColumn<int>("channel"); // -1: any
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QList<qint64>>("expectedSeqs");

    // mixedEvents(8): 1 reading, 2 location, 3 system, 4 sensor, 5 reading, 6 location, 7 system, 8 sensor
    QTest::newRow("none") << -1 << QString() << QString() << QString()
                          << QList<qint64> {1, 2, 3, 4, 5, 6, 7, 8};
    QTest::newRow("channel sensors") << int(Channel::Sensors) << QString() << QString() << QString()
                                     << QList<qint64> {4, 8};
    QTest::newRow("channel general") << int(Channel::General) << QString() << QString() << QString()
                                     << QList<qint64> {3, 7};
    QTest::newRow("entity location") << -1 << u"location"_s << QString() << QString() << QList<qint64> {2, 6};
    QTest::newRow("entity system") << -1 << u"system"_s << QString() << QString() << QList<qint64> {3, 7};
    QTest::newRow("event updated") << -1 << QString() << u"updated"_s << QString() << QList<qint64> {2, 6};
    QTest::newRow("level info") << -1 << QString() << u"info"_s << QString() << QList<qint64> {3, 7};
    QTest::newRow("search summary, any case")
        << -1 << QString() << QString() << u"dht22"_s << QList<qint64> {4, 8};
    QTest::newRow("search non-ascii") << -1 << QString() << QString() << u"ALMACÉN"_s << QList<qint64> {2, 6};
    QTest::newRow("search json only")
        << -1 << QString() << QString() << u"create_reading"_s << QList<qint64> {1, 5};
    QTest::newRow("search entity id") << -1 << u"sensor"_s << QString() << u"8"_s << QList<qint64> {8};
    QTest::newRow("combined, nothing")
        << int(Channel::Readings) << u"sensor"_s << QString() << QString() << QList<qint64> {};
}

void TestEventLog::filters()
{
    QFETCH(int, channel);
    QFETCH(QString, entity);
    QFETCH(QString, eventType);
    QFETCH(QString, search);
    QFETCH(QList<qint64>, expectedSeqs);

    EventLogModel model;
    model.setFlushInterval(0);
    EventLogFilter filter;
    filter.setLogModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Half before the filter is set, half after: both paths must filter.
    const QList<Event> events = mixedEvents(8);
    model.append(events.mid(0, 4));
    model.flush();
    filter.setChannel(channel < 0 ? std::nullopt : std::optional(static_cast<Channel>(channel)));
    filter.setEntityType(entity);
    filter.setEventType(eventType);
    filter.setSearchText(search);
    model.append(events.mid(4));
    model.flush();

    QList<qint64> seqs;
    for (int row = 0; row < filter.rowCount(); ++row)
        seqs << filter.index(row, 0).data(EventLogModel::SeqRole).toLongLong();
    QCOMPARE(seqs, expectedSeqs);
}

void TestEventLog::exportsVisibleRowsAsJsonLines()
{
    EventLogModel model;
    model.setFlushInterval(0);
    EventLogFilter filter;
    filter.setLogModel(&model);
    model.append(mixedEvents(12));
    model.flush();
    filter.setEntityType(u"sensor"_s);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"sensors.jsonl"_s);
    const Result<int> written = EventLogExport::writeFile(filter, EventLogExport::Format::JsonLines, path);
    QVERIFY(written.ok());
    QCOMPARE(*written, 3);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // three lines and the final newline
    QVERIFY(lines.last().isEmpty());
    const QList<qint64> expected {4, 8, 12};
    for (int i = 0; i < 3; ++i) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(lines[i], &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(u"entity_type"_s).toString(), u"sensor"_s);
        QCOMPARE(object.value(u"seq"_s).toInteger(), expected[i]);
        // Byte for byte what clients received.
        QCOMPARE(lines[i], mixedEvents(12).at(int(expected[i] - 1)).json());
    }
}

void TestEventLog::exportsVisibleRowsAsCsv()
{
    EventLogModel model;
    model.setFlushInterval(0);
    EventLogFilter filter;
    filter.setLogModel(&model);
    model.append(mixedEvents(6));
    model.flush();
    filter.setChannel(Channel::Locations);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"locations.csv"_s);
    const Result<int> written = EventLogExport::writeFile(filter, EventLogExport::Format::Csv, path);
    QVERIFY(written.ok());
    QCOMPARE(*written, 2);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    const QList<QByteArray> lines = content.split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QByteArray("time,seq,channel,entity_type,event_type,entity_id,summary\r"));
    // The summary has a comma, so it is quoted.
    const QByteArray expected = json::timestamp(BaseTime.addSecs(2)).toUtf8()
        + ",2,locations,location,updated,2,\"nombre=Almacén, 2ª planta\"\r";
    QCOMPARE(lines[1], expected);
    const QByteArray prefix = json::timestamp(BaseTime.addSecs(6)).toUtf8() + ",6,locations,";
    QVERIFY(lines[2].startsWith(prefix));
}

void TestEventLog::exportReportsUnwritablePath()
{
    EventLogModel model;
    EventLogFilter filter;
    filter.setLogModel(&model);
    const Result<int> written
        = EventLogExport::writeFile(filter, EventLogExport::Format::Csv, u"/nonexistent-dir/x/out.csv"_s);
    QVERIFY(!written.ok());
    QVERIFY(!written.error().message.isEmpty());
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestEventLog)
#include "tst_eventlog.moc"
