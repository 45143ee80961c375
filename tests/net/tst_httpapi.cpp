// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP behaviour around the routes: errors as JSON, 404/405, limits, timeouts, keep-alive.
#include "net/httpapi.h"
#include "testclients.h"
#include "testserver.h"

#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

/// A raw connection kept open between exchanges.
class RawConnection
{
public:
    explicit RawConnection(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(3000);
    }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    /// Reads until `marker` has arrived `count` times or the server closed.
    QByteArray readUntil(const QByteArray &marker, int count = 1, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_buffer.count(marker) < count && !deadline.hasExpired()
            && m_socket.state() == QAbstractSocket::ConnectedState) {
            QTest::qWait(5);
            m_buffer += m_socket.readAll();
        }
        m_buffer += m_socket.readAll();
        return m_buffer;
    }
    bool waitForServerClose(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired())
            QTest::qWait(5);
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace

class tst_HttpApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void errorsAreJson_data();
    void errorsAreJson();
    void headHasNoBody();
    void optionsListsMethods();
    void keepAliveServesSeveralRequests();
    void refusalsBeforeHandover_data();
    void refusalsBeforeHandover();
    void slowHeadTimesOut();
    void idleKeepAliveIsClosed();
    void expectContinueIsAnswered();

private:
    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_HttpApi::init()
{
    ServerConfig config;
    config.maxBodySize = 1024;
    config.maxHeadSize = 2048;
    config.headTimeoutMs = 300;
    config.httpIdleTimeoutMs = 400;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
}

void tst_HttpApi::cleanup()
{
    m_server.reset();
}

void tst_HttpApi::errorsAreJson_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown route") << QByteArray("GET") << u"/api/v1/unknown"_s << 404 << u"not_found"_s;
    QTest::newRow("root") << QByteArray("GET") << u"/nothing/here?x=1"_s << 404 << u"not_found"_s;
    QTest::newRow("wrong method on stats")
        << QByteArray("POST") << u"/api/v1/ws/stats"_s << 405 << u"method_not_allowed"_s;
    QTest::newRow("delete channel stats")
        << QByteArray("DELETE") << u"/api/v1/ws/stats/general"_s << 405 << u"method_not_allowed"_s;
    QTest::newRow("plain GET on ws") << QByteArray("GET") << u"/api/v1/ws"_s << 426 << u"upgrade_required"_s;
    QTest::newRow("plain GET on secure ws")
        << QByteArray("GET") << u"/api/v1/ws/secure"_s << 426 << u"upgrade_required"_s;
    QTest::newRow("unknown channel stats")
        << QByteArray("GET") << u"/api/v1/ws/stats/%3Cscript%3E"_s << 404 << u"unknown_channel"_s;
}

void tst_HttpApi::errorsAreJson()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpResult result = m_http.request(method, m_server->httpUrl(path));
    QCOMPARE(result.status, status);
    QCOMPARE(result.header("content-type"), QByteArray("application/json"));
    QCOMPARE(result.errorCode(), code);
    QVERIFY(!result.object()[u"error"_s].toObject()[u"message"_s].toString().isEmpty());
    if (status == 405)
        QVERIFY(!result.header("allow").isEmpty());
}

void tst_HttpApi::headHasNoBody()
{
    const QByteArray response = rawExchange(
        m_server->port(), "HEAD /api/v1/ws/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(response), 200);
    QVERIFY(response.endsWith("\r\n\r\n"));
}

void tst_HttpApi::optionsListsMethods()
{
    const HttpResult result = m_http.request("OPTIONS", m_server->httpUrl(u"/api/v1/ws/test-event"_s));
    QCOMPARE(result.status, 204);
    QCOMPARE(result.header("allow"), QByteArray("POST, OPTIONS"));
}

void tst_HttpApi::keepAliveServesSeveralRequests()
{
    RawConnection connection(m_server->port());
    connection.send("GET /api/v1/ws/stats HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(connection.readUntil("total_channels").count("HTTP/1.1 200"), 1);
    connection.send("GET /api/v1/ws/stats/general HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray all = connection.readUntil("HTTP/1.1 ", 3);
    QCOMPARE(all.count("HTTP/1.1 200"), 2);
    QCOMPARE(all.count("HTTP/1.1 404"), 1);
}

void tst_HttpApi::refusalsBeforeHandover_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("head too large") << "GET / HTTP/1.1\r\nX-Big: " + QByteArray(4000, 'a') + "\r\n\r\n"
                                    << 431 << u"header_too_large"_s;
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << 400 << u"bad_request"_s;
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400
                                    << u"bad_request"_s;
    QTest::newRow("body too large") << QByteArray("POST /api/v1/ws/test-event HTTP/1.1\r\nHost: x\r\n"
                                                  "Content-Length: 5000\r\n\r\n")
                                    << 413 << u"payload_too_large"_s;
    QTest::newRow("bad content-length") << QByteArray("POST /api/v1/ws/test-event HTTP/1.1\r\nHost: x\r\n"
                                                      "Content-Length: -5\r\n\r\n")
                                        << 400 << u"bad_request"_s;
}

void tst_HttpApi::refusalsBeforeHandover()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QByteArray response = rawExchange(m_server->port(), request);
    QCOMPARE(statusOf(response), status);
    QVERIFY(response.contains("Connection: close"));
    QCOMPARE(bodyOf(response)[u"error"_s].toObject()[u"code"_s].toString(), code);
    // The server keeps serving.
    QCOMPARE(m_http.get(m_server->httpUrl(u"/api/v1/ws/stats"_s)).status, 200);
}

void tst_HttpApi::slowHeadTimesOut()
{
    RawConnection connection(m_server->port());
    connection.send("GET /api/v1/ws/stats HTTP/1.1\r\nHost: x\r\n"); // never finished
    QVERIFY(connection.waitForServerClose());
    const QByteArray response = connection.readUntil("never");
    QCOMPARE(statusOf(response), 408);
    QCOMPARE(bodyOf(response)[u"error"_s].toObject()[u"code"_s].toString(), u"request_timeout"_s);
}

void tst_HttpApi::idleKeepAliveIsClosed()
{
    RawConnection connection(m_server->port());
    connection.send("GET /api/v1/ws/stats HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(statusOf(connection.readUntil("total_channels")), 200);
    QTRY_COMPARE(m_server->server().http().connectionCount(), 1);
    QVERIFY(connection.waitForServerClose());
    QTRY_COMPARE(m_server->server().http().connectionCount(), 0);
}

void tst_HttpApi::expectContinueIsAnswered()
{
    RawConnection connection(m_server->port());
    connection.send("POST /api/v1/ws/test-event?message=x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                    "Expect: 100-continue\r\n\r\n");
    QVERIFY(connection.readUntil("100 Continue").startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    connection.send("{}");
    const QByteArray all = connection.readUntil("\"status\":\"sent\"");
    QVERIFY(all.contains("HTTP/1.1 200"));
}

QTEST_GUILESS_MAIN(tst_HttpApi)
#include "tst_httpapi.moc"
