// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "core/validation.h"
#include "services/domainsupport.h"
#include "services/unitofwork.h"

namespace pulso {

class DomainStores;

/// Sensors: each change is written with its entity event in one transaction, emitted after commit.
class SensorService final
{
public:
    SensorService(const ServiceContext &context, DomainStores &stores, domain::Clock clock = {});
    Q_DISABLE_COPY_MOVE(SensorService)

    Result<Sensor> get(qint64 id);
    Result<Page<Sensor>> list(const SensorFilter &filter, const PageRequest &page);

    Result<Sensor> create(const QJsonObject &body);
    Result<Sensor> create(const Sensor &value);
    Result<Sensor> update(qint64 id, const QJsonObject &body, WriteMode mode);
    Result<Sensor> update(const Sensor &value);
    /// Deletes and returns the sensor; 409 while readings, anomalies or predictions refer to it.
    Result<Sensor> remove(qint64 id);

private:
    Status checkReferences(const Sensor &value);
    Result<Sensor> insert(UnitOfWork &work, Sensor value);
    Result<Sensor> store(UnitOfWork &work, const Sensor &current, Sensor value);

    ServiceContext m_context;
    DomainStores &m_stores;
    domain::Clock m_clock;
};

} // namespace pulso
