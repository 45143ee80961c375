// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The web client's routes on a real server: GET / and /client, the assets under /static, their headers,
// HEAD, and refusals (unknown names, path traversal in its encoded forms, other methods).
#include "net/staticcontroller.h"
#include "testclients.h"
#include "testserver.h"

#include <QFile>
#include <QRegularExpression>
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

QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

/// Whether `received` holds a whole response (head and Content-Length bytes of body).
bool complete(const QByteArray &received)
{
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    static const QRegularExpression length(
        u"\r\nContent-Length: *(\\d+)"_s, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = length.match(QString::fromLatin1(received.first(headEnd)));
    return match.hasMatch() && received.size() >= headEnd + 4 + match.captured(1).toLongLong();
}

/// One raw GET (paths no well-behaved client sends as they are); returns once the whole response arrived.
/// The server runs in this thread, so the wait spins the event loop.
QByteArray rawGet(quint16 port, const QByteArray &target)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return complete(received);
        },
        5000);
    return received;
}

} // namespace

class tst_StaticController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void page_data();
    void page();
    void assets_data();
    void assets();
    void everyReferencedAssetIsBuiltIn();
    void head();
    void trailingSlashRedirects();
    void refusals_data();
    void refusals();
    void otherMethods();

private:
    TestServer m_server;
    HttpClient m_http;
};

void tst_StaticController::initTestCase()
{
    QVERIFY(m_server.start());
}

void tst_StaticController::page_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("root") << u"/"_s;
    QTest::newRow("client") << u"/client"_s;
    QTest::newRow("root with query") << u"/?lang=en"_s;
}

void tst_StaticController::page()
{
    QFETCH(QString, path);
    const HttpResult result = m_http.get(m_server.httpUrl(path));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(result.header("Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(result.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QVERIFY(result.header("Content-Security-Policy").contains("script-src 'self'"));
    QVERIFY(result.body.contains("<title>Pulso</title>"));
    // The same bytes as the file in the source tree.
    QFile source(QStringLiteral(PULSO_WEB_DIR "/index.html"));
    QVERIFY2(source.open(QIODevice::ReadOnly), qPrintable(source.fileName()));
    QCOMPARE(result.body, source.readAll());
}

void tst_StaticController::assets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("app") << u"app.js"_s << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("connection") << u"connection.js"_s << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("i18n") << u"i18n.js"_s << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("chart") << u"chart.js"_s << QByteArray("text/javascript; charset=utf-8");
    QTest::newRow("style") << u"style.css"_s << QByteArray("text/css; charset=utf-8");
    QTest::newRow("icon") << u"pulso.svg"_s << QByteArray("image/svg+xml");
}

void tst_StaticController::assets()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, contentType);
    const HttpResult result = m_http.get(m_server.httpUrl(u"/static/"_s + name));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), contentType);
    QCOMPARE(result.header("Cache-Control"), QByteArray("no-cache"));
    QVERIFY(result.body.size() > 100);
    QVERIFY(result.body.contains("SPDX-License-Identifier"));
}

void tst_StaticController::everyReferencedAssetIsBuiltIn()
{
    const StaticController controller;
    const HttpResult page = m_http.get(m_server.httpUrl(u"/"_s));
    const QString html = QString::fromUtf8(page.body);
    static const QRegularExpression reference(u"(?:src|href)=\"static/([^\"]+)\""_s);
    int count = 0;
    for (const QRegularExpressionMatch &match : reference.globalMatch(html)) {
        ++count;
        QVERIFY2(controller.assetNames().contains(u"static/"_s + match.captured(1)),
            qPrintable(match.captured(1)));
    }
    QCOMPARE(count, 6);
    QCOMPARE(StaticController::contentTypeFor(u"x.PNG"_s), QByteArray("image/png"));
    QCOMPARE(StaticController::contentTypeFor(u"noext"_s), QByteArray("application/octet-stream"));
}

void tst_StaticController::head()
{
    const HttpResult result = m_http.request("HEAD", m_server.httpUrl(u"/static/app.js"_s));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), QByteArray("text/javascript; charset=utf-8"));
    QVERIFY(result.body.isEmpty());
}

void tst_StaticController::trailingSlashRedirects()
{
    const QByteArray response = rawGet(m_server.port(), "/client/");
    QCOMPARE(statusOf(response), 301);
    QVERIFY2(response.contains("\r\nLocation: /client\r\n"), response.constData());
}

void tst_StaticController::refusals_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("unknown asset") << QByteArray("/static/missing.js");
    QTest::newRow("page under static") << QByteArray("/static/index.html");
    QTest::newRow("dot dot") << QByteArray("/static/../api/openapi.json");
    QTest::newRow("encoded dot dot") << QByteArray("/static/%2e%2e");
    QTest::newRow("encoded slash") << QByteArray("/static/..%2f..%2fapi%2fopenapi.json");
    QTest::newRow("encoded both") << QByteArray("/static/%2e%2e%2fapi%2fopenapi.json");
    QTest::newRow("backslash") << QByteArray("/static/..%5capi%5copenapi.json");
    QTest::newRow("nul") << QByteArray("/static/app.js%00.png");
    QTest::newRow("resource path") << QByteArray("/static/:%2fpulso%2fapi%2fopenapi.json");
    QTest::newRow("directory") << QByteArray("/static/");
    QTest::newRow("nested") << QByteArray("/static/static/app.js");
}

void tst_StaticController::refusals()
{
    QFETCH(QByteArray, target);
    const QByteArray response = rawGet(m_server.port(), target);
    // 404 from the asset table, or 400 where the HTTP layer refuses dot segments before any route runs.
    const int status = statusOf(response);
    QVERIFY2(status == 404 || status == 400, response.constData());
    const QJsonObject error = QJsonDocument::fromJson(bodyOf(response)).object().value(u"error"_s).toObject();
    QVERIFY2(!error.value(u"code"_s).toString().isEmpty(), response.constData());
    QVERIFY(!response.contains("openapi\":"));
    QVERIFY(!response.contains("<html"));
}

void tst_StaticController::otherMethods()
{
    const HttpResult post = m_http.post(m_server.httpUrl(u"/"_s), "x");
    QCOMPARE(post.status, 405);
    QCOMPARE(post.errorCode(), u"method_not_allowed"_s);
    const HttpResult del = m_http.request("DELETE", m_server.httpUrl(u"/static/app.js"_s));
    QCOMPARE(del.status, 405);
}

QTEST_GUILESS_MAIN(tst_StaticController)
#include "tst_staticcontroller.moc"
