// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/subscription.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {

std::optional<qint64> integerField(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

Error filterError(const QString &message)
{
    Error error = Error::make(ErrorKind::Validation, u"invalid_filter"_s, message);
    return error;
}

} // namespace

std::optional<qint64> eventSensorId(const Event &event)
{
    const EventDraft &draft = event.draft();
    if (draft.kind != EventDraft::Kind::Entity)
        return std::nullopt;
    if (draft.entityType == u"sensor")
        return draft.entityId;
    return integerField(event.data(), u"sensor_id"_s);
}

bool SubscriptionFilter::matches(const Event &event, const SensorLocationResolver &resolver) const
{
    const EventDraft &draft = event.draft();
    if (draft.kind != EventDraft::Kind::Entity)
        return true;
    if (eventTypes != 0 && (eventTypes & (1u << quint32(draft.eventType))) == 0)
        return false;
    const std::optional<qint64> sensor = eventSensorId(event);
    if (!sensorIds.isEmpty() && (!sensor || !sensorIds.contains(*sensor)))
        return false;
    if (locationId) {
        std::optional<qint64> location;
        if (draft.entityType == u"location")
            location = draft.entityId;
        else if (std::optional<qint64> own = integerField(event.data(), u"location_id"_s))
            location = own;
        else if (sensor && resolver)
            location = resolver(*sensor);
        if (location != locationId)
            return false;
    }
    return true;
}

QJsonObject SubscriptionFilter::toJson() const
{
    QJsonObject out;
    if (!sensorIds.isEmpty()) {
        QList<qint64> ids(sensorIds.cbegin(), sensorIds.cend());
        std::sort(ids.begin(), ids.end());
        QJsonArray array;
        for (qint64 id : ids)
            array.append(id);
        out.insert(u"sensor_ids"_s, array);
    }
    if (locationId)
        out.insert(u"location_id"_s, *locationId);
    if (eventTypes != 0) {
        QJsonArray types;
        for (quint32 i = 0; i < 32; ++i) {
            if (eventTypes & (1u << i))
                types.append(eventTypeName(static_cast<EventType>(i)));
        }
        out.insert(u"event_types"_s, types);
    }
    return out;
}

Result<SubscriptionFilter> SubscriptionFilter::fromJson(const QJsonValue &value)
{
    SubscriptionFilter filter;
    if (value.isUndefined() || value.isNull())
        return filter;
    if (!value.isObject())
        return filterError(
            u"\"filter\" must be an object with sensor_ids, location_id and/or event_types."_s);
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"sensor_ids" && it.key() != u"location_id" && it.key() != u"event_types")
            return filterError(
                u"Unknown filter field \"%1\"; known: sensor_ids, location_id, event_types."_s.arg(
                    it.key().left(64)));
    }
    const QJsonValue sensors = object.value(u"sensor_ids"_s);
    if (!sensors.isUndefined() && !sensors.isNull()) {
        if (!sensors.isArray() || sensors.toArray().size() > 1000)
            return filterError(u"\"sensor_ids\" must be an array of at most 1000 integer ids."_s);
        for (const QJsonValue &id : sensors.toArray()) {
            if (!id.isDouble() || id.toDouble() != double(id.toInteger()) || id.toInteger() <= 0)
                return filterError(u"\"sensor_ids\" must contain positive integer ids."_s);
            filter.sensorIds.insert(id.toInteger());
        }
    }
    const QJsonValue location = object.value(u"location_id"_s);
    if (!location.isUndefined() && !location.isNull()) {
        if (!location.isDouble() || location.toDouble() != double(location.toInteger())
            || location.toInteger() <= 0)
            return filterError(u"\"location_id\" must be a positive integer id."_s);
        filter.locationId = location.toInteger();
    }
    const QJsonValue types = object.value(u"event_types"_s);
    if (!types.isUndefined() && !types.isNull()) {
        if (!types.isArray())
            return filterError(u"\"event_types\" must be an array of event type names."_s);
        for (const QJsonValue &type : types.toArray()) {
            const std::optional<EventType> parsed = eventTypeFromName(type.toString());
            if (!type.isString() || !parsed) {
                return filterError(
                    u"Unknown event type in \"event_types\"; known: created, updated, deleted, "
                    "anomaly_detected, prediction_completed."_s);
            }
            filter.eventTypes |= 1u << quint32(*parsed);
        }
    }
    return filter;
}

QString deliveryModeName(DeliveryMode mode)
{
    return mode == DeliveryMode::Latest ? u"latest"_s : u"all"_s;
}

bool Subscription::covers(const Event &event, const SensorLocationResolver &resolver) const
{
    if (channel != Channel::General && channel != event.channel())
        return false;
    return filter.isEmpty() || filter.matches(event, resolver);
}

QJsonObject Subscription::toJson() const
{
    QJsonObject out {{u"channel"_s, channelName(channel)}, {u"mode"_s, deliveryModeName(mode)}};
    if (!filter.isEmpty())
        out.insert(u"filter"_s, filter.toJson());
    return out;
}

} // namespace pulso
