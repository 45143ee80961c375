// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "storage/sqlsupport.h"

#include <QHash>

#include <optional>

namespace pulso {

class Database;

/// The `sensors` table. Called inside the caller's transaction; knows SQL, not events.
/// Keeps the sensors it read outside a transaction (GET /sensors/{id} and the hub's location lookups read
/// the same few rows over and over): a row is dropped from the cache by any update or delete of it through
/// this store, committed or not, and the whole cache when the database is reopened or reset() runs. Correct
/// because this store is the only writer of the table (the server's connection is the single writer).
class SensorStore final
{
public:
    /// Rows kept at most; the cache is emptied when it is full.
    static constexpr qsizetype CacheLimit = 4096;

    explicit SensorStore(Database &db) : m_db(db), m_statements(db) { }
    Q_DISABLE_COPY_MOVE(SensorStore)

    Result<Sensor> insert(const Sensor &value);
    Result<std::optional<Sensor>> find(qint64 id);
    Result<bool> exists(qint64 id);
    Status update(const Sensor &value);
    Status remove(qint64 id);
    /// Ordered by id; filters by location and tipo when set.
    Result<Page<Sensor>> list(const SensorFilter &filter, const PageRequest &page);
    /// Whether any sensor is at the location (which then cannot be deleted).
    Result<bool> anyAtLocation(qint64 locationId);

    void reset()
    {
        m_statements.clear();
        m_cache.clear();
    }
    qsizetype cachedCount() const { return m_cache.size(); }

private:
    /// The cache, emptied first when the database was reopened since it was filled.
    QHash<qint64, Sensor> &cache();

    Database &m_db;
    StatementCache m_statements;
    QHash<qint64, Sensor> m_cache;
    quint64 m_cacheGeneration = 0;
};

} // namespace pulso
