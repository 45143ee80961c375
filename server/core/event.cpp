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

QByteArray serializeEvent(qint64 seq, const EventDraft &draft)
{
    // Written by hand to keep the seed's field order (QJsonObject sorts keys) and to do it in one pass.
    QByteArray out;
    out.reserve(256);
    if (draft.kind == EventDraft::Kind::Entity) {
        out.append("{\"type\":\"entity_event\",\"entity_type\":");
        json::appendString(out, draft.entityType);
        out.append(",\"event_type\":");
        json::appendString(out, eventTypeName(draft.eventType));
        out.append(",\"entity_id\":");
        if (draft.entityId)
            out.append(QByteArray::number(*draft.entityId));
        else
            out.append("null");
        out.append(",\"data\":");
        out.append(json::compact(draft.data));
        out.append(",\"timestamp\":");
        json::appendString(out, json::timestamp(draft.timestamp));
        out.append(",\"metadata\":");
        out.append(json::compact(draft.metadata));
    } else {
        out.append("{\"type\":\"system_event\",\"level\":");
        json::appendString(out, systemLevelName(draft.level));
        out.append(",\"message\":");
        json::appendString(out, draft.message);
        out.append(",\"data\":");
        out.append(json::compact(draft.data));
        out.append(",\"timestamp\":");
        json::appendString(out, json::timestamp(draft.timestamp));
    }
    out.append(",\"seq\":");
    out.append(QByteArray::number(seq));
    out.append('}');
    return out;
}

Event Event::make(qint64 seq, EventDraft draft)
{
    Q_ASSERT(draft.timestamp.isValid());
    auto data = std::make_shared<Data>();
    data->seq = seq;
    data->json = serializeEvent(seq, draft);
    data->text = QString::fromUtf8(data->json);
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
