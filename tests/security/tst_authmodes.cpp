// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// --auth on a real server, with loopback treated as another machine (ServerConfig::loopbackIsRemote) so
// that the "remote" rules are tested on 127.0.0.1 without sending anything off the machine; and the
// browser Origin checks on WebSocket upgrades and writes.
#include "securitytest.h"
#include "services/tokenservice.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {
constexpr QByteArrayView Bootstrap = "modes-bootstrap-secret";
} // namespace

class tst_AuthModes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void requests_data();
    void requests();
    void webSocketUpgrades_data();
    void webSocketUpgrades();
    void thisMachineNeedsNoTokenUnderRemote();
    void reboundHostNameIsNotThisMachine();
    void origins_data();
    void origins();
    void realClientWithOrigin();

private:
    bool startServer(AuthMode mode, bool loopbackIsRemote, const QStringList &origins = {});
    QByteArray secret(const QString &role) const { return m_secrets.value(role); }

    std::unique_ptr<TestServer> m_server;
    QHash<QString, QByteArray> m_secrets;
    HttpClient m_http;
};

bool tst_AuthModes::startServer(AuthMode mode, bool loopbackIsRemote, const QStringList &origins)
{
    ServerConfig config;
    config.authMode = mode;
    config.loopbackIsRemote = loopbackIsRemote;
    config.secureToken = Bootstrap.toByteArray();
    config.allowedOrigins = origins;
    m_server = std::make_unique<TestServer>(config);
    if (!m_server->start())
        return false;
    m_secrets.clear();
    for (const auto &[name, role] : {std::pair {u"reader"_s, Role::Reader},
             std::pair {u"writer"_s, Role::Writer}, std::pair {u"admin"_s, Role::Admin}}) {
        Result<IssuedToken> issued = m_server->server().tokens().create(name, role);
        if (!issued)
            return false;
        m_secrets.insert(name, issued->secret);
    }
    return true;
}

void tst_AuthModes::cleanup()
{
    m_server.reset();
}

void tst_AuthModes::requests_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString sensors = u"/api/v1/sensors"_s;
    const QString testEvent = u"/api/v1/ws/test-event?channel=general&message=hi"_s;
    QTest::newRow("remote: read, no token")
        << u"remote"_s << QByteArray("GET") << sensors << QString() << 200 << QString();
    QTest::newRow("remote: stats, no token")
        << u"remote"_s << QByteArray("GET") << u"/api/v1/ws/stats"_s << QString() << 200 << QString();
    QTest::newRow("remote: write, no token")
        << u"remote"_s << QByteArray("POST") << sensors << QString() << 401 << u"missing_token"_s;
    QTest::newRow("remote: test-event, no token")
        << u"remote"_s << QByteArray("POST") << testEvent << QString() << 401 << u"missing_token"_s;
    QTest::newRow("remote: write, reader")
        << u"remote"_s << QByteArray("POST") << sensors << u"reader"_s << 403 << u"insufficient_role"_s;
    QTest::newRow("remote: write, writer")
        << u"remote"_s << QByteArray("POST") << sensors << u"writer"_s << 201 << QString();
    QTest::newRow("remote: test-event, writer")
        << u"remote"_s << QByteArray("POST") << testEvent << u"writer"_s << 200 << QString();
    QTest::newRow("remote: tokens, writer") << u"remote"_s << QByteArray("GET") << u"/api/v1/tokens"_s
                                            << u"writer"_s << 403 << u"insufficient_role"_s;
    QTest::newRow("all: read, no token")
        << u"all"_s << QByteArray("GET") << sensors << QString() << 401 << u"missing_token"_s;
    QTest::newRow("all: openapi, no token") << u"all"_s << QByteArray("GET") << u"/api/v1/openapi.json"_s
                                            << QString() << 401 << u"missing_token"_s;
    QTest::newRow("all: read, reader")
        << u"all"_s << QByteArray("GET") << sensors << u"reader"_s << 200 << QString();
    QTest::newRow("all: write, reader")
        << u"all"_s << QByteArray("POST") << sensors << u"reader"_s << 403 << u"insufficient_role"_s;
    QTest::newRow("all: write, writer")
        << u"all"_s << QByteArray("POST") << sensors << u"writer"_s << 201 << QString();
    QTest::newRow("open: write, no token")
        << u"open"_s << QByteArray("POST") << sensors << QString() << 201 << QString();
    QTest::newRow("open: tokens, no token")
        << u"open"_s << QByteArray("GET") << u"/api/v1/tokens"_s << QString() << 401 << u"missing_token"_s;
    QTest::newRow("open: tokens, admin")
        << u"open"_s << QByteArray("GET") << u"/api/v1/tokens"_s << u"admin"_s << 200 << QString();
}

void tst_AuthModes::requests()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QString, code);
    QVERIFY(startServer(*authModeFromName(mode), true));
    const Snapshot before = Snapshot::of(m_server->databasePath());
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + secret(token)});
    const QByteArray body
        = method == "POST" && path.contains(u"sensors"_s) ? R"({"tipo":"t","modelo":"m"})" : "";
    const HttpResult result = m_http.request(method, m_server->httpUrl(path), body, headers);
    QVERIFY2(result.status == status, result.body.constData());
    if (!code.isEmpty()) {
        QCOMPARE(result.errorCode(), code);
        QCOMPARE(Snapshot::of(m_server->databasePath()), before);
    }
}

void tst_AuthModes::webSocketUpgrades_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("remote: ws, no token")
        << u"remote"_s << QByteArray("/api/v1/ws") << QString() << 101 << QString();
    QTest::newRow("remote: secure, no token")
        << u"remote"_s << QByteArray("/api/v1/ws/secure") << QString() << 401 << u"missing_token"_s;
    QTest::newRow("all: ws, no token")
        << u"all"_s << QByteArray("/api/v1/ws?channel=sensors") << QString() << 401 << u"missing_token"_s;
    QTest::newRow("all: ws, reader") << u"all"_s << QByteArray("/api/v1/ws?channel=sensors") << u"reader"_s
                                     << 101 << QString();
    QTest::newRow("all: ws, wrong") << u"all"_s << QByteArray("/api/v1/ws") << u"wrong"_s << 401
                                    << u"invalid_token"_s;
    QTest::newRow("open: secure, reader")
        << u"open"_s << QByteArray("/api/v1/ws/secure") << u"reader"_s << 101 << QString();
}

void tst_AuthModes::webSocketUpgrades()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, target);
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QString, code);
    QVERIFY(startServer(*authModeFromName(mode), true));
    if (!token.isEmpty()) {
        target += target.contains('?') ? "&token=" : "?token=";
        target += token == u"wrong" ? QByteArray("pulso_wrong") : secret(token);
    }
    if (status != 101) {
        const QByteArray response = rawExchange(m_server->port(), upgradeRequest(target));
        QCOMPARE(statusOf(response), status);
        QCOMPARE(errorCodeOf(response), code);
        if (status == 401)
            QCOMPARE(headerOf(response, "WWW-Authenticate"), QByteArray("Bearer realm=\"pulso\""));
    }
    WsClient client;
    QCOMPARE(client.open(m_server->wsUrl(QString::fromLatin1(target))), status == 101);
    QCOMPARE(m_server->server().hub().connectionCount(), status == 101 ? 1 : 0);
}

void tst_AuthModes::thisMachineNeedsNoTokenUnderRemote()
{
    QVERIFY(startServer(AuthMode::Remote, false));
    QCOMPARE(m_http.request("POST", m_server->httpUrl(u"/api/v1/sensors"_s), R"({"tipo":"t","modelo":"m"})")
                 .status,
        201);
    // ... but admin endpoints still need admin.
    QCOMPARE(m_http.get(m_server->httpUrl(u"/api/v1/tokens"_s)).status, 401);
}

void tst_AuthModes::reboundHostNameIsNotThisMachine()
{
    // A web page at http://evil.example:PORT whose name was rebound to 127.0.0.1 sends Host: evil.example.
    QVERIFY(startServer(AuthMode::Remote, false));
    const Snapshot before = Snapshot::of(m_server->databasePath());
    const QByteArray body = R"({"tipo":"t","modelo":"m"})";
    const QByteArray response = rawExchange(m_server->port(),
        "POST /api/v1/sensors HTTP/1.1\r\nHost: evil.example:" + QByteArray::number(m_server->port())
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body);
    QCOMPARE(statusOf(response), 401);
    QCOMPARE(errorCodeOf(response), u"missing_token"_s);
    QCOMPARE(Snapshot::of(m_server->databasePath()), before);
    // The same request naming the machine is served.
    const QByteArray ok = rawExchange(m_server->port(),
        "POST /api/v1/sensors HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
        "application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QCOMPARE(statusOf(ok), 201);
}

void tst_AuthModes::origins_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin"); // "SELF" = the server's own origin
    QTest::addColumn<int>("upgradeStatus");
    QTest::addColumn<int>("writeStatus");
    QTest::newRow("no Origin: not a browser") << QStringList() << QByteArray() << 101 << 200;
    QTest::newRow("same origin") << QStringList() << QByteArray("SELF") << 101 << 200;
    QTest::newRow("other site") << QStringList() << QByteArray("http://evil.example") << 403 << 403;
    QTest::newRow("file:// page") << QStringList() << QByteArray("null") << 403 << 403;
    QTest::newRow("allowed site") << QStringList {u"https://panel.lan:8443"_s}
                                  << QByteArray("https://panel.lan:8443") << 101 << 200;
    QTest::newRow("allowed site, other port")
        << QStringList {u"https://panel.lan:8443"_s} << QByteArray("https://panel.lan:9443") << 403 << 403;
    QTest::newRow("null allowed") << QStringList {u"null"_s} << QByteArray("null") << 101 << 200;
}

void tst_AuthModes::origins()
{
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(int, upgradeStatus);
    QFETCH(int, writeStatus);
    QVERIFY(startServer(AuthMode::Remote, false, allowed));
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_server->port());
    if (origin == "SELF")
        origin = "http://" + host;
    const QByteArray originHeader = origin.isEmpty() ? QByteArray() : "Origin: " + origin + "\r\n";

    const QByteArray upgrade
        = rawExchange(m_server->port(), upgradeRequest("/api/v1/ws", originHeader, host), 1000);
    QCOMPARE(statusOf(upgrade), upgradeStatus);
    if (upgradeStatus == 403) {
        QCOMPARE(errorCodeOf(upgrade), u"origin_not_allowed"_s);
        QVERIFY(
            bodyOf(upgrade)[u"error"_s].toObject()[u"message"_s].toString().contains(u"--allowed-origin"_s));
    }

    const Snapshot before = Snapshot::of(m_server->databasePath());
    const QByteArray write = rawExchange(m_server->port(),
        "POST /api/v1/ws/test-event?message=csrf HTTP/1.1\r\nHost: " + host + "\r\n" + originHeader
            + "Content-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(write), writeStatus);
    if (writeStatus == 403) {
        QCOMPARE(errorCodeOf(write), u"origin_not_allowed"_s);
        QCOMPARE(Snapshot::of(m_server->databasePath()), before);
    }
    // Reads are not refused for their Origin: the browser keeps a cross-site page from reading them.
    const QByteArray read = rawExchange(m_server->port(),
        "GET /api/v1/ws/stats HTTP/1.1\r\nHost: " + host + "\r\n" + originHeader
            + "Connection: close\r\n\r\n");
    QCOMPARE(statusOf(read), 200);
}

void tst_AuthModes::realClientWithOrigin()
{
    QVERIFY(startServer(AuthMode::Remote, false));
    // QWebSocket sends the origin it is constructed with, as a browser would.
    QWebSocket foreign(u"http://evil.example"_s);
    QSignalSpy foreignDone(&foreign, &QWebSocket::disconnected);
    QSignalSpy foreignConnected(&foreign, &QWebSocket::connected);
    foreign.open(m_server->wsUrl(u"/api/v1/ws"_s));
    QTRY_VERIFY(!foreignDone.isEmpty());
    QVERIFY(foreignConnected.isEmpty());

    QWebSocket own(u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    QSignalSpy ownConnected(&own, &QWebSocket::connected);
    own.open(m_server->wsUrl(u"/api/v1/ws"_s));
    QTRY_VERIFY(!ownConnected.isEmpty());
    own.close();
}

QTEST_GUILESS_MAIN(tst_AuthModes)
#include "tst_authmodes.moc"
