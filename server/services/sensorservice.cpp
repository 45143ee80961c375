// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/sensorservice.h"

#include "core/entityvalidation.h"
#include "storage/domainstores.h"

using namespace Qt::StringLiterals;

namespace pulso {

SensorService::SensorService(const ServiceContext &context, DomainStores &stores, domain::Clock clock)
    : m_context(context), m_stores(stores), m_clock(clock ? std::move(clock) : domain::systemClock())
{ }

Result<Sensor> SensorService::get(qint64 id)
{
    Result<std::optional<Sensor>> found = m_stores.sensors.find(id);
    if (!found)
        return found.error();
    if (!*found)
        return domain::notFound(entity::Sensor, id);
    return **found;
}

Result<Page<Sensor>> SensorService::list(const SensorFilter &filter, const PageRequest &page)
{
    return m_stores.sensors.list(filter, page);
}

Result<Sensor> SensorService::create(const QJsonObject &body)
{
    Result<Sensor> value = fromJson(body, Sensor {}, WriteMode::Create, m_clock());
    if (!value)
        return value.error();
    UnitOfWork work(m_context);
    return insert(work, std::move(value).value());
}

Result<Sensor> SensorService::create(const Sensor &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    return insert(work, value);
}

Status SensorService::checkReferences(const Sensor &value)
{
    if (!value.locationId)
        return Ok {};
    Result<bool> exists = m_stores.locations.exists(*value.locationId);
    if (!exists)
        return exists.error();
    if (!*exists)
        return domain::unknownReference(u"location_id"_s, entity::Location, *value.locationId);
    return Ok {};
}

Result<Sensor> SensorService::insert(UnitOfWork &work, Sensor value)
{
    if (!work.isActive())
        return work.beginError();
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.createdAt = value.updatedAt = m_clock();
    Result<Sensor> stored = m_stores.sensors.insert(value);
    if (!stored)
        return stored;
    if (Result<Event> e
        = domain::recordChange(work, entity::Sensor, EventType::Created, stored->id, stored->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return stored;
}

Result<Sensor> SensorService::update(qint64 id, const QJsonObject &body, WriteMode mode)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Sensor> current = get(id);
    if (!current)
        return current;
    Result<Sensor> changed = fromJson(body, *current, mode, m_clock());
    if (!changed)
        return changed;
    return store(work, *current, std::move(changed).value());
}

Result<Sensor> SensorService::update(const Sensor &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Sensor> current = get(value.id);
    if (!current)
        return current;
    return store(work, *current, value);
}

Result<Sensor> SensorService::store(UnitOfWork &work, const Sensor &current, Sensor value)
{
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.id = current.id;
    value.createdAt = current.createdAt;
    value.updatedAt = m_clock();
    if (Status s = m_stores.sensors.update(value); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Sensor, EventType::Updated, value.id, value.toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return value;
}

Result<Sensor> SensorService::remove(qint64 id)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Sensor> current = get(id);
    if (!current)
        return current;
    QStringList dependents;
    const auto note = [&dependents](const Result<bool> &used, const QString &name) -> Status {
        if (!used)
            return used.error();
        if (*used)
            dependents << name;
        return Ok {};
    };
    if (Status s = note(m_stores.readings.anyForSensor(id), u"readings"_s); !s)
        return s.error();
    if (Status s = note(m_stores.anomalies.anyForSensor(id), u"anomalies"_s); !s)
        return s.error();
    if (Status s = note(m_stores.predictions.anyForSensor(id), u"predictions"_s); !s)
        return s.error();
    if (!dependents.isEmpty())
        return domain::stillReferenced(entity::Sensor, id, dependents);
    if (Status s = m_stores.sensors.remove(id); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Sensor, EventType::Deleted, id, current->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return current;
}

} // namespace pulso
