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

/// Predictions: each change is written with its entity event in one transaction, emitted after commit.
/// A stored prediction is announced as `created` (server-side forecasting may add `prediction_completed`
/// later).
class PredictionService final
{
public:
    PredictionService(const ServiceContext &context, DomainStores &stores, domain::Clock clock = {});
    Q_DISABLE_COPY_MOVE(PredictionService)

    Result<Prediction> get(qint64 id);
    Result<Page<Prediction>> list(const SeriesFilter &filter, const PageRequest &page);

    Result<Prediction> create(const QJsonObject &body);
    Result<Prediction> create(const Prediction &value);
    Result<Prediction> update(qint64 id, const QJsonObject &body, WriteMode mode);
    Result<Prediction> update(const Prediction &value);
    Result<Prediction> remove(qint64 id);

private:
    Status checkReferences(const Prediction &value);
    Result<Prediction> insert(UnitOfWork &work, Prediction value);
    Result<Prediction> store(UnitOfWork &work, const Prediction &current, Prediction value);

    ServiceContext m_context;
    DomainStores &m_stores;
    domain::Clock m_clock;
};

} // namespace pulso
