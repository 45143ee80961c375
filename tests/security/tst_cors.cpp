// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What HttpApi does around every route for browsers and HEAD: CORS for the origins in --allowed-origin
// (preflight and the headers on answers, errors included), nothing for others or for the server's own
// pages; HEAD carries the GET's Content-Length without the body.
#include "securitytest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {
constexpr QByteArrayView Bootstrap = "httpapi-bootstrap-secret";
} // namespace

class tst_Cors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void preflight_data();
    void preflight();
    void answersCarryCorsHeaders_data();
    void answersCarryCorsHeaders();
    void preflightNeedsNoTokenButTheRequestDoes();
    void frontRefusalsCarryCorsHeaders();
    void headCarriesTheGetLength_data();
    void headCarriesTheGetLength();

private:
    bool startServer(const QStringList &origins, AuthMode mode = AuthMode::Remote);
    QByteArray hostHeader() const { return "127.0.0.1:" + QByteArray::number(m_server->port()); }

    std::unique_ptr<TestServer> m_server;
};

bool tst_Cors::startServer(const QStringList &origins, AuthMode mode)
{
    ServerConfig config;
    config.authMode = mode;
    config.secureToken = Bootstrap.toByteArray();
    config.allowedOrigins = origins;
    m_server = std::make_unique<TestServer>(config);
    return m_server->start();
}

void tst_Cors::cleanup()
{
    m_server.reset();
}

void tst_Cors::preflight_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin"); // "SELF" = the server's own origin
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("cors"); // Access-Control-Allow-* headers expected
    const QStringList panel {u"https://panel.lan:8443"_s};
    QTest::newRow("allowed origin") << panel << QByteArray("https://panel.lan:8443") << 204 << true;
    QTest::newRow("allowed origin, default port spelled")
        << QStringList {u"https://panel.lan"_s} << QByteArray("https://panel.lan:443") << 204 << true;
    QTest::newRow("file:// page, null allowed")
        << QStringList {u"null"_s} << QByteArray("null") << 204 << true;
    QTest::newRow("file:// page, null not allowed") << panel << QByteArray("null") << 403 << false;
    QTest::newRow("other site") << panel << QByteArray("http://evil.example") << 403 << false;
    QTest::newRow("every origin") << QStringList {u"*"_s} << QByteArray("http://any.example") << 204 << true;
    // The server's own page never needs a preflight; if one comes it gets the plain OPTIONS answer.
    QTest::newRow("same origin") << panel << QByteArray("SELF") << 204 << false;
}

void tst_Cors::preflight()
{
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    QFETCH(bool, cors);
    QVERIFY(startServer(allowed));
    if (origin == "SELF")
        origin = "http://" + hostHeader();
    const QByteArray response = rawExchange(m_server->port(),
        "OPTIONS /api/v1/sensors/7 HTTP/1.1\r\nHost: " + hostHeader() + "\r\nOrigin: " + origin
            + "\r\nAccess-Control-Request-Method: PATCH\r\n"
              "Access-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(response), status);
    if (status == 403) {
        QCOMPARE(errorCodeOf(response), u"origin_not_allowed"_s);
        QVERIFY(headerOf(response, "Access-Control-Allow-Origin").isEmpty());
        return;
    }
    QCOMPARE(headerOf(response, "Allow"), QByteArray("DELETE, GET, HEAD, PATCH, PUT, OPTIONS"));
    if (!cors) {
        QVERIFY(headerOf(response, "Access-Control-Allow-Origin").isEmpty());
        QVERIFY(headerOf(response, "Access-Control-Allow-Methods").isEmpty());
        return;
    }
    QCOMPARE(headerOf(response, "Access-Control-Allow-Origin"), origin);
    QCOMPARE(headerOf(response, "Access-Control-Allow-Methods"),
        QByteArray("DELETE, GET, HEAD, PATCH, PUT, OPTIONS"));
    const QByteArray allowedHeaders = headerOf(response, "Access-Control-Allow-Headers").toLower();
    QVERIFY2(allowedHeaders.contains("authorization"), allowedHeaders.constData());
    QVERIFY2(allowedHeaders.contains("content-type"), allowedHeaders.constData());
    QCOMPARE(headerOf(response, "Vary"), QByteArray("Origin"));
}

void tst_Cors::answersCarryCorsHeaders_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("cors");
    const QStringList both {u"https://panel.lan:8443"_s, u"null"_s};
    QTest::newRow("read, allowed") << both << QByteArray("https://panel.lan:8443") << QByteArray("GET")
                                   << QByteArray("/api/v1/sensors") << 200 << true;
    QTest::newRow("read, file:// page")
        << both << QByteArray("null") << QByteArray("GET") << QByteArray("/api/v1/ws/stats") << 200 << true;
    QTest::newRow("write, allowed") << both << QByteArray("https://panel.lan:8443") << QByteArray("POST")
                                    << QByteArray("/api/v1/ws/test-event?message=cors") << 200 << true;
    // The page must be able to read the error too.
    QTest::newRow("error, allowed") << both << QByteArray("null") << QByteArray("GET")
                                    << QByteArray("/api/v1/sensors/999") << 404 << true;
    QTest::newRow("read, not allowed") << both << QByteArray("http://evil.example") << QByteArray("GET")
                                       << QByteArray("/api/v1/sensors") << 200 << false;
    QTest::newRow("read, null not configured")
        << QStringList {u"https://panel.lan:8443"_s} << QByteArray("null") << QByteArray("GET")
        << QByteArray("/api/v1/sensors") << 200 << false;
    QTest::newRow("read, no allowlist") << QStringList() << QByteArray("https://panel.lan:8443")
                                        << QByteArray("GET") << QByteArray("/api/v1/sensors") << 200 << false;
    QTest::newRow("read, same origin")
        << both << QByteArray("SELF") << QByteArray("GET") << QByteArray("/api/v1/sensors") << 200 << false;
}

void tst_Cors::answersCarryCorsHeaders()
{
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(bool, cors);
    QVERIFY(startServer(allowed));
    if (origin == "SELF")
        origin = "http://" + hostHeader();
    const QByteArray response = rawExchange(m_server->port(),
        method + ' ' + target + " HTTP/1.1\r\nHost: " + hostHeader() + "\r\nOrigin: " + origin
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(response), status);
    if (cors) {
        QCOMPARE(headerOf(response, "Access-Control-Allow-Origin"), origin);
        QVERIFY(headerOf(response, "Access-Control-Expose-Headers").contains("Retry-After"));
        QCOMPARE(headerOf(response, "Vary"), QByteArray("Origin"));
    } else {
        QVERIFY2(headerOf(response, "Access-Control-Allow-Origin").isEmpty(), response.constData());
    }
}

void tst_Cors::preflightNeedsNoTokenButTheRequestDoes()
{
    // --auth all: the browser's preflight carries no Authorization header and must still be answered;
    // the request that follows is checked as usual, and its 401 is readable by the page.
    QVERIFY(startServer({u"null"_s}, AuthMode::All));
    const QByteArray preflight = rawExchange(m_server->port(),
        "OPTIONS /api/v1/sensors HTTP/1.1\r\nHost: " + hostHeader()
            + "\r\nOrigin: null\r\nAccess-Control-Request-Method: POST\r\n"
              "Access-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(preflight), 204);
    QCOMPARE(headerOf(preflight, "Access-Control-Allow-Origin"), QByteArray("null"));
    const QByteArray refused = rawExchange(m_server->port(),
        "GET /api/v1/sensors HTTP/1.1\r\nHost: " + hostHeader()
            + "\r\nOrigin: null\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(refused), 401);
    QCOMPARE(errorCodeOf(refused), u"missing_token"_s);
    QCOMPARE(headerOf(refused, "Access-Control-Allow-Origin"), QByteArray("null"));
    const QByteArray served = rawExchange(m_server->port(),
        "GET /api/v1/sensors HTTP/1.1\r\nHost: " + hostHeader() + "\r\nOrigin: null\r\nAuthorization: Bearer "
            + Bootstrap.toByteArray() + "\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(served), 200);
    QCOMPARE(headerOf(served, "Access-Control-Allow-Origin"), QByteArray("null"));
}

void tst_Cors::frontRefusalsCarryCorsHeaders()
{
    // 413 is answered by the front listener from Content-Length, before HttpApi sees the request.
    QVERIFY(startServer({u"null"_s}));
    for (const QByteArray &origin : {QByteArray("null"), QByteArray("http://evil.example")}) {
        const QByteArray response = rawExchange(m_server->port(),
            "POST /api/v1/sensors HTTP/1.1\r\nHost: " + hostHeader() + "\r\nOrigin: " + origin
                + "\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n");
        QCOMPARE(statusOf(response), 413);
        QCOMPARE(errorCodeOf(response), u"payload_too_large"_s);
        QCOMPARE(headerOf(response, "Access-Control-Allow-Origin"), origin == "null" ? origin : QByteArray());
    }
}

void tst_Cors::headCarriesTheGetLength_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("json") << QByteArray("/api/v1/ws/stats");
    QTest::newRow("list") << QByteArray("/api/v1/sensors");
    QTest::newRow("static asset") << QByteArray("/static/app.js");
    QTest::newRow("page") << QByteArray("/client");
    QTest::newRow("error") << QByteArray("/api/v1/sensors/12345");
}

void tst_Cors::headCarriesTheGetLength()
{
    QFETCH(QByteArray, target);
    QVERIFY(startServer({}));
    const QByteArray get = rawExchange(
        m_server->port(), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const QByteArray head = rawExchange(
        m_server->port(), "HEAD " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QCOMPARE(statusOf(head), statusOf(get));
    const qsizetype bodyStart = get.indexOf("\r\n\r\n") + 4;
    const QByteArray length = headerOf(get, "Content-Length");
    QVERIFY(length.toLongLong() > 0);
    QCOMPARE(length.toLongLong(), get.size() - bodyStart);
    QCOMPARE(headerOf(head, "Content-Length"), length);
    QCOMPARE(headerOf(head, "Content-Type"), headerOf(get, "Content-Type"));
    QVERIFY2(head.endsWith("\r\n\r\n"), head.constData()); // no body
}

QTEST_GUILESS_MAIN(tst_Cors)
#include "tst_cors.moc"
