// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/migrations.h"

#include "storage/database.h"
#include "storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pulso {

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1,
            {
                // Key/value facts about this database; `epoch` changes only when the history is reset.
                u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                u"INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(8))))"_s,
                // The outbox: every event, written in the transaction of the change that caused it.
                // AUTOINCREMENT so that a seq is never reused, even after retention empties the table.
                u"CREATE TABLE events ("
                "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  channel TEXT NOT NULL,"
                "  created_at TEXT NOT NULL,"
                "  payload TEXT NOT NULL)"_s,
                u"CREATE INDEX events_channel_seq ON events (channel, seq)"_s,
            }},
        // The sensor domain. Times are INTEGER milliseconds since the Unix epoch, UTC (compact, fast to
        // compare; formatted as ISO-8601 only in JSON). AUTOINCREMENT: an id in an event never comes back
        // for another entity. Foreign keys without ON DELETE actions: the services refuse to delete what is
        // still referenced (409) and the constraint backs them up.
        {2,
            {
                u"CREATE TABLE locations ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  nombre TEXT NOT NULL,"
                "  descripcion TEXT,"
                "  latitud REAL CHECK (latitud BETWEEN -90 AND 90),"
                "  longitud REAL CHECK (longitud BETWEEN -180 AND 180),"
                "  created_at INTEGER NOT NULL,"
                "  updated_at INTEGER NOT NULL)"_s,
                u"CREATE TABLE sensors ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  tipo TEXT NOT NULL,"
                "  modelo TEXT NOT NULL,"
                "  location_id INTEGER REFERENCES locations (id),"
                "  unidad TEXT,"
                "  activo INTEGER NOT NULL DEFAULT 1,"
                "  umbral_min REAL,"
                "  umbral_max REAL,"
                "  created_at INTEGER NOT NULL,"
                "  updated_at INTEGER NOT NULL)"_s,
                u"CREATE INDEX sensors_location ON sensors (location_id)"_s,
                u"CREATE INDEX sensors_tipo ON sensors (tipo)"_s,
                u"CREATE TABLE readings ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  sensor_id INTEGER NOT NULL REFERENCES sensors (id),"
                "  valor REAL NOT NULL,"
                "  ts INTEGER NOT NULL,"
                "  created_at INTEGER NOT NULL)"_s,
                // (sensor_id, ts) serves the per-sensor series, newest first, and the sensor FK check;
                // (ts) the series of all sensors. Both end in the rowid, which breaks ties by id.
                u"CREATE INDEX readings_sensor_ts ON readings (sensor_id, ts)"_s,
                u"CREATE INDEX readings_ts ON readings (ts)"_s,
                u"CREATE TABLE anomalies ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  sensor_id INTEGER NOT NULL REFERENCES sensors (id),"
                "  reading_id INTEGER REFERENCES readings (id),"
                "  valor REAL NOT NULL,"
                "  score REAL,"
                "  severidad TEXT NOT NULL CHECK (severidad IN ('info', 'warning', 'critical')),"
                "  descripcion TEXT,"
                "  detected_at INTEGER NOT NULL,"
                "  created_at INTEGER NOT NULL)"_s,
                u"CREATE INDEX anomalies_sensor_detected ON anomalies (sensor_id, detected_at)"_s,
                u"CREATE INDEX anomalies_detected ON anomalies (detected_at)"_s,
                u"CREATE INDEX anomalies_reading ON anomalies (reading_id)"_s,
                u"CREATE TABLE predictions ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  sensor_id INTEGER NOT NULL REFERENCES sensors (id),"
                "  horizonte INTEGER NOT NULL CHECK (horizonte > 0),"
                "  valor_predicho REAL NOT NULL,"
                "  intervalo_inferior REAL,"
                "  intervalo_superior REAL,"
                "  modelo TEXT,"
                "  created_at INTEGER NOT NULL)"_s,
                u"CREATE INDEX predictions_sensor_created ON predictions (sensor_id, created_at)"_s,
                u"CREATE INDEX predictions_created ON predictions (created_at)"_s,
            }},
        // API tokens (issue 5). Only the SHA-256 of each secret is kept (hex); the secret itself is shown
        // once, to whoever created it. Revoked tokens stay listed (revoked_at set) so that the operator
        // sees what was revoked and when; their hashes can never match again.
        {3,
            {
                u"CREATE TABLE api_tokens ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  name TEXT NOT NULL,"
                "  role TEXT NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),"
                "  token_hash TEXT NOT NULL UNIQUE,"
                "  created_at INTEGER NOT NULL,"
                "  last_used_at INTEGER,"
                "  revoked_at INTEGER)"_s,
            }},
    };
    return all;
}

Result<int> applyMigrations(Database &db)
{
    if (Status s = db.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s); !s)
        return s.error();

    int current = 0;
    {
        QSqlQuery query(db.handle());
        if (!query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s) || !query.next())
            return storageError(query.lastError(), u"read schema_version"_s);
        current = query.value(0).toInt();
    }
    const int latest = migrations().isEmpty() ? 0 : migrations().constLast().version;
    if (current > latest) {
        return Error::make(ErrorKind::Internal, u"schema_too_new"_s,
            u"The database has schema version %1, newer than this Pulso (%2); "
            "use a newer Pulso or another database file."_s.arg(current)
                .arg(latest));
    }
    if (current == latest)
        return current;

    Transaction tx(db);
    if (!tx.isActive())
        return tx.beginError();
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        for (const QString &statement : migration.statements) {
            if (Status s = db.exec(statement); !s)
                return s.error();
        }
    }
    {
        QSqlQuery query(db.handle());
        query.prepare(u"INSERT INTO schema_version (version) VALUES (?)"_s);
        query.addBindValue(latest);
        if (Status s = execQuery(query, u"write schema_version"_s); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return latest;
}

} // namespace pulso
