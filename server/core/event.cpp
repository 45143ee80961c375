// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/event.h"

#include "core/jsonutil.h"

#include <QJsonDocument>

#include <array>

using namespace Qt::StringLiterals;

namespace pulso {

namespace {
constexpr std::array<QStringView, 5> EventTypeNames = {
    u"created",
    u"updated",
    u"deleted",
    u"anomaly_detected",
    u"prediction_completed",
};
constexpr std::array<QStringView, 3> LevelNames = {u"info", u"warning", u"error"};
} // namespace

QString eventTypeName(EventType type)
{
    return EventTypeNames[static_cast<std::size_t>(type)].toString();
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    for (std::size_t i = 0; i < EventTypeNames.size(); ++i) {
        if (EventTypeNames[i] == name)
            return static_cast<EventType>(i);
    }
    return std::nullopt;
}

QString systemLevelName(SystemLevel level)
{
    return LevelNames[static_cast<std::size_t>(level)].toString();
}

std::optional<SystemLevel> systemLevelFromName(QStringView name)
{
    for (std::size_t i = 0; i < LevelNames.size(); ++i) {
        if (LevelNames[i] == name)
            return static_cast<SystemLevel>(i);
    }
    return std::nullopt;
}

EventDraft EventDraft::entity(const QString &entityType, EventType type, std::optional<qint64> id,
    const QJsonObject &data, const QJsonObject &metadata)
{
    EventDraft draft;
    draft.kind = Kind::Entity;
    draft.channel = channelForEntityType(entityType);
    draft.entityType = entityType;
    draft.eventType = type;
    draft.entityId = id;
    draft.data = data;
    draft.metadata = metadata;
    return draft;
}

EventDraft EventDraft::system(
    SystemLevel level, const QString &message, const QJsonObject &data, Channel channel)
{
    EventDraft draft;
    draft.kind = Kind::System;
    draft.channel = channel;
    draft.level = level;
    draft.message = message;
    draft.data = data;
    return draft;
}

QByteArray serializeEvent(qint64 seq, const EventDraft &draft, const QString &epoch)
{
    // Written by hand to keep the seed's field order (QJsonObject sorts keys) and to do it in one pass.
    QByteArray out;
    // The fixed text and the scalars take under 200 bytes; one allocation for the whole event.
    out.reserve(200 + draft.dataJson.size() + draft.metadataJson.size() + draft.entityType.size()
        + epoch.size() + draft.message.size() * 3);
    if (draft.kind == EventDraft::Kind::Entity) {
        json::appendRaw(out, "{\"type\":\"entity_event\",\"entity_type\":");
        json::appendString(out, draft.entityType);
        json::appendRaw(out, ",\"event_type\":");
        json::appendString(out, EventTypeNames[static_cast<std::size_t>(draft.eventType)]);
        json::appendRaw(out, ",\"entity_id\":");
        if (draft.entityId)
            json::appendInteger(out, *draft.entityId);
        else
            json::appendRaw(out, "null");
        json::appendRaw(out, ",\"data\":");
        json::appendRaw(out, draft.dataJson.isEmpty() ? json::compact(draft.data) : draft.dataJson);
        json::appendRaw(out, ",\"timestamp\":");
        json::appendTimestamp(out, draft.timestamp);
        json::appendRaw(out, ",\"metadata\":");
        json::appendRaw(
            out, draft.metadataJson.isEmpty() ? json::compact(draft.metadata) : draft.metadataJson);
    } else {
        json::appendRaw(out, "{\"type\":\"system_event\",\"level\":");
        json::appendString(out, LevelNames[static_cast<std::size_t>(draft.level)]);
        json::appendRaw(out, ",\"message\":");
        json::appendString(out, draft.message);
        json::appendRaw(out, ",\"data\":");
        json::appendRaw(out, json::compact(draft.data));
        json::appendRaw(out, ",\"timestamp\":");
        json::appendTimestamp(out, draft.timestamp);
    }
    json::appendRaw(out, ",\"seq\":");
    json::appendInteger(out, seq);
    if (!epoch.isEmpty()) {
        json::appendRaw(out, ",\"epoch\":");
        json::appendString(out, epoch);
    }
    out.append('}');
    return out;
}

Event Event::make(qint64 seq, EventDraft draft, const QString &epoch)
{
    Q_ASSERT(draft.timestamp.isValid());
    auto data = std::make_shared<Data>();
    data->seq = seq;
    data->json = serializeEvent(seq, draft, epoch);
    data->draft = std::move(draft);
    Event event;
    event.d = std::move(data);
    return event;
}

const QJsonObject &Event::data() const
{
    static const QJsonObject none;
    if (!d)
        return none;
    if (!d->draft.data.isEmpty() || d->draft.dataJson.isEmpty())
        return d->draft.data;
    std::call_once(d->parseOnce,
        [data = d.get()] { data->parsedData = QJsonDocument::fromJson(data->draft.dataJson).object(); });
    return d->parsedData;
}

Event Event::fromJson(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QJsonValue seq = object.value(u"seq"_s);
    if (!seq.isDouble())
        return {};
    EventDraft draft;
    const QString type = object.value(u"type"_s).toString();
    if (type == u"entity_event") {
        draft.kind = EventDraft::Kind::Entity;
        draft.entityType = object.value(u"entity_type"_s).toString();
        draft.channel = channelForEntityType(draft.entityType);
        draft.eventType
            = eventTypeFromName(object.value(u"event_type"_s).toString()).value_or(EventType::Created);
        const QJsonValue id = object.value(u"entity_id"_s);
        if (id.isDouble())
            draft.entityId = id.toInteger();
        draft.metadata = object.value(u"metadata"_s).toObject();
    } else if (type == u"system_event") {
        draft.kind = EventDraft::Kind::System;
        draft.level = systemLevelFromName(object.value(u"level"_s).toString()).value_or(SystemLevel::Info);
        draft.message = object.value(u"message"_s).toString();
        const QJsonObject data = object.value(u"data"_s).toObject();
        // A test event's channel is in its data; other system events belong to general.
        draft.channel = channelFromName(data.value(u"channel"_s).toString()).value_or(Channel::General);
    } else {
        return {};
    }
    draft.data = object.value(u"data"_s).toObject();
    draft.timestamp = json::parseTimestamp(object.value(u"timestamp"_s).toString());
    auto data = std::make_shared<Data>();
    data->seq = seq.toInteger();
    data->json = json;
    data->draft = std::move(draft);
    Event event;
    event.d = std::move(data);
    return event;
}

QJsonObject Event::toJsonObject() const
{
    return d ? QJsonDocument::fromJson(d->json).object() : QJsonObject {};
}

} // namespace pulso
