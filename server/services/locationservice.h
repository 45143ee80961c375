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

/// Locations: each change is written with its entity event in one transaction, emitted after commit.
class LocationService final
{
public:
    LocationService(const ServiceContext &context, DomainStores &stores, domain::Clock clock = {});
    Q_DISABLE_COPY_MOVE(LocationService)

    Result<Location> get(qint64 id);
    Result<Page<Location>> list(const PageRequest &page);

    /// From a JSON body (POST).
    Result<Location> create(const QJsonObject &body);
    /// From a value built in code (id and times are the server's).
    Result<Location> create(const Location &value);
    /// PUT (Replace) or PATCH (Patch) of location `id`.
    Result<Location> update(qint64 id, const QJsonObject &body, WriteMode mode);
    /// Replaces every writable field of location `value.id`.
    Result<Location> update(const Location &value);
    /// Deletes and returns the location; 409 while sensors are at it.
    Result<Location> remove(qint64 id);

private:
    Result<Location> insert(UnitOfWork &work, Location value);
    Result<Location> store(UnitOfWork &work, const Location &current, Location value);

    ServiceContext m_context;
    DomainStores &m_stores;
    domain::Clock m_clock;
};

} // namespace pulso
