// SPDX-FileCopyrightText: 2026 The Pulso authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/channel.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <memory>
#include <mutex>
#include <optional>

namespace pulso {

/// The seed's event types (core/events.py EventType).
enum class EventType : quint8 { Created, Updated, Deleted, AnomalyDetected, PredictionCompleted };
QString eventTypeName(EventType type);
std::optional<EventType> eventTypeFromName(QStringView name);

/// Severity of a system_event.
enum class SystemLevel : quint8 { Info, Warning, Error };
QString systemLevelName(SystemLevel level);
std::optional<SystemLevel> systemLevelFromName(QStringView name);

/// Everything an event says before it has a sequence number.
struct EventDraft
{
    enum class Kind : quint8 { Entity, System };

    Kind kind = Kind::System;
    Channel channel = Channel::General; ///< the event's own channel; General also gets it
    // entity_event
    QString entityType; ///< "sensor", "reading", ...
    EventType eventType = EventType::Created;
    std::optional<qint64> entityId;
    QJsonObject metadata;
    // system_event
    SystemLevel level = SystemLevel::Info;
    QString message;
    // both
    QJsonObject data;
    QDateTime timestamp; ///< UTC; set to "now" by the event store when empty
    /// Optional: the compact JSON of `data` / `metadata` when the caller already has it (it must be exactly
    /// json::compact() of the object); saves a QJsonDocument round trip per event on hot paths. With
    /// `dataJson` set, `data` may stay empty: Event::data() then parses it when somebody asks.
    QByteArray dataJson;
    QByteArray metadataJson;

    static EventDraft entity(const QString &entityType, EventType type, std::optional<qint64> id,
        const QJsonObject &data, const QJsonObject &metadata);
    static EventDraft system(SystemLevel level, const QString &message, const QJsonObject &data = {},
        Channel channel = Channel::General);
};

/// An emitted event: immutable, implicitly shared, serialized exactly once at construction.
/// Copies share the same bytes, so fan-out to any number of clients costs no re-serialization.
class Event
{
public:
    Event() = default;
    /// Builds the event and its wire JSON; `draft.timestamp` must be set. `epoch` names the history the seq
    /// belongs to (empty: the field is left out).
    static Event make(qint64 seq, EventDraft draft, const QString &epoch = {});

    /// Rebuilds an event from its stored wire JSON, keeping those exact bytes (replay); null when malformed.
    static Event fromJson(const QByteArray &json);

    bool isNull() const { return !d; }
    qint64 seq() const { return d ? d->seq : 0; }
    Channel channel() const { return d->draft.channel; }
    const EventDraft &draft() const { return d->draft; }
    /// UTF-8 JSON, the exact bytes every client receives.
    const QByteArray &json() const { return d->json; }
    /// The event's `data` object: `draft().data`, or, when the producer gave only its JSON
    /// (`draft().dataJson`, as single readings and batches do), parsed from it on first use, once, from any
    /// thread. Read event fields through this, not through `draft().data`.
    const QJsonObject &data() const;

    /// The seed's JSON object (with seq), for tests and tools; not used on the hot path.
    QJsonObject toJsonObject() const;

private:
    struct Data
    {
        qint64 seq = 0;
        EventDraft draft;
        QByteArray json;
        mutable std::once_flag parseOnce;
        mutable QJsonObject parsedData; ///< data() when the draft has only dataJson
    };
    std::shared_ptr<const Data> d;
};

/// Serializes a draft with the given seq (and epoch, when not empty) in the seed's field order.
QByteArray serializeEvent(qint64 seq, const EventDraft &draft, const QString &epoch = {});

} // namespace pulso

Q_DECLARE_METATYPE(pulso::Event)
