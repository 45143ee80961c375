// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/entities.h"
#include "core/error.h"
#include "core/listquery.h"
#include "core/validation.h"
#include "services/domainsupport.h"
#include "services/unitofwork.h"

#include <QByteArrayView>
#include <QJsonArray>

#include <optional>

namespace pulso {

class DomainStores;

/// Readings, one at a time or in batches: each change is written with its entity events in one
/// transaction, emitted after commit. A batch is all or nothing and emits one event per reading.
class ReadingService final
{
public:
    static constexpr qsizetype MaxBatchSize = 10000;

    ReadingService(const ServiceContext &context, DomainStores &stores, domain::Clock clock = {});
    Q_DISABLE_COPY_MOVE(ReadingService)

    Result<Reading> get(qint64 id);
    Result<Page<Reading>> list(const SeriesFilter &filter, const PageRequest &page);

    Result<Reading> create(const QJsonObject &body);
    Result<Reading> create(const Reading &value);
    /// Up to MaxBatchSize readings (JSON objects) in one transaction.
    Result<QList<Reading>> createBatch(const QJsonArray &items);
    Result<QList<Reading>> createBatch(QList<Reading> values);
    /// The batch straight from its JSON body when it has the usual shape (readReadingsBatch); nullopt when it
    /// does not, and then the caller parses it and calls createBatch(const QJsonArray &), which gives the
    /// exact errors.
    std::optional<Result<QList<Reading>>> createBatchFromJson(QByteArrayView json);
    Result<Reading> update(qint64 id, const QJsonObject &body, WriteMode mode);
    Result<Reading> update(const Reading &value);
    /// Deletes and returns the reading; 409 while an anomaly refers to it.
    Result<Reading> remove(qint64 id);

private:
    Result<QList<Reading>> createBatch(QList<Reading> values, TimeMs now);
    Result<QList<Reading>> insert(QList<Reading> values, bool batch, TimeMs now);
    Result<Reading> store(UnitOfWork &work, const Reading &current, Reading value);

    ServiceContext m_context;
    DomainStores &m_stores;
    domain::Clock m_clock;
};

} // namespace pulso
