// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/router.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_Router : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dispatch_data();
    void dispatch();
    void methodNotAllowedListsAllowed();
    void capturesAreFilled();

private:
    Router m_router;
};

void tst_Router::initTestCase()
{
    const auto named = [](const char *name) {
        return [name](const HttpRequest &request) {
            return HttpResponse::json(QJsonObject {{u"route"_s, QString::fromLatin1(name)},
                {u"args"_s, QJsonArray::fromStringList(request.pathArgs)}});
        };
    };
    m_router.add("GET", u"/api/v1/readings"_s, named("list"));
    m_router.add("POST", u"/api/v1/readings"_s, named("create"));
    m_router.add("GET", u"/api/v1/readings/{id}"_s, named("get"));
    m_router.add("DELETE", u"/api/v1/readings/{id}"_s, named("delete"));
    m_router.add("POST", u"/api/v1/readings/batch"_s, named("batch"));
}

void tst_Router::dispatch_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("route");
    QTest::newRow("list") << QByteArray("GET") << u"/api/v1/readings"_s << 200 << u"list"_s;
    QTest::newRow("trailing slash") << QByteArray("GET") << u"/api/v1/readings/"_s << 200 << u"list"_s;
    QTest::newRow("create") << QByteArray("POST") << u"/api/v1/readings"_s << 200 << u"create"_s;
    QTest::newRow("get") << QByteArray("GET") << u"/api/v1/readings/7"_s << 200 << u"get"_s;
    QTest::newRow("head is get") << QByteArray("HEAD") << u"/api/v1/readings/7"_s << 200 << u"get"_s;
    QTest::newRow("literal wins") << QByteArray("POST") << u"/api/v1/readings/batch"_s << 200 << u"batch"_s;
    QTest::newRow("literal path, other method")
        << QByteArray("GET") << u"/api/v1/readings/batch"_s << 405 << QString();
    QTest::newRow("wrong method") << QByteArray("PUT") << u"/api/v1/readings"_s << 405 << QString();
    QTest::newRow("unknown") << QByteArray("GET") << u"/api/v1/nothing"_s << 404 << QString();
    QTest::newRow("too deep") << QByteArray("GET") << u"/api/v1/readings/1/2"_s << 404 << QString();
    QTest::newRow("empty capture") << QByteArray("GET") << u"/api/v1/readings//"_s << 404 << QString();
    QTest::newRow("root") << QByteArray("GET") << u"/"_s << 404 << QString();
}

void tst_Router::dispatch()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, route);
    HttpRequest request;
    request.method = method;
    request.path = path;
    const HttpResponse response = m_router.dispatch(request);
    QCOMPARE(response.status, status);
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    if (status == 200) {
        QCOMPARE(body[u"route"_s].toString(), route);
    } else {
        QVERIFY(body[u"error"_s].toObject()[u"code"_s].isString());
        QVERIFY(!body[u"error"_s].toObject()[u"message"_s].toString().isEmpty());
    }
}

void tst_Router::methodNotAllowedListsAllowed()
{
    HttpRequest request;
    request.method = "PATCH";
    request.path = u"/api/v1/readings/3"_s;
    const HttpResponse response = m_router.dispatch(request);
    QCOMPARE(response.status, 405);
    QCOMPARE(response.headers.value(0).first, QByteArray("Allow"));
    QCOMPARE(response.headers.value(0).second, QByteArray("DELETE, GET, HEAD"));
    QCOMPARE(QJsonDocument::fromJson(response.body).object()[u"error"_s].toObject()[u"code"_s].toString(),
        u"method_not_allowed"_s);
}

void tst_Router::capturesAreFilled()
{
    HttpRequest request;
    request.method = "GET";
    request.path = u"/api/v1/readings/42"_s;
    const HttpResponse response = m_router.dispatch(request);
    QCOMPARE(request.pathArgs, QStringList {u"42"_s});
    QCOMPARE(QJsonDocument::fromJson(response.body).object()[u"args"_s].toArray().at(0).toString(), u"42"_s);
    QCOMPARE(m_router.routes().size(), 5);
}

QTEST_APPLESS_MAIN(tst_Router)
#include "tst_router.moc"
