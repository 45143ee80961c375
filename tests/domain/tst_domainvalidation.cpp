// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sensor domain's entities in core: ISO time, JSON -> entity per WriteMode, and the value rules.
#include "core/entityvalidation.h"
#include "core/isotime.h"
#include "core/jsonutil.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList fieldsOf(const Error &error)
{
    QStringList fields;
    for (const QJsonValue &detail : error.details)
        fields << detail.toObject().value(u"field"_s).toString();
    return fields;
}

constexpr TimeMs Now = 1752969937123; // 2025-07-20T00:05:37.123Z

} // namespace

class tst_DomainValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isoFormat_data();
    void isoFormat();
    void isoParse_data();
    void isoParse();
    void isoRoundTripAgreesWithQDateTime();
    void location_data();
    void location();
    void sensor_data();
    void sensor();
    void reading_data();
    void reading();
    void anomaly_data();
    void anomaly();
    void prediction_data();
    void prediction();
    void patchChangesOnlyPresentFields();
    void replaceResetsAbsentOptionalFields();
    void errorMessageNamesEveryField();
    void entityJsonShapes();
    void readingCompactJsonMatchesQt_data();
    void readingCompactJsonMatchesQt();
};

void tst_DomainValidation::isoFormat_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << u"1970-01-01T00:00:00.000Z"_s;
    QTest::newRow("seed example") << Now << u"2025-07-20T00:05:37.123Z"_s;
    QTest::newRow("before epoch") << qint64(-1) << u"1969-12-31T23:59:59.999Z"_s;
    QTest::newRow("leap day") << qint64(951782400000) << u"2000-02-29T00:00:00.000Z"_s;
    QTest::newRow("min") << isotime::MinMs << u"0001-01-01T00:00:00.000Z"_s;
    QTest::newRow("max") << isotime::MaxMs << u"9999-12-31T23:59:59.999Z"_s;
}

void tst_DomainValidation::isoFormat()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(isotime::format(ms), text);
}

void tst_DomainValidation::isoParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: invalid
    QTest::newRow("Z") << u"2025-07-20T00:05:37.123Z"_s << Now;
    QTest::newRow("offset") << u"2025-07-20T02:05:37.123+02:00"_s << Now;
    QTest::newRow("offset no colon") << u"2025-07-19T19:05:37.123-0500"_s << Now;
    QTest::newRow("no offset is UTC") << u"2025-07-20T00:05:37.123"_s << Now;
    QTest::newRow("microseconds truncated") << u"2025-07-20T00:05:37.123999Z"_s << Now;
    QTest::newRow("one fraction digit") << u"2025-07-20T00:05:37.1Z"_s << Now - 23;
    QTest::newRow("no seconds") << u"2025-07-20T00:05Z"_s << Now - 37123;
    QTest::newRow("date only") << u"2025-07-20"_s << Now - 337123;
    QTest::newRow("feb 30") << u"2025-02-30T00:00:00Z"_s << qint64(-1);
    QTest::newRow("hour 25") << u"2025-07-20T25:00:00Z"_s << qint64(-1);
    QTest::newRow("garbage") << u"yesterday"_s << qint64(-1);
    QTest::newRow("trailing junk") << u"2025-07-20T00:05:37Zjunk"_s << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("injection") << u"2025-07-20'; DROP TABLE readings; --"_s << qint64(-1);
}

void tst_DomainValidation::isoParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<TimeMs> parsed = isotime::parse(text);
    if (ms == -1) {
        QVERIFY2(!parsed, qPrintable(text));
    } else {
        QVERIFY2(parsed, qPrintable(text));
        QCOMPARE(*parsed, ms);
    }
}

void tst_DomainValidation::isoRoundTripAgreesWithQDateTime()
{
    // The fast formatter must say exactly what json::timestamp (Qt) says, across centuries and both sides of
    // the epoch.
    for (TimeMs ms = isotime::MinMs; ms < isotime::MaxMs; ms += 7919LL * 86400000LL + 12345) {
        const QString fast = isotime::format(ms);
        QCOMPARE(fast, json::timestamp(QDateTime::fromMSecsSinceEpoch(ms)));
        QCOMPARE(isotime::parse(fast), std::optional<TimeMs>(ms));
    }
}

// Each row: a JSON body for Create, and the fields that must be reported (empty: valid).
void tst_DomainValidation::location_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("minimal") << QByteArray(R"({"nombre":"Planta 1"})") << QStringList {};
    QTest::newRow("full") << QByteArray(
        R"({"nombre":"Nave","descripcion":"x","latitud":-90,"longitud":180,"id":7,"created_at":"x"})")
                          << QStringList {};
    QTest::newRow("missing nombre") << QByteArray(R"({})") << QStringList {u"nombre"_s};
    QTest::newRow("null nombre") << QByteArray(R"({"nombre":null})") << QStringList {u"nombre"_s};
    QTest::newRow("blank nombre") << QByteArray(R"({"nombre":"   "})") << QStringList {u"nombre"_s};
    QTest::newRow("nombre number") << QByteArray(R"({"nombre":5})") << QStringList {u"nombre"_s};
    QTest::newRow("latitud 90.0001") << QByteArray(R"({"nombre":"a","latitud":90.0001})")
                                     << QStringList {u"latitud"_s};
    QTest::newRow("longitud -181") << QByteArray(R"({"nombre":"a","longitud":-181})")
                                   << QStringList {u"longitud"_s};
    QTest::newRow("latitud string") << QByteArray(R"({"nombre":"a","latitud":"40.1"})")
                                    << QStringList {u"latitud"_s};
    QTest::newRow("unknown field") << QByteArray(R"({"nombre":"a","lat":1})") << QStringList {u"lat"_s};
    QTest::newRow("every field wrong")
        << QByteArray(R"({"nombre":[],"descripcion":1,"latitud":100,"longitud":true})")
        << QStringList {u"nombre"_s, u"descripcion"_s, u"longitud"_s, u"latitud"_s};
    QTest::newRow("nombre too long") << (R"({"nombre":")" + QByteArray(201, 'a') + R"("})")
                                     << QStringList {u"nombre"_s};
    QTest::newRow("NUL in nombre") << QByteArray(R"({"nombre":"a\u0000b"})") << QStringList {u"nombre"_s};
}

void tst_DomainValidation::location()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const Result<Location> result = fromJson(object(body), Location {}, WriteMode::Create, Now);
    if (fields.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Validation);
    QCOMPARE(result.error().code, u"validation_failed"_s);
    QStringList actual = fieldsOf(result.error());
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
}

void tst_DomainValidation::sensor_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("minimal") << QByteArray(R"({"tipo":"temperatura","modelo":"DHT22"})") << QStringList {};
    QTest::newRow("full") << QByteArray(R"({"tipo":"humedad","modelo":"DHT22","location_id":3,"unidad":"%",)"
                                        R"("activo":false,"umbral_min":10,"umbral_max":90})")
                          << QStringList {};
    QTest::newRow("missing both") << QByteArray(R"({})") << QStringList {u"tipo"_s, u"modelo"_s};
    QTest::newRow("activo string") << QByteArray(R"({"tipo":"t","modelo":"m","activo":"yes"})")
                                   << QStringList {u"activo"_s};
    QTest::newRow("location_id string")
        << QByteArray(R"({"tipo":"t","modelo":"m","location_id":"3"})") << QStringList {u"location_id"_s};
    QTest::newRow("location_id fraction")
        << QByteArray(R"({"tipo":"t","modelo":"m","location_id":3.5})") << QStringList {u"location_id"_s};
    QTest::newRow("location_id zero")
        << QByteArray(R"({"tipo":"t","modelo":"m","location_id":0})") << QStringList {u"location_id"_s};
    QTest::newRow("umbral_min > umbral_max")
        << QByteArray(R"({"tipo":"t","modelo":"m","umbral_min":5,"umbral_max":1})")
        << QStringList {u"umbral_min"_s};
    QTest::newRow("unidad too long") << (R"({"tipo":"t","modelo":"m","unidad":")" + QByteArray(33, 'u')
        + R"("})") << QStringList {u"unidad"_s};
}

void tst_DomainValidation::sensor()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const Result<Sensor> result = fromJson(object(body), Sensor {}, WriteMode::Create, Now);
    if (fields.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->activo, !body.contains("\"activo\":false"));
        return;
    }
    QVERIFY(!result.ok());
    QStringList actual = fieldsOf(result.error());
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
}

void tst_DomainValidation::reading_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("minimal") << QByteArray(R"({"sensor_id":1,"valor":23.5})") << QStringList {};
    QTest::newRow("with timestamp") << QByteArray(
        R"({"sensor_id":1,"valor":-1e300,"timestamp":"2025-07-20T00:05:37Z"})")
                                    << QStringList {};
    QTest::newRow("valor string") << QByteArray(R"({"sensor_id":1,"valor":"23.5"})")
                                  << QStringList {u"valor"_s};
    QTest::newRow("valor null") << QByteArray(R"({"sensor_id":1,"valor":null})") << QStringList {u"valor"_s};
    QTest::newRow("valor missing") << QByteArray(R"({"sensor_id":1})") << QStringList {u"valor"_s};
    QTest::newRow("sensor_id negative")
        << QByteArray(R"({"sensor_id":-1,"valor":1})") << QStringList {u"sensor_id"_s};
    QTest::newRow("sensor_id huge") << QByteArray(R"({"sensor_id":1e300,"valor":1})")
                                    << QStringList {u"sensor_id"_s};
    QTest::newRow("bad timestamp") << QByteArray(R"({"sensor_id":1,"valor":1,"timestamp":"ayer"})")
                                   << QStringList {u"timestamp"_s};
    QTest::newRow("timestamp number")
        << QByteArray(R"({"sensor_id":1,"valor":1,"timestamp":1752969937})") << QStringList {u"timestamp"_s};
    QTest::newRow("all wrong") << QByteArray(R"({"sensor_id":"1","valor":[1],"timestamp":{}})")
                               << QStringList {u"sensor_id"_s, u"valor"_s, u"timestamp"_s};
}

void tst_DomainValidation::reading()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const Result<Reading> result = fromJson(object(body), Reading {}, WriteMode::Create, Now);
    if (fields.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        if (!body.contains("timestamp"))
            QCOMPARE(result->timestamp, Now);
        return;
    }
    QVERIFY(!result.ok());
    QStringList actual = fieldsOf(result.error());
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
}

void tst_DomainValidation::anomaly_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("minimal") << QByteArray(R"({"sensor_id":1,"valor":99})") << QStringList {};
    QTest::newRow("full") << QByteArray(
        R"({"sensor_id":1,"reading_id":4,"valor":99,"score":3.2,)"
        R"("severidad":"critical","descripcion":"pico","detected_at":"2025-07-20"})")
                          << QStringList {};
    QTest::newRow("bad severidad") << QByteArray(R"({"sensor_id":1,"valor":1,"severidad":"fatal"})")
                                   << QStringList {u"severidad"_s};
    QTest::newRow("severidad number")
        << QByteArray(R"({"sensor_id":1,"valor":1,"severidad":2})") << QStringList {u"severidad"_s};
    QTest::newRow("score string") << QByteArray(R"({"sensor_id":1,"valor":1,"score":"high"})")
                                  << QStringList {u"score"_s};
    QTest::newRow("missing") << QByteArray(R"({})") << QStringList {u"sensor_id"_s, u"valor"_s};
}

void tst_DomainValidation::anomaly()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const Result<Anomaly> result = fromJson(object(body), Anomaly {}, WriteMode::Create, Now);
    if (fields.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->severidad, body.contains("critical") ? Severity::Critical : Severity::Warning);
        return;
    }
    QVERIFY(!result.ok());
    QStringList actual = fieldsOf(result.error());
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
}

void tst_DomainValidation::prediction_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("minimal") << QByteArray(R"({"sensor_id":1,"horizonte":3600,"valor_predicho":20})")
                             << QStringList {};
    QTest::newRow("interval") << QByteArray(
        R"({"sensor_id":1,"horizonte":60,"valor_predicho":20,)"
        R"("intervalo_inferior":18,"intervalo_superior":22,"modelo":"arima"})")
                              << QStringList {};
    QTest::newRow("horizonte zero") << QByteArray(R"({"sensor_id":1,"horizonte":0,"valor_predicho":1})")
                                    << QStringList {u"horizonte"_s};
    QTest::newRow("horizonte fraction") << QByteArray(R"({"sensor_id":1,"horizonte":1.5,"valor_predicho":1})")
                                        << QStringList {u"horizonte"_s};
    QTest::newRow("interval reversed") << QByteArray(
        R"({"sensor_id":1,"horizonte":1,"valor_predicho":20,"intervalo_inferior":25,"intervalo_superior":15})")
                                       << QStringList {u"intervalo_inferior"_s, u"intervalo_superior"_s};
    QTest::newRow("missing") << QByteArray(R"({})")
                             << QStringList {u"sensor_id"_s, u"horizonte"_s, u"valor_predicho"_s};
}

void tst_DomainValidation::prediction()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, fields);
    const Result<Prediction> result = fromJson(object(body), Prediction {}, WriteMode::Create, Now);
    if (fields.isEmpty()) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        return;
    }
    QVERIFY(!result.ok());
    QStringList actual = fieldsOf(result.error());
    actual.sort();
    fields.sort();
    QCOMPARE(actual, fields);
}

void tst_DomainValidation::patchChangesOnlyPresentFields()
{
    Sensor base;
    base.id = 4;
    base.tipo = u"temperatura"_s;
    base.modelo = u"DHT22"_s;
    base.unidad = u"C"_s;
    base.umbralMax = 40;
    const Result<Sensor> patched
        = fromJson(object(R"({"activo":false,"umbral_max":null})"), base, WriteMode::Patch, Now);
    QVERIFY(patched.ok());
    QCOMPARE(patched->tipo, u"temperatura"_s);
    QCOMPARE(patched->unidad, std::optional<QString>(u"C"_s));
    QCOMPARE(patched->activo, false);
    QVERIFY(!patched->umbralMax);
    // An empty patch is valid and changes nothing.
    QVERIFY(fromJson(QJsonObject {}, base, WriteMode::Patch, Now).ok());
    // A patch is still checked against the whole entity.
    const Result<Sensor> bad = fromJson(object(R"({"umbral_min":50})"), base, WriteMode::Patch, Now);
    QVERIFY(!bad.ok());
    QCOMPARE(fieldsOf(bad.error()), QStringList {u"umbral_min"_s});
}

void tst_DomainValidation::replaceResetsAbsentOptionalFields()
{
    Sensor base;
    base.tipo = u"t"_s;
    base.modelo = u"m"_s;
    base.unidad = u"C"_s;
    base.activo = false;
    const Result<Sensor> replaced
        = fromJson(object(R"({"tipo":"humedad","modelo":"m2"})"), base, WriteMode::Replace, Now);
    QVERIFY(replaced.ok());
    QVERIFY(!replaced->unidad);
    QCOMPARE(replaced->activo, true);
    QVERIFY(!fromJson(object(R"({"tipo":"humedad"})"), base, WriteMode::Replace, Now).ok());
}

void tst_DomainValidation::errorMessageNamesEveryField()
{
    const Result<Location> result
        = fromJson(object(R"({"latitud":91,"longitud":"x"})"), Location {}, WriteMode::Create, Now);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.contains(u"nombre"_s), qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(u"latitud"_s));
    QVERIFY(result.error().message.contains(u"longitud"_s));
    const QJsonObject json = result.error().toJson().value(u"error"_s).toObject();
    QCOMPARE(json.value(u"details"_s).toArray().size(), 3);
}

void tst_DomainValidation::entityJsonShapes()
{
    Sensor sensor;
    sensor.id = 123;
    sensor.tipo = u"temperatura"_s;
    sensor.modelo = u"DHT22"_s;
    sensor.createdAt = sensor.updatedAt = Now;
    const QJsonObject json = sensor.toJson();
    QCOMPARE(json.keys(),
        (QStringList {u"activo"_s, u"created_at"_s, u"id"_s, u"location_id"_s, u"modelo"_s, u"tipo"_s,
            u"umbral_max"_s, u"umbral_min"_s, u"unidad"_s, u"updated_at"_s}));
    QCOMPARE(json.value(u"created_at"_s).toString(), u"2025-07-20T00:05:37.123Z"_s);
    QVERIFY(json.value(u"location_id"_s).isNull());
    QCOMPARE(json.value(u"id"_s).toInteger(), 123);

    Reading reading;
    reading.id = 1;
    reading.sensorId = 2;
    reading.valor = 0.1 + 0.2;
    reading.timestamp = reading.createdAt = Now;
    QCOMPARE(QJsonDocument(reading.toJson()).toJson(QJsonDocument::Compact),
        QByteArray(R"({"created_at":"2025-07-20T00:05:37.123Z","id":1,"sensor_id":2,)"
                   R"("timestamp":"2025-07-20T00:05:37.123Z","valor":0.30000000000000004})"));
}

void tst_DomainValidation::readingCompactJsonMatchesQt_data()
{
    QTest::addColumn<qint64>("id");
    QTest::addColumn<double>("valor");
    QTest::addColumn<qint64>("timestamp");
    QTest::newRow("simple") << qint64(1) << 23.5 << Now;
    QTest::newRow("integral") << qint64(42) << 23.0 << Now;
    QTest::newRow("zero") << qint64(7) << 0.0 << qint64(0);
    QTest::newRow("negative zero") << qint64(7) << -0.0 << qint64(0);
    QTest::newRow("binary fraction") << qint64(9) << 0.1 + 0.2 << Now;
    QTest::newRow("huge") << qint64(9007199254740991) << 1.7976931348623157e308 << isotime::MaxMs;
    QTest::newRow("tiny") << qint64(3) << 5e-324 << isotime::MinMs;
    QTest::newRow("exponent") << qint64(3) << 1e21 << qint64(-1);
    QTest::newRow("small exponent") << qint64(3) << -1.25e-7 << qint64(1);
    QTest::newRow("large integer") << qint64(3) << 123456789012345678.0 << Now;
    // QByteArray::number(100000.0, 'g', shortest) is "1e+05"; QJsonDocument writes "100000".
    QTest::newRow("whole with zeros") << qint64(3) << 100000.0 << Now;
    QTest::newRow("2^53") << qint64(3) << 9007199254740992.0 << Now;
}

void tst_DomainValidation::readingCompactJsonMatchesQt()
{
    QFETCH(qint64, id);
    QFETCH(double, valor);
    QFETCH(qint64, timestamp);
    Reading reading;
    reading.id = id;
    reading.sensorId = id + 1;
    reading.valor = valor;
    reading.timestamp = timestamp;
    reading.createdAt = Now;
    QCOMPARE(reading.toCompactJson(), QJsonDocument(reading.toJson()).toJson(QJsonDocument::Compact));
}

QTEST_GUILESS_MAIN(tst_DomainValidation)
#include "tst_domainvalidation.moc"
