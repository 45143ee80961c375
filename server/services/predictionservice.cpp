// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/predictionservice.h"

#include "core/entityvalidation.h"
#include "storage/domainstores.h"

using namespace Qt::StringLiterals;

namespace pulso {

PredictionService::PredictionService(const ServiceContext &context, DomainStores &stores, domain::Clock clock)
    : m_context(context), m_stores(stores), m_clock(clock ? std::move(clock) : domain::systemClock())
{ }

Result<Prediction> PredictionService::get(qint64 id)
{
    Result<std::optional<Prediction>> found = m_stores.predictions.find(id);
    if (!found)
        return found.error();
    if (!*found)
        return domain::notFound(entity::Prediction, id);
    return **found;
}

Result<Page<Prediction>> PredictionService::list(const SeriesFilter &filter, const PageRequest &page)
{
    return m_stores.predictions.list(filter, page);
}

Result<Prediction> PredictionService::create(const QJsonObject &body)
{
    Result<Prediction> value = fromJson(body, Prediction {}, WriteMode::Create, m_clock());
    if (!value)
        return value.error();
    UnitOfWork work(m_context);
    return insert(work, std::move(value).value());
}

Result<Prediction> PredictionService::create(const Prediction &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    return insert(work, value);
}

Status PredictionService::checkReferences(const Prediction &value)
{
    Result<bool> sensor = m_stores.sensors.exists(value.sensorId);
    if (!sensor)
        return sensor.error();
    if (!*sensor)
        return domain::unknownReference(u"sensor_id"_s, entity::Sensor, value.sensorId);
    return Ok {};
}

Result<Prediction> PredictionService::insert(UnitOfWork &work, Prediction value)
{
    if (!work.isActive())
        return work.beginError();
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.createdAt = m_clock();
    Result<Prediction> stored = m_stores.predictions.insert(value);
    if (!stored)
        return stored;
    if (Result<Event> e
        = domain::recordChange(work, entity::Prediction, EventType::Created, stored->id, stored->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return stored;
}

Result<Prediction> PredictionService::update(qint64 id, const QJsonObject &body, WriteMode mode)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Prediction> current = get(id);
    if (!current)
        return current;
    Result<Prediction> changed = fromJson(body, *current, mode, m_clock());
    if (!changed)
        return changed;
    return store(work, *current, std::move(changed).value());
}

Result<Prediction> PredictionService::update(const Prediction &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Prediction> current = get(value.id);
    if (!current)
        return current;
    return store(work, *current, value);
}

Result<Prediction> PredictionService::store(UnitOfWork &work, const Prediction &current, Prediction value)
{
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.id = current.id;
    value.createdAt = current.createdAt;
    if (Status s = m_stores.predictions.update(value); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Prediction, EventType::Updated, value.id, value.toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return value;
}

Result<Prediction> PredictionService::remove(qint64 id)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Prediction> current = get(id);
    if (!current)
        return current;
    if (Status s = m_stores.predictions.remove(id); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Prediction, EventType::Deleted, id, current->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return current;
}

} // namespace pulso
