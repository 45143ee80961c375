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

/// The `anomalies` table. Called inside the caller's transaction.
class AnomalyStore final
{
public:
    explicit AnomalyStore(Database &db) : m_statements(db) { }
    Q_DISABLE_COPY_MOVE(AnomalyStore)

    Result<Anomaly> insert(const Anomaly &value);
    Result<std::optional<Anomaly>> find(qint64 id);
    Status update(const Anomaly &value);
    Status remove(qint64 id);
    /// Newest `detected_at` first.
    Result<Page<Anomaly>> list(const SeriesFilter &filter, const PageRequest &page);
    Result<bool> anyForSensor(qint64 sensorId);
    Result<bool> anyForReading(qint64 readingId);

    void reset() { m_statements.clear(); }

private:
    StatementCache m_statements;
};

} // namespace pulso
