// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every REST change reaches WebSocket clients as exactly the seed's entity_event, on its own channel and
// on `general` and nowhere else, with `data` equal to the REST response; failed requests emit nothing.
#include "domaintest.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;
using namespace pulso::test;

namespace {

/// One request of a scenario.
struct Step
{
    QByteArray method;
    QString path;
    QByteArray body;
};
using Steps = QList<Step>;

} // namespace

Q_DECLARE_METATYPE(Step)

class tst_DomainEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void operationEmitsItsEvent_data();
    void operationEmitsItsEvent();
    void batchEmitsOneEventPerReading();
    void failedRequestsEmitNothing_data();
    void failedRequestsEmitNothing();
    void eventsFollowCommitOrder();

private:
    HttpResult send(const Step &step)
    {
        return m_http.request(step.method, m_server->httpUrl(step.path), step.body);
    }
    void connectClients(const QString &channel, const QString &unrelated);
    /// Sends a test event on `channel` and waits until `client` received it; returns the entity events
    /// that came before it (the hub delivers in order, so nothing earlier is still on its way).
    QList<QJsonObject> entityEventsBefore(WsClient &client, const QString &barrier);
    void sendBarrier(const QString &channel, const QString &message);

    std::unique_ptr<TestServer> m_server;
    HttpClient m_http;
    std::unique_ptr<WsClient> m_own;
    std::unique_ptr<WsClient> m_general;
    std::unique_ptr<WsClient> m_unrelated;
    QString m_channel;
    QString m_unrelatedChannel;
};

void tst_DomainEvents::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void tst_DomainEvents::cleanup()
{
    m_own.reset();
    m_general.reset();
    m_unrelated.reset();
    m_server.reset();
}

void tst_DomainEvents::connectClients(const QString &channel, const QString &unrelated)
{
    m_channel = channel;
    m_unrelatedChannel = unrelated;
    m_own = std::make_unique<WsClient>();
    m_general = std::make_unique<WsClient>();
    m_unrelated = std::make_unique<WsClient>();
    QVERIFY(m_own->open(m_server->wsUrl(u"/api/v1/ws?channel="_s + channel)));
    QVERIFY(m_general->open(m_server->wsUrl(u"/api/v1/ws?channel=general"_s)));
    QVERIFY(m_unrelated->open(m_server->wsUrl(u"/api/v1/ws?channel="_s + unrelated)));
}

void tst_DomainEvents::sendBarrier(const QString &channel, const QString &message)
{
    const HttpResult result = m_http.post(
        m_server->httpUrl(u"/api/v1/ws/test-event?channel=%1&message=%2"_s.arg(channel, message)));
    QCOMPARE(result.status, 200);
}

QList<QJsonObject> tst_DomainEvents::entityEventsBefore(WsClient &client, const QString &barrier)
{
    const auto barrierIndex = [&client, &barrier]() -> qsizetype {
        const QList<QJsonObject> messages = client.jsonMessages();
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (messages[i].value(u"type"_s).toString() == u"system_event"
                && messages[i].value(u"message"_s).toString() == barrier)
                return i;
        }
        return -1;
    };
    QDeadlineTimer deadline(10000);
    while (barrierIndex() < 0 && !deadline.hasExpired())
        QTest::qWait(5);
    const qsizetype end = barrierIndex();
    if (end < 0)
        qWarning("barrier %s never arrived", qPrintable(barrier));
    QList<QJsonObject> events;
    const QList<QJsonObject> messages = client.jsonMessages();
    for (qsizetype i = 0; i < end; ++i) {
        if (messages[i].value(u"type"_s).toString() == u"entity_event")
            events << messages[i];
    }
    return events;
}

void tst_DomainEvents::operationEmitsItsEvent_data()
{
    QTest::addColumn<Steps>("setup");
    QTest::addColumn<Step>("operation");
    QTest::addColumn<QString>("entityType");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("unrelated");

    const Step location {"POST", u"/api/v1/locations"_s, R"({"nombre":"Planta 1","latitud":40.4})"};
    const Step sensor {"POST", u"/api/v1/sensors"_s, R"({"tipo":"temperatura","modelo":"DHT22"})"};
    const Step reading {"POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":23.5})"};
    const Step anomaly {
        "POST", u"/api/v1/anomalies"_s, R"({"sensor_id":1,"valor":99,"severidad":"critical"})"};
    const Step prediction {
        "POST", u"/api/v1/predictions"_s, R"({"sensor_id":1,"horizonte":60,"valor_predicho":21})"};

    QTest::newRow("create location") << Steps {} << location << u"location"_s << u"created"_s
                                     << u"create_location"_s << u"locations"_s << u"sensors"_s;
    QTest::newRow("update location") << Steps {location}
                                     << Step {"PUT", u"/api/v1/locations/1"_s, R"({"nombre":"Planta 2"})"}
                                     << u"location"_s << u"updated"_s << u"update_location"_s
                                     << u"locations"_s << u"readings"_s;
    QTest::newRow("patch location") << Steps {location}
                                    << Step {"PATCH", u"/api/v1/locations/1"_s, R"({"descripcion":"Norte"})"}
                                    << u"location"_s << u"updated"_s << u"update_location"_s << u"locations"_s
                                    << u"anomalies"_s;
    QTest::newRow("delete location") << Steps {location} << Step {"DELETE", u"/api/v1/locations/1"_s, {}}
                                     << u"location"_s << u"deleted"_s << u"delete_location"_s
                                     << u"locations"_s << u"predictions"_s;
    QTest::newRow("create sensor") << Steps {} << sensor << u"sensor"_s << u"created"_s << u"create_sensor"_s
                                   << u"sensors"_s << u"locations"_s;
    QTest::newRow("patch sensor") << Steps {sensor}
                                  << Step {"PATCH", u"/api/v1/sensors/1"_s, R"({"activo":false})"}
                                  << u"sensor"_s << u"updated"_s << u"update_sensor"_s << u"sensors"_s
                                  << u"readings"_s;
    QTest::newRow("delete sensor") << Steps {sensor} << Step {"DELETE", u"/api/v1/sensors/1"_s, {}}
                                   << u"sensor"_s << u"deleted"_s << u"delete_sensor"_s << u"sensors"_s
                                   << u"locations"_s;
    QTest::newRow("create reading") << Steps {sensor} << reading << u"reading"_s << u"created"_s
                                    << u"create_reading"_s << u"readings"_s << u"sensors"_s;
    QTest::newRow("update reading") << Steps {sensor, reading}
                                    << Step {"PATCH", u"/api/v1/readings/1"_s, R"({"valor":24})"}
                                    << u"reading"_s << u"updated"_s << u"update_reading"_s << u"readings"_s
                                    << u"anomalies"_s;
    QTest::newRow("delete reading") << Steps {sensor, reading} << Step {"DELETE", u"/api/v1/readings/1"_s, {}}
                                    << u"reading"_s << u"deleted"_s << u"delete_reading"_s << u"readings"_s
                                    << u"predictions"_s;
    QTest::newRow("create anomaly") << Steps {sensor} << anomaly << u"anomaly"_s << u"created"_s
                                    << u"create_anomaly"_s << u"anomalies"_s << u"readings"_s;
    QTest::newRow("update anomaly") << Steps {sensor, anomaly}
                                    << Step {"PATCH", u"/api/v1/anomalies/1"_s, R"({"severidad":"info"})"}
                                    << u"anomaly"_s << u"updated"_s << u"update_anomaly"_s << u"anomalies"_s
                                    << u"sensors"_s;
    QTest::newRow("delete anomaly") << Steps {sensor, anomaly}
                                    << Step {"DELETE", u"/api/v1/anomalies/1"_s, {}} << u"anomaly"_s
                                    << u"deleted"_s << u"delete_anomaly"_s << u"anomalies"_s
                                    << u"predictions"_s;
    QTest::newRow("create prediction") << Steps {sensor} << prediction << u"prediction"_s << u"created"_s
                                       << u"create_prediction"_s << u"predictions"_s << u"anomalies"_s;
    QTest::newRow("update prediction")
        << Steps {sensor, prediction}
        << Step {"PUT", u"/api/v1/predictions/1"_s, R"({"sensor_id":1,"horizonte":120,"valor_predicho":22})"}
        << u"prediction"_s << u"updated"_s << u"update_prediction"_s << u"predictions"_s << u"readings"_s;
    QTest::newRow("delete prediction")
        << Steps {sensor, prediction} << Step {"DELETE", u"/api/v1/predictions/1"_s, {}} << u"prediction"_s
        << u"deleted"_s << u"delete_prediction"_s << u"predictions"_s << u"sensors"_s;
}

void tst_DomainEvents::operationEmitsItsEvent()
{
    QFETCH(Steps, setup);
    QFETCH(Step, operation);
    QFETCH(QString, entityType);
    QFETCH(QString, eventType);
    QFETCH(QString, action);
    QFETCH(QString, channel);
    QFETCH(QString, unrelated);
    for (const Step &step : setup)
        QVERIFY(send(step).status < 300);
    connectClients(channel, unrelated);

    const HttpResult result = send(operation);
    QVERIFY2(result.status == 200 || result.status == 201, result.body.constData());
    const QJsonObject entity = result.object();
    sendBarrier(channel, u"own"_s);
    sendBarrier(unrelated, u"unrelated"_s);

    const QList<QJsonObject> own = entityEventsBefore(*m_own, u"own"_s);
    QCOMPARE(own.size(), 1);
    const QJsonObject event = own.first();
    QCOMPARE(event.value(u"type"_s).toString(), u"entity_event"_s);
    QCOMPARE(event.value(u"entity_type"_s).toString(), entityType);
    QCOMPARE(event.value(u"event_type"_s).toString(), eventType);
    QCOMPARE(event.value(u"entity_id"_s).toInteger(), entity.value(u"id"_s).toInteger());
    QCOMPARE(event.value(u"data"_s).toObject(), entity);
    QCOMPARE(event.value(u"metadata"_s).toObject(), (QJsonObject {{u"action"_s, action}}));
    QVERIFY(event.value(u"timestamp"_s).toString().endsWith(u'Z'));
    QVERIFY(event.value(u"seq"_s).toInteger() > 0);

    // `general` gets the very same event (same bytes, same seq); the unrelated channel gets nothing.
    QCOMPARE(entityEventsBefore(*m_general, u"unrelated"_s), own);
    QCOMPARE(entityEventsBefore(*m_unrelated, u"unrelated"_s), QList<QJsonObject> {});
}

void tst_DomainEvents::batchEmitsOneEventPerReading()
{
    QVERIFY(send({"POST", u"/api/v1/sensors"_s, R"({"tipo":"t","modelo":"m"})"}).status == 201);
    QVERIFY(send({"POST", u"/api/v1/sensors"_s, R"({"tipo":"t","modelo":"m"})"}).status == 201);
    connectClients(u"readings"_s, u"sensors"_s);
    const HttpResult result = send({"POST", u"/api/v1/readings/batch"_s,
        R"([{"sensor_id":1,"valor":1},{"sensor_id":2,"valor":2},{"sensor_id":1,"valor":3,"timestamp":"2025-07-20T00:00:00Z"}])"});
    QCOMPARE(result.status, 201);
    const QJsonArray ids = result.object().value(u"ids"_s).toArray();
    sendBarrier(u"readings"_s, u"own"_s);
    sendBarrier(u"sensors"_s, u"unrelated"_s);

    const QList<QJsonObject> own = entityEventsBefore(*m_own, u"own"_s);
    QCOMPARE(own.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject stored
            = m_http.get(m_server->httpUrl(u"/api/v1/readings/%1"_s.arg(ids[i].toInt()))).object();
        QCOMPARE(own[i].value(u"entity_type"_s).toString(), u"reading"_s);
        QCOMPARE(own[i].value(u"event_type"_s).toString(), u"created"_s);
        QCOMPARE(own[i].value(u"data"_s).toObject(), stored);
        QCOMPARE(own[i].value(u"metadata"_s).toObject(),
            (QJsonObject {{u"action"_s, u"create_reading"_s}, {u"batch"_s, true}}));
        if (i > 0)
            QCOMPARE(own[i].value(u"seq"_s).toInteger(), own[i - 1].value(u"seq"_s).toInteger() + 1);
    }
    QCOMPARE(entityEventsBefore(*m_general, u"unrelated"_s), own);
    QCOMPARE(entityEventsBefore(*m_unrelated, u"unrelated"_s), QList<QJsonObject> {});
}

void tst_DomainEvents::failedRequestsEmitNothing_data()
{
    QTest::addColumn<Step>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("malformed json") << Step {"POST", u"/api/v1/readings"_s, R"({"sensor_id":1,)"} << 400;
    QTest::newRow("validation") << Step {"POST", u"/api/v1/locations"_s, R"({"nombre":"x","latitud":100})"}
                                << 422;
    QTest::newRow("unknown sensor") << Step {"POST", u"/api/v1/readings"_s, R"({"sensor_id":9,"valor":1})"}
                                    << 422;
    QTest::newRow("batch with one bad item") << Step {"POST", u"/api/v1/readings/batch"_s,
        R"([{"sensor_id":1,"valor":1},{"sensor_id":1,"valor":null}])"}
                                             << 422;
    QTest::newRow("batch with unknown sensor") << Step {"POST", u"/api/v1/readings/batch"_s,
        R"([{"sensor_id":1,"valor":1},{"sensor_id":9,"valor":1}])"}
                                               << 422;
    QTest::newRow("update unknown id")
        << Step {"PATCH", u"/api/v1/sensors/77"_s, R"({"activo":false})"} << 404;
    QTest::newRow("delete referenced sensor") << Step {"DELETE", u"/api/v1/sensors/1"_s, {}} << 409;
    QTest::newRow("patch out of range")
        << Step {"PATCH", u"/api/v1/sensors/1"_s, R"({"umbral_min":9,"umbral_max":1})"} << 422;
}

void tst_DomainEvents::failedRequestsEmitNothing()
{
    QFETCH(Step, request);
    QFETCH(int, status);
    QVERIFY(send({"POST", u"/api/v1/sensors"_s, R"({"tipo":"t","modelo":"m"})"}).status == 201);
    QVERIFY(send({"POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":1})"}).status == 201);
    connectClients(u"readings"_s, u"sensors"_s);
    const Snapshot snapshot = Snapshot::of(m_server->databasePath());
    QCOMPARE(send(request).status, status);
    sendBarrier(u"readings"_s, u"own"_s);
    sendBarrier(u"sensors"_s, u"unrelated"_s);
    QCOMPARE(entityEventsBefore(*m_own, u"own"_s), QList<QJsonObject> {});
    QCOMPARE(entityEventsBefore(*m_unrelated, u"unrelated"_s), QList<QJsonObject> {});
    QCOMPARE(entityEventsBefore(*m_general, u"unrelated"_s), QList<QJsonObject> {});
    // The two barriers are the only new rows of the outbox.
    Snapshot expected = snapshot;
    expected.counts.last() += 2;
    QCOMPARE(Snapshot::of(m_server->databasePath()), expected);
}

void tst_DomainEvents::eventsFollowCommitOrder()
{
    connectClients(u"sensors"_s, u"predictions"_s);
    const Steps steps = {
        {"POST", u"/api/v1/locations"_s, R"({"nombre":"A"})"},
        {"POST", u"/api/v1/sensors"_s, R"({"tipo":"t","modelo":"m","location_id":1})"},
        {"POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":1})"},
        {"PATCH", u"/api/v1/sensors/1"_s, R"({"unidad":"C"})"},
        {"POST", u"/api/v1/readings"_s, R"({"sensor_id":1,"valor":2})"},
        {"DELETE", u"/api/v1/readings/2"_s, {}},
    };
    for (const Step &step : steps)
        QVERIFY(send(step).status < 300);
    sendBarrier(u"predictions"_s, u"unrelated"_s);
    const QList<QJsonObject> all = entityEventsBefore(*m_general, u"unrelated"_s);
    QStringList sequence;
    for (qsizetype i = 0; i < all.size(); ++i) {
        sequence << all[i].value(u"metadata"_s).toObject().value(u"action"_s).toString();
        if (i > 0)
            QCOMPARE(all[i].value(u"seq"_s).toInteger(), all[i - 1].value(u"seq"_s).toInteger() + 1);
    }
    QCOMPARE(sequence,
        (QStringList {u"create_location"_s, u"create_sensor"_s, u"create_reading"_s, u"update_sensor"_s,
            u"create_reading"_s, u"delete_reading"_s}));
}

QTEST_GUILESS_MAIN(tst_DomainEvents)
#include "tst_domainevents.moc"
