// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The seed's WebSocket API end to end: a real server on 127.0.0.1:0 and real QWebSocket clients.
#include "net/websockethub.h"
#include "testclients.h"
#include "testserver.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

#include <vector>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_WebSocketHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void channelIsolation();
    void generalGetsEverythingInSeqOrder();
    void statsCountConnectionsAndUsers();
    void statsAfterRemovalsListClientsById();
    void testEventResponse();
    void testEventUnknownChannel();
    void unknownChannelRefusedBeforeUpgrade();
    void wrongPathRefused();
    void secureEndpoint_data();
    void secureEndpoint();
    void secureEndpointWithoutServerToken();
    void pingPong();
    void malformedFramesKeepConnection_data();
    void malformedFramesKeepConnection();
    void binaryFrameCloses();
    void serverStopClosesWith1001();
    void badClientDoesNotDisturbOthers();

private:
    std::unique_ptr<WsClient> connectClient(const QString &query, const QString &path = u"/api/v1/ws"_s);
    HttpResult testEvent(const QString &channel, const QString &message);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_WebSocketHub::init()
{
    ServerConfig config;
    config.secureToken = "s3cret-token";
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
}

void tst_WebSocketHub::cleanup()
{
    m_server.reset();
}

std::unique_ptr<WsClient> tst_WebSocketHub::connectClient(const QString &query, const QString &path)
{
    auto client = std::make_unique<WsClient>();
    const QString target = query.isEmpty() ? path : path + u'?' + query;
    if (!client->open(m_server->wsUrl(target)))
        return nullptr;
    return client;
}

HttpResult tst_WebSocketHub::testEvent(const QString &channel, const QString &message)
{
    QUrlQuery query;
    query.addQueryItem(u"channel"_s, channel);
    query.addQueryItem(u"message"_s, message);
    QUrl url = m_server->httpUrl(u"/api/v1/ws/test-event"_s);
    url.setQuery(query);
    return m_http.post(url);
}

void tst_WebSocketHub::channelIsolation()
{
    auto sensors = connectClient(u"channel=sensors"_s);
    auto readings = connectClient(u"channel=readings"_s);
    auto general = connectClient(u"channel=general"_s);
    QVERIFY(sensors && readings && general);

    QCOMPARE(testEvent(u"sensors"_s, u"for sensors"_s).status, 200);
    QVERIFY(sensors->waitForMessages(1));
    QVERIFY(general->waitForMessages(1));
    QCOMPARE(sensors->message(0)[u"message"_s].toString(), u"for sensors"_s);
    QCOMPARE(general->message(0)[u"message"_s].toString(), u"for sensors"_s);

    // Delivery is in order per socket: if readings had received the first event it would come first.
    QCOMPARE(testEvent(u"readings"_s, u"for readings"_s).status, 200);
    QVERIFY(readings->waitForMessages(1));
    QVERIFY(general->waitForMessages(2));
    QCOMPARE(readings->message(0)[u"message"_s].toString(), u"for readings"_s);
    QCOMPARE(readings->messages().size(), 1);
    QCOMPARE(sensors->messages().size(), 1);
}

void tst_WebSocketHub::generalGetsEverythingInSeqOrder()
{
    auto general = connectClient(QString()); // default channel is general
    QVERIFY(general);
    const QStringList channels = channelNames();
    for (const QString &channel : channels)
        QCOMPARE(testEvent(channel, u"to "_s + channel).status, 200);
    QVERIFY(general->waitForMessages(int(channels.size())));
    const QList<QJsonObject> events = general->jsonMessages();
    QCOMPARE(events.size(), channels.size()); // sent to general only once each
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i][u"type"_s].toString(), u"system_event"_s);
        QCOMPARE(events[i][u"message"_s].toString(), u"to "_s + channels[i]);
        QCOMPARE(events[i][u"data"_s].toObject()[u"channel"_s].toString(), channels[i]);
        if (i > 0)
            QCOMPARE(events[i][u"seq"_s].toInteger(), events[i - 1][u"seq"_s].toInteger() + 1);
    }
}

void tst_WebSocketHub::statsCountConnectionsAndUsers()
{
    auto ana = connectClient(u"channel=general&user_id=ana"_s);
    auto bob = connectClient(u"channel=general&user_id=bob"_s);
    auto anonymous = connectClient(u"channel=general"_s);
    auto anaSensors = connectClient(u"channel=sensors&user_id=ana"_s);
    QVERIFY(ana && bob && anonymous && anaSensors);

    HttpResult stats = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s));
    QCOMPARE(stats.status, 200);
    QCOMPARE(stats.header("content-type"), QByteArray("application/json"));
    QJsonObject body = stats.object();
    QCOMPARE(body[u"total_channels"_s].toInt(), 2);
    QCOMPARE(body[u"total_connections"_s].toInt(), 4);
    const QJsonObject general = body[u"channels"_s].toObject()[u"general"_s].toObject();
    QCOMPARE(general[u"connections"_s].toInt(), 3);
    QCOMPARE(general[u"users"_s].toArray(), (QJsonArray {u"ana"_s, u"bob"_s}));
    QVERIFY(!body[u"channels"_s].toObject().contains(u"readings"_s));

    HttpResult sensors = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/sensors"_s));
    QCOMPARE(sensors.status, 200);
    QCOMPARE(sensors.object()[u"channel"_s].toString(), u"sensors"_s);
    QCOMPARE(sensors.object()[u"connections"_s].toInt(), 1);
    QCOMPARE(sensors.object()[u"users"_s].toArray(), QJsonArray {u"ana"_s});

    HttpResult empty = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/predictions"_s));
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.object()[u"connections"_s].toInt(), 0);
    QCOMPARE(empty.object()[u"users"_s].toArray(), QJsonArray());

    HttpResult unknown = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/nope"_s));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), u"unknown_channel"_s);

    // Leaving clients disappear from the counts.
    bob->close();
    anaSensors->close();
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 2);
    body = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s)).object();
    QCOMPARE(body[u"total_channels"_s].toInt(), 1);
    QCOMPARE(
        body[u"channels"_s].toObject()[u"general"_s].toObject()[u"users"_s].toArray(), QJsonArray {u"ana"_s});
    // Abrupt disconnects (no close frame) are cleaned up too.
    ana->socket().abort();
    anonymous->socket().abort();
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 0);
    QCOMPARE(m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s)).object()[u"total_channels"_s].toInt(), 0);
}

void tst_WebSocketHub::statsAfterRemovalsListClientsById()
{
    // Removal swaps the last client into the leaver's place; listings must still come in id order and the
    // kept counts must follow.
    std::vector<std::unique_ptr<WsClient>> clients;
    const QStringList users {u"carl"_s, u"ana"_s, u"bob"_s, u"ana"_s, u"dora"_s};
    for (const QString &user : users) {
        clients.push_back(connectClient(u"channel=general&user_id="_s + user));
        QVERIFY(clients.back());
    }
    const QList<ClientInfo> before = m_server->server().hub().clients();
    QCOMPARE(before.size(), 5);
    clients[0]->close(); // carl, the first: the last client takes its place
    clients[1]->close(); // one of the two ana
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 3);

    QList<qint64> expected;
    for (int i : {2, 3, 4})
        expected << qint64(before.at(i).id);
    const QJsonObject general = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats/general"_s)).object();
    QCOMPARE(general[u"connections"_s].toInt(), 3);
    QCOMPARE(general[u"users"_s].toArray(), (QJsonArray {u"ana"_s, u"bob"_s, u"dora"_s}));
    QList<qint64> ids;
    for (const QJsonValue &entry : general[u"clients"_s].toArray())
        ids << entry[u"id"_s].toInteger();
    QCOMPARE(ids, expected);
    QList<qint64> hubIds;
    for (const ClientInfo &info : m_server->server().hub().clients())
        hubIds << qint64(info.id);
    QCOMPARE(hubIds, expected);
    const QJsonObject stats = m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s)).object();
    QCOMPARE(stats[u"channels"_s].toObject()[u"general"_s].toObject()[u"users"_s].toArray(),
        (QJsonArray {u"ana"_s, u"bob"_s, u"dora"_s}));
}

void tst_WebSocketHub::testEventResponse()
{
    auto general = connectClient(u"channel=general"_s);
    auto sensors = connectClient(u"channel=sensors"_s);
    QVERIFY(general && sensors);
    HttpResult result = testEvent(u"sensors"_s, u"hola mundo ✓"_s);
    QCOMPARE(result.status, 200);
    const QJsonObject body = result.object();
    QCOMPARE(body[u"status"_s].toString(), u"sent"_s);
    QCOMPARE(body[u"channel"_s].toString(), u"sensors"_s);
    QCOMPARE(body[u"message"_s].toString(), u"hola mundo ✓"_s);
    QCOMPARE(body[u"recipients"_s].toInt(), 2);
    QVERIFY(sensors->waitForMessages(1));
    QCOMPARE(sensors->message(0)[u"seq"_s].toInteger(), body[u"seq"_s].toInteger());
    QCOMPARE(sensors->message(0)[u"level"_s].toString(), u"info"_s);
    QVERIFY(sensors->message(0)[u"timestamp"_s].toString().endsWith(u'Z'));

    // Defaults: channel general, message "Test event"; '+' in a query is a space.
    HttpResult defaults = m_http.post(m_server->httpUrl(u"/api/v1/ws/test-event"_s));
    QCOMPARE(defaults.status, 200);
    QCOMPARE(defaults.object()[u"channel"_s].toString(), u"general"_s);
    QCOMPARE(defaults.object()[u"message"_s].toString(), u"Test event"_s);
    QCOMPARE(defaults.object()[u"recipients"_s].toInt(), 1);
    HttpResult plus = m_http.post(m_server->httpUrl(u"/api/v1/ws/test-event?message=a+b"_s));
    QCOMPARE(plus.object()[u"message"_s].toString(), u"a b"_s);

    HttpResult wrongMethod = m_http.get(m_server->httpUrl(u"/api/v1/ws/test-event"_s));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.errorCode(), u"method_not_allowed"_s);
    QCOMPARE(wrongMethod.header("allow"), QByteArray("POST"));
}

void tst_WebSocketHub::testEventUnknownChannel()
{
    auto general = connectClient(u"channel=general"_s);
    QVERIFY(general);
    HttpResult result = testEvent(u"weather"_s, u"x"_s);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.errorCode(), u"unknown_channel"_s);
    QVERIFY(result.object()[u"error"_s].toObject()[u"message"_s].toString().contains(
        u"general, sensors, readings, locations, anomalies, predictions"_s));
    // Nothing was emitted: the next event the client sees is the next one sent.
    QCOMPARE(testEvent(u"general"_s, u"after"_s).status, 200);
    QVERIFY(general->waitForMessages(1));
    QCOMPARE(general->message(0)[u"message"_s].toString(), u"after"_s);
    QCOMPARE(general->messages().size(), 1);
}

static QByteArray upgradeRequest(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + extraHeaders + "\r\n";
}

static int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

static QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

void tst_WebSocketHub::unknownChannelRefusedBeforeUpgrade()
{
    const QByteArray response = rawExchange(m_server->port(), upgradeRequest("/api/v1/ws?channel=weather"));
    QCOMPARE(statusOf(response), 400);
    const QJsonObject error = bodyOf(response)[u"error"_s].toObject();
    QCOMPARE(error[u"code"_s].toString(), u"unknown_channel"_s);
    QVERIFY(error[u"message"_s].toString().contains(u"weather"_s));
    QVERIFY(error[u"message"_s].toString().contains(
        u"general, sensors, readings, locations, anomalies, predictions"_s));
    QVERIFY(!connectClient(u"channel=weather"_s));
    QCOMPARE(m_server->server().hub().connectionCount(), 0);
}

void tst_WebSocketHub::wrongPathRefused()
{
    const QByteArray response = rawExchange(m_server->port(), upgradeRequest("/api/v2/ws"));
    QCOMPARE(statusOf(response), 404);
    QCOMPARE(bodyOf(response)[u"error"_s].toObject()[u"code"_s].toString(), u"not_found"_s);
}

void tst_WebSocketHub::secureEndpoint_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status"); // 101 accepted
    QTest::addColumn<QString>("code");
    QTest::newRow("no token") << QByteArray("/api/v1/ws/secure?channel=sensors") << QByteArray() << 401
                              << u"missing_token"_s;
    QTest::newRow("wrong token") << QByteArray("/api/v1/ws/secure?token=nope") << QByteArray() << 401
                                 << u"invalid_token"_s;
    QTest::newRow("prefix of token") << QByteArray("/api/v1/ws/secure?token=s3cret") << QByteArray() << 401
                                     << u"invalid_token"_s;
    QTest::newRow("wrong bearer") << QByteArray("/api/v1/ws/secure")
                                  << QByteArray("Authorization: Bearer x\r\n") << 401 << u"invalid_token"_s;
    QTest::newRow("query token") << QByteArray("/api/v1/ws/secure?channel=sensors&token=s3cret-token")
                                 << QByteArray() << 101 << QString();
    QTest::newRow("bearer token") << QByteArray("/api/v1/ws/secure?channel=sensors")
                                  << QByteArray("Authorization: Bearer s3cret-token\r\n") << 101 << QString();
    QTest::newRow("unknown channel") << QByteArray("/api/v1/ws/secure?channel=x&token=s3cret-token")
                                     << QByteArray() << 400 << u"unknown_channel"_s;
}

void tst_WebSocketHub::secureEndpoint()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    QFETCH(QString, code);
    if (status != 101) {
        const QByteArray response = rawExchange(m_server->port(), upgradeRequest(target, headers));
        QCOMPARE(statusOf(response), status);
        QCOMPARE(bodyOf(response)[u"error"_s].toObject()[u"code"_s].toString(), code);
        QVERIFY(!response.contains("101 Switching"));
    }
    // The same through a real client: refused ones never connect and never see an event.
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server->port()) + QString::fromLatin1(target)));
    if (headers.startsWith("Authorization: "))
        request.setRawHeader("Authorization", headers.mid(15).trimmed());
    WsClient client;
    const bool opened = client.open(request);
    QCOMPARE(opened, status == 101);
    if (opened) {
        QCOMPARE(testEvent(u"sensors"_s, u"secret news"_s).status, 200);
        QVERIFY(client.waitForMessages(1));
        QCOMPARE(client.message(0)[u"message"_s].toString(), u"secret news"_s);
        QCOMPARE(m_server->server().hub().clients().value(0).secure, true);
    } else {
        QCOMPARE(m_server->server().hub().connectionCount(), 0);
    }
}

void tst_WebSocketHub::secureEndpointWithoutServerToken()
{
    TestServer open; // no --token
    QVERIFY(open.start());
    const QByteArray response = rawExchange(open.port(), upgradeRequest("/api/v1/ws/secure?token=anything"));
    QCOMPARE(statusOf(response), 401);
    QCOMPARE(bodyOf(response)[u"error"_s].toObject()[u"code"_s].toString(), u"secure_disabled"_s);
}

void tst_WebSocketHub::pingPong()
{
    auto client = connectClient(u"channel=anomalies"_s);
    QVERIFY(client);
    client->send(u"{\"action\":\"ping\"}"_s);
    QVERIFY(client->waitForMessages(1));
    QCOMPARE(client->message(0)[u"type"_s].toString(), u"pong"_s);
    QVERIFY(client->message(0)[u"timestamp"_s].toString().endsWith(u'Z'));
}

void tst_WebSocketHub::malformedFramesKeepConnection_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << u"hello server"_s << u"invalid_json"_s;
    QTest::newRow("array") << u"[1,2]"_s << u"invalid_message"_s;
    QTest::newRow("no action") << u"{\"ping\":true}"_s << u"invalid_message"_s;
    QTest::newRow("unknown action") << u"{\"action\":\"fly\"}"_s << u"unknown_action"_s;
    QTest::newRow("empty") << QString() << u"invalid_json"_s;
}

void tst_WebSocketHub::malformedFramesKeepConnection()
{
    QFETCH(QString, frame);
    QFETCH(QString, code);
    auto client = connectClient(u"channel=general"_s);
    QVERIFY(client);
    client->send(frame);
    QVERIFY(client->waitForMessages(1));
    QCOMPARE(client->message(0)[u"type"_s].toString(), u"error"_s);
    QCOMPARE(client->message(0)[u"error"_s].toObject()[u"code"_s].toString(), code);
    QVERIFY(!client->message(0)[u"error"_s].toObject()[u"message"_s].toString().isEmpty());
    // Still open and still served.
    QVERIFY(client->isConnected());
    QCOMPARE(testEvent(u"general"_s, u"still here"_s).status, 200);
    QVERIFY(client->waitForMessages(2));
    QCOMPARE(client->message(1)[u"message"_s].toString(), u"still here"_s);
}

void tst_WebSocketHub::binaryFrameCloses()
{
    auto client = connectClient(u"channel=general"_s);
    QVERIFY(client);
    client->socket().sendBinaryMessage(QByteArray("\x00\x01\x02", 3));
    QVERIFY(client->waitForDisconnected());
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
    QVERIFY(client->closeReason().contains(u"text"_s));
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 0);
}

void tst_WebSocketHub::serverStopClosesWith1001()
{
    auto a = connectClient(u"channel=general"_s);
    auto b = connectClient(u"channel=readings&user_id=z"_s);
    QVERIFY(a && b);
    m_server->stop();
    QVERIFY(a->waitForDisconnected());
    QVERIFY(b->waitForDisconnected());
    QCOMPARE(a->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(b->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(a->closeReason(), u"server shutting down"_s);
}

void tst_WebSocketHub::badClientDoesNotDisturbOthers()
{
    auto good = connectClient(u"channel=general"_s);
    QVERIFY(good);
    // Garbage on a raw socket, a refused upgrade and a malformed frame, all at once.
    QCOMPARE(statusOf(rawExchange(m_server->port(), QByteArray("\x01\x02garbage\r\n\r\n"))), 400);
    QCOMPARE(statusOf(rawExchange(m_server->port(), upgradeRequest("/api/v1/ws?channel=%00"))), 400);
    auto bad = connectClient(u"channel=general"_s);
    QVERIFY(bad);
    bad->send(u"{{{"_s);
    QCOMPARE(testEvent(u"general"_s, u"ok"_s).status, 200);
    QVERIFY(good->waitForMessages(1));
    QCOMPARE(good->message(0)[u"message"_s].toString(), u"ok"_s);
}

QTEST_GUILESS_MAIN(tst_WebSocketHub)
#include "tst_websockethub.moc"
