// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/readings and /api/v1/readings/batch over real HTTP: the series, its filters, the batch's
// all-or-nothing rule, size limits, data surviving a restart, and the commit groups of single readings and
// batches.
#include "domaintest.h"

#include "services/unitofwork.h"
#include "storage/database.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_ReadingApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createWithDefaultAndExplicitTimestamp();
    void seriesIsNewestFirstAndFiltered();
    void badSeriesQueries_data();
    void badSeriesQueries();
    void updateAndDelete();
    void badReadings_data();
    void badReadings();
    void batchStoresAllInOneGo();
    void batchIsAllOrNothing_data();
    void batchIsAllOrNothing();
    void batchOverTheCountLimit();
    void bodyOverTheSizeLimit();
    void declaredBodyOverTheLimitIsRefusedUpFront();
    void restartKeepsTheData();
    void concurrentWritesShareCommitsAndKeepOrder();
    void commitGroupsCanBeTurnedOff();
    void sensorFilterAppliesToStoredReadings();

private:
    QUrl url(const QString &path) const { return m_server->httpUrl(path); }
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_http.request(method, url(path), body);
    }
    QList<int> ids(const QString &query);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_ReadingApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    QCOMPARE(send("POST", u"/api/v1/sensors"_s, R"({"tipo":"temperatura","modelo":"DHT22"})").status, 201);
    QCOMPARE(send("POST", u"/api/v1/sensors"_s, R"({"tipo":"humedad","modelo":"DHT22"})").status, 201);
}

void tst_ReadingApi::cleanup()
{
    m_server.reset();
}

QList<int> tst_ReadingApi::ids(const QString &query)
{
    QList<int> out;
    const HttpResult result = m_http.get(url(u"/api/v1/readings"_s + query));
    for (const QJsonValue &item : result.object().value(u"items"_s).toArray())
        out << item.toObject().value(u"id"_s).toInt();
    return out;
}

void tst_ReadingApi::createWithDefaultAndExplicitTimestamp()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    HttpResult created = send("POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":23.5})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), QByteArray("/api/v1/readings/1"));
    const QJsonObject reading = created.object();
    QCOMPARE(
        reading.keys(), (QStringList {u"created_at"_s, u"id"_s, u"sensor_id"_s, u"timestamp"_s, u"valor"_s}));
    QCOMPARE(reading.value(u"valor"_s).toDouble(), 23.5);
    const QDateTime stamped
        = QDateTime::fromString(reading.value(u"timestamp"_s).toString(), Qt::ISODateWithMs);
    QVERIFY2(stamped >= before && stamped <= QDateTime::currentDateTimeUtc(), qPrintable(stamped.toString()));
    QCOMPARE(reading.value(u"created_at"_s).toString(), reading.value(u"timestamp"_s).toString());

    // Any ISO-8601 offset is accepted and answered in UTC with milliseconds and Z.
    HttpResult explicitTime = send("POST", u"/api/v1/readings"_s,
        R"({"sensor_id":2,"valor":-0.5,"timestamp":"2025-07-20T02:05:37.123+02:00"})");
    QCOMPARE(explicitTime.status, 201);
    QCOMPARE(explicitTime.object().value(u"timestamp"_s).toString(), u"2025-07-20T00:05:37.123Z"_s);
    QCOMPARE(m_http.get(url(u"/api/v1/readings/2"_s)).object(), explicitTime.object());
}

void tst_ReadingApi::seriesIsNewestFirstAndFiltered()
{
    const QList<QByteArray> bodies = {
        R"({"sensor_id":1,"valor":1,"timestamp":"2025-07-20T10:00:00Z"})", // 1
        R"({"sensor_id":1,"valor":2,"timestamp":"2025-07-20T08:00:00Z"})", // 2
        R"({"sensor_id":2,"valor":3,"timestamp":"2025-07-20T12:00:00Z"})", // 3
        R"({"sensor_id":1,"valor":4,"timestamp":"2025-07-20T12:00:00Z"})", // 4
    };
    for (const QByteArray &body : bodies)
        QCOMPARE(send("POST", u"/api/v1/readings"_s, body).status, 201);
    QCOMPARE(ids({}), (QList<int> {4, 3, 1, 2}));
    QCOMPARE(ids(u"?sensor_id=1"_s), (QList<int> {4, 1, 2}));
    QCOMPARE(ids(u"?sensor_id=2"_s), (QList<int> {3}));
    QCOMPARE(ids(u"?from=2025-07-20T10:00:00Z"_s), (QList<int> {4, 3, 1}));
    QCOMPARE(ids(u"?to=2025-07-20T10:00:00Z"_s), (QList<int> {2}));
    QCOMPARE(
        ids(u"?sensor_id=1&from=2025-07-20T09:00:00Z&to=2025-07-20T12:00:00.001Z"_s), (QList<int> {4, 1}));
    QCOMPARE(ids(u"?from=2025-07-20T11:00:00%2B01:00&to=2025-07-20T11:00:00Z"_s), (QList<int> {1}));
    QCOMPARE(ids(u"?limit=2"_s), (QList<int> {4, 3}));
    QCOMPARE(ids(u"?limit=2&offset=2"_s), (QList<int> {1, 2}));
    QCOMPARE(ids(u"?sensor_id=9"_s), QList<int> {});
}

void tst_ReadingApi::badSeriesQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("from garbage") << u"?from=ayer"_s << QStringList {u"from"_s};
    QTest::newRow("to number") << u"?to=1752969937"_s << QStringList {u"to"_s};
    QTest::newRow("reversed range") << u"?from=2025-07-21&to=2025-07-20"_s << QStringList {u"to"_s};
    QTest::newRow("empty range") << u"?from=2025-07-20&to=2025-07-20"_s << QStringList {u"to"_s};
    QTest::newRow("sensor_id text") << u"?sensor_id=uno"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("injection") << u"?sensor_id=1%20OR%201%3D1"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("all at once") << u"?limit=-3&offset=x&sensor_id=0&from=no"_s
                                 << QStringList {u"limit"_s, u"offset"_s, u"sensor_id"_s, u"from"_s};
}

void tst_ReadingApi::badSeriesQueries()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    for (const QString &collection :
        {u"/api/v1/readings"_s, u"/api/v1/anomalies"_s, u"/api/v1/predictions"_s}) {
        HttpResult result = m_http.get(url(collection + query));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorCode(), u"invalid_query"_s);
        QCOMPARE(errorFields(result), fields);
    }
}

void tst_ReadingApi::updateAndDelete()
{
    QCOMPARE(
        send("POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":1,"timestamp":"2025-01-01T00:00:00Z"})")
            .status,
        201);
    HttpResult patched = send("PATCH", u"/api/v1/readings/1"_s, R"({"valor":1.25})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.object().value(u"valor"_s).toDouble(), 1.25);
    QCOMPARE(patched.object().value(u"timestamp"_s).toString(), u"2025-01-01T00:00:00.000Z"_s);
    HttpResult moved = send("PATCH", u"/api/v1/readings/1"_s, R"({"sensor_id":2})");
    QCOMPARE(moved.status, 200);
    QCOMPARE(moved.object().value(u"sensor_id"_s).toInt(), 2);
    HttpResult toNowhere = send("PATCH", u"/api/v1/readings/1"_s, R"({"sensor_id":3})");
    QCOMPARE(toNowhere.status, 422);
    QCOMPARE(toNowhere.errorCode(), u"unknown_reference"_s);
    HttpResult replaced = send(
        "PUT", u"/api/v1/readings/1"_s, R"({"sensor_id":1,"valor":7,"timestamp":"2025-02-01T00:00:00Z"})");
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.object().value(u"created_at"_s), patched.object().value(u"created_at"_s));
    HttpResult removed = send("DELETE", u"/api/v1/readings/1"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.object(), replaced.object());
    QCOMPARE(send("DELETE", u"/api/v1/readings/1"_s).status, 404);
    QCOMPARE(rowCount(m_server->databasePath(), u"readings"_s), 0);
}

void tst_ReadingApi::badReadings_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("malformed") << QByteArray(R"({"sensor_id":1,"valor":})") << 400 << u"invalid_json"_s
                               << QStringList {};
    QTest::newRow("NaN") << QByteArray(R"({"sensor_id":1,"valor":NaN})") << 400 << u"invalid_json"_s
                         << QStringList {};
    QTest::newRow("-Infinity") << QByteArray(R"({"sensor_id":1,"valor":-Infinity})") << 400
                               << u"invalid_json"_s << QStringList {};
    QTest::newRow("NaN as string") << QByteArray(R"({"sensor_id":1,"valor":"NaN"})") << 422
                                   << u"validation_failed"_s << QStringList {u"valor"_s};
    QTest::newRow("valor boolean") << QByteArray(R"({"sensor_id":1,"valor":true})") << 422
                                   << u"validation_failed"_s << QStringList {u"valor"_s};
    QTest::newRow("sensor_id string") << QByteArray(R"({"sensor_id":"1","valor":1})") << 422
                                      << u"validation_failed"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("unknown sensor") << QByteArray(R"({"sensor_id":999,"valor":1})") << 422
                                    << u"unknown_reference"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("bad timestamp") << QByteArray(R"({"sensor_id":1,"valor":1,"timestamp":"2025-13-01"})")
                                   << 422 << u"validation_failed"_s << QStringList {u"timestamp"_s};
    QTest::newRow("year 10000") << QByteArray(
        R"({"sensor_id":1,"valor":1,"timestamp":"+10000-01-01T00:00:00Z"})")
                                << 422 << u"validation_failed"_s << QStringList {u"timestamp"_s};
    QTest::newRow("object is array") << QByteArray(R"([{"sensor_id":1,"valor":1}])") << 422
                                     << u"validation_failed"_s << QStringList {u"body"_s};
    QTest::newRow("string body") << QByteArray(R"("reading")") << 422 << u"validation_failed"_s
                                 << QStringList {u"body"_s};
}

void tst_ReadingApi::badReadings()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send("POST", u"/api/v1/readings"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.errorCode(), code);
    QCOMPARE(errorFields(result), fields);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_ReadingApi::batchStoresAllInOneGo()
{
    QJsonArray items;
    for (int i = 0; i < 500; ++i) {
        QJsonObject item {{u"sensor_id"_s, 1 + i % 2}, {u"valor"_s, i * 0.5}};
        if (i % 3 == 0)
            item.insert(u"timestamp"_s, u"2025-07-20T00:00:%1.000Z"_s.arg(i % 60, 2, 10, QChar(u'0')));
        items.append(item);
    }
    HttpResult result = send("POST", u"/api/v1/readings/batch"_s, QJsonDocument(items).toJson());
    QCOMPARE(result.status, 201);
    QCOMPARE(result.object().value(u"count"_s).toInt(), 500);
    const QJsonArray ids = result.object().value(u"ids"_s).toArray();
    QCOMPARE(ids.size(), 500);
    for (int i = 0; i < 500; ++i)
        QCOMPARE(ids[i].toInt(), i + 1);
    QCOMPARE(rowCount(m_server->databasePath(), u"readings"_s), 500);
    const QJsonObject third = m_http.get(url(u"/api/v1/readings/4"_s)).object();
    QCOMPARE(third.value(u"valor"_s).toDouble(), 1.5);
    QCOMPARE(third.value(u"sensor_id"_s).toInt(), 2);
    QCOMPARE(third.value(u"timestamp"_s).toString(), u"2025-07-20T00:00:03.000Z"_s);
}

void tst_ReadingApi::batchIsAllOrNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("one bad value") << QByteArray(R"([{"sensor_id":1,"valor":1},{"sensor_id":1,"valor":"x"}])")
                                   << 422 << u"validation_failed"_s << QStringList {u"[1].valor"_s};
    QTest::newRow("several bad items")
        << QByteArray(R"([{"sensor_id":1},{"sensor_id":1,"valor":1},7,{"sensor_id":-2,"valor":1,"extra":1}])")
        << 422 << u"validation_failed"_s
        << QStringList {u"[0].valor"_s, u"[2]"_s, u"[3].extra"_s, u"[3].sensor_id"_s};
    QTest::newRow("unknown sensor in the middle")
        << QByteArray(R"([{"sensor_id":1,"valor":1},{"sensor_id":3,"valor":1},{"sensor_id":2,"valor":1}])")
        << 422 << u"unknown_reference"_s << QStringList {u"[1].sensor_id"_s};
    QTest::newRow("object instead of array") << QByteArray(R"({"sensor_id":1,"valor":1})") << 422
                                             << u"validation_failed"_s << QStringList {u"body"_s};
    QTest::newRow("empty array") << QByteArray("[]") << 422 << u"validation_failed"_s
                                 << QStringList {u"body"_s};
    QTest::newRow("malformed") << QByteArray(R"([{"sensor_id":1,"valor":1},)") << 400 << u"invalid_json"_s
                               << QStringList {};
    QTest::newRow("NaN inside") << QByteArray(R"([{"sensor_id":1,"valor":NaN}])") << 400 << u"invalid_json"_s
                                << QStringList {};
}

void tst_ReadingApi::batchIsAllOrNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send("POST", u"/api/v1/readings/batch"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.errorCode(), code);
    QStringList actual = errorFields(result);
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_ReadingApi::batchOverTheCountLimit()
{
    // 10,001 small readings fit the byte limit but not the count limit.
    QByteArray body = "[";
    for (int i = 0; i <= 10000; ++i)
        body += (i ? "," : "") + QByteArray(R"({"sensor_id":1,"valor":1})");
    body += ']';
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send("POST", u"/api/v1/readings/batch"_s, body);
    QCOMPARE(result.status, 413);
    QCOMPARE(result.errorCode(), u"batch_too_large"_s);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);

    // Exactly 10,000 is accepted.
    body.truncate(body.lastIndexOf(",{"));
    body += ']';
    result = send("POST", u"/api/v1/readings/batch"_s, body);
    QVERIFY2(result.status == 201, result.body.constData());
    QCOMPARE(result.object().value(u"count"_s).toInt(), 10000);
    QCOMPARE(rowCount(m_server->databasePath(), u"readings"_s), 10000);
}

void tst_ReadingApi::bodyOverTheSizeLimit()
{
    // A server with a small body limit: a real client sending a bigger body gets 413 and nothing is stored.
    ServerConfig config;
    config.maxBodySize = 2048;
    TestServer small(config);
    QVERIFY(small.start());
    QCOMPARE(
        m_http.request("POST", small.httpUrl(u"/api/v1/sensors"_s), R"({"tipo":"t","modelo":"m"})").status,
        201);
    const Snapshot snapshot = Snapshot::of(small.databasePath());
    QByteArray body = "[";
    for (int i = 0; i < 200; ++i)
        body += (i ? "," : "") + QByteArray(R"({"sensor_id":1,"valor":1})");
    body += ']';
    QVERIFY(body.size() > config.maxBodySize);
    HttpResult result = m_http.request("POST", small.httpUrl(u"/api/v1/readings/batch"_s), body);
    QCOMPARE(result.status, 413);
    QCOMPARE(result.errorCode(), u"payload_too_large"_s);
    QCOMPARE(Snapshot::of(small.databasePath()), snapshot);
}

void tst_ReadingApi::declaredBodyOverTheLimitIsRefusedUpFront()
{
    const QByteArray response = rawExchange(m_server->port(),
        "POST /api/v1/readings/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 104857600\r\n\r\n[{\"sensor_id\":1,\"valor\":1}");
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QVERIFY(response.contains("payload_too_large"));
    QCOMPARE(rowCount(m_server->databasePath(), u"readings"_s), 0);
}

void tst_ReadingApi::restartKeepsTheData()
{
    QCOMPARE(send("POST", u"/api/v1/locations"_s, R"({"nombre":"Sótano"})").status, 201);
    QCOMPARE(send("PATCH", u"/api/v1/sensors/1"_s, R"({"location_id":1})").status, 200);
    QCOMPARE(
        send("POST", u"/api/v1/readings/batch"_s,
            R"([{"sensor_id":1,"valor":1.5},{"sensor_id":2,"valor":2.5,"timestamp":"2025-07-20T00:05:37.123Z"}])")
            .status,
        201);
    QCOMPARE(
        send("POST", u"/api/v1/anomalies"_s, R"({"sensor_id":1,"reading_id":1,"valor":1.5})").status, 201);
    QCOMPARE(
        send("POST", u"/api/v1/predictions"_s, R"({"sensor_id":2,"horizonte":60,"valor_predicho":3})").status,
        201);
    QList<QJsonObject> before;
    const QStringList collections = {u"/api/v1/locations"_s, u"/api/v1/sensors"_s, u"/api/v1/readings"_s,
        u"/api/v1/anomalies"_s, u"/api/v1/predictions"_s};
    for (const QString &collection : collections)
        before << m_http.get(url(collection)).object();

    QVERIFY(m_server->restart());
    for (qsizetype i = 0; i < collections.size(); ++i)
        QCOMPARE(m_http.get(url(collections[i])).object(), before[i]);
    // Ids continue after the restart.
    HttpResult next = send("POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":9})");
    QCOMPARE(next.status, 201);
    QCOMPARE(next.object().value(u"id"_s).toInt(), 3);
}

namespace {
struct RawAnswer
{
    int status = 0;
    QByteArray body;
};

/// The complete HTTP/1.1 answers at the start of `buffer` (each framed by its Content-Length).
QList<RawAnswer> parseAnswers(const QByteArray &buffer)
{
    QList<RawAnswer> answers;
    qsizetype at = 0;
    while (true) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            return answers;
        const QByteArray head = buffer.mid(at, headEnd - at);
        const qsizetype lengthAt = head.toLower().indexOf("content-length:");
        const qsizetype lineEnd = lengthAt < 0 ? -1 : head.indexOf("\r\n", lengthAt);
        const qsizetype length = lengthAt < 0
            ? 0
            : head.mid(lengthAt + 15, lineEnd < 0 ? -1 : lineEnd - lengthAt - 15).trimmed().toInt();
        if (buffer.size() < headEnd + 4 + length)
            return answers;
        answers.append({head.mid(9, 3).toInt(), buffer.mid(headEnd + 4, length)});
        at = headEnd + 4 + length;
    }
}

QByteArray rawPost(const QByteArray &body, const QByteArray &path = "/api/v1/readings")
{
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

void tst_ReadingApi::concurrentWritesShareCommitsAndKeepOrder()
{
    Database &db = m_server->server().context().db;
    WsClient events;
    QVERIFY(events.open(m_server->wsUrl(u"/api/v1/ws?channel=readings"_s)));
    constexpr int Connections = 8;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> received(Connections);
    for (int c = 0; c < Connections; ++c) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket->waitForConnected(5000));
        connect(socket.get(), &QTcpSocket::readyRead, this,
            [&received, c, raw = socket.get()] { received[c] += raw->readAll(); });
        // One request first, so that every connection is past the front listener's hand-over.
        socket->write("GET /api/v1/sensors/1 HTTP/1.1\r\nHost: test\r\n\r\n");
        sockets.push_back(std::move(socket));
    }
    QTRY_VERIFY(std::all_of(
        received.cbegin(), received.cend(), [](const QByteArray &r) { return parseAnswers(r).size() == 1; }));
    const quint64 joinsBefore = db.groupJoins();
    const quint64 groupsBefore = db.groupsEnded();

    // Every connection pipelines, all at once: a reading, a read of the series (it must see that reading:
    // it commits the group first), a reading of an unknown sensor (its savepoint is undone, the group is
    // not), an invalid one, a batch of three, a batch whose third reading names an unknown sensor (all or
    // nothing: none of it stays, the group does), and one more reading.
    for (int c = 0; c < Connections; ++c) {
        received[c].clear();
        const QByteArray v = QByteArray::number(c * 10);
        const QByteArray requests = rawPost("{\"sensor_id\":1,\"valor\":" + v + ".1}")
            + "GET /api/v1/readings?sensor_id=1&limit=1000 HTTP/1.1\r\nHost: test\r\n\r\n"
            + rawPost(R"({"sensor_id":999,"valor":1})") + rawPost(R"({"sensor_id":1})")
            + rawPost("[{\"sensor_id\":1,\"valor\":" + v + ".3},{\"sensor_id\":2,\"valor\":" + v
                    + ".4},{\"sensor_id\":1,\"valor\":" + v + ".5}]",
                "/api/v1/readings/batch")
            + rawPost(
                R"([{"sensor_id":1,"valor":-1},{"sensor_id":2,"valor":-2},{"sensor_id":999,"valor":-3}])",
                "/api/v1/readings/batch")
            + rawPost("{\"sensor_id\":2,\"valor\":" + v + ".2}");
        sockets[std::size_t(c)]->write(requests);
        sockets[std::size_t(c)]->flush();
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(received.cbegin(), received.cend(),
                                 [](const QByteArray &r) { return parseAnswers(r).size() == 7; }),
        10000);

    constexpr int Stored = 5; // per connection: two single readings and a batch of three
    QSet<qint64> acknowledged;
    QHash<qint64, double> expectedValues; // the batches' readings
    for (int c = 0; c < Connections; ++c) {
        const QList<RawAnswer> answers = parseAnswers(received[std::size_t(c)]);
        QCOMPARE(answers.size(), 7);
        const QList<int> statuses {answers[0].status, answers[1].status, answers[2].status, answers[3].status,
            answers[4].status, answers[5].status, answers[6].status};
        QCOMPARE(statuses, (QList<int> {201, 200, 422, 422, 201, 422, 201}));
        const QJsonObject first = QJsonDocument::fromJson(answers[0].body).object();
        const QJsonObject batchAnswer = QJsonDocument::fromJson(answers[4].body).object();
        const QJsonArray batch = batchAnswer.value(u"ids"_s).toArray();
        const QJsonObject last = QJsonDocument::fromJson(answers[6].body).object();
        QCOMPARE(first.value(u"valor"_s).toDouble(), c * 10 + 0.1);
        QCOMPARE(batchAnswer.value(u"count"_s).toInt(), 3);
        QCOMPARE(batch.size(), 3);
        for (int i = 0; i < 3; ++i)
            expectedValues.insert(batch[i].toInteger(), c * 10 + 0.3 + 0.1 * i);
        QCOMPARE(last.value(u"valor"_s).toDouble(), c * 10 + 0.2);
        QVERIFY(batch[0].toInteger() > first.value(u"id"_s).toInteger());
        QVERIFY(last.value(u"id"_s).toInteger() > batch[2].toInteger());
        QVERIFY(answers[5].body.contains("999"));
        bool seen = false;
        for (const QJsonValue &item : QJsonDocument::fromJson(answers[1].body).object()[u"items"_s].toArray())
            seen = seen || item.toObject()[u"id"_s].toInteger() == first.value(u"id"_s).toInteger();
        QVERIFY2(seen, "the series read after a reading on the same connection must contain it");
        acknowledged << first.value(u"id"_s).toInteger() << last.value(u"id"_s).toInteger();
        for (const QJsonValue &id : batch)
            acknowledged << id.toInteger();
    }
    QCOMPARE(acknowledged.size(), Stored * Connections);
    // Members committed into groups: the two readings and the good batch of each connection.
    QCOMPARE(db.groupJoins() - joinsBefore, quint64(3 * Connections));
    // Writes that arrived together shared commits (each series read ends a group early).
    QVERIFY2(db.groupsEnded() - groupsBefore < quint64(3 * Connections),
        qPrintable(u"%1 groups for %2 successful writes"_s.arg(db.groupsEnded() - groupsBefore)
                       .arg(3 * Connections)));

    // Every acknowledged reading was announced once, in seq order, and is stored; nothing of a failed batch.
    QVERIFY(events.waitForMessages(Stored * Connections));
    QTest::qWait(50);
    const QList<QJsonObject> messages = events.jsonMessages();
    QCOMPARE(messages.size(), Stored * Connections);
    QSet<qint64> announced;
    qint64 previousSeq = 0;
    for (const QJsonObject &message : messages) {
        QVERIFY(message[u"seq"_s].toInteger() > previousSeq);
        previousSeq = message[u"seq"_s].toInteger();
        announced << message[u"data"_s].toObject()[u"id"_s].toInteger();
    }
    QCOMPARE(announced, acknowledged);
    const QJsonArray stored
        = m_http.get(url(u"/api/v1/readings?limit=1000"_s)).object()[u"items"_s].toArray();
    QCOMPARE(stored.size(), Stored * Connections);
    for (const QJsonValue &item : stored)
        QVERIFY2(
            item.toObject().value(u"valor"_s).toDouble() >= 0, "a reading of the failed batch was stored");
}

void tst_ReadingApi::commitGroupsCanBeTurnedOff()
{
    ServerConfig config;
    config.commitGroups = false;
    TestServer plain(config);
    QVERIFY(plain.start());
    HttpClient http;
    QCOMPARE(
        http.post(plain.httpUrl(u"/api/v1/sensors"_s), R"({"tipo":"temperatura","modelo":"DHT22"})").status,
        201);
    const quint64 joins = plain.server().context().db.groupJoins();
    QCOMPARE(http.post(plain.httpUrl(u"/api/v1/readings"_s), R"({"sensor_id":1,"valor":2})").status, 201);
    QCOMPARE(plain.server().context().db.groupJoins(), joins);
    QVERIFY(!plain.server().context().db.groupOpen());
    QCOMPARE(http.get(plain.httpUrl(u"/api/v1/readings"_s)).object()[u"items"_s].toArray().size(), 1);
}

void tst_ReadingApi::sensorFilterAppliesToStoredReadings()
{
    // Stored readings carry their event data as JSON only; a filter reads sensor_id from it.
    WsClient filtered;
    QVERIFY(filtered.open(m_server->wsUrl(u"/api/v1/ws?channel=sensors"_s)));
    filtered.send(u"{\"action\":\"subscribe\",\"channel\":\"readings\",\"filter\":{\"sensor_ids\":[2]}}"_s);
    QVERIFY(filtered.waitForMessages(1));
    QCOMPARE(filtered.message(0)[u"type"_s].toString(), u"subscribed"_s);
    QCOMPARE(send("POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":1})").status, 201);
    QCOMPARE(send("POST", u"/api/v1/readings"_s, R"({"sensor_id":2,"valor":2})").status, 201);
    QCOMPARE(send("POST", u"/api/v1/readings/batch"_s,
                 R"([{"sensor_id":2,"valor":3},{"sensor_id":1,"valor":4},{"sensor_id":2,"valor":5}])")
                 .status,
        201);
    QVERIFY(filtered.waitForMessages(4));
    QTest::qWait(100);
    QCOMPARE(filtered.messages().size(), 4);
    QList<double> values;
    for (int i = 1; i < 4; ++i) {
        const QJsonObject data = filtered.message(i)[u"data"_s].toObject();
        QCOMPARE(data[u"sensor_id"_s].toInteger(), 2);
        values << data[u"valor"_s].toDouble();
    }
    QCOMPARE(values, (QList<double> {2, 3, 5}));
}

QTEST_GUILESS_MAIN(tst_ReadingApi)
#include "tst_readingapi.moc"
