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

/// Anomalies: each change is written with its entity event in one transaction, emitted after commit.
/// A stored anomaly is announced as `created` (the analytics that detect anomalies themselves may add
/// `anomaly_detected` later).
class AnomalyService final
{
public:
    AnomalyService(const ServiceContext &context, DomainStores &stores, domain::Clock clock = {});
    Q_DISABLE_COPY_MOVE(AnomalyService)

    Result<Anomaly> get(qint64 id);
    Result<Page<Anomaly>> list(const SeriesFilter &filter, const PageRequest &page);

    Result<Anomaly> create(const QJsonObject &body);
    Result<Anomaly> create(const Anomaly &value);
    Result<Anomaly> update(qint64 id, const QJsonObject &body, WriteMode mode);
    Result<Anomaly> update(const Anomaly &value);
    Result<Anomaly> remove(qint64 id);

private:
    Status checkReferences(const Anomaly &value);
    Result<Anomaly> insert(UnitOfWork &work, Anomaly value);
    Result<Anomaly> store(UnitOfWork &work, const Anomaly &current, Anomaly value);

    ServiceContext m_context;
    DomainStores &m_stores;
    domain::Clock m_clock;
};

} // namespace pulso
