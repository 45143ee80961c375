// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sensor domain's services without HTTP: one transaction per change, its events emitted only after
// commit and in seq order, nothing written or emitted on failure, references and deletes.
#include "services/anomalyservice.h"
#include "services/eventemitter.h"
#include "services/locationservice.h"
#include "services/predictionservice.h"
#include "services/readingservice.h"
#include "services/sensorservice.h"
#include "storage/database.h"
#include "storage/domainstores.h"
#include "storage/eventstore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

constexpr TimeMs Now = 1752969937123;

} // namespace

class tst_DomainServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createEmitsOneEventAfterCommit();
    void eventDataIsTheRestRepresentation();
    void updateAndPatchEmitUpdated();
    void deleteEmitsDeletedWithLastState();
    void validationFailureWritesAndEmitsNothing();
    void unknownReferencesAreRefused();
    void anomalyReadingMustBelongToSensor();
    void referencedEntitiesCannotBeDeleted();
    void unknownIdIsNotFound();
    void batchIsAllOrNothing();
    void batchEmitsOneEventPerReadingInOrder();
    void batchLimits();
    void batchIdsAndSeqsFollowSingleInserts();
    void typedApiValidatesToo();
    void storageFailureEmitsNothing();

private:
    qint64 count(const QString &table);
    QList<Event> events() const;
    Sensor makeSensor();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<EventEmitter> m_emitter;
    std::unique_ptr<ServiceContext> m_context;
    std::unique_ptr<DomainStores> m_stores;
    std::unique_ptr<LocationService> m_locations;
    std::unique_ptr<SensorService> m_sensors;
    std::unique_ptr<ReadingService> m_readings;
    std::unique_ptr<AnomalyService> m_anomalies;
    std::unique_ptr<PredictionService> m_predictions;
    std::unique_ptr<QSignalSpy> m_spy;
};

void tst_DomainServices::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>(u"domain-services"_s);
    QVERIFY(m_db->open(m_dir->filePath(u"services.db"_s)).ok());
    m_events = std::make_unique<EventStore>(*m_db);
    QVERIFY(m_events->load().ok());
    m_emitter = std::make_unique<EventEmitter>();
    m_context = std::make_unique<ServiceContext>(ServiceContext {*m_db, *m_events, *m_emitter});
    m_stores = std::make_unique<DomainStores>(*m_db);
    const domain::Clock clock = [] { return Now; };
    m_locations = std::make_unique<LocationService>(*m_context, *m_stores, clock);
    m_sensors = std::make_unique<SensorService>(*m_context, *m_stores, clock);
    m_readings = std::make_unique<ReadingService>(*m_context, *m_stores, clock);
    m_anomalies = std::make_unique<AnomalyService>(*m_context, *m_stores, clock);
    m_predictions = std::make_unique<PredictionService>(*m_context, *m_stores, clock);
    m_spy = std::make_unique<QSignalSpy>(m_emitter.get(), &EventEmitter::eventEmitted);
}

void tst_DomainServices::cleanup()
{
    m_spy.reset();
    m_predictions.reset();
    m_anomalies.reset();
    m_readings.reset();
    m_sensors.reset();
    m_locations.reset();
    if (m_stores)
        m_stores->reset();
    m_stores.reset();
    m_context.reset();
    m_emitter.reset();
    m_events.reset();
    m_db.reset();
    m_dir.reset();
}

qint64 tst_DomainServices::count(const QString &table)
{
    QSqlQuery query(m_db->handle());
    if (!query.exec(u"SELECT COUNT(*) FROM "_s + table) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<Event> tst_DomainServices::events() const
{
    QList<Event> out;
    for (const QList<QVariant> &args : std::as_const(*m_spy))
        out << args.first().value<Event>();
    return out;
}

Sensor tst_DomainServices::makeSensor()
{
    Result<Sensor> sensor = m_sensors->create(object(R"({"tipo":"temperatura","modelo":"DHT22"})"));
    return sensor ? *sensor : Sensor {};
}

void tst_DomainServices::createEmitsOneEventAfterCommit()
{
    // The emitter is called only after COMMIT: a listener sees the row from a second connection.
    bool committedBeforeEmit = false;
    const QString path = m_db->path();
    connect(m_emitter.get(), &EventEmitter::eventEmitted, this, [&](const Event &) {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"observer"_s);
        other.setDatabaseName(path);
        if (other.open()) {
            QSqlQuery query(other);
            committedBeforeEmit = query.exec(u"SELECT COUNT(*) FROM locations"_s) && query.next()
                && query.value(0).toInt() == 1;
        }
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"observer"_s);
    });
    Result<Location> created = m_locations->create(object(R"({"nombre":"Planta 1"})"));
    QVERIFY(created.ok());
    QCOMPARE(m_spy->size(), 1);
    QVERIFY(committedBeforeEmit);
    const Event event = events().first();
    QCOMPARE(event.channel(), Channel::Locations);
    QCOMPARE(event.draft().entityType, u"location"_s);
    QCOMPARE(event.draft().eventType, EventType::Created);
    QCOMPARE(event.draft().entityId, std::optional<qint64>(created->id));
    QCOMPARE(event.draft().metadata, (QJsonObject {{u"action"_s, u"create_location"_s}}));
    QCOMPARE(event.seq(), m_events->lastSeq());
}

void tst_DomainServices::eventDataIsTheRestRepresentation()
{
    const Sensor sensor = makeSensor();
    Result<Reading> reading = m_readings->create(object(R"({"sensor_id":1,"valor":23.5})"));
    QVERIFY(reading.ok());
    Result<Anomaly> anomaly = m_anomalies->create(object(R"({"sensor_id":1,"reading_id":1,"valor":23.5})"));
    QVERIFY(anomaly.ok());
    Result<Prediction> prediction
        = m_predictions->create(object(R"({"sensor_id":1,"horizonte":60,"valor_predicho":24})"));
    QVERIFY(prediction.ok());
    const QList<Event> all = events();
    QCOMPARE(all.size(), 4);
    QCOMPARE(all[0].data(), sensor.toJson());
    QCOMPARE(all[1].data(), reading->toJson());
    QCOMPARE(all[2].data(), anomaly->toJson());
    QCOMPARE(all[3].data(), prediction->toJson());
    QCOMPARE(all[1].channel(), Channel::Readings);
    QCOMPARE(all[2].channel(), Channel::Anomalies);
    QCOMPARE(all[3].channel(), Channel::Predictions);
    QCOMPARE(all[2].draft().metadata.value(u"action"_s).toString(), u"create_anomaly"_s);
    QCOMPARE(all[3].draft().metadata.value(u"action"_s).toString(), u"create_prediction"_s);
    // Committed seqs have no gaps.
    for (qsizetype i = 1; i < all.size(); ++i)
        QCOMPARE(all[i].seq(), all[i - 1].seq() + 1);
    // The stored payload is the emitted JSON.
    QCOMPARE(m_events->readAfter(all[0].seq() - 1, {}, 10)->first(), all[0].json());
}

void tst_DomainServices::updateAndPatchEmitUpdated()
{
    const Sensor sensor = makeSensor();
    m_spy->clear();
    Result<Sensor> patched = m_sensors->update(sensor.id, object(R"({"activo":false})"), WriteMode::Patch);
    QVERIFY(patched.ok());
    QCOMPARE(patched->modelo, u"DHT22"_s);
    QCOMPARE(patched->activo, false);
    Result<Sensor> replaced
        = m_sensors->update(sensor.id, object(R"({"tipo":"humedad","modelo":"SHT31"})"), WriteMode::Replace);
    QVERIFY(replaced.ok());
    QCOMPARE(replaced->activo, true);
    QCOMPARE(replaced->createdAt, sensor.createdAt);
    const QList<Event> all = events();
    QCOMPARE(all.size(), 2);
    for (const Event &e : all) {
        QCOMPARE(e.draft().eventType, EventType::Updated);
        QCOMPARE(e.draft().metadata.value(u"action"_s).toString(), u"update_sensor"_s);
    }
    QCOMPARE(all[0].data(), patched->toJson());
    QCOMPARE(all[1].data(), replaced->toJson());
    QCOMPARE(m_sensors->get(sensor.id)->toJson(), replaced->toJson());
}

void tst_DomainServices::deleteEmitsDeletedWithLastState()
{
    Result<Location> location = m_locations->create(object(R"({"nombre":"X","latitud":1})"));
    m_spy->clear();
    Result<Location> removed = m_locations->remove(location->id);
    QVERIFY(removed.ok());
    QCOMPARE(removed->toJson(), location->toJson());
    QCOMPARE(m_spy->size(), 1);
    QCOMPARE(events().first().draft().eventType, EventType::Deleted);
    QCOMPARE(events().first().data(), location->toJson());
    QCOMPARE(events().first().draft().metadata.value(u"action"_s).toString(), u"delete_location"_s);
    QCOMPARE(count(u"locations"_s), 0);
}

void tst_DomainServices::validationFailureWritesAndEmitsNothing()
{
    makeSensor();
    const qint64 seq = m_events->lastSeq();
    const qint64 eventRows = count(u"events"_s);
    m_spy->clear();
    QVERIFY(!m_locations->create(object(R"({"nombre":"X","latitud":95})")).ok());
    QVERIFY(!m_sensors->create(object(R"({"tipo":"t"})")).ok());
    QVERIFY(!m_readings->create(object(R"({"sensor_id":1,"valor":"x"})")).ok());
    QVERIFY(!m_sensors->update(1, object(R"({"umbral_min":10,"umbral_max":5})"), WriteMode::Patch).ok());
    QVERIFY(!m_predictions->create(object(R"({"sensor_id":1,"horizonte":-5,"valor_predicho":1})")).ok());
    QCOMPARE(m_spy->size(), 0);
    QCOMPARE(m_events->lastSeq(), seq);
    QCOMPARE(count(u"events"_s), eventRows);
    QCOMPARE(count(u"locations"_s), 0);
    QCOMPARE(count(u"sensors"_s), 1);
    QCOMPARE(count(u"readings"_s), 0);
    QCOMPARE(count(u"predictions"_s), 0);
    QVERIFY(!m_sensors->get(1)->umbralMin);
}

void tst_DomainServices::unknownReferencesAreRefused()
{
    const auto expectUnknown = [](const Error &error, const QString &field) {
        QCOMPARE(error.kind, ErrorKind::Validation);
        QCOMPARE(error.code, u"unknown_reference"_s);
        QCOMPARE(error.details.first().toObject().value(u"field"_s).toString(), field);
    };
    Result<Sensor> sensor = m_sensors->create(object(R"({"tipo":"t","modelo":"m","location_id":77})"));
    QVERIFY(!sensor.ok());
    expectUnknown(sensor.error(), u"location_id"_s);
    Result<Reading> reading = m_readings->create(object(R"({"sensor_id":99,"valor":1})"));
    QVERIFY(!reading.ok());
    expectUnknown(reading.error(), u"sensor_id"_s);
    QVERIFY2(reading.error().message.contains(u"99"_s), qPrintable(reading.error().message));
    makeSensor();
    Result<Anomaly> anomaly = m_anomalies->create(object(R"({"sensor_id":1,"reading_id":5,"valor":1})"));
    QVERIFY(!anomaly.ok());
    expectUnknown(anomaly.error(), u"reading_id"_s);
    // Moving a sensor to a missing location is refused the same way.
    Result<Sensor> moved = m_sensors->update(1, object(R"({"location_id":3})"), WriteMode::Patch);
    QVERIFY(!moved.ok());
    expectUnknown(moved.error(), u"location_id"_s);
    QCOMPARE(m_spy->size(), 1); // the one sensor
    QCOMPARE(count(u"readings"_s), 0);
    QCOMPARE(count(u"anomalies"_s), 0);
}

void tst_DomainServices::anomalyReadingMustBelongToSensor()
{
    makeSensor();
    makeSensor();
    QVERIFY(m_readings->create(object(R"({"sensor_id":1,"valor":1})")).ok());
    Result<Anomaly> anomaly = m_anomalies->create(object(R"({"sensor_id":2,"reading_id":1,"valor":1})"));
    QVERIFY(!anomaly.ok());
    QCOMPARE(anomaly.error().kind, ErrorKind::Validation);
    QCOMPARE(anomaly.error().details.first().toObject().value(u"field"_s).toString(), u"reading_id"_s);
    QVERIFY(m_anomalies->create(object(R"({"sensor_id":1,"reading_id":1,"valor":1})")).ok());
}

void tst_DomainServices::referencedEntitiesCannotBeDeleted()
{
    Result<Location> location = m_locations->create(object(R"({"nombre":"L"})"));
    Result<Sensor> sensor = m_sensors->create(object(R"({"tipo":"t","modelo":"m","location_id":1})"));
    QVERIFY(sensor.ok());
    Result<Reading> reading = m_readings->create(object(R"({"sensor_id":1,"valor":1})"));
    QVERIFY(m_anomalies->create(object(R"({"sensor_id":1,"reading_id":1,"valor":1})")).ok());
    QVERIFY(m_predictions->create(object(R"({"sensor_id":1,"horizonte":1,"valor_predicho":1})")).ok());
    m_spy->clear();

    const Result<Location> l = m_locations->remove(location->id);
    QVERIFY(!l.ok());
    QCOMPARE(l.error().kind, ErrorKind::Conflict);
    QCOMPARE(l.error().code, u"still_referenced"_s);
    const Result<Sensor> s = m_sensors->remove(sensor->id);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Conflict);
    for (const QString &word : {u"readings"_s, u"anomalies"_s, u"predictions"_s})
        QVERIFY2(s.error().message.contains(word), qPrintable(s.error().message));
    const Result<Reading> r = m_readings->remove(reading->id);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QCOMPARE(m_spy->size(), 0);

    // Removing the dependents, newest first, frees each in turn.
    QVERIFY(m_anomalies->remove(1).ok());
    QVERIFY(m_predictions->remove(1).ok());
    QVERIFY(m_readings->remove(1).ok());
    QVERIFY(m_sensors->remove(1).ok());
    QVERIFY(m_locations->remove(1).ok());
    QCOMPARE(m_spy->size(), 5);
}

void tst_DomainServices::unknownIdIsNotFound()
{
    for (const Error &error :
        {m_locations->get(5).error(), m_sensors->update(5, {}, WriteMode::Patch).error(),
            m_readings->remove(5).error(), m_anomalies->get(5).error(), m_predictions->remove(5).error()}) {
        QCOMPARE(error.kind, ErrorKind::NotFound);
        QCOMPARE(error.code, u"not_found"_s);
        QVERIFY(error.message.contains(u"5"_s));
    }
    QCOMPARE(m_spy->size(), 0);
}

void tst_DomainServices::batchIsAllOrNothing()
{
    makeSensor();
    m_spy->clear();
    const qint64 seq = m_events->lastSeq();
    // Item 2 has a bad value, item 3 a missing sensor: nothing is stored.
    QJsonArray items {object(R"({"sensor_id":1,"valor":1})"), object(R"({"sensor_id":1,"valor":2})"),
        object(R"({"sensor_id":1,"valor":"three"})"), object(R"({"sensor_id":1,"valor":4})")};
    Result<QList<Reading>> bad = m_readings->createBatch(items);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, u"validation_failed"_s);
    QCOMPARE(bad.error().details.size(), 1);
    QCOMPARE(bad.error().details.first().toObject().value(u"field"_s).toString(), u"[2].valor"_s);

    items[2] = object(R"({"sensor_id":77,"valor":3})");
    items.append(u"not an object"_s);
    bad = m_readings->createBatch(items);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().details.first().toObject().value(u"field"_s).toString(), u"[4]"_s);

    items.removeLast();
    bad = m_readings->createBatch(items);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, u"unknown_reference"_s);
    QCOMPARE(bad.error().details.first().toObject().value(u"field"_s).toString(), u"[2].sensor_id"_s);

    QCOMPARE(count(u"readings"_s), 0);
    QCOMPARE(m_spy->size(), 0);
    QCOMPARE(m_events->lastSeq(), seq);
}

void tst_DomainServices::batchEmitsOneEventPerReadingInOrder()
{
    makeSensor();
    makeSensor();
    m_spy->clear();
    QJsonArray items;
    for (int i = 0; i < 50; ++i)
        items.append(QJsonObject {{u"sensor_id"_s, 1 + i % 2}, {u"valor"_s, i}});
    Result<QList<Reading>> stored = m_readings->createBatch(items);
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 50);
    QCOMPARE(m_spy->size(), 50);
    const QList<Event> all = events();
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(all[i].draft().entityId, std::optional<qint64>(stored->at(i).id));
        QCOMPARE(all[i].data(), stored->at(i).toJson());
        QCOMPARE(all[i].data().value(u"valor"_s).toInt(), i);
        QCOMPARE(
            all[i].draft().metadata, (QJsonObject {{u"action"_s, u"create_reading"_s}, {u"batch"_s, true}}));
        if (i > 0)
            QCOMPARE(all[i].seq(), all[i - 1].seq() + 1);
    }
    QCOMPARE(count(u"readings"_s), 50);
}

void tst_DomainServices::batchLimits()
{
    makeSensor();
    m_spy->clear();
    QJsonArray tooMany;
    for (qsizetype i = 0; i <= ReadingService::MaxBatchSize; ++i)
        tooMany.append(QJsonObject {{u"sensor_id"_s, 1}, {u"valor"_s, 1}});
    Result<QList<Reading>> result = m_readings->createBatch(tooMany);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::PayloadTooLarge);
    QCOMPARE(result.error().code, u"batch_too_large"_s);
    result = m_readings->createBatch(QJsonArray {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Validation);
    tooMany.removeLast();
    result = m_readings->createBatch(tooMany);
    QVERIFY(result.ok());
    QCOMPARE(count(u"readings"_s), ReadingService::MaxBatchSize);
    QCOMPARE(m_spy->size(), ReadingService::MaxBatchSize);
}

void tst_DomainServices::typedApiValidatesToo()
{
    Location location;
    location.nombre = u"Consola"_s;
    location.latitud = 123;
    Result<Location> created = m_locations->create(location);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().details.first().toObject().value(u"field"_s).toString(), u"latitud"_s);
    location.latitud = 12;
    location.id = 555; // ignored: ids are the server's
    created = m_locations->create(location);
    QVERIFY(created.ok());
    QCOMPARE(created->id, 1);
    QCOMPARE(created->createdAt, Now);
    Location changed = *created;
    changed.nombre = u"Renombrada"_s;
    QVERIFY(m_locations->update(changed).ok());
    QCOMPARE(m_locations->get(1)->nombre, u"Renombrada"_s);
    QCOMPARE(m_spy->size(), 2);
}

void tst_DomainServices::storageFailureEmitsNothing()
{
    makeSensor();
    m_spy->clear();
    // A trigger makes the reading insert fail inside the transaction, after the checks passed.
    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(
        u"CREATE TRIGGER refuse BEFORE INSERT ON readings BEGIN SELECT RAISE(ABORT, 'no'); END"_s));
    const qint64 seq = m_events->lastSeq();
    QVERIFY(!m_readings->create(object(R"({"sensor_id":1,"valor":1})")).ok());
    QVERIFY(!m_readings->createBatch(QJsonArray {object(R"({"sensor_id":1,"valor":1})")}).ok());
    QCOMPARE(m_spy->size(), 0);
    QCOMPARE(m_events->lastSeq(), seq);
    QVERIFY(query.exec(u"DROP TRIGGER refuse"_s));
    // The next change gets the next seq: nothing was lost or skipped.
    QVERIFY(m_readings->create(object(R"({"sensor_id":1,"valor":1})")).ok());
    QCOMPARE(events().first().seq(), seq + 1);
}

void tst_DomainServices::batchIdsAndSeqsFollowSingleInserts()
{
    // A batch is written with multi-row statements: its ids and seqs must be those one insert at a time
    // would give (AUTOINCREMENT: never a deleted id again), all or nothing, in the items' order.
    makeSensor();
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_readings->create(object(R"({"sensor_id":1,"valor":1})")).ok());
    QVERIFY(m_readings->remove(3).ok());
    m_spy->clear();
    const qint64 seqBefore = m_events->lastSeq();

    const auto batchOf = [](int size, int badAt) {
        QJsonArray items;
        for (int i = 0; i < size; ++i)
            items.append(QJsonObject {{u"sensor_id"_s, 1}, {u"valor"_s, i == badAt ? 777 : i}});
        return items;
    };
    // A batch that fails in its third statement (rows 128..143) leaves nothing behind.
    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON readings WHEN NEW.valor = 777 "
                       "BEGIN SELECT RAISE(ABORT, 'no'); END"_s));
    QVERIFY(!m_readings->createBatch(batchOf(150, 130)).ok());
    QVERIFY(query.exec(u"DROP TRIGGER refuse"_s));
    QCOMPARE(m_spy->size(), 0);
    QCOMPARE(m_events->lastSeq(), seqBefore);
    QCOMPARE(count(u"readings"_s), 2);

    // 150 = 64 + 64 + 16 + 4 + 1 + 1 rows per statement.
    Result<QList<Reading>> stored = m_readings->createBatch(batchOf(150, -1));
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 150);
    const QList<Event> all = events();
    QCOMPARE(all.size(), 150);
    for (int i = 0; i < 150; ++i) {
        QCOMPARE(stored->at(i).id, 4 + i); // 3 was deleted and is not reused
        QCOMPARE(m_readings->get(4 + i)->toJson(), stored->at(i).toJson());
        QCOMPARE(all[i].seq(), seqBefore + 1 + i);
        QCOMPARE(all[i].draft().entityId, std::optional<qint64>(4 + i));
        QCOMPARE(all[i].data(), stored->at(i).toJson());
    }
    QCOMPARE(count(u"readings"_s), 152);
    QCOMPARE(m_readings->create(object(R"({"sensor_id":1,"valor":1})"))->id, 154);
    QCOMPARE(events().last().seq(), seqBefore + 151);
}

QTEST_GUILESS_MAIN(tst_DomainServices)
#include "tst_domainservices.moc"
