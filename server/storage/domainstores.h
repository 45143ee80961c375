// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/anomalystore.h"
#include "storage/locationstore.h"
#include "storage/predictionstore.h"
#include "storage/readingstore.h"
#include "storage/sensorstore.h"

namespace pulso {

class Database;

/// The sensor domain's tables, one store each, on one connection. This is the seam a PostgreSQL
/// backend would replace: services see entities and these methods, never SQL.
class DomainStores final
{
public:
    explicit DomainStores(Database &db)
        : locations(db), sensors(db), readings(db), anomalies(db), predictions(db)
    { }
    Q_DISABLE_COPY_MOVE(DomainStores)

    /// Drops every prepared statement; call before the database closes.
    void reset()
    {
        locations.reset();
        sensors.reset();
        readings.reset();
        anomalies.reset();
        predictions.reset();
    }

    LocationStore locations;
    SensorStore sensors;
    ReadingStore readings;
    AnomalyStore anomalies;
    PredictionStore predictions;
};

} // namespace pulso
