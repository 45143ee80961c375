// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/anomalies and /api/v1/predictions over real HTTP: CRUD, references, filters, bad input.
#include "domaintest.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_AnalyticsApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void anomalyLifecycle();
    void anomalyReferences_data();
    void anomalyReferences();
    void anomaliesFilteredByDetectedAt();
    void predictionLifecycle();
    void badPredictions_data();
    void badPredictions();
    void predictionsFilteredByCreatedAt();
    void referencedReadingAndSensorCannotBeDeleted();

private:
    QUrl url(const QString &path) const { return m_server->httpUrl(path); }
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_http.request(method, url(path), body);
    }
    QList<int> ids(const QString &path);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_AnalyticsApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    QCOMPARE(send("POST", u"/api/v1/sensors"_s, R"({"tipo":"temperatura","modelo":"DHT22"})").status, 201);
    QCOMPARE(send("POST", u"/api/v1/sensors"_s, R"({"tipo":"humedad","modelo":"DHT22"})").status, 201);
    QCOMPARE(send("POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":85.2})").status, 201);
}

void tst_AnalyticsApi::cleanup()
{
    m_server.reset();
}

QList<int> tst_AnalyticsApi::ids(const QString &path)
{
    QList<int> out;
    for (const QJsonValue &item : m_http.get(url(path)).object().value(u"items"_s).toArray())
        out << item.toObject().value(u"id"_s).toInt();
    return out;
}

void tst_AnalyticsApi::anomalyLifecycle()
{
    HttpResult created = send("POST", u"/api/v1/anomalies"_s,
        R"({"sensor_id":1,"reading_id":1,"valor":85.2,"score":4.7,"severidad":"critical","descripcion":"Pico de temperatura"})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), QByteArray("/api/v1/anomalies/1"));
    const QJsonObject anomaly = created.object();
    QCOMPARE(anomaly.keys(),
        (QStringList {u"created_at"_s, u"descripcion"_s, u"detected_at"_s, u"id"_s, u"reading_id"_s,
            u"score"_s, u"sensor_id"_s, u"severidad"_s, u"valor"_s}));
    QCOMPARE(anomaly.value(u"severidad"_s).toString(), u"critical"_s);
    QCOMPARE(anomaly.value(u"score"_s).toDouble(), 4.7);

    HttpResult defaults = send("POST", u"/api/v1/anomalies"_s, R"({"sensor_id":2,"valor":1})");
    QCOMPARE(defaults.status, 201);
    QCOMPARE(defaults.object().value(u"severidad"_s).toString(), u"warning"_s);
    QVERIFY(defaults.object().value(u"reading_id"_s).isNull());
    QVERIFY(defaults.object().value(u"score"_s).isNull());

    HttpResult patched = send("PATCH", u"/api/v1/anomalies/1"_s, R"({"severidad":"info","score":null})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.object().value(u"severidad"_s).toString(), u"info"_s);
    QVERIFY(patched.object().value(u"score"_s).isNull());
    QCOMPARE(patched.object().value(u"descripcion"_s).toString(), u"Pico de temperatura"_s);

    HttpResult replaced = send("PUT", u"/api/v1/anomalies/1"_s, R"({"sensor_id":1,"valor":90})");
    QCOMPARE(replaced.status, 200);
    QVERIFY(replaced.object().value(u"reading_id"_s).isNull());
    QCOMPARE(replaced.object().value(u"severidad"_s).toString(), u"warning"_s);
    QCOMPARE(replaced.object().value(u"created_at"_s), anomaly.value(u"created_at"_s));

    QCOMPARE(m_http.get(url(u"/api/v1/anomalies/1"_s)).object(), replaced.object());
    QCOMPARE(send("DELETE", u"/api/v1/anomalies/1"_s).object(), replaced.object());
    QCOMPARE(m_http.get(url(u"/api/v1/anomalies/1"_s)).status, 404);
    QCOMPARE(ids(u"/api/v1/anomalies"_s), QList<int> {2});
}

void tst_AnalyticsApi::anomalyReferences_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("unknown sensor") << QByteArray(R"({"sensor_id":7,"valor":1})") << 422
                                    << u"unknown_reference"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("unknown reading") << QByteArray(R"({"sensor_id":1,"reading_id":50,"valor":1})") << 422
                                     << u"unknown_reference"_s << QStringList {u"reading_id"_s};
    QTest::newRow("reading of another sensor")
        << QByteArray(R"({"sensor_id":2,"reading_id":1,"valor":1})") << 422 << u"validation_failed"_s
        << QStringList {u"reading_id"_s};
    QTest::newRow("bad severidad") << QByteArray(R"({"sensor_id":1,"valor":1,"severidad":"CRITICAL"})") << 422
                                   << u"validation_failed"_s << QStringList {u"severidad"_s};
    QTest::newRow("bad detected_at") << QByteArray(R"({"sensor_id":1,"valor":1,"detected_at":"now"})") << 422
                                     << u"validation_failed"_s << QStringList {u"detected_at"_s};
    QTest::newRow("NaN score") << QByteArray(R"({"sensor_id":1,"valor":1,"score":NaN})") << 400
                               << u"invalid_json"_s << QStringList {};
}

void tst_AnalyticsApi::anomalyReferences()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send("POST", u"/api/v1/anomalies"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.errorCode(), code);
    QCOMPARE(errorFields(result), fields);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_AnalyticsApi::anomaliesFilteredByDetectedAt()
{
    for (const char *body : {R"({"sensor_id":1,"valor":1,"detected_at":"2025-07-20T10:00:00Z"})",
             R"({"sensor_id":2,"valor":1,"detected_at":"2025-07-20T11:00:00Z"})",
             R"({"sensor_id":1,"valor":1,"detected_at":"2025-07-20T09:00:00Z"})"})
        QCOMPARE(send("POST", u"/api/v1/anomalies"_s, body).status, 201);
    QCOMPARE(ids(u"/api/v1/anomalies"_s), (QList<int> {2, 1, 3}));
    QCOMPARE(ids(u"/api/v1/anomalies?sensor_id=1"_s), (QList<int> {1, 3}));
    QCOMPARE(ids(u"/api/v1/anomalies?from=2025-07-20T10:00:00Z"_s), (QList<int> {2, 1}));
    QCOMPARE(ids(u"/api/v1/anomalies?sensor_id=1&to=2025-07-20T10:00:00Z"_s), (QList<int> {3}));
}

void tst_AnalyticsApi::predictionLifecycle()
{
    HttpResult created = send("POST", u"/api/v1/predictions"_s,
        R"({"sensor_id":1,"horizonte":3600,"valor_predicho":21.5,"intervalo_inferior":20,"intervalo_superior":23,"modelo":"holt-winters"})");
    QCOMPARE(created.status, 201);
    const QJsonObject prediction = created.object();
    QCOMPARE(prediction.keys(),
        (QStringList {u"created_at"_s, u"horizonte"_s, u"id"_s, u"intervalo_inferior"_s,
            u"intervalo_superior"_s, u"modelo"_s, u"sensor_id"_s, u"valor_predicho"_s}));
    QCOMPARE(prediction.value(u"horizonte"_s).toInt(), 3600);

    HttpResult patched = send("PATCH", u"/api/v1/predictions/1"_s, R"({"valor_predicho":22})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.object().value(u"valor_predicho"_s).toDouble(), 22.0);
    HttpResult outside = send("PATCH", u"/api/v1/predictions/1"_s, R"({"valor_predicho":30})");
    QCOMPARE(outside.status, 422);
    QCOMPARE(errorFields(outside), QStringList {u"intervalo_superior"_s});
    HttpResult replaced
        = send("PUT", u"/api/v1/predictions/1"_s, R"({"sensor_id":2,"horizonte":60,"valor_predicho":40})");
    QCOMPARE(replaced.status, 200);
    QVERIFY(replaced.object().value(u"intervalo_inferior"_s).isNull());
    QVERIFY(replaced.object().value(u"modelo"_s).isNull());
    QCOMPARE(send("DELETE", u"/api/v1/predictions/1"_s).status, 200);
    QCOMPARE(send("PATCH", u"/api/v1/predictions/1"_s, R"({})").status, 404);
}

void tst_AnalyticsApi::badPredictions_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("missing all") << QByteArray("{}") << 422 << u"validation_failed"_s
                                 << QStringList {u"sensor_id"_s, u"horizonte"_s, u"valor_predicho"_s};
    QTest::newRow("horizonte zero") << QByteArray(R"({"sensor_id":1,"horizonte":0,"valor_predicho":1})")
                                    << 422 << u"validation_failed"_s << QStringList {u"horizonte"_s};
    QTest::newRow("horizonte string") << QByteArray(R"({"sensor_id":1,"horizonte":"1h","valor_predicho":1})")
                                      << 422 << u"validation_failed"_s << QStringList {u"horizonte"_s};
    QTest::newRow("unknown sensor") << QByteArray(R"({"sensor_id":3,"horizonte":1,"valor_predicho":1})")
                                    << 422 << u"unknown_reference"_s << QStringList {u"sensor_id"_s};
    QTest::newRow("Infinity") << QByteArray(R"({"sensor_id":1,"horizonte":1,"valor_predicho":Infinity})")
                              << 400 << u"invalid_json"_s << QStringList {};
}

void tst_AnalyticsApi::badPredictions()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send("POST", u"/api/v1/predictions"_s, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.errorCode(), code);
    QCOMPARE(errorFields(result), fields);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_AnalyticsApi::predictionsFilteredByCreatedAt()
{
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(send("POST", u"/api/v1/predictions"_s,
                     compact({{u"sensor_id"_s, 1 + i % 2}, {u"horizonte"_s, 60}, {u"valor_predicho"_s, i}}))
                     .status,
            201);
    }
    QCOMPARE(ids(u"/api/v1/predictions"_s), (QList<int> {3, 2, 1}));
    QCOMPARE(ids(u"/api/v1/predictions?sensor_id=1"_s), (QList<int> {3, 1}));
    const QString createdAt
        = m_http.get(url(u"/api/v1/predictions/1"_s)).object().value(u"created_at"_s).toString();
    QCOMPARE(ids(u"/api/v1/predictions?to="_s + createdAt), QList<int> {});
    QVERIFY(ids(u"/api/v1/predictions?from="_s + createdAt).contains(1));
}

void tst_AnalyticsApi::referencedReadingAndSensorCannotBeDeleted()
{
    QCOMPARE(send("POST", u"/api/v1/anomalies"_s, R"({"sensor_id":1,"reading_id":1,"valor":1})").status, 201);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult reading = send("DELETE", u"/api/v1/readings/1"_s);
    QCOMPARE(reading.status, 409);
    QCOMPARE(reading.errorCode(), u"still_referenced"_s);
    HttpResult sensor = send("DELETE", u"/api/v1/sensors/1"_s);
    QCOMPARE(sensor.status, 409);
    QCOMPARE(sensor.errorCode(), u"still_referenced"_s);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
    // A sensor nothing refers to goes.
    QCOMPARE(send("DELETE", u"/api/v1/sensors/2"_s).status, 200);
}

QTEST_GUILESS_MAIN(tst_AnalyticsApi)
#include "tst_analyticsapi.moc"
