// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Limits on a real server, each refusal clear and saying when to retry: connections in total and per
// address, WebSocket handshakes per second, writes per second per token or address, body, head and message
// sizes, and what a keep-alive connection may send after its first request. Loopback is treated as another
// machine (loopbackIsRemote) where a limit exempts this machine.
#include "securitytest.h"
#include "services/tokenservice.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
}

} // namespace

class tst_Limits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void connectionsPerAddress();
    void loopbackIsExemptFromPerAddressLimits();
    void connectionsInTotal();
    void handshakesPerSecond();
    void writesPerSecondPerToken();
    void writesPerSecondPerAddress();
    void bodyLimitsPerEndpoint();
    void headLimit();
    void messageLimit();
    void keepAliveFollowUpsAreBounded();

private:
    bool start(ServerConfig config);
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

bool tst_Limits::start(ServerConfig config)
{
    m_server = std::make_unique<TestServer>(config);
    return m_server->start();
}

void tst_Limits::cleanup()
{
    m_server.reset();
}

void tst_Limits::connectionsPerAddress()
{
    ServerConfig config;
    config.loopbackIsRemote = true;
    config.maxConnectionsPerAddress = 3;
    QVERIFY(start(config));
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<WsClient>());
        QVERIFY(clients.back()->open(m_server->wsUrl(u"/api/v1/ws"_s)));
    }
    // The fourth connection from the same address: plain HTTP and WebSocket alike, before any upgrade.
    for (const QByteArray &request : {get("/api/v1/ws/stats"), upgradeRequest("/api/v1/ws")}) {
        const QByteArray response = rawExchange(m_server->port(), request);
        QVERIFY2(statusOf(response) == 429, response.constData());
        QCOMPARE(errorCodeOf(response), u"too_many_connections"_s);
        QCOMPARE(headerOf(response, "Retry-After"), QByteArray("5"));
    }
    QCOMPARE(m_server->server().hub().connectionCount(), 3);
    // Served again once one closes.
    clients.back()->close();
    QVERIFY(clients.back()->waitForDisconnected());
    QTRY_COMPARE(m_server->server().hub().connectionCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(rawExchange(m_server->port(), get("/api/v1/ws/stats"))), 200, 5000);
    for (auto &client : clients)
        QVERIFY(client->isConnected() || client == clients.back());
}

void tst_Limits::loopbackIsExemptFromPerAddressLimits()
{
    ServerConfig config;
    config.maxConnectionsPerAddress = 2;
    config.handshakesPerSecond = 0.1;
    QVERIFY(start(config));
    std::vector<std::unique_ptr<WsClient>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(std::make_unique<WsClient>());
        QVERIFY(clients.back()->open(m_server->wsUrl(u"/api/v1/ws"_s)));
    }
    QCOMPARE(m_server->server().hub().connectionCount(), 5);
}

void tst_Limits::connectionsInTotal()
{
    ServerConfig config;
    config.maxConnections = 2;
    QVERIFY(start(config));
    WsClient a, b;
    QVERIFY(a.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    QVERIFY(b.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    const QByteArray response = rawExchange(m_server->port(), get("/api/v1/ws/stats"));
    QCOMPARE(statusOf(response), 503);
    QCOMPARE(errorCodeOf(response), u"server_busy"_s);
    QCOMPARE(headerOf(response, "Retry-After"), QByteArray("5"));
    WsClient c;
    QVERIFY(!c.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    a.close();
    QVERIFY(a.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(rawExchange(m_server->port(), get("/api/v1/ws/stats"))), 200, 5000);
}

void tst_Limits::handshakesPerSecond()
{
    ServerConfig config;
    config.loopbackIsRemote = true;
    config.handshakesPerSecond = 0.1; // a burst of one, then one every 10 s
    QVERIFY(start(config));
    WsClient first;
    QVERIFY(first.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    const QByteArray response = rawExchange(m_server->port(), upgradeRequest("/api/v1/ws"));
    QCOMPARE(statusOf(response), 429);
    QCOMPARE(errorCodeOf(response), u"too_many_requests"_s);
    const int retry = headerOf(response, "Retry-After").toInt();
    QVERIFY2(retry >= 9 && retry <= 10, headerOf(response, "Retry-After").constData());
    QVERIFY(bodyOf(response)[u"error"_s].toObject()[u"message"_s].toString().contains(u"retry after"_s));
    // Plain HTTP is not a handshake.
    QCOMPARE(statusOf(rawExchange(m_server->port(), get("/api/v1/ws/stats"))), 200);
    QCOMPARE(m_server->server().hub().connectionCount(), 1);
}

void tst_Limits::writesPerSecondPerToken()
{
    ServerConfig config;
    config.loopbackIsRemote = true;
    config.writesPerSecond = 0.1; // one write, then one every 10 s
    QVERIFY(start(config));
    const QByteArray a = m_server->server().tokens().create(u"a"_s, Role::Writer)->secret;
    const QByteArray b = m_server->server().tokens().create(u"b"_s, Role::Writer)->secret;
    const QByteArray body = R"({"tipo":"t","modelo":"m"})";
    const auto write = [&](const QByteArray &secret) {
        return rawExchange(
            m_server->port(), post("/api/v1/sensors", body, "Authorization: Bearer " + secret + "\r\n"));
    };
    QCOMPARE(statusOf(write(a)), 201);
    const qint64 sensors
        = queryValue(m_server->databasePath(), u"SELECT COUNT(*) FROM sensors"_s).toLongLong();
    const QByteArray refused = write(a);
    QCOMPARE(statusOf(refused), 429);
    QVERIFY(headerOf(refused, "Retry-After").toInt() >= 1);
    QVERIFY(bodyOf(refused)[u"error"_s].toObject()[u"message"_s].toString().contains(u"token"_s));
    QCOMPARE(queryValue(m_server->databasePath(), u"SELECT COUNT(*) FROM sensors"_s).toLongLong(), sensors);
    QCOMPARE(statusOf(write(b)), 201); // another token has its own budget
    // Reads are not writes.
    QCOMPARE(statusOf(rawExchange(m_server->port(), get("/api/v1/sensors"))), 200);
}

void tst_Limits::writesPerSecondPerAddress()
{
    ServerConfig config;
    config.authMode = AuthMode::Open;
    config.writesPerSecond = 0.1;
    {
        config.loopbackIsRemote = true;
        QVERIFY(start(config));
        const QByteArray event = post("/api/v1/ws/test-event?message=x", {});
        QCOMPARE(statusOf(rawExchange(m_server->port(), event)), 200);
        const QByteArray refused = rawExchange(m_server->port(), event);
        QCOMPARE(statusOf(refused), 429);
        QVERIFY(bodyOf(refused)[u"error"_s].toObject()[u"message"_s].toString().contains(u"address"_s));
    }
    {
        // This machine without a token is exempt.
        config.loopbackIsRemote = false;
        QVERIFY(start(config));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                statusOf(rawExchange(m_server->port(), post("/api/v1/ws/test-event?message=x", {}))), 200);
    }
}

void tst_Limits::bodyLimitsPerEndpoint()
{
    ServerConfig config;
    config.maxBodySize = 1024;
    config.maxBatchBodySize = 64 * 1024;
    QVERIFY(start(config));
    QCOMPARE(statusOf(rawExchange(m_server->port(), post("/api/v1/sensors", R"({"tipo":"t","modelo":"m"})"))),
        201);
    QByteArray batch = "[";
    for (int i = 0; i < 100; ++i)
        batch += (i ? "," : "") + QByteArray(R"({"sensor_id":1,"valor":1.5})");
    batch += ']';
    QVERIFY(batch.size() > 1024 && batch.size() < 64 * 1024);
    const Snapshot before = Snapshot::of(m_server->databasePath());
    const QByteArray big = R"({"tipo":"t","modelo":")" + QByteArray(2000, 'm') + "\"}";
    const QByteArray refused = rawExchange(m_server->port(), post("/api/v1/sensors", big));
    QCOMPARE(statusOf(refused), 413);
    QCOMPARE(errorCodeOf(refused), u"payload_too_large"_s);
    QCOMPARE(Snapshot::of(m_server->databasePath()), before);
    // The batch endpoint has its own limit.
    const QByteArray accepted = rawExchange(m_server->port(), post("/api/v1/readings/batch", batch));
    QVERIFY2(statusOf(accepted) == 201, accepted.constData());
    QByteArray huge = batch;
    while (huge.size() <= 64 * 1024)
        huge.insert(1, QByteArray(R"({"sensor_id":1,"valor":1.5}, )"));
    QCOMPARE(statusOf(rawExchange(m_server->port(), post("/api/v1/readings/batch", huge))), 413);
    // The same through a real client.
    QCOMPARE(m_http.request("POST", m_server->httpUrl(u"/api/v1/sensors"_s), big).status, 413);
}

void tst_Limits::headLimit()
{
    ServerConfig config;
    config.maxHeadSize = 2048;
    QVERIFY(start(config));
    const QByteArray response = rawExchange(m_server->port(),
        "GET /api/v1/ws/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + QByteArray(3000, 'a')
            + "\r\n\r\n");
    QCOMPARE(statusOf(response), 431);
    QCOMPARE(errorCodeOf(response), u"header_too_large"_s);
}

void tst_Limits::messageLimit()
{
    ServerConfig config;
    config.maxIncomingMessageSize = 1024;
    QVERIFY(start(config));
    WsClient client;
    QVERIFY(client.open(m_server->wsUrl(u"/api/v1/ws"_s)));
    client.send(u"{\"action\":\"ping\",\"pad\":\""_s + QString(2000, u'x') + u"\"}"_s);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
}

void tst_Limits::keepAliveFollowUpsAreBounded()
{
    ServerConfig config;
    config.maxBodySize = 1024;
    config.maxHeadSize = 2048;
    QVERIFY(start(config));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/v1/ws/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY((received += socket.readAll()).contains("total_channels"));
    // The second request on the connection is never seen by the front listener: it declares a huge body
    // and sends it. The connection is closed with 413 once more than head + body limit arrived unanswered.
    const Snapshot before = Snapshot::of(m_server->databasePath());
    socket.write("POST /api/v1/sensors HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n");
    received.clear();
    for (int i = 0; i < 16 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(QByteArray(1024, ' '));
        socket.waitForBytesWritten(1000);
        QTest::qWait(20);
        received += socket.readAll();
        if (received.contains("HTTP/1.1 413"))
            break; // stop writing: more bytes after the server's close would only reset the connection
    }
    QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).contains("HTTP/1.1 413")
            || socket.state() == QAbstractSocket::UnconnectedState,
        5000);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
    received += socket.readAll();
    QVERIFY2(received.contains("HTTP/1.1 413"), received.constData());
    QCOMPARE(Snapshot::of(m_server->databasePath()), before);
    QCOMPARE(statusOf(rawExchange(m_server->port(), get("/api/v1/ws/stats"))), 200);
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
