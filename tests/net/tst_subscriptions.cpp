// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Several channels on one socket, server-side filters, slow consumers and heartbeats, with real clients.
#include "net/websockethub.h"
#include "services/systemeventservice.h"
#include "services/unitofwork.h"
#include "testclients.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_Subscriptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void subscribeAndUnsubscribeAreAcknowledged();
    void overlappingSubscriptionsDeliverOnce();
    void statsCountEachSubscription();
    void badSubscribeMessages_data();
    void badSubscribeMessages();
    void filters_data();
    void filters();
    void stalledClientIsClosedOthersUnharmed();
    void clientThatNeverReadsIsDroppedSoonAfterItsClose();
    void latestModeCoalescesReadings();
    void silentClientIsDroppedAfterTwoPings();
    void answeringClientStaysAndHasRtt();
    void oversizedMessageCloses1009();

private:
    bool startServer(ServerConfig config = {});
    Event record(EventDraft draft);
    void testEvent(const QString &channel, const QString &message);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

bool tst_Subscriptions::startServer(ServerConfig config)
{
    m_server = std::make_unique<TestServer>(config);
    return m_server->start();
}

void tst_Subscriptions::cleanup()
{
    m_server.reset();
}

Event tst_Subscriptions::record(EventDraft draft)
{
    UnitOfWork work(m_server->server().context());
    Result<Event> event = work.record(std::move(draft));
    if (!event || !work.commit())
        return {};
    return *event;
}

void tst_Subscriptions::testEvent(const QString &channel, const QString &message)
{
    QUrl url = m_server->httpUrl(u"/api/v1/ws/test-event"_s);
    url.setQuery(u"channel=%1&message=%2"_s.arg(channel, message));
    QCOMPARE(m_http.post(url).status, 200);
}

static EventDraft reading(qint64 id, qint64 sensor, double value, qint64 location = 0)
{
    QJsonObject data {{u"id"_s, id}, {u"sensor_id"_s, sensor}, {u"valor"_s, value}};
    if (location > 0)
        data.insert(u"location_id"_s, location);
    return EventDraft::entity(
        u"reading"_s, EventType::Created, id, data, {{u"action"_s, u"create_reading"_s}});
}

void tst_Subscriptions::subscribeAndUnsubscribeAreAcknowledged()
{
    QVERIFY(startServer());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors"_s)));
    client.send(u"{\"action\":\"subscribe\",\"channel\":\"readings\"}"_s);
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.message(0)[u"type"_s].toString(), u"subscribed"_s);
    QCOMPARE(client.message(0)[u"channel"_s].toString(), u"readings"_s);
    QCOMPARE(client.message(0)[u"mode"_s].toString(), u"all"_s);

    testEvent(u"readings"_s, u"r1"_s);
    testEvent(u"sensors"_s, u"s1"_s);
    testEvent(u"anomalies"_s, u"a1"_s);
    testEvent(u"general"_s, u"g1"_s);
    client.send(u"{\"action\":\"unsubscribe\",\"channel\":\"sensors\"}"_s);
    QVERIFY(client.waitForMessages(4));
    QCOMPARE(client.message(1)[u"message"_s].toString(), u"r1"_s);
    QCOMPARE(client.message(2)[u"message"_s].toString(), u"s1"_s);
    QCOMPARE(client.message(3)[u"type"_s].toString(), u"unsubscribed"_s);
    testEvent(u"sensors"_s, u"s2"_s);
    testEvent(u"readings"_s, u"r2"_s);
    QVERIFY(client.waitForMessages(5));
    QCOMPARE(client.message(4)[u"message"_s].toString(), u"r2"_s);

    client.send(u"{\"action\":\"unsubscribe\",\"channel\":\"sensors\"}"_s);
    QVERIFY(client.waitForMessages(6));
    QCOMPARE(client.message(5)[u"error"_s].toObject()[u"code"_s].toString(), u"not_subscribed"_s);
}

void tst_Subscriptions::overlappingSubscriptionsDeliverOnce()
{
    QVERIFY(startServer());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=general"_s)));
    client.send(u"{\"action\":\"subscribe\",\"channel\":\"sensors\"}"_s);
    QVERIFY(client.waitForMessages(1));
    testEvent(u"sensors"_s, u"once"_s);
    testEvent(u"general"_s, u"marker"_s);
    QVERIFY(client.waitForMessages(3));
    QCOMPARE(client.message(1)[u"message"_s].toString(), u"once"_s);
    QCOMPARE(client.message(2)[u"message"_s].toString(), u"marker"_s);
    QCOMPARE(client.messages().size(), 3);
}

void tst_Subscriptions::statsCountEachSubscription()
{
    QVERIFY(startServer());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors&user_id=dash"_s)));
    client.send(u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"mode\":\"latest\"}"_s);
    QVERIFY(client.waitForMessages(1));
    const QJsonObject stats = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s)).object();
    QCOMPARE(stats[u"total_channels"_s].toInt(), 2);
    QCOMPARE(stats[u"total_connections"_s].toInt(), 1);
    QCOMPARE(stats[u"channels"_s].toObject()[u"readings"_s].toObject()[u"users"_s].toArray(),
        QJsonArray {u"dash"_s});
    const QJsonObject readings = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/readings"_s)).object();
    const QJsonObject entry = readings[u"clients"_s].toArray().at(0).toObject();
    QCOMPARE(entry[u"mode"_s].toString(), u"latest"_s);
    QCOMPARE(entry[u"user_id"_s].toString(), u"dash"_s);
    QVERIFY(entry.contains(u"bytes_pending"_s));
    QVERIFY(entry.contains(u"rtt_ms"_s));
    QCOMPARE(m_server->server().hub().clients().size(), 2);
}

void tst_Subscriptions::badSubscribeMessages_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");
    QTest::newRow("no channel") << u"{\"action\":\"subscribe\"}"_s << u"invalid_message"_s;
    QTest::newRow("unknown channel") << u"{\"action\":\"subscribe\",\"channel\":\"x\"}"_s
                                     << u"unknown_channel"_s;
    QTest::newRow("bad mode") << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"mode\":\"fast\"}"_s
                              << u"invalid_message"_s;
    QTest::newRow("filter not object")
        << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":[1]}"_s << u"invalid_filter"_s;
    QTest::newRow("filter unknown field")
        << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":{\"color\":1}}"_s
        << u"invalid_filter"_s;
    QTest::newRow("sensor ids text")
        << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":{\"sensor_ids\":[\"a\"]}}"_s
        << u"invalid_filter"_s;
    QTest::newRow("sensor ids fraction")
        << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":{\"sensor_ids\":[1.5]}}"_s
        << u"invalid_filter"_s;
    QTest::newRow("event type unknown")
        << u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":{\"event_types\":[\"exploded\"]}}"_s
        << u"invalid_filter"_s;
    QTest::newRow("resume negative") << u"{\"action\":\"resume\",\"since\":-1}"_s << u"invalid_message"_s;
    QTest::newRow("resume text") << u"{\"action\":\"resume\",\"since\":\"5\"}"_s << u"invalid_message"_s;
}

void tst_Subscriptions::badSubscribeMessages()
{
    QFETCH(QString, message);
    QFETCH(QString, code);
    QVERIFY(startServer());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors"_s)));
    client.send(message);
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.message(0)[u"type"_s].toString(), u"error"_s);
    QCOMPARE(client.message(0)[u"error"_s].toObject()[u"code"_s].toString(), code);
    QVERIFY(client.isConnected());
    // Nothing changed: still only sensors.
    QCOMPARE(m_server->server().hub().clients().size(), 1);
}

void tst_Subscriptions::filters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QList<qint64>>("expectedIds");
    // Readings 1..4: sensors 10, 11, 10, 12; location 7 for readings 1 and 2.
    QTest::newRow("none") << u"null"_s << QList<qint64> {1, 2, 3, 4};
    QTest::newRow("sensor") << u"{\"sensor_ids\":[10]}"_s << QList<qint64> {1, 3};
    QTest::newRow("sensors") << u"{\"sensor_ids\":[11,12]}"_s << QList<qint64> {2, 4};
    QTest::newRow("location") << u"{\"location_id\":7}"_s << QList<qint64> {1, 2};
    QTest::newRow("event type") << u"{\"event_types\":[\"updated\"]}"_s << QList<qint64> {4};
    QTest::newRow("combined") << u"{\"sensor_ids\":[10],\"location_id\":7}"_s << QList<qint64> {1};
}

void tst_Subscriptions::filters()
{
    QFETCH(QString, filter);
    QFETCH(QList<qint64>, expectedIds);
    QVERIFY(startServer());
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors"_s)));
    client.send(u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":%1}"_s.arg(filter));
    QVERIFY(client.waitForMessages(1));
    QCOMPARE(client.message(0)[u"type"_s].toString(), u"subscribed"_s);
    QVERIFY(!record(reading(1, 10, 1.0, 7)).isNull());
    QVERIFY(!record(reading(2, 11, 2.0, 7)).isNull());
    QVERIFY(!record(reading(3, 10, 3.0)).isNull());
    EventDraft updated = reading(4, 12, 4.0);
    updated.eventType = EventType::Updated;
    QVERIFY(!record(updated).isNull());
    testEvent(u"readings"_s, u"end"_s); // system events always pass filters: a marker
    QVERIFY(client.waitForMessages(int(expectedIds.size()) + 2));
    QList<qint64> ids;
    for (int i = 1; i < client.messages().size() - 1; ++i)
        ids << client.message(i)[u"entity_id"_s].toInteger();
    QCOMPARE(ids, expectedIds);
    QCOMPARE(client.jsonMessages().constLast()[u"message"_s].toString(), u"end"_s);
}

void tst_Subscriptions::stalledClientIsClosedOthersUnharmed()
{
    ServerConfig config;
    config.maxPendingBytes = 256 * 1024;
    QVERIFY(startServer(config));
    RawWebSocket stalled(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(stalled.isOpen());
    stalled.socket().setReadBufferSize(1); // stop reading: the kernel buffers fill, then the server's
    WsClient healthy;
    QVERIFY(healthy.open(m_server->wsUrl(u"/api/v1/ws?channel=general"_s)));

    const QString padding(8000, u'x');
    const int count = 1500; // 12 MB: more than loopback socket buffers plus the limit
    // In batches, as a live server publishes them: the healthy client keeps up between batches.
    bool resumed = false;
    for (int i = 0; i < count; ++i) {
        m_server->server().systemEvents().publish(SystemLevel::Info, padding, {{u"i"_s, i}});
        if (i % 10 != 9)
            continue;
        QVERIFY(healthy.waitForMessages(i + 1, 10000));
        if (!resumed && m_server->server().hub().overflowClosures() == 1) {
            // The stalled client reads again within the 1.5-s close wait (after it the descriptor is closed
            // whether or not the close frame left) and finds a 1013 close telling it how to resume.
            resumed = true;
            stalled.socket().setReadBufferSize(0);
            QDeadlineTimer deadline(20000);
            while (stalled.closeCode() == 0 && !deadline.hasExpired())
                stalled.read(0, 200);
            QCOMPARE(stalled.closeCode(), 1013);
            QVERIFY(stalled.closeReason().contains("since="));
            QVERIFY(stalled.texts().size() < count);
        }
    }
    QVERIFY(resumed);
    QVERIFY(healthy.waitForMessages(count, 30000));
    QCOMPARE(m_server->server().hub().overflowClosures(), quint64(1));
    for (int i = 0; i < count; ++i)
        QCOMPARE(healthy.message(i)[u"data"_s].toObject()[u"i"_s].toInt(), i);
}

void tst_Subscriptions::clientThatNeverReadsIsDroppedSoonAfterItsClose()
{
    ServerConfig config;
    config.maxPendingBytes = 64 * 1024;
    config.pingIntervalMs = 60000; // the heartbeat would drop it only after two minutes
    QVERIFY(startServer(config));
    RawWebSocket stalled(m_server->port(), "/api/v1/ws?channel=general");
    QVERIFY(stalled.isOpen());
    stalled.socket().setReadBufferSize(1); // never reads again: the 1013 close frame cannot leave
    WebSocketHub &hub = m_server->server().hub();
    QTRY_COMPARE(hub.connectionCount(), 1);
    QSignalSpy disconnected(&hub, &WebSocketHub::clientDisconnected);

    // Far more than loopback socket buffers hold, so the close frame stays queued behind them.
    const QString padding(8000, u'x');
    for (int i = 0; i < 3000 && hub.overflowClosures() == 0; ++i) {
        m_server->server().systemEvents().publish(SystemLevel::Info, padding, {{u"i"_s, i}});
        if (i % 10 == 9)
            QTest::qWait(1);
    }
    QCOMPARE(hub.overflowClosures(), quint64(1));
    QCOMPARE(hub.connectionCount(), 1); // still waiting for its close frame to leave
    // The 1.5-s bounded wait ends with the descriptor closed though the close frame never left: gone within
    // the 10 s allowed here, well before the 60-s heartbeat that used to be the only way out.
    QTRY_COMPARE_WITH_TIMEOUT(hub.connectionCount(), 0, 10000);
    QCOMPARE(disconnected.size(), 1);

    // Reading again, the client finds what the kernel held, then the end of the connection.
    stalled.socket().setReadBufferSize(0);
    QDeadlineTimer deadline(20000);
    while (stalled.socket().state() == QAbstractSocket::ConnectedState && !deadline.hasExpired())
        stalled.read(0, 200);
    QCOMPARE(stalled.socket().state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!stalled.texts().isEmpty());
}

void tst_Subscriptions::latestModeCoalescesReadings()
{
    ServerConfig config;
    config.latestThresholdBytes = 16 * 1024;
    QVERIFY(startServer(config));
    RawWebSocket dashboard(m_server->port(), "/api/v1/ws?channel=readings&mode=latest");
    QVERIFY(dashboard.isOpen());
    dashboard.socket().setReadBufferSize(1);

    const QString padding(4000, u'p');
    const int perSensor = 1000;
    for (int i = 0; i < perSensor; ++i) {
        for (qint64 sensor = 1; sensor <= 3; ++sensor) {
            EventDraft draft = reading(i * 3 + sensor, sensor, double(i));
            draft.data.insert(u"nota"_s, padding);
            QVERIFY(!record(draft).isNull());
        }
    }
    QCOMPARE(m_server->server().hub().overflowClosures(), quint64(0));
    dashboard.socket().setReadBufferSize(0);
    // Read until the newest value of every sensor arrived.
    QHash<qint64, double> latest;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        dashboard.read(0, 200);
        latest.clear();
        for (const QByteArray &text : dashboard.texts()) {
            const QJsonObject data = QJsonDocument::fromJson(text).object()[u"data"_s].toObject();
            latest[data[u"sensor_id"_s].toInteger()]
                = qMax(latest.value(data[u"sensor_id"_s].toInteger(), -1.0), data[u"valor"_s].toDouble());
        }
        if (latest.size() == 3 && latest[1] == perSensor - 1 && latest[2] == perSensor - 1
            && latest[3] == perSensor - 1)
            break;
    }
    QCOMPARE(latest.value(1), double(perSensor - 1));
    QCOMPARE(latest.value(2), double(perSensor - 1));
    QCOMPARE(latest.value(3), double(perSensor - 1));
    // Coalescing dropped intermediate values instead of queueing 12 MB.
    QVERIFY2(dashboard.texts().size() < 3 * perSensor, qPrintable(QString::number(dashboard.texts().size())));
    QCOMPARE(dashboard.closeCode(), 0);
}

void tst_Subscriptions::silentClientIsDroppedAfterTwoPings()
{
    ServerConfig config;
    config.pingIntervalMs = 100;
    QVERIFY(startServer(config));
    RawWebSocket silent(m_server->port(), "/api/v1/ws?channel=general"); // never answers pings
    QVERIFY(silent.isOpen());
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().hub().connectionCount(), 0, 5000);
}

void tst_Subscriptions::answeringClientStaysAndHasRtt()
{
    ServerConfig config;
    config.pingIntervalMs = 100;
    QVERIFY(startServer(config));
    WsClient client; // QWebSocket answers pings by itself
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=general"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->server().hub().clients().value(0).rttMs >= 0, 5000);
    QTest::qWait(500); // five intervals: it must still be there
    QCOMPARE(m_server->server().hub().connectionCount(), 1);
    QVERIFY(client.isConnected());
}

void tst_Subscriptions::oversizedMessageCloses1009()
{
    ServerConfig config;
    config.maxIncomingMessageSize = 1024;
    QVERIFY(startServer(config));
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws?channel=general"_s)));
    client.send(QString(4096, u'a'));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
}

QTEST_GUILESS_MAIN(tst_Subscriptions)
#include "tst_subscriptions.moc"
