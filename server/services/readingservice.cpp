// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/readingservice.h"

#include "core/entityvalidation.h"
#include "core/jsonutil.h"
#include "core/readingsjson.h"
#include "storage/domainstores.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

Error batchTooLarge(qsizetype size)
{
    return Error::make(ErrorKind::PayloadTooLarge, u"batch_too_large"_s,
        u"The batch has %1 readings; at most %2 are accepted per request."_s.arg(size).arg(
            ReadingService::MaxBatchSize));
}

Error emptyBatch()
{
    FieldErrors errors;
    errors.add(u"body"_s, u"must contain at least one reading"_s);
    return errors.toError(u"readings batch"_s);
}

QString itemPrefix(qsizetype index)
{
    return u"[%1]."_s.arg(index);
}

} // namespace

ReadingService::ReadingService(const ServiceContext &context, DomainStores &stores, domain::Clock clock)
    : m_context(context), m_stores(stores), m_clock(clock ? std::move(clock) : domain::systemClock())
{ }

Result<Reading> ReadingService::get(qint64 id)
{
    Result<std::optional<Reading>> found = m_stores.readings.find(id);
    if (!found)
        return found.error();
    if (!*found)
        return domain::notFound(entity::Reading, id);
    return **found;
}

Result<Page<Reading>> ReadingService::list(const SeriesFilter &filter, const PageRequest &page)
{
    return m_stores.readings.list(filter, page);
}

Result<Reading> ReadingService::create(const QJsonObject &body)
{
    // An absent timestamp is the moment of storing: the same value as created_at.
    const TimeMs now = m_clock();
    Result<Reading> value = fromJson(body, Reading {}, WriteMode::Create, now);
    if (!value)
        return value.error();
    Result<QList<Reading>> stored = insert({std::move(value).value()}, false, now);
    if (!stored)
        return stored.error();
    return stored->first();
}

Result<Reading> ReadingService::create(const Reading &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    Result<QList<Reading>> stored = insert({value}, false, m_clock());
    if (!stored)
        return stored.error();
    return stored->first();
}

Result<QList<Reading>> ReadingService::createBatch(const QJsonArray &items)
{
    if (items.size() > MaxBatchSize)
        return batchTooLarge(items.size());
    if (items.isEmpty())
        return emptyBatch();
    const TimeMs now = m_clock();
    FieldErrors errors;
    QList<Reading> values;
    values.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isObject()) {
            errors.add(u"[%1]"_s.arg(i), u"must be a JSON object"_s);
            continue;
        }
        // Checked without a prefix first: whether an item is valid does not depend on its field names,
        // and building "[i]." names for every good item was a tenth of a batch. A bad item is read
        // again with its prefix, so the errors are exactly those of one pass with names.
        Reading reading;
        FieldErrors own;
        const QJsonObject object = item.toObject();
        readJson(object, WriteMode::Create, reading, own, {}, now);
        validate(reading, own);
        if (!own.isEmpty()) {
            reading = Reading {};
            const QString prefix = itemPrefix(i);
            readJson(object, WriteMode::Create, reading, errors, prefix, now);
            validate(reading, errors, prefix);
        }
        values.append(reading);
    }
    if (!errors.isEmpty())
        return errors.toError(u"readings batch"_s);
    return insert(std::move(values), true, now);
}

std::optional<Result<QList<Reading>>> ReadingService::createBatchFromJson(QByteArrayView json)
{
    // One clock reading for the default timestamps and created_at, as createBatch(const QJsonArray &) does.
    const TimeMs now = m_clock();
    std::optional<QList<Reading>> values = readReadingsBatch(json, now);
    if (!values)
        return std::nullopt;
    return createBatch(std::move(*values), now);
}

Result<QList<Reading>> ReadingService::createBatch(QList<Reading> values)
{
    return createBatch(std::move(values), m_clock());
}

Result<QList<Reading>> ReadingService::createBatch(QList<Reading> values, TimeMs now)
{
    if (values.size() > MaxBatchSize)
        return batchTooLarge(values.size());
    if (values.isEmpty())
        return emptyBatch();
    FieldErrors errors;
    for (qsizetype i = 0; i < values.size(); ++i) {
        FieldErrors own;
        validate(values[i], own);
        if (!own.isEmpty())
            validate(values[i], errors, itemPrefix(i));
    }
    if (!errors.isEmpty())
        return errors.toError(u"readings batch"_s);
    return insert(std::move(values), true, now);
}

Result<QList<Reading>> ReadingService::insert(QList<Reading> values, bool batch, TimeMs now)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();

    // Every referenced sensor must exist; in a batch each distinct id is looked up once, so that every
    // bad item can be named. A single reading relies on the foreign key instead (one lookup less on the
    // hot path): the readings table has no other constraint an insert can break.
    QHash<qint64, bool> known;
    FieldErrors missing;
    for (qsizetype i = 0; batch && i < values.size(); ++i) {
        const qint64 sensorId = values[i].sensorId;
        auto it = known.constFind(sensorId);
        if (it == known.constEnd()) {
            Result<bool> exists = m_stores.sensors.exists(sensorId);
            if (!exists)
                return exists.error();
            it = known.insert(sensorId, *exists);
        }
        if (!it.value()) {
            missing.add(itemPrefix(i) + u"sensor_id"_s, u"no sensor with id %1"_s.arg(sensorId));
        }
    }
    if (!missing.isEmpty()) {
        Error error = missing.toError(u"readings batch"_s);
        error.code = u"unknown_reference"_s;
        error.message
            = u"%1 readings refer to sensors that do not exist; nothing was stored."_s.arg(missing.size());
        return error;
    }

    // Built once per request; each event's data is written by Reading::toCompactJson (the same bytes as
    // QJsonDocument would give), so no QJsonDocument runs per reading, and its QJsonObject is left to
    // Event::data(), which builds it only for a subscription filter or the console that asks.
    const QString entityType = entity::Reading.toString();
    const QJsonObject metadata = domain::changeMetadata(
        EventType::Created, entity::Reading, batch ? QJsonObject {{u"batch"_s, true}} : QJsonObject {});
    const QByteArray metadataJson = json::compact(metadata);
    if (batch) {
        // All readings, then all their events, each with multi-row inserts: the same rows, ids and seqs
        // as one insert of each at a time, in one transaction either way.
        for (Reading &reading : values)
            reading.createdAt = now;
        if (Status s = m_stores.readings.insertAll(values); !s)
            return s.error();
        QList<EventDraft> drafts;
        drafts.reserve(values.size());
        for (const Reading &reading : std::as_const(values))
            drafts.append(domain::changeDraft(entityType, EventType::Created, reading.id, {},
                reading.toCompactJson(), metadata, metadataJson));
        if (Status s = work.recordAll(std::move(drafts)); !s)
            return s.error();
        if (Status s = work.commit(); !s)
            return s.error();
        return values;
    }
    for (Reading &reading : values) {
        reading.createdAt = now;
        if (Status s = m_stores.readings.insert(reading); !s) {
            if (!batch && s.error().kind == ErrorKind::Conflict)
                return domain::unknownReference(u"sensor_id"_s, entity::Sensor, reading.sensorId);
            return s.error();
        }
        if (Result<Event> e = domain::recordChange(work, entityType, EventType::Created, reading.id, {},
                reading.toCompactJson(), metadata, metadataJson);
            !e)
            return e.error();
    }
    if (Status s = work.commit(); !s)
        return s.error();
    return values;
}

Result<Reading> ReadingService::update(qint64 id, const QJsonObject &body, WriteMode mode)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Reading> current = get(id);
    if (!current)
        return current;
    Result<Reading> changed = fromJson(body, *current, mode, m_clock());
    if (!changed)
        return changed;
    return store(work, *current, std::move(changed).value());
}

Result<Reading> ReadingService::update(const Reading &value)
{
    if (Status s = checkEntity(value); !s)
        return s.error();
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Reading> current = get(value.id);
    if (!current)
        return current;
    return store(work, *current, value);
}

Result<Reading> ReadingService::store(UnitOfWork &work, const Reading &current, Reading value)
{
    Result<bool> exists = m_stores.sensors.exists(value.sensorId);
    if (!exists)
        return exists.error();
    if (!*exists)
        return domain::unknownReference(u"sensor_id"_s, entity::Sensor, value.sensorId);
    value.id = current.id;
    value.createdAt = current.createdAt;
    if (Status s = m_stores.readings.update(value); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Reading, EventType::Updated, value.id, value.toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return value;
}

Result<Reading> ReadingService::remove(qint64 id)
{
    UnitOfWork work(m_context);
    if (!work.isActive())
        return work.beginError();
    Result<Reading> current = get(id);
    if (!current)
        return current;
    Result<bool> used = m_stores.anomalies.anyForReading(id);
    if (!used)
        return used.error();
    if (*used)
        return domain::stillReferenced(entity::Reading, id, {u"anomalies"_s});
    if (Status s = m_stores.readings.remove(id); !s)
        return s.error();
    if (Result<Event> e
        = domain::recordChange(work, entity::Reading, EventType::Deleted, id, current->toJson());
        !e)
        return e.error();
    if (Status s = work.commit(); !s)
        return s.error();
    return current;
}

} // namespace pulso
