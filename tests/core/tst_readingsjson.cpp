// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// readReadingsBatch, the batch body's fast path: what it accepts it reads as QJsonDocument + readJson do;
// everything else it declines, so the general path answers with its own errors.
#include "core/entityvalidation.h"
#include "core/readingsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_ReadingsJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptedAsTheGeneralPathReadsIt_data();
    void acceptedAsTheGeneralPathReadsIt();
    void declined_data();
    void declined();
};

namespace {
constexpr TimeMs Now = 1'750'000'000'000;
}

void tst_ReadingsJson::acceptedAsTheGeneralPathReadsIt_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("usual") << QByteArray(
        R"([{"sensor_id":1,"valor":21.5,"timestamp":"2025-07-20T00:05:37.123Z"}])");
    QTest::newRow("no timestamp") << QByteArray(R"([{"sensor_id":1,"valor":21.5}])");
    QTest::newRow("null timestamp") << QByteArray(R"([{"sensor_id":1,"valor":21.5,"timestamp":null}])");
    QTest::newRow("keys in any order")
        << QByteArray(R"([{"timestamp":"2025-07-20","valor":3,"sensor_id":2}])");
    QTest::newRow("offset timestamp")
        << QByteArray(R"([{"sensor_id":1,"valor":1,"timestamp":"2025-07-20T02:05:37+02:00"}])");
    QTest::newRow("whitespace") << QByteArray(
        " [ \n{ \"sensor_id\" :\t1 , \"valor\" : 2 }\r\n, {\"sensor_id\":2,\"valor\":3} ] ");
    QTest::newRow("minus zero integer") << QByteArray(R"([{"sensor_id":1,"valor":-0}])");
    QTest::newRow("minus zero fraction") << QByteArray(R"([{"sensor_id":1,"valor":-0.0}])");
    QTest::newRow("exponents") << QByteArray(
        R"([{"sensor_id":1,"valor":1e-7},{"sensor_id":1,"valor":-12.75E+2},{"sensor_id":1,"valor":5e300}])");
    QTest::newRow("rounding") << QByteArray(
        R"([{"sensor_id":1,"valor":0.1},{"sensor_id":1,"valor":9007199254740993},{"sensor_id":1,"valor":2.2250738585072011e-308}])");
    QTest::newRow("large ids") << QByteArray(R"([{"sensor_id":999999999999999,"valor":1}])");
}

void tst_ReadingsJson::acceptedAsTheGeneralPathReadsIt()
{
    QFETCH(QByteArray, body);
    const std::optional<QList<Reading>> fast = readReadingsBatch(body, Now);
    QVERIFY(fast.has_value());
    const QJsonArray items = QJsonDocument::fromJson(body).array();
    QCOMPARE(fast->size(), items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        FieldErrors errors;
        Reading general;
        readJson(items.at(i).toObject(), WriteMode::Create, general, errors, {}, Now);
        QVERIFY(errors.isEmpty());
        QCOMPARE(fast->at(i).sensorId, general.sensorId);
        QCOMPARE(fast->at(i).timestamp, general.timestamp);
        QCOMPARE(fast->at(i).valor, general.valor);
        QCOMPARE(std::signbit(fast->at(i).valor), std::signbit(general.valor));
    }
}

void tst_ReadingsJson::declined_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("object") << QByteArray(R"({"sensor_id":1,"valor":1})");
    QTest::newRow("not an object") << QByteArray(R"([{"sensor_id":1,"valor":1},2])");
    QTest::newRow("missing valor") << QByteArray(R"([{"sensor_id":1}])");
    QTest::newRow("missing sensor") << QByteArray(R"([{"valor":1}])");
    QTest::newRow("unknown key") << QByteArray(R"([{"sensor_id":1,"valor":1,"ts":"2025-07-20"}])");
    QTest::newRow("read-only key") << QByteArray(R"([{"id":5,"sensor_id":1,"valor":1}])");
    QTest::newRow("repeated key") << QByteArray(R"([{"sensor_id":1,"valor":1,"valor":2}])");
    QTest::newRow("escaped key") << QByteArray(R"([{"sensor\u005fid":1,"valor":1}])");
    QTest::newRow("escape in timestamp")
        << QByteArray(R"([{"sensor_id":1,"valor":1,"timestamp":"2025-07-20T00:00:00\u005a"}])");
    QTest::newRow("bad timestamp") << QByteArray(R"([{"sensor_id":1,"valor":1,"timestamp":"yesterday"}])");
    QTest::newRow("sensor zero") << QByteArray(R"([{"sensor_id":0,"valor":1}])");
    QTest::newRow("sensor negative") << QByteArray(R"([{"sensor_id":-1,"valor":1}])");
    QTest::newRow("sensor fraction") << QByteArray(R"([{"sensor_id":1.0,"valor":1}])");
    QTest::newRow("sensor too long") << QByteArray(R"([{"sensor_id":9007199254740993,"valor":1}])");
    QTest::newRow("sensor string") << QByteArray(R"([{"sensor_id":"1","valor":1}])");
    QTest::newRow("valor null") << QByteArray(R"([{"sensor_id":1,"valor":null}])");
    QTest::newRow("valor overflow") << QByteArray(R"([{"sensor_id":1,"valor":1e999}])");
    QTest::newRow("valor leading zero") << QByteArray(R"([{"sensor_id":1,"valor":01}])");
    QTest::newRow("valor bare dot") << QByteArray(R"([{"sensor_id":1,"valor":1.}])");
    QTest::newRow("valor NaN") << QByteArray(R"([{"sensor_id":1,"valor":NaN}])");
    QTest::newRow("valor 19 digits") << QByteArray(R"([{"sensor_id":1,"valor":1000000000000000000}])");
    QTest::newRow("trailing comma") << QByteArray(R"([{"sensor_id":1,"valor":1},])");
    QTest::newRow("trailing bytes") << QByteArray(R"([{"sensor_id":1,"valor":1}] x)");
    QTest::newRow("unterminated") << QByteArray(R"([{"sensor_id":1,"valor":1})");
    QTest::newRow("non-ASCII") << QByteArray(
        "[{\"sensor_id\":1,\"valor\":1,\"timestamp\":\"2025-07-20T00:00:00\xc2\xa0Z\"}]");
}

void tst_ReadingsJson::declined()
{
    QFETCH(QByteArray, body);
    QVERIFY(!readReadingsBatch(body, Now).has_value());
}

QTEST_APPLESS_MAIN(tst_ReadingsJson)
#include "tst_readingsjson.moc"
