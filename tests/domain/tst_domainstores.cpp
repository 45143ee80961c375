// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sensor domain's stores on a temporary SQLite file: schema, CRUD, filters, order, paging, reopen.
#include "storage/database.h"
#include "storage/domainstores.h"
#include "storage/migrations.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pulso;

class tst_DomainStores : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void schemaHasDomainTables();
    void upgradesVersionOneDatabase();
    void locationRoundTrip();
    void sensorRoundTripAndFilters();
    void readingSeriesOrderAndRange();
    void pagingReportsHasMore();
    void anomalyAndPredictionRoundTrip();
    void referencesAreTracked();
    void foreignKeysBackTheServices();
    void textIsStoredVerbatim();
    void rollbackWritesNothing();
    void dataSurvivesReopen();
    void preparedStatementsAreReused();
    void sensorCacheFollowsWrites();
    void sensorCacheIgnoresUncommittedRows();
    void sensorCacheIsDroppedOnReopen();

private:
    QString dbPath() const { return m_dir->filePath(u"domain.db"_s); }
    Sensor addSensor(const QString &tipo = u"temperatura"_s, std::optional<qint64> locationId = {});
    Reading addReading(qint64 sensorId, double valor, TimeMs timestamp);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DomainStores> m_stores;
};

void tst_DomainStores::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>(u"domain-stores"_s);
    QVERIFY(m_db->open(dbPath()).ok());
    m_stores = std::make_unique<DomainStores>(*m_db);
}

void tst_DomainStores::cleanup()
{
    if (m_stores)
        m_stores->reset();
    m_stores.reset();
    m_db.reset();
    m_dir.reset();
}

Sensor tst_DomainStores::addSensor(const QString &tipo, std::optional<qint64> locationId)
{
    Sensor sensor;
    sensor.tipo = tipo;
    sensor.modelo = u"DHT22"_s;
    sensor.locationId = locationId;
    sensor.createdAt = sensor.updatedAt = 1000;
    Result<Sensor> stored = m_stores->sensors.insert(sensor);
    if (!stored)
        qWarning("insert sensor: %s", qPrintable(stored.error().message));
    return stored ? *stored : Sensor {};
}

Reading tst_DomainStores::addReading(qint64 sensorId, double valor, TimeMs timestamp)
{
    Reading reading;
    reading.sensorId = sensorId;
    reading.valor = valor;
    reading.timestamp = timestamp;
    reading.createdAt = 5;
    if (Status s = m_stores->readings.insert(reading); !s)
        qWarning("insert reading: %s", qPrintable(s.error().message));
    return reading;
}

void tst_DomainStores::schemaHasDomainTables()
{
    QCOMPARE(m_db->schemaVersion(), migrations().constLast().version);
    QVERIFY(m_db->schemaVersion() >= 2);
    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s));
    QStringList tables;
    while (query.next())
        tables << query.value(0).toString();
    for (const QString &table :
        {u"locations"_s, u"sensors"_s, u"readings"_s, u"anomalies"_s, u"predictions"_s, u"events"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));
    // The filters have indexes.
    QVERIFY(
        query.exec(u"SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"_s));
    QStringList indexes;
    while (query.next())
        indexes << query.value(0).toString();
    for (const QString &index : {u"sensors_location"_s, u"sensors_tipo"_s, u"readings_sensor_ts"_s,
             u"readings_ts"_s, u"anomalies_sensor_detected"_s, u"predictions_sensor_created"_s})
        QVERIFY2(indexes.contains(index), qPrintable(index));
}

void tst_DomainStores::upgradesVersionOneDatabase()
{
    cleanup();
    m_dir = std::make_unique<QTemporaryDir>();
    // A database as the foundation release left it: schema version 1 with one event.
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        raw.setDatabaseName(dbPath());
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY(query.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
        for (const QString &statement : migrations().constFirst().statements)
            QVERIFY2(query.exec(statement), qPrintable(statement));
        QVERIFY(query.exec(u"INSERT INTO schema_version VALUES (1)"_s));
        QVERIFY(
            query.exec(u"INSERT INTO events (channel, created_at, payload) VALUES ('general', 'x', '{}')"_s));
        query.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"v1"_s);

    m_db = std::make_unique<Database>(u"domain-stores"_s);
    QVERIFY(m_db->open(dbPath()).ok());
    QCOMPARE(m_db->schemaVersion(), migrations().constLast().version);
    m_stores = std::make_unique<DomainStores>(*m_db);
    QVERIFY(addSensor().id > 0);
    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM events"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void tst_DomainStores::locationRoundTrip()
{
    Location location;
    location.nombre = u"Planta 1"_s;
    location.latitud = 40.4168;
    location.longitud = -3.7038;
    location.createdAt = location.updatedAt = 1752969937123;
    Result<Location> stored = m_stores->locations.insert(location);
    QVERIFY(stored.ok());
    QCOMPARE(stored->id, 1);
    Result<std::optional<Location>> found = m_stores->locations.find(stored->id);
    QVERIFY(found.ok() && found->has_value());
    QCOMPARE((*found)->toJson(), stored->toJson());
    QVERIFY(!(*found)->descripcion);

    Location changed = **found;
    changed.descripcion = u"Segunda planta"_s;
    changed.latitud.reset();
    changed.updatedAt = 1752969999999;
    QVERIFY(m_stores->locations.update(changed).ok());
    found = m_stores->locations.find(stored->id);
    QCOMPARE((*found)->descripcion, std::optional<QString>(u"Segunda planta"_s));
    QVERIFY(!(*found)->latitud);
    QCOMPARE((*found)->createdAt, 1752969937123);
    QCOMPARE((*found)->updatedAt, 1752969999999);

    changed.id = 999;
    const Status missing = m_stores->locations.update(changed);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);

    QVERIFY(m_stores->locations.remove(stored->id).ok());
    QVERIFY(!m_stores->locations.find(stored->id)->has_value());
    QCOMPARE(*m_stores->locations.exists(stored->id), false);
}

void tst_DomainStores::sensorRoundTripAndFilters()
{
    Location location;
    location.nombre = u"L"_s;
    const qint64 l1 = m_stores->locations.insert(location)->id;
    const qint64 l2 = m_stores->locations.insert(location)->id;
    const Sensor a = addSensor(u"temperatura"_s, l1);
    const Sensor b = addSensor(u"humedad"_s, l1);
    const Sensor c = addSensor(u"temperatura"_s, l2);
    const Sensor d = addSensor(u"temperatura"_s);
    QVERIFY(a.id && b.id && c.id && d.id);

    const auto ids = [this](const SensorFilter &filter) {
        QList<qint64> out;
        const Result<Page<Sensor>> page = m_stores->sensors.list(filter, PageRequest {});
        for (const Sensor &s : page->items)
            out << s.id;
        return out;
    };
    QCOMPARE(ids({}), (QList<qint64> {a.id, b.id, c.id, d.id}));
    QCOMPARE(ids({l1, {}}), (QList<qint64> {a.id, b.id}));
    QCOMPARE(ids({{}, u"temperatura"_s}), (QList<qint64> {a.id, c.id, d.id}));
    QCOMPARE(ids({l1, u"temperatura"_s}), (QList<qint64> {a.id}));
    QCOMPARE(ids({l2, u"humedad"_s}), QList<qint64> {});

    Sensor changed = *m_stores->sensors.find(b.id).value();
    QCOMPARE(changed.locationId, std::optional<qint64>(l1));
    QCOMPARE(changed.activo, true);
    changed.activo = false;
    changed.umbralMin = -10.5;
    changed.umbralMax = 45;
    changed.unidad = u"°C"_s;
    changed.locationId.reset();
    QVERIFY(m_stores->sensors.update(changed).ok());
    const Sensor reread = *m_stores->sensors.find(b.id).value();
    QCOMPARE(reread.toJson(), changed.toJson());
}

void tst_DomainStores::readingSeriesOrderAndRange()
{
    const qint64 s1 = addSensor().id;
    const qint64 s2 = addSensor().id;
    // Inserted out of time order; ties at t=300 are broken by id, newest first.
    const Reading r1 = addReading(s1, 1, 200);
    const Reading r2 = addReading(s1, 2, 100);
    const Reading r3 = addReading(s2, 3, 300);
    const Reading r4 = addReading(s1, 4, 300);
    const Reading r5 = addReading(s1, 5, 400);

    const auto ids = [this](const SeriesFilter &filter) {
        QList<qint64> out;
        const Result<Page<Reading>> page = m_stores->readings.list(filter, PageRequest {});
        for (const Reading &r : page->items)
            out << r.id;
        return out;
    };
    QCOMPARE(ids({}), (QList<qint64> {r5.id, r4.id, r3.id, r1.id, r2.id}));
    QCOMPARE(ids({s1, {}, {}}), (QList<qint64> {r5.id, r4.id, r1.id, r2.id}));
    // [from, to): from inclusive, to exclusive.
    QCOMPARE(ids({{}, 200, 400}), (QList<qint64> {r4.id, r3.id, r1.id}));
    QCOMPARE(ids({s1, 300, {}}), (QList<qint64> {r5.id, r4.id}));
    QCOMPARE(ids({s2, {}, 300}), QList<qint64> {});

    Reading changed = r2;
    changed.valor = 22.25;
    changed.timestamp = 500;
    QVERIFY(m_stores->readings.update(changed).ok());
    QCOMPARE(ids({s1, {}, {}}).first(), r2.id);
    const Reading reread = *m_stores->readings.find(r2.id).value();
    QCOMPARE(reread.valor, 22.25);
    QCOMPARE(reread.createdAt, 5);
    QVERIFY(m_stores->readings.remove(r2.id).ok());
    QVERIFY(!m_stores->readings.find(r2.id)->has_value());
}

void tst_DomainStores::pagingReportsHasMore()
{
    const qint64 sensor = addSensor().id;
    for (int i = 0; i < 25; ++i)
        addReading(sensor, i, 1000 + i);
    Result<Page<Reading>> first = m_stores->readings.list({}, PageRequest {10, 0});
    QVERIFY(first.ok());
    QCOMPARE(first->items.size(), 10);
    QVERIFY(first->hasMore);
    QCOMPARE(first->items.first().valor, 24.0);
    Result<Page<Reading>> last = m_stores->readings.list({}, PageRequest {10, 20});
    QCOMPARE(last->items.size(), 5);
    QVERIFY(!last->hasMore);
    QCOMPARE(last->items.last().valor, 0.0);
    Result<Page<Reading>> exact = m_stores->readings.list({}, PageRequest {25, 0});
    QCOMPARE(exact->items.size(), 25);
    QVERIFY(!exact->hasMore);
    Result<Page<Reading>> beyond = m_stores->readings.list({}, PageRequest {10, 100});
    QVERIFY(beyond->items.isEmpty());
    QVERIFY(!beyond->hasMore);
}

void tst_DomainStores::anomalyAndPredictionRoundTrip()
{
    const qint64 sensor = addSensor().id;
    const Reading reading = addReading(sensor, 99, 100);
    Anomaly anomaly;
    anomaly.sensorId = sensor;
    anomaly.readingId = reading.id;
    anomaly.valor = 99;
    anomaly.score = 4.5;
    anomaly.severidad = Severity::Critical;
    anomaly.descripcion = u"pico"_s;
    anomaly.detectedAt = 150;
    anomaly.createdAt = 160;
    Result<Anomaly> storedAnomaly = m_stores->anomalies.insert(anomaly);
    QVERIFY(storedAnomaly.ok());
    QCOMPARE(m_stores->anomalies.find(storedAnomaly->id)->value().toJson(), storedAnomaly->toJson());
    QCOMPARE(m_stores->anomalies.list({sensor, 150, 151}, {})->items.size(), 1);
    QCOMPARE(m_stores->anomalies.list({sensor, 151, {}}, {})->items.size(), 0);

    Prediction prediction;
    prediction.sensorId = sensor;
    prediction.horizonte = 3600;
    prediction.valorPredicho = 21.5;
    prediction.intervaloInferior = 20;
    prediction.intervaloSuperior = 23;
    prediction.modelo = u"holt-winters"_s;
    prediction.createdAt = 170;
    Result<Prediction> storedPrediction = m_stores->predictions.insert(prediction);
    QVERIFY(storedPrediction.ok());
    QCOMPARE(m_stores->predictions.find(storedPrediction->id)->value().toJson(), storedPrediction->toJson());
    Prediction changed = *storedPrediction;
    changed.intervaloInferior.reset();
    changed.horizonte = 60;
    QVERIFY(m_stores->predictions.update(changed).ok());
    QCOMPARE(m_stores->predictions.find(changed.id)->value().toJson(), changed.toJson());
    QCOMPARE(m_stores->predictions.list({sensor, {}, {}}, {})->items.size(), 1);
}

void tst_DomainStores::referencesAreTracked()
{
    Location location;
    location.nombre = u"L"_s;
    const qint64 l = m_stores->locations.insert(location)->id;
    const qint64 s = addSensor(u"t"_s, l).id;
    QCOMPARE(*m_stores->sensors.anyAtLocation(l), true);
    QCOMPARE(*m_stores->readings.anyForSensor(s), false);
    const Reading r = addReading(s, 1, 1);
    QCOMPARE(*m_stores->readings.anyForSensor(s), true);
    QCOMPARE(*m_stores->anomalies.anyForReading(r.id), false);
    Anomaly anomaly;
    anomaly.sensorId = s;
    anomaly.readingId = r.id;
    QVERIFY(m_stores->anomalies.insert(anomaly).ok());
    QCOMPARE(*m_stores->anomalies.anyForReading(r.id), true);
    QCOMPARE(*m_stores->anomalies.anyForSensor(s), true);
    QCOMPARE(*m_stores->predictions.anyForSensor(s), false);
}

void tst_DomainStores::foreignKeysBackTheServices()
{
    // Even if a caller skipped the service's checks, SQLite refuses a dangling reference.
    Reading orphan;
    orphan.sensorId = 4242;
    const Status s = m_stores->readings.insert(orphan);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Conflict);
    const qint64 sensor = addSensor().id;
    addReading(sensor, 1, 1);
    const Status removed = m_stores->sensors.remove(sensor);
    QVERIFY(!removed.ok());
    QCOMPARE(removed.error().kind, ErrorKind::Conflict);
    QVERIFY(m_stores->sensors.find(sensor)->has_value());
}

void tst_DomainStores::textIsStoredVerbatim()
{
    Location location;
    location.nombre = u"Robert'); DROP TABLE locations; --"_s;
    location.descripcion = u"Ñandú 温度 🌡️ \"quoted\" \\ back"_s;
    Result<Location> stored = m_stores->locations.insert(location);
    QVERIFY(stored.ok());
    const Location reread = *m_stores->locations.find(stored->id).value();
    QCOMPARE(reread.nombre, location.nombre);
    QCOMPARE(reread.descripcion, location.descripcion);
    QCOMPARE(m_stores->locations.list({})->items.size(), 1);
    // A filter value is bound, not spliced into the SQL.
    QCOMPARE(m_stores->sensors.list({{}, u"x' OR '1'='1"_s}, {})->items.size(), 0);
}

void tst_DomainStores::rollbackWritesNothing()
{
    {
        Transaction tx(*m_db);
        QVERIFY(addSensor().id > 0);
        QCOMPARE(m_stores->sensors.list({}, {})->items.size(), 1);
    }
    QCOMPARE(m_stores->sensors.list({}, {})->items.size(), 0);
}

void tst_DomainStores::dataSurvivesReopen()
{
    const qint64 sensor = addSensor().id;
    const Reading reading = addReading(sensor, 12.5, 777);
    m_stores->reset();
    m_db->close();
    QVERIFY(m_db->open(dbPath()).ok());
    const std::optional<Reading> reread = m_stores->readings.find(reading.id).value();
    QVERIFY(reread);
    QCOMPARE(reread->valor, 12.5);
    QCOMPARE(reread->timestamp, 777);
    // Ids are never reused, even for the newest row once deleted (AUTOINCREMENT).
    QVERIFY(m_stores->readings.remove(reading.id).ok());
    QCOMPARE(addReading(sensor, 1, 1).id, reading.id + 1);
}

void tst_DomainStores::preparedStatementsAreReused()
{
    const qint64 sensor = addSensor().id;
    // Many inserts and lookups through the same prepared statements keep working and stay consistent.
    for (int i = 0; i < 200; ++i) {
        const Reading r = addReading(sensor, i, i);
        QCOMPARE(m_stores->readings.find(r.id)->value().valor, double(i));
        QVERIFY(*m_stores->sensors.exists(sensor));
    }
    QCOMPARE(m_stores->readings.list({sensor, {}, {}}, PageRequest {1000, 0})->items.size(), 200);
}

void tst_DomainStores::sensorCacheFollowsWrites()
{
    Sensor sensor = addSensor();
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"DHT22"_s);
    QCOMPARE(m_stores->sensors.cachedCount(), 1);
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().toJson(), sensor.toJson()); // from the cache

    sensor.modelo = u"BME280"_s;
    sensor.umbralMax = 30;
    QVERIFY(m_stores->sensors.update(sensor).ok());
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().toJson(), sensor.toJson());

    // An update that rolls back leaves the committed row visible (and cacheable) again.
    {
        Transaction tx(*m_db);
        Sensor draft = sensor;
        draft.modelo = u"rolled back"_s;
        QVERIFY(m_stores->sensors.update(draft).ok());
        QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"rolled back"_s);
    }
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"BME280"_s);
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"BME280"_s);

    // A delete that rolls back, then one that commits.
    {
        Transaction tx(*m_db);
        QVERIFY(m_stores->sensors.remove(sensor.id).ok());
        QVERIFY(!m_stores->sensors.find(sensor.id)->has_value());
        QVERIFY(!*m_stores->sensors.exists(sensor.id));
    }
    QVERIFY(m_stores->sensors.find(sensor.id)->has_value());
    QVERIFY(*m_stores->sensors.exists(sensor.id));
    {
        Transaction tx(*m_db);
        QVERIFY(m_stores->sensors.remove(sensor.id).ok());
        QVERIFY(tx.commit().ok());
    }
    QVERIFY(!m_stores->sensors.find(sensor.id)->has_value());
    QVERIFY(!*m_stores->sensors.exists(sensor.id));
    QCOMPARE(m_stores->sensors.cachedCount(), 0);
}

void tst_DomainStores::sensorCacheIgnoresUncommittedRows()
{
    qint64 id = 0;
    {
        Transaction tx(*m_db);
        id = addSensor().id;
        QVERIFY(m_stores->sensors.find(id)->has_value()); // read inside the transaction: not kept
        QCOMPARE(m_stores->sensors.cachedCount(), 0);
    }
    QVERIFY(!m_stores->sensors.find(id)->has_value());
    QVERIFY(!*m_stores->sensors.exists(id));
}

void tst_DomainStores::sensorCacheIsDroppedOnReopen()
{
    const Sensor sensor = addSensor();
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"DHT22"_s);
    QCOMPARE(m_stores->sensors.cachedCount(), 1);
    // Changed by another connection while this one is closed (a restore, another program): the reopened
    // store must not answer from what it read before.
    m_db->close();
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"domain-stores-other"_s);
        other.setDatabaseName(dbPath());
        QVERIFY(other.open());
        QSqlQuery update(other);
        QVERIFY(update.exec(u"UPDATE sensors SET modelo = 'changed' WHERE id = %1"_s.arg(sensor.id)));
        other.close();
    }
    QSqlDatabase::removeDatabase(u"domain-stores-other"_s);
    QVERIFY(m_db->open(dbPath()).ok());
    QCOMPARE(m_stores->sensors.find(sensor.id)->value().modelo, u"changed"_s);
}

QTEST_GUILESS_MAIN(tst_DomainStores)
#include "tst_domainstores.moc"
