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

/// The `predictions` table. Called inside the caller's transaction.
class PredictionStore final
{
public:
    explicit PredictionStore(Database &db) : m_statements(db) { }
    Q_DISABLE_COPY_MOVE(PredictionStore)

    Result<Prediction> insert(const Prediction &value);
    Result<std::optional<Prediction>> find(qint64 id);
    Status update(const Prediction &value);
    Status remove(qint64 id);
    /// Newest `created_at` first.
    Result<Page<Prediction>> list(const SeriesFilter &filter, const PageRequest &page);
    Result<bool> anyForSensor(qint64 sensorId);

    void reset() { m_statements.clear(); }

private:
    StatementCache m_statements;
};

} // namespace pulso
