// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "storage/sqlsupport.h"

#include <optional>

namespace pulso {

class Database;

/// The `sensors` table. Called inside the caller's transaction; knows SQL, not events.
class SensorStore final
{
public:
    explicit SensorStore(Database &db) : m_statements(db) { }
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

    void reset() { m_statements.clear(); }

private:
    StatementCache m_statements;
};

} // namespace pulso
