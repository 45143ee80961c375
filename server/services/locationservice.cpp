// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/locationservice.h"

#include "core/entityvalidation.h"
#include "storage/domainstores.h"

using namespace Qt::StringLiterals;

namespace pulso {

LocationService::LocationService(const ServiceContext &context, DomainStores &stores, domain::Clock clock)
    : m_context(context), m_stores(stores), m_clock(clock ? std::move(clock) : domain::systemClock())
{ }

Result<Location> LocationService::get(qint64 id)
{
    Result<std::optional<Location>> found = m_stores.locations.find(id);
    if (!found)
        return found.error();
    if (!*found)
        return domain::notFound(entity::Location, id);
    return **found;
}

Result<Page<Location>> LocationService::list(const PageRequest &page)
{
    return m_stores.locations.list(page);
}

Result<Location> LocationService::create(const QJsonObject &body)
{
    Result<Location> value = fromJson(body, Location {}, WriteMode::Create, m_clock());
    if (!value)
        return value.error();
    UnitOfWork work(m_context);
    return insert(work, std::move(value).value());
}

Result<Location> LocationService::create(const Location &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    return insert(work, value);
}

Result<Location> LocationService::insert(UnitOfWork &work, Location value)
{
    if (!work.isActive())
        return work.beginError();
    value.createdAt = value.updatedAt = m_clock();
    Result<Location> stored = m_stores.locations.insert(value);
    if (!stored)
        return stored;
    if (Result<Event> e
        = domain::recordChange(work, entity::Location, EventType::Created, stored->id, stored->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return stored;
}

Result<Location> LocationService::update(qint64 id, const QJsonObject &body, WriteMode mode)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Location> current = get(id);
    if (!current)
        return current;
    Result<Location> changed = fromJson(body, *current, mode, m_clock());
    if (!changed)
        return changed;
    return store(work, *current, std::move(changed).value());
}

Result<Location> LocationService::update(const Location &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Location> current = get(value.id);
    if (!current)
        return current;
    return store(work, *current, value);
}

Result<Location> LocationService::store(UnitOfWork &work, const Location &current, Location value)
{
    value.id = current.id;
    value.createdAt = current.createdAt;
    value.updatedAt = m_clock();
    if (Status s = m_stores.locations.update(value); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Location, EventType::Updated, value.id, value.toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return value;
}

Result<Location> LocationService::remove(qint64 id)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Location> current = get(id);
    if (!current)
        return current;
    Result<bool> used = m_stores.sensors.anyAtLocation(id);
    if (!used)
        return used.error();
    if (*used)
        return domain::stillReferenced(entity::Location, id, {u"sensors"_s});
    if (Status s = m_stores.locations.remove(id); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Location, EventType::Deleted, id, current->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return current;
}

} // namespace pulso
