// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/httphead.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_HttpHead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void fieldsOfCompleteHead();
    void websocketUpgradeDetection_data();
    void websocketUpgradeDetection();
    void queryDecoding();
};

void tst_HttpHead::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxSize");
    QTest::addColumn<HttpHead::Parse>("expected");
    using P = HttpHead::Parse;
    QTest::newRow("complete") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 1024 << P::Complete;
    QTest::newRow("no headers") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1024 << P::Complete;
    QTest::newRow("body follows") << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}") << 1024
                                  << P::Complete;
    QTest::newRow("leading crlf") << QByteArray("\r\nGET / HTTP/1.1\r\n\r\n") << 1024 << P::Complete;
    QTest::newRow("partial") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << 1024 << P::Incomplete;
    QTest::newRow("partial line") << QByteArray("GET /api/v1/ws?chan") << 1024 << P::Incomplete;
    QTest::newRow("too large") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(2000, 'a') << 1024
                               << P::TooLarge;
    QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00\x01", 6) << 1024 << P::Invalid;
    QTest::newRow("long method") << QByteArray(40, 'A') << 1024 << P::Invalid;
    QTest::newRow("no spaces") << QByteArray("HELLO\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("relative target") << QByteArray("GET index.html HTTP/1.1\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("bare lf") << QByteArray("GET / HTTP/1.1\nHost: x\n\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("header without colon")
        << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("space before colon")
        << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("folding") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 1024 << P::Invalid;
    QTest::newRow("extra spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 1024 << P::Invalid;
}

void tst_HttpHead::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxSize);
    QFETCH(HttpHead::Parse, expected);
    HttpHead head;
    QCOMPARE(HttpHead::parse(bytes, maxSize, head), expected);
    if (expected == HttpHead::Parse::Invalid)
        QVERIFY(!head.invalidReason.isEmpty());
}

void tst_HttpHead::fieldsOfCompleteHead()
{
    const QByteArray bytes
        = "POST /api/v1/ws/test-event?channel=sensors&message=hola%20mundo HTTP/1.1\r\n"
          "Host: localhost:8000\r\nContent-Length: 0\r\nAuthorization: Bearer abc123 \r\n\r\nrest";
    HttpHead head;
    QCOMPARE(HttpHead::parse(bytes, 4096, head), HttpHead::Parse::Complete);
    QCOMPARE(head.method, QByteArray("POST"));
    QCOMPARE(head.path, u"/api/v1/ws/test-event"_s);
    QCOMPARE(head.query.queryItemValue(u"channel"_s), u"sensors"_s);
    QCOMPARE(head.query.queryItemValue(u"message"_s, QUrl::FullyDecoded), u"hola mundo"_s);
    QCOMPARE(head.header("host"), QByteArray("localhost:8000"));
    QCOMPARE(head.bearerToken(), QByteArray("abc123"));
    QCOMPARE(head.length, bytes.indexOf("rest"));
    QVERIFY(!head.isWebSocketUpgrade());
}

void tst_HttpHead::websocketUpgradeDetection_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("upgrade");
    QTest::newRow("standard") << QByteArray("Upgrade: websocket\r\nConnection: Upgrade\r\n") << true;
    QTest::newRow("firefox") << QByteArray("Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n")
                             << true;
    QTest::newRow("case") << QByteArray("upgrade: WebSocket\r\nconnection: upgrade\r\n") << true;
    QTest::newRow("no connection") << QByteArray("Upgrade: websocket\r\n") << false;
    QTest::newRow("h2c") << QByteArray("Upgrade: h2c\r\nConnection: Upgrade\r\n") << false;
    QTest::newRow("plain") << QByteArray("Connection: keep-alive\r\n") << false;
}

void tst_HttpHead::websocketUpgradeDetection()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, upgrade);
    HttpHead head;
    QCOMPARE(HttpHead::parse("GET /api/v1/ws HTTP/1.1\r\n" + headers + "\r\n", 4096, head),
        HttpHead::Parse::Complete);
    QCOMPARE(head.isWebSocketUpgrade(), upgrade);
}

void tst_HttpHead::queryDecoding()
{
    const QUrlQuery query = parseQuery("message=hola+mundo&user_id=ana%2Bb&empty=&flag");
    QCOMPARE(query.queryItemValue(u"message"_s, QUrl::FullyDecoded), u"hola mundo"_s);
    QCOMPARE(query.queryItemValue(u"user_id"_s, QUrl::FullyDecoded), u"ana+b"_s);
    QVERIFY(query.hasQueryItem(u"empty"_s));
    QVERIFY(query.hasQueryItem(u"flag"_s));
}

QTEST_APPLESS_MAIN(tst_HttpHead)
#include "tst_httphead.moc"
