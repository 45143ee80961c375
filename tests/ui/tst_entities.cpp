// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The data pages: forms that go through the services (same validation, same events as REST) and the live
// chart.
#include "consolefixture.h"
#include "testclients.h"
#include "ui/apimessages.h"
#include "ui/dialogs/entitydialog.h"
#include "ui/mainwindow.h"
#include "ui/models/entitymodels.h"
#include "ui/models/entitytablemodel.h"
#include "ui/pages/chartpage.h"
#include "ui/pages/entitypage.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pulso::test {

namespace {

/// Field key and the text typed into it.
using Fields = QList<QPair<QString, QString>>;

/// The entity events of `type` a client received.
QList<QJsonObject> entityEvents(const WsClient &client, const QString &entityType, const QString &eventType)
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : client.jsonMessages()) {
        if (o.value(u"type"_s) == u"entity_event"_s && o.value(u"entity_type"_s) == entityType
            && o.value(u"event_type"_s) == eventType)
            out << o;
    }
    return out;
}

qint64 createOverRest(ConsoleFixture &console, const QString &path, const QJsonObject &body)
{
    HttpClient http;
    const HttpResult result = http.postJson(console.httpUrl(path), body);
    if (result.status != 201 && result.status != 200) {
        qWarning("POST %s: %d %s", qPrintable(path), result.status, result.body.constData());
        return 0;
    }
    return result.object().value(u"id"_s).toInteger();
}

} // namespace

class TestEntities final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void creatingSensorInFormNotifiesClientsAndRest();
    void formShowsTheApisValidationMessages_data();
    void formShowsTheApisValidationMessages();
    void editAndDeleteSendEvents();
    void tablesFollowRestChanges();
    void chartShowsReadingsAndAnomalies();
};

void TestEntities::creatingSensorInFormNotifiesClientsAndRest()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?channel=sensors&user_id=panel"_s)));

    EntityPage *page = console.window().entityPage(EntityKind::Sensor);
    QVERIFY(page);
    QTRY_VERIFY(page->model()->isLoaded());
    EntityDialog *dialog = page->openEditor();
    QSignalSpy saved(dialog, &EntityDialog::saved);
    dialog->setFieldText(u"tipo"_s, u"temperatura"_s);
    dialog->setFieldText(u"modelo"_s, u"DHT22"_s);
    dialog->setFieldText(u"unidad"_s, u"°C"_s);
    dialog->setFieldText(u"umbral_max"_s, u"35.5"_s);
    auto *save = dialog->findChild<QPushButton *>(u"saveButton"_s);
    QVERIFY(save);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);
    const QJsonObject sensor = saved.first().first().toJsonObject();
    const qint64 id = sensor.value(u"id"_s).toInteger();
    QVERIFY(id > 0);

    // The subscribed client gets `created`, exactly as for POST /api/v1/sensors.
    QTRY_COMPARE(entityEvents(client, u"sensor"_s, u"created"_s).size(), 1);
    const QJsonObject event = entityEvents(client, u"sensor"_s, u"created"_s).first();
    QCOMPARE(event.value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(event.value(u"data"_s).toObject().value(u"modelo"_s).toString(), u"DHT22"_s);
    QCOMPARE(event.value(u"data"_s).toObject().value(u"umbral_max"_s).toDouble(), 35.5);
    QCOMPARE(event.value(u"metadata"_s).toObject().value(u"action"_s).toString(), u"create_sensor"_s);

    // The REST API returns it.
    HttpClient http;
    const HttpResult got = http.get(console.httpUrl(u"/api/v1/sensors/%1"_s.arg(id)));
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object().value(u"tipo"_s).toString(), u"temperatura"_s);
    QCOMPARE(got.object().value(u"unidad"_s).toString(), u"°C"_s);
    QCOMPARE(got.object().value(u"activo"_s).toBool(), true);

    // And the table shows it.
    QTRY_VERIFY(page->model()->rowOf(id) >= 0);
}

void TestEntities::formShowsTheApisValidationMessages_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Fields>("typed");
    QTest::addColumn<QString>("badField");

    QTest::newRow("latitude out of range")
        << int(EntityKind::Location) << u"/api/v1/locations"_s
        << Fields {{u"nombre"_s, u"Almacén"_s}, {u"latitud"_s, u"95"_s}} << u"latitud"_s;
    QTest::newRow("latitude not a number")
        << int(EntityKind::Location) << u"/api/v1/locations"_s
        << Fields {{u"nombre"_s, u"Almacén"_s}, {u"latitud"_s, u"norte"_s}} << u"latitud"_s;
    QTest::newRow("missing name") << int(EntityKind::Location) << u"/api/v1/locations"_s
                                  << Fields {{u"descripcion"_s, u"sin nombre"_s}} << u"nombre"_s;
    QTest::newRow("thresholds crossed") << int(EntityKind::Sensor) << u"/api/v1/sensors"_s
                                        << Fields {{u"tipo"_s, u"humedad"_s}, {u"modelo"_s, u"X"_s},
                                               {u"umbral_min"_s, u"10"_s}, {u"umbral_max"_s, u"5"_s}}
                                        << u"umbral_min"_s;
    QTest::newRow("unknown sensor") << int(EntityKind::Reading) << u"/api/v1/readings"_s
                                    << Fields {{u"sensor_id"_s, u"999"_s}, {u"valor"_s, u"1"_s}}
                                    << u"sensor_id"_s;
    QTest::newRow("bad timestamp") << int(EntityKind::Reading) << u"/api/v1/readings"_s
                                   << Fields {{u"sensor_id"_s, u"1"_s}, {u"valor"_s, u"1"_s},
                                          {u"timestamp"_s, u"ayer"_s}}
                                   << u"timestamp"_s;
    QTest::newRow("horizon zero") << int(EntityKind::Prediction) << u"/api/v1/predictions"_s
                                  << Fields {{u"sensor_id"_s, u"1"_s}, {u"horizonte"_s, u"0"_s},
                                         {u"valor_predicho"_s, u"3"_s}}
                                  << u"horizonte"_s;
}

void TestEntities::formShowsTheApisValidationMessages()
{
    QFETCH(int, kind);
    QFETCH(QString, path);
    QFETCH(Fields, typed);
    QFETCH(QString, badField);

    ConsoleFixture console;
    QVERIFY(console.start());
    QVERIFY(createOverRest(console, u"/api/v1/sensors"_s, {{u"tipo"_s, u"luz"_s}, {u"modelo"_s, u"BH1750"_s}})
        == 1);
    EntityPage *page = console.window().entityPage(static_cast<EntityKind>(kind));
    QTRY_VERIFY(console.window().entityModels()->model(EntityKind::Sensor)->rowOf(1) >= 0);
    EntityDialog *dialog = page->openEditor();
    for (const auto &[key, text] : typed)
        dialog->setFieldText(key, text);
    const QJsonObject body = dialog->body();
    dialog->submit();
    QTRY_VERIFY(!dialog->bannerText().isEmpty());
    QVERIFY(dialog->isVisible()); // not accepted

    // The API, given the same body, names the same field with the same message.
    HttpClient http;
    const HttpResult api = http.postJson(console.httpUrl(path), body);
    QCOMPARE(api.status, 422);
    QString apiMessage;
    for (const QJsonValue &detail : api.object().value(u"error"_s).toObject().value(u"details"_s).toArray()) {
        if (detail.toObject().value(u"field"_s).toString() == badField)
            apiMessage = detail.toObject().value(u"message"_s).toString();
    }
    QVERIFY2(!apiMessage.isEmpty(), api.body.constData());
    QCOMPARE(dialog->fieldError(badField), ApiMessages::fieldMessage(apiMessage));
    dialog->reject();
}

void TestEntities::editAndDeleteSendEvents()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    const qint64 id
        = createOverRest(console, u"/api/v1/locations"_s, {{u"nombre"_s, u"Nave 1"_s}, {u"latitud"_s, 40.4}});
    QVERIFY(id > 0);
    WsClient client;
    QVERIFY(client.open(console.wsUrl(u"/api/v1/ws?channel=locations"_s)));
    EntityPage *page = console.window().entityPage(EntityKind::Location);
    QTRY_VERIFY(page->model()->rowOf(id) >= 0);

    EntityDialog *dialog = page->openEditor(page->model()->row(page->model()->rowOf(id)));
    QVERIFY(dialog->isEditing());
    QCOMPARE(dialog->fieldText(u"nombre"_s), u"Nave 1"_s);
    dialog->setFieldText(u"nombre"_s, u"Nave 2"_s);
    QSignalSpy saved(dialog, &EntityDialog::saved);
    dialog->submit();
    QTRY_COMPARE(saved.size(), 1);
    QTRY_COMPARE(entityEvents(client, u"location"_s, u"updated"_s).size(), 1);
    const QJsonObject updated
        = entityEvents(client, u"location"_s, u"updated"_s).first().value(u"data"_s).toObject();
    QCOMPARE(updated.value(u"nombre"_s).toString(), u"Nave 2"_s);
    QCOMPARE(updated.value(u"latitud"_s).toDouble(), 40.4); // kept through the form
    QTRY_COMPARE(page->model()->row(page->model()->rowOf(id)).value(u"nombre"_s).toString(), u"Nave 2"_s);

    page->deleteRow(id, false);
    QTRY_COMPARE(entityEvents(client, u"location"_s, u"deleted"_s).size(), 1);
    QTRY_COMPARE(page->model()->rowOf(id), -1);
    HttpClient http;
    QCOMPARE(http.get(console.httpUrl(u"/api/v1/locations/%1"_s.arg(id))).status, 404);
}

void TestEntities::tablesFollowRestChanges()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    EntityPage *page = console.window().entityPage(EntityKind::Sensor);
    QTRY_VERIFY(page->model()->isLoaded());
    const qint64 a
        = createOverRest(console, u"/api/v1/sensors"_s, {{u"tipo"_s, u"co2"_s}, {u"modelo"_s, u"SCD30"_s}});
    const qint64 b = createOverRest(
        console, u"/api/v1/sensors"_s, {{u"tipo"_s, u"humedad"_s}, {u"modelo"_s, u"SHT31"_s}});
    QTRY_COMPARE(page->model()->rowCount(), 2);
    // Sorted newest first; the filter narrows.
    QCOMPARE(page->proxy()->index(0, 0).data(EntityTableModel::IdRole).toLongLong(), b);
    page->setFilterText(u"scd"_s);
    QCOMPARE(page->proxy()->rowCount(), 1);
    QCOMPARE(page->proxy()->index(0, 0).data(EntityTableModel::IdRole).toLongLong(), a);
}

void TestEntities::chartShowsReadingsAndAnomalies()
{
    ConsoleFixture console;
    QVERIFY(console.start());
    const qint64 sensor = createOverRest(console, u"/api/v1/sensors"_s,
        {{u"tipo"_s, u"temperatura"_s}, {u"modelo"_s, u"DHT22"_s}, {u"umbral_max"_s, 30}});
    QVERIFY(sensor > 0);
    qint64 lastReading = 0;
    for (int i = 0; i < 5; ++i)
        lastReading = createOverRest(
            console, u"/api/v1/readings"_s, {{u"sensor_id"_s, sensor}, {u"valor"_s, 20 + i}});
    QVERIFY(createOverRest(console, u"/api/v1/anomalies"_s,
                {{u"sensor_id"_s, sensor}, {u"reading_id"_s, lastReading}, {u"valor"_s, 24},
                    {u"severidad"_s, u"critical"_s}})
        > 0);

    ChartPage *chart = console.window().chartPage();
    QTRY_VERIFY(chart->sensor().has_value());
    chart->setSensor(sensor);
    QTRY_COMPARE(chart->readingCount(), 5);
    QTRY_COMPARE(chart->anomalyCount(), 1);
    // Live: a new reading shows up without a reload.
    QVERIFY(createOverRest(console, u"/api/v1/readings"_s, {{u"sensor_id"_s, sensor}, {u"valor"_s, 31}}) > 0);
    QTRY_COMPARE(chart->readingCount(), 6);
}

} // namespace pulso::test

QTEST_MAIN(pulso::test::TestEntities)
#include "tst_entities.moc"
