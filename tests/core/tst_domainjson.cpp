// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The hand-written compact JSON of the entities (REST responses) must be byte-equal to QJsonDocument's.
#include "core/entities.h"
#include "core/jsonutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

QByteArray viaQt(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray qtString(const QString &text)
{
    // QJsonDocument writes only objects and arrays: take the string out of a one-element array.
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray qtDouble(double value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QList<QString> awkwardStrings()
{
    QString controls;
    for (char16_t c = 0; c < 0x80; ++c)
        controls.append(QChar(c));
    return {
        QString(),
        u""_s,
        u"DHT22"_s,
        controls,
        u"comillas \" y barra \\ y / y \b\f\n\r\t"_s,
        u"°C, presión, 温度, Ωμ"_s,
        u"emoji \U0001F321\U0001F30D"_s,
        QString(QChar(0xD800)) + u"lone high"_s,
        u"lone low "_s + QChar(0xDC00),
        QString(QChar(0xDBFF)), // high surrogate at the end
        QString(QChar(0xDC00)) + QChar(0xD800), // reversed pair
        u"\u007f\u0080\u07ff\u0800\uffff\ufffe"_s,
        QString(300, u'x'),
    };
}

QList<double> awkwardDoubles()
{
    QList<double> values {0.0, -0.0, 1.0, -1.0, 0.1, 21.5, 100000.0, 1e5, 123456.0, 1e6, 1e15, 1e16, 1e21,
        1e22, 9007199254740992.0, 9007199254740994.0, -9007199254740992.0, 123456789012345678.0,
        18446744073709551616.0, 1e19, 1e-5, 1e-7, 0.000123, 1.0 / 3.0, 2.0 / 3.0, -273.15, 45.0,
        9007199254740991.0, 9007199254740993.0, std::numeric_limits<double>::max(),
        std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::lowest(), std::numeric_limits<double>::epsilon(), 5e-324,
        1.7976931348623157e308, 4.35, 0.3, 1e100, -1e-100};
    QRandomGenerator random(20261128);
    for (int i = 0; i < 2000; ++i) {
        quint64 bits = random.generate64();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        values << value << random.generateDouble() * 1000 - 500 << double(random.bounded(1000000)) / 100;
        // Sensor-like values at every scale: a few decimals, from 1e-6 to 1e15.
        const double scaled = double(random.bounded(100000000)) / std::pow(10.0, random.bounded(8));
        values << scaled * std::pow(10.0, random.bounded(-6, 8)) << -scaled / 1000;
    }
    // Around the fast path's edges: 0.001 (below it Qt may write an exponent: 3e-04 but 0.00031), and 2^53.
    for (double edge : {1e-4, -1e-4, 3e-4, 0.001, -0.001, 9007199254740992.0, 4503599627370496.0}) {
        double up = edge;
        double down = edge;
        for (int i = 0; i < 50; ++i) {
            up = std::nextafter(up, std::numeric_limits<double>::infinity());
            down = std::nextafter(down, -std::numeric_limits<double>::infinity());
            values << up << down;
        }
    }
    return values;
}

} // namespace

class tst_DomainJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strings();
    void doubles();
    void integers();
    void location();
    void sensor();
    void reading();
    void readingObject();
    void appendStringAscii();
    void anomaly();
    void prediction();
};

void tst_DomainJson::strings()
{
    for (const QString &text : awkwardStrings()) {
        QByteArray mine;
        json::appendQtString(mine, text);
        QCOMPARE(mine, qtString(text));
    }
}

void tst_DomainJson::doubles()
{
    for (double value : awkwardDoubles()) {
        QByteArray mine;
        json::appendDouble(mine, value);
        if (mine != qtDouble(value))
            QFAIL(qPrintable(u"%1: %2 vs %3"_s.arg(value, 0, 'g', 17)
                                 .arg(QString::fromLatin1(mine), QString::fromLatin1(qtDouble(value)))));
    }
    // QByteArray::number(100000.0, 'g', shortest) is "1e+05"; Qt's JSON writer prints whole numbers fixed.
    QByteArray out;
    json::appendDouble(out, 100000.0);
    QCOMPARE(out, "100000");
    for (double value : {qQNaN(), qInf(), -qInf()}) {
        QByteArray mine;
        json::appendDouble(mine, value);
        QCOMPARE(mine, qtDouble(value));
        QCOMPARE(mine, "null");
    }
}

void tst_DomainJson::integers()
{
    for (qint64 value : {qint64(0), qint64(1), qint64(-1), qint64(42), qint64(9007199254740991LL),
             std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
        QByteArray mine;
        json::appendInteger(mine, value);
        QCOMPARE(mine, QByteArray::number(value));
    }
}

void tst_DomainJson::location()
{
    for (const QString &text : awkwardStrings()) {
        Location value;
        value.id = 7;
        value.nombre = text;
        value.createdAt = 1753056337123;
        value.updatedAt = 1753056337999;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
        value.descripcion = text;
        value.latitud = -33.45;
        value.longitud = 100000.0;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
    }
    for (double value : awkwardDoubles()) {
        Location location;
        location.nombre = u"x"_s;
        location.latitud = value;
        location.longitud = -value;
        QCOMPARE(location.toCompactJson(), viaQt(location.toJson()));
    }
}

void tst_DomainJson::sensor()
{
    for (const QString &text : awkwardStrings()) {
        Sensor value;
        value.id = 9007199254740991LL;
        value.tipo = text;
        value.modelo = text;
        value.createdAt = isotime::MinMs;
        value.updatedAt = isotime::MaxMs;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
        value.locationId = 3;
        value.unidad = text;
        value.activo = false;
        value.umbralMin = -0.0;
        value.umbralMax = 45;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
    }
    for (double value : awkwardDoubles()) {
        Sensor sensor;
        sensor.tipo = u"temperatura"_s;
        sensor.modelo = u"DHT22"_s;
        sensor.umbralMin = value;
        sensor.umbralMax = value * 3;
        QCOMPARE(sensor.toCompactJson(), viaQt(sensor.toJson()));
    }
    Sensor documented; // the example of docs/API.md
    documented.id = 1;
    documented.tipo = u"temperatura"_s;
    documented.modelo = u"DHT22"_s;
    documented.locationId = 1;
    documented.unidad = u"°C"_s;
    documented.umbralMax = 45;
    documented.createdAt = documented.updatedAt = *isotime::parse(u"2025-07-20T00:05:37.123Z");
    QCOMPARE(documented.toCompactJson(),
        u"{\"activo\":true,\"created_at\":\"2025-07-20T00:05:37.123Z\",\"id\":1,\"location_id\":1,"
        "\"modelo\":\"DHT22\",\"tipo\":\"temperatura\",\"umbral_max\":45,\"umbral_min\":null,"
        "\"unidad\":\"°C\",\"updated_at\":\"2025-07-20T00:05:37.123Z\"}"_s.toUtf8());
}

void tst_DomainJson::reading()
{
    for (double value : awkwardDoubles()) {
        Reading reading;
        reading.id = 41;
        reading.sensorId = 2;
        reading.valor = value;
        reading.timestamp = -1;
        reading.createdAt = 0;
        QCOMPARE(reading.toCompactJson(), viaQt(reading.toJson()));
    }
}

void tst_DomainJson::readingObject()
{
    // Reading::toJson fills a shared template in place: the result must be the plain object, every time,
    // and the template must not change.
    for (double valor : {21.5, -0.0, 100000.0, qInf()}) {
        Reading reading;
        reading.id = 41;
        reading.sensorId = 9007199254740991LL;
        reading.valor = valor;
        reading.timestamp = 1753056337123;
        reading.createdAt = isotime::MaxMs;
        const QJsonObject expected {
            {u"id"_s, reading.id},
            {u"sensor_id"_s, reading.sensorId},
            {u"valor"_s, reading.valor},
            {u"timestamp"_s, isotime::format(reading.timestamp)},
            {u"created_at"_s, isotime::format(reading.createdAt)},
        };
        const QJsonObject first = reading.toJson();
        QCOMPARE(first, expected);
        QCOMPARE(first.keys(), expected.keys());
        QCOMPARE(viaQt(first), viaQt(expected));
        QVERIFY(first.value(u"id"_s).isDouble());
        QCOMPARE(first.value(u"id"_s).toInteger(), 41);
        reading.id = 42;
        QCOMPARE(reading.toJson().value(u"id"_s).toInteger(), 42);
        QCOMPARE(first.value(u"id"_s).toInteger(), 41); // copies are independent
    }
}

void tst_DomainJson::appendStringAscii()
{
    // json::appendString (events) has a fast path for plain ASCII; it must write what the general path
    // writes (UTF-8 with lone surrogates replaced, then escapes).
    for (const QString &text : awkwardStrings()) {
        QByteArray mine;
        json::appendString(mine, text);
        QByteArray expected = "\"";
        for (char c : text.toUtf8()) {
            switch (c) {
            case '"':
                expected += "\\\"";
                break;
            case '\\':
                expected += "\\\\";
                break;
            case '\n':
                expected += "\\n";
                break;
            case '\r':
                expected += "\\r";
                break;
            case '\t':
                expected += "\\t";
                break;
            case '\b':
                expected += "\\b";
                break;
            case '\f':
                expected += "\\f";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    expected += "\\u00"
                        + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
                else
                    expected += c;
            }
        }
        expected += '"';
        QCOMPARE(mine, expected);
    }
}

void tst_DomainJson::anomaly()
{
    for (const QString &text : awkwardStrings()) {
        for (Severity severity : {Severity::Info, Severity::Warning, Severity::Critical}) {
            Anomaly value;
            value.id = 5;
            value.sensorId = 2;
            value.valor = 99.5;
            value.severidad = severity;
            value.detectedAt = 1;
            value.createdAt = 2;
            QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
            value.readingId = 12;
            value.score = 0.97;
            value.descripcion = text;
            QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
        }
    }
    for (double value : awkwardDoubles()) {
        Anomaly anomaly;
        anomaly.valor = value;
        anomaly.score = value / 7;
        QCOMPARE(anomaly.toCompactJson(), viaQt(anomaly.toJson()));
    }
}

void tst_DomainJson::prediction()
{
    for (const QString &text : awkwardStrings()) {
        Prediction value;
        value.id = 3;
        value.sensorId = 2;
        value.horizonte = 3600;
        value.valorPredicho = 22.25;
        value.createdAt = 1753056337123;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
        value.intervaloInferior = 20;
        value.intervaloSuperior = 1e21;
        value.modelo = text;
        QCOMPARE(value.toCompactJson(), viaQt(value.toJson()));
    }
    for (double value : awkwardDoubles()) {
        Prediction prediction;
        prediction.horizonte = 60;
        prediction.valorPredicho = value;
        prediction.intervaloInferior = value - 1;
        prediction.intervaloSuperior = value + 1;
        QCOMPARE(prediction.toCompactJson(), viaQt(prediction.toJson()));
    }
}

QTEST_GUILESS_MAIN(tst_DomainJson)
#include "tst_domainjson.moc"
