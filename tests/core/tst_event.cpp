// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/event.h"
#include "core/jsonutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_Event : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entityEventMatchesSeedShape();
    void systemEventMatchesSeedShape();
    void fieldOrderFollowsSeed();
    void eventTypeNames_data();
    void eventTypeNames();
    void timestampFormat_data();
    void timestampFormat();
    void escapesStrings_data();
    void escapesStrings();
    void nullEntityId();
    void copiesShareSerializedBytes();
    void dataBuiltFromItsJsonWhenAsked();
    void parseTimestamps_data();
    void parseTimestamps();

private:
    static QDateTime seedTime()
    {
        return QDateTime(QDate(2025, 7, 20), QTime(0, 5, 37, 123), QTimeZone::utc());
    }
};

void tst_Event::entityEventMatchesSeedShape()
{
    EventDraft draft = EventDraft::entity(u"sensor"_s, EventType::Created, 123,
        QJsonObject {{u"id"_s, 123}, {u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"DHT22"_s},
            {u"created_at"_s, u"2025-07-20T00:05:37.123Z"_s}},
        QJsonObject {{u"action"_s, u"create_sensor"_s}});
    draft.timestamp = seedTime();
    const Event event = Event::make(42, draft);

    const QJsonObject json = QJsonDocument::fromJson(event.json()).object();
    // Exactly the seed's fields plus seq.
    QCOMPARE(json.keys(),
        (QStringList {u"data"_s, u"entity_id"_s, u"entity_type"_s, u"event_type"_s, u"metadata"_s, u"seq"_s,
            u"timestamp"_s, u"type"_s}));
    QCOMPARE(json[u"type"_s].toString(), u"entity_event"_s);
    QCOMPARE(json[u"entity_type"_s].toString(), u"sensor"_s);
    QCOMPARE(json[u"event_type"_s].toString(), u"created"_s);
    QCOMPARE(json[u"entity_id"_s].toInteger(), 123);
    QCOMPARE(json[u"data"_s].toObject()[u"modelo"_s].toString(), u"DHT22"_s);
    QCOMPARE(json[u"timestamp"_s].toString(), u"2025-07-20T00:05:37.123Z"_s);
    QCOMPARE(json[u"metadata"_s].toObject(), QJsonObject({{u"action"_s, u"create_sensor"_s}}));
    QCOMPARE(json[u"seq"_s].toInteger(), 42);
    QCOMPARE(event.channel(), Channel::Sensors);
    QCOMPARE(event.seq(), 42);
}

void tst_Event::systemEventMatchesSeedShape()
{
    EventDraft draft = EventDraft::system(SystemLevel::Info, u"Sistema iniciado correctamente"_s);
    draft.timestamp = seedTime();
    const Event event = Event::make(1, draft);
    const QJsonObject json = QJsonDocument::fromJson(event.json()).object();
    QCOMPARE(json.keys(),
        (QStringList {u"data"_s, u"level"_s, u"message"_s, u"seq"_s, u"timestamp"_s, u"type"_s}));
    QCOMPARE(json[u"type"_s].toString(), u"system_event"_s);
    QCOMPARE(json[u"level"_s].toString(), u"info"_s);
    QCOMPARE(json[u"message"_s].toString(), u"Sistema iniciado correctamente"_s);
    QCOMPARE(json[u"data"_s].toObject(), QJsonObject());
    QCOMPARE(json[u"timestamp"_s].toString(), u"2025-07-20T00:05:37.123Z"_s);
    QCOMPARE(event.channel(), Channel::General);
}

void tst_Event::fieldOrderFollowsSeed()
{
    EventDraft draft = EventDraft::entity(u"reading"_s, EventType::Updated, 7, {}, {});
    draft.timestamp = seedTime();
    QCOMPARE(serializeEvent(9, draft),
        QByteArray(R"({"type":"entity_event","entity_type":"reading","event_type":"updated","entity_id":7,)"
                   R"("data":{},"timestamp":"2025-07-20T00:05:37.123Z","metadata":{},"seq":9})"));
    EventDraft system = EventDraft::system(SystemLevel::Warning, u"disk"_s, {{u"free"_s, 3}});
    system.timestamp = seedTime();
    QCOMPARE(serializeEvent(10, system),
        QByteArray(R"({"type":"system_event","level":"warning","message":"disk","data":{"free":3},)"
                   R"("timestamp":"2025-07-20T00:05:37.123Z","seq":10})"));
}

void tst_Event::eventTypeNames_data()
{
    QTest::addColumn<EventType>("type");
    QTest::addColumn<QString>("name");
    QTest::newRow("created") << EventType::Created << u"created"_s;
    QTest::newRow("updated") << EventType::Updated << u"updated"_s;
    QTest::newRow("deleted") << EventType::Deleted << u"deleted"_s;
    QTest::newRow("anomaly_detected") << EventType::AnomalyDetected << u"anomaly_detected"_s;
    QTest::newRow("prediction_completed") << EventType::PredictionCompleted << u"prediction_completed"_s;
}

void tst_Event::eventTypeNames()
{
    QFETCH(EventType, type);
    QFETCH(QString, name);
    QCOMPARE(eventTypeName(type), name);
    QCOMPARE(eventTypeFromName(name), type);
}

void tst_Event::timestampFormat_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<QString>("expected");
    QTest::newRow("utc") << seedTime() << u"2025-07-20T00:05:37.123Z"_s;
    QTest::newRow("zero ms") << QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 0), QTimeZone::utc())
                             << u"2026-01-02T03:04:05.000Z"_s;
    QTest::newRow("offset converted to UTC") << QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6),
        QTimeZone(2 * 3600)) << u"2026-01-02T01:04:05.006Z"_s;
}

void tst_Event::timestampFormat()
{
    QFETCH(QDateTime, when);
    QFETCH(QString, expected);
    QCOMPARE(json::timestamp(when), expected);
}

void tst_Event::escapesStrings_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("quotes") << u"say \"hola\""_s;
    QTest::newRow("backslash") << u"C:\\temp\\x"_s;
    QTest::newRow("control") << u"line1\nline2\ttab\u0001"_s;
    QTest::newRow("unicode") << u"presión 25 °C ✓ 🌡"_s;
    QTest::newRow("json injection") << u"\",\"type\":\"entity_event"_s;
}

void tst_Event::escapesStrings()
{
    QFETCH(QString, message);
    EventDraft draft = EventDraft::system(SystemLevel::Info, message);
    draft.timestamp = seedTime();
    const Event event = Event::make(1, draft);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(event.json(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json[u"message"_s].toString(), message);
    QCOMPARE(json[u"type"_s].toString(), u"system_event"_s);
}

void tst_Event::nullEntityId()
{
    EventDraft draft = EventDraft::entity(u"sensor"_s, EventType::Deleted, std::nullopt, {}, {});
    draft.timestamp = seedTime();
    const QJsonObject json = Event::make(3, draft).toJsonObject();
    QVERIFY(json.contains(u"entity_id"_s));
    QVERIFY(json[u"entity_id"_s].isNull());
}

void tst_Event::copiesShareSerializedBytes()
{
    EventDraft draft = EventDraft::system(SystemLevel::Info, u"x"_s);
    draft.timestamp = seedTime();
    const Event a = Event::make(5, draft);
    const Event b = a; // NOLINT: the copy is the point
    // Serialized once: every copy points at the same bytes.
    QCOMPARE(a.json().constData(), b.json().constData());
    QVERIFY(Event().isNull());
    QVERIFY(!a.isNull());
}

void tst_Event::dataBuiltFromItsJsonWhenAsked()
{
    const QJsonObject object {{u"id"_s, 9}, {u"sensor_id"_s, 4}, {u"valor"_s, 21.5}};
    // The readings path: only the compact JSON is given, not the object.
    EventDraft lean = EventDraft::entity(u"reading"_s, EventType::Created, 9, {}, {});
    lean.dataJson = json::compact(object);
    lean.timestamp = seedTime();
    const Event event = Event::make(1, lean);
    QVERIFY(event.draft().data.isEmpty());
    QCOMPARE(event.toJsonObject()[u"data"_s].toObject(), object);

    // Asked from several threads at once, it is built once and every caller sees the same object.
    QList<const QJsonObject *> seen(8, nullptr);
    QList<QThread *> threads;
    for (qsizetype i = 0; i < seen.size(); ++i)
        threads.append(QThread::create([&seen, i, copy = event] { seen[i] = &copy.data(); }));
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(5000));
        delete thread;
    }
    for (const QJsonObject *data : seen)
        QCOMPARE(data, &event.data());
    QCOMPARE(event.data(), object);

    // A draft with its object keeps it; no parse.
    EventDraft full = EventDraft::entity(u"reading"_s, EventType::Created, 9, object, {});
    full.timestamp = seedTime();
    const Event plain = Event::make(2, full);
    QCOMPARE(&plain.data(), &plain.draft().data);
    QVERIFY(Event().data().isEmpty());
}

void tst_Event::parseTimestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("seed") << u"2025-07-20T00:05:37.123Z"_s << u"2025-07-20T00:05:37.123Z"_s;
    QTest::newRow("no ms") << u"2025-07-20T00:05:37Z"_s << u"2025-07-20T00:05:37.000Z"_s;
    QTest::newRow("offset") << u"2025-07-20T02:05:37.123+02:00"_s << u"2025-07-20T00:05:37.123Z"_s;
    QTest::newRow("no zone is UTC") << u"2025-07-20T00:05:37.123"_s << u"2025-07-20T00:05:37.123Z"_s;
    QTest::newRow("garbage") << u"yesterday"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_Event::parseTimestamps()
{
    QFETCH(QString, text);
    QFETCH(QString, normalized);
    const QDateTime parsed = json::parseTimestamp(text);
    QCOMPARE(parsed.isValid(), !normalized.isEmpty());
    if (parsed.isValid())
        QCOMPARE(json::timestamp(parsed), normalized);
}

QTEST_APPLESS_MAIN(tst_Event)
#include "tst_event.moc"
