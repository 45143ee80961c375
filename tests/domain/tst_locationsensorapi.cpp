// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// /api/v1/locations and /api/v1/sensors over real HTTP: CRUD, filters, paging, and bad input that must
// leave the database untouched.
#include "domaintest.h"

#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

class tst_LocationSensorApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void locationLifecycle();
    void sensorLifecycle();
    void sensorReadsFollowWrites();
    void sensorFilters();
    void paging();
    void badQueries_data();
    void badQueries();
    void badBodies_data();
    void badBodies();
    void unknownIds_data();
    void unknownIds();
    void deleteReferencedLocationIsRefused();
    void textIsStoredVerbatim_data();
    void textIsStoredVerbatim();
    void methodNotAllowed();

private:
    QUrl url(const QString &path) const { return m_server->httpUrl(path); }
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_http.request(method, url(path), body);
    }

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
};

void tst_LocationSensorApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void tst_LocationSensorApi::cleanup()
{
    m_server.reset();
}

void tst_LocationSensorApi::locationLifecycle()
{
    HttpResult created = send("POST", u"/api/v1/locations"_s,
        R"({"nombre":"Planta 1","descripcion":"Nave norte","latitud":40.4168,"longitud":-3.7038})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), QByteArray("/api/v1/locations/1"));
    QJsonObject location = created.object();
    QCOMPARE(location.value(u"id"_s).toInt(), 1);
    QCOMPARE(location.value(u"nombre"_s).toString(), u"Planta 1"_s);
    QCOMPARE(location.value(u"latitud"_s).toDouble(), 40.4168);
    const QString createdAt = location.value(u"created_at"_s).toString();
    QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                 .match(createdAt)
                 .hasMatch(),
        qPrintable(createdAt));
    QCOMPARE(location.value(u"updated_at"_s).toString(), createdAt);

    HttpResult fetched = m_http.get(url(u"/api/v1/locations/1"_s));
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.object(), location);

    HttpResult patched = send("PATCH", u"/api/v1/locations/1"_s, R"({"descripcion":null,"latitud":-33.45})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.object().value(u"nombre"_s).toString(), u"Planta 1"_s);
    QVERIFY(patched.object().value(u"descripcion"_s).isNull());
    QCOMPARE(patched.object().value(u"latitud"_s).toDouble(), -33.45);
    QCOMPARE(patched.object().value(u"created_at"_s).toString(), createdAt);

    // PUT replaces: the absent longitud becomes null. A body copied from a GET (with id and times) is fine.
    QJsonObject replacement = patched.object();
    replacement.insert(u"nombre"_s, u"Planta 2"_s);
    replacement.remove(u"longitud"_s);
    HttpResult replaced = send("PUT", u"/api/v1/locations/1"_s, compact(replacement));
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.object().value(u"nombre"_s).toString(), u"Planta 2"_s);
    QVERIFY(replaced.object().value(u"longitud"_s).isNull());
    QCOMPARE(replaced.object().value(u"id"_s).toInt(), 1);

    HttpResult list = m_http.get(url(u"/api/v1/locations"_s));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.object().value(u"items"_s).toArray(), QJsonArray {replaced.object()});
    QCOMPARE(list.object().value(u"limit"_s).toInt(), 100);
    QCOMPARE(list.object().value(u"offset"_s).toInt(), 0);
    QCOMPARE(list.object().value(u"has_more"_s).toBool(), false);

    HttpResult removed = send("DELETE", u"/api/v1/locations/1"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.object(), replaced.object());
    QCOMPARE(m_http.get(url(u"/api/v1/locations/1"_s)).status, 404);
    QCOMPARE(rowCount(m_server->databasePath(), u"locations"_s), 0);
}

void tst_LocationSensorApi::sensorLifecycle()
{
    QCOMPARE(send("POST", u"/api/v1/locations"_s, R"({"nombre":"Sala"})").status, 201);
    HttpResult created = send("POST", u"/api/v1/sensors"_s,
        R"({"tipo":"temperatura","modelo":"DHT22","location_id":1,"unidad":"°C","umbral_min":-10,"umbral_max":45.5})");
    QCOMPARE(created.status, 201);
    const QJsonObject sensor = created.object();
    QCOMPARE(sensor.value(u"activo"_s).toBool(), true);
    QCOMPARE(sensor.value(u"unidad"_s).toString(), u"°C"_s);
    QCOMPARE(sensor.value(u"location_id"_s).toInt(), 1);
    QCOMPARE(sensor.value(u"umbral_max"_s).toDouble(), 45.5);
    QCOMPARE(sensor.keys(),
        (QStringList {u"activo"_s, u"created_at"_s, u"id"_s, u"location_id"_s, u"modelo"_s, u"tipo"_s,
            u"umbral_max"_s, u"umbral_min"_s, u"unidad"_s, u"updated_at"_s}));

    HttpResult patched = send("PATCH", u"/api/v1/sensors/1"_s, R"({"activo":false,"location_id":null})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.object().value(u"activo"_s).toBool(), false);
    QVERIFY(patched.object().value(u"location_id"_s).isNull());
    QCOMPARE(patched.object().value(u"modelo"_s).toString(), u"DHT22"_s);

    HttpResult incomplete = send("PUT", u"/api/v1/sensors/1"_s, R"({"tipo":"humedad"})");
    QCOMPARE(incomplete.status, 422);
    QCOMPARE(errorFields(incomplete), QStringList {u"modelo"_s});
    QCOMPARE(m_http.get(url(u"/api/v1/sensors/1"_s)).object(), patched.object());

    // Now that no sensor is there, the location can go.
    QCOMPARE(send("DELETE", u"/api/v1/locations/1"_s).status, 200);
    QCOMPARE(send("DELETE", u"/api/v1/sensors/1"_s).status, 200);
    QCOMPARE(send("DELETE", u"/api/v1/sensors/1"_s).status, 404);
}

void tst_LocationSensorApi::sensorReadsFollowWrites()
{
    // GET /sensors/{id} is answered from the store's cache of sensors: every write must show in the next
    // read, failed writes must not, and the readings' location filters must see the sensor's new place.
    QCOMPARE(send("POST", u"/api/v1/locations"_s, R"({"nombre":"Sala"})").status, 201);
    HttpResult created = send("POST", u"/api/v1/sensors"_s, R"({"tipo":"temperatura","modelo":"DHT22"})");
    QCOMPARE(created.status, 201);
    const QString item = u"/api/v1/sensors/%1"_s.arg(created.object().value(u"id"_s).toInteger());
    for (int i = 0; i < 2; ++i)
        QCOMPARE(m_http.get(url(item)).object(), created.object());

    HttpResult patched = send("PATCH", item, R"({"modelo":"BME280","location_id":1,"umbral_max":100000})");
    QCOMPARE(patched.status, 200);
    QCOMPARE(m_http.get(url(item)).object(), patched.object());
    QCOMPARE(m_http.get(url(item)).body, patched.body);
    QVERIFY(m_http.get(url(item)).body.contains("\"umbral_max\":100000,"));

    HttpResult refused = send("PATCH", item, R"({"location_id":99})");
    QCOMPARE(refused.status, 422);
    QCOMPARE(m_http.get(url(item)).object(), patched.object());

    HttpResult replaced = send("PUT", item, R"({"tipo":"humedad","modelo":"SHT31","unidad":"%"})");
    QCOMPARE(replaced.status, 200);
    QCOMPARE(m_http.get(url(item)).object(), replaced.object());
    QCOMPARE(m_http.get(url(item)).object().value(u"tipo"_s).toString(), u"humedad"_s);

    QCOMPARE(send("DELETE", item).status, 200);
    QCOMPARE(m_http.get(url(item)).status, 404);
    QCOMPARE(send("POST", u"/api/v1/readings"_s,
                 QByteArray(R"({"sensor_id":)") + item.section(u'/', -1).toUtf8() + R"(,"valor":1})")
                 .status,
        422);
}

void tst_LocationSensorApi::sensorFilters()
{
    send("POST", u"/api/v1/locations"_s, R"({"nombre":"A"})");
    send("POST", u"/api/v1/locations"_s, R"({"nombre":"B"})");
    for (const char *body : {R"({"tipo":"temperatura","modelo":"m","location_id":1})",
             R"({"tipo":"humedad","modelo":"m","location_id":1})",
             R"({"tipo":"temperatura","modelo":"m","location_id":2})", R"({"tipo":"presion","modelo":"m"})"})
        QCOMPARE(send("POST", u"/api/v1/sensors"_s, body).status, 201);
    const auto ids = [this](const QString &query) {
        QList<int> out;
        const HttpResult result = m_http.get(url(u"/api/v1/sensors"_s + query));
        for (const QJsonValue &item : result.object().value(u"items"_s).toArray())
            out << item.toObject().value(u"id"_s).toInt();
        return out;
    };
    QCOMPARE(ids({}), (QList<int> {1, 2, 3, 4}));
    QCOMPARE(ids(u"?location_id=1"_s), (QList<int> {1, 2}));
    QCOMPARE(ids(u"?tipo=temperatura"_s), (QList<int> {1, 3}));
    QCOMPARE(ids(u"?tipo=temperatura&location_id=2"_s), (QList<int> {3}));
    QCOMPARE(ids(u"?location_id=99"_s), QList<int> {});
    QCOMPARE(ids(u"?tipo=%27%20OR%20%271%27%3D%271"_s), QList<int> {});
    QCOMPARE(ids(u"?unknown=1"_s), (QList<int> {1, 2, 3, 4}));
}

void tst_LocationSensorApi::paging()
{
    for (int i = 0; i < 7; ++i)
        QCOMPARE(send("POST", u"/api/v1/locations"_s, compact({{u"nombre"_s, u"L%1"_s.arg(i)}})).status, 201);
    HttpResult page = m_http.get(url(u"/api/v1/locations?limit=3&offset=2"_s));
    QCOMPARE(page.status, 200);
    const QJsonArray items = page.object().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.first().toObject().value(u"nombre"_s).toString(), u"L2"_s);
    QCOMPARE(page.object().value(u"has_more"_s).toBool(), true);
    QCOMPARE(page.object().value(u"limit"_s).toInt(), 3);
    QCOMPARE(page.object().value(u"offset"_s).toInt(), 2);
    HttpResult last = m_http.get(url(u"/api/v1/locations?limit=3&offset=6"_s));
    QCOMPARE(last.object().value(u"items"_s).toArray().size(), 1);
    QCOMPARE(last.object().value(u"has_more"_s).toBool(), false);
    HttpResult max = m_http.get(url(u"/api/v1/locations?limit=1000"_s));
    QCOMPARE(max.status, 200);
    QCOMPARE(max.object().value(u"items"_s).toArray().size(), 7);
}

void tst_LocationSensorApi::badQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("limit 0") << u"/api/v1/locations?limit=0"_s << QStringList {u"limit"_s};
    QTest::newRow("limit 1001") << u"/api/v1/locations?limit=1001"_s << QStringList {u"limit"_s};
    QTest::newRow("limit text") << u"/api/v1/sensors?limit=ten"_s << QStringList {u"limit"_s};
    QTest::newRow("negative offset") << u"/api/v1/sensors?offset=-1"_s << QStringList {u"offset"_s};
    QTest::newRow("location_id text")
        << u"/api/v1/sensors?location_id=abc"_s << QStringList {u"location_id"_s};
    QTest::newRow("two bad") << u"/api/v1/sensors?limit=x&location_id=0"_s
                             << QStringList {u"limit"_s, u"location_id"_s};
}

void tst_LocationSensorApi::badQueries()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    HttpResult result = m_http.get(url(query));
    QCOMPARE(result.status, 400);
    QCOMPARE(result.errorCode(), u"invalid_query"_s);
    QCOMPARE(errorFields(result), fields);
}

void tst_LocationSensorApi::badBodies_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    const QString locations = u"/api/v1/locations"_s;
    const QString sensors = u"/api/v1/sensors"_s;
    const QStringList none;
    QTest::newRow("malformed json") << locations << QByteArray("POST") << QByteArray(R"({"nombre":)") << 400
                                    << u"invalid_json"_s << none;
    QTest::newRow("trailing comma") << locations << QByteArray("POST") << QByteArray(R"({"nombre":"a",})")
                                    << 400 << u"invalid_json"_s << none;
    QTest::newRow("empty body") << locations << QByteArray("POST") << QByteArray() << 400 << u"invalid_json"_s
                                << none;
    QTest::newRow("NaN") << locations << QByteArray("POST") << QByteArray(R"({"nombre":"a","latitud":NaN})")
                         << 400 << u"invalid_json"_s << none;
    QTest::newRow("Infinity") << locations << QByteArray("POST")
                              << QByteArray(R"({"nombre":"a","latitud":Infinity})") << 400
                              << u"invalid_json"_s << none;
    QTest::newRow("overflowing number")
        << locations << QByteArray("POST") << QByteArray(R"({"nombre":"a","latitud":1e999})") << 400
        << u"invalid_json"_s << none;
    QTest::newRow("array body") << locations << QByteArray("POST") << QByteArray(R"([{"nombre":"a"}])") << 422
                                << u"validation_failed"_s << QStringList {u"body"_s};
    QTest::newRow("latitud out of range")
        << locations << QByteArray("POST") << QByteArray(R"({"nombre":"a","latitud":-90.5})") << 422
        << u"validation_failed"_s << QStringList {u"latitud"_s};
    QTest::newRow("wrong types") << locations << QByteArray("POST")
                                 << QByteArray(R"({"nombre":7,"latitud":"40","longitud":[]})") << 422
                                 << u"validation_failed"_s
                                 << QStringList {u"nombre"_s, u"latitud"_s, u"longitud"_s};
    QTest::newRow("sensor missing fields") << sensors << QByteArray("POST") << QByteArray(R"({})") << 422
                                           << u"validation_failed"_s << QStringList {u"tipo"_s, u"modelo"_s};
    QTest::newRow("sensor unknown location")
        << sensors << QByteArray("POST") << QByteArray(R"({"tipo":"t","modelo":"m","location_id":41})") << 422
        << u"unknown_reference"_s << QStringList {u"location_id"_s};
    QTest::newRow("sensor activo as string")
        << sensors << QByteArray("POST") << QByteArray(R"({"tipo":"t","modelo":"m","activo":"true"})") << 422
        << u"validation_failed"_s << QStringList {u"activo"_s};
    QTest::newRow("patch latitud out of range")
        << u"/api/v1/locations/1"_s << QByteArray("PATCH") << QByteArray(R"({"latitud":200})") << 422
        << u"validation_failed"_s << QStringList {u"latitud"_s};
    QTest::newRow("patch malformed") << u"/api/v1/locations/1"_s << QByteArray("PATCH")
                                     << QByteArray("nombre=x") << 400 << u"invalid_json"_s << none;
    QTest::newRow("put unknown field")
        << u"/api/v1/locations/1"_s << QByteArray("PUT") << QByteArray(R"({"nombre":"a","altitud":3})") << 422
        << u"validation_failed"_s << QStringList {u"altitud"_s};
}

void tst_LocationSensorApi::badBodies()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    QCOMPARE(send("POST", u"/api/v1/locations"_s, R"({"nombre":"Existing","latitud":1})").status, 201);
    const QJsonObject before = m_http.get(url(u"/api/v1/locations/1"_s)).object();
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());

    HttpResult result = send(method, path, body);
    QCOMPARE(result.status, status);
    QCOMPARE(result.errorCode(), code);
    QVERIFY2(!result.object().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty(),
        result.body.constData());
    QCOMPARE(errorFields(result), fields);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
    QCOMPARE(m_http.get(url(u"/api/v1/locations/1"_s)).object(), before);
}

void tst_LocationSensorApi::unknownIds_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    for (const char *method : {"GET", "PUT", "PATCH", "DELETE"}) {
        for (const char *id : {"999", "0", "abc", "1.5", "-1", "99999999999999999999"}) {
            QTest::addRow("%s %s", method, id)
                << QByteArray(method) << u"/api/v1/sensors/"_s + QString::fromLatin1(id);
        }
    }
    QTest::newRow("location") << QByteArray("GET") << u"/api/v1/locations/5"_s;
}

void tst_LocationSensorApi::unknownIds()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult result = send(method, path, R"({"tipo":"t","modelo":"m"})");
    QCOMPARE(result.status, 404);
    QCOMPARE(result.errorCode(), u"not_found"_s);
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_LocationSensorApi::deleteReferencedLocationIsRefused()
{
    send("POST", u"/api/v1/locations"_s, R"({"nombre":"A"})");
    send("POST", u"/api/v1/sensors"_s, R"({"tipo":"t","modelo":"m","location_id":1})");
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    HttpResult refused = send("DELETE", u"/api/v1/locations/1"_s);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), u"still_referenced"_s);
    QVERIFY(
        refused.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"sensors"_s));
    QCOMPARE(Snapshot::of(m_server->databasePath()), snapshot);
}

void tst_LocationSensorApi::textIsStoredVerbatim_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("sql injection") << u"x'); DROP TABLE sensors; --"_s;
    QTest::newRow("or true") << u"' OR '1'='1"_s;
    QTest::newRow("unicode") << u"Sensor Ñandú — 温度计 🌡️"_s;
    QTest::newRow("quotes and escapes") << u"\"quoted\" \\ back\\slash\ttab\nnewline"_s;
    QTest::newRow("html") << u"<script>alert(1)</script>"_s;
}

void tst_LocationSensorApi::textIsStoredVerbatim()
{
    QFETCH(QString, text);
    HttpResult created = send("POST", u"/api/v1/sensors"_s,
        compact({{u"tipo"_s, text.left(64)}, {u"modelo"_s, text}, {u"unidad"_s, text.left(32)}}));
    QCOMPARE(created.status, 201);
    HttpResult fetched = m_http.get(url(u"/api/v1/sensors/1"_s));
    QCOMPARE(fetched.object().value(u"modelo"_s).toString(), text);
    QCOMPARE(fetched.object().value(u"tipo"_s).toString(), text.left(64));
    QCOMPARE(rowCount(m_server->databasePath(), u"sensors"_s), 1);
    // The same text as a filter finds exactly that sensor.
    QUrlQuery query;
    query.addQueryItem(u"tipo"_s, QString::fromUtf8(QUrl::toPercentEncoding(text.left(64))));
    QUrl filtered = url(u"/api/v1/sensors"_s);
    filtered.setQuery(query);
    QCOMPARE(m_http.get(filtered).object().value(u"items"_s).toArray().size(), 1);
}

void tst_LocationSensorApi::methodNotAllowed()
{
    HttpResult result = send("POST", u"/api/v1/sensors/1"_s, R"({})");
    QCOMPARE(result.status, 405);
    QCOMPARE(result.errorCode(), u"method_not_allowed"_s);
    const QByteArray allow = result.header("Allow");
    for (const char *method : {"GET", "PUT", "PATCH", "DELETE"})
        QVERIFY2(allow.contains(method), allow.constData());
}

QTEST_GUILESS_MAIN(tst_LocationSensorApi)
#include "tst_locationsensorapi.moc"
