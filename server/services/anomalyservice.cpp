// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/anomalyservice.h"

#include "core/entityvalidation.h"
#include "storage/domainstores.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pulso {

AnomalyService::AnomalyService(const ServiceContext &context, DomainStores &stores, domain::Clock clock)
    : m_context(context), m_stores(stores), m_clock(clock ? std::move(clock) : domain::systemClock())
{ }

Result<Anomaly> AnomalyService::get(qint64 id)
{
    Result<std::optional<Anomaly>> found = m_stores.anomalies.find(id);
    if (!found)
        return found.error();
    if (!*found)
        return domain::notFound(entity::Anomaly, id);
    return **found;
}

Result<Page<Anomaly>> AnomalyService::list(const SeriesFilter &filter, const PageRequest &page)
{
    return m_stores.anomalies.list(filter, page);
}

Result<Anomaly> AnomalyService::create(const QJsonObject &body)
{
    Result<Anomaly> value = fromJson(body, Anomaly {}, WriteMode::Create, m_clock());
    if (!value)
        return value.error();
    UnitOfWork work(m_context);
    return insert(work, std::move(value).value());
}

Result<Anomaly> AnomalyService::create(const Anomaly &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    return insert(work, value);
}

Status AnomalyService::checkReferences(const Anomaly &value)
{
    Result<bool> sensor = m_stores.sensors.exists(value.sensorId);
    if (!sensor)
        return sensor.error();
    if (!*sensor)
        return domain::unknownReference(u"sensor_id"_s, entity::Sensor, value.sensorId);
    if (!value.readingId)
        return Ok {};
    Result<std::optional<Reading>> reading = m_stores.readings.find(*value.readingId);
    if (!reading)
        return reading.error();
    if (!*reading)
        return domain::unknownReference(u"reading_id"_s, entity::Reading, *value.readingId);
    if ((*reading)->sensorId != value.sensorId) {
        const QString message = u"reading %1 belongs to sensor %2, not to sensor %3"_s.arg(*value.readingId)
                                    .arg((*reading)->sensorId)
                                    .arg(value.sensorId);
        return Error::make(ErrorKind::Validation, u"validation_failed"_s,
            u"Invalid anomaly: reading_id %1."_s.arg(message),
            QJsonArray {QJsonObject {{u"field"_s, u"reading_id"_s}, {u"message"_s, message}}});
    }
    return Ok {};
}

Result<Anomaly> AnomalyService::insert(UnitOfWork &work, Anomaly value)
{
    if (!work.isActive())
        return work.beginError();
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.createdAt = m_clock();
    Result<Anomaly> stored = m_stores.anomalies.insert(value);
    if (!stored)
        return stored;
    if (Result<Event> e
        = domain::recordChange(work, entity::Anomaly, EventType::Created, stored->id, stored->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return stored;
}

Result<Anomaly> AnomalyService::update(qint64 id, const QJsonObject &body, WriteMode mode)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Anomaly> current = get(id);
    if (!current)
        return current;
    Result<Anomaly> changed = fromJson(body, *current, mode, m_clock());
    if (!changed)
        return changed;
    return store(work, *current, std::move(changed).value());
}

Result<Anomaly> AnomalyService::update(const Anomaly &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Anomaly> current = get(value.id);
    if (!current)
        return current;
    return store(work, *current, value);
}

Result<Anomaly> AnomalyService::store(UnitOfWork &work, const Anomaly &current, Anomaly value)
{
    if (Status s = checkReferences(value); !s)
        return s.error();
    value.id = current.id;
    value.createdAt = current.createdAt;
    if (Status s = m_stores.anomalies.update(value); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Anomaly, EventType::Updated, value.id, value.toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return value;
}

Result<Anomaly> AnomalyService::remove(qint64 id)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Anomaly> current = get(id);
    if (!current)
        return current;
    if (Status s = m_stores.anomalies.remove(id); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Anomaly, EventType::Deleted, id, current->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return current;
}

} // namespace pulso
